"""PLOVER gold-standard records (CAMEO manual sentences coded in PLOVER 0.5).

Per record: the PLOVER 0.5 type is mapped to 2.0; the gold source and target
actors are matched against the actors of our best event (see
:func:`actor_matches` for the rule). ``SRC/TAR`` markup means reciprocal
actors: they are compared with everyone in the event, whichever side we put
them on, and scored under ``actor`` only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.evaluate.common import (
    Extract, actor_index, default_extract, first_events, limited, names_of_actor, place_index, run_records,
    text_matches,
)
from tidings.evaluate.mappings import plover05_to_plover2
from tidings.evaluate.metrics import EvalResult, match_pairs
from tidings.model import Actor, Event, Report

DEFAULT_FILE = "PLOVER_GSR_CAMEO.txt"


@dataclass(slots=True)
class GoldActor:
    text: str
    code: str


@dataclass(slots=True)
class GsrRecord:
    id: str
    text: str
    date: str | None
    type: str | None
    old_type: str
    sources: list[GoldActor]
    targets: list[GoldActor]
    reciprocal: bool
    place: str | None


def _actors(value: Any) -> list[GoldActor]:
    if not isinstance(value, list):
        return []  # the file sometimes holds "" or a stray word where no target was coded
    return [GoldActor(str(a.get("actorText", "")), str(a.get("code", ""))) for a in value if isinstance(a, dict)]


def load_gold(path: Path, *, limit: int | None = None) -> list[GsrRecord]:
    """The records of the GSR file (a directory holding it, or the file itself)."""
    path = path / DEFAULT_FILE if path.is_dir() else path
    rows = json.loads(path.read_text(encoding="utf-8"))
    out: list[GsrRecord] = []
    for row in rows:
        if row.get("event") == "DOCUMENT" or not row.get("text"):
            continue
        info = row.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        loc = row.get("eventLoc")
        out.append(GsrRecord(
            id=row["id"], text=row["text"].strip(), date=row.get("date"), type=plover05_to_plover2(row["event"]),
            old_type=row["event"], sources=_actors(row.get("source")), targets=_actors(row.get("target")),
            reciprocal="SRC/TAR" in markup, place=loc.get("name") if isinstance(loc, dict) else None,
        ))
    return list(limited(out, limit))


def actor_matches(gold: GoldActor, actor: Actor | None, names: set[str]) -> bool:
    """The matching rule: the gold actor text shares all its words with our actor's name, one of its
    mentions or the span the event used (or the reverse), or the gold code is our actor's ISO3 country."""
    if text_matches(gold.text, names):
        return True
    code = gold.code.strip().upper()
    return bool(actor is not None and len(code) == 3 and actor.country == code)


Side = list[tuple[Actor | None, set[str]]]


def _side(report: Report, ids: list[str], spans: list[Any]) -> Side:
    index = actor_index(report)
    out: Side = [(index.get(i), names_of_actor(index.get(i))) for i in ids]
    if spans and not out:
        out = [(None, names_of_actor(None, spans))]
    elif spans:
        extra = names_of_actor(None, spans)
        out = [(actor, names | extra) if len(out) == 1 else (actor, names) for actor, names in out]
    return out


def _count(result: EvalResult, field: str, gold: list[GoldActor], side: Side) -> tuple[int, list[GoldActor], Side]:
    pairs, missed, extra = match_pairs(gold, side, lambda g, p: actor_matches(g, p[0], p[1]))
    result.score(field).add(tp=len(pairs), fn=len(missed), fp=len(extra))
    return len(pairs), [gold[i] for i in missed], [side[i] for i in extra]


def _label(side: Side) -> list[str]:
    return [a.name if a else sorted(n)[0] for a, n in side if a or n]


def _event_matches(record: GsrRecord, report: Report, event: Event) -> bool:
    if event.type != record.type:
        return False
    actors = _side(report, event.actors, event.actor_spans)
    recipients = _side(report, event.recipients, event.recipient_spans)
    if record.reciprocal:
        everyone = actors + recipients
        gold = record.sources + record.targets
        pairs, _, _ = match_pairs(gold, everyone, lambda g, p: actor_matches(g, p[0], p[1]))
        return len(pairs) >= min(2, len(gold))
    ok_src = not record.sources or any(actor_matches(g, a, n) for g in record.sources for a, n in actors)
    ok_tar = not record.targets or any(actor_matches(g, a, n) for g in record.targets for a, n in recipients)
    return ok_src and ok_tar


def _best_event(record: GsrRecord, report: Report) -> Event | None:
    events = first_events(report)
    for event in events:
        if _event_matches(record, report, event):
            return event
    for event in events:
        if event.type == record.type:
            return event
    return events[0] if events else None


def score_record(result: EvalResult, record: GsrRecord, report: Report) -> None:
    """Add one record's counts and misses to ``result``."""
    if record.type is None:
        result.stats["skipped_unmapped"] = int(result.stats.get("skipped_unmapped") or 0) + 1
        return
    text = record.text
    predicted_types = {e.type for e in report.events}
    type_score = result.score("event type")
    if record.type in predicted_types:
        type_score.add(tp=1, fp=len(predicted_types) - 1)
    else:
        type_score.add(fn=1, fp=len(predicted_types))
        kind = "no event" if not predicted_types else "wrong type"
        result.miss(record.id, "event type", kind, f"{record.type} (0.5: {record.old_type})",
                    sorted(predicted_types), text, weight=2.0)
    for extra in sorted(predicted_types - {record.type}):
        if record.type in predicted_types:
            result.miss(record.id, "event type", "extra type", record.type, extra, text, weight=0.5)

    event = _best_event(record, report)
    result.accuracy("top event type").add(bool(first_events(report)) and first_events(report)[0].type == record.type)
    matched = [e for e in report.events if _event_matches(record, report, e)]
    event_score = result.score("event (type+actor+recipient)")
    event_score.add(tp=1 if matched else 0, fn=0 if matched else 1, fp=len(report.events) - (1 if matched else 0))

    actors: Side = _side(report, event.actors, event.actor_spans) if event else []
    recipients: Side = _side(report, event.recipients, event.recipient_spans) if event else []
    if record.reciprocal:
        _, missed, extra = _count(result, "actor", record.sources + record.targets, actors + recipients)
        if missed:
            result.miss(record.id, "actor", "reciprocal actor missed", [g.text for g in missed],
                        _label(actors + recipients), text, weight=1.5)
    else:
        _, missed, extra = _count(result, "actor", record.sources, actors)
        if missed:
            swapped = any(actor_matches(g, a, n) for g in missed for a, n in recipients)
            kind = "source found as recipient" if swapped else ("no actor" if not actors else "wrong actor")
            result.miss(record.id, "actor", kind, [g.text for g in missed], _label(actors), text, weight=1.5)
        _, missed_t, extra_t = _count(result, "recipient", record.targets, recipients)
        if missed_t:
            kind = "no recipient" if not recipients else "wrong recipient"
            result.miss(record.id, "recipient", kind, [g.text for g in missed_t], _label(recipients), text)
        elif extra_t and not record.targets:
            result.miss(record.id, "recipient", "recipient where gold has none", "—", _label(extra_t), text, 0.5)
    if record.place:
        places = place_index(report)
        place = places.get(event.place) if event and event.place else None
        names = names_of_actor(None, place.mentions) | {place.name.lower()} if place else set()
        ok = place is not None and text_matches(record.place, names)
        result.accuracy("place (records with eventLoc)").add(ok)
        if not ok:
            result.miss(record.id, "place", "no place" if place is None else "wrong place", record.place,
                        place.name if place else None, text)


def run(gold: Path, *, limit: int | None = None, extract: Extract = default_extract) -> EvalResult:
    """Code every GSR sentence with tidings and score it."""
    records = load_gold(gold, limit=limit)
    result = EvalResult(dataset="plover-gsr", gold=str(gold))
    result.notes.append("PLOVER 0.5 types mapped to 2.0 by data/mappings/plover05_to_plover2.yaml")
    result.notes.append("actor match: all words of the gold actorText among the words of our actor's name, a mention "
                        "or the event's span (or the reverse), or the gold code equals our actor's ISO3 country")
    result.notes.append("event precision counts every extra event as wrong, though GSR codes one event per sentence")
    run_records(result, records, lambda r: r.text,
                lambda r: extract(r.text, published=r.date), lambda r, rep: score_record(result, r, rep),
                lambda r: r.id)
    return result
