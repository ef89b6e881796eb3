"""PLOVER 2.0 JSONL: one merged event per line, in PLOVER's fields, with tidings' own under ``tidings``.

The ``tidings`` key carries every column of the event and of each report, so
:func:`import_plover` can restore the events into another store exactly
(see docs/exports.md, "Round trip").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from tidings.errors import InputError
from tidings.export.base import Format
from tidings.export.bundle import Bundle, EventBundle, entity_text, iso, load, plain
from tidings.store.export_queries import Selection
from tidings.store.store import Store

SCHEMA = "tidings-plover/1"
VERSION = "PLOVER 2.0"
_REPORT_EXTRA = ("article_title", "article_url", "article_outlet", "article_byline", "article_published",
                 "article_external_id")
_ACTOR_COLUMNS = ("id", "name", "kind", "country", "sector", "wikidata", "parent")


def _actor(bundle: Bundle, report: dict[str, Any] | None, actor: dict[str, Any]) -> dict[str, Any]:
    mention = entity_text(bundle, report, actor["id"])
    code = actor.get("country") or ("IGO" if actor.get("kind") in ("igo", "peacekeeping") else "")
    return {
        "code": code, "sector": actor.get("sector") or "",
        "actor_text": mention["text"] if mention else actor["name"],
        "start": mention["start"] if mention else None, "end": mention["end"] if mention else None,
        "wikidata": actor.get("wikidata"), "name": actor["name"],
        **{k: actor.get(k) for k in ("id", "kind", "country", "parent")},
    }


def _place(place: dict[str, Any] | None) -> dict[str, Any]:
    if not place:
        return {}
    return {"name": place["name"], "country_code": place["country"], "admin1": place["admin1"],
            "lat": place["lat"], "lon": place["lon"], "geonameid": place["geonameid"],
            "precision": place["precision"], "id": place["id"]}


def record(bundle: Bundle, event: EventBundle) -> dict[str, Any]:
    """The PLOVER record of one event; text and citation come from its first report."""
    row = event.row
    first = event.reports[0] if event.reports else None
    contexts = sorted({c for r in event.reports for c in (r["context"] or [])})
    report_places = sorted({r["place_id"] for r in event.reports if r["place_id"]} - {row["place_id"]})
    text_info: dict[str, Any] = {}
    cite_info: dict[str, Any] = {}
    if first is not None:
        text_info = {"article_id": first["article_id"], "text": first["evidence"],
                     "start": first["evidence_start"], "end": first["evidence_end"],
                     "trigger": {"start": first["trigger_start"], "end": first["trigger_end"],
                                 "text": first["trigger"]}}
        cite_info = {"publication": first["article_outlet"], "title": first["article_title"],
                     "url": first["article_url"], "byline": first["article_byline"],
                     "published": iso(first["article_published"]), "article_id": first["article_id"],
                     "source": first["source_label"]}
    summary = {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items() if k not in ("id", "type", "mode")}
    return {
        "id": event.id,
        "date": iso(event.day),
        "version": VERSION,
        "event": row["type"],
        "mode": row["mode"] or "",
        "context": contexts,
        "actor": [_actor(bundle, first, a) for a in event.actors],
        "recipient": [_actor(bundle, first, a) for a in event.recipients],
        "event_loc": _place(bundle.places.get(row["place_id"] or "")),
        "event_text": first["trigger"] if first else "",
        "text_info": text_info,
        "cite_info": cite_info,
        "tidings": {
            "schema": SCHEMA,
            "status": row["status"],
            "attribution": first["attribution"] if first else [],
            "event": summary,
            "reports": [plain(r) for r in event.reports],
            "places": [_place(bundle.places[p]) for p in report_places if p in bundle.places],
        },
    }


def records(store: Store, selection: Selection) -> Iterator[dict[str, Any]]:
    bundle = load(store, selection)
    for event in bundle.events:
        yield record(bundle, event)


def write(store: Store, selection: Selection, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for item in records(store, selection):
            out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count


FORMATS = (Format("plover", ".plover.jsonl", "PLOVER 2.0 records, one JSON object per line", write),)


# -- import ------------------------------------------------------------------------------------


def _columns(store: Store, table: str) -> list[str]:
    return [r[0] for r in store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]


def _insert(store: Store, table: str, rows: list[dict[str, Any]], *, ignore: bool = True) -> None:
    if not rows:
        return
    columns = [c for c in _columns(store, table) if c in rows[0]]
    quoted = ", ".join(f'"{c}"' for c in columns)
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    store.con.executemany(f"{verb} INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})",
                          [[r.get(c) for c in columns] for r in rows])


def _place_row(loc: dict[str, Any]) -> dict[str, Any]:
    return {"id": loc["id"], "name": loc["name"], "country": loc.get("country_code"), "admin1": loc.get("admin1"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "precision": loc.get("precision"),
            "geonameid": loc.get("geonameid")}


def _read(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not JSON ({exc.msg}): is this a tidings PLOVER export?") from None
            if not isinstance(item, dict) or (item.get("tidings") or {}).get("schema") != SCHEMA:
                raise InputError(f"{path}:{number}: not a tidings PLOVER record (no tidings.schema {SCHEMA!r}); "
                                 "only files written by `tidings export plover` can be imported")
            yield number, item


def import_plover(store: Store, path: str | Path) -> int:
    """Restore events exported by ``tidings export plover`` into ``store``; returns how many were new.

    An event whose id is already in the store is left as it is (importing twice
    changes nothing). Articles come back as stubs (title, url, outlet, date,
    no text) with the actor mentions the records cite: the export does not
    carry article texts.
    """
    source = Path(path)
    if not source.is_file():
        raise InputError(f"no file {str(source)!r}: give a .plover.jsonl written by `tidings export plover`")
    if store.read_only:
        raise InputError(f"{store.where} is open read-only: open it for writing to import events")
    known = {r[0] for r in store.con.execute("SELECT id FROM events").fetchall()}
    events, roles, reports, actors, places, articles = [], [], [], {}, {}, {}
    mentions: dict[tuple[Any, ...], dict[str, Any]] = {}
    for number, item in _read(source):
        ours = item["tidings"]
        if item["id"] in known:
            continue
        known.add(item["id"])
        events.append({"id": item["id"], "type": item["event"], "mode": item["mode"] or None, **ours["event"]})
        for role, key in (("actor", "actor"), ("recipient", "recipient")):
            for actor in item[key]:
                roles.append({"event_id": item["id"], "actor_id": actor["id"], "role": role})
                row = {c: actor.get(c) for c in _ACTOR_COLUMNS}
                row["sector"] = row["sector"] or None  # PLOVER writes "" for no sector
                actors.setdefault(actor["id"], row)
                if actor.get("start") is not None and item["text_info"]:
                    mention = {"article_id": item["text_info"]["article_id"], "actor_id": actor["id"],
                               "start": actor["start"], "end": actor["end"], "text": actor["actor_text"]}
                    mentions.setdefault(tuple(mention.values()), mention)
        for loc in [item["event_loc"], *ours["places"]]:
            if loc:
                places.setdefault(loc["id"], _place_row(loc))
        for report in ours["reports"]:
            stub = {"id": report["article_id"], "external_id": report.get("article_external_id"),
                    "title": report.get("article_title"), "url": report.get("article_url"),
                    "outlet": report.get("article_outlet"), "byline": report.get("article_byline"),
                    "published": report.get("article_published"), "origin": f"{source}:{number}", "text": "",
                    "n_events": 0}
            articles.setdefault(stub["id"], stub)["n_events"] += 1
            row = {k: v for k, v in report.items() if k not in _REPORT_EXTRA}
            row["attribution"] = json.dumps(row["attribution"], ensure_ascii=False)
            reports.append(row)
    store.con.begin()
    try:
        _insert(store, "actors", list(actors.values()))
        _insert(store, "places", list(places.values()))
        _insert(store, "articles", list(articles.values()))
        _insert(store, "events", events, ignore=False)
        _insert(store, "event_actors", roles, ignore=False)
        _insert(store, "event_reports", reports)
        _insert(store, "mentions", list(mentions.values()), ignore=False)
        store.con.commit()
    except Exception:
        store.con.rollback()
        raise
    store._index = None  # the merge index must see the imported reports
    return len(events)


__all__ = ["FORMATS", "SCHEMA", "record", "records", "write", "import_plover"]
