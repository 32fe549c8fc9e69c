"""govgraph command line: build, evaluate (and the exporters' commands)."""

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="govgraph", description="Chinese government news -> knowledge graph")
    sub = p.add_subparsers(dest="cmd", required=True)

    b = sub.add_parser("build", help="build the graph of INPUT files/folders/globs into DIR")
    b.add_argument("inputs", nargs="+", metavar="INPUT")
    b.add_argument("-o", "--output", default="output", metavar="DIR")
    b.add_argument("--model", default=None, help="an installed spaCy pipeline (name or path) instead of the embedded LAC default")
    b.add_argument("--gazetteer", action="append", default=[], metavar="FILE",
                   help="your own entities: CSV or JSONL with name,type[,aliases,parent] (repeatable; see README)")
    b.add_argument("--text-field", default="text")
    b.add_argument("--id-field", default="id")
    b.add_argument("--title-field", default="title")
    b.add_argument("--date-field", default="date")
    b.add_argument("--min-weight", type=int, default=1, help="hide co-occurrence edges lighter than this in graph.html")
    b.add_argument("--strict", action="store_true", help="stop at the first unreadable input")
    b.add_argument("--no-progress", action="store_true")
    b.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                   help="processes for the per-document stage (default: all cores)")
    b.add_argument("--executor", choices=("processes", "dask"), default="processes",
                   help="run the per-document stage in local processes (default) or on a Dask cluster")
    b.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, with --executor dask")
    b.add_argument("--no-cache", action="store_true", help="extract every document again and leave DIR/.cache alone")

    e = sub.add_parser("evaluate", help="grade a graph.json against gold annotations")
    e.add_argument("graph")
    e.add_argument("--gold", required=True, metavar="GOLD_DIR")
    e.add_argument("--json", action="store_true")

    x = sub.add_parser("export", help="rewrite exports of a build folder from its graph.json")
    x.add_argument("dir", metavar="DIR")
    x.add_argument("--format", choices=("all",) + FORMATS, default="all")
    x.add_argument("--min-weight", type=int, default=1)

    h = sub.add_parser("html", help="redraw DIR/graph.html with options")
    h.add_argument("dir", metavar="DIR")
    h.add_argument("--min-weight", type=int, default=1)

    q = sub.add_parser("query", help="run SPARQL over a build folder or RDF file")
    q.add_argument("target", metavar="DIR_OR_FILE")
    q.add_argument("sparql", nargs="?")
    q.add_argument("-f", "--file", help="read the query from this file")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")

    sv = sub.add_parser("serve", help="read-only SPARQL 1.1 endpoint over a build folder")
    sv.add_argument("dir", metavar="DIR")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=7878)
    sv.add_argument("--timeout", type=float, default=30, help="query time limit in seconds")

    args = p.parse_args(argv)
    try:
        if args.cmd == "build":
            return build(args)
        if args.cmd == "export":
            return export(args)
        if args.cmd == "html":
            args.format = "html"
            return export(args)
        if args.cmd == "query":
            from .query import format_results, run_query
            if not (args.sparql or args.file):
                raise ValueError("give a SPARQL query or -f FILE")
            sparql = Path(args.file).read_text(encoding="utf-8") if args.file else args.sparql
            print(format_results(*run_query(args.target, sparql), args.format))
            return 0
        if args.cmd == "serve":
            from .serve import serve
            return serve(args.dir, host=args.host, port=args.port, timeout=args.timeout)
        if args.cmd == "evaluate":
            from .evaluate import evaluate, format_report
            r = evaluate(args.graph, args.gold)
            print(json.dumps(r, ensure_ascii=False, indent=2) if args.json else format_report(r))
            return 0
    except (OSError, ValueError) as exc:  # missing input, unwritable output, bad input with --strict
        print(f"govgraph: error: {exc}", file=sys.stderr)
        return 2
    return 1


def build(args) -> int:
    from tqdm import tqdm

    from .cache import ResultCache, pipeline_version
    from .executors import make_executor, run_documents
    from .export.json import write_json
    from .graph import GraphBuilder
    from .ingest import Fields, count_documents, iter_documents
    from .nlp import PipelineSpec

    t0, cpu0 = time.time(), _cpu_seconds()
    out = Path(args.output)
    from .export.atomic import prepare_output_dir
    prepare_output_dir(out)  # a clear error before any work when it is a file or not writable
    fields = Fields(args.text_field, args.id_field, args.title_field, args.date_field)
    skipped = []

    def on_error(msg):
        skipped.append(msg)
        tqdm.write(f"govgraph: skipped {msg}", file=sys.stderr)

    if args.scheduler and args.executor != "dask":
        raise ValueError("--scheduler is for --executor dask")
    spec = PipelineSpec.make(args.model, args.gazetteer)  # a bad gazetteer stops here, before any work
    n_docs, n_chars = count_documents(args.inputs, fields)  # for the progress bar's total and ETA
    cache = None if args.no_cache else ResultCache(out / ".cache", pipeline_version(spec))
    executor = make_executor(args.executor, spec, args.jobs, args.scheduler)
    docs = iter_documents(args.inputs, fields, on_error=on_error, strict=args.strict)
    builder = GraphBuilder()  # merges results as they come: the build keeps none of them
    bar = tqdm(total=n_docs, unit="doc", disable=args.no_progress, file=sys.stderr, desc="extracting",
               bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}{postfix}]")
    hits = 0
    try:
        for r, cached in run_documents(docs, executor, cache, total_chars=n_chars):
            builder.add(r)
            hits += cached
            bar.update(1)
            if cache is not None and (bar.n % 16 == 0 or bar.n == n_docs):
                bar.set_postfix_str(f"cached {hits}", refresh=False)
    except BaseException:
        if cache is not None:
            cache.flush()  # what was extracted before the error or Ctrl-C is kept
        raise
    finally:
        bar.close()
        executor.close(wait=False)  # the workers exit while graph.json is written
    if cache is not None:
        cache.close()
    run = {"jobs": executor.workers, "executor": executor.name,
           "cache": None if cache is None else (hits, builder.n_docs - hits), "extract_s": time.time() - t0}
    cpu_self = _cpu_seconds()[0]
    G = builder.graph()
    written = [out / "graph.json"]
    write_json(G, out / "graph.json")
    run["graph_s"] = time.time() - t0 - run["extract_s"]
    executor.join()  # before the exports fork, and so that the workers' CPU time counts
    run["extract_cpu"] = cpu_self + _cpu_seconds()[1] - cpu0[1]
    written += _exports(G, out, args, processes=min(2, executor.workers) if executor.name == "processes" else 1)
    summary(G, builder, skipped, time.time() - t0, written, run)
    return 0


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its finished children (the pool's workers)."""
    try:
        import resource
    except ImportError:  # not Unix
        return time.process_time(), 0.0
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime


def _positive_int(text):
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


FORMATS = ("rdf", "html", "gexf", "graphml", "neo4j")


def _exports(G, out, args, formats=FORMATS, processes: int = 1):
    """The other formats; each exporter writes its files atomically. With processes > 1
    they are written in two processes (see govgraph.export.run)."""
    from .export import gexf, graphml, html, neo4j, rdf
    from .export.run import run_exports

    def drawings():
        # One layout of all edges for graph.html and graph.gexf, whatever --min-weight hides;
        # write_gexf(G) alone computes the same one.
        layout = html.compute_layout(G)
        paths = []
        if "html" in formats:
            html.write_html(G, out / "graph.html", min_weight=args.min_weight, layout=layout)
            paths.append(out / "graph.html")
        if "gexf" in formats:
            gexf.write_gexf(G, out / "graph.gexf", positions=gexf.gephi_positions(layout))
            paths.append(out / "graph.gexf")
        return paths

    # (relative cost, task): costs as measured on the corpus of benchmarks/throughput.py
    tasks = []
    if "rdf" in formats:
        tasks.append((4.0, lambda: rdf.write_rdf(G, out)))
    if "html" in formats or "gexf" in formats:
        tasks.append((3.5, drawings))
    def write_graphml():
        graphml.write_graphml(G, out / "graph.graphml")
        return [out / "graph.graphml"]

    if "graphml" in formats:
        tasks.append((1.5, write_graphml))
    if "neo4j" in formats:
        tasks.append((0.5, lambda: [neo4j.write_neo4j(G, out)]))
    return run_exports(tasks, processes)


def export(args) -> int:
    """Rewrite exports of an existing build from its graph.json."""
    from .export.json import read_json
    out = Path(args.dir)
    G = read_json(out / "graph.json")
    formats = FORMATS if args.format == "all" else (args.format,)
    from .executors import default_jobs
    for p in _exports(G, out, args, formats, processes=min(2, default_jobs())):
        print(f"wrote {p}", file=sys.stderr)
    return 0


def summary(G, stats, skipped, seconds, written, run=None):
    """stats: the GraphBuilder (documents and sentences it merged); run: jobs, executor, cache (hits, misses)."""
    types = Counter(d["type"] for _, d in G.nodes(data=True))
    edges = Counter(d["type"] for _, _, d in G.edges(data=True))
    lines = [f"documents {stats.n_docs}, sentences {stats.n_sents}, skipped inputs {len(skipped)}",
             "entities " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())) + f" (total {G.number_of_nodes()})",
             "edges " + ", ".join(f"{t} {n}" for t, n in sorted(edges.items())) + f" (total {G.number_of_edges()})",
             f"time {seconds:.1f} s" + ("" if run is None else
                                        f" (extraction {run['extract_s']:.1f} s using {run['extract_cpu']:.1f} s CPU,"
                                        f" graph.json {run['graph_s']:.1f} s,"
                                        f" other exports {seconds - run['extract_s'] - run['graph_s']:.1f} s)"),
             *([] if run is None else [
                 f"jobs {run['jobs']} ({run['executor']}), cache "
                 + ("off" if run["cache"] is None else "hits {}, misses {}".format(*run["cache"]))]),
             "wrote " + ", ".join(str(p) for p in written)]
    print("\n".join(lines), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
