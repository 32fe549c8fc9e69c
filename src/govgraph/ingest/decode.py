"""Bytes to text: UTF-8 (with or without BOM), UTF-16 (with BOM, or without one
when the text is unmistakable), UTF-32 (with BOM), GB18030 (which includes GBK and GB2312) and
Big5 (as Windows code page 950), the traditional-character encoding of Taiwan
and Hong Kong. A file that decodes both as GB18030 and as Big5 is read as the
one whose characters are the common ones (see `_common_share`).

Files are checked and decoded in fixed-size blocks (`detect_encoding`,
`read_text_chunks`), so a file of any size costs one linear pass to check and
one to read, with bounded memory. Text holding U+0000 (NUL) is refused as
binary, whatever the encoding.
"""

import codecs
from pathlib import Path
from typing import Iterator

BLOCK = 1 << 20  # bytes read at a time


class DecodeError(ValueError):
    """A file that is not text in any encoding we accept."""


_BOMS = (  # UTF-32 first: the UTF-32 LE mark FF FE 00 00 starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NAMES = {"utf-8-sig": "UTF-8", "utf-32": "UTF-32", "utf-16": "UTF-16", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE",
          "utf-8": "UTF-8", "gb18030": "GB18030", "cp950": "Big5"}


def _blocks(data_or_path, size=BLOCK) -> Iterator[bytes]:
    if isinstance(data_or_path, (bytes, bytearray, memoryview)):
        data = memoryview(data_or_path)
        for i in range(0, len(data), size):
            yield bytes(data[i:i + size])
        return
    with open(data_or_path, "rb") as f:
        while block := f.read(size):
            yield block


def _check(source, enc: str) -> tuple[bool, int, bool]:
    """Decode source (bytes or path) with enc in blocks:
    (ok, byte offset of the first bad byte, whether the text holds U+0000)."""
    dec = codecs.getincrementaldecoder(enc)("strict")
    pos, nul = 0, False
    for block in _blocks(source):
        pending = len(dec.getstate()[0])
        try:
            text = dec.decode(block)
        except UnicodeDecodeError as e:
            return False, max(0, pos - pending + e.start), nul
        nul = nul or "\x00" in text
        pos += len(block)
    try:
        dec.decode(b"", final=True)
    except UnicodeDecodeError as e:
        return False, max(0, pos - len(dec.getstate()[0]) + e.start), nul
    return True, pos, nul


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when head reads as such text: its NUL bytes all fall
    on one side of each 2-byte unit (binary files have them everywhere)."""
    head = head[:len(head) & ~1]
    if len(head) < 16:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    for enc, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls and not other:
            try:
                text = codecs.getincrementaldecoder(enc)("strict").decode(head)
            except UnicodeDecodeError:
                continue
            if all(c.isprintable() or c in "\n\r\t\f" for c in text):
                return enc
    return None


def detect_encoding(source, name: str = "<bytes>") -> str:
    """The encoding of source (bytes or a path), checked over the whole of it.

    Raise DecodeError naming `name` for a binary or undecodable file."""
    head = next(_blocks(source, 1 << 16), b"")
    for bom, enc in _BOMS:
        if head.startswith(bom):
            ok, at, nul = _check(source, enc)
            if not ok:
                raise DecodeError(f"{name}: starts with a {_NAMES[enc]} byte-order mark but is not {_NAMES[enc]} "
                                  f"(invalid bytes at byte {at})")
            if nul:
                raise DecodeError(f"{name}: binary file (U+0000 characters in its {_NAMES[enc]} text)")
            return enc
    if b"\x00" in head:
        enc = _utf16_without_bom(head)
        if enc:
            ok, _, nul = _check(source, enc)
            if ok and nul:
                raise DecodeError(f"{name}: binary file (U+0000 characters in its {_NAMES[enc]} text)")
            if ok:
                return enc
        # NUL never occurs in UTF-8, GB18030 or Big5 text
        raise DecodeError(f"{name}: binary file (contains NUL bytes)")
    ok, bad_at, nul = _check(source, "utf-8")
    if ok:
        enc = "utf-8"
    else:
        candidates = []
        for e in ("gb18030", "cp950"):
            ok, _, has_nul = _check(source, e)
            if ok:
                candidates.append(e)
                nul = nul or has_nul
        if not candidates:
            raise DecodeError(f"{name}: not UTF-8, UTF-16, GB18030 or Big5 text (invalid UTF-8 at byte {bad_at})")
        enc = candidates[0]
        if len(candidates) == 2:  # both decode: GB18030 unless the text reads far better as Big5
            gb, big5 = (codecs.getincrementaldecoder(e)("ignore").decode(head) for e in candidates)
            if _common_share(big5) > _common_share(gb) + 0.1:
                enc = "cp950"
    if nul:
        raise DecodeError(f"{name}: binary file (contains NUL bytes)")
    if _looks_binary(codecs.getincrementaldecoder(enc)("ignore").decode(head)):
        raise DecodeError(f"{name}: binary file (mostly control characters)")
    return enc


def _common_share(text: str) -> float:
    """Share of the CJK characters that are among the 3,755 common ones (GB2312
    level 1) once converted to simplified: about 1 for real Chinese text,
    about 0.4-0.5 for Big5 bytes read as GB18030 or the reverse."""
    from .traditional import tables
    text = text.translate(tables()[1])
    n = common = 0
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff":
            n += 1
            try:
                common += 0xB0 <= ch.encode("gb2312")[0] <= 0xD7
            except UnicodeEncodeError:
                pass
    return common / n if n else 0.0


def read_text_chunks(path: Path, enc: str, size: int = BLOCK) -> Iterator[str]:
    """The text of path in pieces of at most `size` characters (newlines untouched)."""
    with open(path, encoding=enc, newline="") as f:
        while chunk := f.read(size):
            yield chunk


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding). Raise DecodeError naming `name` when undecodable."""
    enc = detect_encoding(data, name)
    return bytes(data).decode(enc), enc


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    ctrl = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return ctrl / len(sample) > 0.3
