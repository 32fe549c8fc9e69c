"""Shared helpers for the file exporters: a flat copy of the graph and atomic writes.

GEXF and GraphML only hold scalar attributes, so list attributes become
';'-joined strings and mentions/evidence become counts. The edge `type` is
called `relation` here: GEXF uses an edge's `type` for directed/undirected.
See docs/graph-model.md and docs/neo4j-gephi.md.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import networkx as nx

from govgraph.export.atomic import atomic_open

JOIN = ";"
# ';' separates list items here and in Neo4j arrays; an item's own ';' would split it,
# so it becomes the full-width '；' that Chinese text uses anyway.
_ITEM_SEMICOLON = "\uff1b"
# Characters XML 1.0 cannot carry at all (not even escaped), and lone surrogates,
# which UTF-8 cannot encode.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """Replace characters that XML 1.0 forbids, so the file always parses."""
    return _XML_BAD.sub("\ufffd", value)


def join_items(items) -> str:
    """Join a list of strings with ';', keeping each item whole."""
    return JOIN.join(str(item).replace(JOIN, _ITEM_SEMICOLON) for item in items or ())


def sorted_nodes(G):
    """Nodes as (id, attrs), sorted by id so output does not depend on insertion order."""
    return sorted(G.nodes(data=True), key=lambda item: str(item[0]))


def sorted_edges(G):
    """Edges as (u, v, key, attrs), sorted by (u, v, key)."""
    return sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def mention_count(data: dict) -> int:
    count = data.get("count")
    return int(count) if count is not None else len(data.get("mentions") or ())


def flat_node(data: dict) -> dict:
    """Scalar node attributes; absent values are left out, not written as empty."""
    out = {
        "label": str(data.get("name") or ""),  # what Gephi shows on the node
        "type": str(data.get("type") or ""),
        "name": str(data.get("name") or ""),
        "aliases": join_items(data.get("aliases")),
        "count": mention_count(data),
        "docs_count": len(data.get("docs") or ()),
    }
    for key in ("code", "parent"):
        if data.get(key) is not None:
            out[key] = str(data[key])
    return out


def flat_edge(key, data: dict) -> dict:
    evidence = data.get("evidence") or ()
    out = {
        "relation": str(data.get("type") or key),
        "weight": int(data.get("weight") if data.get("weight") is not None else len(evidence)),
        "evidence_count": len(evidence),
    }
    if data.get("role") is not None:
        out["role"] = str(data["role"])
    if data.get("pmi") is not None:
        out["pmi"] = float(data["pmi"])
    return out


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A sorted MultiDiGraph copy with XML-safe ids and scalar attributes only."""
    H = nx.MultiDiGraph()
    H.graph["name"] = xml_text(str(G.graph.get("name") or "govgraph"))
    ids, taken = {}, set()
    for node, data in sorted_nodes(G):
        ids[node] = _unique(xml_text(str(node)), taken)
        taken.add(ids[node])
        H.add_node(ids[node], **_clean(flat_node(data)))
    for u, v, key, data in sorted_edges(G):
        H.add_edge(ids[u], ids[v], key=xml_text(str(key)), **_clean(flat_edge(key, data)))
    return H


def _unique(node_id: str, taken) -> str:
    # Only ids differing solely in forbidden control characters can collide.
    if node_id not in taken:
        return node_id
    n = 2
    while f"{node_id}#{n}" in taken:
        n += 1
    return f"{node_id}#{n}"


def _clean(attrs: dict) -> dict:
    return {k: xml_text(v) if isinstance(v, str) else v for k, v in attrs.items()}


def write_atomic(path, data: bytes, mode: int = 0o644) -> None:
    """Write bytes through govgraph.export.atomic (temp file + os.replace), then set mode.

    The temp file starts as 0600; the exports are meant to be read by other users too
    (a neo4j service account reading its import directory, for one).
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(path, "wb") as fh:
        fh.write(data)
        os.fchmod(fh.fileno(), mode)
