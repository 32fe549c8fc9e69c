"""Article segmentation: a newspaper page or a digest holds several articles,
each about its own place. Relative names (市民政局, 省委) are read against the
article they sit in, so each sentence gets an article index.

An article starts at a dateline or byline sentence (本报讯, 本报消息, 新华社…,
■ 作者) together with the headline lines right before it (short sentences
without final punctuation)."""

import re

_OPENER = re.compile(r"^(?:本报讯|本报消息|本报记者|本报通讯员|新华社|据新华社|人民网|■|【)")
_FINAL = tuple("。！？!?；;…”’）)")


def article_index(sentence_texts: list[str]) -> list[int]:
    """The article number of every sentence (0 for the first article)."""
    starts = set()
    for i, text in enumerate(sentence_texts):
        if i and _OPENER.match(text):
            j = i
            while j > 0 and j - 1 not in starts and _headline(sentence_texts[j - 1]) and i - j < 3:
                j -= 1
            starts.add(j)
    out, n = [], 0
    for i in range(len(sentence_texts)):
        if i in starts:
            n += 1
        out.append(n)
    return out


def _headline(text: str) -> bool:
    return len(text) <= 40 and not text.endswith(_FINAL)
