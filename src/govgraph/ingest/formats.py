"""Readers per input format: each yields (doc_id, raw_text, meta) records."""

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .decode import DecodeError, decode_bytes

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")


@dataclass(frozen=True)
class Fields:
    """JSON Lines field names."""
    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"


@dataclass
class Record:
    id: str
    raw: str
    meta: dict = field(default_factory=dict)
    # for HTML: the visible text and its offsets into raw (see html_text)
    visible: tuple[str, tuple[int, ...]] | None = None


class InputError(ValueError):
    """A problem with one input (file or record), reported and skipped."""


def read_file(path: Path, doc_id: str, fields: Fields = Fields()):
    """Yield Records from one file; raise InputError for an unreadable file.

    Malformed JSONL lines are yielded as InputError instances (the rest of the
    file still counts)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    try:
        text, enc = decode_bytes(data, str(path))
    except DecodeError as e:
        raise InputError(str(e)) from None
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl(path, doc_id, text, fields)
    elif suffix in (".html", ".htm"):
        yield Record(doc_id, text, {"encoding": enc}, visible=html_text(text))
    else:
        yield Record(doc_id, text, {"encoding": enc})


def _jsonl(path, doc_id, text, fields):
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(f"{path}:{n}: malformed JSON ({e.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get(fields.text), str):
            yield InputError(f"{path}:{n}: no string field '{fields.text}'")
            continue
        rid = obj.get(fields.id)
        rid = str(rid) if rid is not None else str(n)
        meta = {k: obj[f] for k, f in (("title", fields.title), ("date", fields.date)) if obj.get(f) is not None}
        yield Record(f"{doc_id}#{rid}", obj[fields.text], meta)


_HTML_TOKEN = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&#?\w+;")
_BLOCK = re.compile(r"(?i)<(?:/?(?:p|div|br|li|h[1-6]|tr|table|section|article|title)\b)")


def html_text(raw: str) -> tuple[str, tuple[int, ...]]:
    """Visible text of an HTML page and, per char, its offset in raw.

    Block tags become a paragraph break so sentences do not run together."""
    out, offs = [], []
    pos = 0
    for m in _HTML_TOKEN.finditer(raw):
        for i in range(pos, m.start()):
            out.append(raw[i])
            offs.append(i)
        tok = m.group()
        if tok.startswith("&"):
            s = html.unescape(tok)
            for ch in s:
                out.append(ch)
                offs.append(m.start())
        elif _BLOCK.match(tok):
            out.append("\n\n")
            offs.append(m.start())
        pos = m.end()
    for i in range(pos, len(raw)):
        out.append(raw[i])
        offs.append(i)
    text = "".join(out)
    # "\n\n" occupies two chars but one offset entry; expand offsets to match
    flat = []
    for piece, o in zip(out, offs):
        flat.extend([o] * len(piece))
    return text, tuple(flat)
