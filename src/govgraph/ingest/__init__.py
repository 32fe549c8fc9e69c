"""Reading and repairing text: inputs -> Documents with a map to raw offsets.

Bad inputs (empty, binary, undecodable or unreadable files, malformed JSONL
lines) are reported by name and skipped, or fatal with strict=True; very large
texts are split into parts (`parts.py`); traditional characters are converted
to simplified in `Document.clean` only (`traditional.py`)."""

import glob
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .formats import SUFFIXES, Fields, InputError, Record, read_file
from .parts import PART_SIZE
from .repair import Repaired, repair
from .sentences import split_sentences
from .traditional import to_simplified

__all__ = ["Document", "Fields", "InputError", "PART_SIZE", "iter_documents", "make_document", "find_inputs",
           "split_sentences"]


@dataclass(frozen=True)
class Document:
    id: str
    raw: str
    clean: str
    offsets: tuple[int, ...]  # clean offset -> raw offset, len(clean)+1 entries
    gaps: frozenset[int]  # clean offsets that had whitespace before them in raw
    meta: dict = field(default_factory=dict, compare=False)
    # the repaired text before traditional characters were converted (None: unchanged);
    # same length as clean, so clean offsets index it too
    original: str | None = field(default=None, compare=False)

    @property
    def space_gaps(self) -> frozenset[int]:
        """Gaps that were spaces, not only line breaks (names in bylines are spaced)."""
        return frozenset(i for i in self.gaps if 0 < i < len(self.offsets) - 1
                         and self.raw[self.offsets[i - 1] + 1:self.offsets[i]].strip("\r\n") != "")

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


# control characters and invisible marks read as a space (so they are dropped between
# CJK characters): for matching only, the raw text keeps them
_INVISIBLE = dict.fromkeys([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0),
                            0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF], " ")


def make_document(doc_id: str, raw: str, meta: dict | None = None,
                  visible: tuple[str, tuple[int, ...]] | None = None,
                  traditional: str = "auto") -> Document:
    """Repair raw (or its visible text, for HTML) into a Document.

    traditional: "auto" (convert traditional characters in clean for matching),
    "always" or "never"; see `traditional.to_simplified`."""
    if visible is None:
        r = repair(raw.translate(_INVISIBLE))  # one for one: repair's offsets are raw offsets
        offs = r.offsets
    else:
        vis, vis_offs = visible
        r = repair(vis.translate(_INVISIBLE))
        # compose clean->visible->raw
        offs = tuple(vis_offs[o] if o < len(vis_offs) else len(raw) for o in r.offsets)
    clean = to_simplified(r.text, traditional)
    original = None if clean == r.text else r.text
    return Document(doc_id, raw, clean, offs, r.gaps, meta or {}, original)


def find_inputs(inputs: Iterable[str]) -> list[tuple[Path, str]]:
    """Expand files, folders and globs to (path, doc_id) pairs, sorted by id.

    The id is the path relative to the folder given (or the file name)."""
    found: dict[str, Path] = {}
    for spec in inputs:
        p = Path(spec)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES:
                    found.setdefault(_safe_id(f.relative_to(p).as_posix()), f)
        elif p.is_file():
            found.setdefault(_safe_id(p.name), p)
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                raise FileNotFoundError(f"{spec}: no such file, folder or matching glob")
            root = Path(_glob_root(spec))
            for m in matches:
                f = Path(m)
                if f.is_file() and f.suffix.lower() in SUFFIXES:
                    try:
                        rel = f.relative_to(root).as_posix()
                    except ValueError:
                        rel = f.name
                    found.setdefault(_safe_id(rel), f)
    return [(path, doc_id) for doc_id, path in sorted(found.items())]


def _safe_id(name: str) -> str:
    """A file name as a document id that any UTF-8 output can hold: bytes that are not
    UTF-8 in the name (kept by Python as surrogates) are written as \\xNN."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _glob_root(spec: str) -> str:
    parts = Path(spec).parts
    root = []
    for part in parts:
        if any(c in part for c in "*?["):
            break
        root.append(part)
    return str(Path(*root)) if root else "."


def iter_documents(inputs: Iterable[str], fields: Fields = Fields(),
                   on_error: Callable[[str], None] | None = None,
                   strict: bool = False, part_size: int | None = None,
                   traditional: str = "auto") -> Iterator[Document]:
    """Yield Documents for all inputs; report bad files/records and go on.

    With strict=True the first bad input raises InputError instead. Texts
    longer than part_size characters (default PART_SIZE) become parts."""
    def report(msg):
        if strict:
            raise InputError(msg)
        (on_error or (lambda m: print(f"govgraph: skipped {m}", file=sys.stderr)))(msg)

    for path, doc_id in find_inputs(inputs):
        records = read_file(path, doc_id, fields, part_size)
        while True:
            try:
                rec = next(records)
            except StopIteration:
                break
            except InputError as e:
                report(str(e))
                break
            if isinstance(rec, InputError):
                report(str(rec))
                continue
            if not rec.raw.strip():
                report(f"{path}: no text in {rec.id}")
                continue
            yield make_document(rec.id, rec.raw, rec.meta, rec.visible, traditional)
