"""The geographic context of a document: which divisions it is about.

Relative names (州医保局, 市委, 县水利局) are read against it. The context
is, per level, the division mentioned most often, counting its descendants
(an article about 恩施市 is also about its prefecture)."""

from collections import Counter

from ..gazetteers.divisions import Division, Divisions, load_divisions

LEVELS = ("province", "prefecture", "county", "township")


def place_division(m) -> Division | None:
    """The gazetteer division a resolved place mention stands for (its key), or None."""
    key = m.key or ""
    return load_divisions().by_id.get(key[len("place/"):]) if key.startswith("place/") else None


def choose_division(divs: list[Division], counts: Counter, gaz: Divisions) -> Division:
    """Pick among same-named divisions the one best supported by the document."""
    if len(divs) == 1:
        return divs[0]

    def support(d):
        chain = gaz.chain(d)
        return (sum(counts[a.id] for a in chain[:-1]) + sum(counts[c] for c in counts if c.startswith(d.id + "-")),
                -LEVELS.index(d.level), d.id)
    return max(divs, key=support)


def _supported(d: Division, counts: Counter, gaz: Divisions) -> bool:
    """Does the document name, unambiguously, an ancestor of d or a division under it?"""
    return any(counts[a.id] for a in gaz.chain(d)[:-1]) or any(c.startswith(d.id + "-") and counts[c] for c in counts)


def document_context(place_mentions, gaz: Divisions) -> dict[str, Division]:
    """place_mentions: lists of candidate division ids, one list per mention."""
    plain = Counter()
    for ids in place_mentions:
        if len(ids) == 1:
            plain[ids[0]] += 1
    chosen = Counter()
    # the divisions each distinct mention could be in (its candidates and their ancestors)
    within = {}
    for ids in place_mentions:
        key = frozenset(ids)
        if key not in within:
            within[key] = {a.id for i in ids if i in gaz.by_id for a in gaz.chain(gaz.by_id[i])}
    for ids in place_mentions:
        divs = [gaz.by_id[i] for i in ids if i in gaz.by_id]
        if len(divs) > 1:
            # of a name several divisions have, those the document backs: an ancestor or a division
            # under it named plainly, or another place that may be in the same county (余坪镇, 南江镇)
            others = [where for key, where in within.items() if key != frozenset(ids)]
            divs = [d for d in divs if _supported(d, plain, gaz) or any(d.parent in where for where in others)]
            # (红岩镇, four counties have one, with nothing else of its county named: no context)
        if divs:
            chosen[choose_division(divs, plain, gaz).id] += 1
    weight = Counter()
    for did, n in chosen.items():
        for a in gaz.chain(gaz.by_id[did]):
            weight[a.id] += n
    ctx = {}
    for level in LEVELS[:3]:
        best = [(n, did) for did, n in weight.items() if gaz.by_id[did].level == level]
        if best:
            ctx[level] = gaz.by_id[max(best)[1]]
    # 市 alone (市医保局) is a county-level city's only in an article about that city: more
    # weight than any other county, and named at least as often as its prefecture; one city
    # among the counties where a prefecture's bureau works is not the article's 市
    # (None, not absent: an article's context overrides its page's)
    city, pref = ctx.get("county"), ctx.get("prefecture")
    if city is not None:
        others = [n for did, n in weight.items() if did != city.id and gaz.by_id[did].level == "county"]
        # (under a 州, 盟 or 地区, 市 can only be the county-level city)
        about = weight[city.id] > max(others, default=0) and (
            pref is None or weight[city.id] >= chosen[pref.id] or not agency_prefix(pref).endswith("市"))
        ctx["city"] = city if about and city.name.endswith("市") else None
    return ctx


def agency_prefix(div: Division, gaz: Divisions | None = None) -> str:
    """How agency names write a division: 黔东南州 for 黔东南苗族侗族自治州, a city
    district with its city (常州市金坛区), else the full name."""
    if gaz is not None and div.level == "county" and div.name.endswith("区") and div.parent in gaz.by_id:
        parent = gaz.by_id[div.parent]
        if parent.level == "prefecture" and not div.name.startswith((parent.name, agency_prefix(parent))):
            return agency_prefix(parent) + div.name
    if div.name.endswith("自治州"):
        for a in div.aliases:
            if a.endswith("州"):
                return a
    return div.name
