"""The graph contract of DESIGN.md, ``kg build`` end to end, and ``kg eval`` on a tiny gold file."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.eval import evaluate, format_table
from kg.names import ENTITY_KINDS, RELATION_TARGETS

runner = CliRunner()


def test_build_sample_corpus_has_every_paper(sample_graph):
    papers = [n for n, a in sample_graph.nodes(data=True) if a["kind"] == "Paper"]
    assert len(papers) == 503


def test_build_graph_contract_nodes(sample_graph):
    for node, attrs in sample_graph.nodes(data=True):
        assert None not in attrs.values(), node
        prefix, _, rest = node.partition(":")
        assert rest and prefix == attrs["kind"].lower()
        if attrs["kind"] == "Paper":
            assert attrs["label"] == attrs["title"] and attrs["abstract"]
        else:
            assert attrs["kind"] in ENTITY_KINDS
            assert isinstance(attrs["aliases"], list) and attrs["label"] in attrs["aliases"]
            assert isinstance(attrs["papers"], int)


def test_build_graph_contract_edges(sample_graph):
    for u, v, k, attrs in sample_graph.edges(keys=True, data=True):
        assert k == attrs["relation"] and None not in attrs.values()
        assert set(attrs) == {"relation", "surface", "evidence", "rule", "confidence"}
        assert 0 < attrs["confidence"] <= 1
        assert sample_graph.nodes[v]["kind"] in RELATION_TARGETS[k]
        if k == "variant_of":
            assert sample_graph.nodes[u]["family"] == sample_graph.nodes[v]["label"]
        else:
            assert sample_graph.nodes[u]["kind"] == "Paper"
            assert sample_graph.has_edge(u, v, key="mentions"), (u, v, k)
            if k != "mentions":
                assert attrs["evidence"]


def test_build_graph_paper_counts_match_mentions(sample_graph):
    for node, attrs in sample_graph.nodes(data=True):
        if attrs["kind"] != "Paper":
            mentioned = sum(1 for _, _, k in sample_graph.in_edges(node, keys=True) if k == "mentions")
            assert attrs["papers"] == mentioned, node


def test_build_links_a_name_across_papers(tiny_kb):
    papers = [
        kg.Paper(id="2401.00001", title="QuillNet: Reading Fast", abstract="We propose QuillNet, a model for reading."),
        kg.Paper(id="2401.00002", title="A study of readers", abstract="We compare our reader with QuillNet and LLaMA 2."),
    ]
    graph = kg.build_from_papers(papers, kb=tiny_kb)
    quill = [n for n, a in graph.nodes(data=True) if a.get("label") == "QuillNet"]
    assert len(quill) == 1
    assert graph.has_edge("paper:2401.00001", quill[0], key="introduces")
    assert graph.has_edge("paper:2401.00002", quill[0], key="mentions")


def test_build_keeps_apart_an_acronym_spelled_out_differently(tiny_kb):
    papers = [
        kg.Paper(id="2401.00001", title="Gated readers", abstract="We propose Softmax-Free Readers (SOFR) for long texts."),
        kg.Paper(id="2401.00002", title="Sorting", abstract="We replace tuning with Sorted Fine-Reading (SoFR) at once."),
        kg.Paper(id="2401.00003", title="Readers again", abstract="We revisit the Softmax-free Reader (SOFR) on long texts."),
    ]
    graph = kg.build_from_papers(papers, kb=tiny_kb)
    targets = {p: {t for _, t, k in graph.out_edges(f"paper:{p}", keys=True) if k == "mentions"} for p in ("2401.00001", "2401.00002", "2401.00003")}
    assert len(targets["2401.00001"]) == len(targets["2401.00002"]) == 1
    assert targets["2401.00001"] == targets["2401.00003"] != targets["2401.00002"]


def test_build_a_known_dataset_most_papers_call_a_benchmark_is_one(tiny_kb):
    """The guideline types a data name by what the text calls it, and only toward Benchmark."""
    def kinds(abstracts):
        papers = [kg.Paper(id=f"2401.0000{i}", title=f"Reader {i}", abstract=a) for i, a in enumerate(abstracts, 1)]
        graph = kg.build_from_papers(papers, kb=tiny_kb)
        return {a["kind"] for _, a in graph.nodes(data=True) if a.get("label") in ("The Pile", "MMLU")}

    assert kinds(["We test on the Pile benchmark.", "Our reader wins on the Pile benchmark."]) == {"Benchmark"}
    assert kinds(["We test on the Pile benchmark.", "We train on the Pile.", "We pretrain on The Pile."]) == {"Dataset"}
    assert kinds(["We report results on the MMLU dataset."]) == {"Benchmark"}  # a benchmark stays one


def _write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")


def test_build_cli_jsonl_with_bad_records(tmp_path):
    source = tmp_path / "papers.jsonl"
    _write_jsonl(source, [
        {"id": "2401.00001", "title": "QuillNet: Reading Fast", "abstract": "We propose QuillNet, built on Llama 2."},
        '{"id": "broken", "title": ',
        {"id": "2401.00003", "title": "No abstract here"},
        {"id": "2401.00004v2", "title": "Tuning with LoRA", "abstract": "We fine-tune Llama 2 with LoRA on MMLU."},
    ])
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "--out", str(out), "--formats", "json,graphml,ttl,html"])
    assert result.exit_code == 0, result.output
    assert f"{source}:2" in result.output and "broken JSON" in result.output
    assert f"{source}:3" in result.output and "no abstract" in result.output
    graph = nx.read_graphml(out / "graph.graphml")
    papers = sorted(n for n, a in graph.nodes(data=True) if a["kind"] == "Paper")
    assert papers == ["paper:2401.00001", "paper:2401.00004"]
    import rdflib

    assert len(rdflib.Graph().parse(out / "graph.ttl")) > 0
    assert (out / "graph.html").stat().st_size > 0
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == graph.number_of_nodes()


def test_build_cli_strict_fails_on_bad_record(tmp_path):
    source = tmp_path / "papers.jsonl"
    _write_jsonl(source, ['{"title": ', {"title": "Good", "abstract": "A good abstract about LoRA."}])
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out"), "--strict"])
    assert result.exit_code == 1
    assert not (tmp_path / "out" / "graph.json").exists()


TINY_GOLD = [
    {"id": "a", "title": "QuillNet: Reading Fast",
     "abstract": "We propose QuillNet, built on Llama 2, and evaluate it on MMLU.",
     "entities": [
         {"id": "quillnet", "name": "QuillNet", "type": "Model", "mentions": ["QuillNet"]},
         {"id": "llama-2", "name": "Llama 2", "type": "Model", "mentions": ["Llama 2"]},
         {"id": "mmlu", "name": "MMLU", "type": "Benchmark", "mentions": ["MMLU"]},
         {"id": "hellaswag", "name": "HellaSwag", "type": "Benchmark", "mentions": ["HellaSwag"]}],
     "introduces": ["quillnet"], "builds_on": ["llama-2"], "trained_on": [], "evaluated_on": ["mmlu", "hellaswag"],
     "compares_to": [], "optional": []},
    {"id": "b", "title": "Tuning study", "abstract": "We fine-tune QuillNet with LoRA.",
     "entities": [
         {"id": "quillnet", "name": "QuillNet", "type": "Model", "mentions": ["QuillNet"]},
         {"id": "lora", "name": "LoRA", "type": "Method", "mentions": ["LoRA"]}],
     "introduces": [], "builds_on": ["quillnet", "lora"], "trained_on": [], "evaluated_on": [], "compares_to": [],
     "optional": [["builds_on", "lora"]]},
]


def _tiny_graph(tiny_kb):
    """The graph scored below, made by hand so the expected scores can be worked out."""
    papers = [kg.Paper(id=r["id"], title=r["title"], abstract=r["abstract"]) for r in TINY_GOLD]
    from kg.graph.build import assemble
    from kg.linking.link import Edge, Entity, LinkedCorpus

    ents = {n: Entity(n, kind, label, [label], papers=1) for n, kind, label in [
        ("model:quillnet", "Model", "QuillNet"), ("model:llama-2", "Model", "Llama 2"),
        ("method:mmlu", "Method", "MMLU"), ("method:lora", "Method", "LoRA"), ("model:extra", "Model", "Extra")]}
    edges = [Edge("paper:a", n, "mentions", (ents[n].label,), "s", "kb", 1.0)
             for n in ("model:quillnet", "model:llama-2", "method:mmlu", "model:extra")]
    edges += [Edge("paper:a", "model:quillnet", "introduces", (), "s", "title", 1.0),
              Edge("paper:a", "model:llama-2", "compares_to", (), "s", "c", 1.0),
              Edge("paper:b", "model:quillnet", "mentions", ("QuillNet",), "s", "kb", 1.0),
              Edge("paper:b", "method:lora", "mentions", ("LoRA",), "s", "kb", 1.0),
              Edge("paper:b", "model:quillnet", "builds_on", (), "s", "b", 1.0),
              Edge("paper:b", "method:lora", "builds_on", (), "s", "b", 1.0)]
    return assemble(LinkedCorpus(papers, ents, sorted(edges, key=lambda e: (e.source, e.relation, e.target))))


def test_eval_scores_by_hand(tmp_path, tiny_kb):
    gold = tmp_path / "gold.jsonl"
    _write_jsonl(gold, TINY_GOLD)
    result = evaluate(gold, graph=_tiny_graph(tiny_kb))
    s = result.scores
    # Entities: gold 6, predicted 6 (Extra is extra, HellaSwag missed): 5 aligned.
    assert (s["entities"].tp, s["entities"].fp, s["entities"].fn) == (5, 1, 1)
    # Typed: MMLU predicted Method, gold Benchmark.
    assert (s["entities_typed"].tp, s["entities_typed"].fp, s["entities_typed"].fn) == (4, 2, 2)
    # builds_on: gold {a: llama-2, b: quillnet} (b's lora is optional); predicted {b: quillnet}.
    assert (s["builds_on"].tp, s["builds_on"].fp, s["builds_on"].fn) == (1, 0, 1)
    assert (s["compares_to"].tp, s["compares_to"].fp, s["compares_to"].fn) == (0, 1, 0)
    assert (s["evaluated_on"].tp, s["evaluated_on"].fp, s["evaluated_on"].fn) == (0, 0, 2)
    assert s["introduces"].f1 == 1.0
    # Linking: QuillNet in a and b is one node: one true pair; no false pairs.
    assert (s["linking"].tp, s["linking"].fp, s["linking"].fn) == (1, 0, 0)
    assert s["entities"].precision == pytest.approx(5 / 6)


def test_eval_judges_each_edge_it_can_so_confidences_can_be_checked(tmp_path, tiny_kb):
    gold = tmp_path / "gold.jsonl"
    _write_jsonl(gold, TINY_GOLD)
    result = evaluate(gold, graph=_tiny_graph(tiny_kb))
    judged = {(o.paper, o.relation, o.rule, o.correct) for o in result.outcomes}
    # a's QuillNet is introduced (right), Llama 2 compared to (wrong); b's LoRA edge is optional: not judged
    assert {j for j in judged if j[1] != "mentions"} == {
        ("a", "introduces", "title", True), ("a", "compares_to", "c", False), ("b", "builds_on", "b", True)}
    assert sorted(o.correct for o in result.outcomes if o.relation == "mentions") == [False] + [True] * 5  # Extra
    calibration = result.as_dict()["calibration"]  # every confidence is 1.0
    assert calibration["relations"]["ece"] == pytest.approx(1 / 3, abs=1e-4)
    assert calibration["entities"]["ece"] == pytest.approx(1 / 6, abs=1e-4)
    assert "confidence of relations: expected calibration error 0.333 over 3 edges" in format_table(result)


def test_eval_against_a_second_annotation_scores_annotator_agreement(tmp_path):
    gold, second = tmp_path / "gold.jsonl", tmp_path / "second.jsonl"
    _write_jsonl(gold, TINY_GOLD)
    _write_jsonl(second, TINY_GOLD[:1])  # paper b is not in the second annotation: it is left out
    same = evaluate(gold, against=second)
    assert same.papers == 1
    assert same.scores["relations_micro"].f1 == 1.0 and same.scores["entities_typed"].f1 == 1.0
    other = json.loads(json.dumps(TINY_GOLD[0]))
    other["entities"][2]["type"] = "Dataset"  # MMLU typed otherwise, HellaSwag not evaluated on
    other["evaluated_on"] = ["mmlu"]
    _write_jsonl(second, [other])
    differs = evaluate(gold, against=second).scores
    assert (differs["entities_typed"].tp, differs["entities_typed"].fp) == (3, 1)
    assert (differs["evaluated_on"].tp, differs["evaluated_on"].fn) == (1, 1)
    result = runner.invoke(app, ["eval", str(second), "--against", str(tmp_path / "none.jsonl")])
    assert result.exit_code != 0
    _write_jsonl(second, [{**other, "id": "z"}])
    result = runner.invoke(app, ["eval", str(gold), "--against", str(second)])
    assert result.exit_code == 1 and "no paper of the gold file" in result.output


def test_eval_cli_json(tmp_path):
    gold = tmp_path / "gold.jsonl"
    _write_jsonl(gold, TINY_GOLD)
    result = runner.invoke(app, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["papers"] == 2 and set(data["scores"]) >= {"entities", "entities_typed", "relations_micro", "linking"}


def test_eval_cli_errors_lists_misses(tmp_path):
    gold = tmp_path / "gold.jsonl"
    _write_jsonl(gold, TINY_GOLD)
    result = runner.invoke(app, ["eval", str(gold), "--errors"])
    assert result.exit_code == 0, result.output
    assert "FN  entity HellaSwag (Benchmark)" in result.output
