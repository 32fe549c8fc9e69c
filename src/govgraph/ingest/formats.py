"""Readers per input format: each yields Records (id, raw text, meta) or
InputErrors for bad records.

Plain text and Markdown are read in blocks and split into parts of bounded
size as they are read (see `parts`); JSON Lines are read line by line; HTML is
decoded whole, then split into parts at block tags. Every step is linear in
the size of the file.
"""

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import parts as _parts
from .decode import DecodeError, detect_encoding, read_text_chunks

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


def read_file(path: Path, doc_id: str, fields: Fields = Fields(), part_size: int | None = None):
    """Yield Records from one file; raise InputError for an unreadable file.

    Bad JSONL lines are yielded as InputError instances (the rest of the file
    still counts). A text longer than part_size characters (default
    parts.PART_SIZE) is yielded as several Records, `<id>#part0001`, ...

    Record meta: "encoding" (of the file), "source" (the id of the file read),
    "title" and "date" (JSONL fields, as text) and, for a part, "part_of"
    (the id of the whole text) and "offset" (where the part starts in it)."""
    path = Path(path)
    size = part_size or _parts.PART_SIZE
    try:
        if path.stat().st_size == 0:
            raise InputError(f"{path}: empty file")
        enc = detect_encoding(path, str(path))
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _jsonl(path, doc_id, enc, fields, size)
        elif suffix in (".html", ".htm"):
            yield from _html(path, doc_id, enc, size)
        else:
            found = False
            for rid, offset, text in _parts.numbered(doc_id, _parts.split_text(read_text_chunks(path, enc), size)):
                found = True
                yield Record(rid, text, _meta(enc, rid, doc_id, offset))
            if not found:
                raise InputError(f"{path}: no text (only whitespace)")
    except DecodeError as e:
        raise InputError(str(e)) from None
    except UnicodeDecodeError as e:  # the file changed since it was checked
        raise InputError(f"{path}: not {enc} text ({e.reason})") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


def _meta(enc, rid, base, offset):
    meta = {"encoding": enc, "source": base}
    if rid != base:
        meta.update(part_of=base, offset=offset)
    return meta


def _field_text(value) -> str:
    """A JSONL field value (title, date) as text: strings as they are, other JSON as JSON."""
    if isinstance(value, str):
        return _no_surrogates(value)
    import json
    return json.dumps(value, ensure_ascii=False)


def _jsonl(path, doc_id, enc, fields, size):
    import json
    seen: dict[str, int] = {}
    # universal newlines: a record ends at \n, \r\n or \r only (U+2028 may occur inside strings)
    with open(path, encoding=enc, newline=None) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield InputError(f"{path}:{n}: malformed JSON ({e.msg} at column {e.colno})")
                continue
            except RecursionError:
                yield InputError(f"{path}:{n}: malformed JSON (nested too deeply)")
                continue
            if not isinstance(obj, dict):
                yield InputError(f"{path}:{n}: not a JSON object")
                continue
            if not isinstance(obj.get(fields.text), str):
                yield InputError(f"{path}:{n}: no string field '{fields.text}'")
                continue
            text = _no_surrogates(obj[fields.text])  # "\ud800" is valid JSON but no UTF-8 can hold it
            if not text.strip():
                yield InputError(f"{path}:{n}: empty field '{fields.text}'")
                continue
            rid = obj.get(fields.id)
            rid = _no_surrogates(str(rid)) if rid is not None else str(n)
            if rid in seen:
                yield InputError(f"{path}:{n}: duplicate id '{rid}' (first on line {seen[rid]}), record skipped")
                continue
            seen[rid] = n
            meta = {k: _field_text(obj[f]) for k, f in (("title", fields.title), ("date", fields.date))
                    if obj.get(f) is not None}
            meta.update(encoding=enc, source=doc_id)
            base = f"{doc_id}#{rid}"
            for pid, offset, part in _parts.numbered(base, _parts.split_text([text], size)):
                yield Record(pid, part, {**meta, **({"part_of": base, "offset": offset} if pid != base else {})})


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """Lone surrogates (from JSON escapes) as U+FFFD, one for one: offsets stay."""
    return _SURROGATE.sub("\ufffd", text)


def _html(path, doc_id, enc, size):
    raw = "".join(read_text_chunks(path, enc))
    pieces = [(0, raw)] if len(raw) <= size else html_parts(raw, size)
    visible = ((offset, piece, vis) for offset, piece in pieces if (vis := html_text(piece))[0].strip())
    found = False
    for rid, (offset, piece, vis) in _parts.with_ids(doc_id, visible):
        found = True
        yield Record(rid, piece, _meta(enc, rid, doc_id, offset), visible=vis)
    if not found:
        raise InputError(f"{path}: no visible text")


# --- HTML ---------------------------------------------------------------------

_SPECIAL = re.compile(r"[<&]")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<[!?][^<>]*>")
_HIDDEN = re.compile(r"<(script|style|template|noembed|noframes|xmp)(?=[\s/>])[^<>]*>", re.I)
_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "template", "noembed", "noframes", "xmp")}
_COMMENT_END = re.compile(r"--!?>")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|tr|td|th|table|caption|section|article|header|footer|nav|aside|main|"
    r"title|ul|ol|dl|dt|dd|blockquote|pre|hr|figure|figcaption|address|form)(?=[\s/>])", re.I)


def html_tokens(raw: str, start: int = 0):
    """(start, end, kind) of the markup in raw: kind is "hidden" (comment, script,
    style: dropped with their content), "block" (a tag that breaks text),
    "tag" or "entity". Linear: an unclosed comment or script runs to the end
    (as in browsers), a "<" or "&" that starts no markup is text."""
    n = len(raw)
    i = start
    while True:
        m = _SPECIAL.search(raw, i)
        if not m:
            return
        s = m.start()
        if raw[s] == "&":
            t = _ENTITY.match(raw, s)
            if t:
                yield s, t.end(), "entity"
                i = t.end()
            else:
                i = s + 1
            continue
        if raw.startswith("<!--", s):
            c = _COMMENT_END.search(raw, s + 2)
            e = c.end() if c else n
            yield s, e, "hidden"
            i = e
            continue
        h = _HIDDEN.match(raw, s)
        if h:
            c = _CLOSE[h.group(1).lower()].search(raw, h.end())
            e = c.end() if c else n
            yield s, e, "hidden"
            i = e
            continue
        t = _TAG.match(raw, s)
        if t:
            yield s, t.end(), "block" if _BLOCK.match(raw, s) else "tag"
            i = t.end()
            continue
        i = s + 1


def html_text(raw: str) -> tuple[str, tuple[int, ...]]:
    """Visible text of an HTML page and, per char, its offset in raw.

    Block tags become a paragraph break so sentences do not run together."""
    pieces: list[str] = []
    offs: list[int] = []
    pos = 0
    for s, e, kind in html_tokens(raw):
        if s > pos:
            pieces.append(raw[pos:s])
            offs.extend(range(pos, s))
        if kind == "entity":
            ch = html.unescape(raw[s:e])
            pieces.append(ch)
            offs.extend([s] * len(ch))
        elif kind == "block":
            pieces.append("\n\n")
            offs.extend((s, s))
        pos = e
    if pos < len(raw):
        pieces.append(raw[pos:])
        offs.extend(range(pos, len(raw)))
    return "".join(pieces), tuple(offs)


def html_parts(raw: str, size: int):
    """(offset, piece) slices of raw, each at most `size` characters unless one
    comment or script is longer, cut before a block tag or, inside a long run
    of text, at a sentence or line end: never inside markup."""
    start = 0  # start of the current part
    cand = -1  # the last cut at a block tag in the current part
    prev_end = 0  # end of the previous markup: raw[prev_end:s] is text
    for s, e, kind in list_then_end(html_tokens(raw), len(raw)):
        while s - start > size:
            if cand - start >= size // 4:
                cut = cand
            elif prev_end - start >= size:  # one piece of markup fills the part
                cut = prev_end
            else:  # cut inside the text run before this markup
                cut = _parts.find_cut(raw, max(prev_end, start + size // 2), start + size)
            yield start, raw[start:cut]
            start, cand = cut, -1
        if kind == "block":  # cut after a closing block tag or before an opening one
            end_tag = raw.startswith("</", s) and e - start <= size
            if end_tag or s > start:
                cand = e if end_tag else s
        prev_end = e
    if start < len(raw):
        yield start, raw[start:]


def list_then_end(tokens, n):
    yield from tokens
    yield n, n, "end"
