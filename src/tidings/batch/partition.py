"""Split a corpus into partitions of articles, once, so a restarted run finds the same partitions.

The corpus is read here, by the same readers as ``tidings ingest``
(:func:`tidings.readers.corpus.iter_corpus`), and each partition is written
to ``OUT/_input`` as Parquet. Workers read their partition from there, so the
client sends the scheduler only partition numbers, and the total is known
before extraction starts (for the progress bar's estimate). A partition closes
at ``batch_size`` items or ``max_chars`` characters of text, whichever comes
first: both bound what a worker holds at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tidings.errors import InputError
from tidings.model import Article
from tidings.readers.corpus import CorpusItem, iter_corpus
from tidings.readers.limits import language_forced, max_chars_setting
from tidings.batch.layout import MANIFEST, input_file, read_json, write_json, write_parquet

BATCH_SIZE = 100
MAX_CHARS = 2_000_000
FORMAT = "tidings-batch/1"

INPUT_SCHEMA = pa.schema([
    ("position", pa.int32()), ("origin", pa.string()), ("error", pa.string()), ("text", pa.string()),
    ("external_id", pa.string()), ("title", pa.string()), ("url", pa.string()), ("outlet", pa.string()),
    ("byline", pa.string()), ("published", pa.date32()), ("source_path", pa.string()),
    ("warnings", pa.list_(pa.string())),
])


class BatchError(InputError):
    """A batch cannot run as asked (another run's output directory, a partition that keeps failing)."""


@dataclass(slots=True)
class Plan:
    """What the split produced: how many partitions, and what was found while reading."""

    partitions: int
    articles: int
    read_errors: int
    skipped: int
    counts: list[int]

    def to_dict(self) -> dict[str, Any]:
        return {"partitions": self.partitions, "articles": self.articles, "read_errors": self.read_errors,
                "skipped": self.skipped, "counts": self.counts}


def _row(item: CorpusItem, position: int) -> dict[str, Any]:
    article = item.article
    if article is None:
        return {"position": position, "origin": item.origin, "error": item.error or "unreadable"}
    return {"position": position, "origin": item.origin, "error": None, "text": article.text,
            "external_id": article.id or None, "title": article.title, "url": article.url,
            "outlet": article.outlet, "byline": article.byline, "published": article.published,
            "source_path": article.source_path, "warnings": list(article.warnings)}


def row_article(row: dict[str, Any]) -> Article:
    published = row.get("published")
    return Article(text=row["text"], id=row.get("external_id") or "", title=row.get("title"), url=row.get("url"),
                   outlet=row.get("outlet"), byline=row.get("byline"),
                   published=published if isinstance(published, date) or published is None else None,
                   source_path=row.get("source_path"), warnings=list(row.get("warnings") or []))


def read_partition(out: Path, index: int) -> list[dict[str, Any]]:
    return pq.read_table(input_file(out, index)).to_pylist()


def settings(paths: Sequence[str | Path], *, batch_size: int, max_chars: int,
             actors: Sequence[str | Path] | None, article_max_chars: int | None = None,
             force_language: bool | None = None) -> dict[str, Any]:
    """What must match for a restarted run to reuse a split (and its finished partitions)."""
    # the article cap and the language check decide what the split holds: a change must re-split
    return {"format": FORMAT, "inputs": [str(Path(p).resolve()) for p in paths], "batch_size": batch_size,
            "max_chars": max_chars, "actors": [str(Path(p).resolve()) for p in actors or ()],
            "article_max_chars": max_chars_setting(article_max_chars), "force_language": language_forced(force_language)}


def split(items: Iterable[CorpusItem], out: Path, *, batch_size: int = BATCH_SIZE, max_chars: int = MAX_CHARS,
          on_item: Callable[[int], None] | None = None) -> Plan:
    """Write the items as input partitions; read errors travel with their partition to ``failures``."""
    plan = Plan(partitions=0, articles=0, read_errors=0, skipped=0, counts=[])
    rows: list[dict[str, Any]] = []
    chars = 0

    def flush() -> None:
        nonlocal rows, chars
        if rows:
            write_parquet(input_file(out, plan.partitions), pa.Table.from_pylist(rows, schema=INPUT_SCHEMA))
            plan.counts.append(sum(1 for r in rows if r["error"] is None))
            plan.partitions += 1
            rows, chars = [], 0

    for item in items:
        if item.skipped is not None:
            plan.skipped += 1
            continue
        rows.append(_row(item, len(rows)))
        if item.article is None:
            plan.read_errors += 1
        else:
            plan.articles += 1
            chars += len(item.article.text)
        if on_item is not None:
            on_item(plan.articles)
        if len(rows) >= batch_size or chars >= max_chars:
            flush()
    flush()
    return plan


def prepare(paths: Sequence[str | Path], out: Path, *, batch_size: int = BATCH_SIZE, max_chars: int = MAX_CHARS,
            actors: Sequence[str | Path] | None = None, on_item: Callable[[int], None] | None = None,
            article_max_chars: int | None = None, force_language: bool | None = None,
            ) -> tuple[Plan, bool]:
    """The partitions of this run: reused from ``out`` when a run of the same settings split them already.

    ``article_max_chars`` and ``force_language`` are the readers' cap and language check (None: their
    defaults); the split applies them, so they are part of the settings. Returns the plan and whether
    it was reused.
    """
    if batch_size < 1 or max_chars < 1:
        raise BatchError("--batch-size must be at least 1")
    wanted = settings(paths, batch_size=batch_size, max_chars=max_chars, actors=actors,
                      article_max_chars=article_max_chars, force_language=force_language)
    manifest = read_json(out / MANIFEST)
    if manifest is not None:
        if manifest.get("settings") != wanted:
            raise BatchError(f"{out} holds a batch run of other inputs or settings ({manifest.get('settings')}): "
                             "give another --out, or delete that folder to start over")
        if manifest.get("complete"):
            plan = manifest["plan"]
            return Plan(**plan), True
    for given in paths:
        if not Path(given).exists():
            raise BatchError(f"no file or folder at {str(given)!r}: check the path")
    out.mkdir(parents=True, exist_ok=True)
    write_json(out / MANIFEST, {"settings": wanted, "complete": False})
    plan = split(iter_corpus(paths, force_language=force_language, max_chars=article_max_chars), out, batch_size=batch_size, max_chars=max_chars, on_item=on_item)
    write_json(out / MANIFEST, {"settings": wanted, "complete": True, "plan": plan.to_dict()})
    return plan, False


__all__ = ["BatchError", "Plan", "BATCH_SIZE", "MAX_CHARS", "INPUT_SCHEMA", "split", "prepare",
           "read_partition", "row_article", "settings"]
