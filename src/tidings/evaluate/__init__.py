"""Scorers for the public gold sets in ``../shared/eval``: one module per dataset, one ``run`` each.

``evaluate(dataset, gold, limit=…)`` runs the pipeline over the gold records
and returns an :class:`EvalResult` (per-field P/R/F1, accuracies, misses).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from tidings.errors import InputError
from tidings.evaluate.common import Extract, default_extract
from tidings.evaluate.metrics import Accuracy, EvalResult, Miss, Score

#: dataset name → (module, gold folder under ../shared/eval)
DATASETS: dict[str, tuple[str, str]] = {
    "plover-gsr": ("tidings.evaluate.plover_gsr", "plover-gsr"),
    "petrarch": ("tidings.evaluate.petrarch_suite", "petrarch2"),
    "wikievents": ("tidings.evaluate.wikievents", "wikievents"),
    "gvdb": ("tidings.evaluate.gvdb", "gvdb"),
    "ecbplus": ("tidings.evaluate.ecbplus", "ecbplus"),
    "geoparsing": ("tidings.evaluate.geoparsing", "geoparsing"),
}


def scorer(dataset: str) -> Callable[..., EvalResult]:
    """The ``run`` function of a dataset's scorer."""
    if dataset not in DATASETS:
        raise InputError(f"unknown dataset {dataset!r}: choose from {', '.join(DATASETS)}")
    return import_module(DATASETS[dataset][0]).run  # type: ignore[no-any-return]


def evaluate(dataset: str, gold: str | Path, *, limit: int | None = None,
             extract: Extract = default_extract) -> EvalResult:
    """Run tidings over a gold set and score it."""
    path = Path(gold)
    if not path.exists():
        raise InputError(f"no gold data at {str(path)!r}: pass --gold with the dataset's folder")
    return scorer(dataset)(path, limit=limit, extract=extract)


__all__ = ["DATASETS", "Accuracy", "EvalResult", "Miss", "Score", "evaluate", "scorer"]
