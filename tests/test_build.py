"""End to end: `govgraph build seeds -o DIR` and what it writes."""

import json
from pathlib import Path

import pytest
import rdflib

from govgraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="module")
def built(seeds_build):
    return seeds_build  # conftest.py: seeds/ is built once per session


def test_outputs_exist(built):
    for name in ("graph.json", "graph.ttl", "graph.html"):
        assert (built / name).stat().st_size > 1000, name


def test_every_mention_and_evidence_slices_the_raw_text(built):
    data = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    raw = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    assert {m["doc"] for n in data["nodes"] for m in n["mentions"]} == set(raw)
    for n in data["nodes"]:
        assert n["type"] in {"Agency", "Organization", "Program", "Policy", "Place", "Person"}
        assert n["name"] and n["mentions"]
        for m in n["mentions"]:
            assert raw[m["doc"]][m["start"]:m["end"]] == m["text"]
    for link in data["links"]:
        assert link["weight"] == len(link["evidence"]) >= 1
        for ev in link["evidence"]:
            assert raw[ev["doc"]][ev["start"]:ev["end"]] == ev["text"]


def test_cooccurrence_and_types(built):
    data = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    types = {n["type"] for n in data["nodes"]}
    assert types == {"Agency", "Organization", "Program", "Policy", "Place", "Person"}
    assert any(link["type"] == "co_occurs_with" for link in data["links"])


def test_turtle_parses(built):
    g = rdflib.Graph().parse(built / "graph.ttl")
    assert len(g) > 1000


def test_rebuild_is_byte_identical(built, tmp_path):
    assert main(["build", str(ROOT / "seeds"), "-o", str(tmp_path), "--no-progress"]) == 0
    for name in ("graph.json", "graph.ttl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold not present")
def test_quality_on_development_gold(built, capsys):
    from govgraph.evaluate import evaluate
    r = evaluate(built / "graph.json", GOLD)
    assert r["entities_strict"]["f1"] >= 0.66
    assert main(["evaluate", str(built / "graph.json"), "--gold", str(GOLD)]) == 0
    assert "entities_strict" in capsys.readouterr().out


def test_missing_input_is_a_clear_error(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "-o", str(tmp_path / "o")]) == 2
    assert "nope" in capsys.readouterr().err
