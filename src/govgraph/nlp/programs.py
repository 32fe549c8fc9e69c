"""Programs (quoted initiatives, 12345-style hotlines) and Policies (《…》 documents).

A quoted phrase is a programme when a programme head follows it (“暖邻帮”
工程 -> 暖邻帮工程), when it ends in one itself, or when a launching verb
(推出, 开展, 打造 …) introduces it; slogans and ideological formulas are
rejected."""

import bisect
import re

from spacy.language import Language

from .candidates import CJK, Cand, add_candidates, alternation, doc_text, naming, tags_by_start

_FOUND = ("组建", "成立", "建立", "设立")
# the level a programme is written for before its name (“社区X”, “村级X”)
LEVEL_WORDS = ("社区", "小区", "村级", "村", "街道", "乡镇", "镇", "乡")
_QUOTES = {"“": "”", "\"": "\"", "「": "」", "‘": "’"}
_INNER = re.compile(r"[“”‘’\"「」『』]")
_SEASON = re.compile("(?:春季|夏季|秋季|冬季|春节|年度)")
_BAD_CONTENT = re.compile(r"[，。！？；：,!?;:]")
# words between a quoted name and its head that make the head a different thing
# (“X”的战略, “X”等活动, “X”作为…平台): a descriptor is plain nouns
_FUNCTION_CHARS = "的等和与及或并为于在是把将对从向让使由被了着过之其"
_NOT_DESCRIPTOR = re.compile(f"[{_FUNCTION_CHARS}]")
# a descriptor that starts with a verb, preposition, count or adverb is a clause (“X”启动…, “X”八项行动)
_CLAUSE_TAGS = {"v", "p", "c", "u", "m", "d", "r", "q", "f", "xc", "w", "TIME"}
# the same before an unquoted name, where a year (2024年…行动) or 新一轮 may begin it
_LEAD_TAGS = _CLAUSE_TAGS - {"m", "TIME"}
_COUNT = re.compile(r"[一二三四五六七八九十两几多数]+[大项批轮类个]|多|一批")
# words that rank a project (“西电东送”重要工程) rather than name it
_RANK = re.compile(r"重要|重大|重点|主要|首批|一批|各类|有关|相关")
# 实施好…试点, 第二批…试点: a verb's complement and a batch number are not part of the name
_COMPLEMENT = re.compile(r"好|(?:第[一二三四五六七八九十\d]+批)?")
# items of a quoted list that are qualities or actions, not brands (“创新型、节约型”, “看春晚、迎龙年”)
_QUALITY = re.compile(r"[型式性化]$")
# what after a quoted list makes its items brands of their own: a count of them (“金A、银B、红C”三色
# 品牌), 等 (“A、B”等模式) or brands; else, unless each item has a head of its own (“A计划、B工程”),
# the list is one name (“A、B”专项行动, “A、B”工程) or a list of aims
_ITEM_COUNT = re.compile(rf"[一两二三四五六七八九十\d]+[色彩大项个张朵]|等|(?:(?!行动|活动|工程|计划)[{CJK}]){{0,4}}品牌")
# quoted items of a list of problems (严查“吃A”、“吃B”等问题): misconduct, not programmes
_PROBLEMS = re.compile(r"(?:[、，]?“[^“”]{1,12}”)*[、，]?等?(?:问题|现象|行为|乱象|顽疾|陋习|歪风)(?=[，。；、！？）]|$)")
_GROUPS = ("小组", "工作组", "专班")
# a manner (“一站式”, “沉浸体验式”), not a name
_MANNER = re.compile(r"(?<![模方形制])式[”」\"]?$|^[“「\"]?(?:一对一|一对多|多对多|点对点|面对面|键对键|手把手|心贴心|肩并肩|"
                    r"零距离|全天候|全方位|全覆盖|全链条|全流程|一站式|一条龙|不打烊)[”」\"]?$")  # and manners said as such
# what a manner qualifies: an activity (“菜单式”服务, “蹲点式”走访) or nothing
_MANNER_OF = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:服务|培训|走访|备案|管理|帮扶|教学|调研|办理|审批|监管|巡查|宣讲)"
                        r"|专业化|全程|的|[，。；、！？）]|$")
# an N+X model: two or more parts joined by + (“党建+统战”, “1+N”, “互联网+”)
_FORMULA = re.compile(r"[^+＋]+(?:[+＋][^+＋]*)+")
_VEHICLES = {"品牌", "App", "APP", "制度", "小程序", "程序", "公众号", "视频号", "战略"}
# what a title ends with after its kind: a draft's status, the years it covers (（2024—2026年）)
_TRIAL = re.compile(r"[（(](?:试行|暂行|修订|(?:修订|修正)?草案|征求意见稿|送审稿|讨论稿|\d{4}\s*[—–\-－~至]+\s*\d{4}\s*年?|"
                    r"\d{4}\s*年?(?:版|修订)?)[）)]$")


_UNQUOTED_HEAD = re.compile(r"(?:三年行动|专项行动|行动计划|行动|工程|试点)"
                            r"(?!计划|方案|名单|地区|单位|城市|办|局|处|指挥部|公司|集团|中心|研究院|设计院|师)")  # (X工程办公室: a body)
# 公布了全国第三批X试点名单: the list names the pilot, which the announcing body runs
# a list that names a pilot (…试点名单, …试点单位名单)
LIST_AFTER = re.compile("(?:单位|地区|城市|县|县区|项目|示范区|社区|村)?名单")
_LISTED_PILOT = re.compile(f"试点(?={LIST_AFTER.pattern})")
_ANNOUNCE = tuple(naming()["list_verbs"])
# what stands between the verb and the pilot's name: 了, a year, the batch, the rank, in any order
_BATCH = re.compile(r"了?(?:\d{4}年度?|全国|全省|全市|首批|第[一二三四五六七八九十\d]+批|国家级|省级|市级)*")
_LAUNCH = ("开展", "实施", "启动", "推进", "深化", "推行", "部署", "组织", "实行", "打造", "落实")
# words that make a platform's "name" a clause (国家层面统筹推进…平台建设)
_CLAUSE_WORDS = _LAUNCH + ("统筹", "层面", "建设")
_SERVICE_CIRCLE = re.compile(rf"(?:城市)?(?:\d{{1,2}}分钟|[一二三四五六十]{{1,3}}分钟|一刻钟)[{CJK}]{{0,6}}?"
                             r"(?:服务|生活|养老|医保|健身|文化|阅读|就业|医疗|健康|教育|商业|消费|政务|体育|托育|便民)圈(?:试点)?")
_CJK_RUN = re.compile(f"[{CJK}]+")
_DASH_QUOTE = re.compile(r"[—－-]{1,2}“[^“”，。]{1,30}”")  # “A”——“B”行动
# 构建“X”的…格局: the quote says what the pattern is like; the verb builds the pattern
_PATTERN_OF = re.compile(r"的[^，。；]{0,8}?(?:格局|局面|态势|氛围|理念|生动局面|良好局面)")
_NUMBER_LINE = re.compile(f"[{CJK}]{{0,10}}?(?:热线|专线)")
_BRAND_CLAUSE = re.compile(r"(?:已|已经|逐渐|正|也)?(?:成为|入选|被评为|获评)[^，。；]{0,16}?(?:名片|品牌|样板|典范|标杆|案例|经验)"
                           r"|(?:已|已经|现已|目前已|实现)?(?:全面)?覆盖(?:了)?(?:全[省市州县区镇乡村]|[^，。；]{0,12}?[省市州县区镇乡村])")
# (and “X”已覆盖A村、B村: a service rolled out over places)
_CHARTER = re.compile("村规民约|居民公约|自治公约|公约|章程|守则")
_QUOTED_PLATFORMS = re.compile(r"((?:“[^“”，。]{2,16}”(?:(?:微信)?(?:公众号|小程序|视频号|App|APP))?(?:、|和|及|与|以及)?){2,8})"
                               r"(?:等|[两二三四五六七八九十几多]个)(?:网络|线上|服务|办事|信息)?(?:平台|渠道|载体|阵地|终端|App|APP|小程序)")
_QUOTE_SERIES = re.compile(r"(?:“[^“”，。]{1,12}”(?:[、和及与](?=“))?){2,}")  # “金A”“银B”品牌, “A”和“B”活动
_CONGRESS_REPORT = re.compile(r"(?<!《)党的[一二三四五六七八九十]{1,3}大报告")
# words that 战略 begins (战略合作, 战略支点): after a quote they do not name a strategy
_STRATEGIC = re.compile("合作|支点|伙伴|性|意义|地位|高度|定位|机遇|思维|储备|新兴|层面|眼光|全局|资源|科技|投资|对话|沟通|"
                        "互信|协作|关系|腹地|通道|枢纽")  # not 部署, 规划: “X”战略部署 is still X's
_NOT_LEAD = {"p", "u", "c", "d", "r", "m", "q", "w", "f", "xc", "TIME"}  # not a name's first word
_WORD_CHAR = re.compile(f"[{CJK}A-Za-z0-9]")
# what follows a short quote but is no part of a name: a conjunction or a time (“双减”后，)
_NOT_TAIL = ("的", "和", "等", "与", "及", "后", "以来", "以后", "之后", "期间", "中", "时", "前", "以前", "之前")
# a holiday in quotes before its days or sales (“五一”假期, “双十一”促销) names a time, not a
# programme (a campaign named for it stays: “五一”…全民登高活动)
_HOLIDAY = re.compile(r"[一二三四五六七八九十]{1,3}|双[一二三四五六七八九十]{1,3}|国庆|春节|元旦|端午|中秋|清明|元宵|重阳|七夕")
# a day of the calendar, not a festival someone holds
_HOLIDAY_DAY = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|国际|中国)*(?:劳动|妇女|儿童|青年|教师|植树|国庆|中秋|端午|重阳|元宵|"
                          r"清明|七夕|春|护士|记者|建军|母亲|父亲|情人|圣诞|感恩|复活|腊八|人民警察|医师|农民丰收)节$")
_NOT_FESTIVAL = re.compile("[环细季章关情礼调脱音]节$")  # 关键环节, 细节, 调节: words that end in 节
_HOLIDAY_TIME = re.compile(r"假期|小长假|长假|黄金周|期间|前后|当天|促销|购物")
# “X”程序 after these is a procedure, not an app (按照“一事一议”程序)
_PROCEDURE = re.compile(r"(?:按照|依照|依据|遵循|履行|启动|经过)[^，。；“”]{0,6}$")
# …工程推进力度: the verb after the name modifies a noun, it does not launch the name
_LAUNCH_AFTER = re.compile(r"(?:深入|全面|持续|扎实|正式)?(?:开展|实施|启动|推进)(?!力度|进度|速度|情况|工作|过程)")
# 以“X”为总载体: the programme that carries the work (not 为主题, 为目标: an aim; 为抓手 is as
# often a figure of speech, 以“千里眼”为抓手)
_CARRIER = re.compile(r"为总载体")  # 以“党建”为载体 names a field of work as often
_OPENING = re.compile(r".*(?:随着|按照|通过|围绕|依托|借助|聚焦|以)")
# bodies that describe a kind of work, not a name (专项整治行动, 相关工程)
_GENERIC_BODY = re.compile(r"^(?:专项|相关|有关|各类|各项|系列|一系列|多项|这项|该项|重点|重大|系列)|(?:整治|检查|排查|宣传|培训|调研|建设|治理|各项|多项|各类)$")


# schemes named like a shop or a bank by what they reward or pool (积分超市, 爱心超市, 时间银行, 道德银行)
_BUILDING = re.compile("(?:创建|建设)(?![者性局厅部]|公司|银行|兵团|用地|单位)")
_FUNCTION_RUN = re.compile("[的了着过吗呢吧啊]")  # quoted speech, not a name
_AWARDS = ("奖", "奖章", "奖项", "称号", "勋章", "奖牌")
_HONOUR = re.compile("优秀|先进|十佳|最美|模范|示范|五好|星级")
_BRAND_SHOP = re.compile("(?:积分|爱心|时间|道德|孝善|孝心|美德|文明|善行|信用|志愿|公益|环保|绿色|好人|新风|诚信|暖心)"
                         "(?:超市|银行|积分超市)")


def strip_marks(s: str) -> str:
    return _INNER.sub("", s)


class ProgramRecognizer:
    def __init__(self, nlp=None, name="gg_programs"):
        n = naming()
        self.head = re.compile(f"(?:{alternation(n['program_heads'] + n['program_heads_after_quote'])})(?!(?<=服务站)点)")  # 服务站|点: sites
        self.head_end = re.compile(f"(?:{alternation(n['program_heads'] + n['program_heads_in_name'])})$")
        self.desc_head = re.compile(f"([{CJK}]{{1,10}}?)(?:{alternation(n['program_descriptor_heads'])})")
        self.model_head = re.compile(f"的?[{CJK}]{{0,8}}?(?:{alternation(n['program_model_heads'])})")
        self.platform = re.compile(f"(?:{alternation(n['program_platform_verbs'])})"
                                   f"((?:全国|国家)?[{CJK}0-9]{{4,24}}?(?:{alternation(n['program_platform_heads'])}))")
        self.item_head = re.compile(f"(?:{alternation(n['program_heads'])})$")  # “A计划、B工程”
        self.head_soon = re.compile(f"[^，。；“]{{0,8}}?(?:{alternation(n['program_heads'])})")
        self.triggers = tuple(n["program_triggers"])
        self.means = tuple(n["program_means_verbs"])
        self.slogans = [re.compile(p) for p in n["slogan_patterns"]]
        # “形象工程”, “面子工程”: what the news criticises is no one's programme
        self.slogans.append(re.compile(f"^(?:{alternation(n['program_pejoratives'])})"))
        self.policy_end = re.compile(f"(?:{alternation(n['policy_heads'])})$")
        self.media_end = re.compile(f"(?:{alternation(n['media_heads'])})$")
        self.org_end = re.compile(f"(?:{alternation(n['organization_heads'])})$")
        self.org_head = re.compile(f"(?:{alternation(n['organization_heads'] + ['志愿者联盟', '联盟'])})")
        # “暖邻帮”志愿服务: the quoted core names the programme, the descriptor does not
        self.descriptor = re.compile("志愿服务(?!队)|志愿者服务(?!队)")
        # 12345热线, 12345政务服务便民热线, 12368诉讼服务专线 (not 1200个热线: a count)
        self.hotline = re.compile(r"(?<![\d])(\d{3,6})(?:政务服务便民|政务服务|便民服务|市民服务|诉讼服务|政务|便民|服务)?"
                                  r"(?:热线|专线|平台)")
        self.quote = re.compile(r"“([^“”]{1,40})”|「([^「」]{1,40})」|\"([^\"]{1,40})\"")
        self.title = re.compile(r"《([^《》]{2,80})》")

    def __call__(self, doc):
        found = list(self.find(doc))
        self._drop_brand_organizations(doc, found)
        add_candidates(doc, found)
        return doc

    def _drop_brand_organizations(self, doc, found):
        """“畅行通”小程序, “时间银行”: the tagger's ORG word (or a bank or a shop) inside the
        quotes is the service's own name, not a second organisation."""
        text = doc_text(doc)
        cores, brands = set(), set()
        for c in found:
            if c.source == "quote+head" and c.attrs["name"] == c.attrs.get("core") and text[c.start] in _QUOTES:
                cores.add((c.start + 1, text.find(_QUOTES[text[c.start]], c.start + 1)))
            elif c.source == "quote+brand":  # “时间银行”: whatever found the bank or the shop inside
                brands.add((c.start + 1, c.end - 1))
        if (cores or brands) and doc._.gg_candidates:
            doc._.gg_candidates = [c for c in doc._.gg_candidates if not (c.label == "Organization" and (
                c.source == "lac" and (c.start, c.end) in cores or (c.start, c.end) in brands))]

    def find(self, doc):
        text = doc_text(doc)
        self._tags = tags_by_start(doc)
        self._starts = list(self._tags)  # token starts, in order
        place_ends = {c.end: c.start for c in doc._.gg_candidates or [] if c.label == "Place"}
        places = set(place_ends.values())
        found = []
        for sent in doc.sents:
            s0, e0 = sent.start_char, sent.end_char
            found += self._titles(text, s0, e0)
            # 党的十九大报告: a congress's report is a document, with or without 《》
            found += [Cand(m.start(), m.end(), "Policy", "report", 2, {"name": m.group()})
                      for m in _CONGRESS_REPORT.finditer(text, s0, e0)]
            found += self._quoted(text, s0, e0)
            for m in self.hotline.finditer(text, s0, e0):
                # 常州12345热线: a city's hotline is named with the city written before it, by its
                # short form (常州市12345热线 and 常州12345热线 are one)
                start = place_ends.get(m.start(), m.start())
                place = text[start:m.start()]
                if len(place) >= 3 and place.endswith("市"):
                    place = place[:-1]
                found.append(Cand(start, m.end(), "Program", "hotline", 2, {"name": place + m.group()}))
        taken = [(c.start, c.end) for c in found]
        # 15分钟医保服务圈, 一刻钟便民生活圈: a service circle is named by the time it takes to reach
        found += [Cand(m.start(), m.end(), "Program", "circle", 1, {"name": m.group()}) for m in _SERVICE_CIRCLE.finditer(text)
                  if not any(a < m.end() and m.start() < b for a, b in taken)]
        for sent in doc.sents:
            found += self._unquoted(text, sent.start_char, sent.end_char, taken)
            found += self._platforms(text, sent.start_char, sent.end_char, taken, places)
        yield from found
        yield from self._recurring(text, found)

    def _unquoted(self, text, s0, e0, taken):
        """开展适老化家居改造服务试点, 实施吉林乡村振兴提速三年行动, 党建引领…提升行动扎实推进:
        an unquoted name between a launching verb (or a clause opening) and a programme head."""
        heads = [(m, _LAUNCH) for m in _UNQUOTED_HEAD.finditer(text, s0, e0)]
        heads += [(m, _ANNOUNCE) for m in _LISTED_PILOT.finditer(text, s0, e0)]  # 公布…试点名单
        for m, launch in heads:
            if any(a <= m.start() < b for a, b in taken):
                continue
            clause_start = max(s0, *(text.rfind(p, s0, m.start()) + 1 for p in "，。；：、“”《》（）"))
            left = text[clause_start:m.start()]
            verb = max(((left.rfind(v), v) for v in launch), key=lambda x: (x[0], len(x[1])))
            if verb[0] >= 0:
                start = clause_start + verb[0] + len(verb[1])
                if launch is _ANNOUNCE:
                    start += len(_BATCH.match(text, start).group())
            elif launch is _LAUNCH and _LAUNCH_AFTER.match(text, m.end()):
                lead = _OPENING.search(left)
                start = clause_start + (lead.end() if lead else 0)
            else:
                continue
            start += len(_COMPLEMENT.match(text, start).group())
            body = text[start:m.start()]
            if not 4 <= len(body) <= 20 or _GENERIC_BODY.search(body) or re.search(r"[的和与及在等了]|[^\u4e00-\u9fff0-9]", body):
                continue
            if self._tags.get(start, "n") in _LEAD_TAGS or _COUNT.match(body):
                continue  # 要加大…工程, 标志着…工程, 多轮打击行动: not a name's first word
            yield Cand(start, m.end(), "Program", "unquoted", 1, {"name": body + m.group()})

    def _platforms(self, text, s0, e0, taken, places):
        """依托江西省养老服务信息平台, 接入全国社保经办服务平台: a platform
        or system after a verb of use is a named one when a place or 全国/国家 begins it."""
        for m in self.platform.finditer(text, s0, e0):
            start, end = m.span(1)
            body = m.group(1)
            if start not in places and not re.match(r"(?:全国|国家)(?!级)", body):
                continue  # 国家级创新平台 is a rank, not a name
            if _NOT_DESCRIPTOR.search(body) or any(a < end and start < b for a, b in taken) \
                    or any(v in body for v in _CLAUSE_WORDS):
                continue  # 国家层面统筹推进…平台: a clause, not a name
            yield Cand(start, end, "Program", "platform", 1, {"name": body})
        # “A”“B”等平台, “A”和“B”两个平台: the quoted items are the platforms' names
        for m in _QUOTED_PLATFORMS.finditer(text, s0, e0):
            for q in re.finditer(r"“([^“”]+)”((?:微信)?(?:公众号|小程序|视频号|App|APP))?", m.group(1)):
                start, end = m.start(1) + q.start(), m.start(1) + q.end()
                if not any(a < end and start < b for a, b in taken) and not _BAD_CONTENT.search(q.group(1)):
                    yield Cand(start, end, "Program", "platform-list", 2, {"name": q.group(1) + (q.group(2) or "")})

    def _descriptor_head(self, text, end, e0):
        """“三联动”工作机制, “X”系列宣传活动: the end of a short descriptor and head after a
        quoted name, or None when the words between are a clause (“X”八项行动, “X”的模式)."""
        m = self.desc_head.match(text, end, e0)
        if not m or _NOT_DESCRIPTOR.search(m.group(1)):
            return None
        if self._tags.get(end, "w") in _CLAUSE_TAGS and not _SEASON.match(text, end):
            return None  # (but “村BA”秋季联赛: a season names which edition)
        if m.end() < e0 and m.end() not in self._tags:
            return None  # the head is the start of a longer word
        return m

    def _recurring(self, text, found):
        """Once a quoted core is known as a programme, its other quoted mentions are too."""
        cores = {c.attrs.get("core") or c.attrs["name"] for c in found if c.label == "Program" and c.source != "hotline"}
        # “社区X” names X as the community's: a quoted X alone is the same programme (resolve merges them)
        cores |= {c[len(w):] for c in cores for w in LEVEL_WORDS if c.startswith(w) and len(c) - len(w) >= 2}
        taken = [(c.start, c.end) for c in found]
        for m in self.quote.finditer(text):
            core = strip_marks(next(g for g in m.groups() if g is not None))
            if core in cores and not any(a <= m.start() < b for a, b in taken) and not _MANNER.search(core) \
                    and not _HOLIDAY_TIME.match(text, m.end()):
                # (“一对一”指导: a manner; “五一”假期: the holiday, not the “五一”…活动 named after it)
                yield Cand(m.start(), m.end(), "Program", "quote-known", 1, {"name": core})

    def _titles(self, text, s0, e0):
        for m in self.title.finditer(text, s0, e0):
            inner = m.group(1)
            core = _TRIAL.sub("", inner)
            if re.match(r"栏目|节目|专栏|专题节目|频道", text[m.end():e0]):
                # 《问政鹤峰》栏目: a broadcast programme run by the outlet
                yield Cand(m.start(), m.end(), "Program", "title", 3, {"name": inner})
            elif self.media_end.search(core) and len(core) <= 12:
                yield Cand(m.start(), m.end(), "Organization", "title", 3, {"name": inner})
            elif self.policy_end.search(core):
                yield Cand(m.start(), m.end(), "Policy", "title", 3, {"name": inner})

    def _dash_before_programme(self, text, end, e0):
        """Whether a dash and a quoted programme name with its head follow (“A”——“B”行动)."""
        m = _DASH_QUOTE.match(text, end, e0)
        return bool(m) and bool(self.head.match(text, m.end(), e0))

    def _run_end(self, text, start, e0):
        """End of a series of 2+ quoted items (joined by nothing or 、) that a
        programme head follows, if start begins one."""
        rx = _QUOTE_SERIES
        m = rx.match(text, start, e0)
        if m and self._series_head(text, m.end(), e0):
            return m.end()
        # start may be inside a series that began earlier
        for back in range(start - 1, max(start - 60, 0), -1):
            m = rx.match(text, back, e0)
            if m and m.end() > start and text[back] == "“" and self._series_head(text, m.end(), e0):
                return m.end()
        return None

    def _series_head(self, text, end, e0):
        """A programme head right after a quoted series, or a short descriptor and one (公益活动),
        also after 等 (“A”“B”等专项活动)."""
        if text.startswith("等", end):
            end += 1
        return self.head.match(text, end, e0) or self._descriptor_head(text, end, e0)

    def _quoted(self, text, s0, e0):
        for c in self._quoted_whole(text, s0, e0):
            for p in self._split_series(text, c):
                if p.label == "Program" and _MANNER.search(p.attrs.get("name") or text[p.start:p.end]):
                    close = text.find("”", p.start) + 1
                    if not close or _MANNER_OF.match(text, close):
                        continue  # “蹲点式”走访: how it is done; “保姆式”服务模式, “枫桥式”法庭 are named
                yield p

    def _split_series(self, text, c):
        """“金扁担、银算盘、铁脚板”: a quoted list of short brand names is one programme each."""
        content = text[c.start + 1:text.find("”", c.start) if text[c.start] == "“" else c.end - 1]
        parts = content.split("、")
        if c.label != "Program" or len(parts) < 2 or not all(2 <= len(p) <= 6 for p in parts):
            yield c
            return
        if c.source == "quote+verb" and not self.head_soon.match(text, c.end, c.end + 12):
            return  # 构建“城乡统筹、部门协作”的格局: a list of aims, not of brands
        at = c.start + 1
        named = _ITEM_COUNT.match(text, c.start + len(content) + 2) or all(self.item_head.search(p) for p in parts)
        if not self._brand_items(parts, at) or not named:
            # “创新型、节约型”机关创建活动: one programme, named with its head, if it has one
            if c.source != "quote+verb" and text[c.end - 1] not in "”」\"":
                name = c.attrs["name"] if c.source == "quote+head" else strip_marks(text[c.start:c.end])  # not 战略
                yield Cand(c.start, c.end, "Program", c.source, c.priority, {"name": name})
            return
        for p in parts:
            yield Cand(at, at + len(p), "Program", "quote-list", c.priority, {"name": p})
            at += len(p) + 1

    def _brand_items(self, parts, at):
        """Whether the items of a quoted list are names, not qualities or actions."""
        for p in parts:
            if _QUALITY.search(p) or self._tags.get(at, "n") == "v":
                return False
            at += len(p) + 1
        return True

    def _quoted_whole(self, text, s0, e0):
        pos = s0
        while True:
            m = self.quote.search(text, pos, e0)
            if not m:
                return
            pos = m.end()
            content = next(g for g in m.groups() if g is not None)
            start, end = m.start(), m.end()
            core = strip_marks(content)
            if not core or _BAD_CONTENT.search(core) or any(p.search(core) for p in self.slogans) or \
                    (_HOLIDAY.fullmatch(core) and _HOLIDAY_TIME.match(text, end)) or _PROBLEMS.match(text, end, e0) \
                    or core.endswith(_AWARDS):
                continue  # (“国家工程师奖”: an award, no programme)
            run_end = self._run_end(text, start, e0)
            if run_end is not None:
                # “金A”“银B”“红C”志愿服务品牌: each quoted item of the series is a programme
                yield Cand(start, end, "Program", "quote-series", 2, {"name": core})
                continue
            if self._dash_before_programme(text, end, e0):
                # “春风送暖”——“就业援助”专项行动: the umbrella campaign before the dash
                yield Cand(start, end, "Program", "quote-umbrella", 2, {"name": core})
                continue
            lm = _NUMBER_LINE.match(text, end, e0) if core.isdigit() and 3 <= len(core) <= 6 else None
            if lm:
                # “12345”政务服务便民热线: the hotline, named by its number and what it is
                yield Cand(start, lm.end(), "Program", "quote+hotline", 3, {"name": core + lm.group()})
                continue
            cm = _CHARTER.match(text, end, e0)
            if cm and len(core) >= 2:
                # “文明九条”公约: a named charter is a document
                yield Cand(start, cm.end(), "Policy", "quote+charter", 3, {"name": core + cm.group(), "core": core})
                continue
            hm = self.head.match(text, end, e0)
            om = self.org_head.match(text, end, e0)
            lead = self._pun_lead(text, start, s0, core) if hm or om else ""
            if om and (not hm or len(om.group()) > len(hm.group())):
                # “携手同心”志愿服务队: a named team
                yield Cand(start - len(lead), om.end(), "Organization", "quote+org", 3,
                           {"name": lead + core + om.group()})
                continue
            if self.descriptor.match(text, end, e0) and 2 <= len(core) <= 10:
                yield Cand(start, end, "Program", "quote+descriptor", 2, {"name": core})
                continue
            if hm and hm.group() == "程序" and _PROCEDURE.search(text, s0, start):
                continue
            if hm and hm.group() == "战略" and _STRATEGIC.match(text, hm.end()):
                continue  # “X”战略合作, “X”战略支点: a word that 战略 begins, not the strategy
            if hm:
                # “掌上办税”App, “夕阳红帆”品牌, “接诉即评”制度: the vehicle is not the name
                name = lead + (core if hm.group() in _VEHICLES else core + hm.group())
                label = "Organization" if name.endswith(("服务队", "志愿队")) else "Program"
                yield Cand(start - len(lead), hm.end(), label, "quote+head", 3, {"name": name, "core": lead + core})
                continue
            if _FORMULA.fullmatch(core) and self.model_head.match(text, end, e0):
                # “公司+集体+农户”的管理模式: an N+X model names itself
                yield Cand(start, end, "Program", "quote+model", 2, {"name": core})
                continue
            if _BRAND_SHOP.fullmatch(core):
                # “积分超市”, “时间银行”: a reward or mutual-aid scheme named like a shop or a bank
                yield Cand(start, end, "Program", "quote+brand", 2, {"name": core})
                continue
            if self.org_end.search(core) and len(core) >= 4 and not self._descriptor_head(text, end, e0) \
                    and not _HONOUR.match(core):
                # (“时间银行”互助养老模式: a programme named like an organisation; “优秀创业团队”: an honour)
                yield Cand(start, end, "Organization", "quote", 2, {"name": core})
                continue
            if self.head_end.search(core) and len(core) >= 3 or (
                    core.endswith("节") and len(core) >= 4 and not _HOLIDAY_DAY.search(core)
                    and not _NOT_FESTIVAL.search(core)):
                # “X文化旅游节”, “全国网上年货节”: a festival someone holds (not “六一儿童节”: a day)
                yield Cand(start, end, "Program", "quote", 2, {"name": core})
                continue
            dm = self._descriptor_head(text, end, e0)
            if dm:
                # a short core needs its descriptor to be a name (“三联动”工作机制);
                # a long descriptor only says what kind of thing the core is
                whole = text[end:dm.end()]
                short = len(dm.group(1)) <= 2 and not _RANK.match(dm.group(1))
                name = core + whole if short or len(core) <= 3 else core
                yield Cand(start, dm.end(), "Program", "quote+descriptor+head", 2, {"name": name, "core": core})
                continue
            before = text[max(s0, start - 6):start]
            level = next((w for w in LEVEL_WORDS if before.endswith(w)), "")
            before = before[:len(before) - len(level)]  # 组建社区“X”: the level it is set up for
            if before.endswith("以") and _CARRIER.match(text, end, e0) and len(core) >= 2:
                # 以“X”为总载体: what a body works through is its programme
                yield Cand(start, end, "Program", "quote+carrier", 2, {"name": core})
            elif before.endswith(self.triggers + tuple(t + "了" for t in self.triggers)):
                end2 = self._tail_end(text, end, e0) if len(core) <= 2 else None
                if end2 is not None:
                    # “码”上办: quoted first character(s) of a longer name
                    yield Cand(start, end2, "Program", "quote+tail", 2, {"name": core + text[end:end2]})
                elif len(core) >= 3 and not _PATTERN_OF.match(text, end, e0):
                    # 设立“研判小组”: a working group is a body of its founder, not a programme
                    # 组建“X调解队”: a named team is an organisation
                    label = "Agency" if core.endswith(_GROUPS) else "Organization" \
                        if core.endswith("队") and before.endswith(_FOUND) else "Program"
                    yield Cand(start, end, label, "quote+verb", 2, {"name": core})
            elif len(core) >= 4 and _BUILDING.match(text, end, e0) and not _FUNCTION_RUN.search(core):
                # “四在农家·美丽乡村”创建, “平安乡村”建设: a campaign to build or win the quoted name
                yield Cand(start, end, "Program", "quote+building", 2, {"name": core})
            elif self._service_brand(text, s0, start, core):
                yield Cand(start, end, "Program", "quote+service", 2, {"name": core})
            elif 2 <= len(core) <= 12 and _BRAND_CLAUSE.match(text, end, e0):
                # “X”已成为…的一张名片, “X”入选…优秀案例: the clause says X is a brand or a model
                yield Cand(start, end, "Program", "quote+brand", 2, {"name": core})

    def _pun_lead(self, text, start, s0, core):
        """聚“新”联盟, 暖“新”驿站: a one-character quote is a pun inside a name, which the
        word before it (a one-character word, not a preposition or particle) begins."""
        i = start - 1
        if len(core) != 1 or i < s0 or i not in self._tags or self._tags[i] in _NOT_LEAD \
                or not _CJK_RUN.fullmatch(text[i]) or text[i] in _FUNCTION_CHARS:
            return ""
        if self._tags[i] == "v":  # 成立|聚“新”联盟, but 小哥|建“新”驿站: a verb after a noun is the predicate
            j = bisect.bisect_left(self._starts, i) - 1  # the word before
            if j < 0 or self._starts[j] < s0 or self._tags[self._starts[j]] not in ("v", "vn"):
                return ""
        return text[i]

    def _tail_end(self, text, end, e0):
        """The end of a short word after a short quote (“码”上办，“云”上学平台): one to
        three characters closed by punctuation or the sentence end, or by a programme
        head that the name takes too; not a clause that goes on (“网格”服务提升…)."""
        for n in (3, 2, 1):
            tail = text[end:end + n]
            if end + n > e0 or not _CJK_RUN.fullmatch(tail) or tail.startswith(_NOT_TAIL):
                continue
            if end + n == e0 or not _WORD_CHAR.match(text, end + n):
                return end + n
            hm = self.head.match(text, end + n, e0)
            if hm and (hm.end() == e0 or not _CJK_RUN.match(text, hm.end())):
                return hm.end()
        return None

    def _service_brand(self, text, s0, start, core):
        """通过“贴心服务”…, 推进快递小哥“结对服务”: a quoted …服务 that the clause
        launches or uses is a service brand (“绿色服务”通道 alone is not)."""
        if len(core) < 4 or not core.endswith("服务"):
            return False
        clause = re.split(r"[，。；：、“”《》（）]", text[max(s0, start - 10):start])[-1]
        return any(v in clause for v in self.triggers + self.means)


@Language.factory("gg_programs")
def make_programs(nlp, name):
    return ProgramRecognizer(nlp, name)
