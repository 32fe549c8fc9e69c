"""Reading and repairing text: inputs -> Documents with a map to raw offsets."""

import glob
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .formats import SUFFIXES, Fields, InputError, Record, read_file
from .repair import Repaired, repair
from .sentences import split_sentences

__all__ = ["Document", "Fields", "InputError", "iter_documents", "make_document", "find_inputs", "split_sentences"]


@dataclass(frozen=True)
class Document:
    id: str
    raw: str
    clean: str
    offsets: tuple[int, ...]  # clean offset -> raw offset, len(clean)+1 entries
    gaps: frozenset[int]  # clean offsets that had whitespace before them in raw
    meta: dict = field(default_factory=dict, compare=False)

    @property
    def space_gaps(self) -> frozenset[int]:
        """Gaps that were spaces, not only line breaks (names in bylines are spaced)."""
        return frozenset(i for i in self.gaps if 0 < i < len(self.offsets) - 1
                         and self.raw[self.offsets[i - 1] + 1:self.offsets[i]].strip("\r\n") != "")

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def make_document(doc_id: str, raw: str, meta: dict | None = None,
                  visible: tuple[str, tuple[int, ...]] | None = None) -> Document:
    """Repair raw (or its visible text, for HTML) into a Document."""
    if visible is None:
        r = repair(raw)
        return Document(doc_id, raw, r.text, r.offsets, r.gaps, meta or {})
    vis, vis_offs = visible
    r = repair(vis)
    # compose clean->visible->raw
    offs = tuple(vis_offs[o] if o < len(vis_offs) else len(raw) for o in r.offsets)
    return Document(doc_id, raw, r.text, offs, r.gaps, meta or {})


def find_inputs(inputs: Iterable[str]) -> list[tuple[Path, str]]:
    """Expand files, folders and globs to (path, doc_id) pairs, sorted by id.

    The id is the path relative to the folder given (or the file name)."""
    found: dict[str, Path] = {}
    for spec in inputs:
        p = Path(spec)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES:
                    found.setdefault(f.relative_to(p).as_posix(), f)
        elif p.is_file():
            found.setdefault(p.name, p)
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
                    found.setdefault(rel, f)
    return [(path, doc_id) for doc_id, path in sorted(found.items())]


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
                   strict: bool = False) -> Iterator[Document]:
    """Yield Documents for all inputs; report bad files/records and go on."""
    def report(msg):
        if strict:
            raise InputError(msg)
        (on_error or (lambda m: print(f"govgraph: skipped {m}", file=sys.stderr)))(msg)

    for path, doc_id in find_inputs(inputs):
        try:
            for rec in read_file(path, doc_id, fields):
                if isinstance(rec, InputError):
                    report(str(rec))
                    continue
                if not rec.raw.strip():
                    report(f"{path}: empty document {rec.id}")
                    continue
                yield make_document(rec.id, rec.raw, rec.meta, rec.visible)
        except InputError as e:
            report(str(e))
