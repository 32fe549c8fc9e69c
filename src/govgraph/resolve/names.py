"""Canonical names of agencies: expand relative prefixes and standard
abbreviations (州医保局 -> 恩施州医疗保障局, 州委 -> 中共恩施州委员会)."""

import re
from functools import lru_cache

from ..gazetteers.divisions import Divisions
from ..nlp.candidates import naming
from .context import agency_prefix, choose_division

# 州/市/县/区/省 alone before a body refer to the document's division of that level
# 市 is the article's county-level city if it is one (丹阳市: 市民政局), else its prefecture
_LEVEL_OF = {"省": ("province",), "州": ("prefecture",), "市": ("county", "prefecture"), "县": ("county",), "区": ("county",)}


# words that start with a level character but are not relative names
_NOT_RELATIVE = re.compile("市场|市民服务|区域|县域|省级|市级|县级|州级|区级|市政(?!协)")


def split_prefix(name: str, gaz: Divisions):
    """(party prefix, place form, rest) of an agency name."""
    party = ""
    for p in ("中国共产党", "中共", "共青团"):
        if name.startswith(p):
            party, name = p, name[len(p):]
            break
    forms = gaz.forms()
    for k in range(min(len(name) - 1, 14), 1, -1):
        if name[:k] in forms:
            return party, name[:k], name[k:]
    return party, "", name


def expand_body(rest: str) -> str:
    for short, full in _abbreviations():
        if rest.endswith(short) and not rest.endswith(full):
            return rest[: -len(short)] + full
    return rest


@lru_cache(maxsize=None)
def _abbreviations() -> tuple[tuple[str, str], ...]:
    abbr = naming()["abbreviations"]
    return tuple((short, abbr[short]) for short in sorted(abbr, key=len, reverse=True))


def canonical_agency(name: str, ctx: dict, counts, gaz: Divisions) -> tuple[str, str | None]:
    """Canonical name and the division id it is qualified by (if any)."""
    party, form, rest = split_prefix(name, gaz)
    div = None
    if form:
        div = choose_division(gaz.lookup(form), counts, gaz)
        prefix = agency_prefix(div, gaz)
        if rest[:1] in "省市州县区" and form != div.name and div.name.endswith(rest[:1]) and len(rest) > 2:
            rest = rest[1:]  # 大通湖|区医保局: the level character belongs to the place
    else:
        prefix = ""
        m = re.match(r"(团)?([省州市县区])(.+)", rest)
        if m and not _NOT_RELATIVE.match(rest):
            for level in _LEVEL_OF[m.group(2)]:
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
    return party + prefix + expand_body(rest), div and div.id
