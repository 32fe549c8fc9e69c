"""SPARQL over the export with pyoxigraph: evidence, class hierarchy, result formats, doc queries."""

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.export.rdf import write_rdf
from govgraph.query import FORMATS, format_results, load_store, run_query
from test_rdf import DOCS, sample_graph

REPO = Path(__file__).resolve().parent.parent

EVIDENCE = """
SELECT ?agency ?programme ?doc ?begin ?end ?sentence WHERE {
  ?a rdf:subject ?s ; rdf:predicate gg:runs ; rdf:object ?o ; gg:evidence ?e .
  ?s skos:prefLabel ?agency . ?o skos:prefLabel ?programme .
  ?e nif:anchorOf ?sentence ; nif:beginIndex ?begin ; nif:endIndex ?end ;
     nif:referenceContext/dcterms:identifier ?doc .
}"""


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("query")
    write_rdf(sample_graph(), folder)
    return folder


@pytest.fixture(scope="module")
def store(out):
    return load_store(out)


def doc_queries():
    text = (REPO / "docs" / "sparql.md").read_text(encoding="utf-8")
    return re.findall(r"```sparql\n(.*?)```", text, flags=re.S)


def test_evidence_query_returns_the_sentence(out):
    vars, rows = run_query(out, EVIDENCE)
    assert vars == ["agency", "programme", "doc", "begin", "end", "sentence"]
    assert len(rows) == 1
    agency, programme, doc, begin, end, sentence = rows[0]
    assert (agency.value, programme.value, doc.value) == ("武汉市民政局", "幸福食堂", "news/a.txt")
    assert DOCS[doc.value][int(begin.value):int(end.value)] == sentence.value
    assert sentence.value.startswith("湖北省武汉市民政局推出")


def test_load_store_from_folder_or_file(out, store):
    n = len(store)
    assert n > len(load_store(out / "graph.ttl", ontology=False))  # ontology adds triples
    assert len(load_store(out / "graph.ttl")) == n
    assert len(load_store(out / "graph.jsonld")) == n
    with pytest.raises(FileNotFoundError):
        load_store(out / "missing")


def test_class_hierarchy_from_the_ontology(store):
    vars, rows = run_query(store, "SELECT ?name WHERE { ?x a/rdfs:subClassOf* org:Organization ; skos:prefLabel ?name } ORDER BY ?name")
    assert [r[0].value for r in rows] == ["武昌区民政局", "武汉市慈善总会", "武汉市民政局", "洪山区民政局"]


def test_places_under_a_prefecture_follow_parents(store):
    q = doc_queries()[2].replace("黔东南苗族侗族自治州", "湖北省")
    vars, rows = run_query(store, q)
    assert {r[0].value for r in rows} == {"武汉市", "武昌区", "洪山区"}


def test_doc_queries_run(store):
    queries = doc_queries()
    assert len(queries) == 6
    results = [run_query(store, q) for q in queries]
    programmes, posts, _, evidence, partners, mentions = results
    assert programmes[1][0][0].value == "武汉市民政局"
    assert [(r[0].value, r[1].value) for r in posts[1]] == [("张三", "局长")]
    assert evidence[1] and all(r[5].value for r in evidence[1])
    # 武汉市民政局 partners too, but sits in a prefecture-level city, not a county.
    assert [[t.value for t in r] for r in partners[1]] == [["武昌区民政局", "武昌区", "洪山区民政局", "洪山区"]]
    # Every mention of the node, each slicing its raw document.
    assert mentions[0] == ["entity", "doc", "begin", "end", "surface", "sentence"]
    assert [(r[0].value, r[1].value) for r in mentions[1]] == [("武汉市民政局", "news/a.txt")]
    for _, doc, begin, end, surface, sentence in mentions[1]:
        assert DOCS[doc.value][int(begin.value):int(end.value)] == surface.value
        assert surface.value in sentence.value


def test_doc_queries_run_on_the_seeds_build(seeds_build):
    # The examples name entities of the sample graph above, so on seeds/ they need only run.
    store = load_store(seeds_build)
    for q in doc_queries():
        names, _ = run_query(store, q)
        assert names


def test_formats(store):
    vars, rows = run_query(store, EVIDENCE)
    table = format_results(vars, rows, "table")
    assert "武汉市民政局" in table and "(1 rows)" in table

    parsed = list(csv.reader(io.StringIO(format_results(vars, rows, "csv"))))
    assert parsed[0] == vars and parsed[1][0] == "武汉市民政局" and parsed[1][3] == str(rows[0][3].value)

    tsv = format_results(vars, rows, "tsv").splitlines()
    assert tsv[0].split("\t") == ["?" + v for v in vars]
    assert tsv[1].split("\t")[0] == '"武汉市民政局"@zh'

    doc = json.loads(format_results(vars, rows, "json"))
    assert doc["head"]["vars"] == vars
    binding = doc["results"]["bindings"][0]
    assert binding["agency"] == {"type": "literal", "value": "武汉市民政局", "xml:lang": "zh"}
    assert binding["begin"]["datatype"].endswith("#integer")

    # The JSON is valid SPARQL results: pyoxigraph reads it back.
    parsed = ox.parse_query_results(format_results(vars, rows, "json").encode(), ox.QueryResultsFormat.JSON)
    assert [v.value for v in parsed.variables] == vars

    with pytest.raises(ValueError):
        format_results(vars, rows, "xml")
    assert set(FORMATS) == {"table", "csv", "tsv", "json"}


def test_ask_and_unbound(store):
    assert json.loads(format_results(*run_query(store, "ASK { ?x a gg:Person }"), "json")) == {"head": {}, "boolean": True}
    vars, rows = run_query(store, "SELECT ?x ?missing WHERE { ?x a gg:Person OPTIONAL { ?x gg:divisionCode ?missing } }")
    assert rows[0][1] is None
    assert format_results(vars, rows, "csv").splitlines()[1].endswith(",")
    assert "missing" not in json.loads(format_results(vars, rows, "json"))["results"]["bindings"][0]
