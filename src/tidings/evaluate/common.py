"""What every scorer shares: how to call the pipeline, and how a gold name matches our actors."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from tidings.evaluate.metrics import EvalResult, norm
from tidings.model import Actor, Event, Place, Report


class Extract(Protocol):
    """The pipeline as the scorers call it; tests pass a fake that returns hand-built Reports."""

    def __call__(self, text: str, *, published: date | str | None = None,
                 actors: Sequence[str | Path] | None = None) -> Report: ...


def default_extract(text: str, *, published: date | str | None = None,
                    actors: Sequence[str | Path] | None = None) -> Report:
    """The real pipeline, imported late so scorers load without spaCy."""
    from tidings.api import extract

    return extract(text, published=published, actors=actors)


T = TypeVar("T")


def run_records(result: EvalResult, records: Iterable[T], text_of: Callable[[T], str],
                call: Callable[[T], Report], score: Callable[[T, Report], None], record_id: Callable[[T], str]) -> None:
    """Extract and score each record; a pipeline crash becomes a counted miss instead of ending the run."""
    started = time.perf_counter()
    errors = 0
    for record in records:
        result.records += 1
        try:
            report = call(record)
        except Exception as exc:  # noqa: BLE001 - one bad record must not hide the other numbers
            errors += 1
            result.miss(record_id(record), "pipeline", "crash", "a report", f"{type(exc).__name__}: {exc}",
                        text_of(record)[:300], weight=5.0)
            continue
        score(record, report)
    result.seconds = time.perf_counter() - started
    result.stats["pipeline_errors"] = errors


def limited(items: Iterable[T], limit: int | None) -> Iterator[T]:
    """The first ``limit`` items (all when None)."""
    for index, item in enumerate(items):
        if limit is not None and index >= limit:
            return
        yield item


def actor_index(report: Report) -> dict[str, Actor]:
    return {a.id: a for a in report.actors}


def place_index(report: Report) -> dict[str, Place]:
    return {p.id: p for p in report.places}


def names_of_actor(actor: Actor | None, spans: Iterable[Any] = ()) -> set[str]:
    """Normalized strings an actor answers to: its name, its mention texts, the spans the event used."""
    out: set[str] = set()
    if actor is not None:
        out.add(norm(actor.name))
        out.update(norm(m.text) for m in actor.mentions)
    out.update(norm(s.text) for s in spans)
    out.discard("")
    return out


def text_matches(gold_text: str, names: set[str]) -> bool:
    """Gold text matches a name when one's words are all among the other's (Hamas ~ Hamas gunmen)."""
    gold = norm(gold_text)
    if not gold:
        return False
    gold_words = set(gold.split())
    for name in names:
        words = set(name.split())
        if gold == name or (gold_words and words and (gold_words <= words or words <= gold_words)):
            return True
    return False


def event_text(report: Report, event: Event) -> str:
    return event.evidence.text or report.article.text[event.evidence.start:event.evidence.end]


def first_events(report: Report) -> list[Event]:
    """Events in text order."""
    return sorted(report.events, key=lambda e: (e.trigger.start, e.trigger.end))
