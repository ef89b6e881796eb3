"""Gun Violence Database: one shooting per US local news article.

The incident is our first ASSAULT event (else our first event). A GVDB
article tells of one shooting, and its headline ("Man shot in Lodi") rarely
names anyone, so the incident's shooters are the actors of the first ASSAULT
event that names an actor, and its victims the recipients of the first
ASSAULT event that names a recipient (both fall back to the incident itself).
Names must still match the gold names as before. City: the
event's place, or failing that the first place of the report, matches when
its name or a mention equals the gold city, or a mention overlaps the gold
city's span. Date: right when our event date range contains the gold date
(``exact``: a one-day range on it). The publication date is taken from the
URL when it holds one (/2015/06/12/, 20150612, /2016/jan/26/); the gold incident date is
never given to the pipeline. Shooters and victims: gold names against the
mentions of our event's actors and recipients. The Report has no casualty
counts yet, so killed/injured are not scored.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tidings.evaluate.common import (
    Extract, actor_index, default_extract, first_events, limited, names_of_actor, place_index, run_records,
    text_matches,
)
from tidings.evaluate.metrics import EvalResult, norm, overlaps
from tidings.model import Event, Report
from tidings.time.url_date import date_in_url


@dataclass(slots=True)
class GvdbRecord:
    id: str
    url: str
    title: str
    text: str
    city: str | None
    city_span: tuple[int, int] | None
    state: str | None
    date: date | None
    shooters: list[str]
    victims: list[str]


def _value(field: Any) -> tuple[str | None, tuple[int, int] | None]:
    if not isinstance(field, dict) or not field.get("value"):
        return None, None
    start, end = field.get("startIndex", -1), field.get("endIndex", -1)
    return str(field["value"]), (start, end) if start is not None and start >= 0 and end > start else None


def url_date(url: str) -> date | None:
    """A publication date written in the article's URL, if any (:func:`tidings.time.url_date.date_in_url`)."""
    return date_in_url(url)


def load_gold(path: Path, *, limit: int | None = None) -> list[GvdbRecord]:
    """Articles of the GVDB split (dev.tsv by default)."""
    path = path / "dev.tsv" if path.is_dir() else path
    csv.field_size_limit(1 << 30)
    out: list[GvdbRecord] = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        for row in limited(rows, limit):
            info = json.loads(row["Json"])
            when = info.get("date-and-time", {})
            city, span = _value(when.get("city"))
            raw_date = when.get("date") or ""
            try:
                day = date.fromisoformat(raw_date) if raw_date else None
            except ValueError:
                day = None
            shooters = [v for v in (_value(s.get("name"))[0] for s in info.get("shooter-section", [])) if v]
            victims = [v for v in (_value(s.get("name"))[0] for s in info.get("victim-section", [])) if v]
            out.append(GvdbRecord(row["Article id"], row["Article url"], row["Article title"], row["Full text"],
                                  city, span, when.get("state") or None, day, shooters, victims))
    return out


def _incident(report: Report) -> Event | None:
    events = first_events(report)
    return next((e for e in events if e.type == "ASSAULT"), events[0] if events else None)


def _participants(report: Report, incident: Event | None) -> tuple[Event | None, Event | None]:
    """The events whose actors stand for the shooters and whose recipients for the victims.

    The first ASSAULT event naming an actor (resp. a recipient), else the incident itself.
    """
    assaults = [e for e in first_events(report) if e.type == "ASSAULT"]
    shooter = next((e for e in assaults if e.actors or e.actor_spans), incident)
    victim = next((e for e in assaults if e.recipients or e.recipient_spans), incident)
    return shooter, victim


def score_record(result: EvalResult, record: GvdbRecord, report: Report) -> None:
    """City, date, shooter and victim of one article."""
    text = record.text[:300]
    event = _incident(report)
    result.accuracy("incident found (an ASSAULT event)").add(event is not None and event.type == "ASSAULT")
    if event is None:
        result.miss(record.id, "event", "no event", "a shooting", "—", text, weight=2.0)
    places = place_index(report)
    place = places.get(event.place) if event and event.place else None
    fallback = place is None and bool(report.places)
    if place is None and report.places:
        place = report.places[0]
    if record.city:
        names = names_of_actor(None, place.mentions) | {norm(place.name)} if place else set()
        ok = place is not None and (norm(record.city) in names or text_matches(record.city, names) or (
            record.city_span is not None and any(overlaps(record.city_span, (m.start, m.end)) for m in place.mentions)))
        result.accuracy("city").add(ok)
        if not ok:
            kind = "no place" if place is None else ("wrong place (first place of report)" if fallback else "wrong place")
            result.miss(record.id, "city", kind, record.city, place.name if place else None, text)
    if record.date:
        when = event.date if event else None
        inside = when is not None and when.start <= record.date <= when.end
        result.accuracy("date (gold day within our range)").add(inside)
        result.accuracy("date (exact day)").add(inside and when is not None and when.start == when.end)
        if not inside:
            kind = "no date" if when is None else "wrong date"
            got = None if when is None else f"{when.start}..{when.end} ({when.precision})"
            result.miss(record.id, "date", kind, record.date.isoformat(), got, text)
    index = actor_index(report)
    by_shooter, by_victim = _participants(report, event)
    for field, gold, ids, spans in (
            ("shooter", record.shooters, by_shooter.actors if by_shooter else [], by_shooter.actor_spans if by_shooter else []),
            ("victim", record.victims, by_victim.recipients if by_victim else [],
             by_victim.recipient_spans if by_victim else [])):
        names: set[str] = names_of_actor(None, spans)
        for actor_id in ids:
            names |= names_of_actor(index.get(actor_id))
        score = result.score(field + " (named)")
        hits = [g for g in gold if text_matches(g, names)]
        score.add(tp=len(hits), fn=len(gold) - len(hits), fp=0 if hits or not gold else 0)
        for g in gold:
            if g not in hits:
                result.miss(record.id, field, f"{field} missed", g, sorted(names), text, weight=0.5)


def run(gold: Path, *, limit: int | None = None, extract: Extract = default_extract) -> EvalResult:
    """Extract each GVDB article and score the incident fields."""
    records = load_gold(gold, limit=limit)
    result = EvalResult(dataset="gvdb", gold=str(gold))
    result.notes.append("publication date from the URL when it holds one, else none; killed/injured not scored "
                        "(the Report has no casualty counts yet); shooter/victim rows count only recall of named people")
    dated = sum(1 for r in records if url_date(r.url))
    result.stats["articles with a date in the URL"] = dated
    run_records(result, records, lambda r: r.text,
                lambda r: extract(r.text, published=url_date(r.url)), lambda r, rep: score_record(result, r, rep),
                lambda r: r.id)
    return result
