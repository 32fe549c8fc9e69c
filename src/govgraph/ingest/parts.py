"""Split very large texts into parts of bounded size at paragraph boundaries.

A text longer than PART_SIZE characters becomes several documents with ids
`<id>#part0001`, `<id>#part0002`, ... (numbered from 1 in reading order; the
number depends only on the text and PART_SIZE, so ids are stable). Each part's
raw text is an exact slice of the file's text: `meta["offset"]` is where the
part starts in it and `meta["part_of"]` the id of the whole text. Extraction
runs on each part (so memory is bounded by the part size) and reports its
results against the whole text: document id `<id>` and offsets into the
file's text (`govgraph.pipeline.extract_document`).

A part ends, in order of preference, after a blank line (a paragraph break),
after sentence-final punctuation, after a line break, or at the size limit,
and is at least half the limit long (except the last). Cutting looks only at
the window before the limit, so splitting is linear in the text length and
holds at most one part plus one read block in memory.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

PART_SIZE = 100_000  # characters

_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*")


def find_cut(text: str, lo: int, hi: int) -> int:
    """A cut position in (lo, hi] of text, at the best boundary there."""
    lo = max(lo, 0)
    # a blank line: "\n", whitespace-only line, "\n"
    j = text.rfind("\n", lo, hi)
    while j > lo:
        k = text.rfind("\n", lo, j)
        if k < 0:
            break
        if not text[k + 1:j].strip():
            return j + 1
        j = k
    last = None
    for m in _SENTENCE_END.finditer(text, lo, hi):
        last = m
    if last is not None and last.end() > lo:
        return last.end()
    j = text.rfind("\n", lo, hi)
    if j >= lo:
        return j + 1
    return hi


def split_text(chunks: Iterable[str], size: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, text) parts of the text made of chunks, each at most `size` characters
    (the exact pieces, in order: joined they give the text back)."""
    size = size or PART_SIZE
    buf, pos, offset = "", 0, 0  # buf[pos:] is pending; offset = text offset of buf[pos]
    for chunk in chunks:
        buf = buf[pos:] + chunk
        pos = 0
        while len(buf) - pos > size:
            cut = find_cut(buf, pos + size // 2, pos + size)
            yield offset, buf[pos:cut]
            offset += cut - pos
            pos = cut
    if pos < len(buf):
        yield offset, buf[pos:]


def numbered(doc_id: str, parts: Iterable[tuple[int, str]]) -> Iterator[tuple[str, int, str]]:
    """(id, offset, text) for the non-blank parts: the id is doc_id itself when there
    is only one, else doc_id#part0001, doc_id#part0002, ..."""
    for pid, (offset, text) in with_ids(doc_id, (p for p in parts if p[1].strip())):
        yield pid, offset, text


def with_ids(doc_id: str, items: Iterable) -> Iterator[tuple[str, object]]:
    """(id, item): doc_id for a single item, else doc_id#part0001, ... (lazily:
    only one item is looked ahead)."""
    it = iter(items)
    first = next(it, None)
    if first is None:
        return
    second = next(it, None)
    if second is None:
        yield doc_id, first
        return
    yield part_id(doc_id, 1), first
    yield part_id(doc_id, 2), second
    for n, item in enumerate(it, 3):
        yield part_id(doc_id, n), item


def part_id(doc_id: str, n: int) -> str:
    return f"{doc_id}#part{n:04d}"
