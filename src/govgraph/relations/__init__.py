"""Typed relations found by patterns (see issue: relations). Each relation is
{"source", "target", "type", "role", "evidence": {doc, start, end, text}}."""

from .structure import structural_relations


def find_relations(doc, mentions, sents) -> list[dict]:
    return structural_relations(doc, mentions, sents)
