"""GEXF 1.3 export for Gephi: networkx's writer on the flat copy, plus viz colour/size/position."""

from __future__ import annotations

import io
import math

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from govgraph.export.flat import flatten, write_atomic, xml_text

GEXF_VERSION = "1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LAYOUT_SEED = 42
LAYOUT_SCALE = 1000.0  # Gephi works in pixel-like units; a unit square is a dot
TYPE_COLORS = {
    "Agency": (31, 119, 180),
    "Organization": (255, 127, 14),
    "Program": (44, 160, 44),
    "Policy": (214, 39, 40),
    "Place": (148, 103, 189),
    "Person": (140, 86, 75),
}
OTHER_COLOR = (127, 127, 127)


def write_gexf(G: nx.MultiDiGraph, path, positions: dict | None = None) -> None:
    """Write G as GEXF 1.3 to path.

    positions: {node id: (x, y) or (x, y, z)} in the caller's units; when None a
    seeded spring layout is computed. Output bytes depend only on G and positions.
    """
    H = flatten(G)
    if positions is None:
        pos = _layout(H)
    else:
        pos = {xml_text(str(node)): xy for node, xy in positions.items()}
    for node, data in H.nodes(data=True):
        x, y, z = (tuple(float(c) for c in pos.get(node, (0.0, 0.0))) + (0.0,))[:3]
        r, g, b = TYPE_COLORS.get(data.get("type"), OTHER_COLOR)
        data["label"] = data["label"] or node
        data["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": round(4.0 + 2.0 * math.sqrt(max(data.get("count", 0), 0)), 2),
            "position": {"x": round(x, 2), "y": round(y, 2), "z": round(z, 2)},
        }
    for i, (_u, _v, data) in enumerate(H.edges(data=True)):
        data["label"] = data["relation"]
        data["id"] = f"e{i}"  # unique even where two edges join the same pair
    # networkx's write_gexf is these three steps; the tree is adjusted before writing.
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=GEXF_VERSION)
    writer.add_graph(H)
    root = writer.xml
    root.set("xmlns:xsi", XSI)  # networkx's 1.3 table misspells the XML Schema namespace
    root.find("meta").attrib.pop("lastmodifieddate", None)  # today's date: bytes would change daily
    for attributes in root.iter("attributes"):
        attributes.attrib.pop("mode", None)  # 1.2 only; 1.3 takes the mode from <graph>
    for edge in root.iter("edge"):
        # GEXF 1.3 "kind": Gephi keeps parallel edges of different kinds apart
        # instead of merging runs + co_occurs_with between the same pair.
        edge.set("kind", edge.get("label"))
    buf = io.BytesIO()
    writer.write(buf)
    write_atomic(path, buf.getvalue())


def _layout(H: nx.MultiDiGraph) -> dict:
    simple = nx.Graph()
    simple.add_nodes_from(H)
    simple.add_edges_from((u, v) for u, v in H.edges() if u != v)
    try:
        pos = nx.spring_layout(simple, seed=LAYOUT_SEED, scale=LAYOUT_SCALE)
    except ImportError:
        # spring_layout needs scipy from 500 nodes on; govgraph does not require scipy.
        shells = {}
        for node, data in H.nodes(data=True):
            shells.setdefault(data.get("type") or "", []).append(node)
        pos = nx.shell_layout(simple, nlist=[shells[t] for t in sorted(shells)], scale=LAYOUT_SCALE)
    return {node: tuple(float(c) for c in xy) for node, xy in pos.items()}
