"""How well an edge's ``confidence`` says how often such an edge is right.

:func:`kg.eval.score_graph` judges every edge it can (one :class:`EdgeOutcome` each); from those:

- :func:`expected_calibration_error`: the mean gap between confidence and precision over ten
  equal-width confidence bins, weighted by the edges in each (0 is perfectly calibrated);
- :func:`brier_score`: the mean squared gap between confidence and rightness, edge by edge, which
  also rewards telling right edges from wrong ones;
- :func:`confidence_table`: each rule's precision, the table ``ontology/confidence.json`` holds
  (``scripts/calibrate.py`` writes it from the annotated papers).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.names import MENTIONS
from kg.nlp.confidence import precision_in

__all__ = ["EdgeOutcome", "brier_score", "by_group", "expected_calibration_error", "reliability", "confidence_table", "with_table"]

#: Pseudo-edges at the relation's own precision that a rule's precision is pulled toward, so a
#: rule seen on three edges does not claim 1.0 or 0.0.
PRIOR_EDGES = 5


@dataclass(frozen=True, slots=True)
class EdgeOutcome:
    """One predicted edge, judged: ``relation`` is ``"mentions"`` for an entity found in a paper."""

    paper: str
    relation: str
    rule: str
    confidence: float
    correct: bool


def by_group(outcomes: Iterable[EdgeOutcome]) -> dict[str, list[EdgeOutcome]]:
    """The outcomes of relation edges and of entities found ("mentions"), apart."""
    groups: dict[str, list[EdgeOutcome]] = {"relations": [], "entities": []}
    for o in outcomes:
        groups["entities" if o.relation == MENTIONS else "relations"].append(o)
    return groups


def reliability(outcomes: Iterable[EdgeOutcome], bins: int = 10) -> list[dict]:
    """Per non-empty confidence bin: its bounds, edges, mean confidence and precision."""
    grouped: dict[int, list[EdgeOutcome]] = defaultdict(list)
    for o in outcomes:
        grouped[min(int(o.confidence * bins), bins - 1)].append(o)
    rows = []
    for b in sorted(grouped):
        edges = grouped[b]
        rows.append({"low": b / bins, "high": (b + 1) / bins, "edges": len(edges),
                     "confidence": round(sum(o.confidence for o in edges) / len(edges), 4),
                     "precision": round(sum(o.correct for o in edges) / len(edges), 4)})
    return rows


def expected_calibration_error(outcomes: Iterable[EdgeOutcome], bins: int = 10) -> float:
    rows = reliability(outcomes, bins)
    total = sum(r["edges"] for r in rows)
    if not total:
        return 0.0
    return sum(r["edges"] * abs(r["confidence"] - r["precision"]) for r in rows) / total


def brier_score(outcomes: Iterable[EdgeOutcome]) -> float:
    """Mean squared gap between each edge's confidence and whether it is right (lower is better)."""
    outcomes = list(outcomes)
    return sum((o.confidence - o.correct) ** 2 for o in outcomes) / len(outcomes) if outcomes else 0.0


def confidence_table(outcomes: Iterable[EdgeOutcome]) -> dict[str, dict[str, dict]]:
    """relation -> rule -> {"precision", "correct", "edges"}; the ``"*"`` rule is the relation's
    own precision, what a rule not seen here gets. A rule's precision is smoothed toward it with
    :data:`PRIOR_EDGES`."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for o in outcomes:
        for rule in (o.rule, "*"):
            counts[o.relation][rule][0] += o.correct
            counts[o.relation][rule][1] += 1
    table: dict[str, dict[str, dict]] = {}
    for relation in sorted(counts):
        correct, edges = counts[relation]["*"]
        prior = correct / edges
        table[relation] = {}
        for rule in sorted(counts[relation]):
            correct, edges = counts[relation][rule]
            precision = prior if rule == "*" else (correct + PRIOR_EDGES * prior) / (edges + PRIOR_EDGES)
            table[relation][rule] = {"precision": round(precision, 3), "correct": correct, "edges": edges}
    return table


def with_table(outcomes: Iterable[EdgeOutcome], table: dict[str, dict[str, dict]]) -> list[EdgeOutcome]:
    """The outcomes with the confidences ``table`` would have given them; those of a relation the
    table has no edges of are left out (a cross-fit half of a few papers may have none)."""
    return [replace(o, confidence=precision_in(table, o.relation, o.rule)) for o in outcomes if o.relation in table]
