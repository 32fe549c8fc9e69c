"""Article segmentation: a newspaper page or a digest holds several articles,
each about its own place. Relative names (市民政局, 省委) are read against the
article they sit in, so each sentence gets an article index.

An article starts at a dateline or byline sentence (本报讯, 本报消息, 新华社…,
■ 作者) together with the headline lines right before it (short sentences
without final punctuation), and after the authors' credit that closes a brief
(（钟伟锋李梓楸）)."""

import re

from ..nlp.candidates import DATELINE, naming

_OPENER = re.compile(r"^(?:本报讯|本报消息|本报记者|本报通讯员|新华社|据新华社|人民网|■|【)")
_FINAL = tuple("。！？!?；;…”’）)")
_INNER_OPENER = re.compile(DATELINE)
_HEADLINE_MAX = 40
_CREDIT = re.compile(r"[（(][\u4e00-\u9fff]{2,12}[）)]")
_SURNAMES = frozenset(naming()["common_surnames"])
_CREDIT_NOT = re.compile("[完续转接图摄]")  # （完）, （下转第二版）, （图片）: no credit


def article_index(sentence_texts: list[str]) -> list[int]:
    """The article number of every sentence (0 for the first article)."""
    starts = set()
    for i, text in enumerate(sentence_texts):
        if i and _CREDIT.fullmatch(sentence_texts[i - 1]) and not _CREDIT_NOT.search(sentence_texts[i - 1]) \
                and sentence_texts[i - 1][1] in _SURNAMES:  # (names: not （以上数据来源于县统计局）, （十一）)
            starts.add(i)  # …（钟伟锋李梓楸）: the authors' credit closes a brief; the next one starts
            continue
        if i and (_OPENER.match(text) or _headed_opener(text)):
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


def _headed_opener(text: str) -> bool:
    """A headline the page glued to the dateline after it (X县：…带火乡村旅游本报讯（…）): the
    sentence opens an article when a dateline follows a short stretch with no final punctuation."""
    m = _INNER_OPENER.search(text, 1, _HEADLINE_MAX + 6)
    return m is not None and _headline(text[:m.start()])


def _headline(text: str) -> bool:
    return len(text) <= _HEADLINE_MAX and not text.endswith(_FINAL)
