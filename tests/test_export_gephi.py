"""GraphML and GEXF exports: read back with networkx and igraph, Gephi's display keys, layout, hostile text."""

from __future__ import annotations

import copy
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.layout import positions

from conftest import need_module
from hostile import HOSTILE_CLEAN, hostile_graph

igraph = need_module("igraph", "igraph (test extra) reads the GraphML back")

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
GEXF_NS = "{http://gexf.net/1.3}"
VIZ_NS = "{http://gexf.net/1.3/viz}"

KIND_RGB = {"Paper": (138, 150, 163), "Model": (225, 87, 89), "Method": (78, 121, 167),
            "Dataset": (89, 161, 79), "Benchmark": (242, 142, 43)}


def expected_node(attrs: dict) -> dict:
    """What the file must hold for a node: lists joined with " | ", empty values absent."""
    out = {}
    for key, value in attrs.items():
        if isinstance(value, list):
            value = " | ".join(value)
        if value is None or value == "":
            continue
        out[key] = value
    return out


def edge_index(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    return {(u, v, a["relation"]): expected_node(a) for u, v, a in graph.edges(data=True)}


@pytest.fixture(scope="module")
def sample_files(sample_graph, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("gephi")
    return kg.export(sample_graph, out, ["graphml", "gexf"])


@pytest.fixture
def small_files(small_graph, tmp_path) -> dict[str, Path]:
    return kg.export(small_graph, tmp_path, ["graphml", "gexf"])


def assert_nodes_match(graph: nx.MultiDiGraph, read: dict[str, dict]) -> None:
    assert set(read) == set(graph.nodes)
    for node, attrs in graph.nodes(data=True):
        got = read[node]
        for key, value in expected_node(attrs).items():
            assert got.get(key) == value, (node, key)
        assert "None" not in got.values() and None not in got.values(), node


def assert_edges_match(graph: nx.MultiDiGraph, read: dict[tuple[str, str, str], dict]) -> None:
    expected = edge_index(graph)
    assert set(read) == set(expected)
    for key, attrs in expected.items():
        for name, value in attrs.items():
            assert read[key].get(name) == value, (key, name)


# --- networkx -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["small", "sample"])
def test_graphml_networkx_reads_back_the_graph(which, request):
    graph = request.getfixturevalue(f"{which}_graph")
    files = request.getfixturevalue(f"{which}_files")
    read = nx.read_graphml(files["graphml"], force_multigraph=True)
    assert isinstance(read, nx.MultiDiGraph)
    assert read.number_of_nodes() == graph.number_of_nodes()
    assert read.number_of_edges() == graph.number_of_edges()
    assert_nodes_match(graph, dict(read.nodes(data=True)))
    assert_edges_match(graph, {(u, v, a["relation"]): a for u, v, a in read.edges(data=True)})


@pytest.mark.parametrize("which", ["small", "sample"])
def test_gexf_networkx_reads_back_the_graph_with_its_keys(which, request):
    graph = request.getfixturevalue(f"{which}_graph")
    files = request.getfixturevalue(f"{which}_files")
    read = nx.read_gexf(files["gexf"])
    assert isinstance(read, nx.MultiDiGraph)
    assert read.number_of_nodes() == graph.number_of_nodes()
    assert read.number_of_edges() == graph.number_of_edges()
    assert set(read.edges(keys=True)) == set(graph.edges(keys=True))
    assert_nodes_match(graph, dict(read.nodes(data=True)))
    assert_edges_match(graph, {(u, v, a["relation"]): a for u, v, a in read.edges(data=True)})


# --- igraph ---------------------------------------------------------------------------------


def igraph_nodes(path: Path) -> tuple[object, dict[str, dict]]:
    read = igraph.Graph.Read_GraphML(str(path))
    nodes = {}
    for vertex in read.vs:
        attrs = vertex.attributes()
        # igraph fills attributes a vertex lacks with "" (text) or NaN (numbers)
        nodes[attrs.pop("id")] = {k: v for k, v in attrs.items()
                                  if v != "" and not (isinstance(v, float) and math.isnan(v))}
    return read, nodes


@pytest.mark.parametrize("which", ["small", "sample"])
def test_graphml_igraph_reads_back_the_graph(which, request):
    graph = request.getfixturevalue(f"{which}_graph")
    files = request.getfixturevalue(f"{which}_files")
    read, nodes = igraph_nodes(files["graphml"])
    assert read.is_directed()
    assert read.vcount() == graph.number_of_nodes()
    assert read.ecount() == graph.number_of_edges()
    assert_nodes_match(graph, nodes)  # igraph reads numbers as floats: 2024.0 == 2024
    names = read.vs["id"]
    edges = {}
    for edge in read.es:
        attrs = {k: v for k, v in edge.attributes().items() if v != "" and k != "id"}
        edges[(names[edge.source], names[edge.target], attrs["relation"])] = attrs
    assert_edges_match(graph, edges)


# --- what Gephi reads -----------------------------------------------------------------------


def graphml_keys(path: Path) -> dict[tuple[str, str], str]:
    root = ET.parse(path).getroot()
    keys = root.findall(f"{GRAPHML_NS}key")
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids)), "key ids must be unique"
    return {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}


def test_graphml_declares_typed_attributes_and_gephi_keys(small_files):
    keys = graphml_keys(small_files["graphml"])
    for name in ("kind", "label", "title", "abstract", "url", "authors", "aliases", "family"):
        assert keys[("node", name)] == "string"
    for name in ("year", "papers", "r", "g", "b"):
        assert keys[("node", name)] == "long"
    for name in ("size", "x", "y"):
        assert keys[("node", name)] == "double"
    assert keys[("edge", "confidence")] == keys[("edge", "weight")] == "double"
    assert keys[("edge", "edgelabel")] == keys[("edge", "relation")] == "string"


def test_graphml_key_ids_are_not_the_ids_yed_uses_for_labels(sample_graph, sample_files):
    # Gephi maps key id d3 to the node label and d7 to the edge label (yEd's convention).
    root = ET.parse(sample_files["graphml"]).getroot()
    ids = {k.get("id") for k in root.findall(f"{GRAPHML_NS}key")}
    assert not ids & {"d3", "d7"}
    edge_ids = [e.get("id") for e in root.iter(f"{GRAPHML_NS}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == sample_graph.number_of_edges()


@pytest.mark.parametrize("which", ["small", "sample"])
def test_graphml_colour_size_and_weight(which, request):
    graph = request.getfixturevalue(f"{which}_graph")
    read = nx.read_graphml(request.getfixturevalue(f"{which}_files")["graphml"], force_multigraph=True)
    for node, attrs in read.nodes(data=True):
        kind = graph.nodes[node]["kind"]
        assert (attrs["r"], attrs["g"], attrs["b"]) == KIND_RGB[kind]
        assert attrs["label"]
        if kind == "Paper":
            assert attrs["size"] == 6.0
        else:
            assert attrs["size"] == round(10 + 6 * math.log2(1 + graph.nodes[node]["papers"]), 2)
    for _u, _v, attrs in read.edges(data=True):
        assert attrs["edgelabel"] == attrs["relation"]
        assert attrs["weight"] == max(attrs["confidence"], 0.001)


def gexf_root(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_gexf_declares_typed_attributes(small_files):
    root = gexf_root(small_files["gexf"])
    assert root.get("version") == "1.3"
    declared = {(a.get("class"), t.get("title")): t.get("type")
                for a in root.iter(f"{GEXF_NS}attributes") for t in a.iter(f"{GEXF_NS}attribute")}
    assert declared[("node", "year")] == declared[("node", "papers")] == "long"
    assert declared[("edge", "confidence")] == "double"
    for name in ("kind", "title", "abstract", "url", "authors", "aliases", "family"):
        assert declared[("node", name)] == "string"
    for name in ("relation", "surface", "evidence", "rule"):
        assert declared[("edge", name)] == "string"


@pytest.mark.parametrize("which", ["small", "sample"])
def test_gexf_viz_colour_size_position_and_edge_kind(which, request):
    """Read the raw XML (igraph has no GEXF reader): every node styled, every edge typed."""
    graph = request.getfixturevalue(f"{which}_graph")
    root = gexf_root(request.getfixturevalue(f"{which}_files")["gexf"])
    nodes = list(root.iter(f"{GEXF_NS}node"))
    assert len(nodes) == graph.number_of_nodes()
    for element in nodes:
        attrs = graph.nodes[element.get("id")]
        assert element.get("label") == attrs["label"]
        color = element.find(f"{VIZ_NS}color")
        assert (int(color.get("r")), int(color.get("g")), int(color.get("b"))) == KIND_RGB[attrs["kind"]]
        assert float(element.find(f"{VIZ_NS}size").get("value")) >= 6.0
        position = element.find(f"{VIZ_NS}position")
        assert math.isfinite(float(position.get("x"))) and math.isfinite(float(position.get("y")))
    edges = list(root.iter(f"{GEXF_NS}edge"))
    assert len(edges) == graph.number_of_edges()
    assert len({e.get("id") for e in edges}) == len(edges)
    expected = Counter((u, v, a["relation"]) for u, v, a in graph.edges(data=True))
    assert Counter((e.get("source"), e.get("target"), e.get("kind")) for e in edges) == expected
    for element in edges:
        assert element.get("label") == element.get("kind")
        assert 0 < float(element.get("weight")) <= 1


def test_gexf_has_no_date(small_files):
    text = small_files["gexf"].read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    assert re.search(r"\d{4}-\d{2}-\d{2}", text) is None


# --- layout ---------------------------------------------------------------------------------


def test_layout_flag_leaves_positions_out(small_graph, tmp_path):
    files = kg.export(small_graph, tmp_path, ["graphml", "gexf"], layout=False)
    keys = graphml_keys(files["graphml"])
    assert ("node", "x") not in keys and ("node", "y") not in keys
    assert ("node", "r") in keys and ("node", "size") in keys
    root = gexf_root(files["gexf"])
    assert root.find(f".//{VIZ_NS}position") is None
    assert root.find(f".//{VIZ_NS}color") is not None


def test_layout_positions_are_finite_and_spread(sample_graph):
    pos = positions(sample_graph)
    assert set(pos) == set(sample_graph.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    # no two nodes on the same spot, and the drawing is not collapsed onto a line
    assert len(set(pos.values())) == len(pos)
    xs, ys = zip(*pos.values())
    assert max(xs) - min(xs) > 100 and max(ys) - min(ys) > 100


def test_layout_is_deterministic_across_graph_objects(sample_graph):
    # a deep copy is another object, so the positions are computed again, not taken from the cache
    assert positions(copy.deepcopy(sample_graph)) == positions(sample_graph)


def test_leaf_sits_next_to_its_only_neighbour(small_graph):
    pos = positions(small_graph)
    # GQA and LoRA are leaves of paper 2 (in the undirected skeleton); The Pile a leaf of paper 1
    spread = max(abs(x) for x, _ in pos.values()) + max(abs(y) for _, y in pos.values())
    for leaf, anchor in [("benchmark:gqa", "paper:2402.00002"), ("dataset:the-pile", "paper:2401.00001")]:
        distance = math.dist(pos[leaf], pos[anchor])
        assert 0 < distance < spread / 2, (leaf, distance)


@pytest.mark.parametrize("writer", [write_graphml, write_gexf])
def test_same_graph_gives_byte_identical_files(writer, small_graph, tmp_path):
    writer(small_graph, tmp_path / "a")
    writer(copy.deepcopy(small_graph), tmp_path / "b")
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()


# --- hostile text ---------------------------------------------------------------------------


def test_hostile_text_reads_back_from_graphml_with_networkx_and_igraph(small_graph, tmp_path):
    graph = hostile_graph(small_graph)
    write_graphml(graph, tmp_path / "g.graphml")
    read = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert read.nodes["paper:2401.00001"]["title"] == HOSTILE_CLEAN
    assert read.nodes["paper:2401.00001"]["label"] == HOSTILE_CLEAN
    assert read.nodes["model:llama-2"]["label"] == HOSTILE_CLEAN
    assert read.nodes["model:llama-2"]["aliases"] == f"{HOSTILE_CLEAN} | LLaMA 2"
    evidence = {a["relation"]: a["evidence"] for a in read["paper:2401.00001"]["model:llama-2"].values()}
    assert evidence["builds_on"] == HOSTILE_CLEAN
    _, nodes = igraph_nodes(tmp_path / "g.graphml")
    assert nodes["paper:2401.00001"]["title"] == HOSTILE_CLEAN
    assert nodes["model:llama-2"]["label"] == HOSTILE_CLEAN


def test_hostile_text_reads_back_from_gexf(small_graph, tmp_path):
    graph = hostile_graph(small_graph)
    write_gexf(graph, tmp_path / "g.gexf")
    read = nx.read_gexf(tmp_path / "g.gexf")
    assert read.nodes["paper:2401.00001"]["title"] == HOSTILE_CLEAN
    assert read.nodes["paper:2401.00001"]["label"] == HOSTILE_CLEAN
    assert read.nodes["model:llama-2"]["label"] == HOSTILE_CLEAN
    assert read.nodes["model:llama-2"]["aliases"] == f"{HOSTILE_CLEAN} | LLaMA 2"
    assert read.edges["paper:2401.00001", "model:llama-2", "builds_on"]["evidence"] == HOSTILE_CLEAN


# --- streamed writers: the same bytes as networkx's element-tree writers ----------------------


def networkx_graphml(graph: nx.MultiDiGraph, layout: bool) -> bytes:
    """What kg wrote before it streamed GraphML: networkx's pure-Python writer on the styled copy."""
    import io

    from kg.export.graphml import to_graphml_graph

    out = io.BytesIO()
    nx.write_graphml_xml(to_graphml_graph(graph, layout=layout), out, encoding="utf-8", named_key_ids=True)
    return out.getvalue()


def networkx_gexf(graph: nx.MultiDiGraph, layout: bool) -> bytes:
    """What kg wrote before it streamed GEXF: networkx's GEXFWriter, with kg's four changes to its tree."""
    import io

    from networkx.readwrite.gexf import GEXFWriter

    from kg.export.gexf import to_gexf_graph

    gexf_graph = to_gexf_graph(graph, layout=layout)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.3")
    writer.add_graph(gexf_graph)
    writer.xml.set("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = "kg"
    edges = writer.graph_element.find("edges")
    for element, (*_, attrs) in zip(list(edges) if edges is not None else [], gexf_graph.edges(data=True), strict=True):
        element.set("kind", str(attrs.get("relation", "")))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def odd_graph(small_graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Hostile text plus attribute types kg never makes: mixed, numpy, sets, empty, None, NaN."""
    import numpy as np

    graph = hostile_graph(small_graph)
    graph.nodes["paper:2401.00001"]["score"] = 3
    graph.nodes["paper:2402.00002"]["score"] = 2.5  # int and float: double
    graph.nodes["model:alphanet"]["flag"] = True
    graph.nodes["method:lora"]["flag"] = "yes"  # bool and str: string
    graph.nodes["benchmark:mmlu"]["label"] = ""  # labelled with its id
    graph.nodes["benchmark:gqa"]["aliases"] = []
    graph.nodes["dataset:the-pile"]["note"] = None
    graph.nodes["model:alphanet-7b"].update(weird=np.int64(7), nan=float("nan"), tags={"b", "a"})
    graph.nodes["model:llama-2"].update(empty="\x00\x01", late="x\r\ny")  # one left out, one first seen late
    first = next(iter(graph.edges(keys=True)))
    graph.edges[first].update(extra=1, kind="clash")  # an edge attribute named like a node attribute
    graph.add_node("paper:odd id\"<&>'\t", kind="Paper", label="Odd \t tab", title="Odd")
    return graph


# The sample graph without its layout only: the layout is the same computation either way.
@pytest.mark.parametrize("which, layout", [(w, lay) for w in ("small", "hostile", "odd", "empty") for lay in (True, False)]
                         + [("sample", False)])
def test_streamed_files_are_the_bytes_networkx_writes(which, layout, small_graph, request, tmp_path):
    graph = {"small": lambda: small_graph, "hostile": lambda: hostile_graph(small_graph),
             "odd": lambda: odd_graph(small_graph), "sample": lambda: request.getfixturevalue("sample_graph"),
             "empty": nx.MultiDiGraph}[which]()
    write_graphml(graph, tmp_path / "g.graphml", layout=layout)
    write_gexf(graph, tmp_path / "g.gexf", layout=layout)
    assert (tmp_path / "g.graphml").read_bytes() == networkx_graphml(graph, layout)
    assert (tmp_path / "g.gexf").read_bytes() == networkx_gexf(graph, layout)


def test_layout_is_skipped_above_the_node_limit_with_one_notice(small_graph, tmp_path, monkeypatch, capsys):
    from kg.export import layout

    monkeypatch.setattr(layout, "MAX_NODES", small_graph.number_of_nodes() - 1)
    kg.export(small_graph, tmp_path, ["graphml", "gexf"])
    notice = capsys.readouterr().err
    assert notice.count("layout skipped") == 1 and len(notice.splitlines()) == 1
    assert ("node", "x") not in graphml_keys(tmp_path / "graph.graphml")
    assert gexf_root(tmp_path / "graph.gexf").find(f".//{VIZ_NS}position") is None
    kg.export(small_graph, tmp_path / "quiet", ["graphml"], layout=False)
    assert capsys.readouterr().err == ""  # --no-layout: silent
    monkeypatch.setattr(layout, "MAX_NODES", small_graph.number_of_nodes())
    kg.export(small_graph, tmp_path / "laid", ["graphml"])
    assert ("node", "x") in graphml_keys(tmp_path / "laid" / "graph.graphml")


@pytest.mark.parametrize("flags, laid_out", [([], True), (["--no-layout"], False)])
def test_build_command_no_layout_flag(tmp_path, flags, laid_out):
    from typer.testing import CliRunner

    from kg.cli import app

    source = tmp_path / "papers.jsonl"
    source.write_text('{"id": "1", "title": "AlphaNet: A Model", "abstract": "We propose AlphaNet, built on Llama 2."}\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(source), "--out", str(out), "--formats", "graphml,gexf", "--no-cache",
                                      *flags])
    assert result.exit_code == 0, result.output
    assert (("node", "x") in graphml_keys(out / "graph.graphml")) is laid_out
    assert (gexf_root(out / "graph.gexf").find(f".//{VIZ_NS}position") is not None) is laid_out
