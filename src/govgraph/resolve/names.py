"""Canonical names of agencies: expand relative prefixes and standard
abbreviations (州医保局 -> 恩施州医疗保障局, 州委 -> 中共恩施州委员会)."""

import re
from functools import lru_cache

from ..gazetteers.divisions import Divisions
from ..nlp.candidates import TERM, TOWNSHIP_UNITS, naming
from .context import agency_prefix, choose_division

_LOWER_PLACE = re.compile(r"[\u4e00-\u9fff]{1,2}(?:社区|街道|村)")
# 州/市/县/区/省 alone before a body refer to the document's division of that level
# 市 is the article's county-level city if it is about one (丹阳市: 市民政局), else its prefecture
LEVEL_OF = {"省": ("province",), "州": ("prefecture",), "市": ("city", "prefecture"), "县": ("county",), "区": ("county",)}


# words that start with a level character but are not relative names
_NOT_RELATIVE = re.compile("市场|市民服务|区域|县域|省级|市级|县级|州级|区级|市政(?!协|府)")


_RELATIVE = re.compile(r"(团)?([省州市县区])(.+)")


def relative(rest: str):
    """The match of a relative name (州医保局, 团市委: group 2 the level character), else None."""
    m = _RELATIVE.match(rest)
    return m if m and not _NOT_RELATIVE.match(rest) else None


def split_prefix(name: str, gaz: Divisions):
    """(party prefix, place form, rest) of an agency name."""
    party = ""
    for p in ("中国共产党", "中共", "共青团"):
        if name.startswith(p):
            party, name = p, name[len(p):]
            break
    forms = gaz.forms()
    for k in range(min(len(name) - 1, 14), 1, -1):
        # 新丰|村: a village named like a county; 公安|部: a ministry, not a county's 部
        if name[:k] in forms and not name.startswith(("村", "社区"), k) and name[k:] != "部":
            return party, name[:k], name[k:]
    return party, "", name


def expand_body(rest: str) -> str:
    return _expand_units(_expand_end(rest))


# abbreviations of a whole body's name, not of the end of a longer one (X电子政务中心 is another body)
_WHOLE_ONLY = {"政务中心"}


def _expand_end(rest: str) -> str:
    for short, full in _abbreviations():
        if short in _WHOLE_ONLY and rest.endswith(short) and rest[:-len(short)][-1:] not in ("", *"省市州县区"):
            continue  # X电子政务中心; not 高新区政务中心
        if short == "监委" and "纪委" in rest:
            continue  # X纪委监委, 中央纪委国家监委: the twin bodies as one, written as they are
        if rest.endswith(short) and not rest.endswith(full):
            return rest[: -len(short)] + full
    return rest


# abbreviations that can stand before a unit inside the body (县法院执行局, 区政府办公室);
# 纪委 is written before its twin 监委, not before a unit of it
_UNIT_PARENT_ENDS = tuple("院局委厅府")
_NOT_UNIT_PARENTS = {"纪委"}


def _expand_units(rest: str) -> str:
    """县法院环境法庭 -> 县人民法院环境法庭: an abbreviated body followed by a unit of it."""
    for short, full in _unit_parents():
        i = rest.find(short)
        while i != -1:
            end = i + len(short)
            # 农村委员会 holds 村委 but no committee of a village
            # 县政府|采购: the government's procurement, not a unit of it
            if len(rest) - end >= 2 and not rest[:end].endswith(full) and not rest[end:].startswith(("员", "会", "采购")) \
                    and not (short == "监委" and "纪委" in rest[:i]):  # (X纪委监委宣传部: as written)
                return rest[:i] + full + _expand_units(rest[end:])
            i = rest.find(short, i + 1)
    return rest


def _lowest_division(div, form: str, rest: str, gaz: Divisions):
    """山东省某市民政局, 广东某区法院: a province or prefecture written before the
    division a body belongs to is not part of the body's name, which starts at the
    lowest county or prefecture (a district keeps its city through agency_prefix)."""
    while not (div.level == "province" and div.name.endswith("市")):  # 北京市海淀区 keeps its city
        for k in range(min(len(rest) - 1, 14), 1, -1):
            inner = [d for d in gaz.descendants_named(div, rest[:k]) if d.level in ("prefecture", "county")
                     and (rest[:k] == d.name or rest[:k].endswith(_LEVEL_ENDS))]  # not 公安 of 公安厅
            if len(inner) == 1:
                div, form, rest = inner[0], rest[:k], rest[k:]
                break
        else:
            break
    return div, form, rest


_LEVEL_ENDS = tuple("省州市县区旗盟")
# a short form, then one of these, names a site (镇远古城, 西江苗寨), not the division
_SITE_STARTS = ("古城", "古镇", "古村", "景区", "苗寨", "侗寨", "老街", "古街")



@lru_cache(maxsize=None)
def _abbreviations() -> tuple[tuple[str, str], ...]:
    abbr = naming()["abbreviations"]
    return tuple((short, abbr[short]) for short in sorted(abbr, key=len, reverse=True))


@lru_cache(maxsize=None)
def _unit_parents() -> tuple[tuple[str, str], ...]:
    """The abbreviations of bodies that have units (法院 of 县法院执行局), longest first."""
    return tuple((s, f) for s, f in _abbreviations() if s.endswith(_UNIT_PARENT_ENDS) and s not in _NOT_UNIT_PARENTS)


_STATE_BODIES = ("人大常委会", "人民代表大会常务委员会", "人大", "人民代表大会", "人民政府", "政府", "政协",
                 "人民法院", "法院", "人民检察院", "检察院")
_CPPCC_COMMITTEE = re.compile("政协(.+?)委员会(.*)")


def canonical_agency(name: str, ctx: dict, counts, gaz: Divisions) -> tuple[str, str | None]:
    """Canonical name and the division id it is qualified by (if any)."""
    name = TERM.sub("", name)  # 政协第十届X委员会, 第十四届全国人大: the body, whatever its term
    m = _CPPCC_COMMITTEE.fullmatch(name)
    if m:
        # 政协X委员会 is X's political consultative conference, as X政协 (全国: 全国政协)
        place, unit = m.groups()
        if place == "全国":
            return "全国政协" + unit, None
        full, div = canonical_agency(place + "政协", ctx, counts, gaz)
        return full + unit, div
    party, form, rest = split_prefix(name, gaz)
    if party != "共青团" and rest.endswith(_STATE_BODIES):
        party = ""  # 中共|全国人大常委会|党组: the party group of a state body; the body has no party prefix
    div = None
    if form and not form.endswith(_LEVEL_ENDS) and rest.startswith(_SITE_STARTS):
        return name, None  # 镇远|古城旅游景区管理委员会: named for the old town 镇远古城, not for the county
    if form and not form.endswith(_LEVEL_ENDS) and (rest in TOWNSHIP_UNITS or _LOWER_PLACE.match(rest)
                                                     and not rest.startswith(("乡村", "农村", "新农村"))):
        # 凤城|派出所, 城关|法庭: named for a town, not for the county 凤城市 or 城关区; 九龙|湖社区…:
        # the short form begins a community's or a village's name, not the name of the body
        return name, None
    if form:
        div, form, rest = _lowest_division(choose_division(gaz.lookup(form), counts, gaz), form, rest, gaz)
        prefix = agency_prefix(div, gaz)
        if rest[:1] in "省市州县区" and form != div.name and div.name.endswith(rest[:1]) and len(rest) > 2:
            rest = rest[1:]  # 大通湖|区医保局: the level character belongs to the place
    else:
        prefix = ""
        m = relative(rest)
        if m:
            for level in LEVEL_OF[m.group(2)]:
                d = ctx.get(level)
                if d and agency_prefix(d, gaz).endswith(m.group(2)):
                    div, prefix = d, agency_prefix(d, gaz)
                    rest = (m.group(1) or "") + m.group(3)
                    break
    if rest.startswith("团") and rest.endswith("委") and prefix:  # 团市委
        return "共青团" + prefix + "委员会", div and div.id
    if rest == "委" or rest == "委员会":
        return (party or "中共") + prefix + "委员会", div and div.id
    if rest.startswith("委") and len(rest) > 1 and (prefix or party):
        # a committee's department keeps the short form (湖北省委统战部)
        return party + prefix + rest, div and div.id
    if rest == "政协":
        return "中国人民政治协商会议" + prefix + "委员会", div and div.id
    if rest == "党中央":
        return "中国共产党中央委员会", None
    if div is not None and div.level == "township":
        rest = _township_office(rest)
    return party + prefix + expand_body(rest), div and div.id


def _township_office(rest: str) -> str:
    """A town's or street's 民政办, 党政办 is its office of that function (民政办公室);
    a county's 办 can be another body (老龄办), so only townships."""
    if rest.endswith("办") and (rest[:-1] in naming()["function_short_forms"] or rest[:-1] in ("党政", "综治")):
        return rest + "公室"
    return rest
