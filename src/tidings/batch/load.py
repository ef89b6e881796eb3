"""Load a batch output directory into the DuckDB store and merge events across articles.

Extraction runs in parallel; merging reports of one event needs every report
seen so far, so it runs here, in one process, through the store's own merge
(:func:`tidings.store.records.add_report_dict` → ``Store.add_report``).
Partitions load in order and articles in corpus order within each, so the
merged events do not depend on which worker finished first. Loading is
idempotent: articles already in the store are skipped.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from tidings.batch.layout import MANIFEST, done_partitions, read_json, table_file
from tidings.batch.partition import BatchError
from tidings.store.records import add_report_dict
from tidings.store.store import Store


@dataclass(slots=True)
class LoadSummary:
    """What loading did; ``missing`` lists partitions the batch has not finished (not loaded)."""

    partitions: int = 0
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    events_new: int = 0
    events_merged: int = 0
    actors_new: int = 0
    seconds: float = 0.0
    missing: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]


def _rows(out: Path, table: str, index: int, columns: list[str]) -> list[dict[str, Any]]:
    return pq.read_table(table_file(out, table, index), columns=columns).to_pylist()


def load_batch(out: str | Path, store: Store, *, on_partition: Callable[[int, int], None] | None = None) -> LoadSummary:
    """Add every finished partition's reports to ``store``; ``on_partition(done, total)`` after each."""
    started = time.perf_counter()
    out = Path(out)
    manifest = read_json(out / MANIFEST)
    if manifest is None:
        raise BatchError(f"{out} is not a batch output directory (no {MANIFEST}): run `tidings batch … --out {out}`")
    planned = int((manifest.get("plan") or {}).get("partitions", 0))
    done = done_partitions(out)
    summary = LoadSummary(missing=[i for i in range(planned) if i not in done])
    for count, index in enumerate(sorted(done), start=1):
        texts = {r["position"]: r for r in _rows(out, "articles", index, ["position", "article_id", "origin", "text"])}
        for row in _rows(out, "reports", index, ["position", "report"]):
            article = texts[row["position"]]
            if store.has_article(article["article_id"]):
                summary.duplicates += 1
                continue
            added = add_report_dict(store, json.loads(row["report"]), text=article["text"], origin=article["origin"])
            if added.duplicate:
                summary.duplicates += 1
                continue
            summary.added += 1
            summary.events_new += added.events_new
            summary.events_merged += added.events_merged
            summary.actors_new += added.actors_new
        for row in _rows(out, "failures", index, ["origin", "article_id", "error"]):
            store.record_failure(row["origin"], row["error"], article_id=row["article_id"])
            summary.failed += 1
        summary.partitions += 1
        if on_partition is not None:
            on_partition(count, len(done))
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["LoadSummary", "load_batch"]
