"""The task a worker runs: one partition in, its Parquet tables out.

The spaCy pipeline is built once per worker process and kept
(:func:`tidings.nlp.load_pipeline` caches it per process); every task after
the first reuses it. ``pipeline_loads`` in each task's result is the number
of times this process has built a pipeline, so a run can show that it stayed
at one per worker.

A task is idempotent: a partition already marked done is not redone, and a
rerun after a worker died mid-task rewrites the same files. One article that
fails becomes a row of ``failures`` with its error; it never fails the task.
The articles of a partition go through spaCy together (:mod:`tidings.batch.extract`),
so ``seconds`` in ``articles`` is the partition's mean time per article.
"""

from __future__ import annotations

import os
import resource
import socket
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tidings.batch.extract import extract_reports
from tidings.batch.layout import done_file, read_json, table_file, write_json, write_parquet
from tidings.batch.partition import read_partition, row_article
from tidings.batch.tables import TABLES, add_failure_row, add_report_rows, empty_rows, to_table
from tidings.model import Article


def pipeline_loads() -> int:
    """How many pipelines this process has built (the cache's misses)."""
    from tidings.nlp import pipeline_builds

    return pipeline_builds()


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_partition(out: str | Path, index: int, *, actors: Sequence[str] | None = None) -> dict[str, Any]:
    """Extract every article of input partition ``index`` and write its tables under ``out``."""
    out = Path(out)
    marker = done_file(out, index)
    finished = read_json(marker)
    if finished is not None:
        return {**finished, "skipped": True}
    started = time.perf_counter()
    rows = empty_rows()
    words = failed = events = 0
    given: list[tuple[int, str, str | None, Article]] = []  # position, origin, external id, article
    for row in read_partition(out, index):
        position, origin = int(row["position"]), str(row["origin"])
        if row["error"] is not None:
            add_failure_row(rows, partition=index, position=position, origin=origin, error=row["error"], article=None)
            failed += 1
            continue
        article = row_article(row)
        given.append((position, origin, article.id or None, article))
    tick = time.perf_counter()
    outcomes = extract_reports([article for *_, article in given], actors=actors)
    seconds = (time.perf_counter() - tick) / max(1, len(given))  # articles are parsed together: their mean
    for (position, origin, external_id, article), outcome in zip(given, outcomes):
        if isinstance(outcome, Exception):  # one bad article must not stop the partition; the reason is kept
            add_failure_row(rows, partition=index, position=position, origin=origin,
                            error=f"{type(outcome).__name__}: {outcome}", article=article)
            failed += 1
            continue
        add_report_rows(rows, outcome, partition=index, position=position, origin=origin,
                        external_id=external_id, seconds=seconds)
        words += rows["articles"][-1]["n_words"]
        events += len(outcome.events)
    for table in TABLES:
        write_parquet(table_file(out, table, index), to_table(table, rows[table]))
    result: dict[str, Any] = {
        "partition": index, "articles": len(rows["articles"]), "failed": failed, "events": events, "words": words,
        "seconds": round(time.perf_counter() - started, 3), "host": socket.gethostname(), "pid": os.getpid(),
        "pipeline_loads": pipeline_loads(), "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    write_json(marker, result)  # last: the partition counts as done only now
    return {**result, "skipped": False}


__all__ = ["process_partition", "pipeline_loads", "peak_rss_mb"]
