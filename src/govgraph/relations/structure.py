"""What compound names state: 恩施市舞阳坝街道 (located_in), 恩施市妇联
(located_in), 鹤峰县公安局容美派出所 (part_of), “暖邻帮”志愿服务队 (runs 暖邻帮).

A compound name states its immediate container only, as the divisions do
(舞阳坝街道东湖社区 -> 舞阳坝街道, not -> 恩施市): 江苏省丹阳市民政局 is in
丹阳市, and 鹤峰县公安局容美派出所 is part of 鹤峰县公安局, which is in
鹤峰县 (the station is there through its parent)."""

import re

from ..gazetteers.divisions import load_divisions
from ..nlp.candidates import doc_text
from ..resolve.context import place_division
from ..resolve.names import split_prefix

# 镇党委政府, 市委市政府: two bodies side by side, not a unit inside the first
_PEER = re.compile(r"(?:县|市|区|州|省|乡|镇)?(?:人民)?政府|人大(?:常委会)?|政协|纪委|监委")
_ENUMERATED = ("shared-head", "short-form", "shared-place")
_NATIONAL = ("中国", "中华", "全国")
_MARKS = re.compile(r"[“”‘’\"《》]")
# bodies that a city or county's short form names as its own (常州日报, 江西老年大学)
_LOCAL_HEADS = ("日报", "晚报", "都市报", "电视台", "融媒体中心", "老年大学", "医院", "中学", "小学", "图书馆",
                "博物馆", "海关", "机场", "火车站")
# a part of a place, named by it: a segment of a road (X路南段), a villagers' group (X村三组)
_PART = re.compile(r".{2,}(?:路|街|道|村)[^路街道村，、]{1,4}(?:段|组)")
# a team or service group named after the programme it runs (“暖邻帮”志愿服务队)
_TEAM = re.compile(r"(?:志愿)?服务(?:队|团|社|站|联盟)|志愿者?(?:服务)?(?:队|团|协会|联盟)|工作室|宣讲团|突击队")


def structural_relations(doc, mentions, sents) -> list[dict]:
    text = doc_text(doc)
    out = []
    by_start = {}
    for m in mentions:
        by_start.setdefault(m.start, []).append(m)
    by_name = {}
    for m in mentions:
        by_name.setdefault(m.name, m)
    for m in mentions:
        by_name.setdefault(m.text, m)  # the parent as written (金坛区 of 常州市金坛区)
    places = [m for m in mentions if m.label == "Place"]
    programs = [m for m in mentions if m.label == "Program"]
    for m in mentions:
        # a user's gazetteer entry names its parent; stated when the parent is in the text too
        parent = by_name.get(m.attrs.get("parent_name"))
        if parent is not None and parent.key != m.key:
            m.attrs["parent"] = parent.key
            if parent.label == "Place" and m.label in ("Place", "Agency", "Organization"):
                out.append(_rel(m, parent, "located_in", sents))
            elif parent.label == "Agency" and m.label == "Agency":
                out.append(_rel(m, parent, "part_of", sents))
        # nested mentions inside m
        inner = [n for n in mentions if n is not m and m.start <= n.start and n.end <= m.end
                 and (n.start, n.end) != (m.start, m.end) and n.key != m.key]
        body = _parent_body(m, inner)
        if body is not None:
            out.append(_rel(m, body, "part_of", sents))
        # 张家界市、常德市中院: members of an enumeration name their place only as a list item
        if m.label in ("Agency", "Organization", "Place") and m.attrs.get("source") not in _ENUMERATED:
            where = _container(m, inner, body) if inner else _named_place(m, places)
            if where is not None:
                out.append(_rel(m, where, "located_in", sents))
        if m.label == "Organization":
            out += [_rel(m, p, "runs", sents) for p in _namesake_programs(m, programs)]
        # 吉林乡村振兴提速三年行动: a programme named for its place
        if m.label == "Program" and not m.text.lstrip("“").startswith(_NATIONAL):
            where = _container(m, inner, None)
            if where is not None:
                out.append(_rel(m, where, "implemented_in", sents))
        if m.label == "Policy":
            out += [_rel(p, where, "implemented_in", sents) for p, where in _title_places(m, inner, places)]
            # 《X协会章程》: a body's charter is its own, adopted by it
            owner = next((n for n in inner if n.label in ("Agency", "Organization") and n.start == m.start + 1
                          and text[n.end:m.end].rstrip("》") == "章程"), None)
            if owner is not None and owner.label == "Agency":
                out.append(_rel(owner, m, "issues", sents))
        # a place written right after another place (恩施市 舞阳坝街道)
        if m.label == "Place":
            for n in by_start.get(m.end, []):
                if n.label == "Place" and _not_under(n, m):
                    continue  # 湖北湖南, 杭州宁波: two divisions side by side, a list without its mark
                if n.label in ("Place", "Agency", "Organization") and n.attrs.get("source") not in _ENUMERATED:
                    out.append(_rel(n, m, "located_in", sents))
                    if n.label == "Place":
                        out += [_rel(q, m, "located_in", sents) for q in _listed_under(text, m, n, by_start)]
            # …县的传统村落X村: a village or site of the place, written with 的
            of = _OF_PLACE.match(text, m.end)
            for n in by_start.get(of.end(), []) if of else ():
                if n.label == "Place" and _inside(n, m):
                    out.append(_rel(n, m, "located_in", sents))
    return out


_OF_PLACE = re.compile(r"的(?:传统村落|古村落|村落|自然村|行政村|古镇|景区)?")


def _not_under(n, m) -> bool:
    """Are n and m divisions of one level (two provinces, two cities): peers, not one in the
    other? (Of different levels, the text's word stands, as 黔东南州X县 does.)"""
    a, b = place_division(n), place_division(m)
    return a is not None and b is not None and a.level == b.level and not load_divisions().is_under(a, b)


def _inside(n, m):
    """Can place n lie in place m: the gazetteer puts it there, or n is no division (a
    village, a site) and m is a county or lower (not 中国的长城: a country names no container)."""
    gaz, inner, outer = load_divisions(), place_division(n), place_division(m)
    if inner is not None:
        return outer is not None and gaz.is_under(inner, outer)
    return outer is not None and outer.level in ("county", "township") or outer is None and m.name.endswith(
        ("村", "社区", "镇", "乡", "街道"))


def _listed_under(text, region, first, by_start):
    """江西赣州市、吉安市: the places listed after the first one that the region qualifies too,
    while the gazetteer puts them under it (、福建龙岩市 starts a new region)."""
    top = place_division(region)
    if top is None:
        return
    gaz, end = load_divisions(), first.end
    while text[end:end + 1] in ("、", "和", "及"):
        q = next((n for n in by_start.get(end + 1, []) if n.label == "Place"), None)
        div = place_division(q) if q is not None else None
        if div is None or not gaz.is_under(div, top):
            return
        yield q
        end = q.end


def _parent_body(m, inner):
    """The agency m is a unit of: the longest agency its name starts with
    (鹤峰县公安局|容美派出所), unless the rest is a peer body (镇党委|政府)."""
    if m.label != "Agency":
        return None
    bodies = [n for n in inner if n.label == "Agency" and n.start == m.start
              and not _PEER.fullmatch(m.text[n.end - m.start:])]
    return max(bodies, key=lambda n: n.end, default=None)


def _container(m, inner, body):
    """The last of the places written one after another from the start of m's name
    (江苏省|丹阳市|民政局 -> 丹阳市); none when m's parent body holds that place
    (鹤峰县公安局|容美派出所: the station is in 鹤峰县 through its parent)."""
    chain = []
    for n in sorted((n for n in inner if n.label == "Place"), key=lambda n: (n.start, -n.end)):
        if n.start == (chain[-1].end if chain else m.start):
            chain.append(n)
    if not chain or (body is not None and body.end >= chain[-1].end and not _committee_of(body, chain[-1])):
        return None
    return chain[-1]


def _committee_of(body, place):
    """贵港市委|宣传部: a department of the place's party committee is an organ of the place."""
    return body.end == place.end + 1 and body.text.endswith("委")


def _named_place(m, places):
    """A body or site whose name, as written, starts with a division's name or short
    form that is not marked as a place of its own (常州日报, 江西老年大学): located in
    that division where the document names it. A relative or abbreviated name
    (县融媒体中心, 容美派出所) writes no place, so it states none."""
    written = _MARKS.sub("", m.text)
    if m.label == "Place" and m.attrs.get("code"):
        return _named_ancestor(written, m, places)  # a division: only a parent its name writes
    # a body named after the longest place of the document that its name starts with
    # (江西赣江新区|绿野龙潭旅游有限公司); not for sites, whose names start with their
    # namesakes as often as with their containers (洞庭湖|大桥)
    if written.startswith(_NATIONAL):
        return None  # 中国科学院, 中华全国总工会: the national style of a name, not a place stated
    gaz = load_divisions()
    _, form, rest = split_prefix(written, gaz)
    if m.label != "Place" or _PART.fullmatch(written):
        # also past a region written first (四川|天府新区|…公司: in the new area)
        named = [(len(g) + len(f), p) for p in places if p.key != m.key for f in {p.text, p.name}
                 for g in {"", form} if len(g) + len(f) + 2 <= len(written) and written[len(g):].startswith(f)]
        if named:
            return max(named, key=lambda x: x[0])[1]
    if not form or len(rest) < 2:
        return None  # 武汉段, 安徽特(高压): a name cut short, not a body of the place
    divs = gaz.lookup(form)
    if m.label != "Place" and all(d.name != form and d.level != "province" for d in divs) \
            and not rest.endswith(_LOCAL_HEADS):
        return None  # 中山|大学, 东方|航空: a body named with a word that is also a city's short form
    keys = {f"place/{d.id}" for d in divs}
    return next((p for p in places if p.key in keys), None)


def _named_ancestor(written, m, places):
    """A division whose name starts with a form of one of its ancestors and goes on with
    more than a level word (淮安|经济技术开发区, not 吉林|市): in that ancestor, if named."""
    gaz = load_divisions()
    div = place_division(m)
    if div is None:
        return None
    for k in range(len(written) - 3, 1, -1):
        keys = {f"place/{d.id}" for d in gaz.lookup(written[:k]) if gaz.is_under(div, d)}
        if keys:
            return next((p for p in places if p.key in keys), None)
    return None


def _title_places(m, inner, places):
    """Programmes quoted in a title right after a division's name (《江苏省“P”三年行动计划》),
    with the place the document names by it: the title names where the programme runs."""
    gaz = load_divisions()
    for p in inner:
        if p.label != "Program":
            continue
        form = m.text[:p.start - m.start].lstrip("《")
        divs = gaz.lookup(form) if form and not form.startswith(_NATIONAL) else []
        if not divs:
            continue
        keys = {f"place/{d.id}" for d in divs}
        where = next((q for q in places if q.key in keys), None)
        if where is not None:
            yield p, where


def _namesake_programs(m, programs):
    """Programmes whose name, followed by a team word, is the organisation's name."""
    found = {}
    for p in programs:
        if m.name.startswith(p.name) and _TEAM.fullmatch(m.name[len(p.name):]):
            found.setdefault(p.key, p)
    return list(found.values())


def _rel(head, tail, typ, sents, role=None):
    """A relation whose evidence is the head's sentence (doc and text filled by the caller)."""
    s = sents[head.sent]
    return {"source": head.key, "target": tail.key, "type": typ, "role": role,
            "evidence": {"start": s.raw_start, "end": s.raw_end}}
