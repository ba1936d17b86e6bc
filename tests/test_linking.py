"""Normalised keys, slugs, size variants and the knowledge base."""

from __future__ import annotations

import pytest

from kg.errors import KnowledgeBaseError
from kg.linking.kb import KnowledgeBase, load_kb
from kg.linking.normalize import canonical_variant, is_sized, key, slug, split_variant, word_runs


@pytest.mark.parametrize("a,b", [
    ("LLaMA 2-7B", "Llama-2-7B"), ("LLaMA2-7B", "Llama-2-7B"), ("LLaVA-v1.5", "LLaVA-1.5"),
    ("GPT4V", "GPT-4V"), ("Deepseek V2", "DeepSeek-V2"), ("Qwen2 VL", "Qwen2-VL"),
    ("LLaVA-φ", "LLaVA-Phi"), ("PanGu-π", "PanGu-Pi"),  # Greek letters spelled out
])
def test_normalize_key_joins_spelling_variants(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize("a,b", [("Llama 3.1", "Llama 31"), ("Llama 3", "Llama 2"), ("CodeT5+", "CodeT5")])
def test_normalize_key_keeps_versions_apart(a, b):
    assert key(a) != key(b)


@pytest.mark.parametrize("name,expected", [
    ("Llama-2-7B", "llama-2-7b"), ("Claude 3.5 Sonnet", "claude-3.5-sonnet"), ("FlashDecoding++", "flashdecoding-plus-plus"),
    ("<script>", "script"), ("!!!", "x"),
])
def test_normalize_slug(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("name,family,variant", [
    ("Llama-2-7B", "Llama-2", "7B"), ("Mistral 7B v0.1", "Mistral", "7B v0.1"), ("GPT-4 Turbo", "GPT-4", "Turbo"),
    ("Qwen2-VL-7B-Instruct", "Qwen2-VL", "7B-Instruct"), ("GPT-4 0613", "GPT-4", "0613"),
])
def test_normalize_split_variant(name, family, variant):
    found = split_variant(name)
    assert found is not None and (found.family, found.variant) == (family, variant)


@pytest.mark.parametrize("name", ["LLaVA-1.5", "Llama2 large", "Transformer", "Llama 3.1"])
def test_normalize_split_variant_none(name):
    assert split_variant(name) is None


@pytest.mark.parametrize("name, sized", [
    ("Llama-2-7B", True), ("Mistral-7B-Instruct", True), ("Mixtral-8x7B", True), ("OPT-125M", True),
    ("GPT-4 Turbo", False), ("Llama-2", False), ("Qwen2-128K", False), ("Llama-3-1M", False),  # context lengths
])
def test_normalize_is_sized_means_a_parameter_count(name, sized):
    assert is_sized(name) is sized


def test_normalize_word_runs_are_the_parts_of_a_name():
    assert word_runs("RT-K-Net") == ["RT", "RT-K", "K", "K-Net", "Net"]
    assert word_runs("Audio Mamba") == ["Audio", "Mamba"]
    # only single words and runs at either end: a run inside a long name says little
    assert "B-C" not in word_runs("A-B-C-D", ends_only=True) and "B" in word_runs("A-B-C-D", ends_only=True)


def test_normalize_canonical_variant():
    assert canonical_variant("Llama 2", "7b") == "Llama-2-7B"
    assert canonical_variant("Mistral", "7B v0.1") == "Mistral-7B-v0.1"


def test_kb_lookup_flexible_and_exact(tiny_kb):
    assert [e.id for e in tiny_kb.lookup("LLaMA-2")] == ["llama-2"]
    assert [e.id for e in tiny_kb.lookup("Llama2")] == ["llama-2"]
    assert tiny_kb.lookup("mmlu") == []  # an all-capitals alias matches only as written
    assert [e.id for e in tiny_kb.lookup("Low-Rank Adaptation")] == ["lora"]


def test_kb_lookup_lowercase_word_is_not_a_mixed_case_name():
    kb = KnowledgeBase.from_records([{"id": "react", "name": "ReAct", "type": "Method", "aliases": []}])
    assert kb.lookup("react") == []
    assert [e.id for e in kb.lookup("ReAct")] == ["react"]


def test_kb_lookup_any_case_drops_the_case_rules():
    kb = KnowledgeBase.from_records([{"id": "gemma", "name": "Gemma", "type": "Model", "aliases": []},
                                     {"id": "llama", "name": "LLaMA", "type": "Model", "aliases": []}])
    assert kb.lookup("gemma") == [] and kb.lookup("llama") == []
    assert [e.id for e in kb.lookup_any_case("gemma")] == ["gemma"]
    assert [e.id for e in kb.lookup_any_case("llama")] == ["llama"]
    assert kb.lookup_any_case("mistral") == []


def test_kb_rejects_duplicate_ids_and_unknown_types():
    with pytest.raises(KnowledgeBaseError):
        KnowledgeBase.from_records([{"id": "a", "name": "A", "type": "Model"}, {"id": "a", "name": "B", "type": "Model"}])
    with pytest.raises(KnowledgeBaseError):
        KnowledgeBase.from_records([{"id": "a", "name": "A", "type": "Organisation"}])


def test_kb_shipped_files_load():
    kb = load_kb()
    assert len(kb) > 1500
    kinds = {e.type for e in kb.entities.values()}
    assert kinds == {"Model", "Method", "Dataset", "Benchmark"}
    assert kb.get("llama-2").name == "Llama 2"
    assert "LLM" in kb.stoplist
    # Two different things with one short name stay apart.
    assert kb.get("gqa").type == "Benchmark"
    assert kb.get("grouped-query-attention").type == "Method"


@pytest.mark.parametrize("surface,entity_id", [
    ("self-instruct", "self-instruct"), ("low-rank adaptation", "lora"), ("chain-of-thought", "chain-of-thought"),
    ("Alpaca dataset", "alpaca-data"), ("LookAhead Decoding", "lookahead-decoding"), ("InternVL 2.0", "internvl2"),
    ("Poly-encoder", "poly-encoder"), ("grammar-constrained decoding", "grammar-constrained-decoding"),
    ("ML-1m", "movielens-1m"), ("BELEBELE", "belebele"),
    # names of fields beyond language and vision models
    ("PatchTST", "patchtst"), ("SASRec", "sasrec"), ("Federated Averaging", "fedavg"), ("HumanML3D", "humanml3d"),
    ("SMPL-X", "smpl-x"), ("Habitat-Sim", "habitat"), ("MIMIC-CXR", "mimic-cxr"), ("Gaussian splatting", "3d-gaussian-splatting"),
])
def test_kb_shipped_spellings_papers_use(surface, entity_id):
    """Techniques written in lowercase, as abstracts write them, are the named technique (guideline 2)."""
    assert entity_id in {e.id for e in load_kb().lookup(surface)}


@pytest.mark.parametrize("filename,kind", [
    ("models.jsonl", "Model"), ("methods.jsonl", "Method"), ("datasets.jsonl", "Dataset"), ("benchmarks.jsonl", "Benchmark"),
])
def test_kb_file_holds_one_kind_sorted_by_id(filename, kind):
    import json

    from kg.resources import ontology_dir

    rows = [json.loads(line) for line in (ontology_dir() / "kb" / filename).read_text(encoding="utf-8").splitlines()]
    assert {r["type"] for r in rows} == {kind}
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
