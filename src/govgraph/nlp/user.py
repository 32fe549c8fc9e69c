"""gg_user: entities from the users' own gazetteers (see gazetteers/user.py).

Names and aliases are matched on characters, longest first: LAC's words do not
line up with arbitrary names, so a token PhraseMatcher would miss most of them.
A user's entry wins over the built-in recognisers where they overlap. The
component saves its entries with the pipeline (to_disk/from_disk)."""

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.util import ensure_path

from .candidates import Cand, add_candidates, alternation, doc_text


class UserGazetteer:
    def __init__(self, nlp=None, name="gg_user", entries=()):
        self.name = name
        self.set_entries(list(entries))

    def set_entries(self, entries):
        self.entries = entries
        self.forms = {}
        for e in entries:
            for form in [e["name"], *e.get("aliases", [])]:
                self.forms.setdefault(form, e)
        self.rx = re.compile(alternation(self.forms)) if self.forms else None

    def __call__(self, doc):
        if self.rx is not None:
            add_candidates(doc, [self._cand(m) for m in self.rx.finditer(doc_text(doc))])
        return doc

    def _cand(self, m):
        e = self.forms[m.group()]
        return Cand(m.start(), m.end(), e["type"], "user", 4,
                    {"name": e["name"], "user": True, "parent_name": e.get("parent")})

    def to_disk(self, path, *, exclude=tuple()):
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "entries.jsonl").write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.entries), encoding="utf-8")

    def from_disk(self, path, *, exclude=tuple()):
        f = Path(path) / "entries.jsonl"
        self.set_entries([json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()])
        return self


@Language.factory("gg_user", default_config={"entries": []})
def make_user(nlp, name, entries):
    return UserGazetteer(nlp, name, entries)
