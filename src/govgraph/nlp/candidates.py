"""Shared pieces of the recognition components: candidate spans and naming data.

Chinese has no spaces and LAC's words often do not line up with gazetteer
names (恩施市舞阳坝街道 is one LAC word), so recognisers work on characters,
using LAC's words and tags as evidence, and propose candidates. The
`gg_entities` component then picks among them and splits tokens so that
every entity is a token span.
"""

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.attrs import IDX, LENGTH, TAG
from spacy.tokens import Doc, Span


@dataclass
class Cand:
    start: int  # char offsets into doc.text
    end: int
    label: str
    source: str
    priority: int = 1
    attrs: dict = field(default_factory=dict)


def register_extensions():
    if not Doc.has_extension("gg_candidates"):
        Doc.set_extension("gg_candidates", default=None)
        Doc.set_extension("gaps", default=frozenset())  # raw whitespace before these offsets
        Doc.set_extension("space_gaps", default=frozenset())  # … whitespace other than line breaks
        # candidate attributes by (start, end, label): Span._ values are keyed by offsets only,
        # and a place may stand, on the same characters, for its court (张家界市、常德市中院)
        Doc.set_extension("gg_attrs", default=None)
        Span.set_extension("gg", getter=lambda span: (span.doc._.gg_attrs or {}).get(
            (span.start_char, span.end_char, span.label_)))
    if not Doc.has_extension("gg_title_places"):
        # (start, end, division ids) of the divisions named inside a 《title》: no mentions, but
        # where a county paper names its county at all (《X县…实施方案》), read as context
        Doc.set_extension("gg_title_places", default=())


def add_candidates(doc: Doc, cands):
    if doc._.gg_candidates is None:
        doc._.gg_candidates = []
    doc._.gg_candidates.extend(cands)


@lru_cache(maxsize=None)
def naming() -> dict:
    text = resources.files("govgraph.gazetteers").joinpath("naming.json").read_text(encoding="utf-8")
    return json.loads(text)


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


TEXT_KEY = "gg_text"


def doc_text(doc: Doc) -> str:
    """doc.text, joined once per doc (spaCy joins every token's text on each call; the LAC
    tokenizer stores the text it was given).

    Cached in doc.user_data: splitting tokens later does not change the text."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def token_bounds(doc: Doc) -> tuple[set[int], set[int]]:
    """Char offsets where tokens start and end (read as one array, not token by token)."""
    arr = doc.to_array([IDX, LENGTH])
    starts = arr[:, 0].tolist()
    return set(starts), {s + n for s, n in zip(starts, arr[:, 1].tolist())}


def tagged(doc: Doc, tags) -> list:
    """The tokens whose tag_ is one of tags (found in the tag array; Token objects only for them)."""
    strings = doc.vocab.strings
    wanted = [strings.add(t) for t in tags]
    return [doc[i] for i in np.flatnonzero(np.isin(doc.to_array(TAG), wanted)).tolist()]


def token_starts(doc: Doc) -> list[int]:
    return doc.to_array(IDX).tolist()


def tags_by_start(doc: Doc) -> dict[int, str]:
    """token.tag_ by the token's start offset."""
    arr = doc.to_array([IDX, TAG])
    strings = doc.vocab.strings
    return {s: strings[t] for s, t in zip(arr[:, 0].tolist(), arr[:, 1].tolist())}



CJK = r"\u4e00-\u9fff"
TERM = re.compile("第?[一二三四五六七八九十百0-9]+届")  # a congress's or committee's term (第十八届, 十八届)
# a township's stations and offices, named for the township (凤城派出所: the town 凤城镇's)
TOWNSHIP_UNITS = ("派出所", "司法所", "人民法庭", "法庭", "卫生院", "中心卫生院", "财政所", "供电所", "中心学校",
                  "农技站", "兽医站", "林业站", "文化站", "国土所", "自然资源所", "市场监管所", "税务分局")
# where a dateline starts inside a line (X县：…本报讯（记者…）): see extract.articles and nlp.places
DATELINE = r"本报讯|本报消息|据新华社|新华社[^，。]{0,6}电"
