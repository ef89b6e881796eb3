"""ECB+ cluster scoring: MUC, B³, CEAF-e, CoNLL and pairwise on tiny hand-made clusters, and the topic runs."""

from __future__ import annotations

import pytest

from tidings.evaluate import ecbplus
from tidings.evaluate.ecbplus import EcbDoc, b_cubed, ceaf_e, conll_f1, muc, pairwise

KEY = [{"a", "b", "c"}, {"d", "e"}]
RESPONSE = [{"a", "b"}, {"c", "d", "e"}]


def test_ecbplus_clusters_muc_counts_links():
    result = muc(KEY, RESPONSE)
    assert (result.precision, result.recall) == pytest.approx((2 / 3, 2 / 3))
    assert muc(KEY, [{x} for x in "abcde"]).f1 == 0.0


def test_ecbplus_clusters_b_cubed_averages_over_items():
    result = b_cubed(KEY, RESPONSE)
    assert (result.precision, result.recall) == pytest.approx((11 / 15, 11 / 15))
    singletons = b_cubed(KEY, [{x} for x in "abcde"])
    assert (singletons.precision, singletons.recall) == pytest.approx((1.0, 2 / 5))


def test_ecbplus_clusters_ceaf_e_aligns_clusters_one_to_one():
    result = ceaf_e(KEY, RESPONSE)
    assert (result.precision, result.recall) == pytest.approx((0.8, 0.8))
    # one response cluster can align with one key cluster only
    merged = ceaf_e(KEY, [{"a", "b", "c", "d", "e"}])
    assert merged.recall == pytest.approx((2 * 3 / 8) / 2) and merged.precision == pytest.approx(2 * 3 / 8)


def test_ecbplus_clusters_assignment_beats_greedy():
    # greedy takes 3 then 0; the best one-to-one matching takes 2 + 2
    assert ecbplus._assignment([[3.0, 2.0], [2.0, 0.0]]) == pytest.approx(4.0)
    assert ecbplus._assignment([[1.0], [5.0], [2.0]]) == pytest.approx(5.0)


def test_ecbplus_clusters_perfect_and_conll():
    assert conll_f1(KEY, KEY) == pytest.approx(1.0)
    expected = (2 / 3 + 11 / 15 + 0.8) / 3
    assert conll_f1(KEY, RESPONSE) == pytest.approx(expected)


def test_ecbplus_clusters_pairwise_counts_pairs():
    score = pairwise(KEY, RESPONSE)
    assert (score.tp, score.fp, score.fn) == (2, 2, 2)


def _doc(doc_id: str, text: str, chain: str) -> EcbDoc:
    start = text.index("attacked")
    return EcbDoc(doc_id, "9", text, [(start, start + 8, "ACTION_OCCURRENCE")], [(0, len(text))], [chain])


def test_ecbplus_clusters_runs_score_each_incident_and_count_links_across(build):
    docs = [_doc("9_1ecb", "Rebels attacked Marte.", "A"), _doc("9_2ecb", "Rebels attacked Marte at dawn.", "A"),
            _doc("9_1ecbplus", "Rebels attacked Marte.", "B")]
    reports = {}
    for doc in docs:
        rebels = build["actor"](doc.text, "boko_haram", "Rebels", kind="armed_group")
        marte = build["place"](doc.text, "marte", "Marte", 12.364, 13.83)
        reports[doc.id] = build["report"](doc.text, actors=[rebels], places=[marte], events=[
            {"type": "ASSAULT", "trigger": "attacked", "actors": ["boko_haram"], "place": "marte"},
            {"type": "ASSAULT", "trigger": "Marte", "actors": ["boko_haram"], "place": "marte"},  # on no gold action
        ])
    assert [d.incident for d in docs] == ["ecb", "ecb", "ecbplus"]
    runs = ecbplus.cluster_runs(docs, reports)
    # with no date anywhere the two incidents cannot be told apart: one cluster, a wrong link across
    assert sum(len(c) for c in runs["topic"].key) == 3
    assert runs["ecb"].scores()["B3 F1"] == pytest.approx(1.0)
    topic = runs["topic"].scores()
    assert topic["B3 P"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3) and topic["B3 R"] == pytest.approx(1.0)
    assert runs["topic"].cross_links > 0 and runs["ecb"].cross_links == 0
    result = ecbplus.EvalResult(dataset="ecbplus", gold="-")
    ecbplus.score_clusters(result, runs)
    assert result.scores["event pairs (topic)"].fp == 2 and result.stats["ecb B3 F1"] == 100.0


def test_ecbplus_clusters_prefix_keeps_held_out_scores_apart(build):
    docs = [_doc("9_1ecb", "Rebels attacked Marte.", "A"), _doc("9_2ecb", "Rebels attacked Marte at dawn.", "A")]
    reports = {}
    for doc in docs:
        rebels = build["actor"](doc.text, "boko_haram", "Rebels", kind="armed_group")
        reports[doc.id] = build["report"](doc.text, actors=[rebels], events=[
            {"type": "ASSAULT", "trigger": "attacked", "actors": ["boko_haram"]}])
    result = ecbplus.EvalResult(dataset="ecbplus", gold="-")
    topic = ecbplus.cluster_runs(docs, reports)["topic"]
    ecbplus.score_clusters(result, {"topic": topic}, prefix="held-out ")
    assert "event pairs (held-out topic)" in result.scores and "event pairs (topic)" not in result.scores
    assert result.stats["held-out topic B3 F1"] == round(100 * topic.scores()["B3 F1"], 1)
    assert "topic B3 F1" not in result.stats
    assert result.stats["held-out topic cross-incident link rate"] == 0.0
