"""gg_entities: choose among the recognisers' candidates, align tokens, write
doc.spans["gg"] (all entities, nested ones included) and doc.ents (the
outermost ones)."""

import bisect
import re

from spacy.language import Language

from .candidates import doc_text, register_extensions, token_starts

# a document number (鄂民政发〔2021〕8号, 国办函[2023]5号): the issuer's abbreviation, a kind of
# document, the year in brackets. The tagger cuts the abbreviation into junk words (鄂民|政发): a
# place word of its own that ends inside it names nothing (a division, 国务院|国发, or 市委|发 does)
_DOC_NUMBER = re.compile(r"[〔［\[【]\s*(?:19|20)\d\d\s*[〕］\]】]\s*第?\s*\d+\s*号")
_ABBREVIATION = 5  # characters of the issuer's abbreviation and kind before the year (鄂民政发)


def outside_document_numbers(text: str, cands) -> list:
    """The candidates but the tagger's place words that end inside a document number's issuer
    abbreviation."""
    spans = [(m.start() - _ABBREVIATION, m.start()) for m in _DOC_NUMBER.finditer(text)]
    if not spans:
        return cands
    return [c for c in cands if not (c.label == "Place" and c.source == "lac" and not c.attrs.get("divisions")
                                     and any(a <= c.start and c.end < b for a, b in spans))]

# which types may sit inside which (恩施市 in 恩施市妇联; an agency inside a policy title)
_NESTABLE = {
    "Agency": {"Place", "Agency"},
    "Organization": {"Place", "Agency"},
    "Program": {"Place", "Agency", "Organization"},
    "Policy": {"Place", "Agency", "Organization", "Program"},
    "Place": {"Place"},
    "Person": set(),
}


def _names_it(outer, inner):
    """Is inner the whole quoted core a programme is named by (“时间银行”互助养老模式), which
    is the programme's name, not an organisation of its own?"""
    core = outer.attrs.get("core")
    return outer.label == "Program" and inner.label == "Organization" and core is not None \
        and inner.start == outer.start + 1 and inner.end - inner.start == len(core)


def select(cands):
    """Keep the best candidates: no partial overlaps; nesting only as allowed."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start) - 4 * c.priority, c.start, c.label))
    kept = []
    for c in order:
        ok = True
        for k in kept:
            if c.end <= k.start or k.end <= c.start:
                continue
            if (k.start, k.end) == (c.start, c.end):
                # 张家界市 in 张家界市、常德市中院 is a place and, by the shared head, a court
                ok = {k.label, c.label} == {"Place", "Agency"} and (k.attrs.get("shared") or c.attrs.get("shared"))
            elif k.start <= c.start and c.end <= k.end:
                ok = c.label in _NESTABLE[k.label] and not _names_it(k, c)
            elif c.start <= k.start and k.end <= c.end:
                ok = k.label in _NESTABLE[c.label]
            else:
                ok = False
            if not ok:
                break
        if ok:
            kept.append(c)
    return sorted(kept, key=lambda c: (c.start, -c.end))


def align(doc, offsets):
    """Split tokens so that every char offset in offsets is a token boundary."""
    cuts = {}
    starts = token_starts(doc)
    for off in offsets:
        i = bisect.bisect_right(starts, off) - 1
        if i < 0:
            continue
        tok = doc[i]
        if tok.idx < off < tok.idx + len(tok):
            cuts.setdefault(i, set()).add(off - tok.idx)
    if not cuts:
        return
    with doc.retokenize() as retok:
        for i, rel in cuts.items():
            tok = doc[i]
            bounds = [0] + sorted(rel) + [len(tok)]
            orths = [tok.text[a:b] for a, b in zip(bounds, bounds[1:])]
            heads = [(tok, 0)] * len(orths)
            retok.split(tok, orths, heads, attrs={"TAG": [tok.tag_] * len(orths), "POS": [tok.pos_] * len(orths)})


class EntityWriter:
    def __init__(self, nlp=None, name="gg_entities"):
        register_extensions()

    def __call__(self, doc):
        cands = select(outside_document_numbers(doc_text(doc), doc._.gg_candidates or []))
        align(doc, {o for c in cands for o in (c.start, c.end)})
        spans = []
        doc._.gg_attrs = {}
        for c in cands:
            span = doc.char_span(c.start, c.end, label=c.label)
            if span is None:
                continue
            doc._.gg_attrs[(c.start, c.end, c.label)] = dict(c.attrs, source=c.source)
            spans.append(span)
        doc.spans["gg"] = spans
        # outermost spans; of two identical ones (a place standing for its court) the agency
        outer = [s for s in spans if not any(o is not s and o.start <= s.start and s.end <= o.end
                                             and ((o.start, o.end) != (s.start, s.end) or s.label_ == "Place")
                                             for o in spans)]
        doc.ents = outer
        doc._.gg_candidates = None
        return doc


@Language.factory("gg_entities")
def make_entities(nlp, name):
    return EntityWriter(nlp, name)
