"""Repair OCR'd newspaper text while keeping a map back to raw offsets.

Newspaper columns break lines inside words ("淮安\\n市") and pad characters
with spaces ("接 通 率"). Whitespace between two characters of which at least
one is CJK is dropped; other whitespace runs become one space. A blank line
is a paragraph break ("\\n") only after sentence-final punctuation or a short
paragraph of one line, or of spaced names (a headline or byline): page layout also leaves blank lines in the
middle of sentences ("近日，记者走访了恩\\n\\n施州医保局").
"""

import re
from dataclasses import dataclass

_FINAL = set("。！？!?；;：:”’）)】」』…")
SHORT_PARAGRAPH = 40
_WS = re.compile(r"[ \t\r\n\f\v\u3000\u00a0\u2002-\u200b]+")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2FA1F
        or 0xF900 <= o <= 0xFAFF
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or ch in "“”‘’·—…《》"
    )


@dataclass(frozen=True)
class Repaired:
    text: str
    # offsets[i] = raw offset of clean char i; offsets[len(text)] = len(raw)
    offsets: tuple[int, ...]
    # clean offsets i where raw had whitespace between clean chars i-1 and i
    gaps: frozenset[int]



def repair(raw: str) -> Repaired:
    out: list[str] = []
    offs: list[int] = []
    gaps: set[int] = set()
    pos = 0
    # some pages are double-spaced columns: there a blank line is only a line break
    # (web pages that put a blank line between long paragraphs are not)
    runs = [w.count("\n") for w in _WS.findall(raw) if "\n" in w]
    usual = _usual_line(raw) - 1
    double = len(runs) >= 10 and sum(n >= 2 for n in runs) > len(runs) / 2 and usual < SHORT_PARAGRAPH
    blank = 3 if double else 2
    # after a headline break, the next one-line paragraph is a headline only if it is
    # shorter than the column's usual line: else each line of a double-spaced column
    # would become a paragraph of its own
    cascade = False  # the last break was a one-line-paragraph break
    para = 0  # clean offset where the current paragraph starts
    para_lines, para_spaced = 0, False  # its line breaks; whether names in it are spaced
    size = 0  # len("".join(out)): out holds pieces, offs one entry per character
    commas = opening = closing = 0  # ，、 “ ” in the current paragraph (counted, not rescanned: linear)
    for m in _WS.finditer(raw):
        if m.start() > pos:
            piece = raw[pos:m.start()]
            out.append(piece)
            offs.extend(range(pos, m.start()))
            size += len(piece)
            commas += piece.count("，") + piece.count("、")
            opening += piece.count("“")
            closing += piece.count("”")
        ws = m.group()
        before = raw[m.start() - 1] if m.start() > 0 else ""
        after = raw[m.end()] if m.end() < len(raw) else ""
        if before and after:
            gaps.add(size)
            length = size - para
            # a full column-width line with inner punctuation is a wrapped line, not a headline
            column = length >= usual - 1 and usual < SHORT_PARAGRAPH  # as long as the column is wide
            wrapped = (column and (commas > 0 or _short_tail(raw, m.end()))  # …开展情 | 况。
                       or opening > closing or before.isdigit())  # “绿水青山 | 385 件
            one_line = para_lines == 0 and length <= (usual if cascade else SHORT_PARAGRAPH) and not wrapped
            spaced = para_spaced and length <= SHORT_PARAGRAPH
            if "\n" in ws and (before in "）)" and _credit_before(raw, m.start()) or _two_part_headline(raw, m.start())) \
                    or ws.count("\n") >= blank and (before in _FINAL or one_line or spaced):
                cascade = before not in _FINAL and one_line
                out.append("\n")
                offs.append(m.start() + ws.index("\n"))
                size += 1
                para, para_lines, para_spaced = size, 0, False
                commas = opening = closing = 0
            else:
                para_lines += "\n" in ws
                # spaced names (王 娅 琳) mark a byline or headline; "2024 年" does not
                para_spaced = para_spaced or (ws.strip("\r\n") != "" and is_cjk(before) and is_cjk(after))
                if not (is_cjk(before) or is_cjk(after)):
                    out.append(" ")
                    offs.append(m.start())
                    size += 1
        pos = m.end()
    out.append(raw[pos:])
    offs.extend(range(pos, len(raw)))
    offs.append(len(raw))
    return Repaired("".join(out), tuple(offs), frozenset(gaps))


# the authors' credit that closes a brief (…生态环境。（钟伟锋 李梓楸）): spaced names in brackets
_CREDIT = re.compile(r"(?:^|[。！？!?”])[ \t\u3000]*[（(]([\u4e00-\u9fff]{1,4}(?:[ \u3000]+[\u4e00-\u9fff]{1,4}){1,5})[）)]$")


# a headline of two or three phrases set apart by a space (提振信心促消费 点亮城市夜经济), on a line
# of its own: body lines are spaced between every character or not at all
_TWO_PART = re.compile(r"[\u4e00-\u9fff“”]{3,}(?:[ \u3000][\u4e00-\u9fff“”]{3,}){1,2}")


def _two_part_headline(raw: str, at: int) -> bool:
    start = raw.rfind("\n", 0, at) + 1
    line = raw[start:at].strip()
    prev = raw[:start].rstrip()  # (after a sentence's end or at the top: not 县委书记⏎王建国 县长李明华⏎…)
    return len(line) <= SHORT_PARAGRAPH and _TWO_PART.fullmatch(line) is not None and (not prev or prev[-1] in _FINAL)


def _credit_before(raw: str, at: int) -> bool:
    """Does the line ending at `at` end with an authors' credit? Then the brief ends there,
    however few blank lines the page leaves before the next one."""
    line = raw[raw.rfind("\n", 0, at) + 1:at]
    return len(line) <= 60 and _CREDIT.search(line) is not None


def _usual_line(raw: str) -> int:
    """Median length (without whitespace) of the text's longer lines: the column width."""
    lengths = sorted(n for n in (len(_WS.sub("", line)) for line in raw.splitlines()) if n >= 8)
    return lengths[len(lengths) // 2] if lengths else SHORT_PARAGRAPH + 2


def _short_tail(raw: str, at: int) -> bool:
    """Is the next line a few characters that end a sentence (况。): the end of a wrapped one?"""
    end = raw.find("\n", at, at + 64)  # bounded: a long next line is no short tail (and stays linear)
    if end < 0:
        end = min(len(raw), at + 64)
    nxt = _WS.sub("", raw[at:end])
    return 0 < len(nxt) <= 6 and nxt[-1] in _FINAL
