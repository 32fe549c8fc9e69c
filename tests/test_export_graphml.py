"""GraphML export: read back with networkx and python-igraph, check ids and determinism."""

import xml.etree.ElementTree as ET

import igraph
import networkx as nx

from export_sample import HOSTILE, copy_build, sample_graph, xml_clean
from govgraph.cli import main
from govgraph.export.graphml import write_graphml
from govgraph.export.json import read_json


def test_networkx_reads_nodes_edges_and_attributes(tmp_path):
    G = sample_graph()
    path = tmp_path / "graph.graphml"
    write_graphml(G, path)
    R = nx.read_graphml(path)
    assert R.is_directed() and R.is_multigraph()
    assert R.number_of_nodes() == 6 and R.number_of_edges() == 5
    assert set(R.nodes) == {xml_clean(n) for n in G.nodes}
    node = R.nodes[xml_clean("organization/" + HOSTILE)]
    assert node["name"] == node["label"] == xml_clean(HOSTILE)
    assert node["aliases"].split(";") == ["基金会", xml_clean(HOSTILE).replace(";", "；")]
    assert (node["type"], node["count"], node["docs_count"]) == ("Organization", 1, 1)
    place = R.nodes["place/420100"]
    assert (place["code"], place["parent"]) == ("420100", "place/420000")
    assert "code" not in R.nodes["agency/武汉市民政局"]
    between = R.get_edge_data("agency/武汉市民政局", "program/江城暖心助老行动")
    by_type = {d["relation"]: d for d in between.values()}
    assert set(by_type) == {"runs", "co_occurs_with"}
    assert (by_type["runs"]["weight"], by_type["runs"]["evidence_count"]) == (2, 2)
    assert abs(by_type["co_occurs_with"]["pmi"] - 0.61) < 1e-9
    role = [d["role"] for d in R.get_edge_data("person/张明", "agency/武汉市民政局").values()]
    assert role == ["局长"]


def test_igraph_reads_the_file(tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(sample_graph(), path)
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.is_directed() and g.vcount() == 6 and g.ecount() == 5
    ids = g.vs["id"]
    assert xml_clean("organization/" + HOSTILE) in ids
    v = g.vs[ids.index("place/420100")]
    assert (v["name"], v["type"], v["code"], v["count"]) == ("武汉市", "Place", "420100", 2)
    types = sorted(g.es["relation"])
    assert types == sorted(["located_in", "runs", "co_occurs_with", "holds_position", "located_in"])
    runs = g.es.find(relation="runs")
    assert (g.vs[runs.source]["id"], g.vs[runs.target]["id"]) == ("agency/武汉市民政局", "program/江城暖心助老行动")
    assert (runs["weight"], runs["evidence_count"]) == (2, 2)
    assert g.es.find(relation="holds_position")["role"] == "局长"


def test_ids_unique_and_safe_for_gephi(tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(sample_graph(), path)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.findall("g:key", ns)}
    names = [(f, n) for f, n, _ in keys.values()]
    assert len(names) == len(set(names))  # one key per attribute: types are consistent
    assert len(keys) == len(root.findall("g:key", ns))  # key ids unique
    # Gephi takes key ids d3/d7 as node/edge label (yEd's convention), so ids are the names.
    assert all(key_id == name for key_id, (_, name, _) in keys.items())
    assert ("node", "label") in names and ("edge", "weight") in names
    edges = root.findall("g:graph/g:edge", ns)
    assert len({e.get("id") for e in edges}) == len(edges) == 5
    parse = {"string": str, "long": int, "int": int, "double": float}
    for el in root.findall("g:graph/g:node", ns) + edges:
        for d in el.findall("g:data", ns):
            parse[keys[d.get("key")][2]](d.text)


def test_bytes_are_deterministic_and_write_is_atomic(tmp_path):
    a, b = tmp_path / "a.graphml", tmp_path / "b.graphml"
    write_graphml(sample_graph(), a)
    write_graphml(sample_graph(reverse=True), b)
    assert a.read_bytes() == b.read_bytes()
    a.write_text("old")
    write_graphml(sample_graph(), a)
    assert a.read_bytes() == b.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.graphml", "b.graphml"]


def test_cli_export_rewrites_graphml_of_a_build(seeds_build, tmp_path):
    out = copy_build(seeds_build, tmp_path / "build")
    (out / "graph.graphml").write_text("old")
    assert main(["export", str(out), "--format", "graphml"]) == 0
    assert (out / "graph.graphml").read_bytes() == (seeds_build / "graph.graphml").read_bytes()
    G = read_json(out / "graph.json")
    R = nx.read_graphml(out / "graph.graphml")
    assert (R.number_of_nodes(), R.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert set(R.nodes) == {xml_clean(str(n)) for n in G.nodes}
    g = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert sorted(g.es["relation"]) == sorted(d["type"] for _, _, d in G.edges(data=True))
