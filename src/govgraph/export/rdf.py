"""RDF export of the govgraph MultiDiGraph (see docs/graph-model.md, ontology/govgraph.ttl).

`write_rdf` writes graph.ttl, graph.nt, graph.jsonld and context.jsonld.
graph.jsonld embeds its @context, so it parses offline; context.jsonld is the
same context as a separate file for clients that prefer to reference it.

The triples are made once, subject by subject, as plain strings, and the three
files are written from them in one streaming pass: a large graph never sits in
memory as RDF terms or as a whole file. Nodes, edges, mentions and evidence are
taken in id and offset order, so the same graph gives the same bytes whatever
order it was built in.

Besides G's nodes, the export adds the gazetteer ancestors of mentioned places
(name, code, parent) so that the division hierarchy is complete.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from contextlib import ExitStack
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Namespace, URIRef
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


def node_iri(node_id: str) -> URIRef:
    return URIRef(_node(node_id))


def doc_iri(doc: str) -> URIRef:
    return URIRef(_doc(doc))


def span_iri(doc: str, start: int, end: int) -> URIRef:
    return URIRef(_span(doc, start, end))


def assertion_iri(source: str, rel: str, target: str) -> URIRef:
    return URIRef(_assertion(source, rel, target))


# IRIs are plain str below; a literal is a tuple (lexical form, language, datatype IRI).
_GID = str(GID)


class _Terms:
    """A namespace's terms as plain strings, each made once (rdflib makes a URIRef per access)."""

    def __init__(self, ns):
        self._ns = str(ns)

    def __getattr__(self, name: str) -> str:
        iri = self._ns + name
        setattr(self, name, iri)
        return iri

    __getitem__ = __getattr__


_gg, _nif, _org, _rdf, _skos, _xsd, _dcterms, _itsrdf = map(_Terms, (GG, NIF, ORG, RDF, SKOS, XSD, DCTERMS, ITSRDF))


@lru_cache(maxsize=1 << 16)  # ids repeat in every edge, documents in every span
def _node(node_id: str) -> str:
    # Keep "/" so ids read as type/name; "%" is encoded, so the mapping is injective.
    return _GID + quote(node_id, safe="/")


@lru_cache(maxsize=1 << 16)
def _doc(doc: str) -> str:
    return _GID + "doc/" + quote(doc, safe="/")


def _span(doc: str, start: int, end: int) -> str:
    # RFC 5147 fragment, as NIF recommends for offset-based spans.
    return f"{_doc(doc)}#char={int(start)},{int(end)}"


def _assertion(source: str, rel: str, target: str) -> str:
    digest = hashlib.sha256(f"{source}\x1f{rel}\x1f{target}".encode()).hexdigest()[:24]
    return f"{_GID}assertion/{digest}"


A = _rdf.type
_XSD_INTEGER, _XSD_NONNEG, _XSD_DOUBLE = _xsd.integer, _xsd.nonNegativeInteger, _xsd.double
_REL_IRI = {rel: str(prop) for rel, prop in RELATIONS.items()}


def _zh(text: str) -> tuple:
    return (text, "zh", None)


def _integer(n) -> tuple:
    return (str(int(n)), None, _XSD_INTEGER)


def _nonneg(n) -> tuple:
    return (str(int(n)), None, _XSD_NONNEG)


class _Blocks:
    """G as RDF, one (subject, [(predicate, object), ...]) block at a time.

    A subject may come back in a later block (a span that is both a mention and
    evidence); what was said of it once is not repeated."""

    def __init__(self, G):
        self.G = G
        self.docs: set[str] = set()
        self.spans: dict[str, set[str]] = {}  # span IRI -> its classes (and gg:sentenceText) so far
        self.places: set[str] = set()  # gazetteer ancestors already written
        self.roles: set[str] = set()
        # title and date of each document read (graph.json's documents table)
        self.meta = {d["id"]: d for d in G.graph.get("documents") or () if isinstance(d, dict) and "id" in d}

    def __iter__(self):
        G = self.G
        for doc in sorted(self.meta):  # every document read, with its title and date
            yield from self._document(doc)
        for node_id in sorted(G.nodes, key=str):
            yield from self._entity(str(node_id), G.nodes[node_id])
        edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
        for source, target, key, attrs in edges:
            yield from self._relation(str(source), str(target), attrs, key)

    def _document(self, doc: str):
        d = _doc(doc)
        if d not in self.docs:
            self.docs.add(d)
            po = [(A, _gg.Document), (_dcterms.identifier, (doc, None, None))]
            meta = self.meta.get(doc, {})
            po += [(_dcterms[k], (str(meta[k]), None, None)) for k in ("title", "date") if meta.get(k)]
            yield d, po

    def _span(self, cls: str, item: dict, extra=()):
        s = _span(item["doc"], item["start"], item["end"])
        known = self.spans.get(s)
        if known is None:
            self.spans[s] = {cls}
            yield from self._document(item["doc"])
            yield s, [(A, cls), (_nif.beginIndex, _nonneg(item["start"])),
                      (_nif.endIndex, _nonneg(item["end"])), (_nif.anchorOf, (item["text"], None, None)),
                      (_nif.referenceContext, _doc(item["doc"])), *extra]
        else:  # the span again (two entities on the same characters): only what is new
            po = [] if cls in known else [(A, cls)]
            known.add(cls)
            for p, o in extra:
                if p != _gg.sentenceText or p not in known:
                    po.append((p, o))
            if po:
                yield s, po
        if any(p == _gg.sentenceText for p, _ in extra):
            self.spans[s].add(_gg.sentenceText)

    def _entity(self, node_id: str, attrs: dict):
        kind = attrs.get("type")
        if kind not in ENTITY_TYPES:
            raise ValueError(f"node {node_id!r}: unknown type {kind!r}")
        e = _node(node_id)
        name = attrs.get("name") or node_id.split("/", 1)[-1]
        po = [(A, _gg[kind]), (_skos.prefLabel, _zh(name))]
        po += [(_skos.altLabel, _zh(alias)) for alias in dict.fromkeys(attrs.get("aliases") or ())
               if alias != name]  # SKOS: prefLabel and altLabel are disjoint
        if attrs.get("count") is not None:
            po.append((_gg.mentionCount, _integer(attrs["count"])))
        mentions = sorted(attrs.get("mentions") or (), key=_span_key)
        docs = dict.fromkeys([*(attrs.get("docs") or ()), *(m["doc"] for m in mentions)])
        po += [(_gg.mentionedIn, _doc(doc)) for doc in docs]
        parent = None
        if kind == "Place":
            po += self._code(node_id, attrs.get("code"))
            parent = attrs.get("parent")
            if parent and (parent in self.G or _division(parent) is not None):
                po += [(_gg.parentDivision, _node(parent)), (_gg.locatedIn, _node(parent))]
            else:
                parent = None  # an unknown parent id is dropped rather than left as an untyped IRI
        for _, target, key, rel_attrs in sorted(self.G.out_edges(node_id, keys=True, data=True),
                                                key=lambda x: (str(x[1]), str(x[2]))):
            po.append((self._predicate(node_id, str(target), rel_attrs, key), _node(str(target))))
        yield e, list(dict.fromkeys(po))  # a located_in edge may repeat the parent division
        for doc in docs:
            yield from self._document(doc)
        for m in mentions:
            extra = [(_itsrdf.taIdentRef, e)]
            if m.get("sentence"):
                extra.append((_gg.sentenceText, _zh(m["sentence"])))
            yield from self._span(_gg.Mention, m, extra)
        if parent and parent not in self.G:
            yield from self._ancestors(parent)

    @staticmethod
    def _code(node_id: str, code) -> list:
        # A township's `code` is its county's; only a node that is the division itself carries it.
        return [(_gg.divisionCode, (str(code), None, None))] if code and node_id == f"place/{code}" else []

    def _ancestors(self, node_id: str):
        """Ancestors nobody mentioned, from the gazetteer, so "places under X" queries see the chain."""
        p = _node(node_id)
        div = _division(node_id)
        if p in self.places or div is None:
            return
        self.places.add(p)
        po = [(A, _gg.Place), (_skos.prefLabel, _zh(div.name)), *self._code(node_id, div.code)]
        parent = div.parent and f"place/{div.parent}"
        known = parent and (parent in self.G or _division(parent) is not None)
        if known:
            po += [(_gg.parentDivision, _node(parent)), (_gg.locatedIn, _node(parent))]
        yield p, po
        if known and parent not in self.G:
            yield from self._ancestors(parent)

    @staticmethod
    def _predicate(source: str, target: str, attrs: dict, key) -> str:
        rel = attrs.get("type") or key
        prop = _REL_IRI.get(rel)
        if prop is None:
            raise ValueError(f"edge {source!r} -> {target!r}: unknown type {rel!r}")
        return prop

    def _relation(self, source: str, target: str, attrs: dict, key):
        prop = self._predicate(source, target, attrs, key)
        rel = attrs.get("type") or key
        s, o = _node(source), _node(target)
        a = _assertion(source, rel, target)
        evidence = sorted(attrs.get("evidence") or (), key=_span_key)
        weight = attrs.get("weight")
        po = [(A, _gg.Assertion)]
        if rel == "holds_position":
            po.append((A, _org.Membership))
        po += [(_rdf.subject, s), (_rdf.predicate, prop), (_rdf.object, o),
               (_gg.weight, _integer(weight if weight is not None else len(evidence)))]
        spans = dict.fromkeys(_span(ev["doc"], ev["start"], ev["end"]) for ev in evidence)
        po += [(_gg.evidence, sp) for sp in spans]
        pmi = attrs.get("pmi")
        if pmi is not None and math.isfinite(pmi):
            po.append((_gg.pmi, (repr(float(pmi)), None, _XSD_DOUBLE)))
        role = attrs.get("role") if rel == "holds_position" else None
        if rel == "holds_position":
            po += [(_org.member, s), (_org.organization, o)]
            if role:
                r = f"{_GID}role/{quote(role, safe='')}"
                po += [(_gg.role, _zh(role)), (_org.role, r)]
        yield a, po
        if role and r not in self.roles:
            self.roles.add(r)
            yield r, [(A, _org.Role), (_skos.prefLabel, _zh(role))]
        for ev in evidence:
            yield from self._span(_nif.Sentence, ev)


def _span_key(item: dict) -> tuple:
    return item["doc"], item["start"], item["end"]


def _division(node_id: str):
    if not node_id.startswith("place/"):
        return None
    from govgraph.gazetteers.divisions import load_divisions  # only needed for missing ancestors

    return load_divisions().by_id.get(node_id[len("place/"):])


# ---------------------------------------------------------------------------
# Serialisations: each writer takes blocks and returns text to append


_PLAIN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def jsonld_context() -> dict:
    return {"@context": {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}}


def _compact(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns):
            rest = iri[len(ns):]
            # A compact IRI whose suffix starts with "//" would be read as an absolute IRI.
            return iri if rest.startswith("//") else f"{prefix}:{rest}"
    return iri


def _ttl_iri(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and _PLAIN_LOCAL.match(iri, len(ns)):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


class _NTriples:
    def __init__(self):
        self.iris: dict[str, str] = {}

    def term(self, t) -> str:
        if isinstance(t, str):
            out = self.iris.get(t)
            if out is None:
                out = self.iris[t] = f"<{t}>"
            return out
        text, lang, datatype = t
        text = '"' + text.translate(_ESCAPES) + '"'
        return f"{text}@{lang}" if lang else f"{text}^^<{datatype}>" if datatype else text

    def header(self) -> str:
        return ""

    def block(self, s: str, po: list) -> str:
        subject = self.term(s)
        return "".join(f"{subject} {self.term(p)} {self.term(o)} .\n" for p, o in po)

    def footer(self) -> str:
        return ""


class _Turtle(_NTriples):
    def term(self, t) -> str:
        if isinstance(t, str):
            out = self.iris.get(t)
            if out is None:
                out = self.iris[t] = _ttl_iri(t)
            return out
        text, lang, datatype = t
        if datatype == _XSD_INTEGER and _INTEGER.match(text):
            return text
        text = '"' + text.translate(_ESCAPES) + '"'
        return f"{text}@{lang}" if lang else f"{text}^^{self.term(datatype)}" if datatype else text

    def header(self) -> str:
        return "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())) + "\n"

    def block(self, s: str, po: list) -> str:
        preds: dict[str, list[str]] = {}
        for p, o in po:
            preds.setdefault("a" if p == A else self.term(p), []).append(self.term(o))
        body = " ;\n    ".join(f"{p} {' , '.join(objs)}" for p, objs in preds.items())
        return f"\n{self.term(s)} {body} .\n"


class _JsonLd:
    def __init__(self):
        self.iris: dict[str, str] = {}
        self.first = True

    def iri(self, t: str) -> str:
        out = self.iris.get(t)
        if out is None:
            out = self.iris[t] = _compact(t)
        return out

    def value(self, t) -> dict:
        if isinstance(t, str):
            return {"@id": self.iri(t)}
        text, lang, datatype = t
        if lang:
            return {"@value": text, "@language": lang}
        return {"@value": text, "@type": self.iri(datatype)} if datatype else {"@value": text}

    def header(self) -> str:
        context = json.dumps(jsonld_context()["@context"], ensure_ascii=False, indent=1, sort_keys=True)
        return f'{{"@context": {context},\n"@graph": ['

    def block(self, s: str, po: list) -> str:
        node: dict = {"@id": self.iri(s)}
        for p, o in po:
            if p == A:
                node.setdefault("@type", []).append(self.iri(o))
            else:
                node.setdefault(self.iri(p), []).append(self.value(o))
        # one node per line: readable, diff-friendly, and the C encoder (no indent) is fast
        sep = "\n" if self.first else ",\n"
        self.first = False
        return sep + json.dumps(node, ensure_ascii=False)

    def footer(self) -> str:
        return "\n]}\n"


def _serialise(G, writer) -> str:
    parts = [writer.header()]
    parts += [writer.block(s, po) for s, po in _Blocks(G)]
    parts.append(writer.footer())
    return "".join(parts)


def to_ntriples(G) -> str:
    return _serialise(G, _NTriples())


def new_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def to_rdf(G) -> Graph:
    """The networkx MultiDiGraph G as an rdflib Graph using the govgraph ontology (for tests
    and small graphs: the files are written without rdflib)."""
    g = new_graph()
    g.parse(data=to_ntriples(G), format="nt")
    return g


def write_rdf(G, outdir) -> list[Path]:
    """Write graph.ttl, graph.jsonld, context.jsonld and graph.nt into outdir; return their paths."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    names = ("graph.ttl", "graph.jsonld", "graph.nt")
    writers = (_Turtle(), _JsonLd(), _NTriples())
    with ExitStack() as stack:  # all three files appear together, or none changes
        files = [stack.enter_context(atomic_open(out / name)) for name in names]
        for f, w in zip(files, writers):
            f.write(w.header())
        for s, po in _Blocks(G):
            for f, w in zip(files, writers):
                f.write(w.block(s, po))
        for f, w in zip(files, writers):
            f.write(w.footer())
    context = json.dumps(jsonld_context(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    with atomic_open(out / "context.jsonld") as f:
        f.write(context)
    return [out / "graph.ttl", out / "graph.jsonld", out / "context.jsonld", out / "graph.nt"]
