"""The selected events with their actors, reports, places and articles, loaded once for the row formats.

Seven statements whatever the number of events (see
:mod:`tidings.store.export_queries`); the formats then only reshape dicts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tidings.store import export_queries as q
from tidings.store.store import Store

Row = dict[str, Any]


@dataclass(slots=True)
class EventBundle:
    """One merged event: its row, its actors and recipients (full actor rows) and its reports."""

    row: Row
    actors: list[Row] = field(default_factory=list)
    recipients: list[Row] = field(default_factory=list)
    reports: list[Row] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def day(self) -> date | None:
        """The event's day: its date, or its first publication when it has none."""
        return self.row["date_start"] or self.row["first_reported"]


@dataclass(slots=True)
class Bundle:
    """Everything the row formats need, keyed by id."""

    events: list[EventBundle]
    actors: dict[str, Row]
    places: dict[str, Row]
    mentions: dict[tuple[str, str], list[Row]]  # (article id, actor id) → mentions in text order


def load(store: Store, selection: q.Selection, *, mentions: bool = True) -> Bundle:
    """Load the selection: events in order, each with its actors, recipients and reports."""
    actors = {r["id"]: r for r in q.actors(store, selection)}
    places = {r["id"]: r for r in q.places(store, selection)}
    bundles = [EventBundle(row) for row in q.events(store, selection)]
    by_id = {b.id: b for b in bundles}
    for row in q.event_actors(store, selection):
        actor = actors.get(row["actor_id"]) or {"id": row["actor_id"], "name": row["actor_id"], "kind": "unknown"}
        target = by_id[row["event_id"]]
        (target.actors if row["role"] == "actor" else target.recipients).append(actor)
    for row in q.event_reports(store, selection):
        row["attribution"] = json.loads(row["attribution"]) if row["attribution"] else []
        by_id[row["event_id"]].reports.append(row)
    found: dict[tuple[str, str], list[Row]] = {}
    if mentions:
        for row in q.mentions(store, selection):
            found.setdefault((row["article_id"], row["actor_id"]), []).append(row)
    return Bundle(bundles, actors, places, found)


def entity_text(bundle: Bundle, report: Row | None, actor_id: str) -> Row | None:
    """The actor's mention in the report's article: inside the evidence if one is, else the first."""
    if report is None:
        return None
    found = bundle.mentions.get((report["article_id"], actor_id))
    if not found:
        return None
    lo, hi = report["evidence_start"], report["evidence_end"]
    if lo is not None and hi is not None:
        for mention in found:
            if lo <= mention["start"] and mention["end"] <= hi:
                return mention
    return found[0]


def iso(value: Any) -> Any:
    """Dates as ISO strings; everything else unchanged (JSON, CSV and GraphML want text)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def plain(row: Row) -> Row:
    """A row with ISO dates and lists kept: JSON-ready (inlined: it runs once per column of 10⁵ rows)."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def chains(event: EventBundle) -> list[str]:
    """The distinct attribution chains of an event's reports, oldest report first."""
    seen: dict[str, None] = {}
    for report in event.reports:
        seen.setdefault(report["source_label"], None)
    return list(seen)


__all__ = ["Bundle", "EventBundle", "load", "entity_text", "iso", "plain", "chains"]
