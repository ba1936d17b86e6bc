"""A learned last word on the kind of a name the knowledge base does not know.

The rules of :mod:`kg.nlp.kinds` type a new name from one strong clue where there is one (an
appositive's head noun, an acronym's long form). Where there is none, they fall back on weaker
clues, one at a time, and are wrong one time in four or five on papers they were not written on.
This model weighs all the weak clues together: the rules' own guess, the name's shape, the words
around each of its mentions, and a few facts about the paper. It decides only there: a kind the
knowledge base, a strong clue or the name itself gives ("ZetaDet-7B" is a model) stands. It is a
multinomial logistic regression, fitted by ``scripts/train_kinds.py`` on the analysis files of
``eval/`` and stored in ``ontology/kind_model.json`` as one weight per feature and kind; using it
is a sum of weights.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.nlp.lexicon import word_list
from kg.nlp.mentions import SIZE_ONLY
from kg.nlp.tokens import TokenView
from kg.resources import ontology_dir

__all__ = ["KindModel", "load_kind_model", "kind_features", "paper_features"]

_SENTENCE_WORDS = word_list("kind_model_sentence_words")
_RELEASE_WORDS = word_list("kind_model_release_words")
_NAME_PARTS = re.compile(r"[\s\-]+")
_CAMEL = re.compile(r"[a-z][A-Z]")


def paper_features(v: TokenView) -> frozenset[str]:
    """Facts about the whole paper: it gives sizes ("7B"), or speaks of releasing weights."""
    features = set()
    for word, lower in zip(v.words, v.lower):
        if SIZE_ONLY.match(word):
            features.add("paper:size")
        if lower in _RELEASE_WORDS:
            features.add("paper:release")
    return frozenset(features)


def kind_features(v: TokenView, spans: list[tuple[int, int]], kind: str, strength: int, introduced_rule: str | None,
                  listed_with: frozenset[str], paper: frozenset[str]) -> frozenset[str]:
    """The features of one name: the rules' kind and how sure they are, whether and how the paper
    introduces it, the kinds of sure names listed next to it, and for each mention (``spans`` of
    tokens) its shape and the words around it."""
    features = {f"rules={kind}", f"rules={kind}|{strength}", *paper, *(f"listed_with={k}" for k in listed_with)}
    if introduced_rule is not None:
        features |= {"introduced", f"introduced={introduced_rule}"}
    n = len(v)
    for start, end in spans:
        surface = v.span_text(start, end)
        parts = _NAME_PARTS.split(surface)
        features |= {f"head={parts[-1].lower()}", f"suffix={surface[-3:].lower()}", f"words={min(len(parts), 4)}"}
        if any(ch.isdigit() for ch in surface):
            features.add("digit")
        if surface.isupper():
            features.add("capitals")
        if _CAMEL.search(surface):
            features.add("camel")
        if v.sent_index[start] == 0:
            features.add("in_title")
        for d in (1, 2):
            if start - d >= 0:
                features.add(f"left{d}={v.lower[start - d]}")
            if end + d - 1 < n:
                features.add(f"right{d}={v.lower[end + d - 1]}")
        features.update(f"sentence:{w}" for w in v.lower[v.sent_start[start] : v.sent_end[start]] if w in _SENTENCE_WORDS)
    return frozenset(features)


@dataclass(frozen=True)
class KindModel:
    """Per kind, a bias and a weight for each feature; the kind with the highest sum wins."""

    kinds: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def scores(self, features: frozenset[str]) -> dict[str, float]:
        totals = list(self.bias)
        for feature in sorted(features):  # (a fixed order: float sums must not depend on set order)
            for i, w in enumerate(self.weights.get(feature, ())):
                totals[i] += w
        return dict(zip(self.kinds, totals))

    def kind_of(self, entity_key: str, features: frozenset[str], default: str) -> str:
        """The most likely kind (``entity_key`` and ``default`` are for callers that record the
        decisions instead, as the training script does)."""
        scores = self.scores(features)
        return max(self.kinds, key=lambda kind: (scores[kind], kind))

    def to_json(self, comment: str) -> str:
        """The model as JSON with one feature to a line, so that a refit reads well in a diff."""
        weights = ",\n".join(f"  {json.dumps(f, ensure_ascii=False)}: {json.dumps(list(ws))}"
                              for f, ws in sorted(self.weights.items()))
        return (f'{{\n "_comment": {json.dumps(comment)},\n "kinds": {json.dumps(list(self.kinds))},\n'
                f' "bias": {json.dumps(list(self.bias))},\n "weights": {{\n{weights}\n }}\n}}\n')

    @classmethod
    def from_json(cls, text: str) -> KindModel:
        data = json.loads(text)
        return cls(tuple(data["kinds"]), tuple(data["bias"]), {f: tuple(ws) for f, ws in data["weights"].items()})


@cache
def load_kind_model(path: Path | None = None) -> KindModel | None:
    """The shipped model, or None where there is none (the rules' kinds stand)."""
    path = path or ontology_dir() / "kind_model.json"
    return KindModel.from_json(path.read_text(encoding="utf-8")) if path.exists() else None
