"""Measure how well edge confidences match precision on annotated papers; with ``--write``, store
each rule's precision on them as ``ontology/confidence.json``, the confidences kg gives.

    python scripts/calibrate.py GOLD...                 # calibration of the shipped confidences
    python scripts/calibrate.py --write ontology/confidence.json GOLD...

Besides the shipped table, it prints a two-fold cross-fit: a table fitted on half of the papers
(split by paper id) judged on the other half, both ways, since a table judged on the papers it was
fitted on looks better than it is. Papers used for neither tell most (eval/README.md).
"""

from __future__ import annotations

import argparse
import json
import zlib
from dataclasses import replace
from pathlib import Path

from kg.eval import evaluate
from kg.eval.calibration import (EdgeOutcome, brier_score, by_group, confidence_table, expected_calibration_error,
                                  reliability, with_table)

_COMMENT = ("Confidence of an edge: the precision of the rule that made it, measured by scripts/calibrate.py on "
            "held-out annotated papers, the measurement files of eval/ (eval/README.md, 'Edge confidences'): "
            "relation -> rule -> precision, with the rule's correct and judged edges. "
            "'mentions' is an entity found in a paper; '*' is the relation's own precision, for rules not seen. "
            "Regenerate after changing extraction rules.")


def _report(title: str, outcomes: list[EdgeOutcome], bins: bool = True) -> None:
    for name, group in by_group(outcomes).items():
        precision = sum(o.correct for o in group) / len(group) if group else 0.0
        constant = [replace(o, confidence=precision) for o in group]
        print(f"{title}, {name}: {len(group)} edges, expected calibration error {expected_calibration_error(group):.3f}, "
              f"Brier score {brier_score(group):.4f} (one confidence for all, their precision: {brier_score(constant):.4f})")
        for row in reliability(group) if bins else ():
            print(f"  [{row['low']:.1f}, {row['high']:.1f})  {row['edges']:>5} edges  "
                  f"confidence {row['confidence']:.3f}  precision {row['precision']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--write", type=Path, help="write the per-rule precision table here")
    args = parser.parse_args()
    outcomes = [o for path in args.gold for o in evaluate(path).outcomes]
    _report("shipped confidences", outcomes)
    first, second = ([o for o in outcomes if zlib.crc32(o.paper.encode()) % 2 == side] for side in (0, 1))
    crossed = with_table(first, confidence_table(second)) + with_table(second, confidence_table(first))
    _report("two-fold cross-fit", crossed, bins=False)
    if args.write:
        table = {"_comment": _COMMENT, **confidence_table(outcomes)}
        args.write.write_text(json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
