"""The questions analysts ask of a store: events, actors, relations over time, sources, SQL.

Every function returns plain rows (lists of dicts), so the CLI, the web API
and notebooks show the same thing in table, JSON or CSV form.
"""

from __future__ import annotations

import json
import re
from typing import Any

import duckdb

from tidings.store.filters import ORDER, EventFilters, actor_parts, event_where, parse_period, resolve_actor
from tidings.store.schema import StoreError
from tidings.store.store import Store

Row = dict[str, Any]
_READ_ONLY = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


_EVENT_SELECT = """
SELECT e.id, e.type, e.mode, e.date_start, e.date_end, e.precision, p.name AS place, p.country,
       (SELECT list(coalesce(a.name, x.actor_id) ORDER BY x.actor_id) FROM event_actors x
          LEFT JOIN actors a ON a.id = x.actor_id WHERE x.event_id = e.id AND x.role = 'actor') AS actors,
       (SELECT list(coalesce(a.name, x.actor_id) ORDER BY x.actor_id) FROM event_actors x
          LEFT JOIN actors a ON a.id = x.actor_id WHERE x.event_id = e.id AND x.role = 'recipient') AS recipients,
       e.status, e.statuses, e.n_reports AS reports, e.n_articles AS articles, e.n_sources AS sources,
       e.score, e.first_reported,
       (SELECT first(r.evidence ORDER BY r.id) FROM event_reports r WHERE r.event_id = e.id) AS evidence
FROM events e LEFT JOIN places p ON p.id = e.place_id
"""


def event_filters(store: Store, *, actor: str | None = None, type: str | None = None, since: str | None = None,
                  until: str | None = None, status: str | None = None, article: str | None = None,
                  min_articles: int = 1, include_parts: bool = False) -> tuple[list[str], list[Any]]:
    """:func:`tidings.store.filters.event_where` with the filters as keywords (kept for callers of this name)."""
    return event_where(store, EventFilters(actor=actor, type=type, since=since, until=until, status=status,
                                           article=article, min_articles=min_articles, include_parts=include_parts))


def events(store: Store, *, actor: str | None = None, type: str | None = None, since: str | None = None,
           until: str | None = None, status: str | None = None, article: str | None = None,
           min_articles: int = 1, limit: int | None = 100, include_parts: bool = False,
           filters: EventFilters | None = None) -> list[Row]:
    """Merged events, filtered; ``status`` matches an event when any of its reports has that status.

    With ``include_parts``, ``actor`` also matches the actors that are part of
    it (``hamas`` finds the Qassam Brigades' events too). ``filters`` (an
    :class:`~tidings.store.filters.EventFilters`) replaces the keywords; ``limit`` pages either way.
    """
    chosen = filters or EventFilters(actor=actor, type=type, since=since, until=until, status=status,
                                     article=article, min_articles=min_articles, include_parts=include_parts)
    where, params = event_where(store, chosen)
    sql = _EVENT_SELECT + " WHERE " + " AND ".join(where) + f" ORDER BY {ORDER}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql, params)


def event_sources(store: Store, event_id: str) -> list[Row]:
    """Every report of one event: which article, on whose word, with what evidence."""
    rows = store.query(
        """SELECT r.article_id, a.outlet, a.title, a.url, a.published, r.type, r.status, r.source_label AS chain,
                  r.source_key, r.evidence, r.trigger, r.date_text, r.merge_score, r.attribution
           FROM event_reports r JOIN articles a ON a.id = r.article_id
           WHERE r.event_id = ? ORDER BY a.published NULLS LAST, r.id""",
        [event_id],
    )
    for row in rows:
        row["attribution"] = json.loads(row["attribution"]) if row["attribution"] else []
    return rows


def actors(store: Store, *, limit: int | None = 100) -> list[Row]:
    """Actors with how often and when they appear in events."""
    sql = """
    SELECT a.id, a.name, a.kind, a.country, a.parent,
           count(DISTINCT x.event_id) AS events,
           (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.actor_id = a.id) AS articles,
           min(coalesce(e.date_start, e.first_reported)) AS first_seen,
           max(coalesce(e.date_end, e.last_reported)) AS last_seen
    FROM actors a LEFT JOIN event_actors x ON x.actor_id = a.id LEFT JOIN events e ON e.id = x.event_id
    GROUP BY ALL ORDER BY events DESC, articles DESC, a.id"""
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql)


def relations(store: Store, actor: str | None = None, *, limit: int | None = 50) -> list[Row]:
    """Pairs of actors: events between them, PLOVER score, first/last seen, structural ties."""
    params: list[Any] = []
    filter_ev = filter_st = ""
    if actor:
        actor_id = resolve_actor(store, actor)
        filter_ev, filter_st = "WHERE a = ? OR b = ?", "WHERE a = ? OR b = ?"
        params = [actor_id, actor_id, actor_id, actor_id]
    sql = f"""
    WITH ev AS (
        SELECT a, b, count(*) AS events, sum(score) AS score,
               count(*) FILTER (WHERE score > 0) AS cooperation, count(*) FILTER (WHERE score < 0) AS hostility,
               min(day) AS first_seen, max(day) AS last_seen, list(DISTINCT type ORDER BY type) AS types
        FROM event_pairs {filter_ev} GROUP BY a, b),
    st AS (
        SELECT least(a, b) AS a, greatest(a, b) AS b,
               list(DISTINCT a || ' ' || kind || ' ' || b ORDER BY a || ' ' || kind || ' ' || b) AS ties
        FROM relations {filter_st} GROUP BY 1, 2)
    SELECT coalesce(ev.a, st.a) AS a, coalesce(ev.b, st.b) AS b,
           coalesce(ev.events, 0) AS events, coalesce(ev.score, 0) AS score,
           coalesce(ev.cooperation, 0) AS cooperation, coalesce(ev.hostility, 0) AS hostility,
           ev.first_seen, ev.last_seen, ev.types, st.ties
    FROM ev FULL OUTER JOIN st ON ev.a = st.a AND ev.b = st.b
    ORDER BY abs(coalesce(ev.score, 0)) DESC, events DESC, a, b"""
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql, params)


def timeline(store: Store, a: str, b: str) -> list[Row]:
    """Month by month: the events between two actors, their score, and the evidence."""
    first, second = sorted((resolve_actor(store, a), resolve_actor(store, b)))
    return store.query(
        """WITH ev AS (
               SELECT p.*, (SELECT first(r.evidence ORDER BY r.id) FROM event_reports r
                            WHERE r.event_id = p.event_id) AS evidence
               FROM event_pairs p WHERE p.a = ? AND p.b = ?)
           SELECT date_trunc('month', day)::DATE AS month, count(*) AS events, sum(score) AS score,
                  count(*) FILTER (WHERE score > 0) AS cooperation, count(*) FILTER (WHERE score < 0) AS hostility,
                  list(DISTINCT type ORDER BY type) AS types,
                  list(type || ' ' || coalesce(strftime(day, '%Y-%m-%d'), '?') || ': ' || evidence ORDER BY day) AS evidence
           FROM ev GROUP BY month ORDER BY month NULLS LAST""",
        [first, second],
    )


def event_counts(store: Store) -> list[Row]:
    """Events by PLOVER type, with how many reports and articles stand behind them."""
    return store.query(
        """SELECT type, count(*) AS events, sum(n_reports) AS reports,
                  count(*) FILTER (WHERE n_articles > 1) AS multi_article,
                  round(avg(n_sources), 2) AS mean_sources
           FROM events GROUP BY type ORDER BY events DESC, type"""
    )


def single_statement(query: str, allowed: set[duckdb.StatementType], allowed_words: str) -> None:
    """Refuse anything but one statement of an allowed type (the shared wall of the read-only SQL
    of the CLI and of the web); ``EXPLAIN ANALYZE`` is refused because it runs what it explains."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise StoreError(f"cannot parse the query: {str(exc).splitlines()[0][:300]}") from None
    if len(statements) != 1:
        raise StoreError(f"give exactly one statement ({len(statements)} found)")
    if statements[0].type not in allowed:
        raise StoreError(f"only read-only queries are allowed here ({statements[0].type.name} is not): "
                         f"use {allowed_words}")
    if statements[0].type == duckdb.StatementType.EXPLAIN and re.match(r"\s*explain\s+analy[sz]e\b", query, re.I):
        # EXPLAIN ANALYZE runs the statement it explains: "EXPLAIN ANALYZE DELETE …" deletes
        raise StoreError("EXPLAIN ANALYZE runs the statement it explains and is refused here: use EXPLAIN")


def sql(store: Store, query: str) -> list[Row]:
    """Run one read-only statement (SELECT, SHOW, DESCRIBE, EXPLAIN); anything that writes is refused."""
    single_statement(query, _READ_ONLY, "SELECT, SHOW, DESCRIBE or EXPLAIN")
    try:
        return store.query(query)
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {exc}") from None


__all__ = ["events", "event_filters", "actor_parts", "event_sources", "actors", "relations", "timeline", "event_counts", "sql",
           "single_statement", "parse_period",
           "resolve_actor"]
