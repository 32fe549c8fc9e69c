"""RDF export of the govgraph MultiDiGraph (see docs/graph-model.md, ontology/govgraph.ttl).

`write_rdf` writes graph.ttl, graph.nt, graph.jsonld and context.jsonld.
graph.jsonld embeds its @context, so it parses offline; context.jsonld is the
same context as a separate file for clients that prefer to reference it.
Every file is sorted, so the same graph gives the same bytes.

Besides G's nodes, the export adds the gazetteer ancestors of mentioned places
(name, code, parent) so that the division hierarchy is complete.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from govgraph.export.atomic import atomic_open

GG = Namespace("https://w3id.org/govgraph/ontology#")
GID = Namespace("https://w3id.org/govgraph/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")

PREFIXES = {
    "gg": GG, "gid": GID, "org": ORG, "sdo": SDO, "skos": SKOS, "prov": PROV,
    "nif": NIF, "itsrdf": ITSRDF, "dcterms": DCTERMS, "foaf": FOAF,
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
}

# Longest namespace first, so gid: wins over a shorter prefix of it.
_BY_LENGTH = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda x: -len(x[1]))

ENTITY_TYPES = ("Agency", "Organization", "Program", "Policy", "Place", "Person")

RELATIONS = {
    "located_in": GG.locatedIn,
    "part_of": GG.partOf,
    "holds_position": GG.holdsPosition,
    "runs": GG.runs,
    "issues": GG.issues,
    "implemented_in": GG.implementedIn,
    "partners_with": GG.partnersWith,
    "co_occurs_with": GG.coOccursWith,
}

# Repository layout: src/govgraph/export/rdf.py -> <repo>/ontology/
_REPO_ONTOLOGY = Path(__file__).resolve().parents[3] / "ontology"


def ontology_file(name: str = "govgraph.ttl") -> Path | None:
    """The ontology (or shapes.ttl) file; GOVGRAPH_ONTOLOGY_DIR overrides the repo copy."""
    folder = Path(os.environ.get("GOVGRAPH_ONTOLOGY_DIR", _REPO_ONTOLOGY))
    path = folder / name
    return path if path.is_file() else None


@lru_cache(maxsize=None)  # one object per IRI and label: a large graph repeats them thousands of times
def node_iri(node_id: str) -> URIRef:
    # Keep "/" so ids read as type/name; "%" is encoded, so the mapping is injective.
    return GID[quote(node_id, safe="/")]


@lru_cache(maxsize=None)
def doc_iri(doc: str) -> URIRef:
    return GID["doc/" + quote(doc, safe="/")]


def span_iri(doc: str, start: int, end: int) -> URIRef:
    # RFC 5147 fragment, as NIF recommends for offset-based spans.
    return URIRef(f"{doc_iri(doc)}#char={int(start)},{int(end)}")


def assertion_iri(source: str, rel: str, target: str) -> URIRef:
    digest = hashlib.sha256(f"{source}\x1f{rel}\x1f{target}".encode()).hexdigest()[:24]
    return GID["assertion/" + digest]


@lru_cache(maxsize=None)
def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _nonneg(n: int) -> Literal:
    return Literal(int(n), datatype=XSD.nonNegativeInteger)


class _Triples(dict):
    """Ordered de-duplicating triple buffer; one rdflib addN at the end is much faster than Graph.add."""

    def add(self, triple) -> None:
        self[triple] = None


def _add_document(g: _Triples, doc: str) -> URIRef:
    d = doc_iri(doc)
    g.add((d, RDF.type, GG.Document))
    g.add((d, DCTERMS.identifier, Literal(doc)))
    return d


def _add_span(g: _Triples, cls: URIRef, item: dict) -> URIRef:
    s = span_iri(item["doc"], item["start"], item["end"])
    g.add((s, RDF.type, cls))
    g.add((s, NIF.beginIndex, _nonneg(item["start"])))
    g.add((s, NIF.endIndex, _nonneg(item["end"])))
    g.add((s, NIF.anchorOf, Literal(item["text"])))
    g.add((s, NIF.referenceContext, _add_document(g, item["doc"])))
    return s


def _add_entity(g: _Triples, G, node_id: str, attrs: dict) -> None:
    kind = attrs.get("type")
    if kind not in ENTITY_TYPES:
        raise ValueError(f"node {node_id!r}: unknown type {kind!r}")
    e = node_iri(node_id)
    name = attrs.get("name") or node_id.split("/", 1)[-1]
    g.add((e, RDF.type, GG[kind]))
    g.add((e, SKOS.prefLabel, _zh(name)))
    for alias in attrs.get("aliases") or ():
        if alias != name:  # SKOS: prefLabel and altLabel are disjoint
            g.add((e, SKOS.altLabel, _zh(alias)))
    if attrs.get("count") is not None:
        g.add((e, GG.mentionCount, Literal(int(attrs["count"]))))
    for doc in attrs.get("docs") or ():
        g.add((e, GG.mentionedIn, _add_document(g, doc)))
    for m in attrs.get("mentions") or ():
        s = _add_span(g, GG.Mention, m)
        g.add((s, ITSRDF.taIdentRef, e))
        g.add((e, GG.mentionedIn, doc_iri(m["doc"])))
        if m.get("sentence"):
            g.add((s, GG.sentenceText, _zh(m["sentence"])))
    if kind == "Place":
        _add_division(g, G, node_id, attrs.get("code"), attrs.get("parent"))


def _add_division(g: _Triples, G, node_id: str, code, parent) -> None:
    e = node_iri(node_id)
    # A township's `code` is its county's; only a node that is the division itself carries it.
    if code and node_id == f"place/{code}":
        g.add((e, GG.divisionCode, Literal(str(code))))
    if not parent:
        return
    g.add((e, GG.parentDivision, node_iri(parent)))
    g.add((e, GG.locatedIn, node_iri(parent)))  # the entailed triple, for plain queries
    if parent in G or (node_iri(parent), RDF.type, GG.Place) in g:
        return
    # Ancestors nobody mentioned come from the gazetteer, so "places under X" queries see the
    # whole chain; an unknown parent id is dropped rather than left as an untyped IRI.
    div = _division(parent)
    p = node_iri(parent)
    if div is None:
        del g[(e, GG.parentDivision, p)]
        del g[(e, GG.locatedIn, p)]
        return
    g.add((p, RDF.type, GG.Place))
    g.add((p, SKOS.prefLabel, _zh(div.name)))
    _add_division(g, G, parent, div.code, div.parent and f"place/{div.parent}")


def _division(node_id: str):
    if not node_id.startswith("place/"):
        return None
    from govgraph.gazetteers.divisions import load_divisions  # only needed for missing ancestors

    return load_divisions().by_id.get(node_id[len("place/"):])


def _add_relation(g: _Triples, source: str, target: str, attrs: dict, key) -> None:
    rel = attrs.get("type") or key
    prop = RELATIONS.get(rel)
    if prop is None:
        raise ValueError(f"edge {source!r} -> {target!r}: unknown type {rel!r}")
    s, o = node_iri(source), node_iri(target)
    g.add((s, prop, o))
    a = assertion_iri(source, rel, target)
    g.add((a, RDF.type, GG.Assertion))
    g.add((a, RDF.subject, s))
    g.add((a, RDF.predicate, prop))
    g.add((a, RDF.object, o))
    evidence = attrs.get("evidence") or ()
    weight = attrs.get("weight")
    g.add((a, GG.weight, Literal(int(weight if weight is not None else len(evidence)))))
    for ev in evidence:
        g.add((a, GG.evidence, _add_span(g, NIF.Sentence, ev)))
    pmi = attrs.get("pmi")
    if pmi is not None and math.isfinite(pmi):
        g.add((a, GG.pmi, Literal(float(pmi), datatype=XSD.double)))
    if rel == "holds_position":
        g.add((a, RDF.type, ORG.Membership))
        g.add((a, ORG.member, s))
        g.add((a, ORG.organization, o))
        role = attrs.get("role")
        if role:
            g.add((a, GG.role, _zh(role)))
            r = GID["role/" + quote(role, safe="")]
            g.add((a, ORG.role, r))
            g.add((r, RDF.type, ORG.Role))
            g.add((r, SKOS.prefLabel, _zh(role)))


def new_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def triples(G) -> _Triples:
    """The networkx MultiDiGraph G as RDF triples (rdflib terms, de-duplicated, in order)."""
    out = _Triples()
    try:
        for node_id, attrs in G.nodes(data=True):
            _add_entity(out, G, str(node_id), attrs)
        for source, target, key, attrs in G.edges(keys=True, data=True):
            _add_relation(out, str(source), str(target), attrs, key)
    finally:
        for f in (node_iri, doc_iri, _zh):
            f.cache_clear()
    return out


def to_rdf(G) -> Graph:
    """The networkx MultiDiGraph G as an rdflib Graph using the govgraph ontology."""
    g = new_graph()
    g.addN((s, p, o, g) for s, p, o in triples(G))
    return g


# ---------------------------------------------------------------------------
# Deterministic serialisations


def jsonld_context() -> dict:
    return {"@context": {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}}


def _compact(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns):
            rest = iri[len(ns):]
            # A compact IRI whose suffix starts with "//" would be read as an absolute IRI.
            return iri if rest.startswith("//") else f"{prefix}:{rest}"
    return iri


def _jsonld_value(term) -> dict:
    if isinstance(term, Literal):
        value = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            value["@type"] = _compact(str(term.datatype))
        return value
    return {"@id": _compact(str(term))}


def _value_key(value) -> tuple:
    return (value,) if isinstance(value, str) else tuple(sorted(value.items()))


def to_jsonld(g) -> str:
    """JSON-LD with the prefix context embedded; nodes, keys and values sorted."""
    nodes: dict[str, dict[str, list]] = {}
    for s, p, o in g:
        node = nodes.setdefault(str(s), {})
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(_compact(str(o)))
        else:
            node.setdefault(_compact(str(p)), []).append(_jsonld_value(o))
    graph = []
    for s in sorted(nodes):
        item = {"@id": _compact(s)}
        for key, values in nodes[s].items():
            item[key] = sorted(values, key=_value_key)
        graph.append(item)
    # One node per line: readable, diff-friendly, and the C encoder (no indent) is fast.
    context = json.dumps(jsonld_context()["@context"], ensure_ascii=False, indent=1, sort_keys=True)
    nodes_text = ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in graph)
    return f'{{"@context": {context},\n"@graph": [\n{nodes_text}\n]}}\n'


def to_ntriples(g) -> str:
    """Sorted N-Triples of an rdflib Graph or an iterable of triples, written line by line
    with rdflib's own N-Triples row writer (no store to fill)."""
    return "".join(sorted(_nt_row(t) for t in g))


_PLAIN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _ttl_iri(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and _PLAIN_LOCAL.match(iri, len(ns)):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _ttl_term(term) -> str:
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is None or term.datatype == XSD.string:
            return text
        if term.datatype == XSD.integer and _INTEGER.match(str(term)):
            return str(term)
        return f"{text}^^{_ttl_iri(str(term.datatype))}"
    if isinstance(term, BNode):
        return f"_:{term}"
    return _ttl_iri(str(term))


def to_turtle(g) -> str:
    """Turtle grouped by subject; subjects, predicates and objects sorted (rdflib's writer is
    ~20x slower and orders by insertion)."""
    subjects: dict[str, dict[str, list[str]]] = {}
    for s, p, o in g:
        pred = "a" if p == RDF.type else _ttl_iri(str(p))
        subjects.setdefault(_ttl_term(s), {}).setdefault(pred, []).append(_ttl_term(o))
    out = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())]
    for subject in sorted(subjects):
        preds = subjects[subject]
        order = sorted(preds, key=lambda p: (p != "a", p))
        body = " ;\n    ".join(f"{p} {' , '.join(sorted(preds[p]))}" for p in order)
        out.append(f"\n{subject} {body} .")
    return "\n".join(out) + "\n"


def _write(path: Path, text: str) -> Path:
    with atomic_open(path) as f:
        f.write(text)
    return path


def write_rdf(G, outdir) -> list[Path]:
    """Write graph.ttl, graph.jsonld, context.jsonld and graph.nt into outdir; return their paths."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    # the serialisers read the triples directly: an rdflib store of a large graph costs
    # several times the memory and most of the export time
    g = triples(G)
    context = json.dumps(jsonld_context(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return [
        _write(out / "graph.ttl", to_turtle(g)),
        _write(out / "graph.jsonld", to_jsonld(g)),
        _write(out / "context.jsonld", context),
        _write(out / "graph.nt", to_ntriples(g)),
    ]
