"""ACLED-style CSV: ACLED's columns, one row per merged event, PLOVER types mapped by a data table.

``source`` lists every attribution chain behind the event; the PLOVER type,
mode and status stay in ``tags`` so nothing is lost in the mapping.
"""

from __future__ import annotations

import csv
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tidings.export.base import Format
from tidings.export.bundle import EventBundle, chains, load
from tidings.export.mapping import acled_type, country, inter_code, region
from tidings.store.export_queries import Selection
from tidings.store.store import Store

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# ACLED: 1 the day is known, 2 the week, 3 only the month (or coarser).
TIME_PRECISION = {"day": 1, "reported": 2, "week": 2, "month": 3, "range": 3, "year": 3}
# ACLED: 1 the town itself, 2 near it or a part of a region, 3 a region or province (or coarser).
GEO_PRECISION = {"point": 1, "city": 1, "region": 3, "country": 3}


def interaction(first: int, second: int) -> str:
    """ACLED's two-digit interaction code: the smaller inter code first; one actor alone is ``N0``."""
    if not first and not second:
        return ""
    if not first or not second:
        return f"{first or second}0"
    low, high = sorted((first, second))
    return f"{low}{high}"


def row(event: EventBundle, places: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The ACLED row of one event."""
    e = event.row
    place = places.get(e["place_id"] or "") or {}
    facts = country(place.get("country"))
    actor1 = event.actors[0] if event.actors else None
    actor2 = event.recipients[0] if event.recipients else None
    inter1, inter2 = inter_code(actor1), inter_code(actor2)
    kind = acled_type(e["type"], e["mode"], (inter_code(a) for a in event.recipients))
    day = event.day
    precision = e["precision"] if e["date_start"] else "reported"
    first = event.reports[0] if event.reports else None
    civilians = kind.disorder_type.startswith("Political violence") and any(inter_code(a) == 7 for a in event.recipients)
    tags = [f"plover:{e['type']}"] + ([f"mode:{e['mode']}"] if e["mode"] else []) + [
        f"status:{e['status']}", f"reports:{e['n_reports']}", f"independent sources:{e['n_sources']}"]
    stamp = e["last_reported"] or day
    return {
        "event_id_cnty": f"{facts.alpha3 if facts else 'XXX'}-{event.id}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": TIME_PRECISION.get(precision or "", 3),
        "disorder_type": kind.disorder_type, "event_type": kind.event_type, "sub_event_type": kind.sub_event_type,
        "actor1": actor1["name"] if actor1 else "",
        "assoc_actor_1": "; ".join(a["name"] for a in event.actors[1:]),
        "inter1": inter1 or "",
        "actor2": actor2["name"] if actor2 else "",
        "assoc_actor_2": "; ".join(a["name"] for a in event.recipients[1:]),
        "inter2": inter2 or "",
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": facts.numeric if facts and facts.numeric else "",
        "region": region(facts.alpha3 if facts else None),
        "country": facts.name if facts else "",
        "admin1": place.get("admin1") or "", "admin2": "", "admin3": "",
        "location": place.get("name") or "",
        "latitude": place.get("lat") if place.get("lat") is not None else "",
        "longitude": place.get("lon") if place.get("lon") is not None else "",
        "geo_precision": GEO_PRECISION.get(place.get("precision") or "", "") if place else "",
        "source": "; ".join(chains(event)),
        "source_scale": "",
        "notes": " ".join((first["evidence"] if first else "").split()),
        "fatalities": "",
        "tags": "; ".join(tags),
        "timestamp": int(datetime(stamp.year, stamp.month, stamp.day, tzinfo=timezone.utc).timestamp()) if stamp else "",
    }


def write(store: Store, selection: Selection, path: Path) -> int:
    bundle = load(store, selection, mentions=False)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for event in bundle.events:
            writer.writerow(row(event, bundle.places))
    return len(bundle.events)


FORMATS = (Format("acled", ".acled.csv", "CSV with ACLED's columns; PLOVER types mapped to ACLED's", write),)

__all__ = ["FORMATS", "COLUMNS", "row", "write", "interaction"]
