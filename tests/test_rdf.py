"""RDF export: round trips, SHACL, IRIs, provenance, determinism, the ontology and its generated terms."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SKOS

import kg
from kg.errors import KgError
from kg.export import DEFAULT_FORMATS, EXPORTERS
from kg.export.rdf import (
    DEFAULT_BASE, SCHEMA, assertion_iri, entity_iri, paper_iri, to_rdf, write_jsonld, write_ntriples,
    write_oxigraph, write_turtle,
)
from kg.rdf_terms import KG
from kg.resources import ontology_dir

ROOT = Path(__file__).resolve().parent.parent
WRITERS = {"turtle": (write_turtle, "ttl"), "nt": (write_ntriples, "nt"), "json-ld": (write_jsonld, "jsonld")}
OX_FORMATS = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
              "json-ld": pyoxigraph.RdfFormat.JSON_LD}


def _parse(path: Path, fmt: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(path, format=fmt)
    return graph


def _shacl(data: rdflib.Graph) -> tuple[bool, str]:
    import pyshacl

    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return conforms, text


# --- round trips ---------------------------------------------------------------------------------


def test_rdf_sample_turtle_parses_back_to_the_same_triples(sample_graph, tmp_path):
    path = tmp_path / "graph.ttl"
    write_turtle(sample_graph, path)
    assert isomorphic(_parse(path, "turtle"), to_rdf(sample_graph))


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_rdf_every_format_round_trips_in_rdflib_and_oxigraph(small_graph, tmp_path, fmt):
    writer, ext = WRITERS[fmt]
    path = tmp_path / f"graph.{ext}"
    writer(small_graph, path)
    expected = to_rdf(small_graph)
    assert isomorphic(_parse(path, fmt), expected)
    store = pyoxigraph.Store()
    store.load(path=str(path), format=OX_FORMATS[fmt])
    assert len(store) == len(expected)


def test_rdf_oxigraph_store_holds_the_same_triples(small_graph, tmp_path):
    write_oxigraph(small_graph, tmp_path / "graph.oxigraph")
    store = pyoxigraph.Store.read_only(str(tmp_path / "graph.oxigraph"))
    nt = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store)
    assert isomorphic(rdflib.Graph().parse(data=nt, format="nt"), to_rdf(small_graph))


def test_rdf_oxigraph_store_replaces_the_old_one(small_graph, tmp_path):
    target = tmp_path / "graph.oxigraph"
    write_oxigraph(small_graph, target)
    smaller = small_graph.copy()
    smaller.remove_node("benchmark:gqa")
    write_oxigraph(smaller, target)
    assert len(pyoxigraph.Store.read_only(str(target))) == len(to_rdf(smaller))
    assert [p.name for p in tmp_path.iterdir()] == ["graph.oxigraph"]


def test_rdf_registry_writes_every_rdf_format(small_graph, tmp_path):
    written = kg.export(small_graph, tmp_path, ["ttl", "nt", "jsonld", "oxigraph"])
    assert {f: p.name for f, p in written.items()} == {
        "ttl": "graph.ttl", "nt": "graph.nt", "jsonld": "graph.jsonld", "oxigraph": "graph.oxigraph"}
    for fmt in ("ttl", "nt", "jsonld"):
        assert written[fmt].read_bytes().endswith(b"\n")
    assert written["oxigraph"].is_dir()


def test_rdf_new_formats_are_not_defaults():
    assert {"nt", "jsonld", "oxigraph"} <= set(EXPORTERS)
    assert not {"nt", "jsonld", "oxigraph"} & set(DEFAULT_FORMATS)
    assert "ttl" in DEFAULT_FORMATS


# --- SHACL ---------------------------------------------------------------------------------------


def test_rdf_sample_export_conforms_to_the_shapes(sample_graph, tmp_path):
    path = tmp_path / "graph.ttl"
    write_turtle(sample_graph, path)
    conforms, report = _shacl(_parse(path, "turtle"))
    assert conforms, report


def test_rdf_small_export_conforms_to_the_shapes(small_graph):
    conforms, report = _shacl(to_rdf(small_graph))
    assert conforms, report


def _drop_assertion(g: rdflib.Graph) -> None:
    node = URIRef(assertion_iri("paper:2401.00001", "builds_on", "model:llama-2"))
    for triple in list(g.triples((node, None, None))):
        g.remove(triple)


def _wrong_kind(g: rdflib.Graph) -> None:
    g.add((URIRef(paper_iri("2401.00001")), KG.comparesTo, URIRef(entity_iri("Dataset", "the-pile"))))


def _wrong_count(g: rdflib.Graph) -> None:
    node = URIRef(entity_iri("Benchmark", "mmlu"))
    g.set((node, KG.paperCount, Literal(7)))


def _orphan_assertion(g: rdflib.Graph) -> None:
    g.remove((URIRef(paper_iri("2401.00001")), KG.buildsOn, URIRef(entity_iri("Model", "llama-2"))))


def _second_title(g: rdflib.Graph) -> None:
    g.add((URIRef(paper_iri("2401.00001")), URIRef(SCHEMA + "name"), Literal("Another title")))


def _no_mention(g: rdflib.Graph) -> None:
    g.remove((URIRef(paper_iri("2402.00002")), KG.mentions, URIRef(entity_iri("Benchmark", "gqa"))))


def _untyped_entity(g: rdflib.Graph) -> None:
    g.add((URIRef(paper_iri("2401.00001")), KG.mentions, URIRef(DEFAULT_BASE + "model/nowhere")))


def _wrong_derivation(g: rdflib.Graph) -> None:
    node = URIRef(assertion_iri("paper:2401.00001", "builds_on", "model:llama-2"))
    g.set((node, PROV.wasDerivedFrom, URIRef(paper_iri("2402.00002"))))


def _confidence_out_of_range(g: rdflib.Graph) -> None:
    node = URIRef(assertion_iri("paper:2401.00001", "builds_on", "model:llama-2"))
    g.set((node, KG.confidence, Literal("1.5", datatype=rdflib.XSD.decimal)))


def _alt_equals_pref(g: rdflib.Graph) -> None:
    g.add((URIRef(entity_iri("Model", "llama-2")), SKOS.altLabel, Literal("Llama 2")))


@pytest.mark.parametrize("damage", [
    _drop_assertion, _wrong_kind, _wrong_count, _orphan_assertion, _second_title, _no_mention,
    _untyped_entity, _wrong_derivation, _confidence_out_of_range, _alt_equals_pref,
], ids=lambda f: f.__name__.strip("_"))
def test_rdf_shapes_reject_a_damaged_export(small_graph, damage):
    data = to_rdf(small_graph)
    damage(data)
    conforms, report = _shacl(data)
    assert not conforms, f"{damage.__name__} passed SHACL"


# --- IRIs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("paper_id", "iri"), [
    ("2401.00001", "https://arxiv.org/abs/2401.00001"),
    ("2310.123456", DEFAULT_BASE + "paper/2310.123456"),
    ("hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001"),
    ("math.AG/0601001", "https://arxiv.org/abs/math.AG/0601001"),
    ("499a628660", DEFAULT_BASE + "paper/499a628660"),
    ("doi:10.1/x y#z", DEFAULT_BASE + "paper/doi%3A10.1%2Fx%20y%23z"),
    ("..", DEFAULT_BASE + "paper/_" + __import__("hashlib").sha256(b"..").hexdigest()[:16]),
])
def test_rdf_paper_iri(paper_id, iri):
    assert paper_iri(paper_id) == iri


def test_rdf_base_iri_is_configurable(small_graph):
    base = "https://example.org/ml/"
    subjects = {str(s) for s in to_rdf(small_graph, base=base).subjects()}
    assert base + "model/llama-2" in subjects
    assert "https://arxiv.org/abs/2401.00001" in subjects  # arXiv IRIs do not depend on the base
    assert not any(s.startswith(DEFAULT_BASE) for s in subjects)


@pytest.mark.parametrize("base", ["relative/", "https://example.org/no-slash", "kg:x/", "https://a b/"])
def test_rdf_bad_base_iri_is_refused(small_graph, base):
    with pytest.raises(KgError):
        to_rdf(small_graph, base=base)


def _weird_graph(title: str, slug: str, paper_id: str, alias: str) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    paper, entity = f"paper:{paper_id}", f"model:{slug}"
    graph.add_node(paper, kind="Paper", label=title, title=title, abstract=title + "\n" + title, authors=[alias])
    graph.add_node(entity, kind="Model", label=alias or "x", aliases=[alias, alias + "!"], papers=1)
    for relation in ("mentions", "introduces"):
        graph.add_edge(paper, entity, key=relation, relation=relation, surface=[alias], evidence=title,
                       rule="kb", confidence=0.5)
    return graph


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_TEXT, slug=_TEXT, paper_id=_TEXT, alias=_TEXT)
def test_rdf_any_text_gives_valid_iris_and_exact_literals(tmp_path, title, slug, paper_id, alias):
    graph = _weird_graph(title, slug, paper_id, alias)
    expected = to_rdf(graph)
    for fmt, (writer, ext) in WRITERS.items():
        path = tmp_path / f"g.{ext}"
        writer(graph, path)
        assert isomorphic(_parse(path, fmt), expected), fmt
        store = pyoxigraph.Store()
        store.load(path=str(path), format=OX_FORMATS[fmt])  # a strict parser: every IRI must be valid
        assert len(store) == len(expected), fmt
    labels = {str(o) for o in expected.objects(None, rdflib.RDFS.label)}
    assert title in labels


def test_rdf_surrogates_are_dropped_not_fatal(tmp_path):
    graph = _weird_graph("bad \ud800 text", "slug\udfff", "id", "alias")
    write_ntriples(graph, tmp_path / "g.nt")
    assert "bad  text" in (tmp_path / "g.nt").read_text(encoding="utf-8")


# --- content -------------------------------------------------------------------------------------


def test_rdf_every_edge_has_a_direct_triple_and_an_assertion(small_graph):
    data = to_rdf(small_graph)
    for u, v, attrs in small_graph.edges(data=True):
        node = URIRef(assertion_iri(u, attrs["relation"], v))
        assert (node, RDF.type, KG.Assertion) in data
        s, p, o = data.value(node, RDF.subject), data.value(node, RDF.predicate), data.value(node, RDF.object)
        assert (s, p, o) in data
        assert data.value(node, KG.rule) == Literal(attrs["rule"])
        assert float(data.value(node, KG.confidence).toPython()) == pytest.approx(attrs["confidence"])
        if attrs["evidence"]:
            assert data.value(node, KG.evidence) == Literal(attrs["evidence"])
            assert data.value(node, PROV.wasDerivedFrom) == s
        else:
            assert data.value(node, KG.evidence) is None


def test_rdf_entity_labels_and_counts(small_graph):
    data = to_rdf(small_graph)
    llama = URIRef(entity_iri("Model", "llama-2"))
    assert data.value(llama, SKOS.prefLabel) == Literal("Llama 2")
    assert data.value(llama, rdflib.RDFS.label) == Literal("Llama 2")
    assert set(data.objects(llama, SKOS.altLabel)) == {Literal("LLaMA 2")}
    assert data.value(llama, KG.paperCount).toPython() == 1
    variant = URIRef(entity_iri("Model", "alphanet-7b"))
    family = URIRef(entity_iri("Model", "alphanet"))
    assert (variant, KG.variantOf, family) in data and (variant, SKOS.broader, family) in data


def test_rdf_no_blank_nodes(sample_graph):
    data = to_rdf(sample_graph)
    assert not any(isinstance(term, rdflib.BNode) for triple in data for term in triple)


def test_rdf_every_kg_term_used_is_in_the_ontology(sample_graph):
    ontology = rdflib.Graph().parse(ontology_dir() / "kg.ttl")
    declared = set(ontology.subjects(RDF.type, None))
    data = to_rdf(sample_graph)
    used = {t for triple in data for t in triple if isinstance(t, URIRef) and str(t).startswith(str(KG._NS))}
    assert used and used <= declared, used - declared


def test_rdf_terms_module_is_generated_from_the_ontology():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen_rdf_terms import generate
    finally:
        sys.path.pop(0)
    assert (ROOT / "kg" / "rdf_terms.py").read_text(encoding="utf-8") == generate(ontology_dir() / "kg.ttl")


def test_rdf_terms_namespace_is_closed():
    assert str(KG.buildsOn) == "https://w3id.org/kg/ontology#buildsOn"
    with pytest.raises(AttributeError):
        KG.biuldsOn  # noqa: B018 (the point is that it raises)


# --- determinism ---------------------------------------------------------------------------------

_WRITE_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
import random
import networkx as nx
from conftest import make_small_graph
from kg.export.rdf import write_jsonld, write_ntriples, write_turtle
graph = make_small_graph()
if sys.argv[2] == "shuffled":
    nodes, edges = list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))
    random.Random(7).shuffle(nodes)
    random.Random(7).shuffle(edges)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
out = sys.argv[1]
write_turtle(graph, out + "/g.ttl")
write_ntriples(graph, out + "/g.nt")
write_jsonld(graph, out + "/g.jsonld")
"""


def test_rdf_output_is_byte_identical_across_runs(tmp_path):
    script = _WRITE_SCRIPT.format(tests=str(ROOT / "tests"))
    outputs = []
    for i, (seed, order) in enumerate([("1", "sorted"), ("2", "sorted"), ("3", "shuffled")]):
        folder = tmp_path / str(i)
        folder.mkdir()
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", script, str(folder), order], check=True, env=env, cwd=ROOT)
        outputs.append({name: (folder / name).read_bytes() for name in ("g.ttl", "g.nt", "g.jsonld")})
    assert outputs[0] == outputs[1] == outputs[2]


def test_rdf_jsonld_is_plain_json_with_inline_context(small_graph, tmp_path):
    write_jsonld(small_graph, tmp_path / "g.jsonld")
    document = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["kg"] == str(KG._NS)
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids)


# --- streaming: the same text as the whole-graph algorithm ---------------------------------------


def _triples_all_at_once(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> list[tuple]:
    """generate_triples as it was before it streamed: a plain sorted list of the edges."""
    from kg.export import rdf

    nodes = sorted(graph.nodes)
    iris = {n: rdf.node_iri(n, graph.nodes[n]["kind"], base) for n in nodes}
    triples = [(iris[n], p, o) for n in nodes for p, o in rdf._node_pairs(graph.nodes[n], n)]
    edges = sorted(graph.edges(data=True), key=lambda e: (e[0], e[2]["relation"], e[1]))
    triples += [(iris[u], p, o) for u, v, a in edges for p, o in rdf._edge_pairs(u, v, a, iris)]
    for u, v, a in edges:
        node = rdf.assertion_iri(u, a["relation"], v, base)
        paper = graph.nodes[u]["kind"] == "Paper"
        triples += [(node, p, o) for p, o in rdf._assertion_pairs(u, v, a, iris, paper)]
    return triples


def _turtle_all_at_once(graph: nx.MultiDiGraph) -> str:
    """Turtle as it was written before it streamed: every triple grouped by subject in one dictionary."""
    from kg.export import rdf

    subjects: dict[str, list] = {}
    for s, p, o in _triples_all_at_once(graph):
        subjects.setdefault(s, []).append((p, o))
    text = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in rdf.PREFIXES.items())
    for subject, pairs in sorted(subjects.items()):
        lines = [f"    {'a' if p == rdf._TYPE else rdf._turtle_name(p)} " + ",\n        ".join(map(rdf._turtle_object, objects))
                 for p, objects in rdf._group_predicates(pairs)]
        text += f"\n<{subject}>\n" + " ;\n".join(lines) + " .\n"
    return text


def _odd_rdf_graph(small_graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Two edges with the same (source, relation, target) under different keys: one assertion subject."""
    graph = copy.deepcopy(small_graph)
    graph.add_edge("paper:2401.00001", "model:llama-2", key="again", relation="builds_on", surface=["Llama2"],
                   evidence="Another sentence.", rule="other", confidence=0.6)
    graph.nodes["model:llama-2"]["aliases"] = ["b", "a", "b", "Llama 2"]
    return graph


@pytest.mark.parametrize("which", ["small", "odd", "sample"])
def test_rdf_streamed_files_equal_the_whole_graph_algorithm(which, small_graph, request, tmp_path):
    graph = {"small": lambda: small_graph, "odd": lambda: _odd_rdf_graph(small_graph),
             "sample": lambda: request.getfixturevalue("sample_graph")}[which]()
    from kg.export.rdf import _nt, jsonld_document

    write_ntriples(graph, tmp_path / "g.nt")
    expected_nt = "".join(f"<{s}> <{p}> {_nt(o)} .\n" for s, p, o in _triples_all_at_once(graph))
    assert (tmp_path / "g.nt").read_text(encoding="utf-8") == expected_nt
    write_turtle(graph, tmp_path / "g.ttl")
    assert (tmp_path / "g.ttl").read_text(encoding="utf-8") == _turtle_all_at_once(graph)
    write_jsonld(graph, tmp_path / "g.jsonld")
    expected_jsonld = json.dumps(jsonld_document(graph), ensure_ascii=False, indent=1) + "\n"
    assert (tmp_path / "g.jsonld").read_text(encoding="utf-8") == expected_jsonld


def test_rdf_empty_graph_writes_valid_files(tmp_path):
    graph = nx.MultiDiGraph()
    for fmt, (writer, ext) in WRITERS.items():
        writer(graph, tmp_path / f"g.{ext}")
        assert len(_parse(tmp_path / f"g.{ext}", fmt)) == 0, fmt
