"""GEXF 1.3 export for Gephi: networkx's writer on the flat copy, plus viz colour/size/position.

The positions are graph.html's layout (govgraph.export.html.compute_layout), y flipped.
"""

from __future__ import annotations

import io
import math

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from govgraph.export.flat import flatten, write_atomic, xml_text
from govgraph.export.html import compute_layout

GEXF_VERSION = "1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
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

    positions: {node id: (x, y) or (x, y, z)} in Gephi's coordinates (y up); when None,
    graph.html's layout of G: gephi_positions(compute_layout(G)). Output bytes depend
    only on G and positions.
    """
    H = flatten(G)
    if positions is None:
        positions = gephi_positions(compute_layout(G))
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
    root.find("graph").attrib.pop("name", None)  # not an attribute of <graph> in the GEXF 1.3 schema
    for attributes in root.iter("attributes"):
        attributes.attrib.pop("mode", None)  # 1.2 only; 1.3 takes the mode from <graph>
    for edge in root.iter("edge"):
        # GEXF 1.3 "kind": Gephi keeps parallel edges of different kinds apart
        # instead of merging runs + co_occurs_with between the same pair.
        edge.set("kind", edge.get("label"))
    buf = io.BytesIO()
    writer.write(buf)
    write_atomic(path, buf.getvalue())


def gephi_positions(layout: dict) -> dict:
    """graph.html's pixel layout (y pointing down) as Gephi positions (y pointing up)."""
    return {node: (float(xy[0]), 0.0 - float(xy[1])) for node, xy in layout.items()}
