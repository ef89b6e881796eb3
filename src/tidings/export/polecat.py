"""POLECAT-style CSV: the columns of the POLECAT weekly files, one row per merged event.

POLECAT codes PLOVER 2.0 natively, so types, modes and contexts pass through;
several actors are joined with ``;`` as POLECAT does.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from tidings import __version__
from tidings.export.base import Format
from tidings.export.bundle import Bundle, EventBundle, chains, entity_text, load
from tidings.export.mapping import country, quad_codes
from tidings.store.export_queries import Selection
from tidings.store.store import Store

COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)


def _side(bundle: Bundle, event: EventBundle, actors: list[dict[str, Any]], label: str) -> dict[str, str]:
    first = event.reports[0] if event.reports else None
    raw = []
    for actor in actors:
        mention = entity_text(bundle, first, actor["id"])
        raw.append(mention["text"] if mention else actor["name"])
    sectors = [a.get("sector") or "" for a in actors]
    return {
        f"{label} Name": "; ".join(a["name"] for a in actors),
        f"{label} Country": "; ".join(a.get("country") or "" for a in actors).strip("; "),
        f"{label} COW": "",
        f"Primary {label} Sector": next((s for s in sectors if s), ""),
        f"{label} Sectors": "; ".join(s for s in sectors if s),
        f"{label} Title": "",
        f"{label} Name Raw": "; ".join(raw),
        f"Wikipedia {label} ID": "; ".join(a.get("wikidata") or "" for a in actors).strip("; "),
    }


def row(bundle: Bundle, event: EventBundle) -> dict[str, Any]:
    e = event.row
    place = bundle.places.get(e["place_id"] or "") or {}
    facts = country(place.get("country"))
    day = event.day
    contexts = sorted({c for r in event.reports for c in (r["context"] or [])})
    out: dict[str, Any] = {
        "Event ID": event.id, "Event Date": day.isoformat() if day else "", "Event Type": e["type"],
        "Event Mode": e["mode"] or "", "Intensity": e["score"], "Quad Code": quad_codes().get(e["type"], ""),
        "Contexts": "; ".join(contexts),
    }
    out.update(_side(bundle, event, event.actors, "Actor"))
    out.update(_side(bundle, event, event.recipients, "Recipient"))
    precise = place.get("precision") in ("point", "city")
    out.update({
        "Placename": place.get("name") or "", "City": (place.get("name") or "") if precise else "",
        "District": "", "Province": place.get("admin1") or "", "Country": facts.name if facts else "",
        "Latitude": place.get("lat") if place.get("lat") is not None else "",
        "Longitude": place.get("lon") if place.get("lon") is not None else "",
        "GeoNames ID": place.get("geonameid") or "", "Raw Placename": place.get("name") or "",
        "Feature Type": place.get("precision") or "",
        "Source": "; ".join(chains(event)),
        "Publication Date": e["first_reported"].isoformat() if e["first_reported"] else "",
        "Story People": "", "Story Organizations": "", "Story Locations": "",
        "Language": "en", "Version": f"tidings {__version__}",
    })
    return out


def write(store: Store, selection: Selection, path: Path) -> int:
    bundle = load(store, selection)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for event in bundle.events:
            writer.writerow(row(bundle, event))
    return len(bundle.events)


FORMATS = (Format("polecat", ".polecat.csv", "CSV with POLECAT's columns (PLOVER 2.0 passes through)", write),)

__all__ = ["FORMATS", "COLUMNS", "row", "write"]
