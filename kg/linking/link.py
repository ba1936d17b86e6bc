"""Cross-paper linking: the per-paper entities of every extraction become one set of graph entities.

Two local entities are one global entity when they share a knowledge-base id, a knowledge-base
family plus variant, or (for names the knowledge base does not know) a normalised key. So a
name one paper introduces links to its mentions in every other paper; an acronym that papers
spell out in different words stays apart ("SOFT" and "SoFT"). The kind of an unknown
name is the majority over the papers that name it, with the introducing paper's word counting
double; its label is the introducing paper's spelling, else the most frequent one. A known name
has the knowledge base's kind, except a dataset that most of its papers call a benchmark.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.linking.kb import KnowledgeBase
from kg.linking.normalize import key, slug
from kg.names import BENCHMARK, DATASET, INTRODUCES, MENTIONS, MODEL, RELATION_TARGETS, node_id
from kg.nlp.records import Extraction, LocalEntity
from kg.sources.record import Paper

__all__ = ["Entity", "Edge", "LinkedCorpus", "link"]


@dataclass
class Entity:
    """A graph entity: ``id`` is its node id (``model:llama-2``)."""

    id: str
    kind: str
    label: str
    aliases: list[str]
    family: str | None = None  # family entity's node id
    papers: int = 0


@dataclass(frozen=True, slots=True)
class Edge:
    """A graph edge with its provenance."""

    source: str
    target: str
    relation: str
    surface: tuple[str, ...] = ()
    evidence: str = ""
    rule: str = ""
    confidence: float = 1.0


@dataclass
class LinkedCorpus:
    """What linking hands to graph assembly."""

    papers: list[Paper] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)


@dataclass
class _Group:
    kinds: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    surfaces: set[str] = field(default_factory=set)
    families: Counter = field(default_factory=Counter)
    family_kb: str | None = None
    kb_id: str | None = None
    intro_name: str | None = None
    papers: set[str] = field(default_factory=set)


def _paper_node(paper: Paper) -> str:
    return f"paper:{paper.id}"


def _expansion(e: LocalEntity) -> str | None:
    """The words of the long form a paper spells an unknown one-word name out with ("Sorted
    Fine-Tuning (SoFT)" -> "sort fine tuni"): their first four letters, so that spellings of
    one long form ("Optimisation", "Optimization") agree."""
    if e.kb_id or e.family or " " in e.name:
        return None
    long_form = next((s for s in e.surfaces if " " in s and key(s) != e.key), None)
    return " ".join(w[:4] for w in re.split(r"[\s\-]+", long_form.lower()) if w) if long_form else None


def _split_homonyms(extractions: list[Extraction]) -> dict[tuple[str, str], str]:
    """(paper, local key) -> group key, for acronyms that papers spell out differently: "SOFT"
    (Softmax-Free Transformers) and "SoFT" (Sorted Fine-Tuning) share a key but are two things.
    Each spelled-out use gets a group of its own; bare uses stay on the shared key."""
    spelled = [(ex.paper.id, e.key, long_key) for ex in extractions for e in ex.entities if (long_key := _expansion(e))]
    expansions: dict[str, set[str]] = defaultdict(set)
    for _, local_key, long_key in spelled:
        expansions[local_key].add(long_key)
    group_key: dict[tuple[str, str], str] = {}
    for paper_id, local_key, long_key in spelled:
        if len(expansions[local_key]) > 1:
            group_key[(paper_id, local_key)] = f"{local_key}|{long_key}"
    return group_key


def link(extractions: Iterable[Extraction], kb: KnowledgeBase) -> LinkedCorpus:
    """Resolve every extraction's entities to graph entities and collect the edges."""
    extractions = list(extractions)
    group_key = _split_homonyms(extractions)
    groups: dict[str, _Group] = defaultdict(_Group)
    introduced_keys: dict[tuple[str, str], bool] = {}
    for ex in extractions:
        intro = {r.entity for r in ex.relations if r.relation == INTRODUCES}
        for e in ex.entities:
            g = groups[group_key.get((ex.paper.id, e.key), e.key)]
            weight = 2 if e.key in intro else 1
            g.kinds[e.kind] += weight
            g.names[e.name] += weight
            g.surfaces.update(e.surfaces)
            g.papers.add(ex.paper.id)
            g.kb_id = e.kb_id or g.kb_id
            if e.family:
                g.families[e.family] += 1
                g.family_kb = e.family_kb_id or g.family_kb
            if e.key in intro and g.intro_name is None:
                g.intro_name = e.name
            introduced_keys[(ex.paper.id, e.key)] = e.key in intro

    corpus = LinkedCorpus(papers=[ex.paper for ex in extractions])
    node_of: dict[str, str] = {}
    used: set[str] = set()
    for k in sorted(groups):
        g = groups[k]
        if g.kb_id:
            kb_entity = kb.get(g.kb_id)
            kind, label = kb_entity.type, kb_entity.name
            # A known dataset that most of its papers call a benchmark is one (the guideline types a
            # data name by what the text calls it).
            if kind == DATASET and g.kinds[BENCHMARK] > g.kinds[DATASET]:
                kind = BENCHMARK
            ident = kb_entity.id
        else:
            kind = max(sorted(g.kinds), key=lambda kd: g.kinds[kd])
            label = g.intro_name or max(sorted(g.names), key=lambda n: g.names[n])
            ident = slug(label)
        nid = node_id(kind, ident)
        n = 2
        while nid in used:
            nid = node_id(kind, f"{ident}-{n}")
            n += 1
        used.add(nid)
        node_of[k] = nid
        aliases = sorted(g.surfaces | {label})
        corpus.entities[nid] = Entity(nid, kind, label, aliases, papers=len(g.papers))

    # Families: a variant points at its family's entity, created if no paper names it.
    for k in sorted(groups):
        g = groups[k]
        if not g.families:
            continue
        family_name = max(sorted(g.families), key=lambda f: g.families[f])
        family_key = f"kb:{g.family_kb}" if g.family_kb else key(family_name)
        family_node = node_of.get(family_key)
        if family_node is None:
            kb_entity = kb.get(g.family_kb) if g.family_kb else None
            kind = kb_entity.type if kb_entity else MODEL
            label = kb_entity.name if kb_entity else family_name
            family_node = node_id(kind, kb_entity.id if kb_entity else slug(label))
            if family_node not in corpus.entities:
                corpus.entities[family_node] = Entity(family_node, kind, label, [label], papers=0)
            node_of[family_key] = family_node
        variant_node = node_of[k]
        if family_node == variant_node:
            continue
        corpus.entities[variant_node].family = family_node
        corpus.edges.append(Edge(variant_node, family_node, "variant_of", rule="family", confidence=1.0))

    for ex in extractions:
        paper = _paper_node(ex.paper)
        node = {e.key: node_of[group_key.get((ex.paper.id, e.key), e.key)] for e in ex.entities}
        for e in ex.entities:
            corpus.edges.append(Edge(paper, node[e.key], MENTIONS, tuple(e.surfaces), e.evidence, e.rule, e.confidence))
        surfaces = {e.key: e.surfaces for e in ex.entities}
        for r in ex.relations:
            # The linked kind can differ from the paper's own guess; keep only relations it allows.
            if corpus.entities[node[r.entity]].kind not in RELATION_TARGETS[r.relation]:
                continue
            corpus.edges.append(Edge(paper, node[r.entity], r.relation, tuple(surfaces.get(r.entity, ())), r.evidence, r.rule, r.confidence))
    corpus.edges.sort(key=lambda e: (e.source, e.relation, e.target))
    return corpus
