"""Extraction behaviours on small texts written for these tests (not copies of gold abstracts).

The names and relations here are the rules' own: the pipelines leave out the relation model, which
weighs the rules' findings with the rest of the abstract (tests/test_relation_model.py).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.nlp.abbreviations import best_long_form
from kg.nlp.confidence import confidence_of
from kg.nlp.lexicon import load_lexicon
from kg.nlp.pipeline import make_pipeline
from kg.nlp.records import entity_from_plain, relation_from_plain
from kg.sources.clean import clean_text


def rules():
    """The shipped word lists, cues and kind model, without the relation model."""
    return replace(load_lexicon(), relation_model=None)


@pytest.fixture(scope="module")
def nlp():
    from tests.conftest import TINY_KB_RECORDS
    from kg.linking.kb import KnowledgeBase

    kb = KnowledgeBase.from_records(TINY_KB_RECORDS, stoplist=["LLM", "LLMs", "SOTA", "KV"])
    return make_pipeline(kb, rules())


@pytest.fixture(scope="module")
def shipped():
    """The pipeline over the shipped knowledge base and stop list."""
    from kg.linking.kb import load_kb

    return make_pipeline(load_kb(), rules())


def analyse(nlp, text):
    doc = nlp(text)
    return [entity_from_plain(e) for e in doc._.kg_entities], [relation_from_plain(r) for r in doc._.kg_relations]


def run(nlp, title, abstract):
    found, hits = analyse(nlp, f"{title}\n{abstract}")
    entities = {e.key: e for e in found}
    relations = {(r.relation, entities[r.entity].name) for r in hits}
    return {e.name: e for e in entities.values()}, relations


def nlp_with(*records, stoplist=()):
    """A pipeline over the tiny knowledge base plus ``records``."""
    from tests.conftest import TINY_KB_RECORDS
    from kg.linking.kb import KnowledgeBase

    return make_pipeline(KnowledgeBase.from_records([*TINY_KB_RECORDS, *records], stoplist=stoplist), rules())


def test_extraction_spelling_variants_are_one_entity(nlp):
    entities, _ = run(nlp, "Notes on adapters", "We study LLaMA 2, Llama2 and LLaMA-2 with care.")
    assert list(entities) == ["Llama 2"]
    assert set(entities["Llama 2"].surfaces) == {"LLaMA 2", "Llama2", "LLaMA-2"}


def test_extraction_the_plural_of_a_name_the_paper_uses_is_that_name(nlp):
    entities, _ = run(nlp, "ZetaAdapter: Light Control", "We learn small ZetaAdapters and stack LoRAs with LoRA.")
    assert set(entities) == {"ZetaAdapter", "LoRA"}
    assert entities["ZetaAdapter"].surfaces == ("ZetaAdapter", "ZetaAdapters")


def test_extraction_a_known_camel_case_name_in_the_plural_is_that_name():
    unet = {"id": "u-net", "name": "U-Net", "type": "Method", "aliases": ["UNet"]}
    entities, relations = run(nlp_with(unet), "ZetaShadow: shadow removal", "We propose a parallel UNets architecture.")
    assert set(entities) == {"ZetaShadow", "U-Net"} and ("introduces", "U-Net") not in relations


def test_extraction_a_known_acronym_of_short_parts_keeps_its_record_when_spelled_out():
    dpsgd = {"id": "dp-sgd", "name": "DP-SGD", "type": "Method"}
    entities, _ = run(nlp_with(dpsgd), "ZetaDP: private training", "Differentially private stochastic gradient descent "
                                                                  "(DP-SGD) is popular.")
    assert "DP-SGD" in entities and entities["DP-SGD"].kb_id == "dp-sgd"


def test_extraction_a_lowercase_alias_in_the_plural_is_that_name():
    dcn = {"id": "dcn", "name": "Deformable Convolution", "type": "Method", "aliases": ["deformable convolution"]}
    entities, _ = run(nlp_with(dcn), "Zeta", "We add deformable convolutions and convolutions to our encoder.")
    assert set(entities) == {"Deformable Convolution"}


def test_extraction_a_lowercase_long_form_of_an_acronym_is_the_known_name():
    se = {"id": "squeeze-and-excitation", "name": "Squeeze-and-Excitation", "type": "Method", "aliases": []}
    entities, _ = run(nlp_with(se), "Zeta", "Our ZetaNet integrates squeeze-and-excitation (SE) blocks.")
    assert entities["Squeeze-and-Excitation"].surfaces == ("squeeze-and-excitation", "SE")


def test_extraction_sizes_joined_by_slashes_and_ranges_are_variants(nlp):
    entities, _ = run(nlp, "A study", "Results hold on LLaMA2 models from 7B/13B to 70B.")
    assert {"Llama-2-7B", "Llama-2-13B", "Llama-2-70B"} <= set(entities)


def test_extraction_versions_and_sizes_listed_with_slashes_or_commas_are_entities():
    from tests.conftest import TINY_KB_RECORDS
    from kg.linking.kb import KnowledgeBase

    llama_3 = {"id": "llama-3", "name": "Llama 3", "type": "Model", "aliases": ["LLaMA 3", "Llama3"]}
    aime = [{"id": f"aime-20{y}", "name": f"AIME 20{y}", "type": "Benchmark", "aliases": [f"AIME{y}"]} for y in (24, 25)]
    nlp = make_pipeline(KnowledgeBase.from_records([*TINY_KB_RECORDS, llama_3, *aime]), rules())
    entities, _ = run(nlp, "A study", "Contests are saturated (AIME24/25) since 2023/24.")
    assert set(entities) == {"AIME 2024", "AIME 2025"}
    entities, _ = run(nlp, "A study", "We compress LLaMA2/3 and Llama-2-7B/13B models at a 1/2 rate.")
    assert {"Llama 2", "Llama 3", "Llama-2-7B", "Llama-2-13B"} == set(entities)
    assert entities["Llama 3"].surfaces == ("3",)
    entities, _ = run(nlp, "A study", "We prove it on Llama 2, 3 and 4 models.")  # no Llama 4 known
    assert set(entities) == {"Llama 2", "Llama 3"}
    entities, _ = run(nlp, "A study", "We test MMLU/GQA at https://example.org/Zeta/MMLU-Kit.")
    assert set(entities) == {"MMLU", "GQA"}  # (the link is no mention)
    zeta = [{"id": "zetaset", "name": "ZetaSet", "type": "Dataset", "aliases": ["ZetaSet-v1.0"]},
            *({"id": f"zetaset-v{v}", "name": f"ZetaSet-v{v}", "type": "Dataset", "aliases": [], "family": "zetaset"}
              for v in ("1.5", "2.0"))]
    nlp = make_pipeline(KnowledgeBase.from_records([*TINY_KB_RECORDS, *zeta]), rules())
    entities, _ = run(nlp, "A study", "We test on ZetaSet-v1.0/v1.5/v2.0.")  # every version after the slashes
    assert set(entities) == {"ZetaSet", "ZetaSet-v1.5", "ZetaSet-v2.0"}


def test_tokenizer_splits_names_listed_with_slashes_but_not_fractions_or_links(nlp):
    words = [t.text for t in nlp.make_doc("GPT-3.5/4, RefCOCO+/RefCOCOg, 1/2, 2.5/3 and https://x.org/A/B-C")]
    assert words == ["GPT-3.5", "/", "4", ",", "RefCOCO+", "/", "RefCOCOg", ",", "1/2", ",", "2.5/3", "and",
                     "https://x.org/A/B-C"]


def test_extraction_a_name_suffix_written_as_a_word_belongs_to_the_name(nlp):
    entities, relations = run(nlp, "A study", "We introduce the ZT-PEFT Bench, a unified benchmark for tables.")
    assert set(entities) == {"ZT-PEFT Bench"}
    assert ("introduces", "ZT-PEFT Bench") in relations


def test_extraction_a_size_with_a_patch_size_is_one_model_name(nlp):
    entities, _ = run(nlp, "Zeta", "When leveraging ZetaDINO-g/14 as the teacher, ZetaStudent-L/14 matches the teacher.")
    assert {"ZetaDINO-g/14", "ZetaStudent-L/14"} <= set(entities)
    assert entities["ZetaStudent-L/14"].kind == "Model"


def test_extraction_a_variant_of_a_variant_keeps_the_known_family(nlp):
    entities, relations = run(nlp, "Llama 2 Max: Bigger Blocks", "Llama 2 Max and its chat counterpart (Llama 2 Max-Chat) lead.")
    assert entities["Llama-2-Max-Chat"].family == "Llama 2"
    assert ("introduces", "Llama-2-Max-Chat") in relations


def test_extraction_sizes_a_model_is_scaled_up_to(nlp):
    entities, _ = run(nlp, "Scaling", "We study scaling Llama 2 up to 33B and 65B/70B on 8xA800 GPUs.")
    assert set(entities) == {"Llama 2", "Llama-2-33B", "Llama-2-65B", "Llama-2-70B"}
    entities, _ = run(nlp, "Long context", "We extend Llama-2-7B to 128K tokens.")  # a context length
    assert set(entities) == {"Llama-2-7B"}
    entities, _ = run(nlp, "Chat", "We fine-tune Llama 2 (7B and 13B Chat).")
    assert {"Llama-2-7B", "Llama-2-13B-Chat"} <= set(entities)


def test_extraction_footnote_marks_and_lowercase_families_of_sized_names(nlp):
    entities, relations = run(nlp, "Proteins", "We adopt a suite of pre-trained LLMs, including Mistral-7B1, "
                                               "Llama-2-7B2, and llama-2-13B3, to design proteins.")
    assert set(entities) == {"Mistral-7B", "Llama-2-7B", "Llama-2-13B"}
    assert {("builds_on", n) for n in entities} <= relations


def test_extraction_size_is_a_variant_with_family(nlp):
    entities, _ = run(nlp, "Size matters", "We test LLaMA2-7B and Llama 2 (13B and 70B).")
    assert entities["Llama-2-7B"].family == "Llama 2"
    assert entities["Llama-2-13B"].surfaces == ("13B",)
    assert entities["Llama-2-70B"].family_kb_id == "llama-2"


def test_extraction_a_plain_word_in_capitals_heading_the_title_or_spelled_out_is_a_name(nlp):
    _, relations = run(nlp, "REAL: Benchmarking Agents on Real Websites", "We introduce REAL, a benchmark.")
    assert ("introduces", "REAL") in relations
    # ... or spelled out by the paper
    entities, relations = run(nlp, "Demonstration Selection", "We propose CASE (Challenger Arm Sampling for Exemplar "
                                                             "selection), a strategy. In this case, it helps.")
    assert ("introduces", "CASE") in relations
    assert set(entities) == {"CASE"}


def test_extraction_a_known_name_and_a_plain_word_heading_the_title_are_one_new_name():
    nlp = nlp_with({"id": "zorro", "name": "Zorro", "type": "Model"})
    entities, relations = run(nlp, "Zorro Scope: Open Probes Everywhere", "We release Zorro Scope, a suite of probes "
                                                                          "trained on Zorro.")
    assert ("introduces", "Zorro Scope") in relations
    assert "Scope" not in entities and ("introduces", "Zorro") not in relations
    # capitalised words before the known name, when the abstract says the whole head again
    entities, relations = run(nlp, "Dual-path Zorro: Long-range Models for Speech", "We propose dual-path Zorro, "
                                                                               "which models speech in two paths.")
    assert ("introduces", "Dual-path Zorro") in relations and ("introduces", "Zorro") not in relations
    _, relations = run(nlp, "Stuffed Zorro: Limits of Memory", "We study how Zorro forgets.")  # a topic, not a name
    assert not {r for r in relations if r[0] == "introduces"}


def test_extraction_title_prefix_is_introduced(nlp):
    entities, relations = run(nlp, "ZetaFormer: Fast Attention for Everyone", "ZetaFormer is a method.")
    assert ("introduces", "ZetaFormer") in relations
    assert entities["ZetaFormer"].kind == "Method"


@pytest.mark.parametrize("title,name", [
    ("1.5-Zetas Technical Report: Pretraining in Days", "1.5-Zetas"),
    ("Llama 2 Technical Report: Open Models", "Llama 2"),  # the known entity itself
])
def test_extraction_title_prefix_without_report_words_is_introduced(nlp, title, name):
    entities, relations = run(nlp, title, "We train a model.")
    assert ("introduces", name) in relations
    assert not any("Report" in n for n in entities)


@pytest.mark.parametrize("sentence,name", [
    ("We propose QuillNet, a novel framework for reading.", "QuillNet"),
    ("We present a tool named Vellum that reads papers.", "Vellum"),
    ("In this work we introduce OrbitLM, a family of models.", "OrbitLM"),
    ("Our method, QuillNet, is fast.", "QuillNet"),
    ("We add two novel designs: sparse gated routing (SpaGate) and token mixing (TokMix).", "TokMix"),
    ("To test this, we develop Lamina, an inference system. Lamina is fast.", "Lamina"),  # a plain word
    ("We continue pre-training on clinical notes. The resulting model, ZetaMed, leads.", "ZetaMed"),
    ("In this work, we seek to narrow this gap and present ZetaNet-8B, a model for tables.", "ZetaNet-8B"),
    ("Fine detail reaches the coarse path via the novel sparse detail adapters (SD-Adapters).", "SD-Adapters"),
    ("We refer to the model after continued pre-training as ZetaMed-7B.", "ZetaMed-7B"),
    ("Besides SFT, our recipe has a new method we call Low-Rank Adaptation (LoRA).", "LoRA"),  # known, but defined here
    ("We question this by introducing VelaNet, a sparse model.", "VelaNet"),
    ("Furthermore, our proposed modularized decoder-only model zPLUG-video is fast.", "zPLUG-video"),
    ("We aim to fix this through a novel late fusion solution termed Uncertain Dynamic Fusion (UDF).", "UDF"),
    ("The tailored model, dubbed as image Llama (iLlama), is akin to Llama 2.", "iLlama"),
    ("We tune it where a visual critic without rendering (ViCR) is developed to score code.", "ViCR"),
    ("In this work, we try to streamline existing recommendation models that use LLMs and propose a simple yet "
     "effective model ZetaRec.", "ZetaRec"),
    ("Lacking such data, we created the ZetaTunes (ZT) dataset from song lyrics.", "ZetaTunes"),
])
def test_extraction_we_propose_and_named_are_introduced(nlp, sentence, name):
    _, relations = run(nlp, "A study", sentence)
    assert ("introduces", name) in relations


@pytest.mark.parametrize("sentence,name", [
    ("We read time series as prompts, termed in-context forecasting.", "in-context forecasting"),
    ("We propose perception prior embedding to merge priors with image features.", "perception prior embedding"),
    ("To address this, we propose homologous recognition, an auxiliary pretext task.", "homologous recognition"),
    ("To curb memorization, we change the objective in a way that we call the goldfish loss.", "goldfish loss"),
    ("Motivated by this, we propose decoupled distillation.", "decoupled distillation"),
    ("We design benchmark settings to emulate human answers.", None),  # a description
    ("We build an instruction dataset.", None),
    ("A known attack, called prompt leaking, steals system prompts.", None),  # not ours
    ("We propose a novel method to fuse features.", None),
    ("We observe that code optimization presents greater challenges compared to code generation.", None),
    ("Our code and data will be released upon paper notification.", None),  # a preposition names nothing
    ("We add fusion to a backbone and term the proposed method as ZetaFuse.", "ZetaFuse"),  # not "proposed method"
    ("We address named entity recognition in clinical notes.", None),  # "named" names nothing here
    ("We train smaller LLMs for one field; we call them field-specific LLMs.", None),  # a pronoun names nothing
    ("To be safe, we propose post-hoc patching defenses used to edit activations.", None),  # a participle ends it
])
def test_extraction_lowercase_names_of_new_techniques(nlp, sentence, name):
    _, relations = run(nlp, "A study", sentence)
    assert {e for r, e in relations if r == "introduces"} == ({name} if name else set())


def test_extraction_acronym_joins_its_expansion(nlp):
    entities, _ = run(nlp, "On memory", "We propose Sparse Window Routing (SWR) for long inputs. SWR is fast.")
    assert set(entities["SWR"].surfaces) == {"Sparse Window Routing", "SWR"}
    # hyphens do not count as words of the long form's reach
    entities, _ = run(nlp, "On editing", "We present a novel approach called Tuning-free Zeta-enhanced Control (TZC).")
    assert set(entities) == {"TZC"}
    assert set(entities["TZC"].surfaces) == {"Tuning-free Zeta-enhanced Control", "TZC"}


def test_extraction_generic_acronym_is_dropped(nlp):
    entities, _ = run(nlp, "On caches", "The key-value (KV) cache and the user interface (UI) of a system (SYS).")
    assert entities == {}


def test_extraction_the_acronym_of_a_task_or_field_is_no_entity_unless_proposed(nlp):
    entities, _ = run(nlp, "On emotions", "Speech Emotion Recognition (SER) and Recommender Systems (RS) are hard.")
    assert entities == {}
    entities, relations = run(nlp, "On tracking", "We propose Cohesive Spatial Tracking (CST), a new tracker.")
    assert ("introduces", "CST") in relations


@pytest.mark.parametrize("sentence", [
    "We lower the Contour Alignment Distance (CAD) and the Mean Token Utilization (MTU) of all tools.",
    "Federated forgetting (FF) has emerged as an answer to privacy requests.",  # a sentence's first capital
    "Users move points with Point-Based Image Editing (PBIE).",  # a task
])
def test_extraction_the_acronym_of_a_metric_or_term_is_no_entity(nlp, sentence):
    entities, _ = run(nlp, "On tools", sentence)
    assert entities == {}


def test_extraction_the_acronym_of_a_stop_listed_long_form_is_no_entity():
    nlp = nlp_with(stoplist=["lookahead decoding"])
    entities, _ = run(nlp, "On tools", "Lookahead Decoding (LD) speeds up inference.")
    assert entities == {}


def test_extraction_a_titled_long_form_at_a_sentence_start_still_names(nlp):
    entities, _ = run(nlp, "On tools", "Sliding Window Reranking (SWR) has emerged as a strong baseline.")
    assert "SWR" in entities


def test_extraction_the_acronym_of_a_class_of_models_is_no_entity(nlp):
    entities, _ = run(nlp, "On video", "Recently, video large language models (VideoLLMs) have advanced quickly.")
    assert entities == {}


def test_extraction_what_a_new_thing_is_of_is_not_introduced(nlp):
    _, relations = run(nlp, "On encodings", "We present a benchmark of GraphPEs. We also present ZetaGraph, a new model.")
    assert ("introduces", "GraphPEs") not in relations
    assert ("introduces", "ZetaGraph") in relations


def test_extraction_a_term_our_work_is_for_is_not_introduced(nlp):
    entities, _ = run(nlp, "On parsing", "We present an analysis for continual learning on a pretrained model (CLPM).")
    assert entities == {}


def test_extraction_long_form_said_again_is_the_acronym(nlp):
    entities, relations = run(nlp, "Think Twice: Stepwise Answer Polishing in LLMs",
                              "We propose Stepwise Answer Polishing (SAP), a framework that polishes answers.")
    assert list(entities) == ["SAP"]
    assert set(entities["SAP"].surfaces) == {"Stepwise Answer Polishing", "SAP"}
    assert {r for r in relations if r[0] == "introduces"} == {("introduces", "SAP")}


def test_extraction_a_long_form_said_again_is_its_acronym_not_the_known_name_inside(nlp):
    entities, relations = run(nlp, "Tuning Llama 2 with Zeta Low-Rank Adaptation",
                              "We propose Zeta Low-Rank Adaptation (ZLoRA), which tunes Llama 2 in minutes.")
    assert set(entities) == {"ZLoRA", "Llama 2"}  # not LoRA, from the title
    assert set(entities["ZLoRA"].surfaces) >= {"Zeta Low-Rank Adaptation", "ZLoRA"}
    assert ("introduces", "ZLoRA") in relations


def test_extraction_a_title_that_spells_its_name_after_the_colon_gives_its_long_form(nlp):
    entities, _ = run(nlp, "ZLT: Zeta LoRA Tuning for Long Video", "We present ZLT, which tunes fast.")
    assert set(entities) == {"ZLT"}  # not LoRA, a piece of the long form
    assert set(entities["ZLT"].surfaces) >= {"Zeta LoRA Tuning", "ZLT"}
    entities, _ = run(nlp, "ZLT: Tuning Video Models with LoRA", "We present ZLT, which tunes fast.")
    assert set(entities) == {"ZLT", "LoRA"}  # (its words do not spell the name)


@pytest.mark.parametrize("abstract,built_on", [
    ("ZetaNet couples a Llama 2 decoder with an image adapter.", True),
    ("ZetaNet couples a small Llama 2 decoder with an image adapter.", True),
    ("Unlike a Llama 2 decoder, ZetaNet reads images.", False),  # set aside
    ("ZetaNet couples a Zeta-7 decoder with an image adapter.", False),  # a name known by its shape alone
])
def test_extraction_a_known_model_after_a_with_no_other_role_is_built_on(nlp, abstract, built_on):
    _, relations = run(nlp, "ZetaNet", abstract)
    assert (("builds_on", "Llama 2") in relations) == built_on
    assert not any(r[0] == "builds_on" and r[1] != "Llama 2" for r in relations)


def test_extraction_a_model_naming_a_metric_or_a_problem_is_no_mention_of_it(nlp):
    entities, relations = run(nlp, "ZetaGen", "ZetaGen raises the Llama 2 score and Llama 2 similarity on MMLU, "
                                              "and keeps the MMLU score.")
    assert set(entities) == {"ZetaGen", "MMLU"}  # a benchmark's score is still the benchmark
    entities, _ = run(nlp, "ZetaGen", "ZetaGen eases the Llama 2 problem of text-to-3D.")  # as "the Janus problem"
    assert set(entities) == {"ZetaGen"}
    entities, _ = run(nlp, "ZetaGen", "We fine-tune Llama 2 and report the Llama 2 score.")
    assert "Llama 2" in entities


def test_extraction_a_long_form_starts_before_a_joining_word_that_shares_its_letter(nlp):
    entities, _ = run(nlp, "A study", "We use the Alpha and Ruby Xylophone (ARX) and the Tasks to Reason (TR) set.")
    assert set(entities["ARX"].surfaces) == {"Alpha and Ruby Xylophone", "ARX"}  # not "and Ruby Xylophone"
    assert set(entities["TR"].surfaces) == {"Tasks to Reason", "TR"}


@pytest.mark.parametrize("sentence,name,kind", [
    ("Our suite includes a new medical evaluation benchmark (MEB) of six tasks.", "MEB", "Benchmark"),
    ("We propose Decoding-time Alignment of LLMs (DeAL) for users.", "DeAL", "Method"),  # the head, not the object
    ("We train an encoding model named the Visual Encoding Model (VEM).", "VEM", "Model"),
])
def test_extraction_the_head_of_a_long_form_types_its_acronym(nlp, sentence, name, kind):
    entities, relations = run(nlp, "A study", sentence)
    assert ("introduces", name) in relations
    assert entities[name].kind == kind


def test_extraction_title_cased_generic_expansion_is_a_term(nlp):
    entities, _ = run(nlp, "On learning", "Some tie it to Gradient Descent (GD). We compare transformers and GD.")
    assert entities == {}
    entities, _ = run(nlp, "On learning", "We present ZetaMath, a novel Auto Regressive (AR) decoder for math.")
    assert set(entities) == {"ZetaMath"}
    # unless the paper names its own method so
    _, relations = run(nlp, "On learning", "We propose a method for VLMs, termed Dense Resolution Adaptation (DRA).")
    assert ("introduces", "DRA") in relations


def test_extraction_expansion_resolves_ambiguous_short_name(nlp):
    entities, _ = run(nlp, "Attention variants", "Models rely on grouped-query attention (GQA). We improve GQA.")
    assert entities["Grouped-Query Attention"].kind == "Method"
    assert "GQA" not in entities  # not the GQA benchmark


def test_extraction_ambiguous_short_name_by_context(nlp):
    entities, _ = run(nlp, "Visual reasoning", "We report accuracy on the GQA benchmark.")
    assert entities["GQA"].kind == "Benchmark"


@pytest.mark.parametrize("sentence,kind", [
    ("We test three evaluation datasets and four model families (Llama-2, Mistral and Zebra).", "Model"),
    ("Our models improve when the training data is the Zebra corpus.", "Dataset"),
    # a kind word after the name counts within its phrase only
    ("We tune prompts for LLMs including GPT-4 and Zebra, on 31 datasets.", "Model"),
])
def test_extraction_one_name_two_kinds_takes_the_nearest_kind_word(sentence, kind):
    from kg.linking.kb import KnowledgeBase

    kb = KnowledgeBase.from_records([
        {"id": "zebra-data", "name": "Zebra", "type": "Dataset", "aliases": []},
        {"id": "zebra", "name": "Zebra", "type": "Model", "aliases": []},
    ])
    entities, _ = run(make_pipeline(kb, rules()), "A study", sentence)
    assert entities["Zebra"].kind == kind


def test_extraction_stop_list_and_generic_terms_are_not_entities(nlp):
    entities, _ = run(nlp, "LLMs at scale", "LLMs reach SOTA results. Large Language Models are popular.")
    assert entities == {}


def test_extraction_a_new_name_takes_its_size(nlp):
    entities, _ = run(nlp, "A study", "The result is a model named openZeta 3B. The openZeta 3B model is fast.")
    assert "openZeta 3B" in entities and "openZeta" not in entities


def test_extraction_a_variant_never_spans_a_colon(nlp):
    entities, _ = run(nlp, "A study", "We study Llama 2: Large Language Models at scale.")
    assert "Llama 2" in entities and "Llama-2-Large" not in entities


def test_extraction_a_family_label_is_not_a_mention(nlp):
    entities, _ = run(nlp, "A study", "We run experiments on Llama2-family models and on GPT-4-like agents.")
    assert "Llama 2" not in entities and "GPT-4" in entities


def test_extraction_name_in_url_is_not_a_mention(nlp):
    entities, _ = run(nlp, "Code release", "Code is at https://github.com/someone/QuillNet-v2 for all.")
    assert entities == {}
    # nor in a path the tokenizer splits off a URL glued to a bracket
    entities, _ = run(nlp, "Code release", "It runs in quill-net(https://github.com/QuillOrgAI/quill-net), for all.")
    assert entities == {}


@pytest.mark.parametrize("sentence,relation,name", [
    ("Our model is built on LLaMA 2 and fine-tuned with LoRA.", "builds_on", "Llama 2"),
    ("We fine-tune Llama 2 on our data.", "builds_on", "Llama 2"),
    ("Our model is pre-trained on The Pile.", "trained_on", "The Pile"),
    ("Our model achieves 71.2 on MMLU.", "evaluated_on", "MMLU"),
    ("Our model reasons well, scoring 90.5% on MMLU and 80% on GQA.", "evaluated_on", "GQA"),
    ("We show speedups of up to 2.1x on MMLU questions.", "evaluated_on", "MMLU"),
    ("This simple technique allows us to improve up to 6.9 pp on MMLU.", "evaluated_on", "MMLU"),
    ("Our approach outperforms LoRA by a wide margin.", "compares_to", "LoRA"),
    # a gain over the model a method is applied to
    ("Our search greatly enhances the reasoning abilities of open models, such as Llama 2 and GPT-4.", "compares_to", "GPT-4"),
    # The model a reported gain is "for" or "of" is the one the method was applied to.
    ("Experiments show an absolute improvement of 4.2 points for Llama-2-7B.", "builds_on", "Llama-2-7B"),
    # the cue's window meets the long form first
    ("We adapt our model via Sparse Window Routing Adaptation (SWRA).", "builds_on", "SWRA"),
    ("Our adapter adds few parameters upon the frozen Llama-2-7B model.", "builds_on", "Llama-2-7B"),
    ("Our encoder fuses pretrained features from Llama 2 and GPT-4.", "builds_on", "GPT-4"),
    ("Our approach has two backbone models: a large GPT-4 and a small Llama 2.", "builds_on", "Llama 2"),
    ("We implement LoRA for our captioner.", "builds_on", "LoRA"),
    ("We demonstrate ZetaNet's effectiveness on the Llama-2-7B model.", "builds_on", "Llama-2-7B"),
    ("To test it, we apply it to a recent model called Llama 2.", "builds_on", "Llama 2"),  # known, not introduced
    ('Finally, we propose "ZetaScan", which is a GPT-4 model to read scans.', "builds_on", "GPT-4"),
    # continued pre-training, merging, retraining and inheriting start from a model
    ("Our lawyer model comes from continual pre-training of Llama-2-7B on legal text.", "builds_on", "Llama-2-7B"),
    ("The tuned model is then merged with Llama 2 by weight averaging.", "builds_on", "Llama 2"),
    ("We retrain GPT-4 briefly.", "builds_on", "GPT-4"),
    ("ZetaTune inherits the reasoning of Llama 2 and adds audio.", "builds_on", "Llama 2"),
    ("Our encoders are initialized by pre-trained models such as GPT-4 and Llama 2.", "builds_on", "Llama 2"),
    ("We empirically prove our findings on the Llama 2 family of models.", "builds_on", "Llama 2"),
    ("Our curated data improves the performance of Llama 2 on many benchmarks.", "builds_on", "Llama 2"),
    ("We show gains in math (+12.9%/+5.6% on Llama-2-7B and Mistral-7B).", "builds_on", "Mistral-7B"),
    ("ZetaTune is composed of two short-context LLMs such as Llama 2.", "builds_on", "Llama 2"),
    ("We train an 8-expert MoE model from Llama-2-7B with little compute.", "builds_on", "Llama-2-7B"),
    ("ZetaTune harnesses the power of Llama 2 for dialogue.", "builds_on", "Llama 2"),
    ("We continue training on Mistral-7B for two epochs.", "builds_on", "Mistral-7B"),
    ("We experiment with Llama 2 models of sizes 7B, 13B, and 70B.", "builds_on", "Llama-2-13B"),
    ("Our model is finetuned by Low-Rank Adaptation (LoRA) on the new loss.", "builds_on", "LoRA"),
    ("Our cross-attention is then enhanced by RoPE for long videos.", "builds_on", "RoPE"),
    ("We initialize our student from Llama 2 and train it briefly.", "builds_on", "Llama 2"),
    ("On top of LoRA, we add a gate per layer.", "builds_on", "LoRA"),
    ("We benchmark ZetaTune against LoRA and full fine-tuning.", "compares_to", "LoRA"),
    ("ZetaTune beats the baselines on MMLU and GQA.", "evaluated_on", "GQA"),
    ("We replace the attention layers in Llama 2 with linear ones.", "builds_on", "Llama 2"),
    ("This paper introduces ZetaTune and evaluates it on MMLU.", "evaluated_on", "MMLU"),
    ("ZetaTune reduces hallucination on GQA without training.", "evaluated_on", "GQA"),
    ("In our framework, Llama 2 serves as the frozen backbone.", "builds_on", "Llama 2"),
    ("Our module is built atop Llama 2.", "builds_on", "Llama 2"),
    ("We plug our module into Llama 2 without retraining.", "builds_on", "Llama 2"),
    ("We introduce a depth branch into Llama 2 for planning.", "builds_on", "Llama 2"),
])
def test_extraction_relations_from_cues(nlp, sentence, relation, name):
    _, relations = run(nlp, "ZetaTune: tuning", sentence)
    assert (relation, name) in relations


def test_extraction_hardware_is_no_entity(nlp):
    entities, relations = run(nlp, "ZetaWalk: Legged Robots", "We propose ZetaWalk and deploy it on a Unitree Go1 robot.")
    assert "Unitree Go1" not in entities and ("introduces", "ZetaWalk") in relations


@pytest.mark.parametrize("sentence,name", [
    ("Our system ranks first in both subtasks of SemEval-2025 Task 8.", "SemEval-2025 Task 8"),
    ("Our system ranks first in ZetaEval 2023 Task 6A.", "ZetaEval 2023 Task 6A"),
])
def test_extraction_a_shared_task_is_a_benchmark(nlp, sentence, name):
    entities, relations = run(nlp, "ZetaSys", sentence)
    assert entities[name].kind == "Benchmark" and ("evaluated_on", name) in relations


def test_extraction_a_known_benchmark_with_a_prefix_glued_on_is_a_benchmark(nlp):
    entities, _ = run(nlp, "ZetaBench", "Our system solves SwaMMLU well, and KoGQA too.")
    assert entities["SwaMMLU"].kind == entities["KoGQA"].kind == "Benchmark"


def test_extraction_a_known_benchmark_with_a_suffix_and_a_prefix_glued_on_is_a_benchmark(shipped):
    entities, _ = run(shipped, "SwaMMLU-Pro: Benchmarking Swahili Large Language Models on Multi-Task Language "
                               "Understanding", "We introduce SwaMMLU-Pro, built on MMLU-Pro.")
    assert entities["SwaMMLU-Pro"].kind == "Benchmark"


def test_extraction_benchmarks_others_made_recently_are_not_evaluated_on(nlp):
    _, relations = run(nlp, "ZetaBench: Hard Tasks", "Recently, benchmarks such as MMLU and GQA have emerged to "
                       "evaluate LLMs. We present ZetaBench and evaluate ten models on it.")
    assert not {r for r in relations if r[0] == "evaluated_on" and r[1] != "ZetaBench"}
    _, relations = run(nlp, "ZetaBench: Hard Tasks", "Existing benchmarks, such as MMLU and GQA, focus on results "
                       "and neglect reasoning. We present ZetaBench and evaluate ten models on it.")
    assert not {r for r in relations if r[0] == "evaluated_on" and r[1] != "ZetaBench"}
    _, relations = run(nlp, "ZetaBench: Hard Tasks", "While online suites exist, existing offline benchmarks such as "
                       "MMLU and GQA cover only simple tasks. We present ZetaBench and evaluate ten models on it.")
    assert not {r for r in relations if r[0] == "evaluated_on" and r[1] != "ZetaBench"}


def test_extraction_names_results_are_reported_on_are_data(nlp):
    entities, relations = run(nlp, "Lane Detection", "We present a lane detector. Experiments on CULane and TuSimple show gains.")
    assert entities["CULane"].kind == entities["TuSimple"].kind == "Dataset"
    assert {("evaluated_on", "CULane"), ("evaluated_on", "TuSimple")} <= relations
    # a rate reported on a versioned name makes it data, not a model ("OakInk-v2" is no checkpoint)
    entities, relations = run(nlp, "Dexterous hands", "Our policy beats prior methods by 19% success rate on ZetaHand-v2.")
    assert entities["ZetaHand-v2"].kind == "Dataset"
    assert ("evaluated_on", "ZetaHand-v2") in relations
    # the score may stand a few words before "on" (but not before what a thing is built on)
    entities, relations = run(nlp, "Video segmentation", "ZetaSeg achieves 21.9 mAP with a ResNet-50 backbone on "
                                                       "LV-ZETA, and we report its performance, built on FooNet-X.")
    assert entities["LV-ZETA"].kind == "Dataset" and ("evaluated_on", "LV-ZETA") in relations
    assert entities["FooNet-X"].kind != "Dataset" and ("evaluated_on", "FooNet-X") not in relations
    entities, relations = run(nlp, "Gait recognition", "Experiments demonstrate the superiority of our model on "
                                                     "ZGait-3D and ZOU-MVLP.")
    assert entities["ZOU-MVLP"].kind == "Dataset" and ("evaluated_on", "ZGait-3D") in relations


def test_extraction_parts_of_the_papers_own_benchmark_are_benchmarks_but_its_sizes_models(nlp):
    entities, _ = run(nlp, "ZETA: A Multi-level Benchmark for Clinical Reasoning",
                      "We propose a multi-level benchmark ZETA for clinical reasoning. ZETA holds three sub-sets "
                      "from different settings: ZETA-Ward, ZETA-Clinic, and ZETA-Home. We also release ZETA-Mini, "
                      "a small subset for quick checks, and train ZETA-7B on it.")
    assert {name: e.kind for name, e in entities.items()} == {
        "ZETA": "Benchmark", "ZETA-Ward": "Benchmark", "ZETA-Clinic": "Benchmark", "ZETA-Home": "Benchmark",
        "ZETA-Mini": "Benchmark", "ZETA-7B": "Model"}


def test_extraction_a_name_listed_with_known_data_is_data_even_if_its_version_said_model(shipped):
    entities, _ = run(shipped, "Downscaling", "We train on COCO and ZETA6 for wind droughts.")
    assert entities["ZETA6"].kind == "Dataset"
    entities, _ = run(shipped, "ZETA6: weather", "We release ZETA6 and COCO captions.")
    assert entities["ZETA6"].kind == "Model"  # our own model keeps its kind


def test_extraction_names_after_our_plural_noun_are_all_introduced(nlp):
    _, relations = run(nlp, "Small reasoners", "Our resulting models, Zeta-1.5B and Zeta-7B, surpass Llama 2.")
    assert {("introduces", "Zeta-1.5B"), ("introduces", "Zeta-7B")} <= relations


def test_extraction_plain_capitalised_words_our_verb_names_are_a_name(nlp):
    entities, relations = run(nlp, "Camera control", "To this end, we propose Image Conductor, a method for camera control.")
    assert ("introduces", "Image Conductor") in relations
    entities, relations = run(nlp, "Compression", "We propose Training-free Eigenspace Low-Rank Approximation (EoRA), a method.")
    assert set(entities) == {"EoRA"} and ("introduces", "EoRA") in relations


def test_extraction_what_our_work_is_named_is_introduced(nlp):
    _, relations = run(nlp, "Safer chat", "Our key contribution is ZetaGuard, a lightweight classifier.")
    assert ("introduces", "ZetaGuard") in relations


def test_extraction_a_name_for_a_group_of_our_models_is_introduced(nlp):
    _, relations = run(nlp, "Tokenizers", "We train a family of models, ZetaLM, ranging from 125M to 1.3B parameters.")
    assert ("introduces", "ZetaLM") in relations


def test_extraction_a_list_the_cue_window_cuts_is_read_to_its_end(nlp):
    _, relations = run(nlp, "ZetaPrune", "We validate ZetaPrune on three popular open LLMs, including Llama 2, "
                                         "Mistral-7B, GPT-4, and Llama-2-7B, with no retraining.")
    assert {("builds_on", n) for n in ("Llama 2", "Mistral-7B", "GPT-4", "Llama-2-7B")} <= relations


def test_extraction_an_opening_phrase_ends_where_a_name_starts_the_clause(nlp):
    entities, relations = run(nlp, "ZetaNet: Fast Tool Use",
                              "We propose ZetaNet. On MMLU and GQA, ZetaNet improves accuracy by 10%.")
    assert {("evaluated_on", "MMLU"), ("evaluated_on", "GQA")} <= relations
    assert ("evaluated_on", "ZetaNet") not in relations
    assert entities["ZetaNet"].kind != "Benchmark"
    _, relations = run(nlp, "ZetaNet: Fast Tool Use", "We propose ZetaNet. On MMLU, GQA, and ARC, our model achieves gains.")
    assert {("evaluated_on", "MMLU"), ("evaluated_on", "GQA")} <= relations


def test_extraction_a_comparison_ends_at_for_unless_a_score_names_its_model(nlp):
    _, relations = run(nlp, "ZetaTune", "Our method outperforms LoRA for fine-tuning Llama 2 on long text.")
    assert ("compares_to", "LoRA") in relations and ("compares_to", "Llama 2") not in relations
    _, relations = run(nlp, "ZetaTune", "Our model reaches 92.3% accuracy, compared to 83.3% for GPT-4.")
    assert ("compares_to", "GPT-4") in relations


def test_extraction_training_data_after_a_named_model_and_not_past_the_clause(nlp):
    _, relations = run(nlp, "ZetaTune", "Our finetuning of Llama-2-7B using The Pile gives 30% on MMLU.")
    assert ("trained_on", "The Pile") in relations
    _, relations = run(nlp, "ZetaTune", "We train a model on 2B images, which achieves 84% accuracy on The Pile.")
    assert ("trained_on", "The Pile") not in relations and ("evaluated_on", "The Pile") in relations


def test_extraction_a_results_phrase_that_is_a_comparison_builds_on_nothing(nlp):
    _, relations = run(nlp, "ZetaNet: Chat", "We propose ZetaNet. ZetaNet achieves results comparable to Llama-2-7B.")
    assert ("compares_to", "Llama-2-7B") in relations and ("builds_on", "Llama-2-7B") not in relations


def test_extraction_a_model_a_comparison_ran_on_is_no_rival(nlp):
    _, relations = run(nlp, "ZetaSpec", "ZetaSpec outperforms LoRA by up to 91% on Llama-2-7B and 46% on the Mistral-7B model.")
    assert ("compares_to", "LoRA") in relations
    assert not {r for r in relations if r[0] == "compares_to" and r[1] in ("Llama-2-7B", "Mistral-7B")}


def test_extraction_a_model_that_qualifies_a_noun_of_use_is_no_rival(nlp):
    _, relations = run(nlp, "ZetaCap", "ZetaCap outperforms LoRA in the CLIP embedding space and in GPT-4 evaluations, "
                                       "and beats Llama 2 and Mistral 7B judges.")
    assert ("compares_to", "LoRA") in relations
    assert not {r for r in relations if r[0] == "compares_to" and r[1] in ("CLIP", "GPT-4", "Llama 2", "Mistral 7B")}


def test_extraction_a_model_or_method_the_title_names_is_built_on_a_likeness_is_not(nlp):
    _, relations = run(nlp, "Domain Adaptation of Llama-2-7B with LoRA-like Memory", "We study it.")
    assert ("builds_on", "Llama-2-7B") in relations
    assert ("builds_on", "LoRA") not in relations
    _, relations = run(nlp, "Load Balancing for Many LoRA Adapters", "We study it.")
    assert ("builds_on", "LoRA") in relations


def test_extraction_a_survey_builds_on_compares_to_and_tests_on_nothing(nlp):
    _, relations = run(nlp, "Adapters for Language Models: A Survey", "We review LoRA-based methods built on "
                                                                    "Llama 2 that outperform GPT-4 on MMLU.")
    assert {r[0] for r in relations} <= {"introduces"}
    _, relations = run(nlp, "Zeta-Instruct: A Review-Driven Method", "We fine-tune Llama 2 with LoRA.")
    assert ("builds_on", "Llama 2") in relations  # "Review-Driven" is no survey


def test_extraction_a_title_that_asks_about_or_studies_a_name_does_not_build_on_it(shipped):
    _, relations = run(shipped, "Is DPO Superior to PPO for Alignment?", "We study it.")
    assert not {r for r in relations if r[0] == "builds_on"}
    _, relations = run(shipped, "Evaluating the Reasoning of ChatGPT", "We study it.")
    assert ("builds_on", "ChatGPT") not in relations
    _, relations = run(shipped, "Evaluating Small LLMs on Phones", "We run Llama-2-7B on phones and experiment "
                                                                  "with GPT-4.")
    assert not {r for r in relations if r[0] == "builds_on"}
    _, relations = run(shipped, "ZetaPhone: Small LLMs on Phones", "We run Llama-2-7B on phones.")
    assert ("builds_on", "Llama-2-7B") in relations
    _, relations = run(shipped, "Teaching ChatGPT to Reason", "We study it.")
    assert ("builds_on", "ChatGPT") in relations


def test_extraction_an_unknown_name_a_paper_uses_or_titles_is_not_built_on(nlp):
    """A name found only by its shape is mostly a part of the paper's own or a generic term."""
    entities, relations = run(nlp, "Grounded Reasoning in Sketch2Scene",
                              "We use the TokenMixer mechanism and Llama 2 for dialogue. "
                              "We experiment with QuuxLM-v2 models. Our model builds on QuuxNet.")
    assert {"TokenMixer", "Sketch2Scene", "QuuxLM-v2", "QuuxNet"} <= set(entities)
    assert ("builds_on", "Llama 2") in relations
    assert ("builds_on", "QuuxNet") in relations  # "builds on" says QuuxNet came before
    assert not {r for r in relations if r[0] == "builds_on" and r[1] in ("TokenMixer", "Sketch2Scene", "QuuxLM-v2")}


def test_extraction_what_we_train_on_a_model_builds_on_it(nlp):
    _, relations = run(nlp, "ZetaScope: Probes", "We release ZetaScope, sparse autoencoders trained on Llama 2. "
                                                 "Our probes are trained on outputs of GPT-4. Models tuned on "
                                                 "ZetaSet beat those trained on older datasets and even GPT-4.")
    assert ("builds_on", "Llama 2") in relations
    assert ("builds_on", "GPT-4") not in relations


def test_extraction_data_set_against_the_papers_own_is_not_evaluated_on(nlp):
    _, relations = run(nlp, "ZetaGeo: Geometry Data", "In contrast to MMLU and GSM8K, which hold only short answers, "
                                                      "ZetaGeo gives full solutions for a finer evaluation.")
    assert not {r for r in relations if r[0] == "evaluated_on"}
    _, relations = run(nlp, "ZetaGeo: Geometry Data", "We report evaluation results on MMLU and GSM8K.")
    assert {("evaluated_on", "MMLU"), ("evaluated_on", "GSM8K")} <= relations


def test_extraction_a_used_model_may_come_after_a_long_description(nlp):
    _, relations = run(nlp, "ZetaTTS: Robust Speech", "We propose a codec-based denoiser and integrate it with the "
                                                      "strong LLM-based speech model, Llama 2.")
    assert ("builds_on", "Llama 2") in relations


def test_extraction_what_others_use_is_not_what_we_build_on(nlp):
    _, relations = run(nlp, "ZetaNet: Efficient Pretraining",
                       "ZetaNet, our model, uses fewer tokens than those used by Llama 2.")
    assert ("builds_on", "Llama 2") not in relations


def test_extraction_other_work_is_not_our_relation(nlp):
    _, relations = run(nlp, "A study", "Earlier systems were built on LLaMA 2 and outperform LoRA.")
    assert ("builds_on", "Llama 2") not in relations
    assert ("compares_to", "LoRA") not in relations


def test_extraction_relation_carries_evidence_and_confidence(nlp):
    _, hits = analyse(nlp, "ZetaTune: tuning\nOur model achieves 71.2 on MMLU. It is small.")
    (hit,) = [r for r in hits if r.relation == "evaluated_on"]
    assert hit.evidence == "Our model achieves 71.2 on MMLU."
    assert hit.confidence == confidence_of("evaluated_on", hit.rule)  # the rule's measured precision
    assert 0 < hit.confidence < 1


def test_abbreviation_best_long_form():
    assert best_long_form("LoRA", ["use", "Low-Rank", "Adaptation"]) == 1
    assert best_long_form("XYZ", ["nothing", "here"]) is None


def test_extraction_same_with_two_processes(tiny_kb):
    from kg.nlp.pipeline import extract_papers
    from kg.sources.record import Paper

    papers = [Paper(id=str(i), title=f"ZetaNet-{i}: tuning", abstract="We fine-tune LLaMA 2 with LoRA on MMLU.")
              for i in range(6)]
    nlp = make_pipeline(tiny_kb, rules())
    assert list(extract_papers(papers, nlp, n_process=2, batch_size=2)) == list(extract_papers(papers, nlp))


def test_extraction_names_listed_after_methods_are_methods(nlp):
    entities, _ = run(nlp, "A study", "Existing methods, including Skip Decoding and Token Hopping, are slow.")
    assert entities["Skip Decoding"].kind == entities["Token Hopping"].kind == "Method"


def test_extraction_names_after_benchmarks_i_e_are_benchmarks(nlp):
    entities, relations = run(nlp, "ZetaTrack", "Transfer experiments on open-world benchmarks, i.e., TAO, TAO-OW, "
                                                "AnimalTrack, and GMOT-40, validate ZetaTrack.")
    assert {entities[name].kind for name in ("TAO", "TAO-OW", "AnimalTrack", "GMOT-40")} == {"Benchmark"}
    assert ("evaluated_on", "GMOT-40") in relations


def test_extraction_a_listed_item_must_be_shaped_like_a_name(nlp):
    entities, _ = run(nlp, "Data", "We use two datasets (Webby, EnglishrightarrowGerman) for training.")
    assert set(entities) == {"Webby"}


def test_extraction_plain_names_listed_after_models_are_models(nlp):
    entities, _ = run(nlp, "A study", "We apply it to a set of MLLMs, including Llama 2, Heron, Osprey and GPT-4.")
    assert entities["Heron"].kind == entities["Osprey"].kind == "Model"
    entities, _ = run(nlp, "Subtle Biases in LLMs: Ageism, Beauty, and Nationality", "We study bias.")
    assert entities == {}


def test_extraction_name_listed_beside_benchmarks_is_a_benchmark(nlp):
    entities, _ = run(nlp, "A study", "We report results on MMLU and ZetaQuiz.")
    assert entities["ZetaQuiz"].kind == "Benchmark"


@pytest.mark.parametrize("abstract,kind", [
    ("We present it here. Our experiments on eight benchmarks show that ZetaNet is fast.", "Method"),
    ("We present it here. We evaluate ZetaNet on 16 diverse datasets.", "Method"),
    ("We present it here. ZetaNet exhibits better data efficiency.", "Method"),
    ("We introduce ZetaNet, a new LMM architecture.", "Model"),
    ("We propose a novel method (ZetaNet) enabling Large Language Models to plan.", "Method"),
    ("We present it here. On public speech benchmarks, ZetaNet sets a new best error rate.", "Method"),
    ("We present it here. Through the design of new data types, ZetaNet is accurate.", "Method"),
    ("We continue pre-training, resulting in a model named ZetaNet.", "Model"),
    ("We mix our data, resulting in a new data mix called ZetaNet Mix.", "Dataset"),
    ("We present it here. ZetaNet (Zeta data Network) is fast.", "Method"),  # no kind word inside an expansion
    ("We present it here. To check it, we test ZetaNet on long inputs.", "Method"),  # "test" is a verb here
])
def test_extraction_kind_words_across_a_verb_or_preposition_do_not_type_a_name(nlp, abstract, kind):
    entities, relations = run(nlp, "ZetaNet: Fast Inference", abstract)
    assert entities["ZetaNet"].kind == kind
    assert ("evaluated_on", "ZetaNet") not in relations


# --- the per-doc token view and the cue matcher, against spaCy's own answers -----------------------

_VIEW_TEXTS = [
    "ZetaNet: Faster Adapters\nWe fine-tune Llama-2-7B on MMLU. Results on GQA are better than GPT-4 (see https://x.io/a).",
    "A title  with  spaces\n\nAn abstract. Two sentences!  And a third one, compared to BERT, built on top of T5.",
    "",
    "Only a title",
]


@pytest.mark.parametrize("text", _VIEW_TEXTS)
def test_token_view_equals_the_doc(nlp, text):
    from kg.nlp.tokens import view_of

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline[:-1]:  # sentences, but not the extractor (it drops the view)
        doc = proc(doc)
    view = view_of(doc)
    assert view.text == doc.text
    assert view.words == [t.text for t in doc]
    assert view.lower == [t.lower_ for t in doc]
    assert view.idx == [t.idx for t in doc]
    assert view.is_punct == [t.is_punct for t in doc]
    sents = list(doc.sents) if len(doc) else []
    assert [(view.sent_start[s.start], view.sent_end[s.start]) for s in sents] == [(s.start, s.end) for s in sents]
    assert view.sent_texts == [s.text.strip() for s in sents]
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 4) + 1):
            assert view.span_text(start, end) == doc[start:end].text


def test_token_view_finds_the_bracket_that_closes_a_gloss(nlp):
    from kg.nlp.tokens import view_of

    view = view_of(nlp.make_doc("A (open-loop planning), B (x (y) z) and C (it ends. Then)"))
    opens = [i for i, w in enumerate(view.words) if w == "("]
    assert view.words[view.closing_bracket(opens[0], len(view))] == ")"
    assert view.closing_bracket(opens[0], opens[0] + 3) is None  # past the limit
    assert view.closing_bracket(opens[1], len(view)) is None  # a bracket inside
    assert view.closing_bracket(opens[-1], len(view)) is None  # a full stop inside
    assert view.closing_bracket(0, len(view)) is None  # no bracket there


def test_cue_matcher_refuses_a_rule_name_given_twice(nlp):
    from kg.nlp.cues import CueMatcher

    cue = {"rule": "uses", "relation": "builds_on", "side": "after", "patterns": [[{"LOWER": "uses"}]]}
    with pytest.raises(ValueError, match="'uses' is defined twice"):
        CueMatcher(nlp.vocab, [cue, dict(cue, window=3)])


def test_cue_matcher_finds_what_a_whole_doc_matcher_finds(nlp):
    """Running each cue pattern only from its first words loses no match of the plain Matcher."""
    from spacy.matcher import Matcher

    from kg.nlp.cues import CueMatcher

    cues = load_lexicon().cues
    plain = Matcher(nlp.vocab)
    for cue in cues:
        plain.add(cue["rule"], [list(p) for p in cue["patterns"]])
    fast = CueMatcher(nlp.vocab, cues)
    texts = _VIEW_TEXTS + [
        "We build on Llama 2 and are initialized from Mistral-7B as the backbone. LLaMA-based models are fine-tuned "
        "on Alpaca and evaluated on MMLU; results with our model on GSM8K are better than those of GPT-4 and "
        "comparable to Claude. Experiments conducted extensively on three benchmarks show gains over Qwen.",
    ]
    total = 0
    for text in texts:
        doc = nlp.make_doc(text)
        expected = sorted((nlp.vocab.strings[m], s, e) for m, s, e in plain(doc))
        found = fast(doc)
        assert sorted(found) == expected
        assert [(s, e) for _, s, e in found] == sorted((s, e) for _, s, e in found)
        total += len(found)
    assert total >= 8  # the texts do hold cues


def test_extraction_appositive_of_an_introduced_name_is_what_it_builds_on(nlp):
    _, relations = run(nlp, "Better adapters", "We present ZetaNet, a LoRA adapter for small models. It beats prior work.")
    assert ("introduces", "ZetaNet") in relations
    assert ("builds_on", "LoRA") in relations


def test_extraction_appositive_stops_at_the_clause(nlp):
    # "that ..." describes what the new model does, not what it is made of.
    _, relations = run(nlp, "Small models", "We present ZetaNet, a small model that rivals Llama 2 on MMLU.")
    assert ("introduces", "ZetaNet") in relations
    assert ("builds_on", "Llama 2") not in relations


def test_extraction_a_model_the_paper_trains_or_prunes_is_what_it_builds_on(nlp):
    _, relations = run(nlp, "Sparse models", "We prune Llama 2 to half its size and evaluate it on MMLU.")
    assert ("builds_on", "Llama 2") in relations
    _, relations = run(nlp, "Data matters", "We trained on The Pile with Llama 2 as a reference.")
    assert ("builds_on", "Llama 2") not in relations  # what follows "on" is data, the model is no object of "trained"


def test_extraction_sizes_of_an_introduced_model_are_introduced(nlp):
    _, relations = run(nlp, "ZetaNet: Small Models", "We release ZetaNet-7B and ZetaNet-13B, trained on The Pile.")
    assert {("introduces", "ZetaNet"), ("introduces", "ZetaNet-7B"), ("introduces", "ZetaNet-13B")} <= relations


def test_extraction_named_variants_of_an_introduced_name_are_introduced(nlp):
    _, relations = run(nlp, "ZetaNet: Speech Models", "ZetaNet has two variants: ZetaNet-LLM and ZetaNet-AED.")
    assert {("introduces", "ZetaNet-LLM"), ("introduces", "ZetaNet-AED")} <= relations


def test_extraction_a_name_made_an_adjective_is_no_name(nlp):
    entities, _ = run(nlp, "A study", "We show that SSA-equipped models and LoRA-trained ones are faster.")
    assert "SSA-equipped" not in entities and "LoRA-trained" not in entities


@pytest.mark.parametrize("abstract,name", [
    ("To this end, we collect a dataset, ZetaQA, and fine-tune on it.", "ZetaQA"),  # the word beats the shape
    ("We release ZetaChat-52K and fine-tune on it.", "ZetaChat-52K"),  # a count of examples
])
def test_extraction_new_datasets_by_their_word_or_size(nlp, abstract, name):
    entities, relations = run(nlp, "Long Context Tuning", abstract)
    assert entities[name].kind == "Dataset"
    assert ("trained_on", name) in relations


@pytest.mark.parametrize("abstract,trained", [
    ("We build ZetaSet, a new instruction dataset. Models fine-tuned with it improve.", True),
    ("We build ZetaSet, a new instruction dataset. We report results on ZetaSet.", False),  # evaluated on
    ("We build ZetaSet, a new instruction dataset. It is large.", False),  # no training spoken of
    ("We build ZetaSet, a new instruction dataset. With only 100k training samples, we lead.", True),
])
def test_extraction_a_dataset_the_paper_makes_is_what_it_trains_on(nlp, abstract, trained):
    _, relations = run(nlp, "ZetaSet: Instructions at Scale", abstract)
    assert ("introduces", "ZetaSet") in relations
    assert (("trained_on", "ZetaSet") in relations) is trained


@pytest.mark.parametrize("text", [
    "Our code is released under CC BY 4.0 for all.",
    "It helps every LLM.Through this we gain.",
    "Pruning at sim50% keeps the KL term and CERR low.",
    "We translate DE-EN and ZH-EN pairs.",
    "WARNING: harmful text ahead. We tune it with RL on LiDAR scans and check proofs in Lean4.",
    "We study LLM–human dialogue in the Romanian Language.",
    "Models trained with Self-Supervised Learning (SSL) raise the click-through rate (CTR).",
    "To this end, we present a new efficient LLVM family for vision and language.",
    "In multi-agent RL (MARL) and imitation learning (IL), some math word problems (MWP) are NP-hard for CodeLLMs.",
    "Captions score 50.3 SPIDEr-FL and 30.1 BLEU4, with chrF++ and CIDEr-D reported too.",
    "Trackers gain 2 HOTA, 3 MOTA and 1.5 IDF1; documents reach 80 ANLS and videos a lower FVD.",
    "We propose TTA, a new text-to-audio method for IMU signals.",
])
def test_extraction_licences_and_glued_sentences_are_no_names(text):
    from tests.conftest import TINY_KB_RECORDS
    from kg.linking.kb import KnowledgeBase, load_stoplist

    kb = KnowledgeBase.from_records(TINY_KB_RECORDS, stoplist=load_stoplist())  # the shipped stop list
    entities, _ = run(make_pipeline(kb, rules()), "A study", text)
    assert entities == {}


def test_extraction_title_head_must_be_the_name(nlp):
    # "Llama 2 Meets LoRA: ..." names what it studies, it introduces neither.
    _, relations = run(nlp, "Llama 2 Meets LoRA: A Study", "We study adapters for Llama 2.")
    assert not {r for r in relations if r[0] == "introduces"}


def test_extraction_denoted_name_is_introduced(nlp):
    _, relations = run(nlp, "Better data", "We collect 10K examples, which we denote as ZetaSet, and train on them.")
    assert ("introduces", "ZetaSet") in relations


def test_extraction_names_listed_after_benchmarks_are_benchmarks(nlp):
    entities, relations = run(nlp, "Forecasting video", "We evaluate our model on four benchmarks (Moving Digits, Weather, KITTI and MMLU).")
    assert {"Moving Digits", "Weather", "KITTI", "MMLU"} <= set(entities)
    assert entities["Weather"].kind == "Benchmark"
    assert ("evaluated_on", "Weather") in relations


def test_extraction_a_list_goes_on_past_a_gloss_after_an_item_but_not_past_a_score(nlp):
    entities, relations = run(nlp, "Driving", "We test on three benchmarks: Roadtest (open-loop planning), Roadhard "
                                              "(hard scenes), and SIMDRIVE (closed-loop driving).")
    assert {"Roadhard", "SIMDRIVE"} <= set(entities) and entities["SIMDRIVE"].kind == "Benchmark"
    assert ("evaluated_on", "SIMDRIVE") in relations
    entities, _ = run(nlp, "Merging", "It wins on several benchmarks, including Maths (+5.5 points), Coding (+4.4 points) and Art.")
    assert "Coding" not in entities


def test_extraction_a_new_name_with_a_known_name_as_a_part_takes_its_kind(shipped):
    entities, _ = run(shipped, "Speed matters", "We study detectors. SAFE-ALIGN helps, YOLOv8-Zeta runs fast, "
                                                "ZetaScanVicuna reads, and HumanEval-Zeta shows it.")
    assert entities["YOLOv8-Zeta"].kind == "Model" and entities["ZetaScanVicuna"].kind == "Model"  # or glued on
    assert entities["HumanEval-Zeta"].kind == "Benchmark"
    assert entities["SAFE-ALIGN"].kind == "Method"  # ALIGN is a known model, but a part in capitals may be a word
    # a split of a known benchmark is one, whatever the sentence calls it
    entities, _ = run(shipped, "Proofs", "ZetaProver reaches 61.07% on the MiniF2F-Test dataset.")
    assert entities["MiniF2F-Test"].kind == "Benchmark"


def test_extraction_names_listed_with_bracketed_scores_or_glosses_are_all_evaluated_on(nlp):
    _, relations = run(nlp, "Phone agents", "Our agent reaches top success rates on both MMLU (80.2%) and ZetaLab (53.6%).")
    assert {("evaluated_on", "MMLU"), ("evaluated_on", "ZetaLab")} <= relations
    # an unknown name after a gloss is data that results are reported on, as after a score
    _, relations = run(nlp, "Drug design", "ZetaCPI is evaluated on MMLU (affinity prediction) and Zeta-DB (virtual screening).")
    assert ("evaluated_on", "Zeta-DB") in relations


def test_extraction_data_a_method_is_applied_to_is_evaluated_on(nlp):
    _, relations = run(nlp, "ZetaFair: Fair Search", "We propose ZetaFair. The study applies ZetaFair to three popular "
                       "datasets (FooCredit, BarCrime, and BazIncome).")
    assert {name for relation, name in relations if relation == "evaluated_on"} == {"FooCredit", "BarCrime", "BazIncome"}


def test_extraction_names_a_score_is_reported_on_are_data_and_outperformed_reports_results(nlp):
    entities, relations = run(nlp, "ZetaGaze: Gaze", "We propose ZetaGaze. It achieves 3.64 on FooGaze and 4.50 on BarGaze.")
    assert entities["FooGaze"].kind == entities["BarGaze"].kind == "Dataset"
    assert {("evaluated_on", "FooGaze"), ("evaluated_on", "BarGaze")} <= relations
    _, relations = run(nlp, "ZetaCap: Captions", "We propose ZetaCap. ZetaCap outperformed prior metrics on the FooCap, "
                       "BarCap and BazCap datasets.")
    assert {name for relation, name in relations if relation == "evaluated_on"} == {"FooCap", "BarCap", "BazCap"}


def test_extraction_a_dataset_the_title_makes_is_evaluated_on_unless_trained_on(nlp):
    _, relations = run(nlp, "ZetaEdit: A Manually Annotated Dataset for Image Editing", "We collect 10K edits and study models.")
    assert {("introduces", "ZetaEdit"), ("evaluated_on", "ZetaEdit")} <= relations
    _, relations = run(nlp, "ZetaInstruct: A Dataset for Instruction Tuning", "We fine-tune Llama 2 on ZetaInstruct.")
    assert ("evaluated_on", "ZetaInstruct") not in relations


@pytest.mark.parametrize("abstract,relations,kinds", [
    # Minerva is the math benchmark among benchmarks and the model among models
    ("ZetaRL gains on math benchmarks including AIME24, AMC, and Minerva.",
     {("evaluated_on", "AMC"), ("evaluated_on", "Minerva Math")}, {}),
    ("ZetaRL outperforms large language models such as Minerva.", {("compares_to", "Minerva")}, {}),
    # tracking datasets, and OVIS, which is not Ovis the model
    ("ZetaRL is evaluated on DanceTrack, SportsMOT and OVIS.",
     {("evaluated_on", "DanceTrack"), ("evaluated_on", "SportsMOT"), ("evaluated_on", "OVIS")}, {"OVIS": "Dataset"}),
    ("We train Sparse Autoencoders (SAEs) on Llama 2 and test on BindingDB and DUD-E.",
     {("evaluated_on", "BindingDB")}, {"Sparse Autoencoder": "Method", "DUD-E": "Benchmark"}),
    # the paper's long form, or the kind words near a bare "GQA", choose between namesakes
    ("Most models rely on Group Query Attention (GQA); we convert GQA models into ZetaRL.",
     set(), {"Grouped-Query Attention": "Method"}),
    ("ZetaRL is evaluated on the GQA and VQAv2 benchmarks.", {("evaluated_on", "GQA")}, {"GQA": "Benchmark"}),
    # names harvested from the registries of domain packages (anomalib, pyod, ogb, recbole, ...)
    ("ZetaRL beats PatchCore and ECOD on MVTec AD and ogbn-mag, and SASRec on Amazon Beauty.",
     {("compares_to", "PatchCore"), ("evaluated_on", "MVTec AD"), ("evaluated_on", "ogbn-mag")},
     {"PatchCore": "Method", "ECOD": "Method", "MVTec AD": "Dataset", "ogbn-mag": "Benchmark", "Amazon Beauty": "Dataset"}),
    # a sentence capitalises a lowercase name's first word
    ("Flow matching trains ZetaRL.", set(), {"Flow Matching": "Method"}),
    # a library named after an architecture is the library
    ("ZetaRL is prototyped on top of HuggingFace Transformers.", {("builds_on", "Hugging Face Transformers")},
     {"Hugging Face Transformers": "Method"}),
    # deepfake detection data
    ("ZetaRL is evaluated cross-dataset on Celeb-DF-v2, DFDC and FFIW.",
     {("evaluated_on", "Celeb-DF"), ("evaluated_on", "DFDC"), ("evaluated_on", "FFIW")}, {"DFDC": "Dataset"}),
    # composed image retrieval data
    ("ZetaRL is evaluated on the FashionIQ and CIRR datasets and on CIRCO.",
     {("evaluated_on", "FashionIQ"), ("evaluated_on", "CIRR"), ("evaluated_on", "CIRCO")}, {"CIRR": "Dataset"}),
    # medical segmentation data, search and out-of-distribution methods, memory and household benchmarks
    ("ZetaRL is evaluated on ACDC and Synapse, beats Outlier Exposure and ODIN, and uses MCTS.",
     {("evaluated_on", "ACDC"), ("evaluated_on", "Synapse"), ("compares_to", "Outlier Exposure"),
      ("builds_on", "Monte Carlo Tree Search")},
     {"ACDC": "Dataset", "Synapse": "Dataset", "Outlier Exposure": "Method", "ODIN": "Method"}),
    # knowledge bases are data
    ("ZetaRL links mentions to Wikidata, WordNet and UMLS concepts.", set(),
     {"Wikidata": "Dataset", "WordNet": "Dataset", "UMLS": "Dataset"}),
    # architecture-search benchmarks, by their short names too
    ("ZetaRL predicts accuracy on NB101, NB201 and NAS-Bench-301 better than prior encodings.",
     {("evaluated_on", "NAS-Bench-101"), ("evaluated_on", "NAS-Bench-201"), ("evaluated_on", "NAS-Bench-301")},
     {"NAS-Bench-101": "Benchmark", "NAS-Bench-201": "Benchmark"}),
    ("ZetaRL recalls more of LoCoMo and RoboCasa.", set(), {"LoCoMo": "Benchmark", "RoboCasa": "Benchmark"}),
    # a generative family that papers name as a method, and methods and sketch data they build on
    ("ZetaRL trains a VAE, beats AIRL, edits Knowledge Neurons and improves on Mesh Graphormer.",
     {("compares_to", "AIRL")},
     {"VAE": "Method", "AIRL": "Method", "Knowledge Neurons": "Method", "Mesh Graphormer": "Model"}),
    ("ZetaRL is evaluated on Sketchy, TU-Berlin and QuickDraw.",
     {("evaluated_on", "Sketchy"), ("evaluated_on", "TU-Berlin"), ("evaluated_on", "QuickDraw")},
     {"Sketchy": "Dataset", "TU-Berlin": "Dataset", "QuickDraw": "Dataset"}),
    # the TREC tracks as one benchmark, beside the tracks named apart
    ("ZetaRL is evaluated on BEIR, TREC DL and TREC.",
     {("evaluated_on", "BEIR"), ("evaluated_on", "TREC DL"), ("evaluated_on", "TREC")}, {"TREC": "Benchmark"}),
    # a lexicon, a benchmark and an attention method of their fields
    ("ZetaRL links words to BabelNet, is evaluated on C-STS and uses Dilated Neighborhood Attention.",
     {("evaluated_on", "C-STS"), ("builds_on", "Dilated Neighborhood Attention")},
     {"BabelNet": "Dataset", "C-STS": "Benchmark", "Dilated Neighborhood Attention": "Method"}),
    # a compiler, news recommenders, a diffusion method, and health and physiology data
    ("ZetaRL beats LLVM, NAML, NRMS and NPA, builds on the Schrödinger Bridge, and is tested on MIMIC, PURE, "
     "UBFC-rPPG and MMPD.",
     {("compares_to", "LLVM"), ("compares_to", "NRMS"), ("evaluated_on", "PURE"), ("evaluated_on", "UBFC-rPPG")},
     {"LLVM": "Method", "NAML": "Method", "NPA": "Method", "Schrödinger Bridge": "Method", "MIMIC": "Dataset",
      "PURE": "Dataset", "UBFC-rPPG": "Dataset", "MMPD": "Dataset"}),
    # event, formula and dialect data, and a tokenizer and methods they are used with
    ("ZetaRL is evaluated on RAMS, ARQMath and QADI, and beats PAIE, MixStyle and tiktoken.",
     {("evaluated_on", "RAMS"), ("evaluated_on", "ARQMath"), ("compares_to", "PAIE")},
     {"RAMS": "Dataset", "ARQMath": "Benchmark", "QADI": "Dataset", "PAIE": "Method", "MixStyle": "Method",
      "tiktoken": "Method"}),
    # video and handwriting data, a survey, and the search, attention and physics methods of their fields
    ("ZetaRL is evaluated on ImageNet VID, IAM and the World Value Survey, and beats TPE, Agent Attention, "
     "Particle Transformer and the Point Cloud Transformer.",
     {("evaluated_on", "ImageNet VID"), ("evaluated_on", "IAM"), ("evaluated_on", "World Values Survey"),
      ("compares_to", "TPE"), ("compares_to", "Particle Transformer")},
     {"ImageNet VID": "Dataset", "IAM": "Dataset", "World Values Survey": "Dataset", "TPE": "Method",
      "Agent Attention": "Method", "Point Cloud Transformer": "Method"}),
    # fairness and relocalization data
    ("ZetaRL is evaluated on COMPAS, German Credit, 7-Scenes and Cambridge landmarks.",
     {("evaluated_on", "COMPAS"), ("evaluated_on", "German Credit"), ("evaluated_on", "7-Scenes"),
      ("evaluated_on", "Cambridge Landmarks")},
     {"COMPAS": "Dataset", "German Credit": "Dataset", "7-Scenes": "Dataset", "Cambridge Landmarks": "Dataset"}),
    # pronunciation and document-unwarping data, and a bandit method
    ("ZetaRL is evaluated on speechocean762 and the DocUNet benchmark, and beats UCB.",
     {("evaluated_on", "speechocean762"), ("evaluated_on", "DocUNet"), ("compares_to", "UCB")},
     {"speechocean762": "Dataset", "DocUNet": "Benchmark", "UCB": "Method"}),
    # versions of aerial data listed with slashes, traveling-salesman and kitchen benchmarks, a survey,
    # and speech representations
    ("ZetaRL is evaluated on DOTA-v1.0/v1.5/v2.0, TSPLIB and Franka Kitchen, draws personas from ANES, and "
     "builds on TRILL and TRILLsson.",
     {("evaluated_on", "DOTA"), ("evaluated_on", "DOTA-v1.5"), ("evaluated_on", "DOTA-v2.0"), ("evaluated_on", "TSPLIB"),
      ("evaluated_on", "Franka Kitchen"), ("builds_on", "TRILL"), ("builds_on", "TRILLsson")},
     {"DOTA-v2.0": "Dataset", "TSPLIB": "Benchmark", "ANES": "Dataset", "TRILL": "Model", "TRILLsson": "Model"}),
    # data and benchmarks that recur across fields, and methods of place recognition and agents
    ("ZetaRL is evaluated on THUMOS-14, DTU, MAESTRO, DESED, AIST++, TORGO, WHU-CD, Adroit, Occ3D-nuScenes, "
     "NExT-GQA, OpenEQA and IntentQA, is trained on PubMed, and beats NetVLAD, GeM and Vision Mamba over the "
     "Model Context Protocol.",
     {("evaluated_on", "THUMOS14"), ("evaluated_on", "DTU"), ("evaluated_on", "Occ3D-nuScenes"),
      ("trained_on", "PubMed"), ("compares_to", "NetVLAD")},
     {"THUMOS14": "Benchmark", "MAESTRO": "Dataset", "DESED": "Dataset", "AIST++": "Dataset", "TORGO": "Dataset",
      "WHU-CD": "Dataset", "Adroit": "Benchmark", "NExT-GQA": "Benchmark", "OpenEQA": "Benchmark",
      "IntentQA": "Benchmark", "PubMed": "Dataset", "GeM": "Method", "Vision Mamba": "Method",
      "Model Context Protocol": "Method"}),
    # geo-localization and security benchmarks, and energy-based and Bayesian methods
    ("ZetaRL is evaluated on University-1652, SUES-200, Cybench and NYU CTF Bench, and beats contrastive divergence, "
     "the Laplace approximation and Boltzmann generators.",
     {("evaluated_on", "University-1652"), ("evaluated_on", "Cybench"), ("evaluated_on", "NYU CTF Bench"),
      ("compares_to", "Contrastive Divergence")},
     {"SUES-200": "Benchmark", "Laplace approximation": "Method", "Boltzmann Generators": "Method"}),
    # face and head data, a face model, and classic and flow-based methods
    ("ZetaRL is evaluated on BIWI, CMU Panoptic, MICC Florence and FaceWarehouse, fits FLAME, and beats PCA, a "
     "Gaussian mixture model and Conditional Flow Matching.",
     {("evaluated_on", "BIWI"), ("evaluated_on", "MICC Florence"), ("evaluated_on", "FaceWarehouse"),
      ("compares_to", "PCA"), ("compares_to", "Conditional Flow Matching")},
     {"CMU Panoptic": "Dataset", "FLAME": "Model", "Gaussian Mixture Model": "Method"}),
    # counting and LiDAR data, and a voting method
    ("ZetaRL is evaluated on FSC-147, CARPK, PUCPR+ and KITTI-360, and builds on Hough voting.",
     {("evaluated_on", "FSC-147"), ("evaluated_on", "CARPK"), ("evaluated_on", "KITTI-360"), ("builds_on", "Hough voting")},
     {"PUCPR+": "Dataset", "KITTI-360": "Dataset"}),
    # action, precipitation, human and art data, a quality model and a safe diffusion method
    ("ZetaRL is evaluated on EGTEA Gaze+, 50Salads, IMERG, MRMS, THuman2.0, Hi4D and WikiArt, is scored by "
     "Audiobox Aesthetics, and beats Safe Latent Diffusion.",
     {("evaluated_on", "EGTEA Gaze+"), ("evaluated_on", "50Salads"), ("evaluated_on", "WikiArt"),
      ("compares_to", "Safe Latent Diffusion")},
     {"IMERG": "Dataset", "MRMS": "Dataset", "THuman2.0": "Dataset", "Hi4D": "Benchmark",
      "Audiobox Aesthetics": "Model"}),
    # driver, CT report, infrared and fall data
    ("ZetaRL is evaluated on Drive&Act, CT-RATE, BIMCV-R, DAUB, IRDST and URFD.",
     {("evaluated_on", "Drive&Act"), ("evaluated_on", "CT-RATE"), ("evaluated_on", "IRDST"), ("evaluated_on", "URFD")},
     {"BIMCV-R": "Dataset", "DAUB": "Dataset"}),
    # grasping, sign language, gait, referring video and report data
    ("ZetaRL is evaluated on Grasp-Anything++, PointMaze, How2Sign, Gait3D, GREW, MeViS and CheXpert Plus, and "
     "compared with HIQL.",
     {("evaluated_on", "Grasp-Anything++"), ("evaluated_on", "PointMaze"), ("evaluated_on", "How2Sign"),
      ("evaluated_on", "Gait3D"), ("evaluated_on", "GREW"), ("evaluated_on", "MeViS"), ("evaluated_on", "CheXpert Plus"),
      ("compares_to", "HIQL")},
     {"MeViS": "Benchmark", "How2Sign": "Dataset", "HIQL": "Method"}),
    # fact checking, speaker, bug and fuzzing data and tools
    ("ZetaRL is evaluated on RAWFC, HOVER, CN-Celeb, VoxCeleb1-O and Bench4BL, and outperforms EvoSuite and AFL++.",
     {("evaluated_on", "RAWFC"), ("evaluated_on", "HoVer"), ("evaluated_on", "CN-Celeb"), ("evaluated_on", "VoxCeleb1-O"),
      ("evaluated_on", "Bench4BL"), ("compares_to", "EvoSuite"), ("compares_to", "AFL++")},
     {"CN-Celeb": "Dataset", "VoxCeleb1-O": "Benchmark", "EvoSuite": "Method"}),
    # tumour, skin, polyp and engine data; a private synthesis method
    ("ZetaRL is evaluated on BraTS, PH2, KVASIR-SEG, EndoVis and C-MAPSS, and outperforms Private Evolution.",
     {("evaluated_on", "BraTS"), ("evaluated_on", "PH2"), ("evaluated_on", "Kvasir-SEG"), ("evaluated_on", "EndoVis"),
      ("evaluated_on", "C-MAPSS"), ("compares_to", "Private Evolution")},
     {"BraTS": "Dataset", "Kvasir-SEG": "Dataset", "Private Evolution": "Method"}),
    # caption-metric, compositionality, judge, radar and damage data
    ("ZetaRL is evaluated on Flickr8K-Expert, PASCAL-50S, FOIL, SVO Probes, BiGGen Bench, MSTAR and xBD.",
     {("evaluated_on", "Flickr8K-Expert"), ("evaluated_on", "PASCAL-50S"), ("evaluated_on", "FOIL"),
      ("evaluated_on", "SVO Probes"), ("evaluated_on", "BiGGen Bench"), ("evaluated_on", "MSTAR"), ("evaluated_on", "xBD")},
     {"Flickr8K-Expert": "Benchmark", "SVO Probes": "Dataset"}),
    # antibody, EEG, traffic, underwater, music, audio-LLM and database data; tools and models of those fields
    ("ZetaRL is trained on OAS and SAbDab. It is evaluated on DEAP, CIC-IDS2017, DeepShip, POP909, MMSU and TPC-H, "
     "and outperforms GNINA, EEGNet, MERU, PostgreSQL and GPT-4o Audio.",
     {("trained_on", "OAS"), ("trained_on", "SAbDab"), ("evaluated_on", "DEAP"), ("evaluated_on", "CIC-IDS2017"),
      ("evaluated_on", "DeepShip"), ("evaluated_on", "POP909"), ("evaluated_on", "MMSU"), ("evaluated_on", "TPC-H"),
      ("compares_to", "GNINA"), ("compares_to", "EEGNet"), ("compares_to", "MERU"), ("compares_to", "PostgreSQL"),
      ("compares_to", "GPT-4o Audio")},
     {"OAS": "Dataset", "MMSU": "Benchmark", "GNINA": "Method", "GPT-4o Audio": "Model"}),
    # facial-landmark, video-segmentation, drone, V2X, age, manga and steganography data; rank fusion
    ("ZetaRL is evaluated on WFLW, COFW, 300W, LVOS, MOSE, NPS-Drones, OPV2V, FG-NET, Manga109 and BOSSbase, and "
     "outperforms Reciprocal Rank Fusion and Echo State Networks.",
     {("evaluated_on", "WFLW"), ("evaluated_on", "300W"), ("evaluated_on", "LVOS"), ("evaluated_on", "NPS-Drones"),
      ("evaluated_on", "OPV2V"), ("evaluated_on", "FG-NET"), ("evaluated_on", "Manga109"), ("evaluated_on", "BOSSbase"),
      ("compares_to", "Reciprocal Rank Fusion"), ("compares_to", "Echo State Network")},
     {"WFLW": "Benchmark", "MOSE": "Dataset", "Echo State Network": "Method"}),
    # 2025 diffusion language models, search agents, reward models and their benchmarks
    ("ZetaRL outperforms DiffuCoder, Mercury Coder, Gemini Diffusion, WebSailor, VideoChat-R1 and HPSv2, and is "
     "evaluated on WebWalkerQA, xbench-DeepSearch, Codeforces, OVO-Bench, HR-Bench and ERQA.",
     {("compares_to", "DiffuCoder"), ("compares_to", "Mercury Coder"), ("compares_to", "Gemini Diffusion"),
      ("compares_to", "WebSailor"), ("compares_to", "VideoChat-R1"), ("compares_to", "HPSv2"),
      ("evaluated_on", "WebWalkerQA"), ("evaluated_on", "xbench"), ("evaluated_on", "Codeforces"),
      ("evaluated_on", "OVO-Bench"), ("evaluated_on", "HR-Bench"), ("evaluated_on", "ERQA")},
     {"DiffuCoder": "Model", "Codeforces": "Benchmark"}),
    # domain-generalization suites are benchmarks (gold: 7 of 7 papers that name one)
    ("ZetaRL is evaluated on PACS, VLCS, Office-Home and DomainNet.",
     {("evaluated_on", "PACS"), ("evaluated_on", "VLCS"), ("evaluated_on", "Office-Home"), ("evaluated_on", "DomainNet")},
     {"PACS": "Benchmark", "VLCS": "Benchmark", "Office-Home": "Benchmark", "DomainNet": "Benchmark"}),
    # captioning suites are benchmarks, grounding sets datasets (analysis gold: 3 of 4, 2 of 2, 2 of 2)
    ("ZetaRL is evaluated on YouCook2, ViTT and Charades-STA.",
     {("evaluated_on", "YouCook2"), ("evaluated_on", "ViTT"), ("evaluated_on", "Charades-STA")},
     {"YouCook2": "Benchmark", "ViTT": "Benchmark", "Charades-STA": "Dataset"}),
    # the lowercase expansion names the method (gold: 5 of the 6 papers that write it)
    ("ZetaRL builds on a neural radiance field.", {("builds_on", "NeRF")}, {"NeRF": "Method"}),
    # 2025 image, video, 3D, speech and agent releases
    ("ZetaRL outperforms BAGEL, Seedream, HunyuanImage, Animate Anyone, MimicMotion, DINO-X, LGM, FireRedTTS, YuE and "
     "Kimi-Dev on GEdit-Bench, ImgEdit and IFBench.",
     {("compares_to", "BAGEL"), ("compares_to", "Seedream"), ("compares_to", "Animate Anyone"),
      ("compares_to", "DINO-X"), ("compares_to", "YuE"), ("compares_to", "Kimi-Dev"),
      ("evaluated_on", "GEdit-Bench"), ("evaluated_on", "ImgEdit"), ("evaluated_on", "IFBench")},
     {"BAGEL": "Model", "GEdit-Bench": "Benchmark"}),
    # 3D, audio, physics, editing and medical releases and their benchmarks
    ("ZetaRL outperforms ShapeLLM, MMAudio, FoleyCrafter, Seg-Zero and EditReward on 3D MM-Vet, SQA3D, "
     "PhyGenBench, VideoPhy, KRIS-Bench, SD-Eval and MMAR.",
     {("compares_to", "ShapeLLM"), ("compares_to", "MMAudio"), ("compares_to", "Seg-Zero"),
      ("evaluated_on", "3D MM-Vet"), ("evaluated_on", "SQA3D"), ("evaluated_on", "PhyGenBench"),
      ("evaluated_on", "KRIS-Bench"), ("evaluated_on", "SD-Eval"), ("evaluated_on", "MMAR")},
     {"3D MM-Vet": "Benchmark", "Seg-Zero": "Model"}),
    # codecs are methods
    ("ZetaRL outperforms H.264 and HEVC, and stores frames as JPEG.", {("compares_to", "H.264"), ("compares_to", "H.265")},
     {"H.264": "Method", "H.265": "Method", "JPEG": "Method"}),
    # KITTI is a benchmark, as papers use it, even where one calls it a dataset
    ("ZetaRL is tested on the KITTI dataset.", {("evaluated_on", "KITTI")}, {"KITTI": "Benchmark"}),
    ("ZetaRL outperforms Physics-Informed Neural Networks (PINNs) and uses linear blend skinning.",
     {("compares_to", "PINN")}, {"PINN": "Method", "Linear Blend Skinning": "Method"}),
    # speech-separation sets named with a "!", which ends no sentence there; agent and video data; serving
    ("ZetaRL is tested on WHAM! and WHAMR! and on ToolHop, and trained on the BAIR robot pushing dataset. "
     "It beats TGI.",
     {("evaluated_on", "WHAM!"), ("evaluated_on", "WHAMR!"), ("evaluated_on", "ToolHop"),
      ("trained_on", "BAIR Robot Pushing"), ("compares_to", "Text Generation Inference")},
     {"WHAMR!": "Dataset", "ToolHop": "Benchmark"}),
    # classic algorithms papers build on
    ("ZetaRL builds on Retinex, the delta rule, SMOTE, DBSCAN, the Louvain algorithm and Gumbel-Sinkhorn.",
     {("builds_on", "Retinex"), ("builds_on", "delta rule"), ("builds_on", "SMOTE"), ("builds_on", "DBSCAN"),
      ("builds_on", "Louvain algorithm"), ("builds_on", "Gumbel-Sinkhorn")}, {"Retinex": "Method"}),
    # endoscopy, driving, lip-reading, receipt, translation and docking data; a crystal generator
    ("ZetaRL is evaluated on Hamlyn, SCARED, Lyft Level 5, LRW, LRW-1000, CORD, FLORES, Waymo Open and the Astex "
     "Diverse Set, and outperforms CDVAE.",
     {("evaluated_on", n) for n in ("Hamlyn", "SCARED", "Lyft Level 5", "LRW", "LRW-1000", "CORD", "FLORES",
                                    "Waymo Open Dataset", "Astex Diverse Set")} | {("compares_to", "CDVAE")},
     {"CDVAE": "Model", "Astex Diverse Set": "Benchmark"}),
    # spelling variants of known architectures, and Token Merging by its acronym
    ("ZetaRL builds on a Visual Transformer, a Unet and Token Merging (ToMe).",
     {("builds_on", "ViT"), ("builds_on", "U-Net"), ("builds_on", "ToMe")}, {}),
    # a description that reads like a long form is no name ("anomaly detection benchmarks" is not ADBench)
    ("ZetaRL leads two industrial anomaly detection benchmarks and self-supervised graph learning.", set(), {}),
])
def test_extraction_names_of_the_shipped_knowledge_base_resolve_in_context(shipped, abstract, relations, kinds):
    entities, found = run(shipped, "ZetaRL: reasoning", abstract)
    assert relations <= found
    assert {name: entities[name].kind for name in kinds} == kinds
    if not kinds and not relations:  # a case that names nothing known: only the paper's own name is found
        assert set(entities) == {"ZetaRL"}


def test_extraction_token_merging_in_title_case_is_no_known_method(shipped):
    # papers write "Lossless Token Merging" for their own variant, not ToMe
    entities, _ = run(shipped, "ZetaRL: reasoning", "ZetaRL adds Lossless Token Merging to a Vision Transformer.")
    assert set(entities) == {"ZetaRL", "ViT"}


def test_extraction_a_web_pretraining_corpus_is_no_test_set(shipped):
    _, found = run(shipped, "ZetaLM: pretraining", "Experiments on C4, Common Crawl and WikiText-103 show that ZetaLM "
                                                   "improves perplexity.")
    assert ("evaluated_on", "WikiText-103") in found
    assert not {(r, e) for r, e in found if r == "evaluated_on" and e in ("C4", "Common Crawl")}


def test_extraction_data_trained_on_ends_where_the_evaluation_begins(shipped):
    for abstract in ("ZetaRL is trained on ImageNet and evaluated on COCO and ADE20K.",
                     "We train ZetaRL on ImageNet and evaluate it on COCO and ADE20K."):
        _, found = run(shipped, "ZetaRL: reasoning", abstract)
        assert {("trained_on", "ImageNet"), ("evaluated_on", "COCO"), ("evaluated_on", "ADE20K")} <= found
        assert ("trained_on", "COCO") not in found
    _, found = run(shipped, "ZetaRL: reasoning", "ZetaRL is trained and evaluated on COCO.")  # one cue over both verbs
    assert ("trained_on", "COCO") in found


def test_extraction_thousands_after_a_known_model_count_examples_not_parameters(shipped):
    entities, found = run(shipped, "ZetaRL: reasoning", "We train ZetaRL on VideoChat-R1-260K and LLaVA-Video-178K and "
                                                         "compare it with GPT-4-128K and Yi-200K.")
    # (a context length stays the model's)
    assert {n: entities[n].kind for n in ("VideoChat-R1-260K", "LLaVA-Video-178K", "GPT-4-128K", "Yi-200K")} == {
        "VideoChat-R1-260K": "Dataset", "LLaVA-Video-178K": "Dataset", "GPT-4-128K": "Model", "Yi-200K": "Model"}
    assert ("trained_on", "VideoChat-R1-260K") in found


def test_extraction_a_score_on_a_benchmark_is_a_result_and_competing_is_comparing(shipped):
    _, found = run(shipped, "ZetaVL: reasoning", "The latest model exhibits strong long-horizon reasoning (64.0 on "
                                                 "MMMU, 46.3 on MMMU-Pro, 56.9 % on MathVista). In comparative "
                                                 "evaluations, it competes with GPT-4o-mini and Qwen2.5-VL-7B.")
    assert {("evaluated_on", "MMMU"), ("evaluated_on", "MMMU-Pro"), ("evaluated_on", "MathVista"),
            ("compares_to", "GPT-4o mini"), ("compares_to", "Qwen2.5-VL-7B")} <= found
    _, found = run(shipped, "ZetaVL: reasoning", "ZetaVL keeps 12 on average for GPT-4o-mini.")
    assert not any(relation == "evaluated_on" for relation, _ in found)  # a number on no data


def test_extraction_the_latent_diffusion_model_by_name_but_not_the_lowercase_kind_of_model(shipped):
    entities, relations = run(shipped, "ZetaRL: reasoning", "ZetaRL builds on a Latent Diffusion Model.")
    assert entities["LDM"].kind == "Model" and ("builds_on", "LDM") in relations
    entities, _ = run(shipped, "ZetaRL: reasoning", "ZetaRL builds on latent diffusion models.")
    assert "LDM" not in entities  # (gold names LDM in 8 of the 26 papers that write the lowercase phrase)


def test_extraction_a_known_acronym_spelled_out_as_some_other_term_is_not_the_known_name(shipped):
    entities, _ = run(shipped, "ZetaScope: Data", "Large code models (LCMs) are strong. We propose ZetaScope to tune LCMs.")
    assert set(entities) == {"ZetaScope"}
    entities, _ = run(shipped, "ZetaScope: Data", "Latent consistency models (LCMs) are fast. We propose ZetaScope to tune LCMs.")
    assert set(entities) == {"ZetaScope", "LCM"}
    _, relations = run(shipped, "ZetaAudio", "ZetaAudio is built on contrastive language-audio pretraining (CLAP).")
    assert ("builds_on", "CLAP") in relations
    # a metric in capitals is still some other term: "Mean Absolute Error (MAE)" is no masked autoencoder
    entities, _ = run(shipped, "ZetaGene: expression", "ZetaGene outperforms prior models in Mean Absolute Error "
                                                       "(MAE) and Pearson Correlation Coefficient (PCC).")
    assert set(entities) == {"ZetaGene"}


def test_extraction_a_known_method_s_acronym_with_a_number_or_change_after_it_is_a_metric(shipped):
    for text in ("ZetaCast attains an MAE of 0.75.", "ZetaCast has a low MAE (0.106).", "ZetaCast gives a 15% MAE reduction."):
        entities, _ = run(shipped, "ZetaCast: forecasting", text)
        assert set(entities) == {"ZetaCast"}, text
    _, relations = run(shipped, "ZetaCast: forecasting", "ZetaCast outperforms MAE by 0.3 points.")
    assert ("compares_to", "MAE") in relations  # the masked autoencoder, a baseline


def test_extraction_a_word_glued_to_a_known_name_is_no_name_but_a_split_is(shipped):
    entities, _ = run(shipped, "ZetaTune", "ZetaTune beats plain-LoRA with CoT-distillation in BEV-space, and "
                                          "outperforms GPT-4 on miniF2F-test and Zeta-bench, as do two models-GPT-4o and "
                                          "Llama-2-7B.")
    assert not {"plain-LoRA", "CoT-distillation", "BEV-space", "models-GPT-4o"} & set(entities)
    assert {"GPT-4", "miniF2F-test", "Zeta-bench"} <= set(entities)


def test_extraction_a_word_with_letters_raised_for_an_acronym_is_no_name(nlp):
    entities, _ = run(nlp, "RAP-Zeta: RestorAtion Prior Enhancement", "We improve restoration with ZetaNet.")
    assert "RestorAtion" not in entities
    assert "ZetaNet" in entities  # ("zetanet" is not written)
    entities, _ = run(nlp, "Graph Simplification", "Our graph siMplification helps ZetaNet and Zetanet alike.")
    assert set(entities) == {"ZetaNet"}  # (a name spelled two ways stays a name)


def test_extraction_a_title_in_capitals_names_an_all_capital_known_name_only_with_the_abstract(shipped):
    title = "HOW TO BEAT THE CLOCK: VIDEO FRAMES THAT GREW WITH A CAMEL"
    entities, _ = run(shipped, title, "We study video frames and propose ZetaClock.")
    assert set(entities) == {"ZetaClock"}  # plain words in capitals, not BEAT, FRAMES, GREW or CAMEL
    entities, found = run(shipped, title, "We propose ZetaClock and test it on FRAMES.")
    assert ("evaluated_on", "FRAMES") in found


def test_extraction_a_citation_glued_to_a_word_is_split_off(nlp):
    entities, _ = run(nlp, "ZetaNet: segmentation", "ZetaNet follows prior work[41] and ChexNet[10] on chest X-rays.")
    assert set(entities) == {"ZetaNet", "ChexNet"}


@pytest.mark.parametrize("title,abstract,names", [
    # an adjective after an en dash leaves the name whole
    ("ZetaFit: Try-On in Any Pose", "We present ZetaFit. By leveraging Llama-2–based conditioning, ZetaFit supports "
                                    "arbitrary poses.", {"ZetaFit", "Llama 2"}),
    # a bracket that closes first is no name
    ("ZetaGUI: A Survey", "This survey covers (M)LLM-based GUI agents and how (M)LLMs read screens, with ZetaAgent as "
                          "an example.", {"ZetaGUI", "ZetaAgent"}),
    # a name cut at a hyphen is no name
    ("ZetaPO: preference optimization", "Unlike -DPO or -PO, ZetaPO matches GAN- and diffusion-based methods.", {"ZetaPO"}),
    # a duration or a factor after a name is no version
    ("ZetaTalk: streaming portraits", "We present ZetaTalk, a real-time model (ZetaTalk 0.92s for one second of video), "
                                      "and ZetaTalk 2.5x faster than before.", {"ZetaTalk"}),
])
def test_extraction_page_debris_around_names_is_no_name(nlp, title, abstract, names):
    entities, _ = run(nlp, title, abstract)
    assert set(entities) == names


@pytest.mark.parametrize("abstract", [
    "We present ZetaX111Demo page: ZetaX, a multi-agent system.",
    "We present ZetaX (ZX)222Code is online, and it works.333The ZetaX page.",
    "We present ZetaX, which ships table recognition111Our code is online.",
    "We present ZetaX111zetax.github.io, a multi-agent system.",
])
def test_extraction_a_footnote_mark_the_readers_clean_away_leaves_no_name(nlp, abstract):
    entities, _ = run(nlp, "ZetaX: Multi-Agent Music", clean_text(abstract))
    assert set(entities) == {"ZetaX"}


def test_extraction_a_size_glued_to_a_known_family_and_a_glued_citation():
    nlp = nlp_with({"id": "pythia", "name": "Pythia", "type": "Model"}, {"id": "zora", "name": "ZoraVid", "type": "Model"})
    entities, _ = run(nlp, "ZetaSAE: sparse probes", "We train ZetaSAE on Pythia70M and quantize ZoraVid[1] too.")
    assert entities["Pythia-70M"].family == "Pythia" and "ZoraVid" in entities


def test_extraction_a_possessive_never_ends_a_known_name():
    nlp = nlp_with({"id": "glas", "name": "GlaS", "type": "Dataset"}, {"id": "gla", "name": "GLA", "type": "Method"})
    entities, _ = run(nlp, "ZetaSLA: slot attention", "ZetaSLA is a two-layer GLA, trained fast through GLA’s kernels "
                                                      "on one GPU–a single card.")
    assert set(entities) == {"ZetaSLA", "GLA"}


def test_extraction_citation_keys_are_no_names(nlp):
    entities, _ = run(nlp, "On probes", "LLMs hallucinate [Zha+25; AM23, DYT24]. We probe ZetaNet [Ji+24] and GPT-4 [1], "
                                        "up to 9 points on MT-Bench (zheng2023judging, ).")
    assert set(entities) == {"ZetaNet", "GPT-4", "MT-Bench"}
    entities, _ = run(nlp, "On probes", "We probe models such as ZetaNet~zhu2023zeta and GPT-4~openai2023gpt.")
    assert set(entities) == {"ZetaNet", "GPT-4"}  # BibTeX keys left after LaTeX's tie


def test_extraction_a_family_named_only_with_one_size_in_brackets_is_that_size(nlp):
    entities, _ = run(nlp, "On tuning", "We fine-tune LLaMA-2 (70B) on our data.")
    assert set(entities) == {"Llama-2-70B"}
    entities, _ = run(nlp, "On tuning", "We fine-tune LLaMA-2 (70B) and compare with Llama 2.")
    assert set(entities) == {"Llama-2-70B", "Llama 2"}
    entities, _ = run(nlp, "On tuning", "ZetaLM inherits the skills of LLMs including LLaMA-2 (70B).")  # a list
    assert set(entities) == {"ZetaLM", "Llama-2-70B"}


def test_extraction_a_known_variant_with_its_size_in_brackets_stays(shipped):
    entities, _ = run(shipped, "On robots", "ZetaVLA outperforms closed models such as RT-2-X (55B).")
    assert entities["RT-2-X"].kb_id == "rt-2-x"  # the known record, not a name found again by its shape


def test_extraction_a_year_after_a_known_benchmark_names_that_edition(shipped):
    entities, relations = run(shipped, "Video segmentation", "ZetaSeg is evaluated on YouTube-VIS 2019 and 2021.")
    assert {name: (e.kind, e.family) for name, e in entities.items() if name != "ZetaSeg"} == {
        "YouTube-VIS 2019": ("Benchmark", "YouTube-VIS"), "YouTube-VIS 2021": ("Benchmark", "YouTube-VIS")}
    assert {("evaluated_on", "YouTube-VIS 2019"), ("evaluated_on", "YouTube-VIS 2021")} <= relations
    # the knowledge base names no edition as the whole: PASCAL VOC 2007 and 2012 are two datasets
    entities, _ = run(shipped, "Detection", "ZetaDet is evaluated on PASCAL VOC 2007, PASCAL VOC 2012 and TREC DL 2019.")
    assert {name: e.family for name, e in entities.items() if name != "ZetaDet"} == {
        "PASCAL VOC 2007": "PASCAL VOC", "PASCAL VOC 2012": "PASCAL VOC", "TREC DL 2019": "TREC DL"}


def test_extraction_a_function_word_and_the_next_token_are_no_name_whose_key_they_spell(shipped):
    entities, found = run(shipped, "A study", "Adversarial training (AT) helps. We discuss challenges in AT "
                                              "and train on the Pile.")
    assert "iNaturalist" not in entities  # "in AT" spells iNat's key, as keys ignore spaces
    assert ("trained_on", "The Pile") in found  # a name that starts with the word still counts


def test_extraction_a_part_named_by_a_coined_acronym_is_introduced_with_the_paper_s_system(nlp):
    text = ("Moreover, a Recursive Refinement (RR) module is applied. Its core is the Group-Adaptive Zeta (GAZ) "
            "algorithm, fed through a Quality-Driven Zeta Selection Pipeline (QDZSP).")
    _, relations = run(nlp, "ZetaPose: pose", "We propose ZetaPose for pose. " + text)
    assert {("introduces", "RR"), ("introduces", "GAZ"), ("introduces", "QDZSP")} <= relations
    assert ("builds_on", "QDZSP") not in relations
    _, relations = run(nlp, "Pose estimation", text)  # a paper that makes nothing names others' parts
    assert not {r for r in relations if r[0] == "introduces"}


def test_extraction_a_part_named_by_an_acronym_of_plain_words_is_introduced_but_not_a_kind_of_thing(nlp):
    entities, relations = run(nlp, "ZetaSeg: Boundary-aware Segmentation",
                              "Traditional deep neural network (DNN)-based methods blur edges. We propose ZetaSeg, "
                              "composed of a multiscale fusion module (MSFM) and an edge refinement block (ERB). The "
                              "shape prior module (SPM) guides ERB. ZetaSeg is a boundary guided network (BGN) at heart.")
    assert {r for r in relations if r[0] == "introduces"} == {
        ("introduces", "ZetaSeg"), ("introduces", "MSFM"), ("introduces", "ERB"), ("introduces", "SPM")}
    assert "DNN" not in entities and "BGN" not in entities


@pytest.mark.parametrize("title,text,parts,other", [
    # an adjective before the part, its head inside the long form; not an established mechanism
    ("ZetaPose: pose", "We propose ZetaPose, which integrates a lightweight Joint Alignment Agent (JAA) and the Limb "
                       "Fusion Network (LFNet), and revisits the traditional Policy Gradient (PG) mechanism.",
     {"JAA", "LFNet"}, "PG"),
    # after a preposition, any part's head (extractor, attention); not what has no part's head
    ("ZetaTrack: tracking", "We propose ZetaTrack. Text is fused through the introduction of Semantic Guidance "
                            "Extractor (SGE) and Two-Level Attention (TLA) layers, trained with Proximal Zeta "
                            "Optimization (PZO).", {"SGE", "TLA"}, "PZO"),
])
def test_extraction_a_coined_part_is_introduced_wherever_it_stands_by_its_head(nlp, title, text, parts, other):
    _, relations = run(nlp, title, text)
    assert {("introduces", part) for part in parts} <= relations
    assert ("introduces", other) not in relations


def test_extraction_a_title_case_part_after_an_article_is_introduced_by_its_head(nlp):
    text = ("ZetaSheet edits spreadsheets. It relies on a Manager Agent that splits tasks, and it also utilizes a "
            "Pose Adapter to transfer poses. Results follow the Central Limit Theorem.")
    _, relations = run(nlp, "ZetaSheet: spreadsheet agents", text)
    assert {("introduces", "Manager Agent"), ("introduces", "Pose Adapter")} <= relations
    assert ("introduces", "Central Limit Theorem") not in relations  # no part's head


def test_extraction_a_lowercase_based_compound_after_our_verb_does_not_end_the_clause(nlp):
    # "deep-learning-based" describes the new thing; "LLM-based" may name what it is built on
    _, relations = run(nlp, "Wildfire spread", "Here, we develop a deep-learning-based predictive model, "
                                               "Zeta-Fire-Net (ZFN), that uses weather features.")
    assert ("introduces", "ZFN") in relations
    _, relations = run(nlp, "Event extraction", "We propose an LLM-based Zeta Partitioning method called ZetaPEE.")
    assert {r for r in relations if r[0] == "introduces"} == {("introduces", "ZetaPEE")}


def test_extraction_names_after_public_in_our_sentence_are_not_new(nlp):
    _, relations = run(nlp, "Streams", "We then build a benchmark of six scenarios on three public datasets "
                                       "(Rotated Digits, ZetaLoad, Airlines).")
    assert not {r for r in relations if r[0] == "introduces"}


def test_extraction_a_name_given_after_a_task_word_names_what_the_naming_word_follows(nlp):
    _, relations = run(nlp, "Tracking", "We cast association as a prediction problem and propose a simple baseline called ZETRACK.")
    assert ("introduces", "ZETRACK") in relations
    entities, _ = run(nlp, "Tracking", "We define a practical task, which we termed as ZetaTask.")
    assert "ZetaTask" not in entities
    entities, _ = run(nlp, "Navigation", "We propose a novel VLN task, named Long-Horizon Zeta Navigation (LH-ZN), "
                                         "which needs planning.")
    assert not entities  # a task named by its long form and acronym


def test_extraction_a_list_of_scores_is_no_list_of_names(nlp):
    entities, _ = run(nlp, "Compression", "Accuracy stays high on benchmarks (i.e., 77.7% for MMLU, and so on). "
                                          "On two datasets: ZetaNet shows strong results.")
    assert not [name for name in entities if "%" in name or "shows" in name]


def test_extraction_a_title_that_is_one_name_introduces_it(nlp):
    _, relations = run(nlp, "Grouped-Query Attention", "We study attention with fewer heads.")
    assert ("introduces", "Grouped-Query Attention") in relations
    assert ("builds_on", "Grouped-Query Attention") not in relations


def test_extraction_title_head_that_is_not_all_names_introduces_nothing(nlp):
    _, relations = run(nlp, "Train Small, Infer Large: Cheap Adapters", "We study adapters for Llama 2.")
    assert not {r for r in relations if r[0] == "introduces"}
    _, relations = run(nlp, "ZetaNet & OmegaSet: A Model and Its Data", "We study both.")
    assert {("introduces", "ZetaNet"), ("introduces", "OmegaSet")} <= relations


def test_extraction_technical_report_title_introduces_the_name(nlp):
    entities, relations = run(nlp, "ZetaNet 2.0 Technical Report", "This report describes our model.")
    assert ("introduces", "ZetaNet 2.0") in relations
    assert not [name for name in entities if "Report" in name]


def test_extraction_title_case_subtitle_is_no_component(nlp):
    # Titles capitalise every word: the subtitle describes the contribution, it names no part of it.
    entities, _ = run(nlp, "ZetaQ: A Sparse-Quantized Representation for Compression",
                      "ZetaQ uses an Outlier Router to keep weights exact.")
    assert "Sparse-Quantized Representation" not in entities
    assert "Outlier Router" in entities


def test_extraction_proposed_as_an_adjective_introduces_nothing(nlp):
    _, relations = run(nlp, "Lip reading", "We evaluate our proposed approach on ZetaSet, the largest public benchmark.")
    assert ("introduces", "ZetaSet") not in relations


def test_extraction_a_plain_word_with_a_name_suffix_or_a_size_is_a_name(nlp):
    entities, relations = run(nlp, "Zorblat: Chinese models", "We present Zorblat-instruct 7B, a tuned version of "
                                                               "Zorblat 7B. We also introduce Zorblat-bench to test them.")
    assert entities["Zorblat-bench"].kind == "Benchmark"
    assert entities["Zorblat 7B"].kind == "Model"
    assert {("introduces", "Zorblat-instruct 7B"), ("introduces", "Zorblat-bench")} <= relations


@pytest.mark.parametrize("title,abstract", [
    ("Common 7B Models Can Reason", "We study reasoning."),  # a title capitalises every word
    ("Pruning", "Deriving 8B models from a 15B model is cheap."),  # so does a sentence
])
def test_extraction_a_capitalised_word_before_a_size_is_not_always_a_name(nlp, title, abstract):
    entities, _ = run(nlp, title, abstract)
    assert entities == {}


def test_extraction_a_letter_prefix_makes_a_name(nlp):
    _, relations = run(nlp, "Token pruning", "We propose a greedy search algorithm (Q-Search) for pruning X-Ray images.")
    assert {e for r, e in relations if r == "introduces"} == {"Q-Search"}


def test_extraction_a_known_model_name_with_bench_names_a_new_benchmark(nlp):
    entities, relations = run(nlp, "Many images", "We curate the Llama 2 Bench to test LMMs, and report the MMLU Benchmark.")
    assert entities["Llama 2 Bench"].kind == "Benchmark"
    assert ("introduces", "Llama 2 Bench") in relations
    assert "MMLU" in entities and "Llama 2" not in entities


def test_extraction_numbered_stages_and_scenarios_are_not_names(nlp):
    entities, _ = run(nlp, "Token pruning", "For Scenario II we prune in Stage 2 and keep Phase III short, "
                                            "using Rank-1 projections and Top-5 accuracy in stage-2, as in Track 1.")
    assert entities == {}


def test_extraction_the_resulting_name_before_its_kind_word_is_introduced(nlp):
    _, relations = run(nlp, "Radiology assistant", "We tune on reports. The resulting ZetaRad (7B) model leads on reports.")
    assert ("introduces", "ZetaRad") in relations


def test_extraction_an_acronym_defined_after_newly_constructed_is_introduced(nlp):
    _, relations = run(nlp, "Interleaved tests", "On a newly constructed Mixed Page Reading (MPR) benchmark, ZetaVL leads.")
    assert ("introduces", "MPR") in relations


def test_extraction_the_curated_dataset_named_in_apposition_is_introduced(nlp):
    _, relations = run(nlp, "Geometry answers", "We gather geometry problems. The curated dataset, GeoSet, has 1M pairs.")
    assert ("introduces", "GeoSet") in relations


def test_extraction_a_list_of_new_names_goes_on_past_an_acronym_expansion(nlp):
    _, relations = run(nlp, "Faithful translation", "We propose ZAP (Zero-Attention Padding) and a new dataset ZAPSET.")
    assert {("introduces", "ZAP"), ("introduces", "ZAPSET")} <= relations


def test_extraction_version_1_0_of_a_name_is_the_name_itself(nlp):
    entities, _ = run(nlp, "Zorro: a model family", "We introduce Zorro 1.0, a family of models, in two variants, "
                                                     "Zorro-1 and Zorro-2.")
    assert set(entities) == {"Zorro", "Zorro-1", "Zorro-2"}  # "-1" is the first of several, kept apart


def test_extraction_a_title_head_that_reads_as_a_clause_is_no_name(nlp):
    _, relations = run(nlp, "Tuned with LLM: a new training paradigm", "We align encoders.")
    assert not {r for r in relations if r[0] == "introduces"}
    _, relations = run(nlp, "ZetaLLM: a new training paradigm", "We align encoders.")
    assert ("introduces", "ZetaLLM") in relations


def test_extraction_one_hyphenated_lowercase_word_after_dubbed_is_a_name(nlp):
    _, relations = run(nlp, "Token pooling", "We introduce a small visual adapter module dubbed pool-mixer.")
    assert ("introduces", "pool-mixer") in relations
    _, relations = run(nlp, "Token pooling", "We introduce a small visual adapter module dubbed mixer.")
    assert not {r for r in relations if r[0] == "introduces"}  # one plain word is no name


def test_extraction_what_we_call_a_name_is_introduced_whatever_its_shape(nlp):
    _, relations = run(nlp, "Zeta: Draft Heads", "We tune the head recipe, which we call Zeta++, for speed.")
    assert ("introduces", "Zeta++") in relations


def test_extraction_a_long_form_in_brackets_after_its_name_is_the_same_entity(nlp):
    entities, relations = run(nlp, "Better reasoning", "We propose FoBaR (Forward Backward Reasoning), which checks answers.")
    assert list(entities) == ["FoBaR"]
    assert set(entities["FoBaR"].surfaces) == {"FoBaR", "Forward Backward Reasoning"}
    assert ("introduces", "FoBaR") in relations
    # a bracket that lists names is no long form
    entities, _ = run(nlp, "Open models", "We tune open LLMs (Llama 2 and Mistral-7B) for extraction.")
    assert {"Llama 2", "Mistral-7B"} <= set(entities)


def test_extraction_a_kind_word_before_a_name_outranks_its_benchmark_shape(nlp):
    entities, relations = run(nlp, "Video answers", "We propose a novel method, Twist-VQA, that flips questions. "
                                                    "Applying Twist-VQA to Llama 2 helps.")
    assert entities["Twist-VQA"].kind == "Method"
    assert ("evaluated_on", "Twist-VQA") not in relations
    entities, _ = run(nlp, "Video answers", "We report results on Twist-VQA.")
    assert entities["Twist-VQA"].kind == "Benchmark"


def test_extraction_scaling_a_model_builds_on_it_but_a_large_scale_one_does_not(nlp):
    _, relations = run(nlp, "Bigger models", "In this paper we study scaling Llama 2 up to 70B.")
    assert ("builds_on", "Llama 2") in relations
    _, relations = run(nlp, "Bigger models", "In this paper we study large-scale Llama 2 behaviour.")
    assert ("builds_on", "Llama 2") not in relations


def test_extraction_what_we_freeze_we_build_on(nlp):
    _, relations = run(nlp, "Region tuning", "Specifically, we freeze the encoder of Llama 2 and tune adapters.")
    assert ("builds_on", "Llama 2") in relations


def test_extraction_harnessing_the_power_of_a_model_builds_on_it(nlp):
    _, relations = run(nlp, "Small chat", "We introduce ZetaChat, an assistant that harnesses the power of the "
                                          "recently released small language model, Llama 2, for dialogue.")
    assert ("builds_on", "Llama 2") in relations


def test_extraction_models_our_method_is_applicable_to_are_built_on(nlp):
    _, relations = run(nlp, "Better heads", "We propose ZetaHead. Our method is applicable to various LLMs (e.g., Llama 2 and Mistral-7B).")
    assert {("builds_on", "Llama 2"), ("builds_on", "Mistral-7B")} <= relations


def test_extraction_named_downstream_tasks_are_evaluated_on(nlp):
    _, relations = run(nlp, "Multilingual probes", "We conduct studies with several models and established downstream tasks (MMLU and GQA).")
    assert {("evaluated_on", "MMLU"), ("evaluated_on", "GQA")} <= relations


def test_extraction_any_comparative_before_than_compares(nlp):
    _, relations = run(nlp, "Fast chat", "Our ZetaChat gives 3x decoding speed than Mistral-7B, and users preferred it to Llama 2.")
    assert {("compares_to", "Mistral-7B"), ("compares_to", "Llama 2")} <= relations
    # "more than" counts something
    _, relations = run(nlp, "Fast chat", "With no more than 10 examples, our ZetaChat tuned from Mistral-7B leads.")
    assert ("compares_to", "Mistral-7B") not in relations


def test_extraction_names_listed_as_training_data_are_trained_on(nlp):
    _, relations = run(nlp, "Cleaner data", "We filter text. Gains hold when tested on pre-training corpora, "
                                            "such as The Pile and ToyText.")
    assert {("trained_on", "The Pile"), ("trained_on", "ToyText")} <= relations
    assert not {r for r in relations if r[0] == "evaluated_on"}  # the sentence trains on them, it tests the method


def test_extraction_a_coined_mixed_case_acronym_in_our_sentence_is_introduced(nlp):
    _, relations = run(nlp, "Faster sampling", "We add a step we found useful: Token Merge Scoring (ToMeS) "
                                               "keeps the best tokens in our sampler.")
    assert ("introduces", "ToMeS") in relations
    # all capitals, a name the work is set against, or not about our work: spelled out, not coined
    for abstract in ("We add Token Merge Scoring (TMS) to our sampler.",
                     "Our sampler beats all rivals and is faster than Token Merge Scoring (ToMeS).",
                     "Token Merge Scoring (ToMeS) keeps the best tokens. It is slow.",
                     "We study our sampler for reasoning in Video Question Answering (VideoQA)."):
        _, relations = run(nlp, "Faster sampling", abstract)
        assert not {r for r in relations if r[0] == "introduces"}, abstract


def test_extraction_a_size_range_is_not_a_name(nlp):
    entities, _ = run(nlp, "Small models", "We release the best model in the sub-10B class and beat over-70B ones.")
    assert entities == {}


def test_extraction_components_listed_after_a_colon_in_our_sentence_are_introduced(nlp):
    _, relations = run(nlp, "Layout", "The proposed tuning strategy consists of two components: ZetaRoute and OmegaMix.")
    assert {("introduces", "ZetaRoute"), ("introduces", "OmegaMix")} <= relations
    _, relations = run(nlp, "Layout", "Older systems had two components: ZetaRoute and OmegaMix.")
    assert not {r for r in relations if r[0] == "introduces"}
    _, relations = run(nlp, "Layout", "Our proposed framework has two auxiliary agents: ZetaRoute and OmegaMix.")
    assert {("introduces", "ZetaRoute"), ("introduces", "OmegaMix")} <= relations


def test_extraction_building_upon_is_no_introduction(nlp):
    _, relations = run(nlp, "Astro", "We introduce new models, ZetaAstro-8B and ZetaAstro-70B, building upon the "
                                     "previous OmegaAstro series.")
    assert {e for r, e in relations if r == "introduces"} == {"ZetaAstro-8B", "ZetaAstro-70B"}


def test_extraction_a_past_participle_is_no_intro_verb(nlp):
    _, relations = run(nlp, "Code", "We introduce ZetaCode, a model designed for translating into its OmegaHPC extensions.")
    assert ("introduces", "ZetaCode") in relations
    assert ("introduces", "OmegaHPC") not in relations


def test_extraction_appositive_after_a_proposed_name_is_not_introduced(nlp):
    _, relations = run(nlp, "Parallel training", "We introduce ZetaPar, a new OmegaSP method for long sequences.")
    assert ("introduces", "ZetaPar") in relations
    assert ("introduces", "OmegaSP") not in relations
    _, relations = run(nlp, "Parallel training", "We introduce ZetaPar, OmegaPar, and SigmaPar for long sequences.")
    assert {("introduces", "ZetaPar"), ("introduces", "OmegaPar"), ("introduces", "SigmaPar")} <= relations


def test_extraction_appositive_head_noun_types_a_new_name(nlp):
    # The head is the last noun ("strategy"), not the first kind word met ("data"); it outweighs
    # the model-like shape of the name ("...LLM").
    entities, _ = run(nlp, "ZetaLLM: Better Data", "We propose ZetaLLM, a targeted and iterative data augmentation "
                                                   "strategy that grows small training sets.")
    assert entities["ZetaLLM"].kind == "Method"
    # "framework" heads models and methods alike: the shape decides.
    entities, _ = run(nlp, "Omega-LLaVA", "We present Omega-LLaVA, a novel framework that reads long videos.")
    assert entities["Omega-LLaVA"].kind == "Model"
    # so does a speech synthesiser's ("Parler-TTS")
    entities, _ = run(nlp, "Zeta-TTS: Voices in Seconds", "We present Zeta-TTS, a novel framework for voices.")
    assert entities["Zeta-TTS"].kind == "Model"
    # ... but not a shape of data: a framework is no benchmark
    entities, _ = run(nlp, "ZetaArena: A Human-Agent Collaboration Framework for Trading", "We study it.")
    assert entities["ZetaArena"].kind == "Method"
    # a "system", a "pipeline", an "engine" or a "solution" is a method, whatever the name's shape
    for head in ("an LLM serving system", "a data pipeline", "a fast LLM inference engine", "a co-design solution"):
        entities, _ = run(nlp, "Serving", f"We present ZetaLLM, {head} for agents.")
        assert entities["ZetaLLM"].kind == "Method", head


@pytest.mark.parametrize("text,name,kind", [
    # an appositive's noun phrase ends at a verb of parts or an -ing verb, not before a kind noun
    *[(f"We construct ZetaSet, a large-scale dataset {verb} 25 categories and 261,806 instances.", "ZetaSet", "Dataset")
      for verb in ("containing", "contains", "comprising", "covering")],
    ("We present ZetaLLM, a fast inference engine supporting mainstream LLMs and GPUs.", "ZetaLLM", "Method"),
    # it may open with "the first", and reads past commas between adjectives
    ("We present ZetaVLM, the first approach distilling visual knowledge into hidden states.", "ZetaVLM", "Method"),
    # or with a superlative, and after a dash as after a comma
    ("We introduce ZetaMillion, the largest open human motion capture dataset to date.", "ZetaMillion", "Dataset"),
    ("We propose a new data set, ZetaHallu, which annotates hallucination at the entity level.", "ZetaHallu", "Dataset"),
    # it comes after the long form in brackets, and ends at an adverb before a participle
    ("We introduce ZetaHop (Evaluating Communication over Hops), a new test suite for GNNs.", "ZetaHop", "Benchmark"),
    ("We introduce ZetaLLM, a novel method specifically designed to prune agents.", "ZetaLLM", "Method"),
    ("We propose ZetaKen \u2014 a real-time trajectory prediction model for driving.", "ZetaKen", "Model"),
    ("We propose ZetaKen -- a real-time trajectory prediction model for driving.", "ZetaKen", "Model"),
    ("We propose ZetaLM, a model-agnostic, training-free method for long inputs.", "ZetaLM", "Method"),
    ("We propose ZetaNet, a compact, fast, attention-free model for audio.", "ZetaNet", "Model"),
    # "based" without "on" is inside the phrase
    ("We introduce ZetaEval, an LLM-assisted question-answering based evaluation suite.", "ZetaEval", "Benchmark"),
    # the noun a naming word names types the name as surely
    ("This paper presents a mixed-precision quantization scheme for LLMs, namely ZetaLLM.", "ZetaLLM", "Method"),
    # a dataset made to evaluate is a benchmark
    ("We introduce three Hindi evaluation datasets: ZetaA-Hi, ZetaB-Hi, and ZetaC-Hi.", "ZetaA-Hi", "Benchmark"),
    ("We release ZetaA-Hi, a new evaluation dataset of Hindi questions.", "ZetaA-Hi", "Benchmark"),
    ("We release a new evaluation dataset, ZetaA-Hi, of Hindi questions.", "ZetaA-Hi", "Benchmark"),
])
def test_extraction_the_noun_phrase_describing_a_new_name_types_it(nlp, text, name, kind):
    entities, _ = run(nlp, "Zeta", text)
    assert entities[name].kind == kind


@pytest.mark.parametrize("title,abstract,kind", [
    ("ZetaTool: A Multimodal Large Language Model for Tools", "We propose ZetaTool, a system using LLMs.", "Model"),
    ("ZetaTool: An Efficient Decoding Method for LLMs", "We propose ZetaTool to decode.", "Method"),
    ("Code", "We propose ``ZetaTool'', a family of encoder-decoder LLMs for code.", "Model"),  # quoted name
    # the head is the title's last noun, up to the title's end
    ("ZetaTool: A Chinese Legal Large Language Models Benchmark", "We study legal LLMs.", "Benchmark"),
])
def test_extraction_appositive_of_a_title_head_or_a_quoted_name_types_it(nlp, title, abstract, kind):
    entities, _ = run(nlp, title, abstract)
    assert entities["ZetaTool"].kind == kind


def test_extraction_an_introduced_acronym_keeps_its_later_mentions(nlp):
    # the appositive after the later mention types it and names its base model
    entities, relations = run(nlp, "ZETA: Less Is More", "We train ZETA, a 7B parameter Llama 2 language model "
                                                         "fine-tuned with a plain loss.")
    assert entities["ZETA"].kind == "Model"
    assert ("builds_on", "Llama 2") in relations


@pytest.mark.parametrize("appositive,kind", [
    ("a collection of vision models trained on images", "Model"),
    ("a collection of one million captioned images", "Dataset"),
])
def test_extraction_a_group_noun_takes_the_kind_of_its_members(nlp, appositive, kind):
    entities, _ = run(nlp, "Vision at scale", f"This paper introduces ZetaVis, {appositive}.")
    assert entities["ZetaVis"].kind == kind


def test_extraction_a_comparative_may_stand_a_few_words_with_digits_before_its_preposition(nlp):
    _, relations = run(nlp, "ZetaCast: Weather", "ZetaCast achieves competitive 10-day forecast accuracy against "
                                                "models like Llama 2.")
    assert ("compares_to", "Llama 2") in relations


def test_extraction_comparison_window_ends_at_across_and_respectively(nlp):
    _, relations = run(nlp, "ZetaAttn", "ZetaAttn boosts accuracy over the uniform baseline across Vicuna-7B and Llama 2 models.")
    assert not {r for r in relations if r[0] == "compares_to" and r[1] in ("Vicuna-7B", "Llama 2")}


def test_extraction_sentence_initial_comparison_ends_at_its_comma(nlp):
    _, relations = run(nlp, "ZetaAttn", "Compared to LoRA, standard models employing Llama 2 are slow. We propose ZetaAttn.")
    assert ("compares_to", "LoRA") in relations
    assert ("compares_to", "Llama 2") not in relations


def test_extraction_a_sized_model_with_no_other_role_is_what_the_work_ran_on(nlp):
    found, hits = analyse(nlp, "Cheaper caches\nWe propose a cache eviction policy. "
                               "With it, the cache of Mistral-7B shrinks by half, and that of Llama 2 too.")
    names = {e.key: e.name for e in found}
    built = {names[h.entity]: h for h in hits if h.relation == "builds_on"}
    assert set(built) == {"Mistral-7B"}  # the family alone says less: no size, no run
    assert built["Mistral-7B"].rule == "sized_model"
    # a role a cue gives wins
    _, relations = run(nlp, "Cheaper caches", "We propose a cache eviction policy that outperforms Mistral-7B.")
    assert ("builds_on", "Mistral-7B") not in relations and ("compares_to", "Mistral-7B") in relations


def test_extraction_sentence_after_one_about_our_work_is_ours(nlp):
    _, relations = run(nlp, "Better chat", "Chat models are popular. We build a new assistant. "
                                           "The assistant is then fine-tuned from Llama 2 and outperforms Mistral-7B.")
    assert {("builds_on", "Llama 2"), ("compares_to", "Mistral-7B")} <= relations
    # before our first sentence, or naming earlier work, it is background
    _, relations = run(nlp, "Better chat", "Chat models are fine-tuned from Mistral-7B. We build a new assistant. "
                                           "Previous assistants were fine-tuned from Llama 2 only.")
    assert not {r for r in relations if r[0] == "builds_on"}


def test_extraction_replacing_a_part_builds_on_its_owner_not_on_the_part(nlp):
    _, relations = run(nlp, "ZetaMoE", "By replacing the ZetaAdapter of Llama 2 with our MoE design, we obtain ZetaMoE. "
                                       "We also replace LoRA with a sparse update.")
    assert ("builds_on", "Llama 2") in relations
    assert not {r for r in relations if r[0] == "builds_on" and r[1] in ("ZetaAdapter", "LoRA")}


def test_extraction_a_name_that_is_used_is_built_on(shipped):
    _, relations = run(shipped, "ZetaDance: Dance", "In the first stage, a frozen Whisper is used to encode audio.")
    assert ("builds_on", "Whisper") in relations
    _, relations = run(shipped, "ZetaDance: Dance", "In the first stage, Whisper is not needed.")
    assert ("builds_on", "Whisper") not in relations
    # (its kind word may come between: "the Whisper model is adopted to encode audio")
    _, relations = run(shipped, "ZetaDance: Dance", "We propose ZetaDance. The Whisper model is adopted to encode audio.")
    assert ("builds_on", "Whisper") in relations


@pytest.mark.parametrize("others,ours,name", [
    # baselines based on a model do not build on it
    ("We compare prompting our LLMs to fine-tuned baselines based on Llama 2.",
     "We present ZetaChat, a chat model based on Llama 2.", "Llama 2"),
    # a class of fine-tuning methods is not what we fine-tune
    ("ZetaChat matches other parameter-efficient fine-tuning methods such as LoRA.",
     "We present ZetaChat, made by fine-tuning LoRA adapters.", "LoRA"),
])
def test_extraction_a_base_cue_about_others_work_builds_on_nothing(nlp, others, ours, name):
    _, relations = run(nlp, "ZetaChat: Tuning", others)
    assert ("builds_on", name) not in relations
    _, relations = run(nlp, "ZetaChat: Tuning", ours)
    assert ("builds_on", name) in relations


def test_extraction_x_based_needs_the_name_right_before_the_hyphen(nlp):
    _, relations = run(nlp, "ZetaCodec", "We propose ZetaCodec, faster than adapters (LoRA) and learning-based codecs. "
                                         "Our decoder is Llama-2-based.")
    assert {r for r in relations if r[0] == "builds_on"} == {("builds_on", "Llama 2")}


def test_extraction_a_squared_name_is_a_name_and_math_and_glue_are_not(nlp):
    entities, relations = run(nlp, "Tokens", "We propose a novel token compression method, ZetaCom^2, tailored for "
                                             "MLLMs. Attention costs O(T^2), as is available.5 from scratchx2013even.")
    assert set(entities) == {"ZetaCom^2"}
    assert entities["ZetaCom^2"].kind == "Method"  # "tailored for MLLMs" says nothing of its kind
    assert ("introduces", "ZetaCom^2") in relations


def test_extraction_directions_are_not_names(nlp):
    entities, _ = run(nlp, "ZetaTrans", "We propose ZetaTrans for PHP-to-Python and any-to-3D translation, and CT-then-SFT training"
                                        " (EnglishrightarrowGerman, an arrow that lost its backslash).")
    assert set(entities) == {"ZetaTrans"}


def test_extraction_generic_acronyms_of_the_shipped_stop_list_are_not_entities(shipped):
    entities, _ = run(shipped, "ZetaNet", "We propose ZetaNet, trained with CPT and DA, for AVSR and UIE; "
                                          "it uses SVD, as AutoML systems do.")
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "We train ZetaNet on one GeForce RTX4090 and eight A800 GPUs.")  # hardware
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet runs on an STM32H7 board and uses DSP48 slices on a Raspberry Pi 4.")
    assert set(entities) == {"ZetaNet"}  # microcontrollers, FPGA slices and boards
    entities, _ = run(shipped, "ZetaNet", "We deploy ZetaNet on Franka Research 3, ANYmal, Turtlebot 4 and Unitree H1.")
    assert set(entities) == {"ZetaNet"}  # robots
    entities, _ = run(shipped, "ZetaNet", "ZetaNet is a Real2Sim2Real pipeline for OV-3Det, SimulST, StreamST and "
                                          "LLIE that writes TikZ, saves 9% BD-rate and lifts AssA and TETA.")
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet runs on a P40 GPU and lifts the TM-score.")  # hardware, metric
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet quantizes weights to INT1 and INT2 and activations to FP6.")  # formats
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "Unlike other SpeechLMs, ZetaNet is a duplex S2S model for MU that "
                                          "runs on MediaTek chips.")
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet fuses Bird's-Eye-View (BEV) tokens of VideoLLMs and SpeechLLMs.")  # views, model kinds
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves Augmented Reality (AR) and Human-Computer Interaction (HCI), "
                                          "with Multi-View Stereo (MVS).")  # fields and techniques
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaCorpus", "We present ZetaCorpus, with web crawls from the Internet Archive.")
    assert set(entities) == {"ZetaCorpus"}  # an organisation
    entities, _ = run(shipped, "ZetaNet", "ZetaNet May Only Be Worth One Bit")  # not BiT (Big Transfer)
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet tracks each UAV for MOT and ReID, and beats the ECMWF forecast.")
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet reads RGB images of UI screens for TQA and Med-VQA.")
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet fuses camera-LiDAR features per RoI, as RGB-T trackers do for VI-ReID.")
    assert set(entities) == {"ZetaNet"}  # modalities, regions and tasks
    entities, _ = run(shipped, "ZetaNet", "ZetaNet lowers the EER/MinDCF of speaker verification.")
    assert set(entities) == {"ZetaNet"}  # metrics
    entities, _ = run(shipped, "ZetaNet", "ZetaNet, shown at CVPR 2023, serves KGQA, S2TT and FAS; this SoK reviews it.")
    assert set(entities) == {"ZetaNet"}  # venues, tasks and a kind of paper
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves ZS-CIR and VDR on mobile SoCs over O-RAN, with DFS proofs "
                                          "checked in Coq, on In-Distribution (ID) data.")
    assert set(entities) == {"ZetaNet"}  # tasks, hardware, platforms, algorithms and proof languages
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves Text2SQL over NoSQL stores, Talking Head Generation (THG), "
                                          "E2E-AD and WSL.")
    assert set(entities) == {"ZetaNet"}  # tasks, fields and kinds of store
    entities, _ = run(shipped, "ZetaNet", "We propose ZetaNet, which joins the Convolutional Neural Network (CNN) and "
                                          "a Graph Neural Network.")
    assert set(entities) == {"ZetaNet"}  # classes of network, spelled out
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves NR-IQA, VCOD, HOI detection and SVG generation, at 32.33dB "
                                          "and 24GB.")
    assert set(entities) == {"ZetaNet"}  # tasks, a file format and measures
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves GEC, AES, VPR and AL, learns under IDN with NLL methods, "
                                          "and aids VIL, ToM and Multi-hop QA.")
    assert set(entities) == {"ZetaNet"}  # tasks and settings
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves WSD, KT, PBE, TPR, DoA estimation and DAVE, reads RNA, and "
                                          "fits IsoFLOPs curves.")
    assert set(entities) == {"ZetaNet"}  # more tasks, a molecule and an analysis
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves SR, VC, CF, SID, WBC, VRDU, V2V and V2A, unlike MM-LLMs, "
                                          "and beats SR-GNN and VC-1.")
    assert set(entities) == {"ZetaNet", "SR-GNN", "VC-1"}  # tasks; the known names they start stay whole
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves KWS, rPPG, CDGE and RTL design, maps notes to ICD-10 "
                                          "under HIPAA, reads USPTO IP filings and emits AArch64 from LLVM-IR.")
    assert set(entities) == {"ZetaNet"}  # tasks, codes, laws, offices and instruction sets
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves TKG forecasting, EL, CSLID and CSKB population at a high pAUC.")
    assert set(entities) == {"ZetaNet"}  # tasks and a metric
    entities, _ = run(shipped, "ZetaNet", "ZetaNet reads mmWave radar for HD maps and CAD models, serves I2I editing, "
                                          "and lifts AUC-ROC, ROC-AUC, AUPRC, PR-AUC and F-Score; HD-VILA-100M helps.")
    assert set(entities) == {"ZetaNet", "HD-VILA-100M"}  # signals, fields, a task and metrics; not the known name
    entities, _ = run(shipped, "ZetaNet", "ZetaNet tunes a GP by Bayesian Optimization (BO) for VIS, beyond the FoV "
                                          "of NFoV views and NDCT scans; it beats PartField.")
    assert set(entities) == {"ZetaNet", "PartField"}  # generic techniques, tasks and terms; not Particle Transformer
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves ERC, Mandarin MDD, OV-TAL, TAL, TAD and 3DMPPE with a "
                                          "3D-CNN over RDMA and RoCE links, at a low HD95 and a high MS-SSIM.")
    assert set(entities) == {"ZetaNet"}  # tasks, a generic network, network links and metrics
    entities, _ = run(shipped, "ZetaNet", "ZetaNet is a VAD for AIoT and EDA flows, an NCO solver of ODEs, and "
                                          "lifts SI-SNRi and SI-SDRi.")
    assert set(entities) == {"ZetaNet"}  # tasks, fields, generic methods and metrics
    entities, _ = run(shipped, "ZetaNet", "ZetaNet, an MBRL method with an EA for FedLLM tuning, matches GT poses "
                                          "by IK.")
    assert set(entities) == {"ZetaNet"}  # kinds of method, ground truth and a technique
    entities, _ = run(shipped, "ZetaNet", "ZetaNet, a CRL model for LSR, runs in PyBullet with 6DOF control and "
                                          "lifts mHOTA and mTETA.")
    assert set(entities) == {"ZetaNet"}  # fields, a simulator, degrees of freedom and metrics
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves HPE and SFF from AiF stacks in Cryo-EM, reads each URL "
                                          "and Portable Executable, and needs no Prompt Engineering.")
    assert set(entities) == {"ZetaNet"}  # tasks, a field, file formats and a generic technique
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves CLS, XLS and ZSOC on papers from mid-2024 and pre-2020 "
                                          "corpora, beside XLS-R.")
    assert set(entities) == {"ZetaNet", "XLS-R"}  # tasks and dates; not the known name a task starts
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves LTA and TSC, reads scRNA-seq at 16 kHz, and runs "
                                          "release v1.2.2 of its simulator.")
    assert set(entities) == {"ZetaNet"}  # tasks, a kind of data, a unit and a version number
    entities, _ = run(shipped, "ZetaNet", "ZetaNet trains 3D-aware GANs for NVS with a Conv1D head; SHG, LSC and "
                                          "M-ICL are its other tasks.")
    assert set(entities) == {"ZetaNet"}  # a kind of model (gold names GAN in 6 of the 19 papers that write it), tasks
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves PU learning, POI and LP reading, MRI-CT and T1w scans, "
                                          "RGB-IR and RGB-Infrared pairs with a DGNN or a CNN-RNN, proves in Lean 4, runs "
                                          "in a Jupyter Notebook, and ships table recognition.")
    assert set(entities) == {"ZetaNet"}  # tasks, modalities, kinds of model, a proof language, a tool
    entities, _ = run(shipped, "ZetaNet", "ZetaNet transcribes isiXhosa and isiZulu, beats SBST and Auto-ML tools, "
                                          "and is scored with MQM (Multi-dimensional Quality Metrics).")
    assert set(entities) == {"ZetaNet"}  # languages, a field, a kind of tool, a metric
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves BioNER, DocRE, MDSS, NCD, RUL prediction, FITB, PRVR and RLCG, and resists "
                                          "MIA and LoP.")
    assert set(entities) == {"ZetaNet"}  # tasks, an attack, a phenomenon
    entities, _ = run(shipped, "ZetaNet", "ZetaNet serves SC, ZS-TTS and Environmental Sound Classification with a "
                                          "CNN-BiLSTM, reads Sentinel-2 tiles, beats SAS and FAC, and is on PyPI.")
    assert set(entities) == {"ZetaNet"}  # tasks, a generic network, a satellite, generic acronyms, a package index
    entities, _ = run(shipped, "ZetaNet", "ZetaNet builds CRS for RecSys and gains 3 points of mAP.5.")
    assert set(entities) == {"ZetaNet"}  # a task, a field, a metric
    entities, _ = run(shipped, "ZetaNet", "A Multi-Agent System (MAS) helps LLM agents. We introduce ZetaNet for MAS "
                                          "and MAS-workflow rollouts.")
    assert set(entities) == {"ZetaNet"}  # a kind of system
    entities, _ = run(shipped, "ZetaNet", "ZetaNet improves TIR with Best-of-N (BoN) sampling and MC estimates.")
    assert set(entities) == {"ZetaNet"}  # generic techniques
    entities, _ = run(shipped, "ZetaNet", "ZetaNet guides WebAgents to 5DOF poses and gains in cIoU and gIoU.")
    assert set(entities) == {"ZetaNet"}  # a kind of agent, a pose class, metrics
    entities, _ = run(shipped, "N-Shot Benchmarking of ZetaNet", "We study ZetaNet.")
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet builds on a stable diffusion network.")  # lowercase, as papers write it
    assert set(entities) == {"ZetaNet", "Stable Diffusion"}
    entities, _ = run(shipped, "Position: Quo Vadis, Time Series Models?", "We argue for simpler baselines.")
    assert entities == {}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet renders MathML and KaTeX, keeps DP and FHE guarantees, and reads "
                                          "SAR images, the PDE of a flow and SMILES strings.")  # formats, techniques, modalities
    assert set(entities) == {"ZetaNet"}
    entities, _ = run(shipped, "ZetaNet", "ZetaNet routes each token to Top-2 experts and ranks top-2 overall.")
    assert set(entities) == {"ZetaNet"}  # not TOPv2: keys drop a "v" before a number


def test_extraction_new_names_our_system_comprises_are_introduced(nlp):
    _, relations = run(nlp, "Text-to-SQL agents", "Our framework consists of a Query Planner that splits a question "
                                                  "and a Schema Retrieval Unit (SRU) that links tables. It builds on "
                                                  "Llama 2.")
    assert {("introduces", "Query Planner"), ("introduces", "SRU")} <= relations
    assert ("introduces", "Llama 2") not in relations  # a known model is no part we made
    # (not a system someone else made)
    _, relations = run(nlp, "Text-to-SQL agents", "Their framework consists of a Query Planner that splits questions.")
    assert ("introduces", "Query Planner") not in relations


def test_extraction_capitalised_words_before_a_known_architecture_name_a_new_one(shipped):
    entities, _ = run(shipped, "ZetaG", "ZetaG couples a Hop-level Relation Graph Transformer with a "
                                        "Scene-Specialized Vision MoE.")
    assert {"Hop-level Relation Graph Transformer", "Scene-Specialized Vision MoE"} <= set(entities)
    assert "Transformer" not in entities and "Mixture-of-Experts" not in entities
    # a known model is no plain architecture: "Swin Transformer" stays itself
    entities, _ = run(shipped, "ZetaG", "ZetaG beats a Swin Transformer.")
    assert "Swin Transformer" in entities


def test_extraction_a_lettered_version_of_a_known_model_is_its_variant(nlp):
    # "Llama 2 v2" is a model of its own, a variant of Llama 2 (as "Llama-2-7B" is)
    entities, relations = run(nlp, "A Closer Look at Llama 2 v2", "We study Llama 2 V1.5 and Llama 2 v2.")
    assert entities["Llama-2-v2"].family == entities["Llama-2-V1.5"].family == "Llama 2"
    assert "Llama 2" not in entities
    assert ("builds_on", "Llama-2-v2") in relations


def test_extraction_numbered_version_of_a_known_benchmark_is_a_benchmark(nlp):
    entities, _ = run(nlp, "ZetaNet", "ZetaNet improves the best results on MMLU-2 by 20 points.")
    assert entities["MMLU-2"].kind == "Benchmark"


def test_extraction_a_new_moe_name_is_a_method_by_default(nlp):
    # Mixture-of-Experts is an architecture: "QMoE" compresses models, it ships no weights of its own
    entities, _ = run(nlp, "ZetaMoE: Sparse Compression", "We propose ZetaMoE to compress large models.")
    assert entities["ZetaMoE"].kind == "Method"


def test_extraction_a_continual_learning_split_of_a_known_dataset_is_its_own_dataset(nlp):
    entities, relations = run(nlp, "Continual", "Our method gains 9% on Split The Pile and Permuted MMLU.")
    assert entities["Split The Pile"].kind == entities["Permuted MMLU"].kind == "Dataset"
    assert {("evaluated_on", "Split The Pile"), ("evaluated_on", "Permuted MMLU")} <= relations


def test_extraction_a_plus_version_of_an_introduced_name_is_introduced(nlp):
    _, relations = run(nlp, "ZetaQuant: Mixed Precision", "ZetaQuant+, an extension of ZetaQuant, lowers perplexity.")
    assert ("introduces", "ZetaQuant+") in relations


def test_extraction_numbered_versions_of_an_introduced_known_method(nlp):
    entities, relations = run(nlp, "LoRA: Low-Rank Adaptation of Large Language Models",
                              "We present two levels of LoRA: LoRA-1 freezes the backbone. LoRA-2 tunes it too.")
    assert entities["LoRA-1"].kind == entities["LoRA-2"].kind == "Method"
    assert {("introduces", "LoRA-1"), ("introduces", "LoRA-2")} <= relations


def test_extraction_a_name_used_as_a_modifier_does_not_end_what_is_introduced(nlp):
    _, relations = run(nlp, "Intents", "We introduce two new UI-grounded datasets, ZetaSet and OmegaSet, for intent tasks.")
    assert {("introduces", "ZetaSet"), ("introduces", "OmegaSet")} <= relations
    assert not {r for r in relations if r[1] == "UI"}


def test_extraction_appositive_to_a_kind_noun_types_the_name(nlp):
    entities, _ = run(nlp, "Dutch models", "We evaluate our adapted models, ZetaLlama-2, both on standard benchmarks "
                                           "and a novel benchmark, ZetaBench.")
    assert entities["ZetaLlama-2"].kind == "Model"


def test_extraction_guided_by_and_training_a_model_build_on_it(nlp):
    _, relations = run(nlp, "ZetaNet", "Guided by Llama 2, we construct ZetaNet. We use it for training a downstream Mistral-7B model.")
    assert {("builds_on", "Llama 2"), ("builds_on", "Mistral-7B")} <= relations


def test_extraction_a_method_the_paper_works_via_is_what_it_builds_on(nlp):
    _, relations = run(nlp, "ZetaVid", "We propose an interpolation model via LoRA tuning. It is evaluated via MMLU.")
    assert ("builds_on", "LoRA") in relations
    assert ("builds_on", "MMLU") not in relations  # only methods are reached through "via"


@pytest.fixture(scope="module")
def nlp_more():
    """The tiny knowledge base plus a speech model and a benchmark with language editions."""
    from tests.conftest import TINY_KB_RECORDS
    from kg.linking.kb import KnowledgeBase

    extra = [{"id": "whisper", "name": "Whisper", "type": "Model", "aliases": []},
             {"id": "zetacomp", "name": "ZetaComp", "type": "Benchmark", "aliases": []}]
    return make_pipeline(KnowledgeBase.from_records([*TINY_KB_RECORDS, *extra], stoplist=["LLM", "LLMs", "GUI"]),
                         rules())


def test_extraction_dashes_citations_and_bit_widths_are_not_names(nlp):
    entities, _ = run(nlp, "Agents at work", "It spans four levels—UI grounding, planning—for agents. "
                                             "Labels come from proprietary LLMs-with known biases-or from people. "
                                             "Reasoning emerges, as shown by Llama 2 (ZetaSeek-AI et al., 2025). "
                                             "We quantize Llama 2 to W4A8 and W2A4KV4 on sim8B tokens (gg4K long).")
    assert set(entities) == {"Llama 2"}


def test_extraction_a_versioned_size_word_names_a_variant(nlp_more):
    entities, relations = run(nlp_more, "Speech", "Our model outperforms Whisper Large v3 (1.5B parameters) and Whisper large-v2.")
    assert {"Whisper-Large-v3", "Whisper-large-v2"} == set(entities)
    assert entities["Whisper-Large-v3"].family == "Whisper"
    assert ("compares_to", "Whisper-Large-v3") in relations


def test_extraction_a_language_edition_of_a_known_benchmark_is_a_benchmark(nlp_more):
    entities, relations = run(nlp_more, "ZetaMiner", "ZetaMiner attains 33.5% on ZetaComp-en and reaches 40.1% on ZetaComp-zh. "
                                                     "It drives Graphical User Interface (GUI) agents.")
    assert entities["ZetaComp-en"].kind == entities["ZetaComp-zh"].kind == "Benchmark"
    assert {("evaluated_on", "ZetaComp-en"), ("evaluated_on", "ZetaComp-zh")} <= relations
    assert "GUI" not in entities


def test_extraction_a_cue_window_reaches_the_example_after_e_g(nlp):
    _, relations = run(nlp, "ZetaGen: A Video Approach", "We leverage an off-the-shelf open-weight text generation model, e.g., "
                                                         "Llama 2, to write prompts.")
    assert ("builds_on", "Llama 2") in relations


def test_extraction_a_benchmark_named_as_a_likeness_is_not_evaluated_on(nlp):
    _, relations = run(nlp, "Math", "We evaluate on MMLU-level problems and GQA-style questions, and on The Pile.")
    assert {r for r in relations if r[0] == "evaluated_on"} == {("evaluated_on", "The Pile")}


def test_extraction_a_new_metric_is_no_entity(nlp):
    entities, _ = run(nlp, "Agents Study", "We propose a novel Efficiency-Quality Area (EQA) metric to assess agents. "
                                           "We present Fine-Grained ZetaScore (F-ZetaScore), an evaluation metric for captions, "
                                           "and report it on MMLU.")
    assert set(entities) == {"MMLU"}


def test_extraction_a_name_said_to_be_proposed_is_introduced_past_a_relative_clause(nlp):
    _, relations = run(nlp, "Fast segmentation", "For a better design, ZetaNet, which is a light network for images, is "
                                                 "proposed to cut costs. Earlier, OmegaNet was proposed for maps.")
    assert ("introduces", "ZetaNet") in relations
    assert ("introduces", "OmegaNet") not in relations


def test_extraction_a_mixture_named_with_its_active_size_is_a_variant(nlp):
    entities, relations = run(nlp, "A study", "Built on Llama-2-30B-A3B, our model rivals Llama 2 235B-A22B.")
    assert entities["Llama-2-30B-A3B"].family == entities["Llama-2-235B-A22B"].family == "Llama 2"
    assert ("builds_on", "Llama-2-30B-A3B") in relations


def test_extraction_a_title_head_framed_as_the_datasets_or_the_benchmark_names_it(nlp):
    entities, relations = run(nlp, "The ZetaWeb Datasets: Decanting the Web", "We release it.")
    assert entities["ZetaWeb"].kind == "Dataset" and ("introduces", "ZetaWeb") in relations
    entities, relations = run(nlp, "The ZETA Benchmark: Honesty Apart From Accuracy", "We release it.")
    assert entities["ZETA"].kind == "Benchmark" and ("introduces", "ZETA") in relations
    entities, relations = run(nlp, "The Journey Matters: Sparse Scaling", "We study it.")
    assert not relations


def test_extraction_an_own_opener_reaches_an_acronym_by_its_long_form(nlp):
    _, relations = run(nlp, "Hybrid Zeta Optimization: Augmenting LoRA",
                       "The proposed method, Hybrid Zeta Optimization (HZO), shows the ability to generalize.")
    assert ("introduces", "HZO") in relations


def test_extraction_an_acronym_of_a_one_word_name_is_that_name(nlp):
    entities, relations = run(nlp, "Coding", "We propose ZetaCodeBench (ZCB), a challenging code benchmark. ZCB has 402 problems.")
    assert set(entities) == {"ZetaCodeBench"}
    assert set(entities["ZetaCodeBench"].surfaces) == {"ZetaCodeBench", "ZCB"}
    assert ("introduces", "ZetaCodeBench") in relations


def test_extraction_named_sizes_in_brackets_are_variants(nlp_more):
    entities, _ = run(nlp_more, "Speech", "We study Whisper (Small & Large-V2) on Bangla. Whisper large language models differ.")
    assert {"Whisper", "Whisper-Small", "Whisper-Large-V2"} == set(entities)
    assert entities["Whisper-Small"].family == "Whisper"


def test_extraction_one_plain_word_before_dataset_is_a_name(nlp):
    entities, relations = run(nlp, "Dialogue", "Experimental results on the Fisher dataset show it. We also use the English "
                                               "dataset. On the Program Zeta Benchmark 2 we win.")
    assert entities["Fisher"].kind == "Dataset" and ("evaluated_on", "Fisher") in relations
    assert entities["Program Zeta Benchmark 2"].kind == "Benchmark"
    assert "English" not in entities
    entities, _ = run(nlp, "An Olympiad-Level Math Benchmark for Models", "We test models.")
    assert not entities


def test_extraction_models_listed_after_on_are_testbeds_not_rivals(nlp):
    _, relations = run(nlp, "Pruning", "Our method outperforms several baselines, achieving 2.17% and 2.39% accuracy gains "
                                       "on Llama-2-7B, Llama-2-13B, and Llama-2-70B.")
    assert not {r for r in relations if r[0] == "compares_to"}
    assert ("builds_on", "Llama-2-13B") in relations


def test_extraction_a_benchmark_paper_does_not_build_on_the_sized_models_it_tests(nlp):
    _, relations = run(nlp, "ZetaVet: A Benchmark", "We introduce ZetaVet, a new benchmark. Our tests find that "
                                                     "Llama-2-70B trails most systems.")
    assert ("builds_on", "Llama-2-70B") not in relations
    _, relations = run(nlp, "ZetaNet: A Model", "We introduce ZetaNet, a new model. Our tests find that "
                                                "Llama-2-70B trails it.")
    assert ("builds_on", "Llama-2-70B") in relations


@pytest.mark.parametrize("abstract", [
    "Our method draws on Grouped-Query Attention to cut memory.",
    "We cast decoding within the Grouped-Query Attention framework.",
    "Our key contribution is a modification to Grouped-Query Attention.",
])
def test_extraction_what_a_paper_draws_on_works_within_or_modifies_it_builds_on(nlp, abstract):
    _, relations = run(nlp, "ZetaNet", abstract)
    assert ("builds_on", "Grouped-Query Attention") in relations


def test_extraction_the_replica_scenes_by_name_not_a_replica_nor_an_rgbd_camera(shipped):
    entities, relations = run(shipped, "ZetaSLAM", "ZetaSLAM is tested on the synthetic dataset Replica with an "
                                                   "RGBD camera. A replica of each scene is kept.")
    assert set(entities) == {"ZetaSLAM", "Replica"}
    assert ("evaluated_on", "Replica") in relations


def test_extraction_a_known_name_such_a_method_is_called_is_not_introduced(shipped):
    _, relations = run(shipped, "Tuning Budget Forcing", "Test-time scaling is popular. One such method is called "
                                                         "budget forcing. We tune it.")
    assert ("introduces", "budget forcing") not in relations


def test_extraction_a_name_after_a_new_kind_or_said_introduced_here_is_introduced(nlp):
    _, relations = run(nlp, "Putting Objects in Context", "We verify our method on a new benchmark ZetaScan-200.")
    assert ("introduces", "ZetaScan-200") in relations
    _, relations = run(nlp, "Putting Objects in Context", "We learn fast with the new off-policy algorithm ZetaQ.")
    assert ("introduces", "ZetaQ") not in relations  # someone's recent algorithm
    _, relations = run(nlp, "From Words to Worlds", "The ZetaAgent framework, introduced in this paper, writes stories.")
    assert ("introduces", "ZetaAgent") in relations


def test_extraction_a_benchmark_paper_does_not_build_on_the_models_it_tests_using(nlp):
    _, relations = run(nlp, "ZetaVet: A Benchmark", "We introduce ZetaVet, a new benchmark. We benchmarked "
                                                     "ZetaVet using Llama 2 and Mistral.")
    assert not {r for r in relations if r[0] == "builds_on"}
    _, relations = run(nlp, "ZetaNet: A Model", "We introduce ZetaNet, a new model. We evaluated ZetaNet "
                                                "using Llama 2 as its backbone.")
    assert ("builds_on", "Llama 2") in relations


def test_extraction_a_new_version_builds_on_the_version_it_names(nlp):
    _, relations = run(nlp, "ZEAGLE-3: Scaling up Drafting", "Methods like ZEAGLE draft at the feature level. We present ZEAGLE-3.")
    assert {("introduces", "ZEAGLE-3"), ("builds_on", "ZEAGLE")} <= relations


def test_extraction_an_upgrade_of_or_a_hybrid_between_builds_on_them(nlp):
    _, relations = run(nlp, "ZetaVL", "We present ZetaVL, an advanced upgrade of the previous Llama 2 models.")
    assert ("builds_on", "Llama 2") in relations
    _, relations = run(nlp, "Zeta Optimization", "We propose a hybrid approach between LoRA and Grouped-Query Attention.")
    assert {("builds_on", "LoRA"), ("builds_on", "Grouped-Query Attention")} <= relations


def test_extraction_a_title_acronym_before_the_colon_is_read(nlp):
    entities, relations = run(nlp, "Modulated Zeta Preference Optimization (MZPO): Keep the Easy",
                              "In this study, we propose Modulated Zeta Preference Optimization (MZPO) for it.")
    assert set(entities) == {"MZPO"} and ("introduces", "MZPO") in relations


def test_extraction_capitalised_adjectives_and_word_acronym_compounds(nlp):
    entities, relations = run(nlp, "Tags", "We fine-tune a LLaMA2-7B-Based model on image-QA data with Pruning-Aware Tuning.")
    assert "Llama-2-7B" in entities and ("builds_on", "Llama-2-7B") in relations
    assert not {name for name in entities if "QA" in name or "Aware" in name and name != "Pruning-Aware Tuning"}


def test_extraction_a_new_name_we_train_and_describe_is_introduced(nlp):
    _, relations = run(nlp, "Moves", "Using this approach, we create a new dataset to train ZetaMove, a model capable of edits. "
                                     "We train Llama 2, a model we like.")
    assert ("introduces", "ZetaMove") in relations and ("builds_on", "ZetaMove") not in relations
    assert ("builds_on", "Llama 2") in relations


def test_extraction_an_own_dataset_in_a_training_sentence_is_trained_on(nlp):
    _, relations = run(nlp, "ZetaInstruct: A Dataset for Code", "We introduce ZetaInstruct, a new instruction dataset. Results on "
                                                               "MMLU show gains achieved by SFT with ZetaInstruct.")
    assert ("trained_on", "ZetaInstruct") in relations and ("evaluated_on", "ZetaInstruct") not in relations
    assert ("evaluated_on", "MMLU") in relations


def test_extraction_an_own_test_split_named_beside_a_training_split_is_evaluated_on(nlp):
    _, relations = run(nlp, "ZetaAgent: embodied questions", "We collect the ZetaRoom dataset, divided into a training set "
                                                             "ZetaRoom-Train, and two test sets ZetaRoom-Seen and ZetaRoom-Unseen. "
                                                             "Experiments on ZetaRoom-Seen show that ZetaAgent improves.")
    assert ("evaluated_on", "ZetaRoom-Seen") in relations and ("trained_on", "ZetaRoom-Seen") not in relations


def test_extraction_benchmarks_after_our_name_and_on_are_not_ours(nlp):
    _, relations = run(nlp, "ZetaSeg: fast 3D segmentation", "We validate our ZetaSeg on two benchmarks, ZetaRooms and "
                                                             "ZetaHalls, under two scenarios.")
    assert ("evaluated_on", "ZetaRooms") in relations and ("introduces", "ZetaRooms") not in relations
    assert ("introduces", "ZetaHalls") not in relations


def test_extraction_a_name_after_named_takes_the_kind_of_the_phrase_head(nlp):
    entities, _ = run(nlp, "Chem", "The key is a high-quality dataset for instruction tuning named ZetaInstruct. It has a rich "
                                   "dataset of long videos named ZetaVid, and a model named ZetaLM. The ZetaA, ZetaB, and "
                                   "ZetaC datasets help.")
    assert entities["ZetaInstruct"].kind == entities["ZetaVid"].kind == "Dataset"
    assert entities["ZetaLM"].kind == "Model" and entities["ZetaA"].kind == "Dataset"


def test_extraction_slogan_titles_renamed_models_and_bracketed_size_lists(nlp):
    entities, relations = run(nlp, "Beyond LoRA: Task-Aware Cache Compression", "We study it.")
    assert not {r for r in relations if r[0] == "introduces"}
    _, relations = run(nlp, "Zeta", "We adapted Llama 2 and renamed it ZetaLlama-Med.")
    assert ("introduces", "ZetaLlama-Med") in relations
    entities, _ = run(nlp, "A series", "This series includes three models: Llama-2-(7B/13B/70B).")
    assert {"Llama-2-7B", "Llama-2-13B", "Llama-2-70B"} <= set(entities)


def test_extraction_facilitated_by_and_training_with_a_method_build_on_it(nlp):
    _, relations = run(nlp, "Zeta", "We show that policies gain statefulness through a formulation facilitated by LoRA. "
                                    "We devise ZetaSel by training the model with Grouped-Query Attention over our data.")
    assert {("builds_on", "LoRA"), ("builds_on", "Grouped-Query Attention")} <= relations


def test_extraction_a_name_called_new_right_after_is_introduced(nlp):
    _, relations = run(nlp, "Zeta", "We propose to fix these issues by ZetaNet, a new reconstruction model. We also "
                                    "introduce ZFP (Zeta and Fast Pruning), a novel framework.")
    assert ("introduces", "ZetaNet") in relations
    assert not {r for r in relations if r[1] == "Fast Pruning"}


def test_extraction_a_mentioned_name_inside_an_introduced_name_is_built_on(nlp):
    _, relations = run(nlp, "VL-LoRA: Exploring Adapters for Vision", "Low-rank adapters such as LoRA are cheap. We propose VL-LoRA.")
    assert ("builds_on", "LoRA") in relations
    _, relations = run(nlp, "VL-LoRA: Exploring Adapters for Vision", "We propose VL-LoRA for images.")
    assert not {r for r in relations if r[0] == "builds_on"}  # LoRA only inside the name is no mention
    # a hyphenated name inside a hyphenated one: "RT-K-Net" and K-Net
    _, relations = run(nlp, "Fast-Q-Former: Revisiting the Q-Former", "We revisit the Q-Former and propose Fast-Q-Former.")
    assert ("builds_on", "Q-Former") in relations


def test_extraction_a_bracket_closes_before_a_dash(nlp):
    entities, relations = run(nlp, "Zeta", "Transformer-based diffusion models (Llama 2)—the preferred kind—and (LoRA)-based "
                                           "tuning help. We propose ZetaNet, a model based on Llama 2.")
    assert {"Llama 2", "LoRA", "ZetaNet"} == set(entities)


def test_extraction_a_known_name_standing_for_an_indefinite_kind_phrase_is_introduced(nlp):
    _, relations = run(nlp, "Open chat models", "We introduce a family of open chat models, Llama 2, which rivals closed ones.")
    assert ("introduces", "Llama 2") in relations
    _, relations = run(nlp, "Open chat models", "To this end, we train a 70B chat model Llama 2, which rivals closed ones.")
    assert ("introduces", "Llama 2") in relations
    _, relations = run(nlp, "Zeta", "We fine-tune a pretrained model, Llama 2, which is open, and propose ZetaTune.")
    assert ("introduces", "ZetaTune") in relations and ("introduces", "Llama 2") not in relations


def test_extraction_bare_sizes_listed_with_an_introduced_model_are_its_sizes(nlp):
    entities, relations = run(nlp, "Zeta", "We present ZetaLM, an open model. ZetaLM (7B and 13B parameters) outperforms "
                                           "larger models.")
    assert {("introduces", "ZetaLM-7B"), ("introduces", "ZetaLM-13B")} <= relations
    assert entities["ZetaLM-7B"].family == "ZetaLM"
    # Sizes of another model, or amounts of data, are not the paper's models.
    _, relations = run(nlp, "Zeta", "We present ZetaGuard. We release models of different scales (1B, 3B) of ZetaGuard.")
    assert {("introduces", "ZetaGuard-1B"), ("introduces", "ZetaGuard-3B")} <= relations
    _, relations = run(nlp, "Zeta", "We develop ZetaCam models based on LLMs of different sizes (4B, 9B).")
    assert {r for r in relations if r[0] == "introduces"} == {("introduces", "ZetaCam")}
    entities, relations = run(nlp, "Zeta", "We present ZetaLM. We tune Llama 2 at 7B and 13B scales on 2B and 5B tokens.")
    assert {r for r in relations if r[0] == "introduces"} == {("introduces", "ZetaLM")}
    assert "ZetaLM-2B" not in entities


def test_extraction_we_then_a_past_creation_verb_introduces(nlp):
    _, relations = run(nlp, "Zeta", "To this end, we first curated the ZetaEdit dataset using a new pipeline. We also "
                                    "compile the ZetaMix dataset with 10k samples.")
    assert {("introduces", "ZetaEdit"), ("introduces", "ZetaMix")} <= relations
    _, relations = run(nlp, "Zeta", "Models later curated the ZetaEdit dataset. We propose ZetaNet.")
    assert ("introduces", "ZetaEdit") not in relations and ("introduces", "ZetaNet") in relations


def test_extraction_part_of_a_long_form_is_no_mention_of_a_title_phrase(nlp):
    entities, relations = run(nlp, "Taming Hallucination with Head Divergence",
                              "We introduce Visual Head Divergence (VHD), a new decoding method.")
    assert "Head Divergence" not in entities
    assert ("introduces", "VHD") in relations


def test_extraction_a_size_letter_makes_a_variant_and_a_model(nlp):
    entities, relations = run(nlp, "Zeta", "We propose ZetaDet, a new detection method. ZetaDet-S and ZetaDet-L are faster "
                                           "than all prior detection methods.")
    assert entities["ZetaDet"].kind == "Method"
    assert entities["ZetaDet-S"].kind == "Model" and entities["ZetaDet-S"].family == "ZetaDet"
    assert ("introduces", "ZetaDet-L") in relations


def test_extraction_a_word_coined_as_the_acronym_of_our_lowercase_method_is_introduced(nlp):
    _, relations = run(nlp, "Zeta", "Inspired by LoRA, we propose context-aware biases for length extrapolation (Cable), "
                                    "which learns biases per head. Cable extrapolates well.")
    assert ("introduces", "Cable") in relations
    entities, _ = run(nlp, "Zeta", "Results on context-aware biases for length extrapolation (Cable) were poor.")
    assert "Cable" not in entities


def test_extraction_a_plain_word_an_appositive_calls_a_benchmark_is_one(nlp):
    entities, relations = run(nlp, "Zeta", "We propose ZetaNet and evaluate it using Kalahari - a broad benchmark curated "
                                           "from public data. In Africa, a continent of many languages, data are scarce.")
    assert entities["Kalahari"].kind == "Benchmark" and ("evaluated_on", "Kalahari") in relations
    assert "Africa" not in entities


def test_extraction_a_metric_on_a_benchmark_is_an_evaluation(nlp):
    _, relations = run(nlp, "Zeta", "We propose ZetaNet. ZetaNet is twice as fast at a similar AP on MMLU.")
    assert ("evaluated_on", "MMLU") in relations


def test_extraction_a_known_name_glued_into_an_introduced_one_is_built_on(nlp):
    _, relations = run(nlp, "ZetaLoRA: Tensor Adapters", "Adapters such as LoRA are cheap. We introduce ZetaLoRA, which "
                                                         "stacks LoRA updates.")
    assert ("builds_on", "LoRA") in relations
    _, relations = run(nlp, "ZetaLoRA: Tensor Adapters", "We introduce ZetaLoRA for images.")
    assert ("introduces", "ZetaLoRA") in relations and not {r for r in relations if r[0] == "builds_on"}


def test_extraction_a_new_version_of_a_hyphenated_name_builds_on_the_old_one(nlp):
    _, relations = run(nlp, "ZetaNet-Adapter V2: Visual Tuning", "The recent ZetaNet-Adapter reads images poorly. "
                                                               "In this paper, we present ZetaNet-Adapter V2, a visual model.")
    assert ("introduces", "ZetaNet-Adapter V2") in relations and ("builds_on", "ZetaNet-Adapter") in relations


def test_extraction_a_long_list_of_new_names_is_introduced_to_its_end(nlp):
    _, relations = run(nlp, "Zeta", "To address this, we introduce a suite of five Hindi evaluation benchmarks: "
                                    "ZetaA-Hi, ZetaB-Hi, ZetaC-Hi, ZetaD-Hi, and ZetaE-Hi.")
    assert {name for relation, name in relations if relation == "introduces"} == {f"Zeta{x}-Hi" for x in "ABCDE"}


def test_extraction_a_known_dataset_the_text_calls_a_benchmark_is_one_there(nlp):
    for text in ("We evaluate ZetaNet on the Pile benchmark.", "We evaluate ZetaNet on benchmarks such as The Pile and MMLU."):
        entities, _ = run(nlp, "Zeta", text)
        assert entities["The Pile"].kind == "Benchmark", text
    entities, _ = run(nlp, "Zeta", "We train ZetaNet on the Pile and test it on the MMLU dataset.")
    assert entities["The Pile"].kind == "Dataset" and entities["MMLU"].kind == "Benchmark"


def test_extraction_medium_is_a_named_size(nlp):
    entities, relations = run(nlp, "Zeta", "We propose ZetaBias. A Llama 2 Medium (334M parameters) with ZetaBias beats "
                                           "a Llama 2 Large.")
    assert entities["Llama-2-Medium"].family == "Llama 2" and "Llama-2-Large" in entities


def test_extraction_this_study_introduces(nlp):
    _, relations = run(nlp, "Zeta", "This study introduces ZetaLoRA, a simple aggregation scheme for LoRA.")
    assert ("introduces", "ZetaLoRA") in relations
    entities, _ = run(nlp, "Zeta", "This study introduces Taiwanese Hokkien and Traditional Mandarin Chinese speech.")
    assert entities == {}


def test_extraction_a_size_right_before_an_introduced_name_is_its_size(nlp):
    _, relations = run(nlp, "Zeta", "We propose ZetaPRM, a reward model. The 7B ZetaPRM outperforms Llama 2.")
    assert ("introduces", "ZetaPRM-7B") in relations
    _, relations = run(nlp, "Zeta", "We propose ZetaPRM, a reward model, and tune a 7B Llama 2 with it.")
    assert not {r for r in relations if r[1].endswith("-7B") and r[0] == "introduces"}


def test_extraction_a_letter_with_a_count_in_an_acronym_stands_for_that_many_words():
    assert best_long_form("A3", "we present Android Agent Arena".split()) == 2
    assert best_long_form("M2R2", "we introduce Mixture of Multi-rate Residuals".split()) == 2
    assert best_long_form("G2ConS", "we propose Graph-Guided Concept Selection".split()) == 2


def test_extraction_an_x_in_an_acronym_may_stand_for_cross():
    assert best_long_form("X-KDE", "we propose Cross-Lingual Knowledge Democracy Edit".split()) == 2
    assert best_long_form("XNLI", "the Cross-lingual Natural Language Inference".split()) == 1
    assert best_long_form("MHA2MLA", "from MHA to MLA".split()) is None  # a "2" read "to" counts nothing


def test_extraction_a_name_then_its_long_form_in_brackets_is_one_entity():
    # (the shortest match would start at "Two-Stage", whose "Stage" opens with an S too)
    nlp = nlp_with({"id": "setr", "name": "SETR", "type": "Model"})
    entities, relations = run(nlp, "Retrieval", "To address these issues, we propose SETR (Semantic-enhanced Two-Stage "
                                                "Retrieval).")
    assert set(entities) == {"SETR"} and ("introduces", "SETR") in relations


def test_extraction_an_acronym_may_open_with_the_digit_that_opens_its_long_form(nlp):
    assert best_long_form("4D-ViSM", "we propose a 4D View Synthesis Module".split()) == 3
    assert best_long_form("2D", "in two dimensions".split()) is None
    _, relations = run(nlp, "Zeta", "We then propose a 3D Zeta Synthesis Module (3D-ZSM) to render videos.")
    assert ("introduces", "3D-ZSM") in relations


def test_extraction_a_title_case_name_may_hold_a_lowercase_part_after_a_hyphen(nlp):
    _, relations = run(nlp, "Zeta", "Our strategy consists of two components: Layout-aware Pre-training and Layout-aware Supervised "
                                    "Fine-tuning.")
    assert {("introduces", "Layout-aware Pre-training"), ("introduces", "Layout-aware Supervised Fine-tuning")} <= relations


def test_extraction_an_appositive_spelling_out_a_name_is_its_long_form(nlp):
    entities, relations = run(nlp, "Zeta", "We propose ZoDA, a Zone-oriented Decomposition Adaptation method for LoRA.")
    assert set(entities) == {"ZoDA", "LoRA"}
    assert "Zone-oriented Decomposition Adaptation" in entities["ZoDA"].surfaces


def test_extraction_a_name_before_a_kind_word_and_an_appositive_name_is_a_modifier(nlp):
    _, relations = run(nlp, "Zeta", "Personalized zeta learning (PZL) is hard. This paper proposes a novel PZL method, "
                                    "Class-wise Zeta Averaging (cwZA), that averages adapters.")
    assert ("introduces", "cwZA") in relations and not {r for r in relations if r[1] == "PZL"}


def test_extraction_a_title_in_capitals_gives_no_names_by_shape(nlp):
    entities, _ = run(nlp, "LANGUAGE BIAS IN SELF-SUPERVISED LEARNING FOR AUTOMATIC SPEECH RECOGNITION",
                      "We prune Llama 2 to study the bias.")
    assert set(entities) == {"Llama 2"}


def test_extraction_a_short_form_glued_from_word_starts_is_an_acronym():
    assert best_long_form("AdaCache", "a method termed Adaptive Caching".split()) == 3
    assert best_long_form("AdaCache", "a method termed Adaptive Pruning".split()) is None


def test_extraction_an_opening_participle_whose_subject_is_us_introduces(nlp):
    _, relations = run(nlp, "Zeta", "By introducing Zeta Mamba (ZuM), the first attention-free audio model, we answer this.")
    assert ("introduces", "Zeta Mamba") in relations
    _, relations = run(nlp, "Zeta", "Introducing Zeta Mamba (ZuM) made audio models cheaper for everyone.")
    assert not {r for r in relations if r[0] == "introduces"}


def test_extraction_a_mentioned_name_inside_an_introduced_long_form_is_built_on(nlp):
    _, relations = run(nlp, "Zeta", "Adapters such as LoRA are cheap. We propose Zeta Sparse LoRA (ZSL), which prunes adapters.")
    assert ("builds_on", "LoRA") in relations


def test_extraction_a_dataset_made_with_a_new_model_is_trained_on(nlp):
    _, relations = run(nlp, "Zeta", "We curate ZetaSet, a new dataset of charts. With it we develop ZetaLLaVA, a new model "
                                    "that beats Llama 2.")
    assert ("trained_on", "ZetaSet") in relations
    _, relations = run(nlp, "Zeta", "We curate ZetaSet, a new dataset of charts, to study how models read them.")
    assert ("introduces", "ZetaSet") in relations and ("trained_on", "ZetaSet") not in relations


def test_extraction_numbered_items_after_our_design_words_are_introduced(nlp):
    _, relations = run(nlp, "Zeta", "Our approach introduces three key innovations: (1) a Zeta Scene Parser (ZSP) that "
                                    "splits text, (2) a Zeta Spatial Attention (ZSA) that keeps coherence, and (3) a Zeta "
                                    "Video Refiner (ZVR) module.")
    assert {("introduces", "ZSP"), ("introduces", "ZSA"), ("introduces", "ZVR")} <= relations


def test_extraction_numbered_parts_our_work_counts_are_introduced_and_findings_are_not(nlp):
    _, relations = run(nlp, "Zeta", "We introduce two key mechanisms to speed up search: 1) Early-stopped Zeta Probing, "
                                    "which prunes paths; and 2) Gradual Reward Shaping, which keeps training stable.")
    assert {("introduces", "Early-stopped Zeta Probing"), ("introduces", "Gradual Reward Shaping")} <= relations
    _, relations = run(nlp, "Zeta", "Our study gives two key insights: (1) Bilingual ZPT helps classification; (2) "
                                    "Gradual Reward Shaping hurts generation.")
    assert not {r for r in relations if r[0] == "introduces"}
    _, relations = run(nlp, "Zeta", "We propose ZetaSearch, a framework. It incorporates two key strategies: (1) "
                                    "Answer-Clustered Zeta Search, which groups paths, and (2) Checkpoint Zeta Augmentation.")
    assert {("introduces", "Answer-Clustered Zeta Search"), ("introduces", "Checkpoint Zeta Augmentation")} <= relations
    _, relations = run(nlp, "Zeta", "We develop a ZEG decoding model trained with both contrastive and regression "
                                    "objectives and consisting of three modules: i) embeddings from the image, ii) a ZEG "
                                    "module trained end-to-end and iii) a generator.")
    assert not {r for r in relations if r[0] == "introduces"}  # an undefined acronym's part is no name of ours


def test_extraction_a_name_ending_in_an_introduced_name_is_introduced(nlp):
    _, relations = run(nlp, "Zeta", "We build ZetaMath, a new dataset. Fine-tuned on it, Llama-2-7B-ZetaMath beats GPT-4.")
    assert ("introduces", "Llama-2-7B-ZetaMath") in relations
    _, relations = run(nlp, "ZetaQA 2: Long Context", "Our Llama3-ZetaQA-2-70B beats GPT-4 on long inputs.")
    assert ("introduces", "Llama3-ZetaQA-2-70B") in relations


def test_extraction_a_data_name_the_paper_describes_in_an_appositive_is_introduced(nlp):
    _, relations = run(nlp, "Zeta", "This paper introduces ZetaLM, a model trained on ZetaIns, a diverse 6M instruction "
                                    "dataset spanning 39 languages.")
    assert ("introduces", "ZetaIns") in relations
    _, relations = run(nlp, "Zeta", "Prior models were trained on ZetaIns, a diverse instruction dataset.")
    assert ("introduces", "ZetaIns") not in relations


def test_extraction_new_names_an_introduced_system_comprises_are_introduced(nlp):
    _, relations = run(nlp, "Zeta", "We introduce ZetaButler, an integrated system comprising ZetaGPT and ZetaRAG.")
    assert {("introduces", "ZetaGPT"), ("introduces", "ZetaRAG")} <= relations
    assert not {r for r in relations if r[0] in ("builds_on", "compares_to")}


def test_extraction_tasks_a_paper_proposes_are_no_entities(nlp):
    entities, relations = run(nlp, "ZetaBench: Spatial Reasoning", "We propose four evaluation tasks: Pattern Prediction, "
                                                                   "Spatial Relationship Prediction, and Code Generation.")
    assert ("introduces", "ZetaBench") in relations
    assert set(entities) == {"ZetaBench"}


def test_extraction_a_number_with_a_degree_sign_is_no_version(nlp):
    entities, _ = run(nlp, "ZetaGS: Real-Time 360° Sparse View Synthesis", "We propose ZetaGS for sparse views.")
    assert set(entities) == {"ZetaGS"}
    entities, _ = run(nlp, "ZetaPano: Seamless 360 Degree Panoramic Generation", "We propose ZetaPano.")
    assert set(entities) == {"ZetaPano"}


def test_extraction_a_name_between_our_proposed_and_its_kind_word_is_introduced(nlp):
    _, relations = run(nlp, "A study", "Our proposed ZetaCoA framework combines tuning and search. The proposed ZAP "
                                       "method is evaluated on two tasks.")
    assert {("introduces", "ZetaCoA"), ("introduces", "ZAP")} <= relations
    entities, relations = run(nlp, "A study", "Results show that our proposed Blossomy model beats our English model.")
    assert ("introduces", "Blossomy") in relations
    assert set(entities) == {"Blossomy"}
    _, relations = run(nlp, "A study", "We address the issue with our novel ZetaRestore mechanism.")
    assert ("introduces", "ZetaRestore") in relations


def test_extraction_title_case_descriptions_and_properties_are_no_components(nlp):
    entities, _ = run(nlp, "A study", "We propose ZetaVL, a Resource-Efficient Development pipeline for video. To assess "
                                      "the Temporal Compositionality of video models, we build an Attention Decoder.")
    assert set(entities) == {"ZetaVL", "Attention Decoder"}


def test_extraction_a_title_case_task_or_metric_of_our_system_is_no_component(nlp):
    entities, _ = run(nlp, "A study", "We propose ZetaDoc, which runs an Optical Layout Recognition step and lowers "
                                      "the Mean Boundary Distance of every page.")
    assert set(entities) == {"ZetaDoc"}
    entities, _ = run(nlp, "ZetaSign: Signs", "Our Sign Language Translation model ZetaSign uses self-supervision.")
    assert set(entities) == {"ZetaSign"}  # the task before "model" is no name of ours


def test_extraction_a_name_of_one_lowercase_letter_and_capitals_is_a_name_but_units_are_not(nlp):
    _, relations = run(nlp, "On potentials", "The resulting model, xZNT, gains 2 dB and beats tZAG on mK tasks.")
    assert {("introduces", "xZNT"), ("compares_to", "tZAG")} <= relations
    assert not {name for _, name in relations} & {"dB", "mK"}


def test_extraction_words_of_a_title_set_in_capitals_are_no_names(shipped):
    entities, _ = run(shipped, "ZetaHand: BRIDGING THE SIMULATION GAP FOR Dexterous GRASPING", "We study ZetaHand.")
    assert set(entities) == {"ZetaHand"}
    entities, _ = run(shipped, "ZetaHand: Bridging the Gap for GRASPING", "We study ZetaHand with GRASPING.")
    assert "GRASPING" in entities  # (one word in capitals may be a name)


def test_extraction_a_new_name_ending_in_a_year_is_data_and_one_ending_in_a_version_a_model(nlp):
    entities, _ = run(nlp, "On skin", "We study ZetaDerm2019 and ZetaNet-2 closely.")
    assert (entities["ZetaDerm2019"].kind, entities["ZetaNet-2"].kind) == ("Dataset", "Model")


def test_extraction_a_noun_after_an_opening_phrase_does_not_type_the_name_in_it(shipped):
    # (the name's known part, a dataset, types it)
    entities, relations = run(shipped, "Occupancy", "On the ZetaOcc-nuScenes, the proposed method reaches 39.3 mIoU.")
    assert entities["ZetaOcc-nuScenes"].kind == "Dataset"
    assert ("evaluated_on", "ZetaOcc-nuScenes") in relations


def test_extraction_hardware_named_in_title_case_is_no_entity(nlp):
    entities, _ = run(nlp, "ZetaFlight: Fast Decoding", "Implemented on the Xilinx Alveo U280 FPGA, ZetaFlight is fast.")
    assert set(entities) == {"ZetaFlight"}


def test_extraction_a_new_name_that_will_be_released_is_introduced(nlp):
    _, relations = run(nlp, "A study", "The ZetaCell dataset will be publicly released upon publication.")
    assert ("introduces", "ZetaCell") in relations


def test_extraction_parts_of_our_own_system_are_introduced_but_not_field_acronyms(nlp):
    _, relations = run(nlp, "ZetaRA: Dense Retrieval", "ZetaRA consists of two pretext tasks: ZBAE (Zeta-Based "
                                                       "Auto-Encoding) and ZBAR (Zeta-Based Auto-Regression).")
    assert {("introduces", "ZBAE"), ("introduces", "ZBAR")} <= relations
    _, relations = run(nlp, "ZetaVet 2: Harder Tests", "Tests cover vision-language (VL) skills. We introduce ZetaVet 2, "
                                                       "which includes a new VL skill and the ZetaSeq suite.")
    assert ("introduces", "ZetaSeq") in relations
    assert not any(name == "VL" for _, name in relations)


def test_extraction_a_new_name_with_a_title_case_component_head_is_one_name(nlp):
    entities, relations = run(nlp, "ZetaDet: Small Objects", "ZetaDet comprises two modules: the ZetaLock-TS Attention "
                                                             "Module, which marries attention with gating, and a ZTC Block.")
    assert ("introduces", "ZetaLock-TS Attention Module") in relations
    assert "ZTC Block" in entities
    entities, _ = run(nlp, "Making Models Draw with ZetaSEED Tokenizer", "We introduce ZetaSEED, an image tokenizer.")
    assert "ZetaSEED Tokenizer" not in entities


def test_extraction_a_name_modifying_the_kind_word_before_our_new_name_is_not_introduced(nlp):
    _, relations = run(nlp, "A study", "We construct the first multi-granularity ZRS image-text dataset, ZetaRS-200k, "
                                       "with object-level captions.")
    assert ("introduces", "ZetaRS-200k") in relations
    assert not any(name == "ZRS" for _, name in relations)


def test_extraction_a_list_of_new_names_continues_past_bracketed_sizes(nlp):
    _, relations = run(nlp, "A study", "We release code and model checkpoints for Zeta-ORPO-A (7B) and Zeta-ORPO-B (7B).")
    assert {("introduces", "Zeta-ORPO-A"), ("introduces", "Zeta-ORPO-B")} <= relations


def test_extraction_outstripping_or_contrasting_a_name_compares_to_it(nlp):
    _, relations = run(nlp, "ZetaRet: Dense Retrieval", "ZetaRet outstrips supervised counterparts like ZetaANCE. In "
                                                        "contrast to the pruning used in ZetaNeRF, our densification is faster.")
    assert {("compares_to", "ZetaANCE"), ("compares_to", "ZetaNeRF")} <= relations


def test_extraction_training_data_ends_before_the_results_and_assessing_evaluates(nlp):
    _, relations = run(nlp, "ZetaSeq: Dense Captions", "ZetaSeq pretrained on the ZetaTemporal-1B dataset improves the state "
                                                       "of the art on captioning benchmarks including ZetaCook2. We assess "
                                                       "ZetaSeq on ZetaMoCap data. The model achieved 67.6% MMLU.")
    assert {("trained_on", "ZetaTemporal-1B"), ("evaluated_on", "ZetaCook2"), ("evaluated_on", "ZetaMoCap"),
            ("evaluated_on", "MMLU")} <= relations
    assert ("trained_on", "ZetaCook2") not in relations


def test_extraction_a_list_after_a_kind_word_and_a_short_modifier_is_typed_by_it(nlp):
    entities, relations = run(nlp, "A study", "Experiments on datasets with more complex motions, such as ZCD1 and ZCD2, "
                                              "show that our method is robust.")
    assert entities["ZCD1"].kind == entities["ZCD2"].kind == "Dataset"
    assert {("evaluated_on", "ZCD1"), ("evaluated_on", "ZCD2")} <= relations


def test_extraction_a_rival_family_or_a_judge_named_with_based_is_not_built_on(nlp):
    _, relations = run(nlp, "ZetaGS: Sparse Views", "Our method outperforms ZetaNeRF-based methods by 15% in LPIPS. Our "
                                                    "metric avoids costly ZetaGPT-based evaluations. Our ZetaGS is "
                                                    "ZetaNeRF-based.")
    assert ("compares_to", "ZetaNeRF") in relations
    assert ("builds_on", "ZetaGPT") not in relations
    _, relations = run(nlp, "ZetaGS: Sparse Views", "Our method outperforms ZetaNeRF-based methods by 15% in LPIPS.")
    assert ("builds_on", "ZetaNeRF") not in relations


def test_extraction_an_acronym_inside_an_indefinite_noun_phrase_after_our_verb_is_not_introduced(nlp):
    entities, relations = run(nlp, "A study", "We propose a configurable sparse ZSP chain for speed.")
    assert "ZSP" not in entities
    _, relations = run(nlp, "A study", "Tasks need remote sensing (ZRS). We curate an ZRS instruction dataset, ZetaRS-Ins, "
                                       "with many samples.")
    assert ("introduces", "ZetaRS-Ins") in relations
    assert not any(name == "ZRS" for _, name in relations)
    _, relations = run(nlp, "A study", "We design a zeta ratio decay (ZRD) strategy for deep layers.")
    assert ("introduces", "ZRD") in relations


def test_extraction_a_metric_we_propose_introduces_nothing_after_it(nlp):
    entities, relations = run(nlp, "A study", "We propose an evaluation metric for Z2V and Z2VT summarization tasks.")
    assert not any(relation == "introduces" for relation, _ in relations)


def test_extraction_a_title_case_long_form_is_the_whole_capitalised_run(nlp):
    entities, relations = run(nlp, "A study", "This paper introduces the Spatial-Spectral Morphological Zamba (MorpZamba) "
                                              "model for hyperspectral images.")
    assert set(entities) == {"MorpZamba"}
    assert "Spatial-Spectral Morphological Zamba" in entities["MorpZamba"].surfaces
    assert ("introduces", "MorpZamba") in relations


def test_extraction_a_dataset_named_before_we_train_is_trained_on(nlp):
    _, relations = run(nlp, "A study", "Using the public ZetaWeb corpus, we pretrain a 1B model for medicine.")
    assert ("trained_on", "ZetaWeb") in relations


def test_extraction_our_pipeline_joining_two_of_our_names_is_no_new_name(nlp):
    _, relations = run(nlp, "A study", "We train a dense retriever (RepZeta) and a reranker (RankZeta). Our RepZeta-RankZeta "
                                       "pipeline is strong.")
    assert not any(name == "RepZeta-RankZeta" for _, name in relations)


def test_extraction_models_a_comparison_ran_with_are_no_rivals(nlp):
    _, relations = run(nlp, "A study", "Our method outperforms token pruning methods with ZetaVL-7B and ZetaVL-13B models. "
                                       "Compared with ZetaPrune, it is faster.")
    assert ("compares_to", "ZetaPrune") in relations
    assert not {("compares_to", "ZetaVL-7B"), ("compares_to", "ZetaVL-13B")} & relations


def test_extraction_plain_names_listed_with_a_known_one_before_benchmarks_are_benchmarks(nlp):
    entities, relations = run(nlp, "A study", "We run experiments across MMLU and Zadroit benchmarks, and on ZetaQA, "
                                              "Chart-to-zeta, and Olympia evaluation benchmarks.")
    assert {("evaluated_on", "Zadroit"), ("evaluated_on", "Chart-to-zeta"), ("evaluated_on", "Olympia")} <= relations
    assert entities["Zadroit"].kind == "Benchmark"
    entities, _ = run(nlp, "A study", "We survey Large Language Model benchmarks and Vision Language datasets.")
    assert not entities
    # a word opening the sentence before its comma starts no list: the new name uses the datasets
    entities, relations = run(nlp, "ZetaVid: A Video-LLM", "We introduce ZetaVid, a video LLM. Additionally, "
                                                           "ZetaVid utilizes diverse datasets to learn time.")
    assert set(entities) == {"ZetaVid"} and entities["ZetaVid"].kind == "Model"


def test_extraction_a_challenge_is_a_benchmark_but_not_a_known_benchmark_called_one(nlp):
    entities, relations = run(nlp, "A study", "Our framework outperforms the baseline on the ZOiCES Challenge 2019 set and "
                                              "is comparable on the MMLU challenge.")
    assert entities["ZOiCES Challenge 2019"].kind == "Benchmark"
    assert {("evaluated_on", "ZOiCES Challenge 2019"), ("evaluated_on", "MMLU")} <= relations
    assert "Challenge 2019" not in entities  # no name of its own
    # an edition of a known one, with its task, is a benchmark of its own
    entities, relations = run(nlp, "A study", "Our system ranks first at the MMLU Challenge 2023 Task 7.")
    assert set(entities) == {"MMLU Challenge 2023 Task 7"}
    assert ("evaluated_on", "MMLU Challenge 2023 Task 7") in relations


def test_extraction_a_title_case_component_after_an_adjective_and_its_kind_word_is_introduced(nlp):
    _, relations = run(nlp, "Zraken: Joint Prediction", "Zraken relies on a simple Greedy Zode Processing technique to "
                                                        "merge predictions.")
    assert ("introduces", "Greedy Zode Processing") in relations
    # up to five capitalised words, a lowercase part after a hyphen aside
    entities, relations = run(nlp, "Zraken: Change Detection", "We design a novel Coarse-grained Zone Augmented Spatial "
                                                               "Encoder module to merge features.")
    assert ("introduces", "Coarse-grained Zone Augmented Spatial Encoder") in relations


def test_extraction_the_head_a_naming_word_names_reads_past_a_phrase_and_a_group(nlp):
    entities, _ = run(nlp, "A study", "We develop a unified MLLM with the MoE architecture, named Zeta-MoE, for all "
                                      "modalities. We also train a series of models, named ZetaVE, for embeddings.")
    assert entities["Zeta-MoE"].kind == "Model"
    assert entities["ZetaVE"].kind == "Model"


def test_extraction_a_known_name_in_a_title_list_head_stays_known():
    from tests.conftest import TINY_KB_RECORDS
    from kg.linking.kb import KnowledgeBase

    zais = {"id": "zais", "name": "Zais", "type": "Model", "aliases": []}
    nlp = make_pipeline(KnowledgeBase.from_records([*TINY_KB_RECORDS, zais]), rules())
    found, hits = analyse(nlp, "Zais and Zais-chat: Arabic-Centric Open Models\nWe release Zais and Zais-chat.")
    assert sorted((e.name, e.kind) for e in found) == [("Zais", "Model"), ("Zais-chat", "Model")]
    assert all(e.kb_id == "zais" or e.family_kb_id == "zais" for e in found)


def test_extraction_sizes_of_our_models_are_models_and_ours_even_after_a_plural_name(nlp):
    entities, relations = run(nlp, "ZetaLLM: Language Model for Hindi", "We train ZetaLLM-Small and ZetaLLM-Medium.")
    assert entities["ZetaLLM-Medium"].kind == entities["ZetaLLM-Small"].kind == "Model"
    _, relations = run(nlp, "ZeaLLMs - Models for Southeast Asia", "We introduce ZeaLLMs. Our ZeaLLM-13b beats Llama 2.")
    assert ("introduces", "ZeaLLM-13b") in relations


def test_extraction_an_appositive_reads_through_a_based_compound(nlp):
    entities, _ = run(nlp, "ZetaGT: Learning Dynamic Scenes", "We propose ZetaGT, a 4D Gaussian-based Transformer model "
                                                            "for dynamic scenes, trained on monocular videos.")
    assert entities["ZetaGT"].kind == "Model"
    entities, _ = run(nlp, "A study", "We propose ZetaScore, a ZetaGPT-based metric for factuality.")
    assert "ZetaScore" not in entities


def test_extraction_a_name_ending_in_challenge_is_a_benchmark(nlp):
    entities, _ = run(nlp, "A study", "Our system ranked first in the ZetaIR 2025 LiveZeta Challenge.")
    assert entities["ZetaIR 2025 LiveZeta Challenge"].kind == "Benchmark"


def test_extraction_a_counted_list_after_a_comma_is_typed_by_its_kind_word(nlp):
    entities, relations = run(nlp, "A study", "Our method outperforms SOTA methods on four change detection datasets, "
                                              "Zevir-CD, ZHU-CD, ZLCD, and Z2Looking.")
    assert all(entities[n].kind == "Dataset" for n in ("Zevir-CD", "ZHU-CD", "ZLCD", "Z2Looking"))
    assert ("evaluated_on", "ZLCD") in relations
    entities, _ = run(nlp, "ZetaASR: Models", "We present ZetaASR. On public Mandarin benchmarks, ZetaASR-AED achieves a "
                                             "low error rate.")
    assert entities["ZetaASR-AED"].kind != "Benchmark"


def test_extraction_the_head_of_a_survey_title_is_its_topic_not_its_contribution(nlp):
    _, relations = run(nlp, "LoRA: Adapters and Their Uses, a Review", "We review adapter methods.")
    assert ("introduces", "LoRA") not in relations
    _, relations = run(nlp, "ZetaReviewer: Code Review Automation with LLMs", "We tune models for code review.")
    assert ("introduces", "ZetaReviewer") in relations


def test_extraction_a_title_in_capitals_names_only_a_one_word_head(nlp):
    entities, _ = run(nlp, "NON-REGISTRATION ZETA DETECTION: A NOVEL ZETA DETECTION TASK AND BENCHMARK DATASET",
                      "We introduce a new task.")
    assert not entities
    _, relations = run(nlp, "ZETANET: A NOVEL ZETA DETECTION MODEL FOR REMOTE SENSING IMAGES", "We propose it.")
    assert ("introduces", "ZETANET") in relations


def test_extraction_a_task_or_field_acronym_is_no_entity(nlp):
    entities, _ = run(nlp, "A study", "Automated Program Repair (APR) fixes bugs. We test ZetaFix on three APR benchmarks.")
    assert "APR" not in entities
    entities, _ = run(nlp, "A study", "Remote Sensing (RS) data is vast. ZetaMo learns from extensive RS data.")
    assert "RS" not in entities


def test_extraction_retrieval_augmented_generation_is_a_generic_technique(shipped):
    found, _ = analyse(shipped, "ZetaRAG: Better Retrieval\nRetrieval-Augmented Generation (RAG) grounds LLMs. We use RAG "
                            "with ZetaRAG.")
    assert [e.name for e in found] == ["ZetaRAG"]


def test_extraction_british_spellings_of_cue_verbs_are_cues(nlp):
    _, relations = run(nlp, "ZetaPrune: Sparse Models", "In this paper, we utilise Llama 2 to find sparse subnetworks.")
    assert ("builds_on", "Llama 2") in relations


def test_extraction_an_acronym_spelled_out_as_something_new_is_not_its_known_namesake():
    dit = {"id": "dit", "name": "DiT", "type": "Model", "aliases": ["Diffusion Transformer"]}
    nlp = nlp_with(dit)
    entities, relations = run(nlp, "Deep Instruction Tuning for Zeta Models", "We propose deep instruction tuning "
                                                                              "(DIT) for ZetaSeg. DIT improves ZetaSeg.")
    assert ("introduces", "DIT") in relations
    assert entities["DIT"].kind == "Method" and "DiT" not in entities
    entities, _ = run(nlp, "A Video Study", "We use a diffusion transformer (DiT) for video.")
    assert entities["DiT"].kind == "Model" and entities["DiT"].kb_id == "dit"


def test_extraction_gpu_and_tpu_names_are_hardware_not_entities(nlp):
    entities, _ = run(nlp, "ZetaMath", "We train ZetaMath on one RTX 3080 Ti, two L40S and TPU v5e pods.")
    assert set(entities) == {"ZetaMath"}


def test_extraction_a_capitalised_word_after_is_before_a_number_is_no_name(nlp):
    entities, _ = run(nlp, "ZetaVID: An Image is Worth 2 Tokens in Vision Models", "We propose ZetaVID.")
    assert set(entities) == {"ZetaVID"}


@pytest.mark.parametrize("title,abstract", [
    # task acronyms of incremental, zero-shot and fine-grained learning
    ("ZetaCL", "Deep Class-Incremental Learning (CIL) is hard, and so are Zero-Shot Learning (ZSL) and "
               "Compositional Zero-Shot Learning (CZSL)."),
    ("ZetaCL", "We test ZetaCL on a popular GZSL benchmark and the FSCIL benchmark."),
    # simultaneous translation
    ("ZetaCL", "Simultaneous machine translation (SiMT) lags. ZetaCL beats SimulMT and SimulST systems."),
    # imaging modalities, school grades, a kappa metric, averaged F1s, a standards body, PET and time-of-flight
    ("ZetaCL", "We present a novel approach to chest X-ray (CXR) image classification. ZetaCL is pre-trained on the "
               "largest GI endoscopy video dataset."),
    ("ZetaCL: K-12 Essays", "ZetaCL outperforms baseline models in essay scoring, as measured by Quadratic Weighted "
                            "Kappa (QWK)."),
    ("ZetaCL", "ZetaCL ranks first with a Macro-F1 of 35.7%, a Micro-F1 of 40.2% and an F1-macro above the "
               "Weighted-F1 of the baseline."),
    ("ZetaCL", "ZetaCL answers questions about 3GPP standards."),
    ("ZetaCL", "ZetaCL synthesises CT from Time-of-Flight (TOF) Non-Attenuation-Corrected PET, based on PET and TOF."),
    # a generic kind of network, however it is introduced
    ("ZetaCL", "We propose a deep neural network (DNN) with narrow-band blocks. The DNN is trained on speech."),
    # convolutional networks by another name, a task, a distance, a surgical robot, an imaging modality
    ("ZetaCL", "We propose ZetaCL, which replaces ConvNets for LTR and OpenQA, bounds the Wasserstein-2 distance, "
               "runs on the dVRK and denoises Cryo-ET tomograms."),
    # shape representations, problem classes and a field
    ("ZetaCL", "Modern Mixed Integer Linear Programming (MILP) solvers are slow, so we introduce an upstream-augmented "
               "MILP derivation procedure. By combining Signed Distance Function (SDF) supervision with rendering, "
               "ZetaCL learns meshes. Traditional Chinese Medicine (TCM) records and Model Predictive Control (MPC) "
               "help."),
    # body signals, a task by its acronym, a metric
    ("ZetaCL", "ZetaCL reads sEMG, HD-sEMG, BVP and CGM signals for HAR and MAPF, and is compared by AUC-PR."),
    # conferences and a task by its acronym
    ("ZetaCL", "ZetaCL, presented at Interspeech, ICASSP and MICCAI, reads HTR output."),
])
def test_extraction_stop_listed_tasks_metrics_and_bodies_are_no_entities(shipped, title, abstract):
    entities, _ = run(shipped, title, abstract)
    assert set(entities) == {"ZetaCL"}


def test_extraction_project_pages_and_the_acc_metric_are_stop_words(shipped):
    entities, _ = run(shipped, "ZetaVID", "We present ZetaVID, a novel Project Page. It lifts ACC over the "
                                          "Project Website.")
    assert set(entities) == {"ZetaVID"}


def test_extraction_a_sentence_opening_on_leveraging_tells_of_our_work(nlp):
    _, relations = run(nlp, "ZetaMIL: Slide Classification", "By leveraging recent foundation models such as Llama 2, "
                                                              "the accuracy of slide classifiers can be raised.")
    assert ("builds_on", "Llama 2") in relations
    _, relations = run(nlp, "ZetaMIL: Slide Classification", "The accuracy of slide classifiers can be raised by "
                                                              "leveraging foundation models such as Llama 2.")
    assert ("builds_on", "Llama 2") not in relations


def test_extraction_part_of_a_long_form_in_brackets_after_its_name_is_no_mention():
    nouad = {"id": "nouad", "name": "Nouad", "type": "Model", "aliases": []}
    nlp = nlp_with(nouad)
    entities, relations = run(nlp, "Nouad: Neural Optical Understanding for Academic Documents",
                              "We propose Nouad (Neural Optical Understanding for Academic Documents), a model for "
                              "reading scientific papers.")
    assert ("introduces", "Nouad") in relations
    assert set(entities) == {"Nouad"}


def test_extraction_another_casing_of_a_known_name_in_the_paper_is_that_name():
    zeta = {"id": "ze-math", "name": "Ze-Math", "type": "Benchmark", "aliases": []}
    nlp = nlp_with(zeta)
    entities, relations = run(nlp, "Ze-Math: Does Your Model Reason?",
                              "We introduce ZE-MATH, the first benchmark of its kind. With ZE-MATH, we evaluate models.")
    assert set(entities) == {"Ze-Math"}
    assert ("evaluated_on", "Ze-Math") in relations


def test_extraction_the_model_our_method_enhances_is_a_base_and_a_rival(nlp):
    _, relations = run(nlp, "ZetaMoE: Better Experts", "Experiments show that ZetaMoE can consistently enhance "
                                                       "Llama 2's reasoning capability.")
    assert {("builds_on", "Llama 2"), ("compares_to", "Llama 2")} <= relations
    _, relations = run(nlp, "ZetaStar: Better Search", "Our method improves the reasoning abilities of open-source "
                                                       "models, such as Llama 2, on math.")
    assert ("builds_on", "Llama 2") in relations


def test_extraction_a_participle_after_a_comma_shares_our_subject(nlp):
    _, relations = run(nlp, "Zower: An Open Model", "We perform continued pretraining on a multilingual mixture of "
                                                    "monolingual and parallel data, creating ZowerBase, followed by "
                                                    "finetuning on translation instructions, creating ZowerInstruct.")
    assert {("introduces", "ZowerBase"), ("introduces", "ZowerInstruct")} <= relations
    assert ("builds_on", "ZowerInstruct") not in relations


def test_extraction_a_language_before_generic_terms_is_no_name(nlp):
    entities, relations = run(nlp, "Benchmarking Hindi Models", "We introduce a suite of Hindi LLM evaluation "
                                                                "datasets: ZetaQA-Hi, ZetaMath-Hi and ZetaCode-Hi.")
    assert "Hindi LLM" not in entities
    assert {("introduces", "ZetaQA-Hi"), ("introduces", "ZetaCode-Hi")} <= relations


def test_extraction_the_name_a_paper_gives_a_task_is_no_entity(nlp):
    entities, relations = run(nlp, "ZetaFlow: 4D Worlds", "We tackle a practical task, which we termed as AnyZeta4D: "
                                                          "one video is given. We introduce ZetaFlow, a new framework.")
    assert "AnyZeta4D" not in entities
    assert ("introduces", "ZetaFlow") in relations
    _, relations = run(nlp, "ZetaFlow: 4D Worlds", "We introduce a new framework, which we termed ZetaFlow.")
    assert ("introduces", "ZetaFlow") in relations


def test_extraction_a_lettered_version_of_a_known_benchmark_is_its_own_entity(nlp):
    entities, relations = run(nlp, "ZetaFix: Repair", "ZetaFix is evaluated on MMLU v2 and beats Llama 2 v2.")
    assert entities["MMLU v2"].kind == "Benchmark" and "MMLU" not in entities
    assert ("evaluated_on", "MMLU v2") in relations


def test_extraction_a_known_name_after_the_known_name_the_title_introduces_is_the_papers_own():
    nlp = nlp_with({"id": "zetachat", "name": "ZetaChat", "type": "Model", "aliases": []},
                   {"id": "zetachat-1k", "name": "ZetaChat-1K", "type": "Benchmark", "aliases": []})
    _, relations = run(nlp, "ZetaChat: Long Video Understanding", "ZetaChat is state of the art, along with the "
                                                                  "released ZetaChat-1K benchmark of long videos.")
    assert {("introduces", "ZetaChat"), ("introduces", "ZetaChat-1K")} <= relations
    _, relations = run(nlp, "A Study of Long Videos", "We test ZetaChat on the ZetaChat-1K benchmark.")
    assert ("introduces", "ZetaChat-1K") not in relations


def test_extraction_namely_lists_known_names_without_introducing_them(nlp):
    _, relations = run(nlp, "ZetaMath: Better Math", "We test ZetaMath on two benchmarks, namely MMLU and ZetaSet.")
    assert ("introduces", "MMLU") not in relations and ("evaluated_on", "MMLU") in relations
    _, relations = run(nlp, "A Math Study", "We build a new benchmark, namely ZetaSet.")
    assert ("introduces", "ZetaSet") in relations


def test_extraction_a_model_fine_tuned_on_our_data_is_a_base_even_when_compared(nlp):
    _, relations = run(nlp, "ZetaNav: Browser Agents", "We introduce ZetaNav. Llama 2 finetuned on 5k ZetaNav "
                                                       "demonstrations gains 12 points over zero-shot Llama 2.")
    assert {("builds_on", "Llama 2"), ("compares_to", "Llama 2")} <= relations


def test_extraction_a_long_form_starts_at_the_start_of_a_hyphenated_word(nlp):
    entities, relations = run(nlp, "A study",
                              "We propose Agent-aware Token Routing (ATR), a routing framework for agents.")
    assert set(entities) == {"ATR"}
    assert "Agent-aware Token Routing" in entities["ATR"].surfaces
    assert ("introduces", "ATR") in relations


def test_extraction_a_listed_term_with_a_version_and_named_hardware_are_no_entities():
    entities, _ = run(nlp_with(stoplist=["Apache"]), "ZetaLM: A Small Model", "We release ZetaLM under the Apache 2.0 license. Decoding "
                                                    "runs on one core of a Xeon Gold 6430 and is bound by PCIe "
                                                    "bandwidth.")
    assert set(entities) == {"ZetaLM"}


def test_extraction_a_name_after_a_prepositional_phrase_ending_in_a_kind_word_keeps_its_kind(nlp):
    entities, relations = run(nlp, "ZetaDrive: Local Planning", "We propose ZetaDrive, a planner. Notably, on the "
                                                               "robustness-focused Adv-Zeta dataset, ZetaDrive "
                                                               "achieves even greater improvements.")
    assert entities["ZetaDrive"].kind == "Method"
    assert ("evaluated_on", "ZetaDrive") not in relations


def test_extraction_a_plural_acronym_of_a_title_case_kind_is_generic_unless_known():
    nlp = nlp_with({"id": "zeta-spectrogram-transformer", "name": "Zeta Spectrogram Transformer", "type": "Model"})
    entities, _ = run(nlp, "A study", "Weather Foundation Models (WFMs) forecast well. Zeta Spectrogram "
                                      "Transformers (ZSTs) classify audio.")
    assert set(entities) == {"Zeta Spectrogram Transformer"}
    assert "ZSTs" in entities["Zeta Spectrogram Transformer"].surfaces


def test_extraction_a_size_glued_to_a_new_name_makes_it_a_model(nlp):
    entities, _ = run(nlp, "A study", "Our model is on par with ZetaLM1.3B in speed.")
    assert entities["ZetaLM1.3B"].kind == "Model"


def test_extraction_a_lowercase_name_the_titled_system_is_said_to_use_namely_is_introduced(nlp):
    _, relations = run(nlp, "ZetaGen: One Model for All", "We introduce ZetaGen, a multimodal model. ZetaGen "
                                                           "is trained with a novel mechanism, namely "
                                                           "staged token unlocking.")
    assert ("introduces", "staged token unlocking") in relations


def test_extraction_a_building_block_named_without_a_cue_is_built_on(nlp):
    _, relations = run(nlp, "ZetaAVSR: Audio-Visual Speech Recognition", "ZetaAVSR keeps both encoders frozen; only "
                                                                        "the projectors and LoRA modules are "
                                                                        "trained.")
    assert ("builds_on", "LoRA") in relations
    _, relations = run(nlp, "ZetaTune: Cheap Tuning", "Our method beats LoRA on every task.")
    assert ("builds_on", "LoRA") not in relations


def test_extraction_a_dataset_data_was_extracted_from_is_not_evaluated_on():
    nlp = nlp_with({"id": "zeta-crawl", "name": "ZetaCrawl", "type": "Dataset"},
                   {"id": "zeta-qa", "name": "ZetaQA", "type": "Benchmark"})
    _, relations = run(nlp, "A study", "We present a new corpus including documents extracted from ZetaCrawl, "
                                       "and results including ZetaQA.")
    assert ("evaluated_on", "ZetaCrawl") not in relations
    assert ("evaluated_on", "ZetaQA") in relations


def test_extraction_data_a_new_benchmark_is_derived_from_or_based_on_is_not_evaluated_on():
    nlp = nlp_with({"id": "zeta-drive", "name": "ZetaDrive", "type": "Dataset"},
                   {"id": "zeta-city", "name": "ZetaCity", "type": "Dataset"},
                   {"id": "zeta-rooms", "name": "ZetaRooms", "type": "Dataset"},
                   {"id": "zeta-qa", "name": "ZetaQA", "type": "Benchmark"})
    _, relations = run(nlp, "A study", "We build two benchmarks derived from the ZetaDrive and the ZetaCity datasets. "
                                       "We also constructed a dataset based on ZetaRooms, and evaluate on ZetaQA.")
    assert not {("evaluated_on", "ZetaDrive"), ("evaluated_on", "ZetaCity"),
                ("evaluated_on", "ZetaRooms")} & relations
    assert ("evaluated_on", "ZetaQA") in relations


def test_extraction_a_dataset_that_does_the_improving_is_not_evaluated_on():
    nlp = nlp_with({"id": "zeta-mix", "name": "ZetaMix", "type": "Dataset"},
                   {"id": "zeta-qa", "name": "ZetaQA", "type": "Benchmark"})
    _, relations = run(nlp, "A study", "Fine-tuned models show it: ZetaMix consistently boosts accuracy, and results "
                                       "on ZetaQA achieve 40%.")
    assert ("evaluated_on", "ZetaMix") not in relations
    assert ("evaluated_on", "ZetaQA") in relations


def test_extraction_an_acronym_with_the_head_noun_of_its_long_form_is_one_entity(nlp):
    entities, _ = run(nlp, "A study", "Our planner adds the Focal-Zeta-Agents Loss (FZA Loss). FZA Loss weighs agents.")
    assert set(entities) == {"FZA Loss"}
    assert "Focal-Zeta-Agents Loss" in entities["FZA Loss"].surfaces
