"""Places: administrative divisions from the gazetteer, LAC's LOC words, and
names with a place suffix (…社区, …村, …小区, …路)."""

import bisect
import re

from spacy.language import Language

from ..gazetteers.divisions import load_divisions
from .candidates import (CJK, DATELINE, TOWNSHIP_UNITS, Cand, add_candidates, alternation, doc_text, naming, tagged, tags_by_start,
                         token_bounds)

# real division names that are also common words (惠民: for the people, 公安: police, 城中村)
_AMBIGUOUS = {"全州", "全市", "全省", "全县", "全区", "全镇", "全乡", "本市", "本县", "城区", "矿区", "郊区", "社区", "新区",
              "市中区", "市区", "中心", "江南", "江北", "河西", "河东", "城关", "和平", "新华", "长安", "安定", "太平",
              "平安", "解放", "友谊", "东方", "光明", "富民", "惠民", "新兴", "公安", "共和", "红旗", "向阳", "前进",
              "城中", "城东", "城西", "城北", "通道", "安居", "大方", "安宁", "新城", "长寿", "延长", "兴国", "万年",
              "富裕", "平和", "乐业", "兴业", "新民", "清流", "龙井"}
_GENERIC_HEAD = set("全各该本我每此这那其某")
_CUT_SHORT = re.compile(f"(?:、|街道|镇|乡)([{CJK}])([{CJK}](?:村|社区))")
_LOCAL_BODIES = ("党委", "党支部", "党总支", "村委会", "居委会", "党群")
_FUNCTION_TAGS = ("p", "u", "c", "w", "r", "m", "q", "xc", "f", "TIME")
_NOT_NAME_CHARS = set("在到从和与及是的了该本各全每这那其某有为将已也都")
_DEICTIC = tuple(_GENERIC_HEAD)
_MAXLEN = 16
_TITLE = re.compile(r"《[^《》]{1,100}》")
# a villagers' group named, not numbered (和平村|胜利组); not 村民组, 党小组, 组织, 组建
_NAMED_GROUP = re.compile(r"[\u4e00-\u9fff]{2}组(?![\u4e00-\u9fff]{0,1}[织建成团长员合队委装件])")
# the two-character words before 组 that make a working group, not a villagers' group
_GROUP_WORDS = frozenset(("村民", "党小", "小组", "工作", "专班", "调研", "督导", "检查", "帮扶", "专案", "联络", "巡查",
                          "考核", "专家", "领导", "评审", "指导", "服务", "宣传", "志愿", "网格", "赛事", "新建",
                          "项目", "课题", "攻坚", "突击", "协调", "调解", "巡逻", "执法", "应急", "保障", "救援"))
# descriptive words before 村/社区 after a township: a kind of village, none named (青石镇贫困村)
_KIND_OF_VILLAGE = frozenset(("贫困", "重点", "老旧", "示范", "试点", "先进", "文明", "美丽", "传统", "特色", "中心",
                              "行政", "自然", "偏远", "边远", "易地", "搬迁", "安置", "新型", "城市", "农村", "涉农",
                              "全部", "所有", "各个", "部分", "其他", "周边", "相关", "城中", "城郊", "脱贫", "空心"))
# tags of a word that can name a community or village (和谐/a, 东风/n); not 邀请/v社区代表
_NAME_WORD_TAGS = ("a", "n", "nz", "ns", "nw", "an", "LOC")
_LEVEL_END = tuple("省市州县区旗盟镇乡村") + ("街道", "社区")
_QUOTE = re.compile(r"“[^“”]{1,16}”")  # a name or slogan, not quoted speech
_OFFICE = ("办", "办公室")
# characters the tagger glues before a division's name: a slogan's 美 (建设美X), a verb or preposition
_GLUED = set("美赴到在至去回游访和与及")
# words of praise before a place in slogans (锦绣X, 多彩贵州, 大美青海): never a place of their own
_PRAISE = ("锦绣", "多彩", "大美", "七彩", "诗画", "水韵", "魅力", "美丽", "秀美", "壮美", "醉美", "最美", "活力", "幸福")
_DIRECTIONS = ("东北部", "西北部", "东南部", "西南部", "东部", "西部", "南部", "北部", "中部")
_PARTS = ("大部分", "部分", "多", "段")
_MANY_OF = set("国地省市县区个家处")
_AREAS = ("地区", "山区", "一带", "沿海", "地带")
# what follows a division's short form in the name of a street or a site (鼓楼|路, 恩施|大道)
_STREET = ("路", "街", "大道", "巷", "大桥", "桥", "广场", "公园", "大厦", "小区", "花园")
# two countries by their one-character names (中美关系, 中欧班列, 美英空袭)
_PAIR = re.compile("[中美英俄日法德欧蒙朝韩印澳越]([中美英法德日俄欧非朝韩印澳加越老柬泰菲蒙哈乌土伊埃以沙墨意葡荷纳多安巴])")
# common words that end in a place suffix (集成电路, 思路, 工作组, 动车组): no name
_COMMON_ENDINGS = re.compile("(?:电|线|思|出|套|网|销|活|退|弯|歧|陆)路$|(?:工作|领导|动车|机|专家|巡视|巡察|督察|督导|"
                             "调研|记者|节目|剧|电池|课题|评审|考察|检查|指导|联络|项目|突击|小|专案|帮扶|巡查|考核|协调|调解)组$"
                             "|(?:农业|乡|新)农村$")  # 县农业农村|局: a bureau's function, not a village
# words for a kind of place the tagger glues before a village's name (村落楼下村)
_KIND_WORDS = ("传统村落", "古村落", "村落", "自然村", "行政村")
_DATELINE = re.compile(DATELINE + "|本报记者")  # (and a reporter's line glued to the headline)
# a year said relatively (去年, 今年, 同年), which the tagger may glue to the next word's 村 or 镇
_YEAR_WORD = re.compile("(?:去|今|前|明|当|近|同|全|往|每|本|上|下)年")
# words that start with a village's or community's suffix (溧阳|村干部, 嘉善|社区养老)
_LOWER_WORDS = ("村干部", "村两委", "村级", "村集体", "社区养老", "社区卫生", "社区治理", "社区矫正", "社区医院",
                "社区工作者", "社区服务中心", "镇街")
# tags of a word after a division's name that show the name ends there (a verb, particle, …)
_AFTER_NAME = {"v", "vd", "u", "p", "c", "d", "ad", "w", "f", "xc"}
# characters that make a word with 乡 (乡贤, 乡亲, 乡愁): a township's name does not end before them
_HOME_WORDS = set("贤亲愁情音邻土")
_RURAL = re.compile("村(?:振兴|旅游|治理|建设|产业|文化|发展|休闲|教师|医生|学校|面貌|风貌|[”」』\"，。、；！])")  # (“平安乡村”)
_TOWNSHIP_ENDS = ("街道", "镇", "乡")
# places that a site inside them follows in one word (X小区Y广场, X社区Y公园)
_INNER = re.compile("小区|社区")  # not 花园, 新村: parts of a compound's own name (X花园新城小区)
# a list of places or sites (A、B、C等地): items of up to 8 characters, the last before 等地
_PLACE_LIST = re.compile(rf"(?:[{CJK}]{{2,8}}、)+[{CJK}]{{2,8}}?等(?:地|景区|景点|地方)")
_LIST_END = re.compile("等(?:地|景区|景点|地方)$")
# how the name of a site ends (金竹田园, 翠湖花海园; not 英国伦敦: a country and its city)
_WHOLE_PLACE_ENDS = tuple("村镇乡区县市省州国") + ("社区", "街道")  # a word that is a place of its own
_GRADED = re.compile(r"(?:国家)?(?:[1-5１-５]|[一二三四五])[AＡ]级")
_SITE_ENDS = tuple("园寨谷湾岛庄苑村镇街巷山湖泉溪坝寺") + ("景区", "公园", "古城", "广场")
# bodies the tagger takes into a place's word (X社区党委)
_LOWER_BODY = re.compile("(?:村|社区)(?=" + "|".join(_LOCAL_BODIES) + ")")
_BODIES = ("党委", "党支部", "党总支", "党工委", "居委会", "村委会", "委员会")
# what follows a division's short form in the name of a village or town named like it
_LOWER = ("村", "社区", "镇", "乡", "街道", "居委会")
# words that start with 江, 河 or 湖 but name no river (遵义|河道, 毕节|河湖长制, 荔波|江河, 武汉|江城大道)
_WATER_WORDS = "苏|西|北|南|口|城(?!市)|道|湖|长|河|泊"  # not 畔, 边, 段: 新安|江畔 is the river's bank
# what follows a river's or a site's name that is also a division's short form
# (阳江|江城区: the district; X江城市 is X江 and 城市, there being no city 江城市)
_FEATURE = re.compile(rf"流域|[江河湖](?!{_WATER_WORDS})|山(?![区村镇乡])|水库|古城|大礼堂")
# a river or lake named like a division, when the tagger split it off the short form (清水|江城市;
# 沅江|江畔: the name is the river already; 河西走廊 a region)
_WATER = re.compile(rf"[江河湖](?!流域|东|{_WATER_WORDS})")


class PlaceRecognizer:
    def __init__(self, nlp=None, name="gg_places"):
        self.div = load_divisions()
        # township names shorter than 3 characters are mostly common words (街道)
        # generic place words are not names even where some township has one (城市社区)
        self.generic = set(naming()["generic_places"])
        self.forms = {f for f in self.div.forms() if len(f) >= 2 and f not in _AMBIGUOUS and f not in self.generic
                      and not (len(f) < 3 and all(d.level == "township" for d in self.div.lookup(f)))}
        # lengths of the forms by their first two characters, longest first: a position is
        # tried only at the lengths a form starting there can have
        # a common word that is also a county's name is that county right after its province (江西兴国)
        self.ambiguous = {f for f in _AMBIGUOUS if self.div.lookup(f)}
        by_prefix = {}
        for f in self.forms | self.ambiguous:
            if len(f) <= _MAXLEN:
                by_prefix.setdefault(f[:2], set()).add(len(f))
        self.lengths = {k: tuple(sorted(v, reverse=True)) for k, v in by_prefix.items()}
        n = naming()
        self.suffix_words = set(n["place_suffixes"])
        self.full_suffix = tuple(n["level_chars"]) + ("街道", "自治区", "地区", "新区")
        self.institution = re.compile(f"(?:{alternation(n['organization_heads'])})$")
        self.follow = re.compile("(?:" + alternation(n["level_chars"] + n["agency_heads"] + n["place_suffixes"]) + ")")
        suffixes = alternation(n["place_suffixes"])
        # a LAC word or name ending in a place suffix, optionally numbered (三组)
        self.suffixed = re.compile(rf"[{CJK}]{{1,10}}?(?:{suffixes})(?:[一二三四五六七八九十\d]+组)?")
        self.numbered = re.compile(r"[一二三四五六七八九十\d]+组")

    def __call__(self, doc):
        text = doc_text(doc)
        titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
        quotes = {(m.start(), m.end()) for m in _QUOTE.finditer(text)}
        found = list(self.find(doc))
        names = {text[a + 1:b - 1] for a, b in quotes if 2 <= b - a - 2 <= 8}
        if names:
            found = [self._before_name(c, text, names) for c in found]
        add_candidates(doc, [c for c in found if c is not None and self._keep(c, text, titles, quotes)])
        doc._.gg_title_places = tuple((c.start, c.end, tuple(c.attrs["divisions"])) for c in found
                                      if c.attrs.get("divisions") and any(a < c.start and c.end < b for a, b in titles))
        return doc

    def _before_name(self, c, text, names):
        """城北新区村|超球场 after “村超”: a tagger's place that ends inside a name the text quotes
        ends where that name begins (None if too little is left)."""
        if c.source != "lac":
            return c
        for q in names:
            k = text.find(q, c.start + 1, c.end + len(q) - 1)
            if 0 < k < c.end < k + len(q):
                divs = [d.id for d in self.div.lookup(text[c.start:k])]
                if k - c.start >= 2 and (divs or self.suffixed.fullmatch(text, c.start, k)):
                    # (a place in full before the name; not 长荡|湖鲜 after “湖鲜”: 长荡湖 stays)
                    return Cand(c.start, k, c.label, c.source, c.priority, {"divisions": divs} if divs else {})
        return c

    def _keep(self, c, text, titles, quotes):
        """Not a place mention: a word of a document's title (《全国文明城市…》), a figure
        of speech in quotes built like a place (“彩虹桥”, “架起心桥…”), an office (民政办)."""
        if any(a < c.start and c.end < b for a, b in titles):
            return False
        if c.source == "lac" and any(a < c.start and c.end < b for a, b in quotes):
            return False
        if c.source == "gazetteer" and (c.start - 1, c.end + 1) in quotes and not text.endswith(_LEVEL_END, c.start, c.end):
            return False  # 茶园变“金山”: a division's short form alone in quotes is a figure of speech
        return not text[c.start:c.end].endswith(_OFFICE)

    def find(self, doc):
        text = doc_text(doc)
        starts, ends = token_bounds(doc)
        self._tags = tags_by_start(doc)
        self._starts = sorted(starts)
        taken = []
        for sent in doc.sents:
            i, e = sent.start_char, sent.end_char
            while i < e:
                hit = None
                for L in self.lengths.get(text[i:i + 2], ()):
                    f = text[i:i + L]
                    if i + L <= e and (f in self.forms and self._accept(f, i, i + L, text, starts, ends, taken)
                                       or f in self.ambiguous and self._after_parent(f, i, i + L, text, ends, taken)) \
                            and not self._overrun(text, i, i + L, e):
                        hit = L
                        break
                if hit:
                    end = i + hit
                    m = self.numbered.match(text, end)  # 龙潭村五组
                    divs = self.div.lookup(text[i:end])
                    attrs = {"divisions": [d.id for d in divs]}
                    if m and text[i:end].endswith("村"):
                        end = m.end()
                        attrs = {}
                    taken.append((i, end))
                    yield Cand(i, end, "Place", "gazetteer", 3, attrs)
                    i = end
                else:
                    i += 1
        # list items the tagger cut in two, then LAC LOC words and suffixed names not covered
        items = [(c.start, c.end) for c in self._list_items(text, taken)]
        for a, b in items:
            yield Cand(a, b, "Place", "list-item", 2, {})
        words = tagged(doc, ("LOC", "n", "nz", "ns", "ORG"))
        township_ends = {te for ts, te in taken if text.endswith(_TOWNSHIP_ENDS, ts, te)} | {
            t.idx + len(t) for t in words if t.tag_ == "LOC" and t.text.endswith(_TOWNSHIP_ENDS)}
        rejoined = set()  # where the words the names below take a character from start
        ends_at = set(ends)
        for m in _CUT_SHORT.finditer(text):
            # 在A村、加/v|车村/LOC, 该街道越/d|河社区党委/ORG: the tagger cut a short name after its first
            # character; a one-character village or community right after a list's 、 or a township
            # takes the character before it (the word it is in may go on with its body)
            p, q, e = m.start(1), m.start(2), m.end(2)
            if p in self._tags and q in self._tags and self._tags[p] not in _FUNCTION_TAGS \
                    and text[p] not in _NOT_NAME_CHARS and (e in ends_at or text.startswith(_LOCAL_BODIES, e)):
                rejoined.add(q)
                yield Cand(p, e, "Place", "rejoined", 2, {})
        for te in sorted(township_ends - set(self._starts)):
            # 加榜乡党扭村/v: a village glued to its township in one word of any tag
            tok = doc.char_span(te - 1, te, alignment_mode="expand")
            end = tok.end_char if tok is not None else te
            rest = text[te:end]
            if len(rest) >= 3 and rest.endswith(("村", "社区")) and self.suffixed.fullmatch(rest) \
                    and rest[0] not in _GENERIC_HEAD and not _COMMON_ENDINGS.search(rest):
                yield from self._uncovered(te, end, taken, text)
        if township_ends:  # and the words of any tag right after a township (X街道|和谐社区/a)
            index = {s: i for i, s in enumerate(self._starts)}
            words = sorted(set(words) | {doc[index[e]] for e in township_ends if e in index}, key=lambda t: t.i)
        for tok in words:
            if tok.idx in rejoined:
                continue
            # X街道|和谐/a|社区/n: a word of any kind and the suffix word after a township
            named = tok.idx in township_ends and 2 <= len(tok) <= 3 and tok.i + 1 < len(doc) and tok.tag_ in _NAME_WORD_TAGS \
                and doc[tok.i + 1].text in ("社区", "村") and re.fullmatch(f"[{CJK}]+", tok.text) is not None
            if tok.tag_ not in ("LOC", "n", "nz", "ns") and not named and not (
                    tok.idx in township_ends and tok.text.endswith(("社区", "村")) and len(tok) >= 3) and not (
                    tok.tag_ == "ORG" and _LOWER_BODY.search(tok.text)):
                continue  # a word of another kind names a place only as a village or community of a
                # township written right before it (X街道|和谐社区/a), or before its body (X社区党委/ORG)
            if tok.tag_ == "LOC" or len(tok) >= 3 or named:
                s = tok.idx
                e = s + len(tok)
                if tok.tag_ not in ("LOC", "ORG") and not named:  # (ORG: only X社区党委, let through above)
                    if not self.suffixed.fullmatch(tok.text) or tok.text[0] in _GENERIC_HEAD \
                            or _COMMON_ENDINGS.search(tok.text):
                        continue
                # extend a LOC word with a following suffix word (东湖 + 社区)
                nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                if nxt is not None and nxt.text in self.suffix_words:
                    e = nxt.idx + len(nxt)
                m = self.numbered.match(text, e) or _NAMED_GROUP.match(text, e)
                if m and text[m.start():m.start() + 2] in _GROUP_WORDS:
                    m = None  # 张家村帮扶组, 李家村新建组装车间: no villagers' group
                village = None
                if m and text[s:e].endswith("村"):
                    village, e = e, m.end()  # 柳湾村三组, 和平村胜利组: a villagers' group of the village
                stem = text[s:e].removesuffix("社区").removesuffix("村")
                if stem != text[s:e] and stem in _KIND_OF_VILLAGE:
                    continue  # 重点村, 老旧社区: a kind of village, none named
                e = self._less_direction(text, s, e)
                e = self._less_part(text, s, e)
                if e - s >= 4 and text[e - 2] == "路" and text[e - 1] not in "口桥段道巷斯易亚尔加德特克" \
                        and text[s:e] not in self.forms and not text.endswith(tuple(self.suffix_words), s, e):
                    e -= 1  # 新龙路治|超站: a road, and a character of the next word (治超站); not 塞浦路斯
                if text.endswith("城市", s, e) and text[s:e] not in self.forms:
                    e -= 2  # 新安江|城市漂流: a city in general after the name (晋城市 is in the gazetteer)
                s = self._less_prefix(text, s, e)
                lead = next((w for w in _KIND_WORDS if text.startswith(w, s) and e - s - len(w) >= 2), "")
                s += len(lead)  # 村落|楼下村: the kind of place before the name is no part of it
                year = _YEAR_WORD.match(text, s, e)
                if year:  # 去年|村集体经济: a time the tagger took into the word is no part of a name
                    s = year.end()
                body = next((b for b in _BODIES if text.endswith(b, s, e)), None)
                if body:  # X社区党委/LOC: the community is the place, its committee a body
                    e -= len(body)
                    if not text.endswith(_LOWER, s, e):
                        continue  # X主权委员会: a body, no place
                else:  # X村党支部联合县某局/LOC: the tagger ran on past the village's body
                    inner = _LOWER_BODY.search(text, s, e)
                    if inner:
                        e = inner.end()
                if not any(a <= s and e <= b for a, b in items):
                    yield from self._uncovered(s, e, taken, text)
                    if village is not None:  # and the village itself, named inside
                        yield from self._uncovered(s, village, taken, text)

    def _list_items(self, text, taken):
        """A、B、C等地: an item of a list of places that the tagger cut into a name and a noun
        (金竹|田园) or two names (翠湖|花海园) is one place, named by the whole item."""
        tags = self._tags
        for m in _PLACE_LIST.finditer(text):
            at = m.start()
            for item in m.group().split("、"):
                s, e = at, at + len(item)
                at = e + 1
                e = s + len(_LIST_END.sub("", item))
                words = self._starts[bisect.bisect_left(self._starts, s):bisect.bisect_left(self._starts, e)]
                # the first item starts at the first name whose words run to its end (近郊的|金竹田园)
                first = next((i for i, w in enumerate(words) if tags.get(w) == "LOC" and all(
                    tags.get(x) in ("LOC", "n", "nz", "ns") for x in words[i:])), None)
                if first is None or len(words) - first < 2 or (first and m.start() != s):
                    continue  # one word (the tagger's own)
                s, words = words[first], words[first:]
                if any(ts < e and s < te for ts, te in taken) or any(
                        text.endswith(_WHOLE_PLACE_ENDS, a, b) for a, b in zip(words, words[1:])):
                    continue  # a division (溧阳市天目湖镇) or a place (东升村|文化广场, 泰国|普吉岛) in it
                if text.endswith(_SITE_ENDS, s, e) and not self._feature_at(text[s:e], text, e):
                    yield Cand(s, e, "Place", "list-item", 2, {})

    def _less_direction(self, text, s, e):
        """陕西|南部, 四川|东北部: a part of a place is the place itself (split where the rest
        is a known name, 陕西南部 is not 陕|西南部; else the longest direction: 冰岛|西南部);
        a direction alone (北部) is none."""
        area = next((a for a in _AREAS if text.endswith(a, s, e)), "")
        ends = [d for d in _DIRECTIONS if text.endswith(d, s, e - len(area))]
        if not ends:
            return e
        e -= len(area)  # 陕西南部|地区: the area word goes with the direction
        known = [d for d in ends if text[s:e - len(d)] in self.forms]
        return e - len(known[0] if known else ends[0])

    def _less_part(self, text, s, e):
        """欧洲多|国, 蒙古国大部分|地区, 昭通段: a quantity or a section of a place the tagger took
        into its word is not part of the name (段 only after a division: 路段, 河段 are words;
        多 only before what it counts: 科罗拉多 is a name)."""
        for part in _PARTS:
            if text.endswith(part, s, e) and e - s - len(part) >= 2 and (
                    part != "段" or text[s:e - 1] in self.forms) and (part != "多" or text[e:e + 1] in _MANY_OF):
                return e - len(part)
        return e

    def _less_prefix(self, text, s, e):
        """美|淮安, 赴|常州, 锦绣|X: a character or a word of praise the tagger took into a
        division's name (a word of the slogan or the verb before it) is not part of the place."""
        word = text[s:e]
        praise = next((p for p in _PRAISE if word.startswith(p) and word[len(p):] in self.forms), "")
        if praise:
            return s + len(praise)  # 锦绣|X州
        if e - s >= 3 and word[0] in _GLUED and word not in self.forms and word[1:] in self.forms and any(
                d.level in ("province", "prefecture", "county") for d in self.div.lookup(word[1:])):
            return s + 1
        return s

    def _overrun(self, text, s, e, end):
        """Does a county or higher division start inside [s, e) and run past it?
        (联合|镇远县: 联合镇 is a township, but 镇远县 is what the text names)"""
        if all(d.level in ("province", "prefecture", "county") for d in self.div.lookup(text[s:e])):
            return False
        for i in range(s + 1, e):
            for L in range(e - i + 1, min(_MAXLEN, end - i) + 1):
                f = text[i:i + L]
                if f in self.forms and f.endswith(self.full_suffix) and \
                        any(d.level in ("province", "prefecture", "county") for d in self.div.lookup(f)):
                    return True
        return False

    def _accept(self, f, s, e, text, starts, ends, taken):
        if f.endswith("乡") and (text[e:e + 1] and text[e] in _HOME_WORDS or _RURAL.match(text, e)):
            return False  # 创业|乡贤, 发展|乡村旅游: the words 乡贤, 乡村, not a township (X乡|村民 is one)
        if f.endswith(self.full_suffix) and len(f) >= 3:
            # a full name: at a word start, or right after another place
            return s in starts or any(te == s for _, te in taken) or s in ends
        # a short form (恩施, 湘西): a LOC word of its own, or a word that starts a
        # name (湘西中院); never the tail of a longer place (鹤峰|公安局)
        if s not in starts or self._river_before(text, s):
            return False
        before = [text[ts:te] for ts, te in taken if te == s]
        if before and not self._child_at([d for b in before for d in self.div.lookup(b)], text, s):
            return False  # 江苏|江都 is a chain of places; 鹤峰|公安 is not
        tok = self._tags.get(s)
        if self._feature_at(f, text, e):
            return False  # 沅江流域, 新安江: a river or site named like the county
        if text.startswith(_STREET, e):
            return False  # 鼓楼路: a street named like the district
        if text.startswith(TOWNSHIP_UNITS, e):
            return False  # 凤城|派出所: a station named for a town, not for the county named like it
        if text.startswith(_LOWER, e) and (not text.startswith(_LOWER_WORDS, e) or self._names_lower(text, f, starts, ends)):
            return False  # 新丰村, 城关镇: a village or town named like the county (not X|村干部)
        # and it ends where the word ends (新华|社, 金山|银山 are other names) or another
        # place follows (浙江|余杭区)
        if (tok in ("LOC", "ORG") and (e in ends or self._form_at(text, e))) or \
                (tok not in ("n", "v", "vn", "a", "d") and self.follow.match(text, e) is not None):
            return True
        # an item of a list of places, whatever the tagger made of the word (从江、天柱、锦屏)
        return text[s - 1:s] == "、" and any(te == s - 1 for _, te in taken) and e in ends \
            and text[e:e + 1] in ("、", "等", "和", "及") \
            and any(d.level in ("prefecture", "county") for d in self.div.lookup(f))

    def _river_before(self, text, s):
        """Does the word before s name a river with the character at s (新安|江城市: 江 is
        新安江's, not the start of 江城)?"""
        i = bisect.bisect_left(self._starts, s) - 1
        if i < 0 or not _WATER.match(text, s):
            return False
        word = text[self._starts[i]:s]
        return self._river_name(word, text, s) and self._tags.get(self._starts[i]) == "LOC"

    def _river_name(self, name, text, e):
        """Is name a county's or prefecture's short form that the water character at e makes a
        river's name? Not a province's (广东|江门), nor before a division inside it (X|江Y县)."""
        divs = [d for d in self.div.lookup(name) if d.level in ("prefecture", "county")]
        if not divs or name.endswith(self.full_suffix) or name[-1] in "江河湖":
            return False
        return not self._child_at(divs, text, e)

    def _child_at(self, divs, text, e):
        """Does a division inside one of divs start at e (广东|江门)?"""
        return any(text[e:e + L] in self.forms and any(self.div.is_under(c, d) for c in self.div.lookup(
            text[e:e + L]) for d in divs) for L in range(2, min(_MAXLEN, len(text) - e) + 1))

    def _feature_at(self, name, text, e):
        """Does a river's or site's name start with name (沅江|流域, 清水|江)? Not where a
        division inside it follows (广东|江门)."""
        return bool(_FEATURE.match(text, e)) and not self._child_at(self.div.lookup(name), text, e)

    @staticmethod
    def _names_lower(text, f, starts, ends):
        """Does the text name a village or community f: f村 or f社区 as a word of its own (not
        starting 村干部, 社区卫生 …, nor 安吉|村庄)?"""
        for suffix in ("村", "社区"):
            i = text.find(f + suffix)
            while i != -1:
                if i in starts and i + len(f) + len(suffix) in ends and not text.startswith(_LOWER_WORDS, i + len(f)):
                    return True
                i = text.find(f + suffix, i + 1)
        return False

    def _after_parent(self, f, s, e, text, ends, taken):
        """Is the division named f written right after a place it lies in, as a name of its own:
        a word that the tagger calls a name or that a verb, particle or punctuation follows
        (江西|兴国/LOC, 重庆|长寿，; not 广东|新兴 产业, 湖北|公安 民警, 荆州市|公安局)?"""
        if e not in ends or self._tags.get(s) not in ("LOC", "ORG", "nz") and self._tags.get(e, "w") not in _AFTER_NAME:
            return False  # 长寿/a then ，: a name; 新兴/a then 产业/n: a word
        parents = [d for ts, te in taken if te == s for d in self.div.lookup(text[ts:te])]
        return any(self.div.is_under(d, p) for d in self.div.lookup(f) for p in parents)

    def _form_at(self, text, i):
        return any(text[i:i + L] in self.forms for L in range(3, min(_MAXLEN, len(text) - i) + 1))

    def _uncovered(self, s, e, taken, text):
        """The part of [s, e) after any gazetteer match inside it, if a place."""
        for ts, te in taken:
            if ts <= s < te:
                s = te
            if s < ts < e and te >= e:
                e = ts
        dateline = _DATELINE.search(text, s, e)
        if dateline:
            e = dateline.start()  # …开进苗寨侗乡|本报讯（…）: a headline's place glued to the dateline after it
        name = text[s:e]
        if self.div.lookup(name) and self._feature_at(name, text, e):
            if _WATER.match(text, e) and self._river_name(name, text, e):
                yield Cand(s, e + 1, "Place", "lac", 1, {})  # the river, not the county
            return
        if name.endswith("乡村") and not self.div.lookup(name):
            return  # 和美|乡村, 美丽乡村: the countryside, not a village
        if self.institution.search(name):
            return  # 楚剧院, X中学/LOC: an organisation (gg_agencies names it), not a place
        if _GRADED.match(name):
            return  # 5A级景区, 国家4A级旅游景区: a grade of sites, no site's name
        if (_PAIR.fullmatch(name) and not self.div.lookup(name)) or name in _PRAISE or name.endswith("们"):
            return  # 中美, 欧中: two countries' relations; 锦绣: praise; 来宾们: guests, not the city
        cut = max((m.end() for m in _INNER.finditer(name, 2)
                   if len(name) - m.end() >= 3 and self.suffixed.fullmatch(name[m.end():])), default=0)
        if cut:  # X小区Y广场 as one word: a site inside a compound, two places
            yield from self._uncovered(s, s + cut, taken, text)
            yield from self._uncovered(s + cut, e, taken, text)
            return
        if e - s >= 2 and (e - s >= 3 or name[-1] not in "路街村") and name not in self.generic \
                and not name.startswith(_DEICTIC) and name not in _AMBIGUOUS:
            divs = [d.id for d in self.div.lookup(name)]
            yield Cand(s, e, "Place", "lac", 1, {"divisions": divs} if divs else {})


@Language.factory("gg_places")
def make_places(nlp, name):
    return PlaceRecognizer(nlp, name)
