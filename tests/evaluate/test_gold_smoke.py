"""Each scorer on a few records of the real gold data with the real pipeline, so CI keeps them working."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.evaluate import DATASETS, evaluate

EVAL = Path(__file__).parents[3] / "shared" / "eval"


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_gold_smoke_scorer_runs(dataset, nlp):
    gold = EVAL / DATASETS[dataset][1]
    if not gold.exists():
        pytest.skip(f"gold data not present at {gold}")
    result = evaluate(dataset, gold, limit=3)
    assert result.records >= 1
    assert result.stats.get("pipeline_errors") == 0
    assert result.scores or result.accuracies
