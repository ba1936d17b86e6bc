"""A learned last word on the names of a paper and its relations to them.

The rules find names (:mod:`kg.nlp.extract`) and relations (:mod:`kg.nlp.relations`) one pattern
at a time. On papers they were not written on, about one name in seven they find is not one gold
lists, they miss about a quarter of the relations and a sixth of the relations they find are
wrong, and a rule cannot weigh what the rest of the abstract says. This model weighs it all, for
every name the rules found: which rules found it and which relations they found for it, how the
paper introduces it, its kind, shape and knowledge-base entry, the words around each of its
mentions and in their sentences, and what kinds of thing the paper introduces. It answers two
kinds of question, each with a probability: whether the paper names it at all (``mentions``; a
name below the threshold is dropped, with its relations), and for each relation the name's kind
allows, whether the paper has it. A relation is kept, or added with the rule ``relation_model``
and the name's first sentence as evidence, when its probability reaches the threshold. The
probabilities are the confidences of the name and its edges.

Per question it is a binary logistic regression, fitted by ``scripts/train_relations.py`` on the
analysis files of ``eval/`` and stored in ``ontology/relation_model.json`` with the decision
threshold that maximised the question's F1 under cross-validation; using it is a sum of weights.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from kg.linking.normalize import is_sized
from kg.names import BUILDS_ON, COMPARES_TO, INTRODUCES, MENTIONS, PAPER_RELATIONS, RELATION_TARGETS
from kg.nlp.records import LocalEntity, RelationHit
from kg.nlp.relations import MentionSpan, is_survey, opens_on_study
from kg.nlp.tokens import TokenView
from kg.resources import ontology_dir

__all__ = ["RelationModel", "load_relation_model", "relation_features", "judge_relations", "MODEL_RULE"]

#: The rule of an edge the model adds where no cue rule found it.
MODEL_RULE = "relation_model"
_WORD = re.compile(r"[a-z][a-z\-]*")
_CAMEL = re.compile(r"[a-z][A-Z]")
_AROUND = 6  # words before and after a mention kept as a bag


def _paper_features(v: TokenView, title_end: int, introduced_kinds: frozenset[str]) -> frozenset[str]:
    """Facts about the whole paper: the kinds of the names it introduces, and whether its title
    asks a question or opens on a study ("Is DPO Superior to PPO?", "Evaluating ...")."""
    features = {f"paper_introduces={k}" for k in introduced_kinds} or {"paper_introduces=nothing"}
    if title_end and "?" in v.span_text(0, title_end):
        features.add("title_asks")
    if opens_on_study(v, title_end):
        features.add("title_studies")
    return frozenset(features)


def _plain_words(v: TokenView) -> list[bool]:
    """Whether each token is a plain lowercase word, the kind whose presence near a name is a feature."""
    return [_WORD.fullmatch(w) is not None for w in v.lower]


def relation_features(v: TokenView, plain: list[bool], spans: list[tuple[int, int]], entity: LocalEntity,
                      introduced_rule: str | None, hits: list[RelationHit], paper: frozenset[str]) -> frozenset[str]:
    """The features of one name of a paper: what the rules found for it (``hits``, its relations'
    rules), whether and how the paper introduces it, its kind, entry and shape, the ``paper``'s
    own features, and for each of its mentions (``spans`` of tokens) the plain words (``plain``,
    from :func:`_plain_words`) around it and in its sentence."""
    kind = entity.kind
    features = {f"kind={kind}", f"found_by={entity.rule}", f"mentions={min(len(spans), 4)}",
                f"rule_hits={min(len(hits), 3)}", *paper}
    features |= {f"kb={entity.kb_id}", "known"} if entity.kb_id else {"new"}
    if entity.family:
        features.add("variant")
    if is_sized(entity.name):
        features.add("sized")
    if introduced_rule is not None:
        features |= {"introduced", f"introduced={introduced_rule}"}
    for hit in hits:
        features |= {f"hit={hit.relation}", f"hit={hit.relation}:{hit.rule}",
                     f"hit={hit.relation}|{kind}", f"hit={hit.relation}:{hit.rule}|{kind}"}
    name = entity.name
    shape = {"digit": any(ch.isdigit() for ch in name), "hyphen": "-" in name, "capitals": name.isupper(),
             "space": " " in name, "camel": _CAMEL.search(name) is not None}
    features.update(f"shape={s}" for s, present in shape.items() if present)
    last_sentence = v.sent_index[len(v) - 1]
    for start, end in spans:
        sent_start, sent_end = v.sent_start[start], v.sent_end[start]
        sentence = v.sent_index[start]
        features.add(f"sentence={min(sentence, 3)}")  # (sentence 0 is the title)
        if sentence == last_sentence:
            features.add("last_sentence")
        for d in (1, 2, 3):
            features.add(f"before{d}={v.lower[start - d]}" if start - d >= sent_start else f"before{d}=<s>")
            features.add(f"after{d}={v.lower[end + d - 1]}" if end + d - 1 < sent_end else f"after{d}=</s>")
        features.update(f"near_before={v.lower[j]}" for j in range(max(sent_start, start - _AROUND), start) if plain[j])
        features.update(f"near_after={v.lower[j]}" for j in range(end, min(sent_end, end + _AROUND)) if plain[j])
        features.update(f"sentence_word={v.lower[j]}" for j in range(sent_start, sent_end) if plain[j])
    return frozenset(features)


@dataclass(frozen=True)
class RelationModel:
    """Per question (``mentions`` or a relation), a bias, a threshold and a weight for each feature
    (a feature's weights are a tuple in the order of ``relations``)."""

    relations: tuple[str, ...]
    bias: tuple[float, ...]
    threshold: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, features: frozenset[str]) -> dict[str, float]:
        """Each question's probability for a name with these features."""
        rows = [self.weights[f] for f in features if f in self.weights]
        # (fsum is exact, so the sums do not depend on the set's order)
        totals = [math.fsum(column) for column in zip(self.bias, *rows)]
        return {r: 1.0 / (1.0 + math.exp(-t)) for r, t in zip(self.relations, totals)}

    def decide(self, entity_key: str, features: frozenset[str], asked: dict[str, bool]) -> dict[str, float]:
        """Of the questions ``asked`` (each with whether the rules found the name or relation), the
        ones answered yes, with their probability (``entity_key`` is for callers that record the questions
        instead, as the training script does)."""
        p = self.probabilities(features)
        thresholds = dict(zip(self.relations, self.threshold))
        return {r: p[r] for r in asked if p[r] >= thresholds[r]}

    def to_json(self, comment: str) -> str:
        """The model as JSON with one feature to a line, so that a refit reads well in a diff."""
        weights = ",\n".join(f"  {json.dumps(f, ensure_ascii=False)}: {json.dumps(list(ws))}"
                             for f, ws in sorted(self.weights.items()))
        return (f'{{\n "_comment": {json.dumps(comment)},\n "relations": {json.dumps(list(self.relations))},\n'
                f' "bias": {json.dumps(list(self.bias))},\n "threshold": {json.dumps(list(self.threshold))},\n'
                f' "weights": {{\n{weights}\n }}\n}}\n')

    @classmethod
    def from_json(cls, text: str) -> RelationModel:
        data = json.loads(text)
        return cls(tuple(data["relations"]), tuple(data["bias"]), tuple(data["threshold"]),
                   {f: tuple(ws) for f, ws in data["weights"].items()})


@cache
def load_relation_model(path: Path | None = None) -> RelationModel | None:
    """The shipped model, or None where there is none (the rules' names and relations stand)."""
    path = path or ontology_dir() / "relation_model.json"
    return RelationModel.from_json(path.read_text(encoding="utf-8")) if path.exists() else None


def judge_relations(v: TokenView, mentions: list[MentionSpan], entities: dict[str, LocalEntity],
                    introduced: dict[str, tuple[str, int]], hits: list[RelationHit], title_end: int,
                    model: RelationModel) -> tuple[dict[str, LocalEntity], list[RelationHit]]:
    """The names the model keeps of those the rules found, with its probability that the paper
    names them (``mentions``) as their confidence, and the relations it keeps of the rules'
    ``hits`` or adds, with their probabilities."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        spans.setdefault(m.entity, []).append((m.start, m.end))
    by_entity: dict[str, list[RelationHit]] = {}
    for hit in hits:
        by_entity.setdefault(hit.entity, []).append(hit)
    paper = _paper_features(v, title_end, frozenset(entities[k].kind for k in introduced))
    survey = is_survey(v, title_end)
    plain = _plain_words(v)
    kept: dict[str, LocalEntity] = {}
    judged = []
    for k in sorted(entities):
        entity, own = entities[k], by_entity.get(k, [])
        found = {h.relation: h for h in own}
        # (the rules' hard limits stand: a relation the name's kind does not allow, building on or
        # comparing to a name the paper introduces, a survey's relations to others' names)
        asked = {MENTIONS: True} | {
            r: r in found for r in PAPER_RELATIONS
            if entity.kind in RELATION_TARGETS[r] and not (r in (BUILDS_ON, COMPARES_TO) and k in introduced)
            and not (survey and r != INTRODUCES and k not in introduced)}
        features = relation_features(v, plain, spans.get(k, []), entity, introduced.get(k, (None,))[0], own, paper)
        decided = model.decide(k, features, asked)
        if MENTIONS not in decided:  # not a name, or not one gold would list: its relations go too
            continue
        kept[k] = replace(entity, confidence=round(decided.pop(MENTIONS), 3))
        for relation, p in decided.items():
            hit = found.get(relation) or RelationHit(relation, k, entity.evidence, MODEL_RULE, 0.0)
            judged.append(replace(hit, confidence=round(p, 3)))
    return kept, sorted(judged, key=lambda h: (h.relation, h.entity))
