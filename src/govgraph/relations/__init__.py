"""Typed relations found by patterns (see issue: relations). Each relation is
{"source", "target", "type", "role", "evidence": {doc, start, end, text}}."""

from .patterns import pattern_relations
from .structure import structural_relations


def find_relations(doc, mentions, sents) -> list[dict]:
    rels = structural_relations(doc, mentions, sents) + pattern_relations(doc, mentions, sents)
    return [r for r in rels if r["source"] != r["target"]]
