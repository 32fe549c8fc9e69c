"""Reading and repairing text: inputs -> Documents with a map to raw offsets.

Bad inputs (empty, binary, undecodable or unreadable files, malformed JSONL
lines) are reported by name and skipped, or fatal with strict=True; very large
texts are split into parts (`parts.py`); traditional characters are converted
to simplified in `Document.clean` only (`traditional.py`)."""

import glob
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .formats import SUFFIXES, Fields, InputError, read_file
from .parts import PART_SIZE
from .repair import repair
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
# (a character class, not str.translate: a regex scan is C-fast where a translate table is
# looked up character by character)
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200c-\u200f\u2060\ufeff]")


def make_document(doc_id: str, raw: str, meta: dict | None = None,
                  visible: tuple[str, tuple[int, ...]] | None = None,
                  traditional: str = "auto") -> Document:
    """Repair raw (or its visible text, for HTML) into a Document.

    traditional: "auto" (convert traditional characters in clean for matching),
    "always" or "never"; see `traditional.to_simplified`."""
    if visible is None:
        r = repair(_INVISIBLE.sub(" ", raw))  # one for one: repair's offsets are raw offsets
        offs = r.offsets
    else:
        vis, vis_offs = visible
        r = repair(_INVISIBLE.sub(" ", vis))
        # compose clean->visible->raw
        offs = tuple(vis_offs[o] if o < len(vis_offs) else len(raw) for o in r.offsets)
    clean = to_simplified(r.text, traditional)
    original = None if clean == r.text else r.text
    return Document(doc_id, raw, clean, offs, r.gaps, meta or {}, original)


def find_inputs(inputs: Iterable[str]) -> list[tuple[Path, str]]:
    """Expand files, folders and globs to (path, doc_id) pairs, sorted by id.

    The id is the path relative to the folder given (for a glob, the folder
    before its first wildcard; for a file, its name). A file reached through
    several inputs (`A` and `A/x.txt`) is read once, under the id of the first.
    Different files that would get the same id (`A/x.txt` and `B/x.txt` from
    `build A B`) are all told apart by the name of the folder they were found
    in: `A/x.txt` and `B/x.txt`, with as many of that folder's parent folders
    as it takes (`old/data/x.txt`, `new/data/x.txt`)."""
    found: list[tuple[str, Path, tuple[str, ...]]] = []  # (id, path, root folder's absolute parts)
    seen: set[Path] = set()

    def add(rel: str, f: Path, root: Path):
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            found.append((rel, f, root.absolute().parts))

    for spec in inputs:
        p = Path(spec)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES:
                    add(f.relative_to(p).as_posix(), f, p)
        elif p.is_file():
            add(p.name, p, p.parent)
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                raise FileNotFoundError(f"{spec}: no such file, folder or matching glob")
            root = Path(_glob_root(spec))
            for m in matches:
                f = Path(m)
                if f.is_file() and f.suffix.lower() in SUFFIXES:
                    try:
                        add(f.relative_to(root).as_posix(), f, root)
                    except ValueError:
                        add(f.name, f, f.parent)
    return sorted(((path, _safe_id(doc_id)) for doc_id, path in _unique_ids(found)), key=lambda x: x[1])


def _unique_ids(found: list[tuple[str, Path, tuple[str, ...]]]) -> list[tuple[str, Path]]:
    """(id, path) with the ids that several files share prefixed by their root folders."""
    groups: dict[str, list[tuple[Path, tuple[str, ...]]]] = {}
    for rel, f, root in found:
        groups.setdefault(rel, []).append((f, root))
    taken = {rel for rel, g in groups.items() if len(g) == 1}
    out = [(rel, g[0][0]) for rel, g in groups.items() if len(g) == 1]
    for rel, g in sorted(groups.items()):
        if len(g) == 1:
            continue
        depth = max(len(root) for _, root in g)
        for k in range(1, depth + 1):  # the fewest root folders that tell the files apart
            ids = [_prefixed(root, k, rel) for _, root in g]
            if len(set(ids)) == len(ids) and not taken.intersection(ids):
                break
        taken.update(ids)
        out.extend(zip(ids, (f for f, _ in g)))
    return out


def _prefixed(root: tuple[str, ...], k: int, rel: str) -> str:
    """rel under the last k folders of root (all of them: the absolute path)."""
    names = [part for part in root[1:]][-k:] if k < len(root) else list(root)
    return Path(*names, rel).as_posix()


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


def count_documents(inputs, fields=None) -> tuple[int, int]:
    """(documents, characters) that iter_documents will yield, read without repair (for progress bars)."""
    n = chars = 0
    for path, doc_id in find_inputs(inputs):
        try:
            for rec in read_file(path, doc_id, fields or Fields()):
                if not isinstance(rec, InputError) and rec.raw.strip():
                    n += 1
                    chars += len(rec.raw)
        except InputError:
            pass
    return n, chars
