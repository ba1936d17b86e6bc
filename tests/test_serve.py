"""The SPARQL endpoint, over real HTTP on 127.0.0.1: urllib, SPARQLWrapper, and the `kg serve` command."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, POST, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed, SPARQLWrapperException

from conftest import make_small_graph
from kg.export.rdf import write_turtle
from kg.query.engine import open_graph
from kg.query.serve import MAX_BODY, make_server

QUERY = "SELECT ?e ?label WHERE { ?e a kg:Benchmark ; skos:prefLabel ?label } ORDER BY ?label"
LABELS = ["GQA", "MMLU"]


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def endpoint(request, tmp_path_factory):
    """A running endpoint on a free port of 127.0.0.1; stopped after the module's tests."""
    path = tmp_path_factory.mktemp("serve") / "graph.ttl"
    write_turtle(make_small_graph(), path)
    engine = open_graph(path, request.param)
    server = make_server(engine, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _post(url: str, body: bytes, content_type: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _labels(body: bytes) -> list[str]:
    return [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]


def _count(endpoint) -> int:
    status, _, body = _get(endpoint.url + "?" + urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}))
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# --- urllib --------------------------------------------------------------------------------------


def test_serve_get_json(endpoint):
    status, headers, body = _get(endpoint.url + "?" + urllib.parse.urlencode({"query": QUERY}))
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert _labels(body) == LABELS


def test_serve_post_form(endpoint):
    status, _, body = _post(endpoint.url, urllib.parse.urlencode({"query": QUERY}).encode(),
                            "application/x-www-form-urlencoded")
    assert status == 200 and _labels(body) == LABELS


def test_serve_post_sparql_query(endpoint):
    status, _, body = _post(endpoint.url, QUERY.encode(), "application/sparql-query")
    assert status == 200 and _labels(body) == LABELS


@pytest.mark.parametrize(("accept", "media"), [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
    ("text/html", "application/sparql-results+json"),
])
def test_serve_content_negotiation(endpoint, accept, media):
    status, headers, body = _get(endpoint.url + "?" + urllib.parse.urlencode({"query": QUERY}), {"Accept": accept})
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == media
    text = body.decode()
    if media == "text/csv":
        assert list(csv.reader(io.StringIO(text)))[1:] == [[f"https://w3id.org/kg/id/benchmark/{x.lower()}", x]
                                                          for x in LABELS]
    elif media == "text/tab-separated-values":
        assert text.splitlines()[0] == "?e\t?label"
    elif media.endswith("xml"):
        ET.fromstring(text)
    else:
        assert _labels(body) == LABELS


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xml", "json"])
def test_serve_format_parameter(endpoint, fmt):
    status, headers, _ = _get(endpoint.url + "?" + urllib.parse.urlencode({"query": QUERY, "format": fmt}))
    assert status == 200 and fmt in headers["Content-Type"].replace("tab-separated-values", "tsv")


def test_serve_ask_and_construct(endpoint):
    status, _, body = _get(endpoint.url + "?" + urllib.parse.urlencode({"query": "ASK { ?p a kg:Paper }"}))
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    construct = "CONSTRUCT { ?e a kg:Thing } WHERE { ?e a kg:Benchmark }"
    status, headers, body = _get(endpoint.url + "?" + urllib.parse.urlencode({"query": construct}),
                                 {"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=body.decode(), format="turtle")) == 2


@pytest.mark.parametrize(("body", "content_type"), [
    (urllib.parse.urlencode({"update": "DROP ALL"}).encode(), "application/x-www-form-urlencoded"),
    (b"INSERT DATA { <http://a/> <http://b/> <http://c/> }", "application/sparql-update"),
])
def test_serve_update_is_forbidden(endpoint, body, content_type):
    before = _count(endpoint)
    status, _, text = _post(endpoint.url, body, content_type)
    assert status == 403 and b"read-only" in text
    assert _count(endpoint) == before


def test_serve_update_get_is_forbidden(endpoint):
    status, _, _ = _get(endpoint.url + "?" + urllib.parse.urlencode({"update": "DROP ALL"}))
    assert status == 403


@pytest.mark.parametrize("query", ["DROP ALL", "INSERT DATA { <http://a/> <http://b/> <http://c/> }",
                                   "SELECT * WHERE { ?s ?p }", ""])
def test_serve_update_or_bad_text_as_query_is_400(endpoint, query):
    before = _count(endpoint)
    status, _, _ = _get(endpoint.url + "?" + urllib.parse.urlencode({"query": query}))
    assert status == 400
    assert _count(endpoint) == before


def test_serve_errors(endpoint):
    assert _get(endpoint.url.replace("/sparql", "/nothing"))[0] == 404
    assert _get(endpoint.url)[0] == 400  # no query
    assert _post(endpoint.url, b"query=x", "text/plain")[0] == 415
    assert _get(endpoint.url + "?" + urllib.parse.urlencode({"query": QUERY, "default-graph-uri": "http://g/"}))[0] == 400
    assert _get(endpoint.url.replace("/sparql", "/"))[0] == 200  # the index page


def test_serve_body_too_large(endpoint):
    # Only the headers are sent: the server must refuse on Content-Length alone, without reading a
    # body (sending one would race the server closing the connection: a broken pipe, not a 413).
    url = urllib.parse.urlsplit(endpoint.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.putrequest("POST", url.path)
        connection.putheader("Content-Type", "application/sparql-query")
        connection.putheader("Content-Length", str(MAX_BODY + 1))
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert str(MAX_BODY) in response.read().decode()
    finally:
        connection.close()
    assert _count(endpoint) > 0  # the server still answers


def test_serve_cors_preflight(endpoint):
    request = urllib.request.Request(endpoint.url, method="OPTIONS",
                                     headers={"Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_serve_parallel_requests(endpoint):
    results: list[list[str]] = []

    def ask() -> None:
        results.append(_labels(_get(endpoint.url + "?" + urllib.parse.urlencode({"query": QUERY}))[2]))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [LABELS] * 8


# --- SPARQLWrapper ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", POST])
def test_serve_sparqlwrapper_json(endpoint, method):
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(QUERY)
    client.setMethod(method)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == LABELS


def test_serve_sparqlwrapper_xml_and_csv(endpoint):
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(QUERY)
    client.setReturnFormat(XML)
    document = client.query().convert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == LABELS
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[0] == "e,label"


def test_serve_sparqlwrapper_update_is_refused(endpoint):
    before = _count(endpoint)
    client = SPARQLWrapper(endpoint.url, updateEndpoint=endpoint.url)
    client.setQuery("INSERT DATA { <http://a/> <http://b/> <http://c/> }")
    client.setMethod(POST)
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as caught:
        client.query()
    assert "403" in str(caught.value)
    assert _count(endpoint) == before


def test_serve_sparqlwrapper_bad_query(endpoint):
    client = SPARQLWrapper(endpoint.url)
    client.setQuery("SELECT * WHERE { ?s ?p }")
    client.setReturnFormat(JSON)
    with pytest.raises((QueryBadFormed, EndPointInternalError)):
        client.query()


# --- the command ----------------------------------------------------------------------------------


def test_serve_command_runs_a_real_server(tmp_path):
    path = tmp_path / "graph.ttl"
    write_turtle(make_small_graph(), path)
    env = dict(os.environ, COLUMNS="200")
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(path), "--port", "0"],
                               stderr=subprocess.PIPE, text=True, env=env, cwd=Path(__file__).parent.parent)
    try:
        line = process.stderr.readline()
        assert "SPARQL endpoint: http://127.0.0.1:" in line, line
        url = line.split("SPARQL endpoint: ")[1].split()[0]
        status, _, body = _get(url + "?" + urllib.parse.urlencode({"query": QUERY}))
        assert status == 200 and _labels(body) == LABELS
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()
