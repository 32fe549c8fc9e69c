"""GraphML export (Gephi, yEd, Cytoscape, igraph): networkx's writer on the flat copy."""

from __future__ import annotations

import io

import networkx as nx

from govgraph.export.flat import flatten, write_atomic


def write_graphml(G: nx.MultiDiGraph, path) -> None:
    """Write G as GraphML to path; attributes are listed in docs/neo4j-gephi.md."""
    H = flatten(G)
    out = nx.MultiDiGraph()
    # Key ids are named after the attributes (below), so a graph-level "name" would clash
    # with the node attribute "name".
    out.add_nodes_from(H.nodes(data=True))
    # networkx uses the edge key as GraphML edge id; our keys (relation types) repeat
    # across edges, and Gephi merges edges that share an id.
    out.add_edges_from((u, v, f"e{i}", data) for i, (u, v, data) in enumerate(H.edges(data=True)))
    buf = io.BytesIO()
    # named_key_ids: Gephi reads the key ids d3/d7 as node/edge labels (a yEd convention),
    # so networkx's default d0, d1, ... would turn an ordinary attribute into the label.
    # The ElementTree writer keeps the bytes the same whether or not lxml is installed.
    nx.write_graphml_xml(out, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    # ElementTree writes a '\r' in element text (<data>) as is, and XML readers turn it into
    # '\n'; as a character reference it survives (attributes already get one).
    write_atomic(path, buf.getvalue().replace(b"\r", b"&#13;"))
