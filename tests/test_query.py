"""SPARQL: canned queries against hand-worked answers, both engines alike, parameters, formats, CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from conftest import make_small_graph
from kg.cli import app
from kg.errors import QueryError
from kg.export.rdf import DEFAULT_BASE, node_iri, write_ntriples, write_oxigraph, write_turtle
from kg.query import engine as engine_module
from kg.query.engine import (
    Engine, OxigraphEngine, RdflibEngine, bind, canned_queries, check_query, default_graph_path,
    format_result, open_graph, parse_params, parse_term, run_query,
)

P1, P2 = "https://arxiv.org/abs/2401.00001", "https://arxiv.org/abs/2402.00002"
T1, T2 = "AlphaNet: A Model", "BetaTune: Tuning AlphaNet"
S1, S2 = "We propose AlphaNet, built on Llama 2.", "We fine-tune AlphaNet with LoRA."
KG = "https://w3id.org/kg/ontology#"


def e(path: str) -> str:
    return DEFAULT_BASE + path


def augmented_graph():
    """The small graph plus BetaTune: p2 introduces the model BetaTune and the benchmark GQA."""
    graph = make_small_graph()
    p2 = "paper:2402.00002"
    graph.add_node("model:betatune", kind="Model", label="BetaTune", aliases=["BetaTune"], papers=1)
    for target, relation in (("model:betatune", "mentions"), ("model:betatune", "introduces"),
                             ("benchmark:gqa", "introduces")):
        graph.add_edge(p2, target, key=relation, relation=relation, surface=["x"], evidence=S2,
                       rule="propose", confidence=0.85)
    return graph


def _open(graph, kind: str, tmp_path: Path) -> Engine:
    path = tmp_path / "graph.ttl"
    write_turtle(graph, path)
    if kind == "oxigraph-store":
        write_oxigraph(graph, tmp_path / "graph.oxigraph")
        return open_graph(tmp_path / "graph.oxigraph", "auto")
    return open_graph(path, kind)


ENGINES = ["rdflib", "oxigraph", "oxigraph-store"]


@pytest.fixture(scope="module", params=ENGINES)
def small(request, tmp_path_factory) -> Engine:
    """The small graph on each engine (read-only, so one per module)."""
    return _open(make_small_graph(), request.param, tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="module", params=ENGINES)
def augmented(request, tmp_path_factory) -> Engine:
    return _open(augmented_graph(), request.param, tmp_path_factory.mktemp("augmented"))


def rows(result) -> list[tuple]:
    return [tuple(None if t is None else str(t) for t in row) for row in result.rows]


# --- the canned library --------------------------------------------------------------------------


def test_query_library_has_at_least_eight_described_queries():
    library = canned_queries()
    assert len(library) >= 8
    for name, canned in library.items():
        assert canned.description and not canned.description.startswith("@"), name
        check_query(canned.text)
        for param in canned.params:
            assert f"?{param.name}" in canned.text, (name, param.name)


# Answers worked out by hand from tests/conftest.py (make_small_graph's docstring and edges).
EXPECTED = {
    ("builds_on", ("name=AlphaNet",)): [(e("model/llama-2"), "Llama 2")],
    ("builds_on", ("name=Llama 2",)): [],
    ("compares_to", ("name=Llama 2",)): [(P1, T1, e("model/alphanet"), "AlphaNet")],
    ("compares_to", ("name=LLaMA 2",)): [(P1, T1, e("model/alphanet"), "AlphaNet")],  # an alias
    ("compares_to", ("name=AlphaNet",)): [],
    ("edge_evidence", ("name=Llama 2", "relation=kg:buildsOn")): [(P1, T1, P1, S1, "based_on", "0.8")],
    ("edge_evidence", ("name=MMLU", "relation=kg:evaluatedOn")): [
        (P1, T1, P1, S1, "evaluated_on", "0.75"), (P2, T2, P2, S2, "evaluated_on", "0.75")],
    ("edge_evidence", ("name=AlphaNet", "relation=kg:variantOf")): [
        (e("model/alphanet-7b"), "AlphaNet-7B", None, None, "family", "1")],
    ("evaluated_on", ("name=AlphaNet",)): [(e("benchmark/mmlu"), "MMLU", "introduced", P1, T1)],
    ("evaluated_on", ("name=Llama 2",)): [(e("benchmark/mmlu"), "MMLU", "baseline", P1, T1)],
    ("evaluated_on", ("name=LoRA",)): [],
    ("family", ("name=AlphaNet-7B",)): [
        (e("model/alphanet"), "AlphaNet", e("model/alphanet"), "AlphaNet", None, "2"),
        (e("model/alphanet"), "AlphaNet", e("model/alphanet-7b"), "AlphaNet-7B", e("model/alphanet"), "1")],
    ("family", ("name=Llama 2",)): [(e("model/llama-2"), "Llama 2", e("model/llama-2"), "Llama 2", None, "1")],
    ("introduced_with_benchmark", ()): [],
    ("lineage", ("name=Llama 2",)): [(e("model/llama-2"), "Llama 2", e("model/alphanet"), "AlphaNet", "1")],
    ("lineage", ("name=AlphaNet",)): [],
    ("most_mentioned", ()): [
        (e("model/alphanet"), KG + "Model", "AlphaNet", "2"),
        (e("benchmark/mmlu"), KG + "Benchmark", "MMLU", "2"),
        (e("model/alphanet-7b"), KG + "Model", "AlphaNet-7B", "1"),
        (e("benchmark/gqa"), KG + "Benchmark", "GQA", "1"),
        (e("model/llama-2"), KG + "Model", "Llama 2", "1"),
        (e("method/lora"), KG + "Method", "LoRA", "1"),
        (e("dataset/the-pile"), KG + "Dataset", "The Pile", "1")],
    ("shared_benchmarks", ("first=AlphaNet", "second=Llama 2")): [(e("benchmark/mmlu"), "MMLU", "1", "1")],
    ("shared_benchmarks", ("first=AlphaNet", "second=LoRA")): [],
    ("top_benchmarks", ()): [(e("benchmark/mmlu"), "MMLU", "2"), (e("benchmark/gqa"), "GQA", "1")],
}

EXPECTED_AUGMENTED = {
    ("introduced_with_benchmark", ()): [(P2, T2, e("model/betatune"), "BetaTune", e("benchmark/gqa"), "GQA")],
    ("lineage", ("name=Llama 2",)): [
        (e("model/alphanet"), "AlphaNet", e("model/betatune"), "BetaTune", "1"),
        (e("model/llama-2"), "Llama 2", e("model/alphanet"), "AlphaNet", "1")],
    ("builds_on", ("name=BetaTune",)): [
        (e("model/alphanet"), "AlphaNet"), (e("model/llama-2"), "Llama 2"), (e("method/lora"), "LoRA")],
}


def test_query_every_canned_query_has_a_hand_worked_answer():
    assert {name for name, _ in EXPECTED} == set(canned_queries())


@pytest.mark.parametrize(("name", "params"), sorted(EXPECTED))
def test_query_canned_answers_on_small_graph(small, name, params):
    assert rows(run_query(small, name, params)) == EXPECTED[(name, params)]


@pytest.mark.parametrize(("name", "params"), sorted(EXPECTED_AUGMENTED))
def test_query_canned_answers_on_augmented_graph(augmented, name, params):
    assert rows(run_query(augmented, name, params)) == EXPECTED_AUGMENTED[(name, params)]


# --- both engines agree on the sample corpus ------------------------------------------------------


def _normal(term):
    if term is None:
        return None
    if isinstance(term, Literal):
        return ("literal", str(term.toPython()) if term.datatype else str(term), str(term.datatype or ""),
                term.language)
    return str(term)


def _sample_params(graph) -> dict[str, list[str]]:
    def top(relation: str, n: int = 2) -> list[str]:
        counts = Counter(v for _, v, k in graph.edges(keys=True) if k == relation)
        return [graph.nodes[v]["label"] for v, _ in counts.most_common(n)]

    families = Counter(v for _, v, k in graph.edges(keys=True) if k == "variant_of")
    built, compared = top("builds_on"), top("compares_to")
    return {
        "lineage": [f"name={built[0]}"], "builds_on": [f"name={top('introduces')[0]}"],
        "evaluated_on": [f"name={compared[0]}"], "compares_to": [f"name={compared[0]}"],
        "shared_benchmarks": [f"first={compared[0]}", f"second={compared[1]}"],
        "family": [f"name={graph.nodes[families.most_common(1)[0][0]]['label']}"],
        "edge_evidence": [f"name={built[0]}", "relation=kg:buildsOn"],
    }


@pytest.fixture(scope="module")
def sample_engines(sample_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "graph.nt"
    write_ntriples(sample_graph, path)
    return open_graph(path, "rdflib"), open_graph(path, "oxigraph")


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_query_engines_agree_on_the_sample_corpus(sample_graph, sample_engines, name):
    params = _sample_params(sample_graph).get(name, [])
    rdflib_engine, oxigraph_engine = sample_engines
    a, b = run_query(rdflib_engine, name, params), run_query(oxigraph_engine, name, params)
    assert a.variables == b.variables
    assert Counter(tuple(map(_normal, r)) for r in a.rows) == Counter(tuple(map(_normal, r)) for r in b.rows)
    if "ORDER BY" in canned_queries()[name].text:
        # the same order too: every canned query orders its rows completely
        assert [tuple(map(_normal, r)) for r in a.rows] == [tuple(map(_normal, r)) for r in b.rows]


def test_query_sample_answers_are_not_all_empty(sample_graph, sample_engines):
    params = _sample_params(sample_graph)
    sizes = {name: len(run_query(sample_engines[1], name, params.get(name, [])).rows) for name in canned_queries()}
    assert sum(1 for n in sizes.values() if n) >= 8, sizes


# --- the queries rewritten for large stores, against the same answer computed on the networkx graph ---


def _iri(graph, node: str) -> str:
    return node_iri(node, graph.nodes[node]["kind"])


def _named(graph, name: str) -> set[str]:
    """The entities whose label or an alias is ``name`` (skos:prefLabel|skos:altLabel)."""
    return {n for n, a in graph.nodes(data=True)
            if a["kind"] != "Paper" and (a["label"] == name or name in a.get("aliases", ()))}


def _targets(graph, node: str, relation: str) -> set[str]:
    return {v for _, v, k in graph.out_edges(node, keys=True) if k == relation}


def _papers(graph) -> list[str]:
    return sorted(n for n, a in graph.nodes(data=True) if a["kind"] == "Paper")


def _expected_introduced_with_benchmark(graph) -> list[tuple]:
    rows = []
    for paper in _papers(graph):
        introduced = _targets(graph, paper, "introduces")
        for entity in introduced:
            if graph.nodes[entity]["kind"] not in ("Model", "Method"):
                continue
            for benchmark in introduced:
                if graph.nodes[benchmark]["kind"] in ("Benchmark", "Dataset"):
                    rows.append((_iri(graph, paper), graph.nodes[paper]["label"], _iri(graph, entity),
                                 graph.nodes[entity]["label"], _iri(graph, benchmark), graph.nodes[benchmark]["label"]))
    return sorted(rows, key=lambda r: (r[1], r[3], r[5], r[0], r[2], r[4]))


def _expected_lineage(graph, name: str) -> list[tuple]:
    tree = set(_named(graph, name))  # the entity and everything that builds on it, at any depth
    papers: dict[tuple[str, str], set[str]] = {}
    grown = True
    while grown:
        grown = False
        for paper in _papers(graph):
            for parent in _targets(graph, paper, "builds_on") & tree:
                for child in _targets(graph, paper, "introduces"):
                    if child != parent and graph.nodes[child]["kind"] in ("Model", "Method"):
                        papers.setdefault((parent, child), set()).add(paper)
                        if child not in tree:
                            tree.add(child)
                            grown = True
    rows = [(_iri(graph, parent), graph.nodes[parent]["label"], _iri(graph, child), graph.nodes[child]["label"],
             len(found)) for (parent, child), found in papers.items()]
    return sorted(rows, key=lambda r: (r[1], r[3], r[0], r[2]))


def _expected_shared_benchmarks(graph, first: str, second: str) -> list[tuple]:
    def evaluated(name: str) -> dict[str, set[str]]:
        entities = _named(graph, name)
        found: dict[str, set[str]] = {}
        for paper in _papers(graph):
            if entities & (_targets(graph, paper, "introduces") | _targets(graph, paper, "compares_to")):
                for benchmark in _targets(graph, paper, "evaluated_on"):
                    found.setdefault(benchmark, set()).add(paper)
        return found

    a, b = evaluated(first), evaluated(second)
    rows = [(_iri(graph, bench), graph.nodes[bench]["label"], len(a[bench]), len(b[bench])) for bench in a.keys() & b.keys()]
    return sorted(rows, key=lambda r: (r[1], r[0]))


_PROPERTY = {"kg:mentions": "mentions", "kg:introduces": "introduces", "kg:buildsOn": "builds_on",
             "kg:trainedOn": "trained_on", "kg:evaluatedOn": "evaluated_on", "kg:comparesTo": "compares_to",
             "kg:variantOf": "variant_of"}


def _expected_edge_evidence(graph, name: str, relation: str) -> list[tuple]:
    rows = []
    for subject, entity, key, edge in graph.edges(keys=True, data=True):
        if key == _PROPERTY[relation] and entity in _named(graph, name):
            is_paper = graph.nodes[subject]["kind"] == "Paper"
            rows.append((_iri(graph, subject), graph.nodes[subject]["label"], _iri(graph, subject) if is_paper else None,
                         edge["evidence"] or None, edge["rule"], round(float(edge["confidence"]), 3)))
    return sorted(rows, key=lambda r: (r[0], r[2] or "", r[4], r[5], r[3] or ""))


def _plain(row) -> tuple:
    """A result row as Python values: IRIs and strings as str, numbers as int or float."""
    values = []
    for term in row:
        if isinstance(term, Literal) and term.datatype is not None:
            value = term.toPython()
            values.append(int(value) if isinstance(value, int) else round(float(value), 3))
        else:
            values.append(None if term is None else str(term))
    return tuple(values)


def _rewritten_cases(graph) -> list[tuple[str, list[str], list[tuple]]]:
    def ranked(relation: str) -> list[str]:
        counts = Counter(v for _, v, k in graph.edges(keys=True) if k == relation)
        return [graph.nodes[v]["label"] for v, _ in counts.most_common()]

    built, compared, mentioned = ranked("builds_on"), ranked("compares_to"), ranked("mentions")
    family = ranked("variant_of")[0]
    benchmark = next(n for n in ranked("evaluated_on"))
    cases = [("introduced_with_benchmark", [], _expected_introduced_with_benchmark(graph))]
    for name in (built[0], built[1], built[-1], compared[0]):
        cases.append(("lineage", [f"name={name}"], _expected_lineage(graph, name)))
    evaluated: dict[str, set[str]] = {}  # entity -> benchmarks, to pick pairs that share some
    for paper in _papers(graph):
        for entity in _targets(graph, paper, "introduces") | _targets(graph, paper, "compares_to"):
            evaluated.setdefault(graph.nodes[entity]["label"], set()).update(_targets(graph, paper, "evaluated_on"))
    top = sorted(evaluated, key=lambda e: (-len(evaluated[e]), e))[:12]
    pairs = sorted(((a, b) for i, a in enumerate(top) for b in top[i + 1:] if evaluated[a] & evaluated[b]),
                   key=lambda pair: (-len(evaluated[pair[0]] & evaluated[pair[1]]), pair))
    for first, second in (pairs[0], pairs[len(pairs) // 2], pairs[-1], (top[0], top[0]), (built[0], mentioned[0])):
        cases.append(("shared_benchmarks", [f"first={first}", f"second={second}"],
                      _expected_shared_benchmarks(graph, first, second)))
    for name, relation in ((built[0], "kg:buildsOn"), (mentioned[0], "kg:mentions"), (family, "kg:variantOf"),
                           (benchmark, "kg:evaluatedOn"), (compared[2], "kg:comparesTo")):
        cases.append(("edge_evidence", [f"name={name}", f"relation={relation}"],
                      _expected_edge_evidence(graph, name, relation)))
    return cases


def test_query_rewritten_queries_match_networkx_on_the_sample_corpus(sample_graph, sample_engines):
    cases = _rewritten_cases(sample_graph)
    assert all(expected for _, _, expected in cases[:2]), "the sample corpus should give non-empty answers"
    for engine in sample_engines:
        for name, params, expected in cases:
            got = [_plain(row) for row in run_query(engine, name, params).rows]
            if name == "edge_evidence":  # the engines order by subject, then paper, rule, confidence, evidence
                assert sorted(got, key=lambda r: (r[0], r[2] or "", r[4], r[5], r[3] or "")) == expected
                assert [r[0] for r in got] == [r[0] for r in expected], (engine.name, name, params)
            else:
                assert got == expected, (engine.name, name, params)


@pytest.mark.parametrize("kind", ["rdflib", "oxigraph"])
def test_query_rewritten_queries_match_networkx_on_the_augmented_graph(tmp_path, kind):
    graph = augmented_graph()
    engine = _open(graph, kind, tmp_path)
    for name, params, expected in (
        ("introduced_with_benchmark", [], _expected_introduced_with_benchmark(graph)),
        ("lineage", ["name=Llama 2"], _expected_lineage(graph, "Llama 2")),
        ("lineage", ["name=LLaMA 2"], _expected_lineage(graph, "LLaMA 2")),
        ("shared_benchmarks", ["first=AlphaNet", "second=Llama 2"], _expected_shared_benchmarks(graph, "AlphaNet", "Llama 2")),
        ("shared_benchmarks", ["first=Llama 2", "second=Llama 2"], _expected_shared_benchmarks(graph, "Llama 2", "Llama 2")),
        ("edge_evidence", ["name=AlphaNet", "relation=kg:mentions"], _expected_edge_evidence(graph, "AlphaNet", "kg:mentions")),
        ("edge_evidence", ["name=GQA", "relation=kg:introduces"], _expected_edge_evidence(graph, "GQA", "kg:introduces")),
    ):
        assert expected, (name, params)
        assert [_plain(row) for row in run_query(engine, name, params).rows] == expected, (name, params)


def test_query_oxigraph_result_building_leaves_the_garbage_collector_as_it_was(tmp_path):
    import gc

    engine = _open(make_small_graph(), "oxigraph", tmp_path)
    assert gc.isenabled()
    assert rows(run_query(engine, "top_benchmarks")) == EXPECTED[("top_benchmarks", ())]
    assert gc.isenabled()
    gc.disable()
    try:
        run_query(engine, "top_benchmarks")
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- parameters are values, never query text -------------------------------------------------------

HOSTILE = ['} ; DROP ALL', 'x" } ; DROP ALL ; SELECT * { ?s ?p ?o', "a'b\\", '{braces}', 'new\nline', '"',
           '?name', '<http://x>"']


@pytest.mark.parametrize("value", HOSTILE)
def test_query_hostile_param_changes_nothing_but_the_value(small, value):
    before = len(small)
    result = run_query(small, "compares_to", [f"name={value}"])
    assert result.rows == []
    assert len(small) == before
    # and the same query still answers for a real name afterwards
    assert rows(run_query(small, "compares_to", ["name=Llama 2"])) == EXPECTED[("compares_to", ("name=Llama 2",))]


@pytest.mark.parametrize("label", ['Evil" } ; DROP ALL #', "Brace {Model}", "Back\\slash 'quoted'"])
@pytest.mark.parametrize("kind", ["rdflib", "oxigraph"])
def test_query_hostile_name_is_matched_exactly(tmp_path, label, kind):
    graph = make_small_graph()
    graph.nodes["model:llama-2"]["aliases"].append(label)
    engine = _open(graph, kind, tmp_path)
    assert rows(run_query(engine, "compares_to", [f"name={label}"])) == [(P1, T1, e("model/alphanet"), "AlphaNet")]


def test_query_bind_puts_values_at_the_start_of_the_where_group():
    text = 'SELECT ?x WHERE { ?x ?p ?name . FILTER (?name != "}") }'
    bound = bind(text, {"name": Literal('a"}b')})
    assert bound == 'SELECT ?x WHERE { VALUES (?name) { ("a\\"}b") }\n ?x ?p ?name . FILTER (?name != "}") }'


def test_query_bind_skips_a_construct_template():
    bound = bind("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("http://x/")})
    assert bound.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://x/>) }")


def test_query_bind_ignores_braces_in_select_expressions_and_strings():
    text = 'SELECT (EXISTS { ?a ?b ?c } AS ?e) ("{" AS ?f) # {\nWHERE { ?a ?b ?name }'
    assert bind(text, {"name": Literal("v")}).endswith('WHERE { VALUES (?name) { ("v") }\n ?a ?b ?name }')


@pytest.mark.parametrize(("params", "message"), [
    ({"nope": Literal("x")}, r"no variable \?nope"),
])
def test_query_bind_rejects_unknown_parameters(params, message):
    with pytest.raises(QueryError, match=message):
        bind("SELECT * WHERE { ?s ?p ?o }", params)


def test_query_missing_parameter_is_an_error(small):
    with pytest.raises(QueryError, match="missing parameter"):
        run_query(small, "lineage", [])


def test_query_canned_query_refuses_parameters_it_does_not_take(small):
    with pytest.raises(QueryError, match="takes name"):
        run_query(small, "lineage", ["name=x", "other=y"])


@pytest.mark.parametrize(("value", "expected"), [
    ("Llama 2", Literal("Llama 2")),
    ("kg:buildsOn", URIRef(KG + "buildsOn")),
    ("<https://example.org/x>", URIRef("https://example.org/x")),
    ('"text"@en', Literal("text", lang="en")),
    ('"7"^^xsd:integer', Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))),
    ("'single \\'quoted\\''", Literal("single 'quoted'")),
    ("42", Literal("42", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))),
    ("0.5", Literal("0.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))),
    ("nope:thing", Literal("nope:thing")),
    ("} ; DROP ALL", Literal("} ; DROP ALL")),
])
def test_query_parse_term(value, expected):
    assert parse_term(value) == expected


@pytest.mark.parametrize("value", ["<relative>", "<http://x y>", '"bad \\q escape"'])
def test_query_parse_term_rejects_bad_terms(value):
    with pytest.raises(QueryError):
        parse_term(value)


@pytest.mark.parametrize("pair", ["noequals", "1bad=x", "a b=c"])
def test_query_parse_params_rejects_bad_names(pair):
    with pytest.raises(QueryError):
        parse_params([pair])


# --- read-only and offline -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [
    ("INSERT DATA { <http://a/> <http://b/> <http://c/> }", "read-only"),
    ("DELETE WHERE { ?s ?p ?o }", "read-only"),
    ("DROP ALL", "read-only"),
    ("LOAD <http://example.org/x>", "read-only"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * WHERE { ?s ?p }", "bad SPARQL"),
    ("hello there", "not a canned query"),
])
def test_query_refused(small, text, message):
    before = len(small)
    with pytest.raises(QueryError, match=message):
        run_query(small, text)
    assert len(small) == before


def test_query_keywords_inside_strings_and_iris_are_not_refused(small):
    text = 'SELECT ?s WHERE { ?s ?p ?o . FILTER (?o != "DROP ALL SERVICE FROM") FILTER (?s != <http://x/FROM>) } LIMIT 1'
    assert len(run_query(small, text).rows) == 1


def test_query_long_one_line_query_is_not_taken_for_a_file_name(small):
    text = "SELECT ?e WHERE { ?e a kg:Benchmark . " + "FILTER (?e != <http://x/>) " * 20 + "}"
    assert len(run_query(small, text).rows) == 2


def test_query_prefixes_are_declared(small):
    result = run_query(small, "SELECT ?e WHERE { ?e a kg:Benchmark ; skos:prefLabel ?l } ORDER BY ?l")
    assert rows(result) == [(e("benchmark/gqa"),), (e("benchmark/mmlu"),)]


def test_query_ask_construct_describe(small):
    assert run_query(small, "ASK { ?p a kg:Paper }").boolean is True
    assert run_query(small, "ASK { ?p a kg:Nothing }").boolean is False
    constructed = run_query(small, "CONSTRUCT { ?e a kg:Thing } WHERE { ?e a kg:Benchmark }")
    assert len(constructed.triples) == 2
    described = run_query(small, "DESCRIBE ?e WHERE { ?e skos:prefLabel 'GQA' }")
    assert (URIRef(e("benchmark/gqa")), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
            Literal("GQA")) in described.triples


# --- result formats ------------------------------------------------------------------------------


@pytest.fixture
def evidence_result(tmp_path):
    return run_query(_open(make_small_graph(), "rdflib", tmp_path), "edge_evidence",
                     ["name=AlphaNet", "relation=kg:variantOf"])


def test_query_json_results(evidence_result):
    data = json.loads(format_result(evidence_result, "json"))
    assert data["head"]["vars"] == ["subject", "subjectLabel", "paper", "evidence", "rule", "confidence"]
    (binding,) = data["results"]["bindings"]
    assert binding["subject"] == {"type": "uri", "value": e("model/alphanet-7b")}
    assert binding["rule"] == {"type": "literal", "value": "family"}
    assert binding["confidence"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"
    assert "paper" not in binding  # unbound


def test_query_csv_and_tsv_results(evidence_result):
    table = list(csv.reader(io.StringIO(format_result(evidence_result, "csv"))))
    assert table == [["subject", "subjectLabel", "paper", "evidence", "rule", "confidence"],
                     [e("model/alphanet-7b"), "AlphaNet-7B", "", "", "family", "1"]]
    assert format_result(evidence_result, "csv").endswith("\r\n")
    lines = format_result(evidence_result, "tsv").splitlines()
    assert lines[0] == "?subject\t?subjectLabel\t?paper\t?evidence\t?rule\t?confidence"
    assert lines[1] == (f"<{e('model/alphanet-7b')}>\t\"AlphaNet-7B\"\t\t\t\"family\"\t"
                        "\"1\"^^<http://www.w3.org/2001/XMLSchema#decimal>")


def test_query_text_with_tabs_and_newlines_stays_in_its_cell(tmp_path):
    graph = make_small_graph()
    graph.nodes["model:llama-2"]["aliases"].append('tab\there, "quote", new\nline')
    engine = _open(graph, "rdflib", tmp_path)
    result = run_query(engine, "SELECT ?a WHERE { ?e skos:altLabel ?a FILTER (CONTAINS(?a, 'tab')) }")
    assert list(csv.reader(io.StringIO(format_result(result, "csv")))) == [["a"], ['tab\there, "quote", new\nline']]
    assert format_result(result, "tsv").splitlines()[1] == '"tab\\there, \\"quote\\", new\\nline"'


def test_query_xml_results(evidence_result):
    root = ET.fromstring(format_result(evidence_result, "xml"))
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)][:2] == ["subject", "subjectLabel"]
    assert root.find("s:results/s:result/s:binding[@name='rule']/s:literal", ns).text == "family"


# --- opening graphs ------------------------------------------------------------------------------


def test_query_auto_engine_by_size(small_graph, tmp_path, monkeypatch):
    path = tmp_path / "graph.ttl"
    write_turtle(small_graph, path)
    assert isinstance(open_graph(path), RdflibEngine)
    monkeypatch.setattr(engine_module, "AUTO_OXIGRAPH_BYTES", path.stat().st_size - 1)
    assert isinstance(open_graph(path), OxigraphEngine)
    write_oxigraph(small_graph, tmp_path / "graph.oxigraph")
    assert isinstance(open_graph(tmp_path / "graph.oxigraph"), OxigraphEngine)
    with pytest.raises(QueryError, match="Oxigraph store"):
        open_graph(tmp_path / "graph.oxigraph", "rdflib")


def test_query_default_graph_is_the_newer_export(small_graph, tmp_path):
    write_turtle(small_graph, tmp_path / "graph.ttl")
    assert default_graph_path(tmp_path) == tmp_path / "graph.ttl"
    write_oxigraph(small_graph, tmp_path / "graph.oxigraph")
    now = time.time()
    os.utime(tmp_path / "graph.ttl", (now - 100, now - 100))
    assert default_graph_path(tmp_path) == tmp_path / "graph.oxigraph"
    assert default_graph_path(tmp_path, "rdflib") == tmp_path / "graph.ttl"  # rdflib cannot read a store
    os.utime(tmp_path / "graph.ttl", (now + 100, now + 100))
    assert default_graph_path(tmp_path) == tmp_path / "graph.ttl"


def test_query_missing_graph_is_an_error(tmp_path):
    with pytest.raises(QueryError, match="kg build"):
        default_graph_path(tmp_path)
    with pytest.raises(QueryError, match="no such graph"):
        open_graph(tmp_path / "none.ttl")


def test_query_bad_graph_file_is_an_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    for kind in ("rdflib", "oxigraph"):
        with pytest.raises(QueryError, match="cannot read the graph"):
            open_graph(bad, kind)


# --- CLI -----------------------------------------------------------------------------------------

runner = CliRunner()


@pytest.fixture
def ttl(small_graph, tmp_path) -> Path:
    path = tmp_path / "graph.ttl"
    write_turtle(small_graph, path)
    return path


def test_cli_query_canned_table(ttl):
    result = runner.invoke(app, ["query", "compares_to", "--graph", str(ttl), "--param", "name=Llama 2"])
    assert result.exit_code == 0, result.output
    assert "AlphaNet: A Model" in result.stdout and "arXiv:2401.00001" in result.stdout


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_cli_query_json_output(ttl, engine):
    result = runner.invoke(app, ["query", "top_benchmarks", "-g", str(ttl), "-f", "json", "--engine", engine])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert [(b["label"]["value"], b["papers"]["value"]) for b in bindings] == [("MMLU", "2"), ("GQA", "1")]


def test_cli_query_file_and_inline(ttl, tmp_path):
    query = tmp_path / "labels.rq"
    query.write_text("SELECT ?l WHERE { ?e a kg:Dataset ; skos:prefLabel ?l }", encoding="utf-8")
    for spec in (str(query), query.read_text()):
        result = runner.invoke(app, ["query", spec, "-g", str(ttl), "-f", "csv"])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes == b"l\r\nThe Pile\r\n"  # CSV rows end in CRLF (RFC 4180)


def test_cli_query_error_is_one_line_exit_1(ttl):
    result = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p }", "-g", str(ttl)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error:")


def test_cli_query_bad_format_is_a_usage_error(ttl):
    result = runner.invoke(app, ["query", "top_benchmarks", "-g", str(ttl), "-f", "yaml"])
    assert result.exit_code == 2


def test_cli_queries_lists_every_canned_query():
    result = runner.invoke(app, ["queries"])
    assert result.exit_code == 0, result.output
    for name, canned in canned_queries().items():
        assert name in result.stdout
        assert canned.description.split()[0] in result.stdout
    assert "first=... second=..." in result.stdout
