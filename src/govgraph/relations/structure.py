"""What compound names state: 凯里市鸭塘街道 (located_in), 凯里市妇联
(located_in), 锦屏县公安局平略派出所 (part_of)."""


def structural_relations(doc, mentions, sents) -> list[dict]:
    out = []
    by_start = {}
    for m in mentions:
        by_start.setdefault(m.start, []).append(m)
    by_name = {}
    for m in mentions:
        by_name.setdefault(m.name, m)
    for m in mentions:
        by_name.setdefault(m.text, m)  # the parent as written (金坛区 of 常州市金坛区)
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
        for n in mentions:
            if n is m or not (m.start <= n.start and n.end <= m.end) or (n.start, n.end) == (m.start, m.end):
                continue
            if n.key == m.key:
                continue
            if n.label == "Place" and m.label in ("Agency", "Organization", "Place") and n.start == m.start:
                out.append(_rel(m, n, "located_in", sents))
            elif n.label == "Agency" and m.label == "Agency" and n.start == m.start:
                out.append(_rel(m, n, "part_of", sents))
        # a place written right after another place (凯里市 鸭塘街道)
        if m.label == "Place":
            for n in by_start.get(m.end, []):
                if n.label in ("Place", "Agency", "Organization"):
                    out.append(_rel(n, m, "located_in", sents))
    return out


def _rel(head, tail, typ, sents, role=None):
    """A relation whose evidence is the head's sentence (doc and text filled by the caller)."""
    s = sents[head.sent]
    return {"source": head.key, "target": tail.key, "type": typ, "role": role,
            "evidence": {"start": s.raw_start, "end": s.raw_end}}
