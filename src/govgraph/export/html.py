"""graph.html: a self-contained interactive network page (vis-network as shipped in pyvis).

The page works offline: vis-network's JS/CSS and our own script are inlined, a
Content-Security-Policy forbids every fetch, and all document text travels as
JSON in a non-executed <script type="application/json"> block.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import math
import re
from pathlib import Path

import networkx as nx
import numpy as np

from govgraph.export.atomic import atomic_open

CO = "co_occurs_with"
SEED = 42
LARGE = 300  # above this many nodes: no physics, edges hidden while dragging
SPRING_MAX = 400  # networkx's dense spring layout (no scipy) is fine up to here
UNIT = 60.0  # layout radius of a component = UNIT * sqrt(nodes), in pixels
MAX_EVIDENCE = 25  # sentences per node / edge; keeps the page small on big corpora
MAX_DOCS = 50
VIS_VERSION = "vis-9.1.2"  # the copy pyvis 0.3.x ships in pyvis/templates/lib

TYPES = {
    "Agency": {"color": "#4e79a7", "shape": "dot", "symbol": "●"},
    "Organization": {"color": "#59a14f", "shape": "square", "symbol": "■"},
    "Program": {"color": "#f28e2b", "shape": "diamond", "symbol": "◆"},
    "Policy": {"color": "#e15759", "shape": "triangle", "symbol": "▲"},
    "Place": {"color": "#76b7b2", "shape": "hexagon", "symbol": "⬢"},
    "Person": {"color": "#b07aa1", "shape": "star", "symbol": "★"},
}

TEMPLATES = Path(__file__).parent / "templates"


def write_html(G: nx.MultiDiGraph, path, *, min_weight: int = 1, layout=None) -> None:
    """Write the interactive page for G to path (UTF-8, atomically, byte-deterministic).

    co_occurs_with edges with weight < min_weight are left out.  layout may map
    every node to precomputed (x, y); any scale will do, it is rescaled.
    """
    data = graph_data(G, min_weight=min_weight, layout=layout)
    page = render(data).encode("utf-8")  # bytes: no locale encoding, no newline translation
    with atomic_open(path, "wb") as f:
        f.write(page)


def graph_data(G, *, min_weight: int = 1, layout=None) -> dict:
    keys = sorted(G, key=str)
    index = {k: i for i, k in enumerate(keys)}
    kept = sorted(
        (
            (u, v, k, d)
            for u, v, k, d in G.edges(keys=True, data=True)
            if d.get("type", k) != CO or d.get("weight", 1) >= min_weight
        ),
        key=lambda e: (str(e[0]), str(e[1]), str(e[2])),
    )
    simple = nx.Graph()
    simple.add_nodes_from(keys)
    simple.add_edges_from((u, v) for u, v, _, _ in kept if u != v)
    pos = _scaled(layout, keys) if layout is not None else compute_layout(simple)

    # Size by mentions when the graph has counts, else by degree; log, as both are heavy-tailed.
    counts = {k: G.nodes[k].get("count") or len(G.nodes[k].get("mentions") or []) for k in keys}
    by_count = any(counts.values())
    nodes = []
    for key in keys:
        a = G.nodes[key]
        mentions = _dedup(
            {"doc": str(m.get("doc", "")), "text": m.get("text", ""),
             "sentence": m.get("sentence") or m.get("text", "")}
            for m in sorted(a.get("mentions") or [], key=_offset_key)
        )
        docs = list(a.get("docs") or [])
        nodes.append({
            "id": index[key],
            "key": str(key),
            "name": a.get("name") or str(key),
            "type": a.get("type", ""),
            "aliases": list(a.get("aliases") or []),
            "code": a.get("code"),
            "docs": docs[:MAX_DOCS],
            "docs_total": len(docs),
            "count": counts[key],
            "size": round(math.log1p(counts[key] if by_count else simple.degree(key)), 3),
            "x": pos[key][0],
            "y": pos[key][1],
            "mentions": mentions[:MAX_EVIDENCE],
            "mentions_total": len(mentions),
        })

    edges = []
    for i, (u, v, k, d) in enumerate(kept):
        evidence = _dedup(
            {"doc": str(ev.get("doc", "")), "text": ev.get("text", "")}
            for ev in sorted(d.get("evidence") or [], key=_offset_key)
        )
        pmi = d.get("pmi")
        edges.append({
            "id": i,
            "from": index[u],
            "to": index[v],
            "type": d.get("type", k),
            "weight": d.get("weight", 1),
            "role": d.get("role"),
            "pmi": round(pmi, 4) if isinstance(pmi, (int, float)) and math.isfinite(pmi) else None,
            "evidence": evidence[:MAX_EVIDENCE],
            "evidence_total": len(evidence),
        })

    co_weights = [e["weight"] for e in edges if e["type"] == CO]
    return {
        "large": len(nodes) > LARGE,
        "types": TYPES,
        "co_max": max(co_weights, default=1),
        "co_min": max(min_weight, 1),
        "nodes": nodes,
        "edges": edges,
    }


def render(data: dict) -> str:
    lib = _pyvis_lib() / VIS_VERSION
    parts = {
        "vis_css": (lib / "vis-network.css").read_text(encoding="utf-8"),
        # without the source map comment: devtools would go looking for the .map file
        "vis_js": re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n",
                         (lib / "vis-network.min.js").read_text(encoding="utf-8")),
        "app_js": (TEMPLATES / "graph.js").read_text(encoding="utf-8"),
        # Inside <script>, "</script" would end the block; \u003c etc. keep JSON valid.
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"),
    }
    for name in ("vis_js", "app_js"):
        if "</script" in parts[name].lower():
            raise ValueError(f"{name} cannot be inlined: it contains </script")
    # Only our two inline scripts may run, and nothing may be fetched.
    hashes = " ".join(
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(parts[n].encode("utf-8")).digest()).decode()
        for n in ("vis_js", "app_js")
    )
    parts["csp"] = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
                    "img-src data:; font-src data:")
    page = (TEMPLATES / "graph.html").read_text(encoding="utf-8")
    # One pass, so placeholders inside the inserted text are never expanded.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], page)


def compute_layout(G, seed: int = SEED) -> dict:
    """Pixel positions: each connected component laid out alone, then packed in rows."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G, key=str))
    simple.add_edges_from(sorted(((u, v) for u, v in G.edges() if u != v), key=str))
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(simple)),
                   key=lambda c: (-len(c), str(c[0])))
    width = 2.2 * UNIT * math.sqrt(max(len(simple), 1))
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for comp in comps:
        # A copy in sorted node order: a subgraph view of under half the graph iterates
        # its node set, whose order changes with Python's string hash seed from run to run.
        sub = nx.Graph()
        sub.add_nodes_from(comp)
        sub.add_edges_from((u, v) for u in comp for v in simple[u])
        order = list(sub)
        xy = _normalised(_component_layout(sub, seed), UNIT * math.sqrt(len(order)))
        size = 2 * UNIT * math.sqrt(len(order)) + UNIT
        if x > 0 and x + size > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in zip(order, xy):
            pos[n] = (round(px + x + size / 2, 1), round(py + y + size / 2, 1))
        x, row_height = x + size, max(row_height, size)
    return pos


def _component_layout(sub, seed):
    if len(sub) == 1:
        return np.zeros((1, 2))
    if len(sub) <= SPRING_MAX:
        p = nx.spring_layout(sub, seed=seed)
        return np.array([p[n] for n in sub])
    return _pivot_mds(sub, seed)


def _pivot_mds(G, seed, pivots=50):
    """Brandes & Pich's PivotMDS: classical MDS on hop distances to a few pivots, O(pivots * edges)."""
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    # Plain lists of neighbour indices: breadth-first search over a subgraph view is ~10x slower.
    adjacency = [[index[m] for m in G[n]] for n in nodes]
    k = min(pivots, len(nodes))
    D = np.zeros((len(nodes), k))
    nearest = np.full(len(nodes), np.inf)
    pivot = index[max(nodes, key=G.degree)]
    for j in range(k):
        D[:, j] = _hops(adjacency, pivot)
        nearest = np.minimum(nearest, D[:, j])
        pivot = int(np.argmax(nearest))  # next pivot: farthest from those chosen
    C = D**2
    C -= C.mean(axis=0)
    C -= C.mean(axis=1, keepdims=True)
    U, S, _ = np.linalg.svd(-0.5 * C, full_matrices=False)
    xy = U[:, :2] * S[:2]
    xy *= np.sign(xy[np.argmax(np.abs(xy), axis=0), [0, 1]])  # SVD signs are arbitrary
    # U * S is in squared hops: rescale to a mean edge length of 1 before the jitter below.
    src = np.repeat(np.arange(len(nodes)), [len(a) for a in adjacency])
    dst = np.fromiter((v for a in adjacency for v in a), dtype=np.intp, count=len(src))
    mean_edge = float(np.linalg.norm(xy[src] - xy[dst], axis=1).mean()) if len(src) else 0.0
    if mean_edge > 0:
        xy /= mean_edge
    # Nodes at equal distances from every pivot (leaves of one hub) would coincide.
    return xy + np.random.default_rng(seed).uniform(-0.35, 0.35, xy.shape)


def _hops(adjacency, source):
    """Hop distance from source to every node (breadth-first; the graph is connected)."""
    dist = [-1] * len(adjacency)
    dist[source] = 0
    frontier, hops = [source], 0
    while frontier:
        hops += 1
        reached = []
        for u in frontier:
            for v in adjacency[u]:
                if dist[v] < 0:
                    dist[v] = hops
                    reached.append(v)
        frontier = reached
    return dist


def _normalised(xy, radius):
    xy = np.asarray(xy, dtype=float)
    xy = xy - xy.mean(axis=0)
    extent = float(np.abs(xy).max()) if xy.size else 0.0
    return xy * (radius / extent) if extent > 0 else xy


def _scaled(layout, keys):
    missing = [k for k in keys if k not in layout]
    if missing:
        raise ValueError(f"layout has no position for {len(missing)} node(s), e.g. {missing[0]!r}")
    xy = _normalised([layout[k][:2] for k in keys], UNIT * math.sqrt(len(keys)))
    return {k: (round(float(px), 1), round(float(py), 1)) for k, (px, py) in zip(keys, xy)}


def _offset_key(item):
    return (str(item.get("doc", "")), item.get("start") or 0, item.get("end") or 0)


def _dedup(items):
    seen, out = set(), []
    for item in items:
        key = tuple(item.values())
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _pyvis_lib() -> Path:
    spec = importlib.util.find_spec("pyvis")  # locate without importing (pyvis imports IPython)
    if spec is None or spec.origin is None:
        raise RuntimeError("pyvis is not installed; it ships the vis-network files graph.html inlines")
    return Path(spec.origin).parent / "templates" / "lib"
