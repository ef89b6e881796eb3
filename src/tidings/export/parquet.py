"""Parquet: a folder with one file per table of the selection, for DuckDB, pandas, R (arrow) and Spark.

Tables keep the store's columns (docs/store.md), so a query written against
the store runs unchanged on the folder (``read_parquet('out/events.parquet')``).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from tidings.export.base import Format
from tidings.store.export_queries import Selection
from tidings.store.store import Store

_IN_ARTICLES = "IN (SELECT DISTINCT r.article_id FROM event_reports r JOIN sel ON sel.id = r.event_id)"
TABLES: dict[str, str] = {
    "events": "SELECT e.* FROM events e JOIN sel ON sel.id = e.id ORDER BY sel.ord",
    "event_actors": "SELECT x.* FROM event_actors x JOIN sel ON sel.id = x.event_id ORDER BY x.event_id, x.role, x.actor_id",
    "event_reports": "SELECT r.* FROM event_reports r JOIN sel ON sel.id = r.event_id ORDER BY r.event_id, r.id",
    "articles": f"SELECT a.* FROM articles a WHERE a.id {_IN_ARTICLES} ORDER BY a.id",
    "actors": """SELECT a.* FROM actors a WHERE a.id IN (SELECT x.actor_id FROM event_actors x JOIN sel ON sel.id = x.event_id)
                 OR a.id IN (SELECT m.actor_id FROM mentions m WHERE m.article_id """ + _IN_ARTICLES + ") ORDER BY a.id",
    "places": """SELECT p.* FROM places p WHERE p.id IN (SELECT r.place_id FROM event_reports r JOIN sel ON sel.id = r.event_id)
                 OR p.id IN (SELECT m.place_id FROM place_mentions m WHERE m.article_id """ + _IN_ARTICLES + ") ORDER BY p.id",
    "mentions": f"SELECT m.* FROM mentions m WHERE m.article_id {_IN_ARTICLES} ORDER BY m.article_id, m.\"start\"",
    "place_mentions": f"SELECT m.* FROM place_mentions m WHERE m.article_id {_IN_ARTICLES} ORDER BY m.article_id, m.\"start\"",
    "relations": f"SELECT t.* FROM relations t WHERE t.article_id {_IN_ARTICLES} ORDER BY t.article_id, t.a, t.b",
    "statements": f"SELECT s.* FROM statements s WHERE s.article_id {_IN_ARTICLES} ORDER BY s.article_id, s.id",
}


def write(store: Store, selection: Selection, path: Path) -> int:
    """One ``TABLE.parquet`` per table; returns the number of events written."""
    events = 0
    for table, body in TABLES.items():
        relation = store.con.sql(selection.cte() + body, params=list(selection.params))
        # DuckDB 1.x names it arrow(), 2.x to_arrow_table() (its arrow() became a batch reader).
        arrow = relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()
        pq.write_table(arrow, path / f"{table}.parquet", compression="zstd")
        if table == "events":
            events = arrow.num_rows
    return events


FORMATS = (Format("parquet", "", "a folder of Parquet files, one per table", write, directory=True),)

__all__ = ["FORMATS", "TABLES", "write"]
