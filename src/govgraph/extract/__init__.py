"""Per-document extraction: pure functions from a processed Doc to mentions.

`extract_mentions(document, doc)` lists every entity span of doc.spans["gg"]
with its raw offsets and sentence; `govgraph.resolve` names them."""

import bisect
from dataclasses import dataclass, field

from ..ingest import Document
from ..nlp.candidates import doc_text
from .articles import article_index


@dataclass
class Mention:
    label: str
    text: str  # clean surface text (no whitespace)
    start: int  # clean offsets
    end: int
    raw_start: int
    raw_end: int
    sent: int  # sentence index in the document
    attrs: dict = field(default_factory=dict)
    outer: bool = True  # not nested inside another entity
    article: int = 0  # which article of the document (see extract.articles)
    key: str | None = None  # node id, set by resolve
    name: str | None = None


@dataclass
class Sentence:
    start: int  # clean offsets
    end: int
    raw_start: int
    raw_end: int
    text: str


def sentences(document: Document, doc) -> list[Sentence]:
    out = []
    whole = doc_text(doc)
    for s in doc.sents:
        raw = whole[s.start_char:s.end_char]
        text = raw.strip()
        if not text:
            continue
        lead = len(raw) - len(raw.lstrip())
        a, b = s.start_char + lead, s.start_char + lead + len(text)
        ra, rb = document.raw_span(a, b)
        # shown as written: a traditional-character text is matched converted, cited original
        out.append(Sentence(a, b, ra, rb, document.original[a:b] if document.original else text))
    return out


def extract_mentions(document: Document, doc, sents: list[Sentence]) -> list[Mention]:
    starts = [s.start for s in sents]
    articles = article_index([document.clean[s.start:s.end] for s in sents])
    spans = list(doc.spans.get("gg", []))
    outer = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    whole_text = doc_text(doc)
    out = []
    for sp in spans:
        si = _sentence_index(starts, sp.start_char)
        ra, rb = document.raw_span(sp.start_char, sp.end_char)
        out.append(Mention(sp.label_, sp.text, sp.start_char, sp.end_char, ra, rb, si,
                           dict(sp._.gg or {}), (sp.start_char, sp.end_char, sp.label_) in outer,
                           articles[si] if articles else 0))
    for a, b, divisions in doc._.gg_title_places:  # context for resolution only (see resolve)
        si = _sentence_index(starts, a)
        ra, rb = document.raw_span(a, b)
        out.append(Mention("Place", whole_text[a:b], a, b, ra, rb, si, {"divisions": list(divisions), "in_title": True},
                           False, articles[si] if articles else 0))
    return out


def _sentence_index(starts, pos):
    return max(0, bisect.bisect_right(starts, pos) - 1)
