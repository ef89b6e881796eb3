"""The batch commands: ``tidings batch`` (corpus → Parquet on Dask workers) and ``tidings load`` (Parquet → store).

``register(app)`` adds them to the main Typer app. Progress and summaries go
to stderr; errors are :class:`tidings.errors.TidingsError`, which the main
entry point turns into one line and exit code 2.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from tidings.console import make_console
from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
)
from rich.text import Text

from tidings.store_cli import FORCE_LANGUAGE, MAX_CHARS

_err = make_console(stderr=True)


class RateColumn(ProgressColumn):
    """Items (articles, or partitions while merging) per second over the last half minute."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit", "articles")
        speed = task.speed
        return Text(f"… {unit}/s" if speed is None else f"{speed:,.1f} {unit}/s", style="cyan")


def _bar(quiet: bool) -> Progress:
    return Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TextColumn("ETA"), TimeRemainingColumn(), TimeElapsedColumn(), console=_err,
                    disable=quiet, speed_estimate_period=30.0)


def _load_into(out: Path, db: Path, *, quiet: bool) -> dict[str, Any]:
    from tidings.batch import load_batch
    from tidings.store import open_store

    with _bar(quiet) as bar, open_store(db) as store:
        task = bar.add_task("merging", total=None, unit="partitions")
        summary = load_batch(out, store, on_partition=lambda done, total: bar.update(task, completed=done,
                                                                                    total=total))
    return summary.to_dict()


def register(app: typer.Typer) -> None:
    """Add ``batch`` and ``load`` to the main app."""

    @app.command()
    def batch(
        inputs: list[str] = typer.Argument(..., metavar="INPUT…", help="Files or folders: text, HTML, JSONL, CSV, RSS, WARC."),
        out: Path = typer.Option(..., "--out", help="Output folder for the Parquet tables (shared storage on a cluster)."),
        workers: int = typer.Option(os.cpu_count() or 1, "--workers", "-w",
                                    help="Local worker processes (0: in this process). Ignored with --scheduler."),
        scheduler: Optional[str] = typer.Option(None, "--scheduler", help="A running Dask scheduler, tcp://HOST:PORT."),
        db: Optional[Path] = typer.Option(None, "--db", help="Then load the tables into this DuckDB file and merge events."),
        batch_size: int = typer.Option(100, "--batch-size", help="Articles per partition (bounds a worker's memory)."),
        actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (repeatable)."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON on stdout."),
        force_language: bool = FORCE_LANGUAGE,
        max_chars: Optional[int] = MAX_CHARS,
    ) -> None:
        """Extract a corpus in partitions on local Dask workers or a cluster; resumable; Parquet out."""
        from tidings.batch import run_batch

        with _bar(quiet) as bar:
            tasks: dict[str, Any] = {}

            def progress(phase: str, done: int, total: int) -> None:
                if phase not in tasks:
                    for other in tasks.values():
                        bar.stop_task(other)
                    tasks[phase] = bar.add_task(phase, total=total or None, completed=done)
                else:
                    bar.update(tasks[phase], completed=done, total=total or None)

            summary = run_batch(inputs, out, workers=workers, scheduler=scheduler, batch_size=batch_size,
                                actors=actors, progress=progress, article_max_chars=max_chars,
                                force_language=force_language or None)
        result: dict[str, Any] = {"batch": summary.to_dict()}
        rate = summary.extracted / summary.seconds if summary.seconds else 0.0
        _err.print(f"{summary.articles} articles in {summary.partitions} partitions under {summary.out}: "
                   f"{summary.extracted} extracted now ({rate:,.1f} articles/s, {summary.seconds:,.1f} s), "
                   f"{summary.resumed} partitions already done, {summary.failed} failed, "
                   f"{summary.events} events, {summary.skipped} not articles")
        for who, seen in sorted(summary.workers.items()):
            _err.print(f"  worker {who}: {seen['partitions']} partitions, pipeline loaded {seen['pipeline_loads']}×, "
                       f"peak RSS {seen['peak_rss_mb']:,.0f} MB")
        for error in summary.errors:
            _err.print(f"  partition failed: {error}")
        if db is not None and summary.complete:
            result["load"] = _load_into(Path(summary.out), db, quiet=quiet)
            _err.print(f"loaded {summary.out} into {db}: {result['load']['added']} articles added, "
                       f"{result['load']['events_new']} new events, {result['load']['events_merged']} reports merged")
        if json_out:
            sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")
        if not summary.complete:
            _err.print("the run is incomplete: run the same command again to finish it (done partitions are kept)")
            raise typer.Exit(1)

    @app.command()
    def load(
        folder: Path = typer.Argument(..., metavar="DIR", help="A `tidings batch` output folder."),
        db: Optional[Path] = typer.Option(None, "--db", help="Database file (default: $TIDINGS_DB or ./tidings.duckdb)."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    ) -> None:
        """Load a batch's Parquet tables into the DuckDB store and merge events across articles."""
        from tidings.store_cli import default_db

        target = db or default_db()
        summary = _load_into(folder, target, quiet=quiet)
        _err.print(f"loaded {summary['partitions']} partitions into {target}: {summary['added']} articles added, "
                   f"{summary['duplicates']} already there, {summary['failed']} failures recorded, "
                   f"{summary['events_new']} new events, {summary['events_merged']} reports merged "
                   f"({summary['seconds']:.1f} s)")
        if summary["missing"]:
            _err.print(f"{len(summary['missing'])} partitions are not finished and were not loaded: "
                       "rerun `tidings batch` with the same inputs and --out to finish them")


__all__ = ["register", "RateColumn"]
