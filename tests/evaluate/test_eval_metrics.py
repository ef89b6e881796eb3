from __future__ import annotations

import pytest

from tidings.evaluate.metrics import Accuracy, EvalResult, Miss, Score, haversine_km, match_pairs, norm, overlaps
from tidings.evaluate.report import markdown


def test_metrics_score_precision_recall_f1():
    score = Score(tp=3, fp=1, fn=2)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_metrics_score_empty_is_undefined_not_zero():
    assert Score().precision is None and Score().f1 is None
    assert Score(fn=2).recall == 0.0 and Score(fn=2).f1 is None


def test_metrics_accuracy_counts():
    acc = Accuracy()
    for ok in (True, False, True, True):
        acc.add(ok)
    assert (acc.correct, acc.total, acc.value) == (3, 4, 0.75)


@pytest.mark.parametrize("a,b,expected", [((0, 5), (4, 9), True), ((0, 5), (5, 9), False), ((3, 4), (0, 10), True)])
def test_metrics_overlaps_half_open(a, b, expected):
    assert overlaps(a, b) is expected


def test_metrics_haversine_known_distance():
    # Paris → London is about 344 km
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=5)


def test_metrics_match_pairs_is_one_to_one():
    pairs, missed, extra = match_pairs([1, 1, 2], [1, 3], lambda g, p: g == p)
    assert pairs == [(0, 0)] and missed == [1, 2] and extra == [1]


@pytest.mark.parametrize("raw,expected", [("The Hamas's", "hamas"), ("São Paulo", "sao paulo"), ("U.S.", "u s")])
def test_metrics_norm(raw, expected):
    assert norm(raw) == expected


def test_metrics_worst_spreads_over_error_classes():
    result = EvalResult("x", "y")
    for i in range(10):
        result.miss(str(i), "actor", "wrong actor", "a", "b", weight=2.0)
    result.miss("z", "place", "no place", "p", None, weight=1.0)
    kinds = {m.kind for m in result.worst(4)}
    assert kinds == {"wrong actor", "no place"}
    assert result.error_classes()[0] == ("actor: wrong actor", 10)


def test_report_markdown_names_misses_without_quoting_the_gold_text():
    result = EvalResult(dataset="toy", gold="/gold/toy", records=1, scores={"event": Score(tp=0, fp=1, fn=1)})
    result.misses.append(Miss("R-1", "event", "wrong type", "AID", "ASSAULT", text="Rebels shelled the depot."))
    committed = markdown(result)
    assert "`R-1` expected *AID*, got *ASSAULT*" in committed and "Rebels shelled" not in committed
    assert "Rebels shelled the depot." in markdown(result, quote_text=True)
