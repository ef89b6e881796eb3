"""The Parquet tables of a batch run: their schemas, and a Report as rows of each.

Every partition writes one file per table under ``OUT/<table>/part-NNNNNN.parquet``
with the same explicit schema, so DuckDB (``read_parquet('OUT/events/*.parquet')``)
reads a whole run even when a partition has no rows for a table. ``reports``
holds the Report JSON (contract ``tidings/1``, without the text, which is in
``articles``): it is what :mod:`tidings.batch.load` merges into the store.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from tidings.model import Article, Report

_STR = pa.string()
_STRS = pa.list_(pa.string())
_KEY = [("partition", pa.int32()), ("position", pa.int32()), ("article_id", _STR)]

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(_KEY + [
        ("external_id", _STR), ("origin", _STR), ("title", _STR), ("url", _STR), ("outlet", _STR),
        ("byline", _STR), ("published", pa.date32()), ("text", _STR), ("n_words", pa.int32()),
        ("n_events", pa.int32()), ("seconds", pa.float32()),
    ]),
    "reports": pa.schema(_KEY + [("report", _STR)]),
    "events": pa.schema(_KEY + [
        ("event_id", _STR), ("type", _STR), ("mode", _STR), ("status", _STR), ("actors", _STRS),
        ("recipients", _STRS), ("place_id", _STR), ("date_start", pa.date32()), ("date_end", pa.date32()),
        ("precision", _STR), ("date_text", _STR), ("attribution", _STR), ("evidence", _STR), ("trigger", _STR),
        ("confidence", pa.float32()),
    ]),
    "actors": pa.schema(_KEY + [
        ("actor_id", _STR), ("name", _STR), ("kind", _STR), ("country", _STR), ("sector", _STR),
        ("wikidata", _STR), ("parent", _STR), ("n_mentions", pa.int32()),
    ]),
    "places": pa.schema(_KEY + [
        ("place_id", _STR), ("name", _STR), ("country", _STR), ("admin1", _STR), ("lat", pa.float64()),
        ("lon", pa.float64()), ("precision", _STR), ("geonameid", pa.int64()), ("n_mentions", pa.int32()),
    ]),
    "relations": pa.schema(_KEY + [("a", _STR), ("b", _STR), ("kind", _STR), ("origin", _STR),
                                   ("evidence", _STRS)]),
    "failures": pa.schema(_KEY + [("origin", _STR), ("error", _STR)]),
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)

Rows = dict[str, list[dict[str, Any]]]


def empty_rows() -> Rows:
    return {name: [] for name in TABLES}


def add_report_rows(rows: Rows, report: Report, *, partition: int, position: int, origin: str,
                    external_id: str | None, seconds: float) -> None:
    """Append one article's Report to the rows of every table."""
    article = report.article
    key = {"partition": partition, "position": position, "article_id": article.id}
    rows["articles"].append({
        **key, "external_id": external_id, "origin": origin, "title": article.title, "url": article.url,
        "outlet": article.outlet, "byline": article.byline, "published": article.published, "text": article.text,
        "n_words": len(article.text.split()), "n_events": len(report.events), "seconds": seconds,
    })
    data = report.to_dict()
    data["article"].pop("text", None)
    rows["reports"].append({**key, "report": json.dumps(data, ensure_ascii=False)})
    for event in report.events:
        when = event.date
        rows["events"].append({
            **key, "event_id": event.id, "type": event.type, "mode": event.mode, "status": event.status,
            "actors": list(event.actors), "recipients": list(event.recipients), "place_id": event.place,
            "date_start": when.start if when else None, "date_end": when.end if when else None,
            "precision": when.precision if when else None, "date_text": event.date_text,
            "attribution": json.dumps([s.to_dict() for s in event.attribution], ensure_ascii=False),
            "evidence": event.evidence.text, "trigger": event.trigger.text, "confidence": event.confidence,
        })
    for actor in report.actors:
        rows["actors"].append({
            **key, "actor_id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "sector": actor.sector, "wikidata": actor.wikidata, "parent": actor.parent,
            "n_mentions": len(actor.mentions),
        })
    for place in report.places:
        rows["places"].append({
            **key, "place_id": place.id, "name": place.name, "country": place.country, "admin1": place.admin1,
            "lat": place.lat, "lon": place.lon, "precision": place.precision, "geonameid": place.geonameid,
            "n_mentions": len(place.mentions),
        })
    for relation in report.relations:
        rows["relations"].append({**key, "a": relation.a, "b": relation.b, "kind": relation.kind,
                                  "origin": relation.origin, "evidence": [e.text for e in relation.evidence]})


def add_failure_row(rows: Rows, *, partition: int, position: int, origin: str, error: str,
                    article: Article | None) -> None:
    rows["failures"].append({"partition": partition, "position": position,
                             "article_id": article.id if article is not None else None,
                             "origin": origin, "error": error})


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


__all__ = ["SCHEMAS", "TABLES", "Rows", "empty_rows", "add_report_rows", "add_failure_row", "to_table"]
