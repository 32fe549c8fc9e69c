"""GEXF export: read back with networkx and with graphology (Node.js), check viz and determinism."""

import json
import math
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from export_sample import (HOSTILE, JS_DIR, copy_build, edge_length_ratio, node_binary, sample_graph,
                           xml_clean)
from govgraph.cli import main
from govgraph.export import html
from govgraph.export.gexf import TYPE_COLORS, gephi_positions, write_gexf
from govgraph.export.json import read_json

NS = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
# What the GEXF 1.3 schema lets <graph> carry (networkx also writes name=, which it does not).
GRAPH_ATTRIBUTES = {"defaultedgetype", "mode", "idtype", "timeformat", "timerepresentation", "timezone",
                    "start", "end"}


def positions(path):
    return {n: (d["viz"]["position"]["x"], d["viz"]["position"]["y"]) for n, d in nx.read_gexf(path).nodes(data=True)}
def test_networkx_reads_nodes_edges_and_attributes(tmp_path):
    G = sample_graph()
    path = tmp_path / "graph.gexf"
    write_gexf(G, path)
    R = nx.read_gexf(path)
    assert R.is_directed() and R.is_multigraph()
    assert R.number_of_nodes() == 6 and R.number_of_edges() == 5
    hostile_id = xml_clean("organization/" + HOSTILE)
    assert set(R.nodes) == {xml_clean(str(n)) for n in G.nodes}
    node = R.nodes[hostile_id]
    assert node["label"] == node["name"] == xml_clean(HOSTILE)
    assert node["type"] == "Organization" and node["count"] == 1 and node["docs_count"] == 1
    # ';' separates aliases, so the ';' inside the name became the full-width '；'.
    assert node["aliases"].split(";") == ["基金会", xml_clean(HOSTILE).replace(";", "；")]
    place = R.nodes["place/420100"]
    assert (place["code"], place["parent"], place["count"], place["docs_count"]) == ("420100", "place/420000", 2, 2)
    assert "code" not in R.nodes["agency/武汉市民政局"]
    runs = R.edges["agency/武汉市民政局", "program/江城暖心助老行动", "runs"]
    assert (runs["relation"], runs["label"], runs["weight"], runs["evidence_count"]) == ("runs", "runs", 2.0, 2)
    co = R.edges["agency/武汉市民政局", "program/江城暖心助老行动", "co_occurs_with"]
    assert co["pmi"] == pytest.approx(0.61)
    assert R.edges["person/张明", "agency/武汉市民政局", "holds_position"]["role"] == "局长"


def test_viz_colour_size_and_position(tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(sample_graph(), path)
    R = nx.read_gexf(path)
    for node, data in R.nodes(data=True):
        viz = data["viz"]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == TYPE_COLORS[data["type"]]
        assert viz["size"] > 0
        assert all(math.isfinite(viz["position"][c]) for c in "xyz")
    sizes = {n: d["viz"]["size"] for n, d in R.nodes(data=True)}
    assert sizes["agency/武汉市民政局"] > sizes["person/张明"]  # bigger with more mentions
    spread = {(d["viz"]["position"]["x"], d["viz"]["position"]["y"]) for _, d in R.nodes(data=True)}
    assert len(spread) == 6  # a real layout, not every node at the origin


def test_given_positions_are_used(tmp_path):
    G = sample_graph()
    positions = {n: (i * 10.0, -i * 5.0) for i, n in enumerate(sorted(G.nodes))}
    path = tmp_path / "graph.gexf"
    write_gexf(G, path, positions=positions)
    R = nx.read_gexf(path)
    for n, (x, y) in positions.items():
        pos = R.nodes[xml_clean(n)]["viz"]["position"]
        assert (pos["x"], pos["y"], pos["z"]) == (x, y, 0.0)


def test_xml_structure_is_valid_gexf(tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(sample_graph(), path)
    root = ET.parse(path).getroot()
    assert root.tag == "{%s}gexf" % NS["g"] and root.get("version") == "1.3"
    assert "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation" in root.attrib
    graph = root.find("g:graph", NS)
    assert set(graph.attrib) <= GRAPH_ATTRIBUTES and graph.get("defaultedgetype") == "directed"
    declared = {}
    for attrs in graph.findall("g:attributes", NS):
        for a in attrs.findall("g:attribute", NS):
            declared[(attrs.get("class"), a.get("id"))] = (a.get("title"), a.get("type"))
    titles = {cls: {t for (c, _), (t, _) in declared.items() if c == cls} for cls in ("node", "edge")}
    assert {"type", "name", "aliases", "count", "docs_count", "code", "parent"} <= titles["node"]
    assert {"relation", "evidence_count", "role", "pmi"} <= titles["edge"]
    parse = {"string": str, "long": int, "integer": int, "double": float, "float": float}
    for cls, tag in (("node", "g:nodes/g:node"), ("edge", "g:edges/g:edge")):
        for el in graph.findall(tag, NS):
            for value in el.findall("g:attvalues/g:attvalue", NS):
                _title, kind = declared[(cls, value.get("for"))]
                parse[kind](value.get("value"))
    edge_ids = [e.get("id") for e in graph.findall("g:edges/g:edge", NS)]
    assert len(edge_ids) == len(set(edge_ids)) == 5
    node_ids = {n.get("id") for n in graph.findall("g:nodes/g:node", NS)}
    for e in graph.findall("g:edges/g:edge", NS):
        assert e.get("source") in node_ids and e.get("target") in node_ids
        assert e.get("type") in (None, "directed", "undirected", "mutual")  # GEXF edge directions only
        float(e.get("weight"))
        # kind (GEXF 1.3) keeps parallel edges of different relations apart in Gephi
        assert e.get("kind") == e.get("label")
    pairs = [(e.get("source"), e.get("target"), e.get("kind")) for e in graph.findall("g:edges/g:edge", NS)]
    assert len(pairs) == len(set(pairs))


def test_bytes_are_deterministic_and_write_is_atomic(tmp_path):
    a, b = tmp_path / "a.gexf", tmp_path / "b.gexf"
    write_gexf(sample_graph(), a)
    write_gexf(sample_graph(reverse=True), b)
    assert a.read_bytes() == b.read_bytes()
    assert b"lastmodifieddate" not in a.read_bytes()
    a.write_text("old")
    write_gexf(sample_graph(), a)
    assert a.read_bytes() == b.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gexf", "b.gexf"]  # no temp files left


def clustered_graph(clusters=30, size=20, seed=7):
    """One connected component of clusters * size nodes (each cluster a ring plus chords,
    the clusters joined in a ring), plus a few small components: like co-occurrence graphs."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()

    def node(name):
        G.add_node(name, type="Agency", name=name, aliases=[], mentions=[], docs=[], count=1)
        return name

    def edge(u, v):
        if u != v:
            G.add_edge(u, v, key="co_occurs_with", type="co_occurs_with", weight=1, evidence=[], pmi=0.1)

    for c in range(clusters):
        members = [node(f"agency/机构{c}_{i}") for i in range(size)]
        for i in range(size):
            edge(members[i], members[(i + 1) % size])
            edge(members[i], members[rng.randrange(size)])
        edge(members[0], f"agency/机构{(c + 1) % clusters}_5")
    for k in range(5):
        edge(node(f"place/小{k}a"), node(f"place/小{k}b"))
    node("person/孤立")
    return G


def test_large_graph_gets_a_real_layout_without_scipy(tmp_path, monkeypatch):
    # networkx's spring_layout needs scipy from 500 nodes on; govgraph does not require it.
    monkeypatch.setitem(sys.modules, "scipy", None)  # import scipy now raises ImportError
    G = clustered_graph()
    assert G.number_of_nodes() > 500 and max(map(len, nx.weakly_connected_components(G))) > html.SPRING_MAX
    path = tmp_path / "big.gexf"
    write_gexf(G, path)
    R = nx.read_gexf(path)
    assert R.number_of_nodes() == G.number_of_nodes() and R.number_of_edges() == G.number_of_edges()
    pos = positions(path)
    assert len(set(pos.values())) == len(pos)  # nobody on top of anybody
    # Linked nodes lie close: rings by type (the old fallback) give about 0.9 here.
    assert edge_length_ratio(G.edges(), pos) < 0.3
    assert pos == {n: (round(x, 2), round(y, 2)) for n, (x, y) in gephi_positions(html.compute_layout(G)).items()}
    again = tmp_path / "again.gexf"
    write_gexf(clustered_graph(), again)
    assert again.read_bytes() == path.read_bytes()


def html_positions(path):
    text = path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S)[1])
    return {n["key"]: (n["x"], n["y"]) for n in data["nodes"]}


def test_seeds_build_layout_is_graph_html_layout(seeds_build):
    G = read_json(seeds_build / "graph.json")
    gexf = positions(seeds_build / "graph.gexf")
    assert len(gexf) == G.number_of_nodes() > 500
    assert edge_length_ratio(G.edges(), gexf) < 0.3  # rings by type gave 0.86 on seeds/
    # graph.html rescales the same layout (and its y axis points down, Gephi's up).
    page = html_positions(seeds_build / "graph.html")
    assert set(page) == set(gexf)
    keys = sorted(gexf)
    for axis, sign in ((0, 1), (1, -1)):
        g = [gexf[k][axis] for k in keys]
        h = [sign * page[k][axis] for k in keys]
        gm, hm = sum(g) / len(g), sum(h) / len(h)
        scale = max(abs(v - gm) for v in g) / max(abs(v - hm) for v in h)
        assert max(abs((a - gm) - scale * (b - hm)) for a, b in zip(g, h)) < 1.0, axis


def test_layout_bytes_do_not_depend_on_the_hash_seed(seeds_build, tmp_path):
    # Each `govgraph build` is a new process with its own string hash seed; set order must
    # not leak into the layout (it did through networkx subgraph views).
    script = ("import sys; from govgraph.export.json import read_json; from govgraph.export.gexf import write_gexf; "
              "write_gexf(read_json(sys.argv[1]), sys.argv[2])")
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"seed{hash_seed}.gexf"
        subprocess.run([sys.executable, "-c", script, str(seeds_build / "graph.json"), str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": hash_seed})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == (seeds_build / "graph.gexf").read_bytes()


@pytest.mark.parametrize("fmt", ["gexf", "html"])
def test_cli_export_rewrites_the_same_layout(seeds_build, tmp_path, fmt):
    out = copy_build(seeds_build, tmp_path / "build")
    name = f"graph.{fmt}"
    (out / name).write_text("old")
    others = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != name}
    assert main(["export", str(out), "--format", fmt]) == 0
    # Computed on its own, the layout is the one the build shared between the two files.
    assert (out / name).read_bytes() == (seeds_build / name).read_bytes()
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != name} == others
    if fmt == "gexf":
        G = read_json(out / "graph.json")
        R = nx.read_gexf(out / name)
        assert (R.number_of_nodes(), R.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
        assert set(R.nodes) == {xml_clean(str(n)) for n in G.nodes}
        assert sorted(d["relation"] for _, _, d in R.edges(data=True)) == sorted(
            d["type"] for _, _, d in G.edges(data=True))


def run_node(script, *args):
    node = node_binary()
    return subprocess.run([node, str(JS_DIR / script), *map(str, args)], capture_output=True,
                          text=True, cwd=JS_DIR, timeout=300)


def test_graphology_reads_the_file(tmp_path):
    G = sample_graph()
    path = tmp_path / "graph.gexf"
    write_gexf(G, path)
    proc = run_node("read_gexf.cjs", path)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert (seen["order"], seen["size"], seen["type"], seen["multi"]) == (6, 5, "directed", True)
    R = nx.read_gexf(path)
    for node, data in R.nodes(data=True):
        js = seen["nodes"][node]
        for key in ("type", "name", "aliases", "count", "docs_count", "code", "parent"):
            assert js.get(key) == data.get(key), (node, key)
        viz = data["viz"]
        assert js["color"] == "rgba({r},{g},{b},1.0)".format(**viz["color"])
        assert (js["x"], js["y"], js["size"]) == (viz["position"]["x"], viz["position"]["y"], viz["size"])
    js_edges = {(e["source"], e["target"], e["attributes"]["relation"]): e for e in seen["edges"]}
    assert len(js_edges) == 5 and len({e["key"] for e in seen["edges"]}) == 5
    for u, v, data in R.edges(data=True):
        js = js_edges[(u, v, data["relation"])]
        assert not js["undirected"]
        assert js["attributes"]["kind"] == js["attributes"]["label"] == data["relation"]
        assert js["attributes"]["weight"] == data["weight"]
        assert js["attributes"]["evidence_count"] == data["evidence_count"]
        assert js["attributes"].get("role") == data.get("role")
