"""Fit the kind model (``kg.nlp.kind_model``) on annotated papers; with ``--write``, store it.

    python scripts/train_kinds.py GOLD...                                   # cross-validated accuracy
    python scripts/train_kinds.py --write ontology/kind_model.json GOLD...  # and write the model
    python scripts/train_kinds.py GOLD... --check OTHER...                  # accuracy on other files

The examples are the names of each paper that the model would type (no knowledge-base entry, no
strong clue) and that gold annotates: their features, and gold's kind. Accuracy is printed for the
rules alone and for the model, cross-validated with each gold file held out in turn, and, with
``--check``, on other files for a model fitted on all of GOLD. Fit it on the analysis files of
``eval/`` only, so that the measurement files still measure (eval/README.md). Needs scikit-learn
(``pip install -e ".[train]"``).
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

from kg.eval import read_gold
from kg.linking.kb import load_kb
from kg.linking.normalize import key
from kg.nlp.kind_model import KindModel
from kg.nlp.lexicon import load_lexicon
from kg.nlp.pipeline import make_pipeline, paper_text, records_of
from kg.sources.record import paper_from_fields

_C = 0.1  # inverse L2 strength, by cross-validation on the analysis files (0.05 to 0.3 are within half a point)
_MIN_NAMES = 3  # a feature of fewer training names is dropped: as accurate, and a file a seventh the size
_COMMENT = ("The kind model of kg.nlp.kind_model: per feature, one weight for each of 'kinds'. Fitted by "
            "scripts/train_kinds.py on the analysis files of eval/ (eval/README.md, 'Kind model'). "
            "Regenerate after changing extraction rules.")


class _Recorder:
    """Stands in for the model in the pipeline: keeps each decision's features, keeps the rules' kind."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[frozenset[str], str]] = {}

    def kind_of(self, entity_key: str, features: frozenset[str], default: str) -> str:
        self.seen[entity_key] = (features, default)
        return default


def examples(path: Path) -> list[tuple[frozenset[str], str, str]]:
    """(features, the rules' kind, gold's kind) of each name of the file's papers the model would type."""
    recorder = _Recorder()
    nlp = make_pipeline(load_kb(), replace(load_lexicon(), kind_model=recorder))
    found = []
    for number, row in enumerate(read_gold(path), 1):
        gold = {key(m): e["type"] for e in row["entities"] for m in [*e["mentions"], e["name"]]}
        recorder.seen.clear()
        entities, _ = records_of(nlp(paper_text(paper_from_fields(row, str(path), number))))
        for entity in entities:
            kind = gold.get(entity.key) or gold.get(key(entity.name))
            if entity.key in recorder.seen and kind is not None:
                features, rules = recorder.seen[entity.key]
                found.append((features, rules, kind))
    return found


def fit(rows: list[tuple[frozenset[str], str, str]]) -> KindModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(feature for features, _, _ in rows for feature in features)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in sorted(features) if counts[f] >= _MIN_NAMES} for features, _, _ in rows])
    model = LogisticRegression(C=_C, max_iter=5000).fit(x, [kind for _, _, kind in rows])
    kinds = tuple(str(k) for k in model.classes_)
    coef, intercept = model.coef_, model.intercept_
    if len(kinds) == 2:  # (one row of weights, for the second kind against the first)
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], intercept])
    weights = {name: tuple(round(float(w), 4) for w in coef[:, i]) for i, name in enumerate(vectorizer.feature_names_)}
    return KindModel(kinds, tuple(round(float(b), 4) for b in intercept), weights)


def _accuracy(model: KindModel | None, rows: list[tuple[frozenset[str], str, str]]) -> float:
    right = sum((model.kind_of("", f, rules) if model else rules) == kind for f, rules, kind in rows)
    return right / len(rows) if rows else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--check", nargs="*", type=Path, default=[], help="gold files to report accuracy on")
    parser.add_argument("--write", type=Path, help="write the fitted model here")
    args = parser.parse_args()
    by_file = {path: examples(path) for path in args.gold}
    rows = [row for path in args.gold for row in by_file[path]]
    held_out = []
    for path in args.gold:
        model = fit([row for other in args.gold if other != path for row in by_file[other]])
        held_out += [(model.kind_of("", f, rules) == kind, rules == kind) for f, rules, kind in by_file[path]]
    print(f"{len(rows)} names in {len(args.gold)} files; cross-validated by file: rules {sum(r for _, r in held_out) / len(rows):.3f}, "
          f"model {sum(m for m, _ in held_out) / len(rows):.3f}")
    model = fit(rows)
    if args.check:
        checked = [row for path in args.check for row in examples(path)]
        print(f"{len(checked)} names in {len(args.check)} other files: rules {_accuracy(None, checked):.3f}, "
              f"model {_accuracy(model, checked):.3f}")
    if args.write:
        args.write.write_text(model.to_json(_COMMENT), encoding="utf-8")
        print(f"wrote {args.write}: {len(model.weights)} features")


if __name__ == "__main__":
    main()
