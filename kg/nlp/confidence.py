"""The confidence of an edge: the measured precision of the rule that made it.

``ontology/confidence.json`` holds, per relation (and ``mentions`` for an entity found in a paper),
each rule's precision on annotated papers; ``scripts/calibrate.py`` writes it. A rule the table
has not seen gets its relation's precision (``"*"``). Where the relation model decides a paper's
names and relations (:mod:`kg.nlp.relation_model`), its probability replaces the rule's precision.
"""

from __future__ import annotations

import json
from functools import cache

from kg.resources import ontology_dir

__all__ = ["confidence_of", "precision_in"]


@cache
def _table() -> dict[str, dict[str, dict]]:
    table = json.loads((ontology_dir() / "confidence.json").read_text(encoding="utf-8"))
    table.pop("_comment", None)
    return table


def precision_in(table: dict[str, dict[str, dict]], relation: str, rule: str) -> float:
    """``rule``'s precision for ``relation`` in a confidence table, or the relation's own."""
    rules = table[relation]
    return (rules.get(rule) or rules["*"])["precision"]


@cache
def confidence_of(relation: str, rule: str) -> float:
    """How often an edge of ``relation`` made by ``rule`` is right (``relation`` may be ``"mentions"``)."""
    return precision_in(_table(), relation, rule)
