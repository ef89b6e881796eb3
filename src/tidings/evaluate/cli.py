"""The ``tidings evaluate`` command; the main CLI calls :func:`register` to add it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from tidings.console import make_console

from tidings.evaluate import DATASETS


def register(app: typer.Typer) -> None:
    """Add ``evaluate DATASET --gold PATH [--limit N] [--out report.json]`` to ``app``."""

    @app.command("evaluate")
    def evaluate_command(
        dataset: str = typer.Argument(..., help=f"One of: {', '.join(DATASETS)}, attribution (a JSONL gold file)."),
        gold: Path = typer.Option(..., "--gold", help="The dataset's gold folder, e.g. ../shared/eval/gvdb."),
        limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Score only the first N records (per corpus for geoparsing)."),
        out: Optional[Path] = typer.Option(None, "--out", help="Also write the full result (every miss) as JSON here."),
        misses: int = typer.Option(15, "--misses", help="How many of the worst misses to print."),
    ) -> None:
        """Score tidings on a public gold set: P/R/F1 per field and the worst misses."""
        from tidings.evaluate import evaluate
        from tidings.evaluate.report import render

        if dataset == "attribution":  # not in DATASETS: no attribution gold ships in ../shared/eval
            from tidings.evaluate.attribution import evaluate_file as evaluate

        result = evaluate(dataset, gold, limit=limit)
        render(result, make_console(), misses=misses)
        if out is not None:
            out.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
