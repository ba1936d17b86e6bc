"""Property-based tests (Hypothesis): hostile text survives every export, and no bytes crash a reader.

1. Arbitrary Unicode titles and abstracts go through a real build (JSON Lines file -> readers ->
   spaCy extraction -> graph) and through every exporter in the registry, and read back equal
   where the format can be read back: JSON via ``networkx.node_link_graph``, GraphML and GEXF via
   networkx (characters XML 1.0 forbids are the only loss), Turtle / N-Triples / JSON-LD via rdflib,
   the Neo4j CSVs via ``csv`` (formula cells carry their leading ``'``), and the data the HTML
   view carries via ``json``.
2. Arbitrary entity names (as kg's cleaning leaves them) on a hand-made graph, likewise.
3. Arbitrary bytes given to each reader (and to format sniffing, plain and gzipped) never raise:
   every item is a paper or an error naming the file.

Example counts are modest so the module runs in well under a minute; raise them with
``HYPOTHESIS_PROFILE=deep``.
"""

from __future__ import annotations

import copy
import csv
import gzip
import json
import os
import re
import tempfile
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.errors import InputError
from kg.export import EXPORTERS, write_all
from kg.export.neo4j import ARRAY_DELIMITER
from kg.names import LIST_SEPARATOR
from kg.sources import FORMATS, Paper, read_file
from kg.sources.clean import clean_text

settings.register_profile("ci", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("deep", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
_SCALE = 40 if os.environ.get("HYPOTHESIS_PROFILE") == "deep" else 1


def examples(n: int) -> int:
    """``n`` examples in CI, forty times more under the ``deep`` profile."""
    return n * _SCALE

# Formats that can be read back, by file name; the Oxigraph store is checked elsewhere.
_RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The Oxigraph store is a database, not a file to read back here (and the slowest writer).
_FORMATS = [f for f in EXPORTERS if f != "oxigraph"]

text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=200)  # any code point UTF-8 can hold
hostile = st.sampled_from(["<script>alert(1)</script>", '"]]>', "'); DROP TABLE x; --", "=cmd|' /C calc'!A0",
                           "{{7*7}}", "} ; DROP ALL", "a b>c", "\\", '"""', "&amp;", "\u202e", "\x00"])
title_text = st.one_of(text, st.tuples(text, hostile, text).map("".join))


def _xml_safe(value: str) -> str:
    return _XML_FORBIDDEN.sub("", value)


def _flat(value):
    if isinstance(value, (list, tuple)):
        return _xml_safe(LIST_SEPARATOR.join(str(v) for v in value))
    return _xml_safe(value) if isinstance(value, str) else value


def _check_read_back(graph: nx.MultiDiGraph, out: Path) -> None:
    """Every export of ``graph`` in ``out`` that can be read back holds every text attribute unchanged."""
    written = {p.name: p for p in out.iterdir()}
    if "graph.json" in written:
        data = json.loads(written["graph.json"].read_text(encoding="utf-8"))
        back = nx.node_link_graph(data, edges="edges")
        for node, attrs in graph.nodes(data=True):
            assert back.nodes[node] == attrs
        assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))
    for name, reader in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        if name not in written:
            continue
        back = reader(written[name])
        for node, attrs in graph.nodes(data=True):
            got = back.nodes[node]
            for key in ("label", "title", "abstract", "aliases", "authors"):
                if key in attrs:
                    assert got[key] == _flat(attrs[key]), (name, key)
    literals_needed = {_xml_safe(a["label"]) for _, a in graph.nodes(data=True)}
    literals_needed |= {_xml_safe(a["abstract"]) for _, a in graph.nodes(data=True) if a.get("abstract")}
    for suffix, fmt in _RDF_FORMATS.items():
        path = out / f"graph{suffix}"
        if not path.exists():
            continue
        rdf = rdflib.Graph()
        rdf.parse(path, format=fmt)
        literals = {str(o) for o in rdf.objects() if isinstance(o, rdflib.Literal)}
        assert {label for label in literals_needed if label} <= literals, path.name
    if (out / "neo4j").is_dir():
        _check_neo4j_csv(graph, out / "neo4j")
    if "graph.html" in written:
        _check_html_data(graph, written["graph.html"].read_text(encoding="utf-8"))


def _csv_cell(value) -> str:
    """What a Neo4j CSV cell must hold: the text, with a ``'`` before a would-be spreadsheet formula."""
    text = ARRAY_DELIMITER.join(value) if isinstance(value, (list, tuple)) else value
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t")) else text


def _check_neo4j_csv(graph: nx.MultiDiGraph, folder: Path) -> None:
    rows = {}
    for path in folder.glob("nodes_*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows[row[next(c for c in row if c.startswith("id:ID("))]] = row
    for node, attrs in graph.nodes(data=True):
        for key in ("label", "title", "abstract", "aliases", "authors"):
            if attrs.get(key):
                column = f"{key}:string[]" if isinstance(attrs[key], (list, tuple)) else f"{key}:string"
                assert rows[node][column] == _csv_cell(attrs[key]), (node, key)


def _check_html_data(graph: nx.MultiDiGraph, page: str) -> None:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    data = json.loads(match.group(1))
    for node, info in zip(data["nodes"], data["nodeInfo"]):
        attrs = graph.nodes[node["id"]]
        if attrs["kind"] == "Paper":
            assert info["title"] == attrs["title"]
        else:
            assert info["label"] == attrs["label"] and set(info.get("aliases", [])) <= set(attrs["aliases"])
    evidence = {d["evidence"] for _, _, d in graph.edges(data=True) if d.get("evidence")}
    assert evidence <= set(data["evidence"])


@settings(max_examples=examples(15))
@given(titles=st.lists(title_text, min_size=1, max_size=3), abstract=title_text)
def test_properties_build_and_every_export_read_back(titles, abstract):
    """Arbitrary titles and abstracts: JSON Lines file -> kg.build -> every exporter -> read back equal."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        path = tmp_path / "in.jsonl"
        rows = [{"title": f"T{i} {t}", "abstract": f"{abstract} We fine-tune Llama 2 with LoRA on MMLU."}
                for i, t in enumerate(titles)]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        graph = kg.build([path], n_process=1)
        papers = {a["title"] for _, a in graph.nodes(data=True) if a["kind"] == "Paper"}
        # "T<i> " keeps every title a distinct paper with a letter in it: all must be kept, cleaned.
        assert papers == {clean_text(r["title"]) for r in rows}
        for _, attrs in graph.nodes(data=True):
            if attrs["kind"] == "Paper":
                assert attrs["abstract"] == clean_text(rows[0]["abstract"])
        write_all(graph, tmp_path / "out", _FORMATS)
        _check_read_back(graph, tmp_path / "out")


@settings(max_examples=examples(25))
@given(names=st.lists(text.map(clean_text).filter(bool), min_size=2, max_size=4, unique=True),
       evidence=title_text.map(clean_text))
def test_properties_entity_names_through_every_export(small_graph, names, evidence):
    """Arbitrary entity names and aliases (as clean_text leaves them) survive every export."""
    graph = copy.deepcopy(small_graph)
    graph.nodes["model:llama-2"]["label"] = names[0]
    graph.nodes["model:llama-2"]["aliases"] = names[1:]
    graph.nodes["method:lora"]["label"] = names[-1]
    graph.nodes["paper:2401.00001"]["title"] = graph.nodes["paper:2401.00001"]["label"] = names[1]
    graph.edges["paper:2401.00001", "model:llama-2", "builds_on"]["evidence"] = evidence
    with tempfile.TemporaryDirectory() as tmp:
        write_all(graph, Path(tmp), _FORMATS, layout=False)  # positions are not text: left out for speed
        _check_read_back(graph, Path(tmp))


# Paper ids as the readers let them through: no white space, a letter or digit, at most 200 characters.
paper_ids = text.map(clean_text).filter(lambda t: t and not re.search(r"\s", t) and re.search(r"[^\W_]", t))


@settings(max_examples=examples(20))
@given(first=paper_ids, second=paper_ids)
def test_properties_paper_ids_through_every_export(small_graph, first, second):
    """Arbitrary paper ids (IRIs with ``>``, quotes, ``%``, ``#``, ``..``) keep two distinct papers in every export."""
    if first == second:
        second += "2"
    graph = nx.relabel_nodes(small_graph, {"paper:2401.00001": f"paper:{first}", "paper:2402.00002": f"paper:{second}"})
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        write_all(graph, out, _FORMATS, layout=False)  # positions are not text: left out for speed
        back = nx.node_link_graph(json.loads((out / "graph.json").read_text(encoding="utf-8")), edges="edges")
        assert set(back.nodes) == set(graph.nodes)
        for name, reader in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
            if (out / name).exists():
                assert set(reader(out / name).nodes) == set(graph.nodes), name
        for suffix, fmt in _RDF_FORMATS.items():
            if (out / f"graph{suffix}").exists():
                rdf = rdflib.Graph().parse(out / f"graph{suffix}", format=fmt)
                typed = {str(s) for s, o in rdf.subject_objects(rdflib.RDF.type) if str(o).endswith("Paper")}
                assert len(typed) == 2, (suffix, typed)


def _read_all(path: Path, fmt: str | None) -> list:
    items = list(read_file(path, fmt))
    for item in items:
        assert isinstance(item, (Paper, InputError))
        if isinstance(item, InputError):
            assert item.source == str(path)
            assert "\n" not in str(item)
            assert "unreadable input" not in str(item), "the readers' last line of defence caught a bug"
        else:
            assert item.title and item.abstract and "\x00" not in item.title + item.abstract
    return items


# Bytes with structure: fragments of every format, so the readers get past their first checks.
_fragments = st.sampled_from([
    b"[", b"]", b"{", b"}", b",", b'"', b"\\", b"\n", b"\r\n", b"\t", b";", b"\x00", b"\xff", b"\xc3", b"\xef\xbb\xbf",
    b"\xff\xfe", b'{"title": "T", "abstract": "A b c."}', b'"title"', b'"abstract"', b"title,abstract\n",
    b"title\tabstract\n", b"@article{k,", b"title = {", b"abstract = {", b"<feed>", b"<entry>", b"</entry>",
    b"<title>", b"</title>", b"<summary>", b"</summary>", b"<!DOCTYPE x [<!ENTITY e \"x\">]>", b"&e;", b"&#0;",
    b"Subscribe", b"A Title Line\n\n", b"An abstract sentence that goes on. " * 4, b"\x1f\x8b",
])
structured = st.lists(st.one_of(_fragments, st.binary(max_size=8)), max_size=40).map(b"".join)
any_bytes = st.one_of(st.binary(max_size=400), structured)


@pytest.mark.parametrize("fmt", [None, *FORMATS])
@settings(max_examples=examples(60))
@given(data=any_bytes)
def test_properties_any_bytes_never_crash_a_reader(tmp_path, fmt, data):
    path = tmp_path / "input.data"
    path.write_bytes(data)
    _read_all(path, fmt)


@settings(max_examples=examples(40))
@given(data=any_bytes, cut=st.integers(min_value=0, max_value=200))
def test_properties_gzip_whole_or_cut_never_crashes(tmp_path, data, cut):
    path = tmp_path / "input.data.gz"
    packed = gzip.compress(data, mtime=0)
    path.write_bytes(packed[: max(0, len(packed) - cut)])
    _read_all(path, None)
