"""Ingest a corpus: read, extract, store; duplicates skipped, failures recorded, nothing lost.

:func:`extract_for_store` is the pure per-article step (Article → Report): a
batch runner (Dask) can map it over articles on many machines and hand the
Reports to :meth:`Store.add_report` in one process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings.model import Article, Report
from tidings.readers.corpus import CorpusItem, iter_corpus
from tidings.store.ids import article_key
from tidings.store.store import Store

Extractor = Callable[[Article], Report]
OnItem = Callable[[CorpusItem, str], None]


@dataclass(slots=True)
class IngestSummary:
    """What one run did; ``failed`` keeps (origin, reason) pairs."""

    read: int = 0
    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    events_new: int = 0
    events_merged: int = 0
    actors_new: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read, "added": self.added, "duplicates": self.duplicates, "skipped": self.skipped,
            "failed": [{"origin": o, "error": e} for o, e in self.failed],
            "events_new": self.events_new, "events_merged": self.events_merged, "actors_new": self.actors_new,
            "seconds": round(self.seconds, 3),
        }


def prepare_article(article: Article) -> Article:
    """Give the article its store id (hash of normalized text + url)."""
    article.id = article_key(article.text, article.url)
    return article


def extract_for_store(article: Article, *, actors: Sequence[str | Path] | None = None) -> Report:
    """The per-article step: no database, no shared state beyond the cached pipeline."""
    from tidings.api import extract_article

    return extract_article(prepare_article(article), actors=actors)


def ingest_items(store: Store, items: Iterable[CorpusItem], *, extract: Extractor | None = None,
                 on_item: OnItem | None = None) -> IngestSummary:
    """Store every article of ``items``; each in its own transaction."""
    run = extract or extract_for_store
    summary = IngestSummary()
    started = time.perf_counter()
    run_id = _start_run(store)
    for item in items:
        outcome = _one(store, item, run, summary)
        if on_item is not None:
            on_item(item, outcome)
    summary.seconds = time.perf_counter() - started
    _finish_run(store, run_id, summary)
    return summary


def ingest(store: Store, paths: Iterable[str | Path], *, extract: Extractor | None = None,
           on_item: OnItem | None = None) -> IngestSummary:
    """Ingest files, folders, JSONL/CSV, feeds and WARC archives into ``store``."""
    return ingest_items(store, iter_corpus(paths), extract=extract, on_item=on_item)


def _one(store: Store, item: CorpusItem, run: Extractor, summary: IngestSummary) -> str:
    if item.skipped is not None:
        summary.skipped += 1
        return "skipped"
    if item.article is None:
        _fail(store, summary, item.origin, item.error or "unreadable", None)
        return "failed"
    summary.read += 1
    article = prepare_article(item.article)
    if store.has_article(article.id):
        summary.duplicates += 1
        return "duplicate"
    try:
        report = run(article)
        added = store.add_report(report, origin=item.origin)
    except Exception as exc:  # one bad article must not stop the corpus; the reason is kept
        _fail(store, summary, item.origin, f"{type(exc).__name__}: {exc}", article.id)
        return "failed"
    if added.duplicate:
        summary.duplicates += 1
        return "duplicate"
    summary.added += 1
    summary.events_new += added.events_new
    summary.events_merged += added.events_merged
    summary.actors_new += added.actors_new
    return "added"


def _fail(store: Store, summary: IngestSummary, origin: str, error: str, article_id: str | None) -> None:
    summary.failed.append((origin, error))
    store.record_failure(origin, error, article_id=article_id)


def _start_run(store: Store) -> int:
    row = store.con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()
    run_id = int(row[0]) if row else 1
    store.con.execute("INSERT INTO runs (id, started_at) VALUES (?, current_timestamp)", [run_id])
    return run_id


def _finish_run(store: Store, run_id: int, summary: IngestSummary) -> None:
    store.con.execute(
        "UPDATE runs SET finished_at = current_timestamp, read = ?, added = ?, duplicates = ?, failed = ? WHERE id = ?",
        [summary.read, summary.added, summary.duplicates, len(summary.failed), run_id],
    )


__all__ = ["IngestSummary", "ingest", "ingest_items", "extract_for_store", "prepare_article"]
