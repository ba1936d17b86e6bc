"""Paper-level relations from cue phrases on spaCy tokens within a sentence.

The cue patterns live in ``ontology/cues.json``: each says which relation it signals, where the
entity stands (after the cue, right before it, or anywhere in the sentence) and how precise the
rule is (its ``confidence``). The subject is always the paper itself, so cues that could describe
other work ("X builds on Y") count only in sentences that speak of the paper's own work.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from kg.names import INTRODUCES, RELATION_TARGETS
from kg.nlp.lexicon import Lexicon
from kg.nlp.sentences import sentence_of, sentence_text
from kg.nlp.records import LocalEntity, RelationHit

__all__ = ["MentionSpan", "build_matcher", "find_relations"]

_SELF = {"we", "our", "ours", "us"}
_SELF_PHRASES = ("this paper", "this work", "the proposed", "our ", "this study", "this approach", "this method",
                 "this model", "this framework", "this novel", "this new", "the resulting", "experiments", "experimental")
_WINDOW = 20
_BEFORE = 3
_TITLE_MENTION_CONFIDENCE = 0.6
_INTRO_CONFIDENCE = {"title": 0.9, "named": 0.9, "propose": 0.85}


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """Where one entity is mentioned: token offsets and the entity's key."""

    start: int
    end: int
    entity: str


def build_matcher(nlp_vocab, lexicon: Lexicon) -> tuple[Matcher, dict[str, dict]]:
    matcher = Matcher(nlp_vocab)
    rules = {}
    for cue in lexicon.cues:
        matcher.add(cue["rule"], [list(p) for p in cue["patterns"]])
        rules[cue["rule"]] = cue
    return matcher, rules


def _speaks_of_self(sent: Span, introduced: set[str], mentions: list[MentionSpan], title_end: int) -> bool:
    if sent.start < title_end:
        return True
    if any(t.lower_ in _SELF for t in sent):
        return True
    lowered = sentence_text(sent.doc, sent.start).lower()
    if any(p in lowered for p in _SELF_PHRASES):
        return True
    return any(m.entity in introduced and sent.start <= m.start < sent.end for m in mentions)


def find_relations(
    doc: Doc,
    mentions: list[MentionSpan],
    entities: dict[str, LocalEntity],
    introduced: dict[str, tuple[str, int]],
    matcher: Matcher,
    rules: dict[str, dict],
    title_end: int,
) -> list[RelationHit]:
    """Relations of the paper to its entities, one hit per (relation, entity), best first."""
    hits: dict[tuple[str, str], RelationHit] = {}

    def add(relation: str, entity: str, evidence: str, rule: str, confidence: float) -> None:
        current = hits.get((relation, entity))
        if current is None or confidence > current.confidence:
            hits[(relation, entity)] = RelationHit(relation, entity, evidence, rule, confidence)

    for entity_key, (rule, token_index) in introduced.items():
        add(INTRODUCES, entity_key, _sentence(doc, token_index), rule, _INTRO_CONFIDENCE.get(rule, 0.8))

    intro_keys = set(introduced)
    self_sentences: dict[int, bool] = {}
    matches = sorted(matcher(doc), key=lambda m: (m[1], m[2]))
    # Where each relation's cues start: a builds_on window ends where a comparison begins
    # ("builds on Llama 3.1, surpassing Qwen 2.5" does not build on Qwen 2.5).
    cue_starts = sorted((start, rules[doc.vocab.strings[mid]]["relation"]) for mid, start, _ in matches)
    for match_id, start, end in matches:
        rule_name = doc.vocab.strings[match_id]
        cue = rules[rule_name]
        relation = cue["relation"]
        sent = sentence_of(doc, start)
        if cue.get("needs_self"):
            if sent.start not in self_sentences:
                self_sentences[sent.start] = _speaks_of_self(sent, intro_keys, mentions, title_end)
            if not self_sentences[sent.start]:
                known_subject = any(sent.start <= m.start < start and entities[m.entity].kb_id for m in mentions)
                if cue["needs_self"] != "or_unknown_subject" or known_subject:
                    continue
        if cue["side"] == "after":
            limit = min(sent.end, end + cue.get("window", _WINDOW))
            stop = next((t.i for t in doc[end:limit] if t.text in (";",)), limit)
            if relation == "builds_on":
                stop = min([stop] + [s for s, other in cue_starts if end <= s < stop and other == "compares_to"])
            targets = [m for m in mentions if end <= m.start < stop]
        elif cue["side"] == "before":
            targets = [m for m in mentions if sent.start <= m.start and start - _BEFORE <= m.end <= start]
        else:
            targets = [m for m in mentions if sent.start <= m.start < sent.end]
        for m in targets:
            entity = entities[m.entity]
            if entity.kind not in cue.get("targets", RELATION_TARGETS[relation]):
                continue
            if relation in ("builds_on", "compares_to") and m.entity in intro_keys:
                continue
            add(relation, m.entity, sentence_text(doc, start), rule_name, float(cue["confidence"]))
    # Models and methods the title names (and the paper does not introduce) are what it builds on:
    # "Domain Adaptation of Llama3-70B-Instruct", "LLaMA-based Speech Enhancement".
    title = doc[0:title_end].text.strip()
    for m in mentions:
        if m.start < title_end and m.entity not in intro_keys and entities[m.entity].kind in RELATION_TARGETS["builds_on"]:
            add("builds_on", m.entity, title, "title_mention", _TITLE_MENTION_CONFIDENCE)
    # An entity a sentence says the paper trained on is not also "evaluated on" by that sentence.
    for (relation, entity), hit in list(hits.items()):
        if relation == "evaluated_on" and ("trained_on", entity) in hits and hits[("trained_on", entity)].evidence == hit.evidence:
            del hits[(relation, entity)]
    return sorted(hits.values(), key=lambda h: (h.relation, h.entity))


def _sentence(doc: Doc, token_index: int) -> str:
    return sentence_text(doc, token_index)
