"""Scoring a built graph against a gold file written by the annotation guideline.

For each gold paper the graph's entities are aligned one-to-one with the gold entities: a
predicted entity matches a gold one when the normalised key of its label or of any surface form
it has in that paper equals the key of the gold name or of a gold mention. Then:

- entities, untyped: aligned pairs are true positives; typed: aligned pairs of the same type;
- each relation: (paper, relation, aligned entity); gold ``optional`` pairs count neither way;
- cross-paper linking, pairwise: over every two aligned mentions in different papers, "same
  gold id" against "same graph node";
- calibration: every judged edge with a confidence is kept (:mod:`kg.eval.calibration`), to see
  whether confidences say how often edges are right.
"""

from __future__ import annotations

import json
from dataclasses import replace
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import networkx as nx

from kg.errors import InputError
from kg.eval.calibration import EdgeOutcome, by_group, expected_calibration_error, reliability
from kg.linking.normalize import key
from kg.names import MENTIONS, PAPER_RELATIONS
from kg.sources.record import Paper, paper_from_fields

__all__ = ["Score", "EvalResult", "read_gold", "gold_papers", "align_entities", "evaluate", "score_graph", "format_table",
           "format_errors"]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class PaperErrors:
    paper: str
    title: str
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)


@dataclass
class EvalResult:
    scores: dict[str, Score]
    errors: list[PaperErrors]
    papers: int
    outcomes: list[EdgeOutcome] = field(default_factory=list)  # every judged edge that has a confidence

    def calibration(self) -> dict[str, dict]:
        """Per edge group ("relations", "entities"): expected calibration error and reliability bins."""
        return {name: {"edges": len(group), "ece": round(expected_calibration_error(group), 4),
                       "bins": reliability(group)} for name, group in by_group(self.outcomes).items() if group}

    def as_dict(self) -> dict:
        return {"papers": self.papers, "scores": {name: s.as_dict() for name, s in self.scores.items()},
                "calibration": self.calibration()}


def read_gold(path: str | Path) -> list[dict]:
    """The gold records of a JSONL file; a broken line is an :class:`InputError` naming it."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"broken JSON in gold file ({err.msg})", path, number) from err
            for name in ("id", "title", "abstract", "entities"):
                if name not in row:
                    raise InputError(f"gold record lacks {name!r}", path, number)
            rows.append(row)
    return rows


def gold_papers(gold_path: str | Path, rows: list[dict]) -> list[Paper]:
    """The gold file's papers as kg reads them (through the readers' own cleaning, so scores are
    those of what users get), with gold's ids."""
    return [replace(paper_from_fields(row, str(gold_path), i), id=row["id"]) for i, row in enumerate(rows, 1)]


def _paper_entities(graph: nx.MultiDiGraph, paper_node: str) -> dict[str, dict]:
    """Entity node -> {"kind", "label", "keys", "relations"} for one paper."""
    found: dict[str, dict] = {}
    if paper_node not in graph:
        return found
    for _, target, attrs in graph.out_edges(paper_node, data=True):
        node = graph.nodes[target]
        entry = found.setdefault(target, {"kind": node["kind"], "label": node["label"], "keys": {key(node["label"])},
                                          "relations": set(), "surfaces": [], "rules": {}, "confidences": {}})
        if attrs["relation"] == MENTIONS:
            entry["surfaces"] = list(attrs.get("surface", []))
            entry["keys"].update(key(s) for s in entry["surfaces"])
        else:
            entry["relations"].add(attrs["relation"])
        entry["rules"][attrs["relation"]] = attrs.get("rule", "")
        if attrs.get("confidence") is not None:
            entry["confidences"][attrs["relation"]] = float(attrs["confidence"])
    return found


def align_entities(gold_entities: list[dict], predicted: dict[str, dict]) -> dict[str, str]:
    """Gold id -> predicted node, one-to-one, exact label keys first, then any shared surface."""
    alignment: dict[str, str] = {}
    used: set[str] = set()
    gold_keys = {g["id"]: {key(g["name"]), *(key(m) for m in g.get("mentions", []))} for g in gold_entities}
    for strict in (True, False):
        for g in gold_entities:
            if g["id"] in alignment:
                continue
            for node in sorted(predicted):
                if node in used:
                    continue
                p = predicted[node]
                hit = key(p["label"]) == key(g["name"]) if strict else bool(p["keys"] & gold_keys[g["id"]])
                if hit:
                    alignment[g["id"]] = node
                    used.add(node)
                    break
    return alignment


def score_graph(graph: nx.MultiDiGraph, gold: list[dict]) -> EvalResult:
    """Score ``graph`` (built from the gold papers) against ``gold``."""
    names = ["entities", "entities_typed", *PAPER_RELATIONS, "relations_micro", "linking"]
    scores = {n: Score() for n in names}
    errors: list[PaperErrors] = []
    linked: list[tuple[str, str, str]] = []  # (paper, gold id, node)
    outcomes: list[EdgeOutcome] = []
    for row in gold:
        paper_node = f"paper:{row['id']}"
        predicted = _paper_entities(graph, paper_node)
        alignment = align_entities(row["entities"], predicted)
        node_to_gold = {v: k for k, v in alignment.items()}
        gold_types = {g["id"]: g["type"] for g in row["entities"]}
        report = PaperErrors(row["id"], row["title"])
        ent, typed = scores["entities"], scores["entities_typed"]
        ent.tp += len(alignment)
        ent.fp += len(predicted) - len(alignment)
        ent.fn += len(row["entities"]) - len(alignment)
        for g in row["entities"]:
            node = alignment.get(g["id"])
            if node is not None and predicted[node]["kind"] == g["type"]:
                typed.tp += 1
            else:
                typed.fn += 1
                if node is None:
                    report.false_negatives.append(f"entity {g['name']} ({g['type']})")
                else:
                    report.false_positives.append(f"type {predicted[node]['label']}: {predicted[node]['kind']}, gold {g['type']}")
        for node, p in sorted(predicted.items()):
            if MENTIONS in p["confidences"]:
                outcomes.append(EdgeOutcome(row["id"], MENTIONS, p["rules"][MENTIONS], p["confidences"][MENTIONS],
                                            node in node_to_gold))
            if node not in node_to_gold:
                typed.fp += 1
                report.false_positives.append(f"entity {p['label']} ({p['kind']})")
            elif p["kind"] != gold_types[node_to_gold[node]]:
                typed.fp += 1
        optional = {(rel, ident) for rel, ident in row.get("optional", [])}
        for relation in PAPER_RELATIONS:
            gold_set = {(relation, ident) for ident in row.get(relation, [])} - optional
            claimed = {(relation, node_to_gold.get(node, node)): p for node, p in sorted(predicted.items())
                       if relation in p["relations"]}
            pred_set = set(claimed) - optional
            for pair, p in claimed.items():
                if pair in pred_set and relation in p["confidences"]:
                    outcomes.append(EdgeOutcome(row["id"], relation, p["rules"][relation], p["confidences"][relation],
                                                pair in gold_set))
            tp = len(gold_set & pred_set)
            for s in (scores[relation], scores["relations_micro"]):
                s.tp += tp
                s.fp += len(pred_set - gold_set)
                s.fn += len(gold_set - pred_set)
            gold_to_node = alignment
            for _, ident in sorted(pred_set - gold_set):
                p = predicted.get(ident) or predicted[gold_to_node[ident]]
                report.false_positives.append(f"{relation} {p['label']}  [rule {p['rules'].get(relation, '?')}]")
            for _, ident in sorted(gold_set - pred_set):
                report.false_negatives.append(f"{relation} {ident}")
        linked.extend((row["id"], g, n) for g, n in alignment.items())
        if report.false_positives or report.false_negatives:
            errors.append(report)
    link_score = scores["linking"]
    for (pa, ga, na), (pb, gb, nb) in combinations(linked, 2):
        if pa == pb:
            continue
        same_gold, same_node = ga == gb, na == nb
        if same_gold and same_node:
            link_score.tp += 1
        elif same_node:
            link_score.fp += 1
        elif same_gold:
            link_score.fn += 1
    return EvalResult(scores, errors, len(gold), outcomes)


def annotation_graph(rows: list[dict]) -> nx.MultiDiGraph:
    """A graph that holds a second annotation of gold papers the way kg's graph holds its findings,
    so ``score_graph`` measures how far two annotators agree. Optional pairs are not claimed."""
    graph = nx.MultiDiGraph()
    for row in rows:
        paper = f"paper:{row['id']}"
        graph.add_node(paper, kind="Paper", label=row["title"])
        for entity in row["entities"]:
            node = f"annotation:{entity['id']}"
            graph.add_node(node, kind=entity["type"], label=entity["name"])
            graph.add_edge(paper, node, relation=MENTIONS, surface=list(entity["mentions"]))
            for relation in PAPER_RELATIONS:
                if entity["id"] in row[relation]:
                    graph.add_edge(paper, node, relation=relation, rule="annotation")
    return graph


def evaluate(gold_path: str | Path, graph: nx.MultiDiGraph | None = None,
             against: str | Path | None = None) -> EvalResult:
    """Build the graph of the gold file's papers (unless given) and score it; with ``against``, score
    that file's annotation of the papers both files hold instead (inter-annotator agreement)."""
    from kg.pipeline import build_from_papers

    gold = read_gold(gold_path)
    if against is not None:
        other = {row["id"]: row for row in read_gold(against)}
        gold = [row for row in gold if row["id"] in other]
        if not gold:
            raise InputError("no paper of the gold file is in this file", against)
        graph = annotation_graph([other[row["id"]] for row in gold])
    if graph is None:
        graph = build_from_papers(gold_papers(gold_path, gold))
    return score_graph(graph, gold)


_LABELS = {
    "entities": "entities (untyped)", "entities_typed": "entities (typed)", "relations_micro": "relations (micro)",
    "linking": "cross-paper linking (pairwise)",
}


def format_table(result: EvalResult) -> str:
    lines = [f"{'score':<32}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}"]
    for name, s in result.scores.items():
        label = _LABELS.get(name, f"  {name}")
        lines.append(f"{label:<32}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp:>7}{s.fp:>7}{s.fn:>7}")
    for name, c in result.calibration().items():
        lines.append(f"confidence of {name}: expected calibration error {c['ece']:.3f} over {c['edges']} edges")
    lines.append(f"({result.papers} papers)")
    return "\n".join(lines)


def format_errors(result: EvalResult) -> str:
    lines = []
    for report in result.errors:
        lines.append(f"\n{report.paper}  {report.title}")
        lines.extend(f"  FP  {item}" for item in report.false_positives)
        lines.extend(f"  FN  {item}" for item in report.false_negatives)
    return "\n".join(lines)
