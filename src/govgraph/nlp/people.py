"""People: LAC's PER words, minus honorific-only references (王阿姨, 李先生,
刘某, 化名), plus reporters in bylines, whose names the raw text separates
with spaces (■ 周 强 林小燕 -> 周强, 林小燕)."""

import re

from spacy.language import Language

from ..gazetteers.divisions import load_divisions
from .candidates import Cand, add_candidates, doc_text, naming, tagged

_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "公孙", "西门", "南宫")
_BYLINE = re.compile(r"^[■●▲◆□]|[（(](?:本报)?(?:记者|通讯员|见习记者|特约记者)|^(?:本报)?(?:记者|通讯员)")
_BYLINE_ROLE = re.compile(r"(?:本报)?(记者|通讯员|见习记者|特约记者)")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff]+")
# a country's one-character short form and 方 (side) or 军 (army); 军 not after a common surname (马军)
_SIDE = re.compile("[中美俄乌哈日韩朝英法德意巴以伊叙土印越泰老柬缅菲马新蒙塞匈波捷希埃沙阿欧斯]方|[美俄乌以日英法德叙]军")
# armed and political groups the tagger reads as people
_GROUPS = {"哈马斯", "胡塞", "塔利班"}
_MODEL = re.compile(r"[-－]\d")  # 伊尔-76, 苏-35: a model's designation
_PLACE_AFTER = re.compile("等方向|方向|附近|及周边|周边地区|北方机场|机场|州官员|一带|以南|以北|以东|以西|郊区")
# common Chinese surnames (the national top hundred and those frequent in the southwest): a
# four- or six-character name is two people only if both halves start with one
_TOP_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
                    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
                    "蒙粟滕麻欧饶聂柏凌樊文牛温葛骆庞左施甘焦单岳伍舒吉杭")


class PersonRecognizer:
    def __init__(self, nlp=None, name="gg_people"):
        self.not_person = tuple(naming()["non_person_titles"])
        self.surnames = set(naming()["common_surnames"]) | set(_COMPOUND_SURNAMES)
        self.places = load_divisions().forms()
        # words the tagger reads as names: a department's short form (医保、税务、卫健等部门), a
        # generic place word (江畔)
        self.not_names = set(naming()["function_short_forms"]) | set(naming()["generic_places"])

    def __call__(self, doc):
        add_candidates(doc, list(self.find(doc)))
        return doc

    def find(self, doc):
        text = doc_text(doc)
        byline_spans = []
        for sent in doc.sents:
            if _BYLINE.search(text[sent.start_char:sent.end_char]):  # not sent.text: rebuilt from tokens
                for c in self._byline(doc, sent):
                    byline_spans.append((c.start, c.end))
                    yield c
        pers = list(tagged(doc, ("PER",)))
        # one name per document: 王建 in 王建|国和 is 王建国 where the tagger finds 王建国 elsewhere
        longer = {t.text for t in pers if len(t) == 3}
        # 在巴赫穆特等方向, 向阿什凯隆及周边: a name the document writes before a place word is a place's
        places = {t.text for t in pers if _PLACE_AFTER.match(text, t.idx + len(t))}
        for tok in pers:
            s, e = tok.idx, tok.idx + len(tok)
            if len(tok) == 2 and text[s:s + 3] in longer:
                e = s + 3
            if any(bs <= s < be for bs, be in byline_spans):
                continue
            if e - s in (3, 4) and text[e - 1] == "案":
                e -= 1  # 李再勇案, 李东案: the case of 李再勇, of 李东
            after, word = text[e:e + 4], text[s:e]
            if "某" in word or word.endswith(self.not_person):
                continue
            # a surname before a title (王 阿姨, 李大 姐) is no name; a full name before one is (X同志)
            if after.startswith(self.not_person) and (len(word) < 2 or len(word) == 2 and word[1] in "大小老阿"):
                continue
            if re.match(r"[（(]化名", after):
                continue
            if word in self.places or word in places or word in self.not_names or _SIDE.fullmatch(word) or word in _GROUPS or _MODEL.match(text, e):
                continue  # 哈方, 乌军: a country's side or army; 哈马斯: a group; 伊尔-76: an aircraft
            if text[s - 1:s] == "“" and text[e:e + 1] == "”" and text.count(word) == text.count(f"“{word}”"):
                continue  # a name only ever in quotes is a character's or a nickname (“林黛玉”的故事)
            for ps, pe in _split_name(word, s, doc._.space_gaps, longer):
                name = text[ps:pe]
                if not 2 <= pe - ps <= 4 or name.endswith(self.not_person) or name[0] == name[1] \
                        or (len(name) == 2 and name[1] == "医"):
                    continue  # 王总; 学习|习X gives 习习 where the name is not known; 苗医: a medicine
                if name[0] in self.surnames or name[:2] in self.surnames:
                    yield Cand(ps, pe, "Person", "lac", 2)

    def _byline(self, doc, sent):
        """Names in a byline line or a （记者 … ） bracket, split at raw spaces."""
        text = doc_text(doc)
        s0, e0 = sent.start_char, sent.end_char
        m = _BYLINE_ROLE.search(text, s0, e0)
        role = m.group(1) if m else "记者"
        if text[s0] in "■●▲◆□":
            region = (s0 + 1, e0)
        else:
            bm = re.search(r"[（(](?:本报)?(?:记者|通讯员|见习记者|特约记者)([^）)]*)[）)]", text[s0:e0])
            if bm:
                region = (s0 + bm.start(1), s0 + bm.end(1))
            elif m and m.start() == s0:
                region = (m.end(), e0)
            else:
                return
        rs, re_ = region
        # pieces between raw gaps and separators
        pieces, cur = [], rs
        for i in range(rs, re_ + 1):
            if i == re_ or i in doc._.gaps or text[i] in "、，, 　":
                if i > cur:
                    pieces.append((cur, i))
                cur = i + 1 if i < re_ and text[i] in "、，, 　" else i
        first = next(((ps, pe) for ps, pe in pieces if not _BYLINE_ROLE.fullmatch(text[ps:pe])), None)
        if first is not None and (first[1] - first[0] > 4 or text[first[0]] not in self.surnames
                                  and not text.startswith(_COMPOUND_SURNAMES, first[0])):
            return  # 记者从X获悉，…, 记者看到: a sentence that starts with 记者, not a line of names
        names = []
        for ps, pe in pieces:
            piece = text[ps:pe]
            if _BYLINE_ROLE.fullmatch(piece):
                continue
            if pe - ps > 4:
                break  # the byline ends where the text it was glued to begins
            if not _NAME_CHARS.fullmatch(piece):
                continue
            if names and pe - ps == 1 and names[-1][1] - names[-1][0] == 1 and names[-1][1] == ps:
                names[-1] = (names[-1][0], pe)  # 周 强 -> 周强
            else:
                names.append((ps, pe))
        for ps, pe in names:
            if 2 <= pe - ps <= 4:
                yield Cand(ps, pe, "Person", "byline", 3, {"role": role})


def _two_names(word, half):
    """Do both halves start with a common Chinese surname (two people glued together)?"""
    return word[0] in _TOP_SURNAMES and word[half] in _TOP_SURNAMES


def _split_name(word, start, gaps, known=()):
    """Split a run of names the tagger glued together (赵丽华孙晓梅), or trim what it glued to
    one name: a conjunction after it (王建国和), a char before or after a name the document
    has alone (known: 学习|王建国 -> 习王建国)."""
    n = len(word)
    cut = [start + i for i in range(1, n) if start + i in gaps]
    if cut and len(cut) < n - 1:  # (杨 秀 英: a space after every character is the page's spacing, one name)
        bounds = [start] + cut + [start + n]
        return _join_spaced(list(zip(bounds, bounds[1:])))
    if n == 6:
        # 赵丽华孙晓梅: two names; 阿夫杰耶夫卡: one foreign name (a place, too long for a person)
        return [(start, start + 3), (start + 3, start + 6)] if _two_names(word, 3) else [(start, start + n)]
    if n == 4 and not word.startswith(_COMPOUND_SURNAMES):
        if word[3] in "和与及同跟等" or word[:3] in known:
            return [(start, start + 3)]
        if word[1:] in known:
            return [(start + 1, start + 4)]
        # 王丽杨帆: two names; 阿姆赫德, 斯凯里特: one foreign name
        return [(start, start + 2), (start + 2, start + 4)] if _two_names(word, 2) else [(start, start + n)]
    if n == 5 and word.startswith(_COMPOUND_SURNAMES):
        return [(start, start + 5)]
    return [(start, start + n)]


def _join_spaced(pieces):
    """郑 文 孙立新: characters spaced out one by one make names again (two or three of them one
    name, four two names); a name written whole stays as it is."""
    out, run = [], []
    for a, b in pieces + [(None, None)]:
        if a is not None and b - a == 1:
            run.append((a, b))
            continue
        if 2 <= len(run) <= 3:
            out.append((run[0][0], run[-1][1]))
        elif len(run) == 4:
            out += [(run[0][0], run[1][1]), (run[2][0], run[3][1])]
        run = []
        if a is not None:
            out.append((a, b))
    return out


@Language.factory("gg_people")
def make_people(nlp, name):
    return PersonRecognizer(nlp, name)
