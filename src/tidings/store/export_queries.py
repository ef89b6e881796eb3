"""Read-only bulk queries for exports: a filtered set of events and everything around it, in few statements.

:func:`tidings.store.queries.events` answers people (a page of rows with
names); exports need every column of every selected event, its actors and
reports, fast enough for 100,000 events. Each loader here is one SQL
statement over a :class:`Selection` (the filters of ``tidings events`` and the web's
event table: :class:`tidings.store.filters.EventFilters`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tidings.store.filters import ORDER, EventFilters, event_where
from tidings.store.store import Store

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Selection:
    """A SQL query yielding the ids of the selected events (column ``id``), with its parameters."""

    sql: str
    params: tuple[Any, ...]

    def cte(self) -> str:
        """``WITH sel AS (…)``: every loader joins on ``sel.id``."""
        return f"WITH sel AS ({self.sql}) "


def select(store: Store, filters: EventFilters | None = None) -> Selection:
    """The events matching ``filters``, ordered by day then id (as ``tidings events`` orders them)."""
    where, params = event_where(store, filters)
    sql = f"SELECT e.id, row_number() OVER (ORDER BY {ORDER}) AS ord FROM events e WHERE " + " AND ".join(where)
    return Selection(sql, tuple(params))


def _rows(store: Store, selection: Selection, body: str) -> list[Row]:
    return store.query(selection.cte() + body, list(selection.params))


def events(store: Store, selection: Selection) -> list[Row]:
    """Every column of the selected events, in selection order."""
    return _rows(store, selection, "SELECT e.* FROM events e JOIN sel ON sel.id = e.id ORDER BY sel.ord")


def event_actors(store: Store, selection: Selection) -> list[Row]:
    """(event, actor, role) rows of the selected events, actors and recipients ordered by id."""
    return _rows(store, selection, """SELECT x.event_id, x.actor_id, x.role FROM event_actors x
        JOIN sel ON sel.id = x.event_id ORDER BY x.event_id, x.role, x.actor_id""")


def event_reports(store: Store, selection: Selection) -> list[Row]:
    """Every report of the selected events, with its article's title, url, outlet and date, oldest first."""
    return _rows(store, selection, """SELECT r.*, a.title AS article_title, a.url AS article_url,
               a.outlet AS article_outlet, a.byline AS article_byline, a.published AS article_published,
               a.external_id AS article_external_id
        FROM event_reports r JOIN sel ON sel.id = r.event_id LEFT JOIN articles a ON a.id = r.article_id
        ORDER BY r.event_id, r.published NULLS LAST, r.id""")


def actors(store: Store, selection: Selection) -> list[Row]:
    """Actors taking part in the selected events, or tied to one that does by a structural relation."""
    return _rows(store, selection, """, used AS (
            SELECT DISTINCT x.actor_id AS id FROM event_actors x JOIN sel ON sel.id = x.event_id)
        SELECT a.* FROM actors a WHERE a.id IN (SELECT id FROM used)
           OR a.id IN (SELECT r.a FROM relations r WHERE r.b IN (SELECT id FROM used))
           OR a.id IN (SELECT r.b FROM relations r WHERE r.a IN (SELECT id FROM used))
        ORDER BY a.id""")


def places(store: Store, selection: Selection) -> list[Row]:
    """Places of the selected events and of their reports."""
    return _rows(store, selection, """SELECT p.* FROM places p WHERE p.id IN (
            SELECT e.place_id FROM events e JOIN sel ON sel.id = e.id
            UNION SELECT r.place_id FROM event_reports r JOIN sel ON sel.id = r.event_id)
        ORDER BY p.id""")


def mentions(store: Store, selection: Selection) -> list[Row]:
    """Actor mentions in the articles that report the selected events (the entity text of PLOVER records)."""
    return _rows(store, selection, """SELECT m.article_id, m.actor_id, m."start", m."end", m.text FROM mentions m
        WHERE m.article_id IN (SELECT DISTINCT r.article_id FROM event_reports r JOIN sel ON sel.id = r.event_id)
        ORDER BY m.article_id, m.actor_id, m."start\"""")


def pairs(store: Store, selection: Selection) -> list[Row]:
    """Actor pairs of the selected events (the network's edges), with counts, score and first/last seen."""
    return _rows(store, selection, """SELECT p.a, p.b, count(*) AS events, sum(p.score) AS score,
               count(*) FILTER (WHERE p.score > 0) AS cooperation, count(*) FILTER (WHERE p.score < 0) AS hostility,
               min(p.day) AS first_seen, max(p.day) AS last_seen,
               list(DISTINCT p.type ORDER BY p.type) AS types, sum(e.n_sources) AS sources,
               avg(e.confidence) AS confidence, list(p.event_id ORDER BY p.day, p.event_id) AS event_ids
        FROM event_pairs p JOIN sel ON sel.id = p.event_id JOIN events e ON e.id = p.event_id
        GROUP BY p.a, p.b ORDER BY p.a, p.b""")


def ties(store: Store, actor_ids: list[str]) -> list[Row]:
    """Structural relations (``a part_of b`` …) among the given actors, with how many articles state them."""
    return store.query("""SELECT a, b, kind, count(DISTINCT article_id) AS articles,
               list(DISTINCT origin ORDER BY origin) AS origins
        FROM relations WHERE a IN (SELECT unnest(?)) AND b IN (SELECT unnest(?))
        GROUP BY a, b, kind ORDER BY a, b, kind""", [actor_ids, actor_ids])


def articles(store: Store, selection: Selection, *, text: bool = False) -> list[Row]:
    """Articles reporting the selected events; their text only when asked (it is most of the bytes)."""
    columns = "a.*" if text else "a.* EXCLUDE (text, report)"
    return _rows(store, selection, f"""SELECT {columns} FROM articles a WHERE a.id IN (
            SELECT DISTINCT r.article_id FROM event_reports r JOIN sel ON sel.id = r.event_id) ORDER BY a.id""")


__all__ = ["Selection", "select", "events", "event_actors", "event_reports", "actors", "places",
           "mentions", "pairs", "ties", "articles"]
