"""graph.json: node-link JSON as networkx writes it (see docs/graph-model.md)."""

import json

import networkx as nx

from .atomic import atomic_open


def to_node_link(G: nx.MultiDiGraph) -> dict:
    data = nx.node_link_data(G, edges="links")
    data["nodes"].sort(key=lambda n: n["id"])
    data["links"].sort(key=lambda e: (e["source"], e["target"], e["type"]))
    return data


def write_json(G: nx.MultiDiGraph, path) -> None:
    with atomic_open(path) as f:
        json.dump(to_node_link(G), f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


def read_json(path) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return nx.node_link_graph(data, edges="links", directed=True, multigraph=True)
