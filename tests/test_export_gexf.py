"""GEXF export: read back with networkx and with graphology (Node.js), check viz and determinism."""

import json
import math
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from export_sample import HOSTILE, sample_graph, xml_clean
from govgraph.export.gexf import TYPE_COLORS, write_gexf

JS_DIR = Path(__file__).parent / "js"
NS = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
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


def test_large_graph_without_scipy_still_gets_a_layout(tmp_path):
    # spring_layout needs scipy from 500 nodes; the exporter must not.
    G = nx.MultiDiGraph()
    for i in range(520):
        G.add_node(f"agency/机构{i}", type="Agency" if i % 2 else "Place", name=f"机构{i}",
                   aliases=[], mentions=[], docs=[], count=1)
    for i in range(519):
        G.add_edge(f"agency/机构{i}", f"agency/机构{i + 1}", key="co_occurs_with", type="co_occurs_with",
                   weight=1, evidence=[], pmi=0.1)
    path = tmp_path / "big.gexf"
    write_gexf(G, path)
    R = nx.read_gexf(path)
    assert R.number_of_nodes() == 520 and R.number_of_edges() == 519
    assert len({(d["viz"]["position"]["x"], d["viz"]["position"]["y"]) for _, d in R.nodes(data=True)}) > 500


def run_node(script, *args):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (JS_DIR / "node_modules").is_dir():
        pytest.fail("tests/js/node_modules is missing: run `npm ci --prefix tests/js`")
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
