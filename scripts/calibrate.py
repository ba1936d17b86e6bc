"""Measure how well edge confidences match precision on annotated papers; with ``--write``, store
each rule's precision on them as ``ontology/confidence.json``.

    python scripts/calibrate.py GOLD...                 # calibration of the shipped confidences
    python scripts/calibrate.py --write ontology/confidence.json GOLD...

The shipped confidences are those ``kg build`` gives: the relation model's probabilities
(``kg.nlp.relation_model``) for names and relations alike. The table is measured on the rules' own
findings, the relation model left out: it holds the confidences of a pipeline without that model
(the model learns from which rule found a name or an edge, not from the rule's confidence). The
script also prints a two-fold cross-fit of the table: fitted on half of the papers (split by paper
id) and judged on the other half, both ways, since a table judged on the papers it was fitted on
looks better than it is. Papers used for neither tell most (eval/README.md).
"""

from __future__ import annotations

import argparse
import json
import zlib
from dataclasses import replace
from pathlib import Path

from kg.eval import evaluate, gold_papers, read_gold, score_graph
from kg.eval.calibration import (EdgeOutcome, brier_score, by_group, confidence_table, expected_calibration_error,
                                  reliability, with_table)
from kg.graph.build import assemble
from kg.linking.kb import load_kb
from kg.linking.link import link
from kg.nlp.lexicon import load_lexicon
from kg.nlp.pipeline import extract_papers, make_pipeline

_COMMENT = ("Confidence of an edge: the precision of the rule that made it, measured by scripts/calibrate.py on "
            "held-out annotated papers, the measurement files of eval/ (eval/README.md, 'Edge confidences'): "
            "relation -> rule -> precision, with the rule's correct and judged edges. "
            "'mentions' is an entity found in a paper; '*' is the relation's own precision, for rules not seen. "
            "Where the relation model decides (relation_model.json), its probabilities are the confidences "
            "instead: this table holds those of a pipeline without that model. "
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


def rule_outcomes(path: Path) -> list[EdgeOutcome]:
    """The judged edges of the gold file's papers as the rules alone find them."""
    gold, kb = read_gold(path), load_kb()
    nlp = make_pipeline(kb, replace(load_lexicon(), relation_model=None))
    return score_graph(assemble(link(extract_papers(gold_papers(path, gold), nlp), kb)), gold).outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--write", type=Path, help="write the per-rule precision table here")
    args = parser.parse_args()
    _report("shipped confidences", [o for path in args.gold for o in evaluate(path).outcomes])
    outcomes = [o for path in args.gold for o in rule_outcomes(path)]
    first, second = ([o for o in outcomes if zlib.crc32(o.paper.encode()) % 2 == side] for side in (0, 1))
    crossed = with_table(first, confidence_table(second)) + with_table(second, confidence_table(first))
    _report("two-fold cross-fit of the table", crossed, bins=False)
    if args.write:
        table = {"_comment": _COMMENT, **confidence_table(outcomes)}
        args.write.write_text(json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
