"""Typed records: what the pipeline produces and what every output is made of.

The JSON shape of :class:`Report` is the record contract (schema ``tidings/1``,
see ``docs/contract.md``): other tools and our scorers read it, so fields may
be added but not renamed or dropped without bumping :data:`SCHEMA`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

SCHEMA = "tidings/1"

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)

Status = Literal[
    "asserted", "reported", "alleged", "claimed", "denied", "future", "hypothetical", "negated",
]
STATUSES: tuple[str, ...] = (
    "asserted", "reported", "alleged", "claimed", "denied", "future", "hypothetical", "negated",
)

Precision = Literal["day", "week", "month", "year", "range", "reported"]


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of the article text: offsets are Python string indices into ``Article.text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Article:
    """One news article as read: ``text`` is exactly what offsets point into."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: date | None = None
    source_path: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "byline": self.byline,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
        }


@dataclass(slots=True)
class Actor:
    """An actor of the report, resolved to the knowledge base or, failing that, kept by its name."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    parent: str | None = None
    mentions: list[TextSpan] = field(default_factory=list)
    resolved_by: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "wikidata": self.wikidata,
            "parent": self.parent,
            "resolved_by": sorted(set(self.resolved_by)),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(slots=True)
class Place:
    """A place named in the article, with the raw strings behind its geocode."""

    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    geonameid: int | None = None
    admin1: str | None = None
    mentions: list[TextSpan] = field(default_factory=list)
    # What the place is (country, city, county, region, street, facility …), and for a
    # local feature placed by its context, the id of the place whose coordinates it took.
    kind: str | None = None
    within: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "geonameid": self.geonameid,
            "within": self.within,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class When:
    """A normalized date or date range; ``precision`` says how far to trust ``start``..``end``."""

    start: date
    end: date
    precision: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "precision": self.precision}


@dataclass(slots=True)
class TimeMention:
    """A time expression as found; ``value`` is None when it cannot be resolved, with ``reason``."""

    span: TextSpan
    value: When | None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {**self.span.to_dict(), "value": self.value.to_dict() if self.value else None}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(slots=True)
class Source:
    """One link of an attribution chain, from the outlet down to the cited source."""

    name: str
    kind: str  # outlet | reporter | person | organisation | anonymous | document
    actor: str | None = None
    span: TextSpan | None = None
    cue: TextSpan | None = None
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind, "actor": self.actor}
        if self.span:
            out["span"] = {"start": self.span.start, "end": self.span.end}
        if self.cue:
            out["cue"] = self.cue.to_dict()
        if self.description:
            out["description"] = self.description
        return out


@dataclass(slots=True)
class Event:
    """A coded event: PLOVER type, participants, where, when, on whose word, and the text behind it."""

    id: str
    type: str
    mode: str | None
    context: list[str]
    actors: list[str]
    recipients: list[str]
    place: str | None
    date: When | None
    date_text: str | None
    status: str
    attribution: list[Source]
    evidence: TextSpan
    trigger: TextSpan
    confidence: float
    cameo: str | None = None
    status_cue: TextSpan | None = None
    actor_spans: list[TextSpan] = field(default_factory=list)
    recipient_spans: list[TextSpan] = field(default_factory=list)
    dead: int | None = None
    injured: int | None = None
    size: int | None = None
    weapon: str | None = None
    mentions: list[TextSpan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        when: dict[str, Any] | None = None
        if self.date:
            when = {**self.date.to_dict(), "text": self.date_text}
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "actors": list(self.actors),
            "recipients": list(self.recipients),
            "actor_spans": [s.to_dict() for s in self.actor_spans],
            "recipient_spans": [s.to_dict() for s in self.recipient_spans],
            "place": self.place,
            "date": when,
            "status": self.status,
            "status_cue": self.status_cue.to_dict() if self.status_cue else None,
            "attribution": [s.to_dict() for s in self.attribution],
            "evidence": {**self.evidence.to_dict(), "trigger": self.trigger.to_dict()},
            "confidence": round(self.confidence, 3),
            "dead": self.dead,
            "injured": self.injured,
            "size": self.size,
            "weapon": self.weapon,
            "mentions": [s.to_dict() for s in self.mentions],
        }


@dataclass(slots=True)
class Relation:
    """A standing relation between two actors: structural (part_of…) or derived from events."""

    a: str
    b: str
    kind: str  # part_of | affiliate_of | member_of | cooperation | hostility
    origin: str  # text | knowledge_base | events
    evidence: list[TextSpan] = field(default_factory=list)
    events: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "kind": self.kind,
            "origin": self.origin,
            "evidence": [e.to_dict() for e in self.evidence],
            "events": list(self.events),
        }


@dataclass(slots=True)
class Statement:
    """Who said what to whom, and when: a reporting frame kept as a record of its own."""

    id: str
    speaker: Source
    cue: TextSpan
    content: TextSpan
    addressee: str | None = None
    date: When | None = None
    date_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        when = {**self.date.to_dict(), "text": self.date_text} if self.date else None
        speaker = self.speaker.to_dict()
        return {
            "id": self.id,
            "speaker": speaker,
            "cue": self.cue.to_dict(),
            "addressee": self.addressee,
            "content": {"start": self.content.start, "end": self.content.end},
            "date": when,
        }


@dataclass(slots=True)
class Report:
    """Everything tidings found in one article."""

    article: Article
    actors: list[Actor]
    places: list[Place]
    times: list[TimeMention]
    events: list[Event]
    relations: list[Relation]
    statements: list[Statement]
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "events": [e.to_dict() for e in self.events],
            "relations": [r.to_dict() for r in self.relations],
            "statements": [s.to_dict() for s in self.statements],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


__all__ = [
    "SCHEMA", "PLOVER_TYPES", "STATUSES", "TextSpan", "Article", "Actor", "Place", "When",
    "TimeMention", "Source", "Event", "Relation", "Statement", "Report",
]
