"""Resolution: give each mention its node id and canonical name.

Per document (a pure function, so it runs in any worker): read the document's
geographic context, pick among same-named divisions, expand relative and
abbreviated agency names, and merge short forms into the full entity they
stand for. Across documents, mentions with the same node id are one node.
"""

import os
import re
from collections import Counter

from ..extract import Mention
from ..gazetteers.divisions import load_divisions
from ..nlp.agencies import LOCAL_BODIES, UNIQUE, YOUTH_LEAGUE
from ..nlp.candidates import naming
from ..nlp.programs import LEVEL_WORDS
from .context import agency_prefix, choose_division, document_context, place_division
from .names import LEVEL_OF, canonical_agency, expand_body, relative

# bare heads and abbreviations (医保局, 法院) name no one body by themselves; central bodies
# that exist once in the country (最高人民法院, 党中央, 国务院, 商务部) do; 团市委 is read like
# 市委, as the one of the city the text is about
_BARE = {b for b in (set(naming()["abbreviations"]) | set(naming()["agency_heads"])) - UNIQUE
         - set(naming()["national_bodies"]) if not YOUTH_LEAGUE.fullmatch(b)}
_MARKS = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]+")


def strip_marks(s: str) -> str:
    return _MARKS.sub("", s)


def resolve_document(mentions: list[Mention], text: str = "") -> None:
    """Set .key and .name on every mention (in place). text: the document's clean text, which
    the mentions' offsets index (without it, no rule reads the words between mentions)."""
    gaz = load_divisions()
    # divisions named in a 《title》 are no mentions; they give the levels no place of the
    # text gives (a county paper's 县委, 县水利局 and 《X县…方案》)
    titled = [m for m in mentions if m.attrs.get("in_title")]
    if titled:
        mentions = [m for m in mentions if not m.attrs.get("in_title")]
        for m in titled:
            m.key = None
    # the places an article is about: not the words of a quoted name (“桃源红管家”志愿服务队)
    names = [(m.start, m.end) for m in mentions if _quoted_name(m)]
    about = [m for m in mentions if m.label == "Place" and (m.outer or _with_level(m) or not any(
        a <= m.start and m.end <= b for a, b in names))]
    place_ids = [m.attrs.get("divisions") or [] for m in about]
    counts = Counter(ids[0] for ids in place_ids if len(ids) == 1)
    doc_ctx = document_context([ids for ids in place_ids if ids], gaz)
    if titled:  # (a title's division only where it lies under the text's own: not another city's county)
        own = [d for d in doc_ctx.values() if d is not None]
        doc_ctx = {**{level: d for level, d in document_context([m.attrs["divisions"] for m in titled], gaz).items()
                      if d is not None and all(gaz.is_under(d, o) or d.id == o.id or gaz.is_under(o, d) for o in own)},
                   **doc_ctx}
    # each article is read against its own places first, then the page's
    contexts = {}
    for a in {m.article for m in mentions}:
        ids = [m.attrs.get("divisions") for m in about if m.article == a]
        contexts[a] = {**doc_ctx, **document_context([i for i in ids if i], gaz)}
    written_after = {m.end: m for m in mentions if m.label == "Place" and m.attrs.get("divisions")}
    elsewhere = {strip_marks(m.text) for m in mentions if m.label == "Place" and _elsewhere(m, gaz, written_after)}
    for m in mentions:
        ctx = contexts[m.article]
        if m.attrs.get("user"):
            _user(m, gaz)
        elif m.label == "Place":
            _place(m, counts, gaz, elsewhere)
        elif m.label == "Agency" and m.attrs.get("source") == "joint":
            m.name = strip_marks(m.text).replace("(联合)", "（联合）")  # X小区（联合）党委: as written
            m.key = f"agency/{m.name}"
        elif m.label == "Agency":
            # enumerations name the agency a short span stands for (发改 -> 市发展和改革委员会)
            name, _ = canonical_agency(strip_marks(m.attrs.get("name") or m.text), ctx, counts, gaz)
            m.name, m.key = name, f"agency/{name}"
        elif m.label == "Organization":
            name = strip_marks(m.attrs.get("name") or m.text)
            if name.endswith(("日报社", "晚报社")):
                name = name[:-1]  # X日报社 publishes X日报: one node for the paper
            if re.match(r"[州市县区]", name):  # 县中医院 -> 鹤峰县中医院
                name, _ = canonical_agency(name, ctx, counts, gaz)
            m.name, m.key = name, f"organization/{name}"
        else:
            name = strip_marks(m.attrs.get("name") or m.text)
            if m.label == "Program":
                name = _DASH_RUN.sub("——", name)  # 夜·凯里—追梦市集, ——, --: one name, the standard dash
            m.name, m.key = name, f"{m.label.lower()}/{name}"
    _contrasted(mentions, contexts, counts, gaz, lambda a, b: text[a:b])
    _slogan_places(mentions, contexts, gaz)
    _qualify_places(mentions)
    _township_stems(mentions)
    _village_bodies(mentions)
    _local_bodies(mentions)
    _merge_short_forms(mentions)
    _short_titles(mentions)


def _relative_name(m):
    """The relative-name match of an agency mention's name (州医保局, 中共县委), else None."""
    return relative(strip_marks(m.attrs.get("name") or m.text).removeprefix("中共"))


def _facing(a, b, text_of) -> bool:
    """Are two mentions of one sentence on the two sides of 与/同 (A、B分别与C、D), in one clause?"""
    x, y = (a, b) if a.start < b.start else (b, a)
    between = text_of(x.end, y.start)
    return ("与" in between or "同" in between) and not any(p in between for p in "，。；：")


def _contrasted(mentions, contexts, counts, gaz, text_of):
    """省发改委、省商务厅分别与广东省发改委、广东省商务厅签订…: a relative name and the same
    body written with its place, in one sentence, are two bodies. The relative one is of the
    article's other division of that level (贵州省's, in an article naming 贵州省 and 广东省),
    when the article names exactly one other."""
    explicit = {}
    for m in mentions:
        if m.label == "Agency" and m.key and not _relative_name(m):
            explicit.setdefault((m.sent, m.key), []).append(m)
    for m in mentions:
        rel = _relative_name(m) if m.label == "Agency" else None
        if not rel or not any(_facing(m, e, text_of) for e in explicit.get((m.sent, m.key), ())):
            continue
        text = strip_marks(m.attrs.get("name") or m.text)
        ctx = contexts[m.article]
        level = next((lv for lv in LEVEL_OF[rel.group(2)] if ctx.get(lv) is not None
                      and m.name.find(agency_prefix(ctx[lv], gaz)) in (0, 2)), None)  # (after 中共)
        if level is None:
            continue
        used = ctx[level]
        named = [place_division(p) for p in mentions if p.label == "Place" and p.article == m.article]
        others = {d.id: d for div in named if div is not None for d in gaz.chain(div)
                  if d.level == used.level and d.id != used.id and agency_prefix(d, gaz).endswith(rel.group(2))}
        if len(others) == 1:
            name, _ = canonical_agency(text, {**ctx, level: next(iter(others.values()))}, counts, gaz)
            m.name, m.key = name, f"agency/{name}"


def _with_level(m) -> bool:
    """Is the place written with its level (凤凰县, not 凤凰)? Then it names the division wherever it stands."""
    return strip_marks(m.text).endswith(("省", "市", "州", "县", "区", "旗", "盟", "镇", "乡", "街道"))


def _quoted_name(m) -> bool:
    return m.label == "Program" or m.label == "Organization" and m.text.startswith("“")


def _slogan_places(mentions, contexts, gaz):
    """“清河护岸”: a division's short form inside a programme's name, far from the places the
    article is about, is a word of the name (清河: clean the rivers), not the division; so
    inside the quoted name of a team (“桃源红管家”志愿服务队: the community's, not 桃源县)."""
    programs = [m for m in mentions if _quoted_name(m)]
    for m in mentions:
        div = place_division(m) if m.label == "Place" and not m.outer else None
        if div is None or m.text.endswith(div.name[-1]):
            continue  # a name with its level (清河区, 黔东南州) names the division wherever it stands
        if not any(p.start <= m.start and m.end <= p.end for p in programs):
            continue
        if any(n.key == m.key and n.outer and n.article == m.article for n in mentions):
            continue  # the article names the place outside the programme too (北京…“花开北京”)
        ctx = [d for d in contexts[m.article].values() if d is not None]
        chain = {a.id for a in gaz.chain(div)}
        if ctx and not any(d.id in chain or div.id in {a.id for a in gaz.chain(d)} for d in ctx):
            m.key = None


def _township_stems(mentions):
    """开通旧州至凯里专线 after 旧州镇: a township the document names, written without its
    suffix, is that township (when one township of the document has that stem)."""
    places = [m for m in mentions if m.label == "Place" and m.key]
    towns = {}
    for q in places:
        t = strip_marks(q.text)
        end = next((e for e in ("街道", "镇", "乡") if t.endswith(e)), "")
        if end and len(t) - len(end) >= 2:
            towns.setdefault(t[:-len(end)], {})[q.key] = q.name
    for m in places:
        named = towns.get(strip_marks(m.text), {})
        if len(named) == 1 and not m.attrs.get("divisions"):  # 溧阳 is 溧阳市 already
            m.key, m.name = next(iter(named.items()))


def _short_form(place) -> str:
    """A city's name as a zone's name starts with it: the shortest form of its division
    (恩施土家族苗族自治州, 恩施州 -> 恩施; 嘉兴市 -> 嘉兴), else as written without 市."""
    div = place_division(place)
    if div is not None:
        return min((f for f in div.forms if len(f) >= 2), key=lambda f: (len(f), f))
    name = strip_marks(place.text)
    return name[:-1] if name.endswith("市") and len(name) > 2 else name


def _village_bodies(mentions):
    """A village's or community's body is named by the village alone, however the text
    qualifies it (X市Y区Z街道W社区党委 -> W社区党委), as its bare 村委会 is (see _local_bodies);
    its id keeps the village as the document qualifies it, for villages of one name are many."""
    places = [p for p in mentions if p.label == "Place" and p.key]
    villages = sorted((p for p in places if _level(p) == "village"), key=lambda p: -len(p.text))
    for m in mentions:
        if m.label != "Agency" or not m.key:
            continue
        chain, at = [], m.start
        for p in sorted((p for p in places if m.start <= p.start and p.end < m.end), key=lambda p: (p.start, -p.end)):
            if p.start == at:
                chain.append(p)
                at = p.end
        if chain and _level(chain[-1]) == "village":
            place = chain[-1]
        else:  # 竹林村村委, one word to the tagger: the village the document names that the name starts with
            place = next((p for p in villages if m.name.startswith(strip_marks(p.text))), None)
            if place is None:
                continue
        village = strip_marks(place.text)
        i = m.name.rfind(village)
        if i >= 0:
            body = m.name[i + len(village):]
            m.name = village + body
            m.key = f"agency/{place.name}{body}"


def _local_bodies(mentions):
    """村委会, 街道党工委 … belong to the village or street last named before them in
    the article (龙潭村 … 村委会主任 -> 龙潭村村民委员会); with none, they are dropped."""
    places = sorted((m for m in mentions if m.label == "Place" and m.key), key=lambda m: m.start)
    for m in mentions:
        if not m.attrs.get("local"):
            continue
        head, level = LOCAL_BODIES.get(strip_marks(m.text)) or (expand_body(m.attrs["township_body"]), "township")
        place = next((p for p in reversed(places) if p.start < m.start and p.article == m.article
                      and _level(p) == level), None)
        if place is None or any(q.key != place.key and q.article == place.article and _level(q) == level
                                and (q.end + 1 == place.start or place.end + 1 == q.start) for q in places):
            m.key = None  # none, or the last is an item of a list (在A村、B村等8个村…由村党支部牵头): which one is not said
            continue
        where = place.name if level == "township" else strip_marks(place.text)
        m.name = where + head
        m.key = f"{m.label.lower()}/{place.name}{head}"  # as _village_bodies: the village as the text qualifies it

_PARENT_LEVELS = {"village": ("township",), "township": ("county", "district"), "district": ("prefecture",)}


def _level(m):
    level = m.attrs.get("level")
    if level == "county" and m.name.endswith("区"):
        return "district"
    if level is None:
        name = strip_marks(m.text)
        if name.endswith(("街道", "镇", "乡")):
            return "township"
        if name.endswith(("村", "社区", "居委会")) or re.search(r"村[一二三四五六七八九十\d]+组$", name):
            return "village"
    return level


def _qualify_places(mentions):
    """Towns, villages, communities and city districts are named with their parent
    as the text writes it (恩施市舞阳坝街道, 舞阳坝街道东湖社区, 武汉市洪山区): the
    longest such form in the document names every mention of the place, unless the
    text qualifies a village's name in two ways (two villages of one name)."""
    places = [m for m in mentions if m.label == "Place" and m.key]
    by_end = {m.end: m for m in places}
    best, own = {}, {}  # the qualified names of each place; each mention's own
    for m in places:
        parent = by_end.get(m.start)
        if parent is not None and strip_marks(m.text) in _ZONES:
            # 嘉兴(市)|经济技术开发区: a zone's generic name is a name only with its city's short form
            # (嘉兴高新区 and 嘉兴市高新区 are one zone)
            city = _short_form(parent)
            m.name = city + strip_marks(m.text)
            m.key = f"place/{m.name}"
            continue
        # only the immediate parent qualifies (浙江余杭区 is not how a district is named)
        if parent is not None and parent.key != m.key and _level(parent) in _PARENT_LEVELS.get(_level(m), ()):
            # a district under its city's short form (盐城|大丰区): the city's full name, as agency names
            # write a district (盐城市大丰区); a town or village keeps its parent as written
            where = parent.name if _level(m) == "district" else strip_marks(parent.text)
            if m.name.startswith((where, _short_form(parent))):
                where = ""  # 郑州航空港经济综合实验区 names its city already
            own[id(m)] = (parent.key, where + m.name)
            best.setdefault(m.key, {}).setdefault(parent.key, set()).add(own[id(m)][1])
    for m in places:
        by_parent = best.get(m.key)
        if not by_parent:
            continue
        if not m.attrs.get("code") and len(by_parent) > 1:
            # villages of one name under two towns (甲镇竹林村, 乙镇竹林村) are two places:
            # each written with its town is that one; written alone, it cannot be told
            if id(m) in own:
                m.name = max(by_parent[own[id(m)][0]], key=lambda n: (len(n), n))
                m.key = f"place/{m.name}"
            continue
        m.name = max((n for names in by_parent.values() for n in names), key=lambda n: (len(n), n))


def _user(m, gaz):
    """An entry of the user's gazetteer: its name is canonical; a place keeps its division code."""
    m.name = m.attrs["name"]
    divs = gaz.lookup(m.name) if m.label == "Place" else []
    if len(divs) == 1:
        m.key = f"place/{divs[0].id}"
        m.attrs["code"] = divs[0].code
    else:
        m.key = f"{m.label.lower()}/{m.name}"


def _elsewhere(m, gaz, written_after) -> bool:
    """清溪街道|明珠社区: a place written right after a township is in it; the divisions of that
    name (a 明珠社区 directly under a district of another city) are elsewhere."""
    ids = [i for i in m.attrs.get("divisions") or [] if i in gaz.by_id]
    parent = written_after.get(m.start)
    if not ids or parent is None:
        return False
    above = [gaz.by_id[i] for i in parent.attrs["divisions"] if i in gaz.by_id]
    return bool(above) and all(a.level == "township" for a in above) \
        and not any(gaz.is_under(gaz.by_id[i], a) for i in ids for a in above)


def _place(m, counts, gaz, elsewhere):
    ids = [i for i in m.attrs.get("divisions") or [] if i in gaz.by_id]
    if strip_marks(m.text) in elsewhere:
        ids = []  # (every mention of that name in the document: the one after its township)
    if not ids:
        # a township/village written after its parent keeps the parent (恩施市舞阳坝街道)
        m.name = strip_marks(m.text)
        m.key = f"place/{m.name}"
        return
    div = choose_division([gaz.by_id[i] for i in ids], counts, gaz)
    m.name, m.key = div.name, f"place/{div.id}"
    m.attrs["level"] = div.level
    m.attrs["code"] = div.code
    m.attrs["parent"] = f"place/{div.parent}" if div.parent else None


_DASH_RUN = re.compile(r"(?<=[\u4e00-\u9fff])(?:—{1,2}|-{1,2}|－{1,2})(?=[\u4e00-\u9fff])")  # (not 5G-A, Wi-Fi)
_DASHES = "—－-+＋"  # (and “A+B”: a formula with A in it is another programme)
_ENUMERATED = ("short-form", "shared-head", "shared-place")  # named by their enumeration (市民政、工会等部门)
# the generic names of development zones (a city's name comes before them)
_ZONES = {"经济技术开发区", "经济开发区", "高新技术产业开发区", "高新技术开发区", "高新区", "经开区", "开发区", "新区"}
# standard short forms of development zones, and the names they stand for
_ZONE_SHORT = {"经开区": ("经济技术开发区", "经济开发区"), "高新区": ("高新技术产业开发区", "高新技术开发区"),
               "开发区": ("开发区",)}


_EVENTS = ("活动", "行动")
_HOTLINE = re.compile(r"\d{3,6}(?:服务)?(?:热线|专线|平台)")
_COMPOUND_ENDS = ("花园", "苑", "家园", "新村", "城", "府", "湾", "庭", "居", "园")  # how a compound's name ends


def _fuller_function(short: str, name: str) -> bool:
    """Is name the body short is, with its function written in full: X自然资源局 and
    X自然资源和规划局 (a bureau's merged function, which texts write with and without)?"""
    i = len(os.path.commonprefix([short, name]))
    return i >= 4 and 1 <= len(short) - i <= 2 and name[i:i + 1] == "和" and name.endswith(short[i:]) \
        and len(name) - len(short) <= 6


_EVENT_KINDS = {"专项", "集中", "系列", "主题", "集中专项", "专项整治", "主题宣传"}


def _event_forms(mentions):
    """“雷霆”行动 and “雷霆”专项行动: one campaign, its kind written plainly and in full; the plain
    form names it, as where the bare core is written too (see _merge_short_forms). Not “雷霆”
    食品安全整治行动: what it says of itself may make another campaign of that name."""
    plain = {}
    for m in mentions:
        core = m.attrs.get("core")
        if m.label == "Program" and m.key and core and m.name.startswith(core) and m.name[len(core):] in _EVENTS:
            plain.setdefault((core, m.name[len(core):]), m)
    for m in mentions:
        core = m.attrs.get("core")
        if m.label != "Program" or not m.key or not core or not m.name.startswith(core) or len(m.name) <= len(core):
            continue
        e = next((e for e in _EVENTS if (core, e) in plain and m.name.endswith(e)), None)
        p = plain[core, e] if e else None
        if p is not None and m.key != p.key and m.name[len(core):len(m.name) - len(e)] in _EVENT_KINDS:
            m.key, m.name = p.key, p.name


def _merge_short_forms(mentions):
    """A bare head (文联) or a programme's quoted core (暖邻帮) names the one
    fuller entity of the document that ends with / is built on it."""
    _event_forms(mentions)
    by_label = {}
    for m in mentions:
        by_label.setdefault(m.label, {})[m.key] = m.name
    place_names = {n: k for k, n in by_label.get("Place", {}).items()}
    foreign = {m.key for m in mentions if m.attrs.get("source") == "foreign"}
    for m in mentions:
        names = by_label.get(m.label, {})
        if m.attrs.get("local"):
            continue  # already named by its village or street
        if m.label == "Place" and m.name in _ZONE_SHORT:  # not 嘉兴经开区, named with its city
            # 经开区 after 某某经济技术开发区: the one zone of that kind the document names
            fulls = _ZONE_SHORT[m.name] + (m.name,)
            targets = {k for k, n in names.items() if k != m.key and n.endswith(fulls) and len(n) > len(m.name)}
            if len(targets) == 1:
                m.key = targets.pop()
                m.name = names[m.key]
            else:
                m.key = None  # no one zone: every city has its 经开区
            continue
        if m.label == "Place":
            # 紫云花园 and 紫云花园小区: one residential compound, written with and without 小区
            # (not 桃源村 and 桃源村小区, a village and a compound named for it)
            full = place_names.get(m.name + "小区") if m.name.endswith(_COMPOUND_ENDS) else None
            if full is not None:
                m.key, m.name = full, m.name + "小区"
            continue
        if m.label == "Agency":
            targets = {k for k, n in names.items() if k != m.key and n.endswith(m.name) and len(n) > len(m.name)
                       and k not in foreign}  # 外交部 is China's, even after 伊朗外交部
            if not targets:
                targets = {k for k, n in names.items() if k != m.key and _fuller_function(m.name, n)}
        elif m.label == "Program":
            # not “A——B”工程: B under the umbrella A, which is a programme of its own
            targets = {k for k, n in names.items() if k != m.key and n.startswith(m.name) and len(n) > len(m.name)
                       and n[len(m.name)] not in _DASHES}
            if not targets:  # X and 社区X: one programme, written with and without its level
                targets = {k for k, n in names.items() if k != m.key and n.endswith(m.name)
                           and n[:len(n) - len(m.name)] in LEVEL_WORDS}
            if not targets and _HOTLINE.fullmatch(m.name):
                # 12345热线 after 常州12345热线: the one city's hotline the document names
                # (or 12345政务服务便民热线: the line named by its number and what it is)
                number = re.match(r"\d+", m.name).group()
                targets = {k for k, n in names.items() if k != m.key and len(n) > len(m.name) and (
                    n.endswith(m.name) or n.endswith(m.name[-2:]) and re.findall(r"\d{3,6}", n) == [number])}
            bare = [k for k in targets if names[k][len(m.name):] in _EVENTS]
            if len(targets) > 1 and len(bare) == 1 and all(names[k].endswith(names[bare[0]][len(m.name):])
                                                           for k in targets):
                # “X”活动 and “X”爱心公益活动: one campaign, its events written two ways (not
                # “X”助学活动 and “X”夏令营活动 alone, nor an 行动 with an 活动)
                k = bare[0]
                for other in mentions:
                    if other.label == "Program" and other.key in targets:
                        other.key, other.name = k, names[k]
                targets = {k}
        else:
            continue
        if len(targets) == 1:
            k = targets.pop()
            m.key, m.name = k, names[k]
        elif m.label == "Agency" and strip_marks(m.text) in _BARE and m.attrs.get("source") not in _ENUMERATED:
            m.key = None  # 医保局 with two 医保局s in the text, or none: cannot tell which
    _name_programs_by_usage(mentions)


_POLICY_HEADS = set(naming()["policy_heads"])
_KIND_OF_DOCUMENT = {"实施", "指导", "行动", "管理", "工作", "暂行", "若干", "总体", "专项"}


def _short_titles(mentions):
    """《意见》, 《实施方案》: a document's kind alone refers back to the last document of
    that kind its article names in full (or the one of the whole text); with none, it names nothing."""
    policies = [m for m in mentions if m.label == "Policy" and m.key]
    for m in policies:
        short = m.name
        if short not in _POLICY_HEADS and not (short[:2] in _KIND_OF_DOCUMENT and short[2:] in _POLICY_HEADS):
            continue  # 《宪法》, 《刑法》 are names of their own
        fuller = [p for p in policies if p.name.endswith(short) and len(p.name) > len(short)]
        before = [p for p in fuller if p.article == m.article and p.start < m.start]
        if before:
            target = max(before, key=lambda p: p.start)
        elif len({p.key for p in fuller}) == 1:
            target = fuller[0]
        else:
            m.key = None
            continue
        m.key, m.name = target.key, target.name


def _name_programs_by_usage(mentions):
    """A programme written mostly as its bare quoted core (“邻里议事厅” five times,
    “邻里议事厅”模式 once) is named by the core."""
    groups = {}
    for m in mentions:
        if m.label == "Program" and m.key:
            groups.setdefault(m.key, []).append(m)
    for key, ms in groups.items():
        forms = Counter(strip_marks(m.attrs.get("name") or m.text) for m in ms)
        full = ms[0].name
        core, n = max(forms.items(), key=lambda kv: (kv[1], len(kv[0])))
        if core != full and full.startswith(core) and n > sum(v for f, v in forms.items() if f != core):
            for m in ms:
                m.name, m.key = core, f"program/{core}"
