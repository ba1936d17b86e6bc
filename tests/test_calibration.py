"""Edge confidences: calibration measures and the shipped per-rule precision table."""

from __future__ import annotations

import pytest

from kg.eval.calibration import (PRIOR_EDGES, EdgeOutcome, brier_score, confidence_table, expected_calibration_error,
                                  reliability, with_table)
from kg.names import MENTIONS, PAPER_RELATIONS
from kg.nlp.confidence import confidence_of


def _edges(relation: str, rule: str, confidence: float, right: int, wrong: int) -> list[EdgeOutcome]:
    return [EdgeOutcome(f"p{i}", relation, rule, confidence, i < right) for i in range(right + wrong)]


def test_calibration_error_is_the_weighted_gap_between_confidence_and_precision():
    calibrated = _edges("builds_on", "uses", 0.8, 8, 2)
    assert expected_calibration_error(calibrated) == pytest.approx(0.0)
    overconfident = _edges("builds_on", "uses", 0.95, 1, 1)  # 0.95 said, 0.5 true
    assert expected_calibration_error(overconfident) == pytest.approx(0.45)
    both = calibrated + overconfident  # 10 edges off by 0, 2 by 0.45
    assert expected_calibration_error(both) == pytest.approx(2 * 0.45 / 12)
    assert [(r["low"], r["edges"], r["precision"]) for r in reliability(both)] == [(0.8, 10, 0.8), (0.9, 2, 0.5)]
    assert expected_calibration_error([]) == 0.0
    assert brier_score(overconfident) == pytest.approx((0.05 ** 2 + 0.95 ** 2) / 2)
    assert brier_score(calibrated) == pytest.approx((8 * 0.2 ** 2 + 2 * 0.8 ** 2) / 10)


def test_confidence_table_pulls_a_rarely_seen_rule_toward_its_relation():
    outcomes = _edges("builds_on", "uses", 0.5, 6, 4) + _edges("builds_on", "rare", 0.5, 1, 0)
    table = confidence_table(outcomes)
    prior = 7 / 11
    assert table["builds_on"]["*"] == {"precision": round(prior, 3), "correct": 7, "edges": 11}
    assert table["builds_on"]["rare"]["precision"] == round((1 + PRIOR_EDGES * prior) / (1 + PRIOR_EDGES), 3)
    assert table["builds_on"]["rare"]["precision"] < 1.0
    # fitted and judged on the same edges, the table is calibrated per rule
    refitted = with_table(outcomes, table)
    assert {o.confidence for o in refitted if o.rule == "uses"} == {table["builds_on"]["uses"]["precision"]}
    # a rule the table has not seen gets the relation's precision
    (unseen,) = with_table(_edges("builds_on", "new_rule", 0.1, 1, 0), table)
    assert unseen.confidence == table["builds_on"]["*"]["precision"]
    # a relation the table has no edges of cannot be judged by it
    assert with_table(_edges("trained_on", "trained_on", 0.5, 1, 1), table) == []


def test_shipped_confidences_cover_every_relation_and_fall_back_for_unknown_rules():
    for relation in (*PAPER_RELATIONS, MENTIONS):
        fallback = confidence_of(relation, "no such rule")
        assert 0 < fallback < 1
    # a rule that is more often wrong is less confident than its relation as a whole
    assert confidence_of("builds_on", "title_mention") < confidence_of("builds_on", "no such rule")
    assert confidence_of("introduces", "title") > confidence_of("introduces", "propose")
