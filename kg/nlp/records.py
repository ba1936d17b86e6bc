"""What extraction hands to linking: plain, frozen records for one paper."""

from __future__ import annotations

from dataclasses import dataclass

from kg.sources.record import Paper

__all__ = ["LocalEntity", "RelationHit", "Extraction", "entity_from_plain", "relation_from_plain"]


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """An entity as one paper names it.

    ``key`` identifies it within the paper (a linking key). ``kb_id`` is set when the knowledge
    base knows it; ``family`` is the family's name for a size/variant (``Llama 2`` for
    ``Llama-2-7B``) and ``family_kb_id`` the family's knowledge-base id where known.
    """

    key: str
    name: str
    kind: str
    surfaces: tuple[str, ...]
    kb_id: str | None = None
    family: str | None = None
    family_kb_id: str | None = None
    rule: str = "kb"
    confidence: float = 1.0
    evidence: str = ""  # the first sentence that names it


@dataclass(frozen=True, slots=True)
class RelationHit:
    """One typed paper -> entity relation, with the sentence and rule that justify it."""

    relation: str
    entity: str  # LocalEntity.key
    evidence: str
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one paper."""

    paper: Paper
    entities: tuple[LocalEntity, ...]
    relations: tuple[RelationHit, ...]


def entity_from_plain(values: list | tuple) -> LocalEntity:
    """Rebuild a :class:`LocalEntity` from ``dataclasses.astuple`` values (msgpack turns tuples into lists)."""
    fields = list(values)
    fields[3] = tuple(fields[3])
    return LocalEntity(*fields)


def relation_from_plain(values: list | tuple) -> RelationHit:
    return RelationHit(*values)
