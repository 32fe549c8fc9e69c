"""Every ```sparql block of README.md runs on the build of seeds/ and gives rows that agree
with graph.json (the graph the RDF was exported from) and with the raw seed texts."""

import json
import re
from pathlib import Path

import pytest

from govgraph.cli import main
from govgraph.query import load_store, run_query

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SEEDS = ROOT / "seeds"
CODE = re.compile(r"[0-9]{6}\Z")


def readme_queries():
    text = README.read_text(encoding="utf-8")
    return re.findall(r"^```sparql[ \t]*\n(.*?)^```[ \t]*$", text, flags=re.S | re.M)


QUERIES = readme_queries()


@pytest.fixture(scope="module")
def store(seeds_build):
    return load_store(seeds_build)


@pytest.fixture(scope="module")
def graph(seeds_build):
    """graph.json: nodes by id, and links as (source name, target name, type) -> link."""
    data = json.loads((seeds_build / "graph.json").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    links = {}
    for link in data["links"]:
        key = (nodes[link["source"]]["name"], nodes[link["target"]]["name"], link["type"])
        links.setdefault(key, []).append(link)
    return nodes, links


@pytest.fixture(scope="module")
def raw():
    return {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


def values(row):
    return [None if t is None else t.value for t in row]


def answer(store, columns):
    """The README query whose SELECT variables are `columns`, and its rows as plain values."""
    for q in QUERIES:
        names, rows = run_query(store, q)
        if names == columns:
            return q, [values(r) for r in rows]
    pytest.fail(f"no README query selects {columns}")


def squash(text):
    return "".join(text.split())


def test_readme_has_five_distinct_queries():
    assert len(QUERIES) >= 5
    assert len({squash(q) for q in QUERIES}) == len(QUERIES)
    for q in QUERIES:
        assert re.search(r"^\s*SELECT\b", q, flags=re.M), q  # tables a researcher can read


@pytest.mark.parametrize("index", range(len(QUERIES)))
def test_readme_query_returns_rows(store, index):
    names, rows = run_query(store, QUERIES[index])
    assert rows, f"README query {index + 1} returned no rows:\n{QUERIES[index]}"
    assert len(set(names)) == len(names)
    # No column is unbound on every row (a misspelt variable or property would be).
    for i, name in enumerate(names):
        assert any(r[i] is not None for r in rows), (index + 1, name)


def test_readme_queries_through_the_cli(seeds_build, store, capsys):
    for q in QUERIES:
        assert main(["query", str(seeds_build), q, "--format", "json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        names, rows = run_query(store, q)
        assert doc["head"]["vars"] == names
        assert len(doc["results"]["bindings"]) == len(rows)


def test_runs_with_evidence(store, graph, raw):
    _, rows = answer(store, ["actor", "type", "programme", "doc", "begin", "end", "sentence"])
    nodes, links = graph
    expected = {(s, o) for s, o, kind in links if kind == "runs"}
    assert {(r[0], r[2]) for r in rows} == expected
    for actor, kind, programme, doc, begin, end, sentence in rows:
        assert kind in ("Agency", "Organization"), actor
        assert squash(raw[doc][int(begin):int(end)]) == sentence
        evidence = [e for link in links[(actor, programme, "runs")] for e in link["evidence"]]
        assert (doc, int(begin), int(end)) in {(e["doc"], e["start"], e["end"]) for e in evidence}


def test_programme_places_with_division_codes(store, graph):
    _, rows = answer(store, ["programme", "place", "code", "province", "provinceCode"])
    nodes, links = graph
    assert {(r[0], r[1]) for r in rows} == {(s, o) for s, o, kind in links if kind == "implemented_in"}
    codes = {n["name"]: n["code"] for n in nodes.values() if n["type"] == "Place" and n["id"] == f"place/{n['code']}"}
    assert any(r[2] for r in rows)
    for programme, place, code, province, province_code in rows:
        if code is not None:
            assert CODE.match(code) and codes.get(place) == code, (place, code)
            assert province_code is not None, place  # every coded division has a province above it
        if province_code is not None:
            assert CODE.match(province_code) and province_code.endswith("0000")
            assert code is None or code[:2] == province_code[:2], (place, code, province_code)
            assert province.endswith(("省", "自治区", "市")), province


def test_people_and_posts(store, graph, raw):
    _, rows = answer(store, ["person", "post", "body", "doc", "sentence"])
    nodes, links = graph
    held = {(s, o): ls for (s, o, kind), ls in links.items() if kind == "holds_position"}
    assert {(r[0], r[2]) for r in rows} == set(held)
    for person, post, body, doc, sentence in rows:
        link = held[(person, body)][0]
        assert post == link["role"], (person, body)
        assert sentence in {squash(e["text"]) for e in link["evidence"] if e["doc"] == doc}
        assert person in sentence or any(a in sentence for n in nodes.values() if n["name"] == person
                                         for a in n["aliases"]), (person, sentence)


def test_everything_in_a_prefecture(store):
    query, rows = answer(store, ["county", "type", "name", "code"])
    code = re.search(r'\?prefecture a gg:Place ; gg:divisionCode "([0-9]+)"', query).group(1)
    assert CODE.match(code) and code.endswith("00") and not code.endswith("0000"), code  # a prefecture
    _, found = run_query(store, f'SELECT ?n WHERE {{ ?p gg:divisionCode "{code}" ; skos:prefLabel ?n }}')
    prefecture = found[0][0].value
    _, counties = run_query(store, f'SELECT ?name WHERE {{ ?c gg:parentDivision/gg:divisionCode "{code}" ; '
                                   f'skos:prefLabel ?name }}')
    counties = {r[0].value for r in counties}
    kinds = {r[1] for r in rows}
    assert {"Place", "Agency"} <= kinds, kinds
    assert len(rows) == len({tuple(r) for r in rows})
    assert counties & {r[0] for r in rows}
    for county, kind, name, division in rows:
        assert name != prefecture
        assert county is None or county in counties, county
        if division is not None:  # a county-level division, listed under its own prefecture only
            assert division[:4] == code[:4] and division != code, (name, division)
            assert county == name, (name, county)


def test_cooccurrence_partners_of_the_most_mentioned_agency(store, graph):
    _, rows = answer(store, ["agency", "partner", "type", "sentences", "npmi"])
    nodes, links = graph
    agencies = [n for n in nodes.values() if n["type"] == "Agency"]
    top = max(n["count"] for n in agencies)
    (agency,) = {r[0] for r in rows}
    assert agency in {n["name"] for n in agencies if n["count"] == top}
    partners = {}
    for (s, o, kind), ls in links.items():
        if kind == "co_occurs_with" and agency in (s, o):
            partners[o if s == agency else s] = ls[0]
    assert len(rows) == min(10, len(partners))
    weights = [int(r[3]) for r in rows]
    assert weights == sorted(weights, reverse=True) and weights[0] == max(ln["weight"] for ln in partners.values())
    for _, partner, kind, sentences, npmi in rows:
        assert int(sentences) == partners[partner]["weight"], partner
        assert kind in ("Agency", "Organization", "Program", "Policy", "Place", "Person")
        assert npmi is None or -1.0 <= float(npmi) <= 1.0


def test_agencies_partnering_across_counties(store, graph):
    _, rows = answer(store, ["agency", "county", "partner", "partnerCounty"])
    nodes, links = graph
    by_name = {n["name"]: n for n in nodes.values()}
    pairs = {frozenset((s, o)) for (s, o, kind) in links if kind == "partners_with"}
    for agency, county, partner, partner_county in rows:
        assert county != partner_county
        assert frozenset((agency, partner)) in pairs
        assert by_name[agency]["type"] == by_name[partner]["type"] == "Agency"
