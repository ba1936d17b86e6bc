"""Word lists the extractor consults, loaded from ``ontology/`` data files: ``generic_words.txt``,
``cues.json``, ``words.json`` and the learned ``kind_model.json`` and ``relation_model.json``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.names import BENCHMARK, DATASET, METHOD, MODEL
from kg.resources import ontology_dir

if TYPE_CHECKING:
    from kg.nlp.kind_model import KindModel
    from kg.nlp.relation_model import RelationModel

__all__ = ["METRIC", "QUOTES", "Lexicon", "load_lexicon", "word_list", "kind_word_lists", "kind_word", "head_kind",
           "is_survey_title"]

#: Not an entity kind: the kind a name gets from "the X metric" (the guideline annotates no metrics).
METRIC = "Metric"
#: Quote characters that may stand around a name: "the "LongQA" benchmark".
QUOTES = "\"“”‘’'`"


@dataclass(frozen=True)
class Lexicon:
    """Generic vocabulary (``generic_words.txt``), relation cue patterns (``cues.json``) and the
    models that have the last word on the kind of a new name (``kind_model.json``) and on the
    paper's names and relations (``relation_model.json``); None: the rules' stand."""

    generic_words: frozenset[str]
    cues: tuple[dict, ...]
    kind_model: KindModel | None = None
    relation_model: RelationModel | None = None


def _words(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


@cache
def load_lexicon(folder: Path | None = None) -> Lexicon:
    folder = folder or ontology_dir()
    from kg.nlp.kind_model import load_kind_model  # (they read this module's word lists)
    from kg.nlp.relation_model import load_relation_model

    cues = json.loads((folder / "cues.json").read_text(encoding="utf-8"))["cues"]
    return Lexicon(_words(folder / "generic_words.txt"), tuple(cues), load_kind_model(folder / "kind_model.json"),
                   load_relation_model(folder / "relation_model.json"))


@cache
def _word_lists() -> dict:
    return json.loads((ontology_dir() / "words.json").read_text(encoding="utf-8"))


def word_list(name: str) -> frozenset[str]:
    """The word list ``name`` of ``ontology/words.json``."""
    return frozenset(_word_lists()[name])


def kind_word_lists(name: str) -> dict[str, frozenset[str]]:
    """The per-kind word lists ``name`` of ``ontology/words.json`` (kind -> words)."""
    return {kind: frozenset(ws) for kind, ws in _word_lists()[name].items()}


@cache
def _kind_by_word() -> dict[str, str]:
    kinds = kind_word_lists("kind_words")
    # (a word listed under two kinds keeps the first of Benchmark, Dataset, Model, Method, Metric)
    return {w: kind for kind in (METRIC, METHOD, MODEL, DATASET, BENCHMARK) for w in kinds[kind]}


def kind_word(lower: str) -> str | None:
    """The kind a lowercase head word names ("benchmark" -> Benchmark, "metric" -> METRIC), or None."""
    return _kind_by_word().get(lower)


_EVALUATION_MODIFIERS = word_list("evaluation_modifiers")


def head_kind(before: str, lower: str) -> str | None:
    """The kind a head word names after the word ``before`` it: a dataset made to evaluate is a
    benchmark ("an evaluation dataset", "three test datasets"); "a data set" is a dataset."""
    if before == "data" and lower in ("set", "sets"):
        return DATASET
    kind = kind_word(lower)
    return BENCHMARK if kind == DATASET and before in _EVALUATION_MODIFIERS else kind


_SURVEY_TITLE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:survey|review|overview)\b(?!-)", re.IGNORECASE)


def is_survey_title(text: str) -> bool:
    """Whether a title names a survey: "A Survey of ...", "Gaussian Splatting: ..., a Review" (not
    "A Review-Driven Method")."""
    return _SURVEY_TITLE.search(text) is not None
