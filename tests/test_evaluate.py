"""`govgraph evaluate` prints what ../shared/eval/score.py prints, as text and as --json,
on the seeds build and on perturbed copies of it."""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"
GOLD = SHARED / "gold"

pytestmark = pytest.mark.skipif(not (SCORE.is_file() and GOLD.is_dir()), reason="../shared/eval or ../shared/gold absent")


def perturbed(data: dict, seed: int) -> dict:
    """A copy of graph.json with some nodes dropped, renamed, retyped or doubled and some links
    dropped or turned round, so that every count and ratio moves."""
    rng = random.Random(seed)
    data = json.loads(json.dumps(data))
    nodes = [n for n in data["nodes"] if rng.random() > 0.15]
    types = ["Agency", "Organization", "Program", "Policy", "Place", "Person"]
    for n in nodes:
        x = rng.random()
        if x < 0.1:
            n["name"] += "X"
        elif x < 0.2:
            n["type"] = rng.choice(types)
    nodes += [{**n, "id": n["id"] + "#dup"} for n in rng.sample(nodes, 10)]
    links = [e for e in data["links"] if rng.random() > 0.2]
    for e in links:
        if rng.random() < 0.2:
            e["source"], e["target"] = e["target"], e["source"]
    data["nodes"], data["links"] = nodes, links
    return data


def outputs(graph: Path, capsys) -> list[tuple[str, str]]:
    """(ours, score.py's) for the text report and for --json."""
    pairs = []
    for extra in ([], ["--json"]):
        capsys.readouterr()
        assert main(["evaluate", str(graph), "--gold", str(GOLD), *extra]) == 0
        ours = capsys.readouterr().out
        theirs = subprocess.run([sys.executable, str(SCORE), str(graph), str(GOLD), *extra],
                                capture_output=True, text=True, encoding="utf-8", check=True).stdout
        pairs.append((ours, theirs))
    return pairs


def test_same_report_as_score_py_on_the_seeds_build(seeds_build, capsys):
    (text, theirs_text), (js, theirs_js) = outputs(seeds_build / "graph.json", capsys)
    assert text == theirs_text
    assert js == theirs_js
    assert "  type " in text and "  rel  " in text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_report_as_score_py_on_a_perturbed_graph(seeds_build, tmp_path, capsys, seed):
    original = json.loads((seeds_build / "graph.json").read_text(encoding="utf-8"))
    graph = tmp_path / "graph.json"
    graph.write_text(json.dumps(perturbed(original, seed), ensure_ascii=False), encoding="utf-8")
    (text, theirs_text), (js, theirs_js) = outputs(graph, capsys)
    assert text == theirs_text
    assert js == theirs_js
    # the perturbation moved the scores (the comparison is not of two copies of one report)
    first = outputs(seeds_build / "graph.json", capsys)[1][0]
    assert json.loads(js)["entities_strict"] != json.loads(first)["entities_strict"]
    assert json.loads(js)["relations"] != json.loads(first)["relations"]
