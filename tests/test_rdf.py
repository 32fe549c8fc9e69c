"""RDF export: ontology, SHACL shapes, round trips, stable IRIs, deterministic bytes.

sample_graph() is shared with test_query.py and test_serve.py.
"""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import owlrl
import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from govgraph.export.rdf import (
    GG, NIF, RELATIONS, node_iri, span_iri, to_rdf, write_rdf,
)

REPO = Path(__file__).resolve().parent.parent
ONTOLOGY = REPO / "ontology" / "govgraph.ttl"
SHAPES = REPO / "ontology" / "shapes.ttl"
NONNEG = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")  # not rdflib's XSD: pytest probes it noisily
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's error vocabulary

# Raw texts as the ingest step would decode them (OCR spaces and line breaks kept).
DOCS = {
    "news/a.txt": "湖北省武汉市民政局推出“幸福 食堂”项目，在武汉市试点。\n局长张三介绍，武汉市民政局联合武汉市慈善总会共同推进。",
    "news/b.txt": "武汉市武昌区的幸福食堂已覆盖全区。武昌区民政局联合洪山区民政局共同开展配送。",
}
SENTENCE_END = "。"


def _sentence(doc, text):
    raw = DOCS[doc]
    start = raw.index(text)
    begin = raw.rfind(SENTENCE_END, 0, start) + 1
    end = raw.index(SENTENCE_END, start) + 1
    while raw[begin] in "\n ":
        begin += 1
    return {"doc": doc, "start": begin, "end": end, "text": raw[begin:end]}


def _mention(doc, text, nth=0):
    raw = DOCS[doc]
    start = -1
    for _ in range(nth + 1):
        start = raw.index(text, start + 1)
    sent = _sentence(doc, text)
    cleaned = "".join(sent["text"].split())
    return {"doc": doc, "start": start, "end": start + len(text), "text": text, "sentence": cleaned}


def _nodes():
    return [
        ("place/420000", "Place", "湖北省", [("news/a.txt", "湖北省")], {"code": "420000"}),
        ("place/420100", "Place", "武汉市", [("news/a.txt", "武汉市"), ("news/b.txt", "武汉市")],
         {"code": "420100", "parent": "place/420000"}),
        ("place/420106", "Place", "武昌区", [("news/b.txt", "武昌区")],
         {"code": "420106", "parent": "place/420100"}),
        ("place/420111", "Place", "洪山区", [("news/b.txt", "洪山区")],
         {"code": "420111", "parent": "place/420100"}),
        ("agency/武昌区民政局", "Agency", "武昌区民政局", [("news/b.txt", "武昌区民政局")], {}),
        ("agency/洪山区民政局", "Agency", "洪山区民政局", [("news/b.txt", "洪山区民政局")], {}),
        ("agency/武汉市民政局", "Agency", "武汉市民政局", [("news/a.txt", "武汉市民政局")], {}),
        ("organization/武汉市慈善总会", "Organization", "武汉市慈善总会", [("news/a.txt", "武汉市慈善总会")], {}),
        ("program/幸福食堂", "Program", "幸福食堂", [("news/a.txt", "幸福 食堂"), ("news/b.txt", "幸福食堂")], {}),
        ("person/张三", "Person", "张三", [("news/a.txt", "张三")], {}),
    ]


def _edges():
    runs = _sentence("news/a.txt", "推出")
    partner = _sentence("news/a.txt", "联合")
    county = _sentence("news/b.txt", "联合")
    return [
        ("agency/武汉市民政局", "program/幸福食堂", "runs", [runs], {}),
        ("program/幸福食堂", "place/420106", "implemented_in", [_sentence("news/b.txt", "覆盖")], {}),
        ("agency/武汉市民政局", "place/420100", "located_in", [runs], {}),
        ("person/张三", "agency/武汉市民政局", "holds_position", [partner], {"role": "局长"}),
        ("agency/武汉市民政局", "organization/武汉市慈善总会", "partners_with", [partner], {}),
        ("agency/武汉市民政局", "person/张三", "co_occurs_with", [partner], {"pmi": 0.42}),
        ("agency/武昌区民政局", "place/420106", "located_in", [county], {}),
        ("agency/洪山区民政局", "place/420111", "located_in", [county], {}),
        ("agency/武昌区民政局", "agency/洪山区民政局", "partners_with", [county], {}),
    ]


def sample_graph(shuffle_seed=None):
    """A small graph following docs/graph-model.md; shuffle_seed permutes every insertion order."""
    rnd = random.Random(shuffle_seed)
    order = (lambda xs: rnd.sample(xs, len(xs))) if shuffle_seed is not None else list
    G = nx.MultiDiGraph()
    for node_id, kind, name, spans, extra in order(_nodes()):
        mentions = order([_mention(doc, text) for doc, text in spans])
        G.add_node(
            node_id, type=kind, name=name,
            aliases=sorted({"".join(m["text"].split()) for m in mentions}),
            mentions=mentions, docs=sorted({m["doc"] for m in mentions}), count=len(mentions),
            code=extra.get("code"), parent=extra.get("parent"),
        )
    for source, target, kind, evidence, extra in order(_edges()):
        G.add_edge(source, target, key=kind, type=kind, weight=len(evidence), evidence=order(evidence),
                   role=extra.get("role"), **({"pmi": extra["pmi"]} if "pmi" in extra else {}))
    return G


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("rdf")
    return out, write_rdf(sample_graph(), out)


def _shacl(data):
    conforms, _, text = pyshacl.validate(data, shacl_graph=Graph().parse(SHAPES))
    return conforms, text


# ---------------------------------------------------------------------------
# Ontology


def test_sample_offsets_are_raw_offsets():
    G = sample_graph()
    for _, attrs in G.nodes(data=True):
        for m in attrs["mentions"]:
            assert DOCS[m["doc"]][m["start"]:m["end"]] == m["text"]
    for *_, attrs in G.edges(keys=True, data=True):
        for e in attrs["evidence"]:
            assert DOCS[e["doc"]][e["start"]:e["end"]] == e["text"]


def test_ontology_declares_classes_and_properties_bilingually():
    onto = Graph().parse(ONTOLOGY)
    terms = [GG[c] for c in ("Agency", "Organization", "Program", "Policy", "Place", "Person")]
    props = list(RELATIONS.values())
    assert len(props) == 8
    for term in terms + props:
        kind = OWL.Class if term in terms else OWL.ObjectProperty
        assert (term, RDF.type, kind) in onto, term
        for pred in (RDFS.label, RDFS.comment):
            langs = {o.language for o in onto.objects(term, pred)}
            assert {"zh", "en"} <= langs, (term, pred)
        if term in props:
            assert onto.value(term, RDFS.domain) is not None, term
            assert onto.value(term, RDFS.range) is not None, term
        # Aligned to an external vocabulary (or, for coOccursWith, at least typed).
        if term not in (GG.coOccursWith,):
            supers = set(onto.objects(term, RDFS.subClassOf)) | set(onto.objects(term, RDFS.subPropertyOf))
            assert supers, term


def test_every_gg_term_used_is_declared(exported):
    out, _ = exported
    onto = Graph().parse(ONTOLOGY)
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(str(GG))}
    used = set()
    for graph in (Graph().parse(out / "graph.ttl"), Graph().parse(SHAPES)):
        for triple in graph:
            used |= {t for t in triple if isinstance(t, URIRef) and str(t).startswith(str(GG))}
    assert used, "no gg: terms used"
    assert used <= declared, sorted(used - declared)


def test_owl_rl_closure_is_consistent(exported):
    out, _ = exported
    g = Graph().parse(ONTOLOGY).parse(out / "graph.nt")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert not list(g.subjects(RDF.type, OWL.Nothing))
    assert not list(g.objects(None, ERR.error))
    # The alignment is usable: agencies are W3C ORG organisations after inference.
    assert (node_iri("agency/武汉市民政局"), RDF.type, URIRef("http://www.w3.org/ns/org#Organization")) in g


def test_owl_rl_closure_detects_disjoint_types():
    g = Graph().parse(ONTOLOGY) + to_rdf(sample_graph())
    g.add((node_iri("agency/武汉市民政局"), RDF.type, GG.Person))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert list(g.objects(None, ERR.error))


# ---------------------------------------------------------------------------
# SHACL


def test_export_conforms_to_shapes(exported):
    out, _ = exported
    conforms, text = _shacl(Graph().parse(out / "graph.ttl"))
    assert conforms, text


@pytest.fixture(scope="module")
def seeds_rdf(seeds_build):
    """The RDF of the build of seeds/ (conftest.py)."""
    return Graph().parse(seeds_build / "graph.ttl")


def test_seeds_build_conforms_to_shapes(seeds_rdf):
    # As docs/sparql.md tells users to validate: the data graph alone, no inference.
    conforms, text = _shacl(seeds_rdf)
    assert conforms, text[:5000]


def test_seeds_build_conforms_with_the_ontology_and_rdfs_inference(seeds_rdf):
    # With the ontology's rdfs:domain/range and subclass entailments added, every entity must still
    # carry exactly one of the six types (a relation used outside a domain or range that is one of
    # them, e.g. gg:implementedIn with a non-Place object, gives the node a second type) and every
    # other shape must still hold.
    conforms, _, text = pyshacl.validate(seeds_rdf, shacl_graph=Graph().parse(SHAPES),
                                         ont_graph=Graph().parse(ONTOLOGY), inference="rdfs")
    assert conforms, text[:5000]


def test_seeds_build_uses_only_declared_terms_and_all_types(seeds_rdf):
    onto = Graph().parse(ONTOLOGY)
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(str(GG))}
    used = {t for triple in seeds_rdf for t in triple if isinstance(t, URIRef) and str(t).startswith(str(GG))}
    assert used <= declared, sorted(used - declared)
    types = set(seeds_rdf.objects(None, RDF.type))
    assert {GG[c] for c in ("Agency", "Organization", "Program", "Policy", "Place", "Person")} <= types
    assert {GG.Assertion, GG.Mention, GG.Document, NIF.Sentence} <= types


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own JSON-LD parser
def test_seeds_build_serialisations_hold_the_same_triples(seeds_build, seeds_rdf):
    for name, fmt in (("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        assert set(Graph().parse(seeds_build / name, format=fmt)) == set(seeds_rdf), name


def test_seeds_build_writes_each_triple_once(seeds_build, seeds_rdf):
    # the files are streamed, not de-duplicated as a whole: a span shared by two entities,
    # or a parent division that is also a located_in edge, must still give one line each
    lines = (seeds_build / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == len(seeds_rdf)


def test_seeds_build_violation_is_reported(seeds_rdf):
    # The seeds check can fail: drop one relation's direct triple from a copy of the build.
    g = Graph()
    g += seeds_rdf
    a = next(g.subjects(RDF.predicate, GG.runs))
    g.remove((g.value(a, RDF.subject), GG.runs, g.value(a, RDF.object)))
    conforms, text = _shacl(g)
    assert not conforms
    assert "direct triple" in text and str(a) in text


def _two_types(g):
    g.add((node_iri("agency/武汉市民政局"), RDF.type, GG.Organization))


def _end_before_begin(g):
    s = next(g.subjects(RDF.type, GG.Mention))
    g.set((s, NIF.endIndex, Literal(0, datatype=NONNEG)))


def _non_integer_offset(g):
    s = next(g.subjects(RDF.type, GG.Mention))
    g.set((s, NIF.beginIndex, Literal("3")))


def _no_label(g):
    g.remove((node_iri("person/张三"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), None))


def _english_label(g):
    g.set((node_iri("person/张三"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("Zhang San", lang="en")))


def _bad_domain(g):
    g.add((node_iri("place/420100"), GG.runs, node_iri("program/幸福食堂")))


def _bad_range(g):
    g.add((node_iri("agency/武汉市民政局"), GG.issues, node_iri("program/幸福食堂")))


def _evidence_without_doc(g):
    s = next(g.objects(None, GG.evidence))
    g.remove((s, NIF.referenceContext, None))


def _assertion_without_triple(g):
    g.remove((node_iri("agency/武汉市民政局"), GG.runs, node_iri("program/幸福食堂")))


def _untyped_mention_target(g):
    s = next(g.subjects(RDF.type, GG.Mention))
    g.add((s, URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef"), URIRef("https://example.org/nobody")))


@pytest.mark.parametrize("breakage, violation", [
    (_two_types, "QualifiedMaxCountConstraintComponent"),
    (_end_before_begin, "LessThanConstraintComponent"),
    (_non_integer_offset, "DatatypeConstraintComponent"),
    (_no_label, "MinCountConstraintComponent"),
    (_english_label, "LanguageInConstraintComponent"),
    (_bad_domain, "OrConstraintComponent"),
    (_bad_range, "Value does not have class gg:Policy"),
    (_evidence_without_doc, "nif:referenceContext"),
    (_assertion_without_triple, "direct triple"),
    (_untyped_mention_target, "QualifiedMinCountConstraintComponent"),
])
def test_broken_graph_fails_shapes(breakage, violation):
    g = to_rdf(sample_graph())
    breakage(g)
    conforms, text = _shacl(g)
    assert not conforms, breakage.__name__
    assert violation in text, text


# ---------------------------------------------------------------------------
# Serialisations


def test_writes_the_four_files_and_nothing_else(exported):
    out, paths = exported
    assert [p.name for p in paths] == ["graph.ttl", "graph.jsonld", "context.jsonld", "graph.nt"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own JSON-LD parser
def test_round_trip_triple_counts(exported):
    out, _ = exported
    expected = to_rdf(sample_graph())
    graphs = {
        "ttl": Graph().parse(out / "graph.ttl", format="turtle"),
        "jsonld": Graph().parse(out / "graph.jsonld", format="json-ld"),
        "nt": Graph().parse(out / "graph.nt", format="nt"),
    }
    for name, g in graphs.items():
        assert len(g) == len(expected), name
        assert set(g) == set(expected), name  # no blank nodes, so plain set equality


def test_jsonld_embeds_the_context_file(exported):
    out, _ = exported
    doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    ctx = json.loads((out / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == ctx["@context"]


def test_stable_iris():
    a, b = to_rdf(sample_graph()), to_rdf(sample_graph(shuffle_seed=7))
    assert set(a.subjects()) == set(b.subjects())
    assert str(node_iri("agency/武汉市民政局")) == (
        "https://w3id.org/govgraph/id/agency/%E6%AD%A6%E6%B1%89%E5%B8%82%E6%B0%91%E6%94%BF%E5%B1%80")
    place = URIRef("https://w3id.org/govgraph/id/place/420100")
    assert (place, GG.divisionCode, Literal("420100")) in a
    assert (place, GG.parentDivision, URIRef("https://w3id.org/govgraph/id/place/420000")) in a
    assert str(span_iri("f.jsonl#7", 3, 9)) == "https://w3id.org/govgraph/id/doc/f.jsonl%237#char=3,9"


def test_reexport_is_byte_identical(tmp_path):
    first = write_rdf(sample_graph(), tmp_path / "one")
    second = write_rdf(sample_graph(shuffle_seed=3), tmp_path / "two")
    again = write_rdf(sample_graph(shuffle_seed=5), tmp_path / "one")  # overwrite in place
    for p, q, r in zip(first, second, again):
        assert p.read_bytes() == q.read_bytes() == r.read_bytes(), p.name


def test_bytes_do_not_depend_on_hash_seed(tmp_path):
    code = (
        "import sys; from test_rdf import sample_graph; from govgraph.export.rdf import write_rdf; "
        "write_rdf(sample_graph(), sys.argv[1])"
    )
    env_path = os.pathsep.join([str(Path(__file__).parent), *sys.path])
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": env_path}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / seed)], check=True, env=env)
    for name in ("graph.ttl", "graph.jsonld", "context.jsonld", "graph.nt"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_unknown_types_are_refused():
    G = sample_graph()
    G.add_node("thing/x", type="Thing", name="x")
    with pytest.raises(ValueError):
        to_rdf(G)
    G = sample_graph()
    G.add_edge("person/张三", "place/420100", key="born_in", type="born_in", weight=1, evidence=[])
    with pytest.raises(ValueError):
        to_rdf(G)


def test_unmentioned_ancestors_come_from_the_gazetteer():
    G = sample_graph()
    G.remove_nodes_from(["place/420100", "place/420000"])
    g = to_rdf(G)
    wuhan, hubei = node_iri("place/420100"), node_iri("place/420000")
    assert (node_iri("place/420106"), GG.parentDivision, wuhan) in g
    assert (wuhan, GG.parentDivision, hubei) in g
    assert (hubei, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("湖北省", lang="zh")) in g
    assert (wuhan, GG.divisionCode, Literal("420100")) in g
    conforms, text = _shacl(g)
    assert conforms, text
    # An unknown parent is dropped, not left dangling.
    G.add_node("place/999999-某镇", type="Place", name="某镇", aliases=[], mentions=[], docs=[], count=0,
               code="999999", parent="place/999999")
    g = to_rdf(G)
    assert not list(g.objects(node_iri("place/999999-某镇"), GG.parentDivision))
    assert not list(g.objects(node_iri("place/999999-某镇"), GG.divisionCode))  # a township's code is its county's


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_awkward_text_round_trips(tmp_path):
    raw = '他说："办\\事"\n\t难\u2028题\x0c解决。'
    doc = "dir with space/x.jsonl#7"
    G = nx.MultiDiGraph()
    G.add_node("person/李四", type="Person", name="李四", aliases=["李四"], docs=[doc], count=1,
               mentions=[{"doc": doc, "start": 0, "end": len(raw), "text": raw, "sentence": raw}],
               code=None, parent=None)
    paths = write_rdf(G, tmp_path)
    expected = set(to_rdf(G))
    for path, fmt in zip(paths, ("turtle", "json-ld", None, "nt")):
        if fmt:
            assert set(Graph().parse(path, format=fmt)) == expected, path.name
    assert Literal(raw) in {o for _, _, o in expected}
    from govgraph.query import load_store  # the query engine reads the same bytes

    for name in ("graph.ttl", "graph.nt", "graph.jsonld"):
        assert len(load_store(tmp_path / name, ontology=False)) == len(expected), name
