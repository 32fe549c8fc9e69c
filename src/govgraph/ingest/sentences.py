"""Sentence splitting on Chinese sentence punctuation."""

import re

MAX_LEN = 300  # the tagger degrades and slows on very long inputs

# a sentence ends at 。！？；!?; or a line break, plus any closing quotes/brackets
_END = re.compile(r"(?:[。！？!?；;]+|…{2,}|\n)[”’」』）)]*")
_SOFT = re.compile(r"[，,、：:]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans covering the non-blank sentences of text."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        _add(text, start, m.end(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text, start, end, spans):
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    while stop - start > MAX_LEN:
        # cut long runs at the last soft punctuation, else hard
        cut = None
        for m in _SOFT.finditer(text, start, start + MAX_LEN):
            cut = m.end()
        cut = cut if cut and cut > start + MAX_LEN // 3 else start + MAX_LEN
        spans.append((start, cut))
        start = cut
    if stop > start:
        spans.append((start, stop))
