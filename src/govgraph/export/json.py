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
    """One node or link per line: json's C encoder writes each (with indent it falls back to
    the pure-Python one, several times slower on a large graph)."""
    data = to_node_link(G)
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # one encoder, not one per item
    with atomic_open(path) as f:
        f.write("{")
        for i, key in enumerate(sorted(data)):
            value = data[key]
            f.write(("\n" if i == 0 else ",\n") + json.dumps(key) + ": ")
            if isinstance(value, list) and value:
                f.write("[\n")
                f.write(",\n".join(map(encode, value)))
                f.write("\n]")
            else:
                f.write(encode(value))
        f.write("\n}\n")


def read_json(path) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return nx.node_link_graph(data, edges="links", directed=True, multigraph=True)
