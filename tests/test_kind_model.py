"""The kind model: its file format, where the extractor lets it decide, and its training script."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kg.linking.kb import load_kb
from kg.nlp.kind_model import KindModel, load_kind_model
from kg.nlp.lexicon import load_lexicon
from kg.nlp.pipeline import make_pipeline, records_of
from tests.conftest import script

KINDS = ("Benchmark", "Dataset", "Method", "Model")


def _always(kind: str) -> KindModel:
    """A model whose bias alone picks ``kind``."""
    return KindModel(KINDS, tuple(1.0 if k == kind else 0.0 for k in KINDS), {})


def kinds(nlp, title: str, abstract: str) -> dict[str, str]:
    entities, _ = records_of(nlp(f"{title}\n{abstract}"))
    return {e.name: e.kind for e in entities}


def test_kind_model_picks_the_kind_with_the_highest_sum_and_survives_its_file():
    model = KindModel(KINDS, (0.0, 0.0, 0.5, 0.0), {"sentence:dataset": (0.0, 1.0, 0.0, 0.0), "camel": (0.0, 0.0, 0.0, 2.0)})
    assert model.kind_of("x", frozenset(), "Model") == "Method"
    assert model.kind_of("x", frozenset({"sentence:dataset"}), "Model") == "Dataset"
    assert model.kind_of("x", frozenset({"sentence:dataset", "camel", "unseen"}), "Method") == "Model"
    again = KindModel.from_json(model.to_json("a test model"))
    assert again == model
    assert json.loads(model.to_json("a test model"))["_comment"] == "a test model"


def test_kind_model_decides_only_kinds_no_strong_clue_gave():
    kb, lexicon = load_kb(), load_lexicon()
    with_model = make_pipeline(kb, replace(lexicon, kind_model=_always("Dataset")))
    found = kinds(with_model, "Zeta", "We study ZetaFoo closely. ZetaDet-7B, built on LoRA, solves "
                                      "MiniF2F-Test. We introduce ZetaNet, a new method for proofs.")
    assert found["ZetaFoo"] == "Dataset"  # (the rules had only their default)
    assert found["LoRA"] == "Method"  # known
    assert found["ZetaDet-7B"] == "Model"  # a size says so
    assert found["MiniF2F-Test"] == "Benchmark"  # a split of a known benchmark
    assert found["ZetaNet"] == "Method"  # the appositive says so
    without = make_pipeline(kb, replace(lexicon, kind_model=None))
    assert kinds(without, "Zeta", "We study ZetaFoo closely.")["ZetaFoo"] == "Method"


def test_kind_model_shipped_weighs_the_words_around_a_new_name():
    shipped = make_pipeline(load_kb(), load_lexicon())
    rules_only = make_pipeline(load_kb(), replace(load_lexicon(), kind_model=None))
    text = ("Fonts", "We fine-tune ZetaFont on 2M glyphs and release the model weights.")
    assert kinds(rules_only, *text)["ZetaFont"] == "Method"
    assert kinds(shipped, *text)["ZetaFont"] == "Model"
    assert load_kind_model() == load_lexicon().kind_model


def test_kind_model_training_collects_gold_kinds_and_fits_them(tmp_path):
    pytest.importorskip("sklearn", reason="scripts/train_kinds.py needs scikit-learn (the test and train extras)")
    train_kinds = script("train_kinds")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "p1", "title": "Zeta", "abstract": "We study ZetaFoo closely. ZetaDet-7B beats LoRA.",
        "entities": [{"id": "zetafoo", "name": "ZetaFoo", "type": "Dataset", "mentions": ["ZetaFoo"]},
                     {"id": "zetadet-7b", "name": "ZetaDet-7B", "type": "Model", "mentions": ["ZetaDet-7B"]},
                     {"id": "lora", "name": "LoRA", "type": "Method", "mentions": ["LoRA"]}],
    }) + "\n", encoding="utf-8")
    rows = train_kinds.examples(gold)
    # only the name the model would type: not the known LoRA, nor the sized ZetaDet-7B
    assert [(rules, kind) for _, rules, kind in rows] == [("Method", "Dataset")]
    assert "sentence:dataset" not in rows[0][0] and "rules=Method|0" in rows[0][0]
    # names in sentences about data are data, the others methods; features of fewer than three names are dropped
    data = [(frozenset({"sentence:dataset", f"head={i}"}), "Method", "Dataset") for i in range(6)]
    methods = [(frozenset({"sentence:method", f"head={i}"}), "Method", "Method") for i in range(6)]
    model = train_kinds.fit(data + methods)
    assert set(model.weights) == {"sentence:dataset", "sentence:method"}
    assert model.kind_of("", frozenset({"sentence:dataset"}), "Method") == "Dataset"
    assert model.kind_of("", frozenset({"sentence:method"}), "Method") == "Method"
