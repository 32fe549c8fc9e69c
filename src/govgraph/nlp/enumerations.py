"""Agencies named by enumerations, which write the shared part once:

* a shared head: 恩施州、湖南张家界市、常德市及湘西州中院 -> one court per
  place (张家界市 stands for 张家界市中院; the place is kept as well);
* function short forms: 市水利、人社、交通等8部门 -> 市水利局,
  市人力资源和社会保障局 …; the level or place prefix of the first item (or the
  place the sentence is about: 丹阳市统筹卫健、人社等9个部门) applies to all.

Runs after gg_places and gg_agencies, reading their candidates."""

import re

from spacy.language import Language

from ..gazetteers.divisions import load_divisions
from .candidates import Cand, add_candidates, alternation, doc_text, naming

_LIST_SEP = ("、", "和", "及", "与", "以及")
_DEPARTMENTS = re.compile(r"等(?:\d+|[一二三四五六七八九十百余多]+)?(?:个|家)?(?:市直|县直|区直|州直|省直|相关)?(?:部门|单位|家单位|职能部门)")


# bodies every county has, written bare after a first item that names the place (、检察院)
_BARE_PEER = re.compile(r"(?:、|和|及)(人民检察院|检察院|人民法院|法院|公安局|司法局|人大常委会|政协|纪委|监委)"
                        r"(?![\u4e00-\u9fff]{0,3}?(?:室|局|院|庭|处|科|所|队|部|办|中心|组))")  # (not 检察院办公室)


class EnumerationRecognizer:
    def __init__(self, nlp=None, name="gg_enumerations"):
        n = naming()
        self.short = n["function_short_forms"]
        self.short_rx = re.compile(f"(?:{alternation(self.short)})$")
        self.level = tuple(n["level_chars"])
        self.forms = load_divisions().forms()

    def __call__(self, doc):
        cands = doc._.gg_candidates or []
        add_candidates(doc, list(self.shared_heads(doc, cands)) + list(self.short_forms(doc, cands))
                       + list(self.shared_places(doc, cands)))
        return doc

    # ---- 溧阳市人民法院、检察院: the place of the first item names the bare bodies after it
    def shared_places(self, doc, cands):
        text = doc_text(doc)
        for ag in cands:
            if ag.label != "Agency":
                continue
            place = self._leading(text, ag.start, ag.end)  # (a division, or a level character: 县公安局、检察院)
            if not place:
                continue
            pos = ag.end
            while (m := _BARE_PEER.match(text, pos)) is not None:
                yield Cand(m.start(1), m.end(1), "Agency", "shared-place", 3, {"name": place + m.group(1)})
                pos = m.end(1)

    # ---- 张家界市、常德市及湘西州中院
    def shared_heads(self, doc, cands):
        text = doc_text(doc)
        places = {(c.start, c.end): c for c in cands if c.label == "Place"}
        by_end = {}
        for c in places.values():
            by_end.setdefault(c.end, []).append(c)
        for ag in cands:
            if ag.label != "Agency":
                continue
            first = next((p for p in places.values() if p.start == ag.start and p.end < ag.end), None)
            if first is None:
                continue
            head = text[first.end:ag.end]
            pos = ag.start
            while True:
                sep = next((s for s in sorted(_LIST_SEP, key=len, reverse=True) if text.endswith(s, 0, pos)), None)
                if sep is None:
                    break
                item = max(by_end.get(pos - len(sep), []), key=lambda c: c.end - c.start, default=None)
                if item is None:
                    break
                # 湖南张家界市: the court is 张家界市's; walk over the chain of places
                start = item.start
                while by_end.get(start):
                    start = max(by_end[start], key=lambda c: c.end - c.start).start
                yield Cand(item.start, item.end, "Agency", "shared-head", 3,
                           {"name": text[item.start:item.end] + head, "shared": True})
                pos = start

    # ---- 市水利、人社、交通等8部门
    def short_forms(self, doc, cands):
        text = doc_text(doc)
        agencies = {}
        for c in cands:
            if c.label == "Agency":
                agencies.setdefault(c.end, []).append(c)
        for sent in doc.sents:
            s0 = sent.start_char
            for m in _DEPARTMENTS.finditer(text, s0, sent.end_char):
                items = []  # (start, end, short form or None for a full agency name)
                pos = m.start()
                while True:
                    # a bare head the recognisers took (残联) is a short form here too
                    full = next((c for c in agencies.get(pos, []) if c.start >= s0
                                 and text[c.start:c.end] not in self.short), None)
                    sm = None if full else self.short_rx.search(text, max(s0, pos - 12), pos)
                    if full is None and sm is None:
                        break
                    a = full.start if full else sm.start()
                    if sm is not None:
                        own, ostart = self._prefix(text, a, s0)  # 县水利, 鹤峰县公安
                        a = ostart if own else a
                    items.append((a, pos, None if full else sm.group()))
                    if text[a - 1:a] != "、":
                        break
                    pos = a - 1
                if len(items) < 2 or all(short is None for _, _, short in items):
                    continue
                items.reverse()
                a0, b0, short0 = items[0]
                prefix = text[a0:b0 - len(short0)] if short0 else self._leading(text, a0, b0)
                if not prefix:
                    prefix = self._sentence_place(text, cands, s0, a0)
                if not prefix:
                    continue
                for a, b, short in items:
                    if short is not None:
                        own = text[a:b - len(short)]  # an item's own prefix, else the first item's
                        yield Cand(a, b, "Agency", "short-form", 3, {"name": (own or prefix) + self.short[short]})

    def _prefix(self, text, start, s0):
        """A division form or level character written before the first item."""
        for k in range(min(10, start - s0), 1, -1):
            if text[start - k:start] in self.forms:
                return text[start - k:start], start - k
        if start > s0 and text[start - 1] in self.level:
            return text[start - 1], start - 1
        return "", None

    def _leading(self, text, a, b):
        """The division form or level character a full agency name starts with."""
        for k in range(min(10, b - a - 1), 1, -1):
            if text[a:a + k] in self.forms:
                return text[a:a + k]
        return text[a] if text[a] in self.level else ""

    @staticmethod
    def _sentence_place(text, cands, s0, start):
        """The county/city the sentence is about: a place at the clause start before the list,
        as its subject (丹阳市统筹卫健、人社等9个部门); not one that only qualifies the next
        place (X区Y街道邀请…住建、城管等部门: a street has no such departments)."""
        places = sorted((c for c in cands if c.label == "Place"), key=lambda c: c.start)
        by_start = {c.start: c for c in places}
        for c in places:
            if s0 <= c.start < start and (c.start == s0 or text[c.start - 1] in "，。："):
                while c.end in by_start and c.end < start:  # 嘉兴市|南湖区: the last place of the chain
                    c = by_start[c.end]
                name = text[c.start:c.end]
                return name if name.endswith(("市", "县", "区", "州")) else ""
        return ""


@Language.factory("gg_enumerations")
def make_enumerations(nlp, name):
    return EnumerationRecognizer(nlp, name)
