"""SPARQL latency of the docs/sparql.md queries on a >= 1 M triple graph.

    .venv/bin/python benchmarks/sparql_latency.py                 # synthetic graph, ~1.1 M triples
    .venv/bin/python benchmarks/sparql_latency.py --nt out/graph.nt --place 黔东南苗族侗族自治州

The synthetic graph repeats one county's worth of agencies, programmes, people,
relations and evidence (docs/graph-model.md) until it has --triples triples.
Prints load time and min/median latency per query for pyoxigraph, and rdflib's
time on query 1 (a four-pattern join) for comparison.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))  # run from a checkout without installing

from govgraph.export.rdf import PREFIXES, to_ntriples, to_rdf  # noqa: E402
from govgraph.query import load_store  # noqa: E402

PLACEHOLDER = "黔东南苗族侗族自治州"
NAMES = ["programmes per agency", "people and posts", "places under a prefecture",
         "evidence of one relation", "cross-county partners"]


def doc_queries() -> list[str]:
    text = (REPO / "docs" / "sparql.md").read_text(encoding="utf-8")
    return re.findall(r"```sparql\n(.*?)```", text, flags=re.S)


def _span(doc, start, text, sentence=None):
    item = {"doc": doc, "start": start, "end": start + len(text), "text": text}
    if sentence is not None:
        item["sentence"] = sentence
    return item


def add_county(G: nx.MultiDiGraph, prov: int, pref: int, county: int) -> None:
    """One county: 4 agencies, 2 organisations, 3 programmes, 1 policy, 3 people, ~20 relations."""
    p_code, f_code = f"{11 + prov:02d}0000", f"{11 + prov:02d}{pref + 1:02d}00"
    c_code = f"{11 + prov:02d}{pref + 1:02d}{county + 1:02d}"
    c_name = f"测试{prov}省{pref}市{county}县"
    doc = f"synthetic/{c_code}.txt"
    sentences = [_span(doc, 100 * i, f"{c_name}第{i}句。") for i in range(8)]

    def node(nid, kind, name, **extra):
        mentions = [_span(doc, 100 * i + 1, name, sentences[i]["text"]) for i in (0, 3)]
        G.add_node(nid, type=kind, name=name, aliases=[name, name[-4:]], mentions=mentions,
                   docs=[doc], count=2, code=extra.get("code"), parent=extra.get("parent"))

    def edge(s, t, kind, n=2, **extra):
        G.add_edge(s, t, key=kind, type=kind, weight=n, evidence=sentences[:n], role=extra.get("role"),
                   **({"pmi": extra["pmi"]} if "pmi" in extra else {}))

    if f"place/{p_code}" not in G:
        node(f"place/{p_code}", "Place", f"测试{prov}省", code=p_code)
    if f"place/{f_code}" not in G:
        node(f"place/{f_code}", "Place", f"测试{prov}省{pref}市", code=f_code, parent=f"place/{p_code}")
    node(f"place/{c_code}", "Place", c_name, code=c_code, parent=f"place/{f_code}")
    agencies = [f"agency/{c_name}{unit}" for unit in ("民政局", "人社局", "医保局", "信访局")]
    for a in agencies:
        node(a, "Agency", a.split("/", 1)[1])
        edge(a, f"place/{c_code}", "located_in")
    orgs = [f"organization/{c_name}{unit}" for unit in ("慈善会", "人民医院")]
    for o in orgs:
        node(o, "Organization", o.split("/", 1)[1])
    programmes = [f"program/{c_name}{unit}" for unit in ("幸福食堂", "便民热线", "红色管家")]
    for i, pg in enumerate(programmes):
        node(pg, "Program", pg.split("/", 1)[1])
        edge(agencies[i], pg, "runs", n=1 + i % 3)
        edge(pg, f"place/{c_code}", "implemented_in")
    node(f"policy/{c_name}行动方案", "Policy", f"{c_name}行动方案")
    edge(agencies[0], f"policy/{c_name}行动方案", "issues")
    for i, post in enumerate(("局长", "副局长", "院长")):
        person = f"person/{c_name}人物{i}"
        node(person, "Person", f"{c_name}人物{i}")
        body = orgs[1] if post == "院长" else agencies[i]
        edge(person, body, "holds_position", role=post)
        edge(person, agencies[0], "co_occurs_with", n=1, pmi=0.3)
    edge(agencies[3], agencies[0], "part_of")
    edge(agencies[0], orgs[0], "partners_with")
    if county > 0:  # partner with the previous county's agency: a cross-county pair
        prev = f"测试{prov}省{pref}市{county - 1}县民政局"
        edge(agencies[0], f"agency/{prev}", "partners_with")


def synthetic_graph(min_triples: int) -> tuple[nx.MultiDiGraph, str]:
    """Enough counties for min_triples; returns the graph and a prefecture name for query 3."""
    one, two = nx.MultiDiGraph(), nx.MultiDiGraph()
    add_county(one, 0, 0, 0)
    add_county(two, 0, 0, 0)
    add_county(two, 0, 0, 1)
    base, per_county = len(to_rdf(one)), len(to_rdf(two)) - len(to_rdf(one))
    counties = 1 + max(0, -(-(min_triples - base) // per_county))
    G = nx.MultiDiGraph()
    slots = ((prov, pref, county) for prov in range(60) for pref in range(20) for county in range(30))
    for _, slot in zip(range(counties), slots):
        add_county(G, *slot)
    return G, "测试0省0市"


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nt", type=Path, help="an exported graph.nt (default: build a synthetic graph)")
    ap.add_argument("--triples", type=int, default=1_000_000, help="synthetic graph size (default 1 M)")
    ap.add_argument("--place", help=f"prefecture for query 3 (default: the synthetic one, or {PLACEHOLDER})")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        nt, place = args.nt, args.place or PLACEHOLDER
        if nt is None:
            t = time.perf_counter()
            G, synthetic_place = synthetic_graph(args.triples)
            place = args.place or synthetic_place
            nt = Path(tmp) / "graph.nt"
            text = to_ntriples(G)
            nt.write_text(text, encoding="utf-8")
            print(f"built synthetic graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, "
                  f"{text.count(chr(10))} triples in {time.perf_counter() - t:.1f} s")
            del text

        t = time.perf_counter()
        store = load_store(nt)
        print(f"pyoxigraph load: {len(store)} triples (with ontology) in {time.perf_counter() - t:.1f} s")

        queries = [q.replace(PLACEHOLDER, place) for q in doc_queries()]
        print(f"\n{'query':<28} {'rows':>7} {'min ms':>9} {'median ms':>10}")
        for name, q in zip(NAMES, queries):
            rows = len(list(store.query(q)))
            times = timed(lambda q=q: list(store.query(q)), args.repeat)
            print(f"{name:<28} {rows:>7} {min(times) * 1e3:>9.1f} {statistics.median(times) * 1e3:>10.1f}")

        if not args.no_rdflib:
            from rdflib import Graph

            t = time.perf_counter()
            g = Graph()
            g.parse(nt, format="nt")
            print(f"\nrdflib parse: {len(g)} triples in {time.perf_counter() - t:.1f} s")
            initns = {p: ns for p, ns in PREFIXES.items()}
            t = time.perf_counter()
            rows = len(list(g.query(queries[0], initNs=initns)))
            rdflib_s = time.perf_counter() - t
            oxi_s = min(timed(lambda: list(store.query(queries[0])), args.repeat))
            print(f"rdflib {NAMES[0]}: {rows} rows in {rdflib_s * 1e3:.0f} ms "
                  f"(pyoxigraph {oxi_s * 1e3:.0f} ms, {rdflib_s / oxi_s:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
