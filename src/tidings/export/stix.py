"""A STIX 2.1 bundle (``stix2``): actors, places, articles, relations, attribution chains and events.

* actors: armed groups → ``threat-actor`` (an armed group that is part of
  another one → ``intrusion-set`` attributed to it); everyone else → ``identity``;
* places → ``location``; articles → ``report`` with external references;
* events → ``x-tidings-event`` objects, a new SDO declared by an
  ``extension-definition`` (PLOVER type, mode, status, date, actors, place);
* actor pairs → ``relationship`` (``targets`` for hostile pairs led by an
  armed group, else ``related-to``) with confidence, start/stop times and a
  description citing the evidence; structural ties → ``attributed-to`` /
  ``related-to``;
* attribution chains → one ``note`` per event.

Ids are UUIDv5 of tidings' own ids and timestamps come from the data, so a
re-export of the same store is byte-identical and a re-import updates objects
in OpenCTI or MISP instead of duplicating them. Objects are made as dicts
and, up to ``CHECK_LIMIT`` events, rebuilt by ``stix2`` (which checks every
property) as they are written; beyond that the stix2 round costs more than
the rest of the export together (about 1 ms per object), so it is skipped.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import stix2
from stix2.properties import (FloatProperty, IntegerProperty, ListProperty, ReferenceProperty, StringProperty,
                              TimestampProperty)

from tidings import __version__
from tidings.export.base import Format
from tidings.export.bundle import Bundle, EventBundle, load
from tidings.export.mapping import country
from tidings.store import export_queries as q
from tidings.store.export_queries import Selection
from tidings.store.store import Store

NAMESPACE = uuid.UUID("6f1c2a8e-5d47-5b0e-9a43-7c1f0e2d9b61")  # fixed forever: ids depend on it
EPOCH = "2024-01-01T00:00:00.000Z"  # created/modified of objects that carry no date of their own
EVENT_TYPE = "x-tidings-event"
ARMED = {"armed_group"}
CHECK_LIMIT = 10_000
_IDENTITY_CLASS = {"person": "individual", "unknown": "group"}


def stix_id(kind: str, key: str) -> str:
    """A deterministic STIX id: the same tidings object always gets the same id."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


PRODUCER_ID = stix_id("identity", "tidings")
EXTENSION_ID = stix_id("extension-definition", EVENT_TYPE)


@stix2.v21.CustomObject(EVENT_TYPE, [
    ("name", StringProperty(required=True)),
    ("plover_type", StringProperty(required=True)),
    ("plover_mode", StringProperty()),
    ("contexts", ListProperty(StringProperty)),
    ("status", StringProperty(required=True)),
    ("statuses", ListProperty(StringProperty)),
    ("date_start", TimestampProperty()),
    ("date_end", TimestampProperty()),
    ("date_precision", StringProperty()),
    ("plover_score", FloatProperty()),
    ("confidence", IntegerProperty(min=0, max=100)),
    ("report_count", IntegerProperty(min=0)),
    ("article_count", IntegerProperty(min=0)),
    ("source_count", IntegerProperty(min=0)),
    ("first_reported", TimestampProperty()),
    ("last_reported", TimestampProperty()),
    ("actor_refs", ListProperty(ReferenceProperty(valid_types=["threat-actor", "intrusion-set", "identity"],
                                                  spec_version="2.1"))),
    ("recipient_refs", ListProperty(ReferenceProperty(valid_types=["threat-actor", "intrusion-set", "identity"],
                                                      spec_version="2.1"))),
    ("location_ref", ReferenceProperty(valid_types="location", spec_version="2.1")),
    ("evidence", StringProperty()),
    ("tidings_id", StringProperty(required=True)),
], extension_name=EXTENSION_ID)
class TidingsEvent:
    """A merged PLOVER event."""


def _moment(day: date | None, fallback: str = EPOCH) -> str:
    """A day as a STIX timestamp (midnight UTC, millisecond precision as stix2 writes them)."""
    return f"{day.isoformat()}T00:00:00.000Z" if day else fallback


def _time(day: date) -> str:
    """A day as a STIX timestamp other than created/modified (second precision, as stix2 writes them)."""
    return f"{day.isoformat()}T00:00:00Z"


def _obj(kind: str, **fields: Any) -> dict[str, Any]:
    """A STIX object as a dict: ``spec_version`` added, empty fields left out (STIX forbids empty lists)."""
    out: dict[str, Any] = {"type": kind, "spec_version": "2.1"}
    out.update({k: v for k, v in fields.items() if v is not None and v != [] and v != ""})
    return out


def _producer() -> list[Any]:
    identity = _obj("identity", id=PRODUCER_ID, name="tidings", identity_class="system", created=EPOCH,
                    modified=EPOCH, description="Event data from news about armed conflict.")
    extension = _obj(
        "extension-definition", id=EXTENSION_ID, created_by_ref=PRODUCER_ID, created=EPOCH, modified=EPOCH, name="tidings PLOVER event",
        description="A PLOVER 2.0 event merged from news reports by tidings (docs/exports.md).",
        schema="https://github.com/openeventdata/PLOVER", version="1.0", extension_types=["new-sdo"])
    return [identity, extension]


def _actor_kind(actor: dict[str, Any], actors: dict[str, dict[str, Any]]) -> str:
    if actor.get("kind") not in ARMED:
        return "identity"
    parent = actors.get(actor.get("parent") or "")
    return "intrusion-set" if parent and parent.get("kind") in ARMED else "threat-actor"


def _actor(actor: dict[str, Any], actors: dict[str, dict[str, Any]]) -> Any:
    kind = _actor_kind(actor, actors)
    labels = [f"{k}:{actor[k]}" for k in ("kind", "sector", "country") if actor.get(k)]
    refs = []
    if actor.get("wikidata"):
        refs.append({"source_name": "wikidata", "external_id": actor["wikidata"],
                     "url": f"https://www.wikidata.org/wiki/{actor['wikidata']}"})
    common = dict(id=stix_id(kind, actor["id"]), name=actor["name"], created=EPOCH, modified=EPOCH,
                  created_by_ref=PRODUCER_ID, labels=labels or None, external_references=refs or None,
                  description=f"tidings actor {actor['id']}")
    if kind == "threat-actor":
        return _obj("threat-actor", threat_actor_types=["unknown"], **common)
    if kind == "intrusion-set":
        return _obj("intrusion-set", **common)
    return _obj("identity", identity_class=_IDENTITY_CLASS.get(actor.get("kind") or "", "organization"), **common)


def _location(place: dict[str, Any]) -> Any | None:
    facts = country(place.get("country"))
    where: dict[str, Any] = {}
    if place.get("lat") is not None and place.get("lon") is not None:
        where.update(latitude=place["lat"], longitude=place["lon"])
    if facts and facts.alpha2:
        where["country"] = facts.alpha2
    if not where:
        return None
    return _obj("location", id=stix_id("location", place["id"]), name=place["name"], created=EPOCH, modified=EPOCH,
                              created_by_ref=PRODUCER_ID, administrative_area=place.get("admin1"), **where)


def _event(event: EventBundle, ids: dict[str, str], locations: dict[str, str]) -> Any:
    row = event.row
    who = ", ".join(a["name"] for a in event.actors) or "?"
    if event.recipients:
        who += " → " + ", ".join(a["name"] for a in event.recipients)
    first = event.reports[0] if event.reports else None
    return _obj(EVENT_TYPE, 
        id=stix_id(EVENT_TYPE, event.id), created_by_ref=PRODUCER_ID,
        created=_moment(row["first_reported"]), modified=_moment(row["last_reported"]),
        name=f"{row['type']}: {who}" + (f", {event.day.isoformat()}" if event.day else ""),
        plover_type=row["type"], plover_mode=row["mode"], contexts=sorted({c for r in event.reports for c in r["context"] or []}) or None,
        status=row["status"], statuses=list(row["statuses"]),
        date_start=_time(row["date_start"]) if row["date_start"] else None,
        date_end=_time(row["date_end"]) if row["date_end"] else None, date_precision=row["precision"],
        plover_score=float(row["score"]), confidence=round(100 * float(row["confidence"])),
        report_count=row["n_reports"], article_count=row["n_articles"], source_count=row["n_sources"],
        first_reported=_time(row["first_reported"]) if row["first_reported"] else None,
        last_reported=_time(row["last_reported"]) if row["last_reported"] else None,
        actor_refs=[ids[a["id"]] for a in event.actors if a["id"] in ids] or None,
        recipient_refs=[ids[a["id"]] for a in event.recipients if a["id"] in ids] or None,
        location_ref=locations.get(row["place_id"] or ""), evidence=" ".join(first["evidence"].split()) if first else None,
        tidings_id=event.id, extensions={EXTENSION_ID: {"extension_type": "new-sdo"}},
    )


def _note(event: EventBundle, event_id: str) -> Any:
    lines = []
    for report in event.reports:
        when = report["article_published"].isoformat() if report["article_published"] else "undated"
        lines.append(f"{report['article_outlet'] or report['article_id']} ({when}), {report['status']}: "
                     f"{report['source_label']} — “{' '.join(report['evidence'].split())}”")
    chains = list(dict.fromkeys(r["source_label"] for r in event.reports))
    return _obj("note", 
        id=stix_id("note", event.id), created_by_ref=PRODUCER_ID, created=_moment(event.row["first_reported"]),
        modified=_moment(event.row["last_reported"]), abstract="According to: " + "; ".join(chains),
        content="\n".join(lines) or "no report", object_refs=[event_id],
        authors=list(dict.fromkeys(r["article_outlet"] for r in event.reports if r["article_outlet"])) or None,
    )


def _reports(bundle: Bundle, event_ids: dict[str, str], ids: dict[str, str], locations: dict[str, str]) -> list[Any]:
    by_article: dict[str, list[EventBundle]] = defaultdict(list)
    meta: dict[str, dict[str, Any]] = {}
    for event in bundle.events:
        for report in event.reports:
            if event not in by_article[report["article_id"]]:
                by_article[report["article_id"]].append(event)
            meta.setdefault(report["article_id"], report)
    out = []
    for article_id in sorted(by_article):
        report = meta[article_id]
        refs: dict[str, None] = {}
        for event in by_article[article_id]:
            refs[event_ids[event.id]] = None
            for actor in event.actors + event.recipients:
                if actor["id"] in ids:
                    refs[ids[actor["id"]]] = None
            if event.row["place_id"] in locations:
                refs[locations[event.row["place_id"]]] = None
        reference = {"source_name": report["article_outlet"] or "tidings article", "external_id": article_id}
        if report["article_url"]:
            reference["url"] = report["article_url"]
        published = _moment(report["article_published"])
        out.append(_obj("report", 
            id=stix_id("report", article_id), created_by_ref=PRODUCER_ID, created=published, modified=published,
            name=report["article_title"] or article_id,
            published=_time(report["article_published"]) if report["article_published"] else "2024-01-01T00:00:00Z", report_types=["threat-report"],
            object_refs=list(refs), external_references=[reference],
            description=f"{len(by_article[article_id])} events coded by tidings {__version__}",
        ))
    return out


def _relationships(bundle: Bundle, store: Store, selection: Selection, ids: dict[str, str],
                   kinds: dict[str, str]) -> list[Any]:
    pairs: dict[tuple[str, str], list[EventBundle]] = defaultdict(list)
    for event in bundle.events:
        sources = [a["id"] for a in event.actors if a["id"] in ids]
        targets = [a["id"] for a in event.recipients if a["id"] in ids]
        if targets:
            edges = {(s, t) for s in sources for t in targets if s != t}
        else:
            edges = {(s, t) for s in sources for t in sources if s < t}
        for edge in edges:
            pairs[edge].append(event)
    out = []
    for (source, target), events in sorted(pairs.items()):
        days = [e.day for e in events if e.day]
        score = sum(float(e.row["score"]) for e in events)
        hostile = score < 0 and kinds[source] in ("threat-actor", "intrusion-set")
        types = Counter(e.row["type"] for e in events)
        cited = []
        for event in events[:5]:
            first = event.reports[0] if event.reports else None
            if first:
                cited.append(f"{event.row['type']} {event.day.isoformat() if event.day else '?'}: "
                             f"“{' '.join(first['evidence'].split())[:300]}” ({first['source_label']})")
        description = (f"{len(events)} PLOVER events ({', '.join(f'{t}×{n}' for t, n in sorted(types.items()))}), "
                       f"score {score:g}. " + " | ".join(cited) + (" | …" if len(events) > 5 else ""))
        extra: dict[str, Any] = {}
        if days:
            extra = {"start_time": _time(min(days)), "stop_time": _time(max(days) + timedelta(days=1))}
        out.append(_obj("relationship", 
            id=stix_id("relationship", f"events:{source}:{target}"), created_by_ref=PRODUCER_ID,
            created=min(_moment(e.row["first_reported"]) for e in events),
            modified=max(_moment(e.row["last_reported"]) for e in events),
            relationship_type="targets" if hostile else "related-to", source_ref=ids[source], target_ref=ids[target],
            confidence=round(100 * sum(float(e.row["confidence"]) for e in events) / len(events)),
            description=description, **extra))
    for tie in q.ties(store, sorted(ids)):
        if tie["a"] == tie["b"]:
            continue
        attributed = tie["kind"] == "part_of" and kinds[tie["a"]] == "intrusion-set" and kinds[tie["b"]] == "threat-actor"
        out.append(_obj("relationship", 
            id=stix_id("relationship", f"tie:{tie['a']}:{tie['kind']}:{tie['b']}"), created_by_ref=PRODUCER_ID,
            created=EPOCH, modified=EPOCH, relationship_type="attributed-to" if attributed else "related-to",
            source_ref=ids[tie["a"]], target_ref=ids[tie["b"]],
            description=f"{tie['a']} {tie['kind']} {tie['b']} (stated in {tie['articles']} articles; "
                        f"{', '.join(tie['origins'])})"))
    return out


def objects(store: Store, selection: Selection) -> list[Any]:
    """Every STIX object of the selection, producer and extension definition first."""
    bundle = load(store, selection, mentions=False)
    actors = bundle.actors
    kinds = {a: _actor_kind(row, actors) for a, row in actors.items()}
    out: list[Any] = _producer()
    ids: dict[str, str] = {}
    for actor in actors.values():
        obj = _actor(actor, actors)
        ids[actor["id"]] = obj["id"]
        out.append(obj)
    locations: dict[str, str] = {}
    for place in bundle.places.values():
        location = _location(place)
        if location is not None:
            locations[place["id"]] = location["id"]
            out.append(location)
    event_ids: dict[str, str] = {}
    for event in bundle.events:
        obj = _event(event, ids, locations)
        event_ids[event.id] = obj["id"]
        out.append(obj)
        out.append(_note(event, obj["id"]))
    out.extend(_reports(bundle, event_ids, ids, locations))
    out.extend(_relationships(bundle, store, selection, ids, kinds))
    return out


def write(store: Store, selection: Selection, path: Path, *, check: bool | None = None) -> int:
    """The bundle, written object by object.

    With ``check`` each object is rebuilt by ``stix2`` (which validates every
    property) before it is written; that costs about a millisecond per object,
    so by default only exports of up to CHECK_LIMIT events are checked.
    """
    found = objects(store, selection)
    if check is None:
        check = sum(1 for o in found if o["type"] == EVENT_TYPE) <= CHECK_LIMIT
    bundle_id = stix_id("bundle", selection.sql + json.dumps(selection.params, default=str))
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{"type": "bundle", "id": "{bundle_id}", "objects": [\n')
        for n, obj in enumerate(found):
            text = stix2.parse(obj, allow_custom=True).serialize() if check else json.dumps(obj, ensure_ascii=False)
            out.write(("" if n == 0 else ",\n") + text)
        out.write("\n]}\n")
    return len(found)


FORMATS = (Format("stix", ".stix.json", "a STIX 2.1 bundle (OpenCTI, MISP)", write),)

__all__ = ["FORMATS", "objects", "write", "stix_id", "TidingsEvent", "EXTENSION_ID", "PRODUCER_ID"]
