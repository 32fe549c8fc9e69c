"""gg_from_ents: turn an installed spaCy pipeline's OntoNotes entities into
govgraph candidates (for `--model zh_core_web_sm` and the like)."""

from spacy.language import Language

import re

from .candidates import Cand, add_candidates, alternation, naming

LABELS = {"GPE": "Place", "LOC": "Place", "FAC": "Place", "PERSON": "Person", "LAW": "Policy", "ORG": "Organization",
          # LAC's own labels, so the same component works on the embedded tokenizer
          "PER": "Person"}


class EntsToCandidates:
    def __init__(self, nlp=None, name="gg_from_ents"):
        n = naming()
        self.agency = re.compile(f"(?:{alternation(n['agency_heads'])})$|^(?:{alternation(n['party_prefixes'])})")

    def __call__(self, doc):
        cands = []
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label and len(ent.text.strip()) >= 2:
                if label == "Organization" and self.agency.search(ent.text):
                    label = "Agency"  # government and party bodies by their naming pattern
                cands.append(Cand(ent.start_char, ent.end_char, label, "model", 1))
        add_candidates(doc, cands)
        return doc


@Language.factory("gg_from_ents")
def make_from_ents(nlp, name):
    return EntsToCandidates(nlp, name)
