"""Ingest a corpus: read, extract, store; duplicates skipped, failures recorded, nothing lost.

:func:`extract_for_store` is the pure per-article step (Article → Report): a
batch runner (Dask) can map it over articles on many machines and hand the
Reports to :meth:`Store.add_report` in one process.

Extracted reports are stored ``batch_size`` at a time in one transaction
(or sooner when ``batch_seconds`` have passed since the batch's first
report, so a slow pipeline does not hold finished work in memory long). A
kill loses at most the open batch, never part of an article, and a rerun
skips what was stored. If a batch fails, its reports are retried one by one
so a single bad article is recorded and the rest are kept.

A file store is held only while it is written: after a batch's commit the
connection is released (:meth:`Store.release`) when the batch took a while to
extract (the usual case: the pipeline is the slow part) or when the store has
been held for ``HOLD_SECONDS`` without a break (reports extracted elsewhere
arrive fast); other processes can read the file in between. Which articles
are stored is remembered in memory, so no query is needed between batches.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings.model import Article, Report
from tidings.readers.corpus import CorpusItem, iter_corpus
from tidings.store.ids import article_key
from tidings.store.interrupts import reraise_interrupt
from tidings.store.store import Added, Store

Extractor = Callable[[Article], Report]
OnItem = Callable[[CorpusItem, str], None]
BATCH_SIZE = 32
BATCH_SECONDS = 5.0
IDLE_SECONDS = 0.5   # a batch that took this long to gather: let go of the file after it
HOLD_SECONDS = 2.0   # never hold the file longer than this without a break for readers
BREAK_SECONDS = 0.05  # how long that break lasts


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


class _Pending:
    """Extracted reports waiting for their batch's transaction; outcomes are told only once committed."""

    def __init__(self, store: Store, summary: IngestSummary, on_item: OnItem | None, size: int,
                 seconds: float) -> None:
        self.store, self.summary, self.on_item = store, summary, on_item
        self.size, self.seconds = max(1, size), seconds
        self.items: list[tuple[CorpusItem, Report]] = []
        self.ids: set[str] = set()
        self.failures: list[tuple[str, str, str | None]] = []  # recorded with the next batch
        self.stored = _stored_ids(store)
        self.since = 0.0
        self.held_since = time.perf_counter()
        self.gathered = time.perf_counter()  # when the last batch was written

    def tell(self, item: CorpusItem, outcome: str) -> None:
        if self.on_item is not None:
            self.on_item(item, outcome)

    def add(self, item: CorpusItem, report: Report) -> None:
        if not self.items:
            self.since = time.perf_counter()
        self.items.append((item, report))
        self.ids.add(report.article.id)
        if len(self.items) >= self.size or time.perf_counter() - self.since >= self.seconds:
            self.flush()

    def known(self, article_id: str) -> bool:
        return article_id in self.ids or article_id in self.stored

    def fail(self, origin: str, error: str, article_id: str | None) -> None:
        self.summary.failed.append((origin, error))
        self.failures.append((origin, error, article_id))

    def flush(self) -> None:
        items, self.items, self.ids = self.items, [], set()
        failures, self.failures = self.failures, []
        if not items and not failures:
            return
        slow = time.perf_counter() - self.gathered >= IDLE_SECONDS
        if not self.store.held:
            self.held_since = time.perf_counter()
        try:
            self._write(items)
        finally:
            for origin, error, article_id in failures:
                self.store.record_failure(origin, error, article_id=article_id)
            self._let_go(slow)

    def _write(self, items: list[tuple[CorpusItem, Report]]) -> None:
        if not items:
            return
        try:
            results = self.store.add_reports([(report, item.origin) for item, report in items])
        except Exception:  # the whole batch rolled back: find the bad article, keep the others
            for item, report in items:
                try:
                    self._count(item, self.store.add_report(report, origin=item.origin))
                except Exception as exc:  # noqa: BLE001 - recorded, and the run goes on
                    reraise_interrupt(exc)  # the user's Ctrl-C, not a bad article
                    error = f"{type(exc).__name__}: {exc}"
                    self.summary.failed.append((item.origin, error))
                    self.store.record_failure(item.origin, error, article_id=report.article.id)
                    self.tell(item, "failed")
            return
        for (item, _), added in zip(items, results):
            self._count(item, added)

    def _let_go(self, slow: bool) -> None:
        """Release the file between batches so other processes can read it (see the module's docstring)."""
        now = time.perf_counter()
        if slow:
            self.store.release()
        elif now - self.held_since >= HOLD_SECONDS and self.store.releasable:
            self.store.release()
            time.sleep(BREAK_SECONDS)
        self.gathered = time.perf_counter()

    def _count(self, item: CorpusItem, added: Added) -> None:
        summary = self.summary
        self.stored.add(added.article_id)
        if added.duplicate:
            summary.duplicates += 1
            self.tell(item, "duplicate")
            return
        summary.added += 1
        summary.events_new += added.events_new
        summary.events_merged += added.events_merged
        summary.actors_new += added.actors_new
        self.tell(item, "added")


def ingest_items(store: Store, items: Iterable[CorpusItem], *, extract: Extractor | None = None,
                 on_item: OnItem | None = None, batch_size: int = BATCH_SIZE,
                 batch_seconds: float = BATCH_SECONDS) -> IngestSummary:
    """Store every article of ``items``, ``batch_size`` per transaction (1: each article alone).

    ``on_item`` hears of an added or duplicate article once its batch is committed.
    """
    run = extract or extract_for_store
    summary = IngestSummary()
    started = time.perf_counter()
    run_id = _start_run(store)
    pending = _Pending(store, summary, on_item, batch_size, batch_seconds)
    store.release()  # loading the model and extracting the first batch need no file
    try:
        for item in items:
            _one(item, run, summary, pending)
    finally:
        pending.flush()  # on an interrupt too: what was extracted is kept, all of a batch or none of it
    summary.seconds = time.perf_counter() - started
    _finish_run(store, run_id, summary)
    return summary


def ingest(store: Store, paths: Iterable[str | Path], *, extract: Extractor | None = None,
           on_item: OnItem | None = None, batch_size: int = BATCH_SIZE) -> IngestSummary:
    """Ingest files, folders, JSONL/CSV, feeds and WARC archives into ``store``."""
    return ingest_items(store, iter_corpus(paths), extract=extract, on_item=on_item, batch_size=batch_size)


def _one(item: CorpusItem, run: Extractor, summary: IngestSummary, pending: _Pending) -> None:
    if item.skipped is not None:
        summary.skipped += 1
        pending.tell(item, "skipped")
        return
    if item.article is None:
        pending.fail(item.origin, item.error or "unreadable", None)
        pending.tell(item, "failed")
        return
    summary.read += 1
    article = prepare_article(item.article)
    if pending.known(article.id):
        summary.duplicates += 1
        pending.tell(item, "duplicate")
        return
    try:
        report = run(article)
    except Exception as exc:  # one bad article must not stop the corpus; the reason is kept
        pending.fail(item.origin, f"{type(exc).__name__}: {exc}", article.id)
        pending.tell(item, "failed")
        return
    pending.add(item, report)


def _stored_ids(store: Store) -> set[str]:
    """The ids of the stored articles (20 characters each: about 80 MB for a million)."""
    return {row[0] for row in store.con.execute("SELECT id FROM articles").fetchall()}


def _start_run(store: Store) -> int:
    row = store.con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()
    run_id = int(row[0]) if row else 1
    store.con.execute("INSERT INTO runs (id, started_at) VALUES (?, current_timestamp)", [run_id])
    return run_id


def _finish_run(store: Store, run_id: int, summary: IngestSummary) -> None:
    try:
        store.con.execute(
            "UPDATE runs SET finished_at = current_timestamp, read = ?, added = ?, duplicates = ?, failed = ? "
            "WHERE id = ?",
            [summary.read, summary.added, summary.duplicates, len(summary.failed), run_id],
        )
    except RuntimeError as exc:  # Ctrl-C as the run ends: the articles are stored, the run stays unfinished
        reraise_interrupt(exc)
        raise


__all__ = ["IngestSummary", "ingest", "ingest_items", "extract_for_store", "prepare_article", "BATCH_SIZE"]
