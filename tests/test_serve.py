"""The read-only SPARQL endpoint: protocol, content negotiation, CORS, refusals,
and the guard's limits (loopback, request size, query time, no SERVICE, no writes)."""

import csv
import http.client
import io
import json
import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, POST, SPARQLWrapper

from govgraph.export.rdf import write_rdf
from govgraph.serve import oxigraph_binary, start
from test_rdf import sample_graph

NAMES = """
PREFIX gg:   <https://w3id.org/govgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name WHERE { ?x a gg:Agency ; skos:prefLabel ?name } ORDER BY ?name
"""
AGENCIES = ["武昌区民政局", "武汉市民政局", "洪山区民政局"]
UPDATE = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"

DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    try:
        oxigraph_binary()
    except FileNotFoundError:
        pytest.skip("oxigraph server binary not installed")
    out = tmp_path_factory.mktemp("serve")
    write_rdf(sample_graph(), out)
    with start(out, port=free_port(), timeout=5) as ep:
        yield ep
    assert ep.process.poll() is not None
    assert not ep.workdir.exists()


def request(url, data=None, headers=None, method=None):
    """(status, headers, body) without raising on 4xx."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with DIRECT.open(req, timeout=10) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def wrapper(endpoint, fmt):
    sparql = SPARQLWrapper(endpoint.query_url)
    sparql.setQuery(NAMES)
    sparql.setReturnFormat(fmt)
    return sparql


def test_bound_to_loopback_read_only_with_timeout(endpoint):
    assert endpoint.url.startswith("http://127.0.0.1:")
    args = endpoint.process.args
    assert args[1] == "serve-read-only"
    assert args[args.index("--timeout-s") + 1] == "5" and "--cors" in args


def test_ontology_is_served_too(endpoint):
    q = ("PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* org:Organization }")
    status, _, body = request(endpoint.query_url + "?" + urllib.parse.urlencode({"query": q}),
                              headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "4"


def test_sparqlwrapper_json(endpoint):
    result = wrapper(endpoint, JSON).query().convert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == AGENCIES
    assert result["results"]["bindings"][0]["name"]["xml:lang"] == "zh"


def test_sparqlwrapper_csv_over_post(endpoint):
    sparql = wrapper(endpoint, CSV)
    sparql.setMethod(POST)
    rows = list(csv.reader(io.StringIO(sparql.query().convert().decode("utf-8"))))
    assert rows[0] == ["name"] and [r[0] for r in rows[1:]] == AGENCIES


def test_post_sparql_query_body_and_negotiation(endpoint):
    for accept, check in [
        ("application/sparql-results+json", lambda body: json.loads(body)["head"]["vars"] == ["name"]),
        ("application/sparql-results+xml", lambda body: "<sparql" in body and "武汉市民政局" in body),
        ("text/tab-separated-values", lambda body: body.splitlines()[0] == "?name"),
        ("text/csv", lambda body: body.splitlines()[0] == "name"),
    ]:
        status, headers, body = request(
            endpoint.query_url, data=NAMES.encode(), method="POST",
            headers={"Content-Type": "application/sparql-query", "Accept": accept},
        )
        assert status == 200 and headers["Content-Type"].startswith(accept), (accept, status, body)
        assert check(body), accept


def test_cors_header(endpoint):
    url = endpoint.query_url + "?" + urllib.parse.urlencode({"query": NAMES})
    status, headers, _ = request(url, headers={"Origin": "https://example.org", "Accept": "application/sparql-results+json"})
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = request(endpoint.query_url, method="OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert status < 300 and headers["Access-Control-Allow-Origin"] == "*"


def test_update_is_refused(endpoint):
    sparql = SPARQLWrapper(endpoint.query_url, updateEndpoint=endpoint.url + "/update")
    sparql.setMethod(POST)
    sparql.setQuery(UPDATE)
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    for url, data, ctype in [
        (endpoint.url + "/update", UPDATE, "application/sparql-update"),
        (endpoint.url + "/update", urllib.parse.urlencode({"update": UPDATE}), "application/x-www-form-urlencoded"),
        (endpoint.query_url, urllib.parse.urlencode({"update": UPDATE}), "application/x-www-form-urlencoded"),
        (endpoint.query_url, UPDATE, "application/sparql-update"),
    ]:
        status, _, _ = request(url, data=data.encode(), method="POST", headers={"Content-Type": ctype})
        assert 400 <= status < 500, (url, ctype, status)
    status, _, _ = request(endpoint.url + "/store?default", data=b"<https://e.org/a> <https://e.org/b> <https://e.org/c> .",
                           method="PUT", headers={"Content-Type": "application/n-triples"})
    assert 400 <= status < 500
    # Nothing was written.
    ask = "ASK { <https://example.org/a> ?p ?o }"
    status, _, body = request(endpoint.query_url + "?" + urllib.parse.urlencode({"query": ask}),
                              headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is False


def test_serves_no_files(endpoint):
    for path in ("/graph.nt", "/graph.ttl", "/../../etc/passwd", "/server.log"):
        status, _, _ = request(endpoint.url + path)
        assert status == 404, path


def test_bad_query_is_400(endpoint):
    status, _, _ = request(endpoint.query_url + "?query=SELEKT")
    assert status == 400


# --- limits of the guard in front of Oxigraph ---------------------------------

SLOW_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
SLOW_STREAM = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def strict_endpoint(tmp_path_factory):
    """An endpoint with a 1 s query limit and 4 KiB request bodies."""
    try:
        oxigraph_binary()
    except FileNotFoundError:
        pytest.skip("oxigraph server binary not installed")
    out = tmp_path_factory.mktemp("serve-limits")
    write_rdf(sample_graph(), out)
    with start(out, port=0, timeout=1, max_request=4096) as ep:
        yield ep


def raw_request(endpoint, head: bytes, body: bytes = b"") -> tuple[int, bytes]:
    """Send bytes as they are; return (status, response body)."""
    host, port = endpoint.url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(head + body)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.split(b"\r\n\r\n", 1)[1]


def test_listens_on_loopback_only_by_default(endpoint):
    import inspect

    assert inspect.signature(start).parameters["host"].default == "127.0.0.1"
    assert endpoint.guard.server_address[0] == "127.0.0.1"
    args = endpoint.process.args  # Oxigraph itself is on a private loopback port
    assert args[args.index("--bind") + 1].startswith("127.0.0.1:")
    assert endpoint.backend.port != endpoint.guard.server_address[1]


def test_query_time_limit_stops_the_query(strict_endpoint):
    before = strict_endpoint.process
    status, _, body = request(strict_endpoint.query_url, data=SLOW_COUNT.encode(), method="POST",
                              headers={"Content-Type": "application/sparql-query"})
    assert status == 503 and "query time limit exceeded (1 s)" in body
    assert before.poll() is not None  # the Oxigraph process still computing it was stopped ...
    assert strict_endpoint.process is not before and strict_endpoint.process.poll() is None  # ... and replaced
    status, _, body = request(strict_endpoint.query_url + "?" + urllib.parse.urlencode({"query": NAMES}),
                              headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]] == AGENCIES


def test_results_streaming_past_the_limit_are_cut(strict_endpoint):
    restarts = strict_endpoint.backend.restarts
    url = strict_endpoint.query_url + "?" + urllib.parse.urlencode({"query": SLOW_STREAM})
    try:
        request(url, headers={"Accept": "text/csv"})
    except (ConnectionError, http.client.IncompleteRead, urllib.error.URLError):
        pass
    assert strict_endpoint.backend.restarts == restarts + 1


def test_request_size_limits(strict_endpoint):
    query = "SELECT * WHERE { ?s ?p ?o } " + "#" * 5000 + "\n"
    status, _, body = request(strict_endpoint.query_url, data=query.encode(), method="POST",
                              headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and "limit is 4096" in body
    # a client announcing a huge body gets the refusal without sending it
    status, body = raw_request(strict_endpoint, b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                                                b"Content-Length: 10000000000\r\n\r\n")
    assert status == 413
    status, body = raw_request(strict_endpoint, b"POST /query HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                                b"Content-Type: application/sparql-query\r\n\r\n", b"5\r\nASK{}\r\n0\r\n\r\n")
    assert status == 411
    status, _, _ = request(strict_endpoint.query_url + "?" + urllib.parse.urlencode({"query": query * 4}))
    assert status == 414
    status, _, _ = request(strict_endpoint.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"}),
                           headers={"Accept": "application/sparql-results+json"})
    assert status == 200


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://169.254.169.254/> {?s?p?o} }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_federated_queries_are_refused(strict_endpoint, query):
    for url, data, headers in [
        (strict_endpoint.query_url + "?" + urllib.parse.urlencode({"query": query}), None, {}),
        (strict_endpoint.query_url, query.encode(), {"Content-Type": "application/sparql-query"}),
        (strict_endpoint.query_url, urllib.parse.urlencode({"query": query}).encode(),
         {"Content-Type": "application/x-www-form-urlencoded"}),
    ]:
        status, headers_, body = request(url, data=data, headers=headers, method="POST" if data else None)
        assert status == 403 and "SERVICE" in body, (url, status, body)
        assert headers_["Access-Control-Allow-Origin"] == "*"


def test_the_word_service_in_data_is_no_federated_query(strict_endpoint):
    q = 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) } # SERVICE <http://x/>'
    status, _, body = request(strict_endpoint.query_url + "?" + urllib.parse.urlencode({"query": q}),
                              headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["service"]["value"] == "SERVICE"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_write_methods_are_refused(strict_endpoint, method):
    status, _, body = request(strict_endpoint.url + "/store?default", data=b"<a:b> <a:c> <a:d> .", method=method,
                              headers={"Content-Type": "application/n-triples"})
    assert status == 403 and "read-only" in body
    status, _, _ = request(strict_endpoint.url + "/store", data=b"<a:b> <a:c> <a:d> .", method="POST",
                           headers={"Content-Type": "application/n-triples"})
    assert status == 403
