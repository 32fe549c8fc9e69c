"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030."""

import codecs


class DecodeError(ValueError):
    """A file that is not text in any encoding we accept."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding). Raise DecodeError naming `name` when undecodable."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise DecodeError(f"{name}: starts with a {enc} byte-order mark but is not {enc} ({e.reason} at byte {e.start})") from None
    if b"\x00" in data:
        # NUL never occurs in UTF-8/GB18030 text; UTF-16 without BOM is not accepted
        raise DecodeError(f"{name}: binary file (contains NUL bytes)")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise DecodeError(f"{name}: binary file (mostly control characters)")
        return text, enc
    raise DecodeError(f"{name}: not UTF-8, UTF-16 (with BOM) or GB18030")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    ctrl = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return ctrl / len(sample) > 0.05
