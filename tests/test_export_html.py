"""graph.html: offline, UTF-8, escaped, filtered by min_weight, deterministic."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import govgraph.export.html as html_export
from govgraph.export.html import graph_data, write_html

SCRIPT_NAME = "<script>alert(1)</script>"
IMG_SENTENCE = '某某市民政局发布通知<img src=x onerror="alert(2)">，请查收。'


def sample_graph(reverse=False):
    """A small graph following docs/graph-model.md; reverse=True inserts in the other order."""
    def mention(doc, start, text, sentence):
        return {"doc": doc, "start": start, "end": start + len(text), "text": text, "sentence": sentence}

    nodes = [
        ("program/暖邻帮", "Program", "暖邻帮", ["暖邻帮"],
         [mention("a.txt", 10, "暖邻帮", "某某市民政局推出暖邻帮社区服务项目。")], None),
        ("place/420100", "Place", "武汉市", ["武汉", "武汉市"],
         [mention("a.txt", 30, "武汉", "暖邻帮项目在武汉落地。")], "420100"),
        ("agency/某某市民政局", "Agency", "某某市民政局", ["某某市民政局"],
         [mention("b.txt", 0, "某某市民政局", IMG_SENTENCE)], None),
        ("person/张某", "Person", "张某", ["张某"], [], None),
        ("organization/" + SCRIPT_NAME, "Organization", SCRIPT_NAME, [SCRIPT_NAME],
         [mention("c.txt", 5, SCRIPT_NAME, "前文" + SCRIPT_NAME + "后文")], None),
    ]
    edges = [
        ("agency/某某市民政局", "program/暖邻帮", "runs", 2),
        ("program/暖邻帮", "place/420100", "implemented_in", 1),
        ("program/暖邻帮", "person/张某", "co_occurs_with", 1),
        ("agency/某某市民政局", "place/420100", "co_occurs_with", 3),
    ]
    G = nx.MultiDiGraph()
    for key, typ, name, aliases, mentions, code in (reversed(nodes) if reverse else nodes):
        G.add_node(key, type=typ, name=name, aliases=aliases, mentions=mentions, code=code, parent=None,
                   docs=sorted({m["doc"] for m in mentions}), count=len(mentions))
    for u, v, typ, weight in (reversed(edges) if reverse else edges):
        attrs = {"type": typ, "weight": weight, "role": None,
                 "evidence": [{"doc": "a.txt", "start": 0, "end": 9, "text": "某某市民政局推出暖邻帮。"}]}
        if typ == "co_occurs_with":
            attrs["pmi"] = 0.25
        G.add_edge(u, v, key=typ, **attrs)
    return G


def embedded_data(text):
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "graph.html"
    write_html(sample_graph(), path)
    return path


def test_no_remote_resources(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert "<link" not in text.lower()
    assert "sourceMappingURL" not in text
    # vis-network is inlined, and the policy forbids fetching anything
    assert "vis-network" in text
    assert "default-src 'none'" in text


def test_utf8_with_chinese_names(page):
    raw = page.read_bytes()
    text = raw.decode("utf-8")  # raises if not UTF-8
    assert '<meta charset="utf-8">' in text
    for name in ("暖邻帮", "武汉市", "某某市民政局", "张某"):
        assert name in text


def test_utf8_under_an_ascii_locale(tmp_path):
    # pyvis' own writer uses the locale encoding; ours must not
    env = dict(os.environ, LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0",
               PYTHONPATH=str(Path(html_export.__file__).parents[2]))
    code = ("import locale, sys; sys.path.insert(0, %r); from test_export_html import sample_graph; "
            "from govgraph.export.html import write_html; "
            "assert 'utf' not in locale.getpreferredencoding(False).lower(); "
            "write_html(sample_graph(), sys.argv[1])" % str(Path(__file__).parent))
    out = tmp_path / "graph.html"
    subprocess.run([sys.executable, "-X", "utf8=0", "-c", code, str(out)], env=env, check=True)
    assert "暖邻帮" in out.read_bytes().decode("utf-8")


def test_document_text_is_escaped(page):
    text = page.read_text(encoding="utf-8")
    assert SCRIPT_NAME not in text
    assert "<img src=x" not in text
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in text
    # exactly the data block and our two inline scripts
    assert text.count("</script>") == 3
    data = embedded_data(text)
    names = {n["name"] for n in data["nodes"]}
    assert SCRIPT_NAME in names
    sentences = {m["sentence"] for n in data["nodes"] for m in n["mentions"]}
    assert IMG_SENTENCE in sentences


def test_panel_never_uses_inner_html():
    js = (Path(html_export.__file__).parent / "templates" / "graph.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js


def test_min_weight_drops_weak_co_occurrence(tmp_path):
    data = graph_data(sample_graph(), min_weight=2)
    kinds = sorted((e["type"], e["weight"]) for e in data["edges"])
    assert kinds == [("co_occurs_with", 3), ("implemented_in", 1), ("runs", 2)]
    assert len(data["nodes"]) == 5  # nodes stay

    path = tmp_path / "graph.html"
    write_html(sample_graph(), path, min_weight=4)
    types = {e["type"] for e in embedded_data(path.read_text(encoding="utf-8"))["edges"]}
    assert types == {"runs", "implemented_in"}


def test_deterministic_bytes(tmp_path):
    a, b, c = tmp_path / "a.html", tmp_path / "b.html", tmp_path / "c.html"
    write_html(sample_graph(), a)
    write_html(sample_graph(), b)
    write_html(sample_graph(reverse=True), c)
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()


def test_atomic_write_leaves_no_temp_files(tmp_path):
    path = tmp_path / "graph.html"
    path.write_text("old", encoding="utf-8")
    write_html(sample_graph(), path)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_node_and_edge_payload():
    data = graph_data(sample_graph())
    node = next(n for n in data["nodes"] if n["name"] == "武汉市")
    assert node["type"] == "Place" and node["code"] == "420100"
    assert node["aliases"] == ["武汉", "武汉市"] and node["docs"] == ["a.txt"]
    assert node["mentions"] == [{"doc": "a.txt", "text": "武汉", "sentence": "暖邻帮项目在武汉落地。"}]
    assert not data["large"]
    runs = next(e for e in data["edges"] if e["type"] == "runs")
    assert data["nodes"][runs["from"]]["name"] == "某某市民政局"
    assert runs["weight"] == 2 and runs["evidence"][0]["text"] == "某某市民政局推出暖邻帮。"


def test_precomputed_layout_is_used_and_checked():
    G = sample_graph()
    layout = {n: (i, 0.0) for i, n in enumerate(sorted(G))}
    xs = [n["x"] for n in graph_data(G, layout=layout)["nodes"]]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert len({n["y"] for n in graph_data(G, layout=layout)["nodes"]}) == 1
    with pytest.raises(ValueError):
        graph_data(G, layout={"program/暖邻帮": (0, 0)})


def test_large_graph_layout_is_spread_and_still():
    # above SPRING_MAX nodes the layout is PivotMDS; above LARGE the page turns physics off
    G = nx.MultiDiGraph()
    base = nx.barabasi_albert_graph(600, 2, seed=1)
    for i in base:
        G.add_node(f"agency/机构{i}", type="Agency", name=f"机构{i}", aliases=[], mentions=[], docs=[], count=1)
    G.add_node("person/孤立", type="Person", name="孤立", aliases=[], mentions=[], docs=[], count=1)
    for u, v in base.edges():
        G.add_edge(f"agency/机构{u}", f"agency/机构{v}", key="co_occurs_with", type="co_occurs_with", weight=1)
    data = graph_data(G)
    assert data["large"]
    points = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(points) == len(data["nodes"])  # nobody on top of anybody
    assert all(abs(x) < 1e6 and abs(y) < 1e6 for x, y in points)
