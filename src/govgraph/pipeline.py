"""corpus -> spaCy pipeline -> per-document extraction -> resolution -> graph.

`extract_document` is a pure function of one Document (given the pipeline),
returning plain data, so it can run in a process pool or on Dask."""

import threading

from .extract import extract_mentions, sentences
from .ingest import Document
from .nlp import load_pipeline, process
from .relations import find_relations
from .resolve import resolve_document


def extract_document(document: Document, doc) -> dict:
    """One processed document -> a DocResult dict (picklable, JSON-able).

    For a part of a large text (see `govgraph.ingest.parts`) the result is
    the whole text's: "doc" is its id and every offset is into its raw text
    (the part's offset added), so that `raw[start:end] == text` holds in the
    source file. "document" describes the document for the graph's documents
    table (`govgraph.graph`)."""
    meta = document.meta
    base, shift = meta.get("part_of", document.id), meta.get("offset", 0)
    raw = document.raw
    sents = sentences(document, doc)
    mentions = extract_mentions(document, doc, sents)
    resolve_document(mentions, document.clean)
    mentions = [m for m in mentions if m.key]
    relations = find_relations(doc, mentions, sents)
    for rel in relations:  # a new dict each: the offsets move once even if relations shared one
        ev = rel["evidence"]
        s, e = ev["start"], ev["end"]
        rel["evidence"] = {**ev, "doc": base, "start": s + shift, "end": e + shift, "text": raw[s:e]}
    return {
        "doc": base,
        "document": {"id": base, "source": meta.get("source", base), "title": meta.get("title"),
                     "date": meta.get("date"), "encoding": meta.get("encoding"), "chars": len(raw)},
        "sentences": [{"text": s.text, "raw_start": s.raw_start + shift, "raw_end": s.raw_end + shift,
                       "raw_text": raw[s.raw_start:s.raw_end]} for s in sents],
        "mentions": [{"key": m.key, "name": m.name, "label": m.label, "surface": m.text, "sent": m.sent,
                      "raw_start": m.raw_start + shift, "raw_end": m.raw_end + shift,
                      "raw_text": raw[m.raw_start:m.raw_end], "outer": m.outer,
                      "code": m.attrs.get("code"), "parent": m.attrs.get("parent")}
                     for m in mentions],
        "relations": relations,
    }


def extract_all(nlp, documents, batch: int = 16):
    """Yield DocResults for Documents, processing them in batches."""
    buf = []
    for d in documents:
        buf.append(d)
        if len(buf) >= batch:
            yield from (extract_document(dd, doc) for dd, doc in process(nlp, buf))
            buf = []
    if buf:
        yield from (extract_document(dd, doc) for dd, doc in process(nlp, buf))


_LOCK = threading.Lock()  # one pipeline per process; Dask may call from several threads


def extract_chunk(model: str | None, documents: list[Document]) -> list[dict]:
    """The per-document stage as one task: Documents -> DocResults, in order.

    Runs anywhere govgraph is installed (this process, a process pool worker,
    a Dask worker); the pipeline is loaded once per process."""
    with _LOCK:
        nlp = load_pipeline(model)
        return list(extract_all(nlp, documents, batch=max(1, len(documents))))
