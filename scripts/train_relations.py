"""Fit the relation model (``kg.nlp.relation_model``) on annotated papers; with ``--write``, store it.

    python scripts/train_relations.py GOLD...                                       # cross-validated F1
    python scripts/train_relations.py --write ontology/relation_model.json GOLD...  # and write the model
    python scripts/train_relations.py GOLD... --check OTHER...                      # F1 on other files

The examples are the (name, question) pairs the model is asked about: every name kg finds in a
paper, with ``mentions`` (is it a name gold lists for the paper?) and each relation its kind
allows (does gold hold the relation? pairs gold marks optional are left out). Gold names kg does
not find, and their relations, count as misses the model cannot mend. Each question's threshold is
the one that maximises its F1 over predictions cross-validated by file (five folds); the F1 of the
rules alone and of the model are printed for those predictions and, with ``--check``, for other
files. Fit it on the analysis files of ``eval/`` only (``eval/analysis_files.txt``), so that the
measurement files still measure (eval/README.md). Needs scikit-learn (``pip install -e ".[train]"``).
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from kg.eval import align_entities, read_gold
from kg.linking.kb import load_kb
from kg.linking.normalize import key
from kg.names import MENTIONS, PAPER_RELATIONS
from kg.nlp.lexicon import load_lexicon
from kg.nlp.pipeline import make_pipeline, paper_text, records_of
from kg.nlp.relation_model import RelationModel
from kg.sources.record import paper_from_fields

_QUESTIONS = (MENTIONS, *PAPER_RELATIONS)
_C = 0.1  # inverse L2 strength, by cross-validation on the analysis files (0.03 to 0.3 are within half a point)
_MIN_NAMES = 10  # a feature of fewer training pairs is dropped: as accurate as 3, and a file a third the size
_FOLDS = 5
_THRESHOLDS = np.round(np.arange(0.2, 0.801, 0.025), 3)
_COMMENT = ("The relation model of kg.nlp.relation_model: per question ('mentions' or a relation, in the order of "
            "'relations') a bias, a decision threshold and one weight for each feature. Fitted by scripts/train_relations.py on the "
            "analysis files of eval/ (eval/README.md, 'Relation model'). Regenerate after changing extraction rules.")


@dataclass(frozen=True)
class Example:
    relation: str  # the question: a relation, or "mentions"
    features: frozenset[str]
    rules: bool  # whether the rules found the name (always, for "mentions") or the relation
    gold: bool


class _Recorder:
    """Stands in for the model in the pipeline: keeps each question's features, keeps the rules' answer."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[frozenset[str], dict[str, bool]]] = {}

    def decide(self, entity_key: str, features: frozenset[str], asked: dict[str, bool]) -> dict[str, float]:
        self.seen[entity_key] = (features, dict(asked))
        return {r: 1.0 for r, said in asked.items() if said}


def examples(path: Path) -> tuple[list[Example], Counter]:
    """The file's examples, and per question the gold pairs kg does not ask about."""
    recorder = _Recorder()
    nlp = make_pipeline(load_kb(), replace(load_lexicon(), relation_model=recorder))
    found: list[Example] = []
    unasked: Counter = Counter()
    for number, row in enumerate(read_gold(path), 1):
        recorder.seen.clear()
        entities, _ = records_of(nlp(paper_text(paper_from_fields(row, str(path), number))))
        predicted = {e.key: {"label": e.name, "keys": {key(e.name), *(key(s) for s in e.surfaces)}} for e in entities}
        gold_of = {node: ident for ident, node in align_entities(row["entities"], predicted).items()}
        optional = {(r, ident) for r, ident in row.get("optional", [])}
        gold = {(r, ident) for r in PAPER_RELATIONS for ident in row.get(r, [])} - optional
        gold |= {(MENTIONS, e["id"]) for e in row["entities"]}
        asked = set()
        for entity_key, (features, rules) in sorted(recorder.seen.items()):
            ident = gold_of.get(entity_key)
            for relation, said in rules.items():
                if (relation, ident) not in optional:
                    found.append(Example(relation, features, said, (relation, ident) in gold))
                    asked.add((relation, ident))
        unasked.update(r for r, _ in gold - asked)
    return found, unasked


def _fit_one(rows: list[Example]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in rows for f in row.features)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in sorted(row.features) if counts[f] >= _MIN_NAMES} for row in rows])
    model = LogisticRegression(C=_C, max_iter=5000).fit(x, [row.gold for row in rows])
    return vectorizer, model


def fit(rows: list[Example], thresholds: dict[str, float]) -> RelationModel:
    weights: dict[str, list[float]] = {}
    bias = []
    for i, relation in enumerate(_QUESTIONS):
        vectorizer, model = _fit_one([row for row in rows if row.relation == relation])
        bias.append(round(float(model.intercept_[0]), 4))
        for name, w in zip(vectorizer.feature_names_, model.coef_[0]):
            weights.setdefault(name, [0.0] * len(_QUESTIONS))[i] = round(float(w), 4)
    kept = {f: tuple(ws) for f, ws in weights.items() if any(ws)}
    return RelationModel(_QUESTIONS, tuple(bias), tuple(thresholds[r] for r in _QUESTIONS), kept)


def _probabilities(rows: list[Example], fitted) -> np.ndarray:
    vectorizer, model = fitted
    return model.predict_proba(vectorizer.transform([{f: 1 for f in row.features} for row in rows]))[:, 1]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _counts(said: list[bool], gold: list[bool], unasked: int) -> tuple[int, int, int]:
    tp = sum(s and g for s, g in zip(said, gold))
    return tp, sum(said) - tp, sum(gold) - tp + unasked


def _report(title: str, per_relation: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]]) -> None:
    print(title)
    totals = [[0, 0, 0], [0, 0, 0]]
    for relation, both in per_relation.items():
        for total, counts in zip(totals, both) if relation != MENTIONS else ():
            for j in range(3):
                total[j] += counts[j]
        print(f"  {relation:<14} rules {_f1(*both[0]):.4f}  model {_f1(*both[1]):.4f}")
    print(f"  {'relations':<14} rules {_f1(*totals[0]):.4f}  model {_f1(*totals[1]):.4f}  (micro)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--check", nargs="*", type=Path, default=[], help="gold files to report F1 on")
    parser.add_argument("--write", type=Path, help="write the fitted model here")
    args = parser.parse_args()
    by_file = {path: examples(path) for path in args.gold}
    fold = {path: i % _FOLDS for i, path in enumerate(sorted(args.gold))}
    rows = [row for path in args.gold for row in by_file[path][0]]
    unasked = sum((by_file[path][1] for path in args.gold), Counter())
    thresholds, held_out = {}, {}
    for relation in _QUESTIONS:
        p, gold, rules = [], [], []
        for k in range(_FOLDS):
            test = [row for path in args.gold if fold[path] == k for row in by_file[path][0] if row.relation == relation]
            train = [row for path in args.gold if fold[path] != k for row in by_file[path][0] if row.relation == relation]
            p.extend(_probabilities(test, _fit_one(train)))
            gold += [row.gold for row in test]
            rules += [row.rules for row in test]
        p = np.array(p)
        scores = [_f1(*_counts(list(p >= t), gold, unasked[relation])) for t in _THRESHOLDS]
        thresholds[relation] = float(_THRESHOLDS[int(np.argmax(scores))])
        held_out[relation] = (_counts(rules, gold, unasked[relation]),
                              _counts(list(p >= thresholds[relation]), gold, unasked[relation]))
    print(f"{len(rows)} (name, question) pairs in {len(args.gold)} files; thresholds "
          + ", ".join(f"{r} {t:.3f}" for r, t in thresholds.items()))
    _report(f"cross-validated by file ({_FOLDS} folds), F1:", held_out)
    model = fit(rows, thresholds)
    if args.check:
        checked = [examples(path) for path in args.check]
        other = [row for found, _ in checked for row in found]
        missing = sum((u for _, u in checked), Counter())
        per_relation = {}
        for relation in _QUESTIONS:
            mine = [row for row in other if row.relation == relation]
            said = [relation in model.decide("", row.features, {relation: True}) for row in mine]
            gold = [row.gold for row in mine]
            per_relation[relation] = (_counts([row.rules for row in mine], gold, missing[relation]),
                                      _counts(said, gold, missing[relation]))
        _report(f"{len(args.check)} other files, F1:", per_relation)
    if args.write:
        args.write.write_text(model.to_json(_COMMENT), encoding="utf-8")
        print(f"wrote {args.write}: {len(model.weights)} features")


if __name__ == "__main__":
    main()
