"""How long a 5,000-node / 20,000-edge graph.html takes to become interactive in headless Chromium.

    .venv/bin/python benchmarks/html_load.py [--nodes 5000] [--edges 20000] [--keep out.html]

Needs the playwright package (no browser download: it drives Debian's /usr/bin/chromium).
"Interactive" = the page has parsed its data, built the network and drawn the first frame
(window.govgraphReady); it then also times one search + selection round trip.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from govgraph.export.html import write_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
TYPES = ["Agency", "Organization", "Program", "Policy", "Place", "Person"]
SUFFIX = {"Agency": "局", "Organization": "协会", "Program": "工程", "Policy": "办法", "Place": "县", "Person": ""}
RELATIONS = ["located_in", "part_of", "holds_position", "runs", "issues", "implemented_in", "partners_with"]


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    keys = []
    for i in range(n_nodes):
        t = TYPES[i % len(TYPES)]
        name = f"测试{t[:3]}{i}{SUFFIX[t]}"
        mentions = [
            {"doc": f"doc{rng.randrange(800)}.txt", "start": j * 40, "end": j * 40 + len(name), "text": name,
             "sentence": f"据报道，{name}近日召开会议，部署第{j + 1}季度重点工作。"}
            for j in range(rng.randint(1, 4))
        ]
        key = f"{t.lower()}/{name}"
        G.add_node(key, type=t, name=name, aliases=[name], mentions=mentions, code=None, parent=None,
                   docs=sorted({m["doc"] for m in mentions}), count=len(mentions))
        keys.append(key)
    # preferential attachment: a few hubs, many small-degree nodes, like real co-occurrence graphs
    base = nx.barabasi_albert_graph(n_nodes, max(1, n_edges // n_nodes), seed=seed)
    pairs = sorted(base.edges())
    while len(pairs) < n_edges:
        pairs.append((rng.randrange(n_nodes), rng.randrange(n_nodes)))
    for u, v in pairs[:n_edges]:
        typ = "co_occurs_with" if rng.random() < 0.8 else rng.choice(RELATIONS)
        ev = [{"doc": "doc1.txt", "start": 0, "end": 20, "text": f"{G.nodes[keys[u]]['name']}与{G.nodes[keys[v]]['name']}联合开展工作。"}]
        attrs = {"type": typ, "weight": rng.choice([1, 1, 1, 2, 3, 5]), "evidence": ev, "role": None}
        if typ == "co_occurs_with":
            attrs["pmi"] = round(rng.random(), 3)
        G.add_edge(keys[u], keys[v], key=typ, **attrs)
    return G


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3, help="page loads; the median is reported")
    ap.add_argument("--keep", help="also keep the page at this path")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    G = synthetic_graph(args.nodes, args.edges)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(args.keep or Path(tmp) / "graph.html").resolve()
        t0 = time.perf_counter()
        write_html(G, page_path)
        t_write = time.perf_counter() - t0
        size_mb = page_path.stat().st_size / 1e6

        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"), executable_path=CHROMIUM, headless=True,
                viewport={"width": 1400, "height": 900},
                args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            ready, search = [], []
            for _ in range(args.runs):
                page = ctx.new_page()
                t0 = time.perf_counter()
                page.goto(page_path.as_uri())
                page.wait_for_function("window.govgraphReady === true", timeout=60_000, polling=10)
                ready.append(time.perf_counter() - t0)
                target = G.nodes[sorted(G)[len(G) // 2]]["name"]
                t0 = time.perf_counter()
                page.fill("#search", target)
                page.press("#search", "Enter")
                page.wait_for_function("document.querySelector('#panel h2') !== null")
                page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                search.append(time.perf_counter() - t0)
                page.close()
            ctx.close()

    print(f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges; page {size_mb:.1f} MB")
    print(f"layout + write_html: {t_write:.2f} s")
    print(f"seconds to interactive: {statistics.median(ready):.2f} s median of {len(ready)} "
          f"(min {min(ready):.2f}; navigation to first drawn frame)")
    print(f"search + select + redraw: {statistics.median(search):.2f} s median")

if __name__ == "__main__":
    main()
