"""The sample graph shared by the GEXF, GraphML and Neo4j export tests, and their helpers.

It follows docs/graph-model.md and includes an organisation whose name is HOSTILE to
every format (CSV quoting, list separators, line ends, XML-invalid characters).
"""

import math
import random
import shutil
from pathlib import Path

import networkx as nx
import pytest

JS_DIR = Path(__file__).parent / "js"

# Commas, quotes, a newline, ';' (the list separator), a backslash before a quote, a lone
# carriage return (a line end to Neo4j's CSV readers) and a vertical tab (not allowed in XML 1.0).
HOSTILE = '湖北省"慈善,基金"会\n第二行;分号\\"尾\r回车\x0b'


def sample_graph(reverse=False):
    """A small graph following docs/graph-model.md; reverse=True inserts in the other order."""
    def mention(doc, start, text):
        return {"doc": doc, "start": start, "end": start + len(text), "text": text, "sentence": text}

    def ev(doc, start, text):
        return {"doc": doc, "start": start, "end": start + len(text), "text": text}

    nodes = [
        ("place/420000", dict(type="Place", name="湖北省", aliases=["湖北", "湖北省"],
                              mentions=[mention("a.txt", 0, "湖北省")], code="420000", parent=None,
                              docs=["a.txt"], count=1)),
        ("place/420100", dict(type="Place", name="武汉市", aliases=["武汉", "武汉市"],
                              mentions=[mention("a.txt", 5, "武汉市"), mention("b.txt", 0, "武汉")],
                              code="420100", parent="place/420000", docs=["a.txt", "b.txt"], count=2)),
        ("agency/武汉市民政局", dict(type="Agency", name="武汉市民政局", aliases=["市民政局", "武汉市民政局"],
                                mentions=[mention("a.txt", 9, "武汉市民政局")] * 3, code=None, parent=None,
                                docs=["a.txt"], count=3)),
        ("program/江城暖心助老行动", dict(type="Program", name="江城暖心助老行动", aliases=["江城暖心助老行动"],
                                   mentions=[mention("a.txt", 20, "江城暖心助老行动")] * 2, code=None,
                                   parent=None, docs=["a.txt"], count=2)),
        ("organization/" + HOSTILE, dict(type="Organization", name=HOSTILE, aliases=["基金会", HOSTILE],
                                         mentions=[mention("b.txt", 3, HOSTILE)], code=None, parent=None,
                                         docs=["b.txt"], count=1)),
        ("person/张明", dict(type="Person", name="张明", aliases=["张明"], mentions=[mention("b.txt", 40, "张明")],
                           code=None, parent=None, docs=["b.txt"], count=1)),
    ]
    edges = [
        ("place/420100", "place/420000", "located_in",
         dict(weight=1, evidence=[ev("a.txt", 0, "武汉市是湖北省省会。")], role=None)),
        ("agency/武汉市民政局", "program/江城暖心助老行动", "runs",
         dict(weight=2, evidence=[ev("a.txt", 9, "武汉市民政局开展江城暖心助老行动。"),
                                  ev("b.txt", 50, '他说："好,\n很好";')], role=None)),
        ("agency/武汉市民政局", "program/江城暖心助老行动", "co_occurs_with",
         dict(weight=2, evidence=[ev("a.txt", 9, "武汉市民政局开展江城暖心助老行动。")], role=None, pmi=0.61)),
        ("person/张明", "agency/武汉市民政局", "holds_position",
         dict(weight=1, evidence=[ev("b.txt", 38, "局长张明表示")], role="局长")),
        ("organization/" + HOSTILE, "place/420100", "located_in",
         dict(weight=1, evidence=[ev("b.txt", 3, HOSTILE)], role=None)),
    ]
    if reverse:
        nodes, edges = nodes[::-1], edges[::-1]
    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes)
    for u, v, key, data in edges:
        G.add_edge(u, v, key=key, type=key, **data)
    return G


def xml_clean(s):
    """The text as an XML 1.0 reader gets it back: the vertical tab, not allowed in XML, becomes U+FFFD."""
    return s.replace("\x0b", "\ufffd")


def csv_text(s):
    """The text as the Neo4j CSV files carry it: '\r\n' and a lone '\r' become '\n'."""
    return s.replace("\r\n", "\n").replace("\r", "\n")


def node_binary():
    """The `node` command for the checks under tests/js.

    Skips only where neither node nor tests/js/node_modules is there; fails where one
    is there without the other, so an installed check cannot quietly stop running.
    """
    node = shutil.which("node")
    modules = (JS_DIR / "node_modules").is_dir()
    if node is None and modules:
        pytest.fail("tests/js/node_modules is installed but `node` is not on PATH")
    if node is None:
        pytest.skip("node is not installed")
    if not modules:
        pytest.fail("tests/js/node_modules is missing: run `npm ci --prefix tests/js`")
    return node


def copy_build(src: Path, dst: Path) -> Path:
    """A copy of a build folder (without its extraction cache) that a test may change."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".cache"))
    return dst


def edge_length_ratio(edges, pos, samples=5000, seed=0):
    """Mean length of the edges over the mean distance between random unconnected nodes.

    About 1 for a layout that ignores the edges (rings, a grid by type), well below 1
    for a force-directed or MDS layout.
    """
    edges = [(u, v) for u, v in edges if u != v]
    linked = {frozenset(e) for e in edges}
    nodes = sorted(pos, key=str)
    rng = random.Random(seed)
    apart = []
    while len(apart) < samples:
        a, b = rng.sample(nodes, 2)
        if frozenset((a, b)) not in linked:
            apart.append(math.dist(pos[a][:2], pos[b][:2]))
    mean_edge = sum(math.dist(pos[u][:2], pos[v][:2]) for u, v in edges) / len(edges)
    return mean_edge / (sum(apart) / len(apart))
