"""SPARQL over an exported graph with pyoxigraph (rdflib stays the building API;
pyoxigraph is far faster on joins)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

from govgraph.export.rdf import PREFIXES, ontology_file

FORMATS = ("table", "csv", "tsv", "json")
# Preferred order when given an output folder: N-Triples loads fastest.
GRAPH_FILES = ("graph.nt", "graph.ttl", "graph.jsonld")


def graph_file(path) -> Path:
    """The RDF file to load: path itself, or the first graph.* file in the folder path."""
    path = Path(path)
    if path.is_dir():
        for name in GRAPH_FILES:
            if (path / name).is_file():
                return path / name
        raise FileNotFoundError(f"no {', '.join(GRAPH_FILES)} in {path}")
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


def load_store(path, ontology: bool = True) -> ox.Store:
    """An in-memory store holding the graph at path and, by default, the ontology."""
    store = ox.Store()
    files = [graph_file(path)]
    onto = ontology_file() if ontology else None
    if onto is not None:
        files.append(onto)
    for f in files:
        fmt = ox.RdfFormat.from_extension(f.suffix.lstrip("."))
        if fmt is None:
            raise ValueError(f"unknown RDF format: {f}")
        store.bulk_load(path=str(f), format=fmt)
    return store


def run_query(path_or_store, sparql: str):
    """Run a SPARQL query; return (vars, rows).

    SELECT: vars are the variable names, rows lists of pyoxigraph terms (None when unbound).
    ASK: (["boolean"], [[True|False]]). CONSTRUCT/DESCRIBE: subject/predicate/object rows.
    The govgraph prefixes (gg:, gid:, skos:, ...) are predeclared.
    """
    store = path_or_store if isinstance(path_or_store, ox.Store) else load_store(path_or_store)
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    result = store.query(sparql, prefixes=prefixes)
    if isinstance(result, ox.QueryBoolean):
        return ["boolean"], [[bool(result)]]
    if isinstance(result, ox.QueryTriples):
        return ["subject", "predicate", "object"], [[t.subject, t.predicate, t.object] for t in result]
    names = [v.value for v in result.variables]
    return names, [[solution[i] for i in range(len(names))] for solution in result]


# ---------------------------------------------------------------------------
# Output formats


def _plain(term) -> str:
    """SPARQL 1.1 CSV form: IRI or lexical value, no quoting or datatype."""
    if term is None:
        return ""
    if isinstance(term, bool):
        return "true" if term else "false"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _nt(term) -> str:
    """SPARQL 1.1 TSV form: the N-Triples encoding of the term."""
    if term is None:
        return ""
    if isinstance(term, bool):
        return f'"{str(term).lower()}"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    return str(term)


def _short(term) -> str:
    """Readable form for tables: prefixed names, percent-decoded IRIs."""
    if not isinstance(term, ox.NamedNode):
        return _plain(term)
    iri = term.value
    for prefix, ns in sorted(PREFIXES.items(), key=lambda x: -len(str(x[1]))):
        if iri.startswith(str(ns)):
            return f"{prefix}:{unquote(iri[len(str(ns)):])}"
    return iri


def _json_term(term):
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}
    raise TypeError(term)


def _table(vars, rows) -> str:
    cells = [[_short(t) for t in row] for row in rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(vars)]

    def line(values):
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    sep = "-+-".join("-" * w for w in widths)
    return "\n".join([line(vars), sep, *(line(r) for r in cells)]) + f"\n({len(rows)} rows)\n"


def _width(text: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_results(vars, rows, fmt: str = "table") -> str:
    """Render (vars, rows) from run_query as table, csv, tsv or json (SPARQL 1.1 results)."""
    if fmt == "json":
        if vars == ["boolean"] and len(rows) == 1 and isinstance(rows[0][0], bool):
            doc = {"head": {}, "boolean": rows[0][0]}
        else:
            bindings = [{v: _json_term(t) for v, t in zip(vars, row) if t is not None} for row in rows]
            doc = {"head": {"vars": list(vars)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")  # the SPARQL CSV spec uses CRLF
        writer.writerow(vars)
        writer.writerows([_plain(t) for t in row] for row in rows)
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in vars)]
        lines += ["\t".join(_nt(t) for t in row) for row in rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return _table(vars, rows)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
