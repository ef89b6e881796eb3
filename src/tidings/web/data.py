"""What each page shows, as plain rows: the web's own read queries over a store.

The CLI's questions live in :mod:`tidings.store.queries`; the pages need a few
more (a sortable, paged event table, a pair's events, weekly counts, the map's
points). Every value reaches SQL as a parameter; sort columns come from a fixed
whitelist, never from the request. The table's filters are
:class:`tidings.store.filters.EventFilters`, the record the CLI and the exports use.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from tidings.store import queries
from tidings.store.filters import EventFilters, event_where
from tidings.store.schema import StoreError
from tidings.store.store import Store

Row = dict[str, Any]

# Request name → SQL expression. Only these ever reach ORDER BY.
SORTS: dict[str, str] = {
    "date": "coalesce(e.date_start, e.first_reported)", "type": "e.type", "actors": "n.actors",
    "recipients": "n.recipients", "place": "p.name", "status": "e.status", "reports": "e.n_reports",
    "articles": "e.n_articles", "sources": "e.n_sources", "confidence": "e.confidence",
}


_NAMES = """
WITH n AS (
    SELECT x.event_id,
           string_agg(coalesce(a.name, x.actor_id), ', ' ORDER BY x.actor_id) FILTER (WHERE x.role = 'actor') AS actors,
           string_agg(coalesce(a.name, x.actor_id), ', ' ORDER BY x.actor_id) FILTER (WHERE x.role = 'recipient') AS recipients,
           list(x.actor_id ORDER BY x.actor_id) FILTER (WHERE x.role = 'actor') AS actor_ids,
           list(x.actor_id ORDER BY x.actor_id) FILTER (WHERE x.role = 'recipient') AS recipient_ids
    FROM event_actors x LEFT JOIN actors a ON a.id = x.actor_id GROUP BY x.event_id)
"""


def event_table(store: Store, filters: EventFilters, *, sort: str = "date", descending: bool = False,
                offset: int = 0, limit: int = 50) -> tuple[list[Row], int]:
    """One page of merged events and how many match in all.

    Actor names are joined only for the rows of the page, unless the page is sorted by them:
    aggregating every event's actors costs more than the rest of the query.
    """
    if sort not in SORTS:
        raise StoreError(f"cannot sort by {sort!r}: choose from {', '.join(SORTS)}")
    where, params = event_where(store, filters)
    base = f"FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE {' AND '.join(where)}"
    total = store.con.execute("SELECT count(*) " + base, params).fetchone()[0]  # type: ignore[index]
    order = f"{SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, e.id"
    by_names = sort in ("actors", "recipients")
    columns = ("SELECT e.id, e.type, e.date_start, e.date_end, e.precision, p.name AS place, e.place_id, "
               "e.status, e.statuses, e.n_reports AS reports, e.n_articles AS articles, e.n_sources AS sources, "
               "e.score, e.confidence ")
    if by_names:
        rows = store.query(_NAMES + columns + ", n.actors, n.recipients, n.actor_ids, n.recipient_ids "
                           + base.replace("WHERE", "LEFT JOIN n ON n.event_id = e.id WHERE", 1)
                           + f" ORDER BY {order} LIMIT ? OFFSET ?", [*params, int(limit), int(offset)])
    else:
        rows = store.query(columns + base + f" ORDER BY {order} LIMIT ? OFFSET ?", [*params, int(limit), int(offset)])
    if not rows:
        return rows, int(total)
    ids = [r["id"] for r in rows]
    if not by_names:
        names = {r["event_id"]: r for r in store.query(
            _NAMES.replace("GROUP BY x.event_id", "WHERE list_contains(?, x.event_id) GROUP BY x.event_id")
            + "SELECT * FROM n", [ids])}
        for row in rows:
            found = names.get(row["id"], {})
            for key in ("actors", "recipients", "actor_ids", "recipient_ids"):
                row[key] = found.get(key)
    evidence = dict(store.con.execute(
        "SELECT event_id, first(evidence ORDER BY id) FROM event_reports WHERE list_contains(?, event_id) "
        "GROUP BY event_id", [ids]).fetchall())
    for row in rows:
        row["evidence"] = evidence.get(row["id"], "")
    return rows, int(total)


def event_detail(store: Store, event_id: str) -> Row | None:
    """One merged event with every report behind it and the chain of sources of each."""
    found = store.query(_NAMES + "SELECT e.*, p.name AS place, p.lat, p.lon, p.precision AS place_precision, "
                        "n.actors, n.recipients, n.actor_ids, n.recipient_ids FROM events e "
                        "LEFT JOIN places p ON p.id = e.place_id LEFT JOIN n ON n.event_id = e.id WHERE e.id = ?",
                        [event_id])
    if not found:
        return None
    event = found[0]
    event["sources"] = queries.event_sources(store, event_id)
    return event


def articles(store: Store, *, q: str | None = None, limit: int = 200) -> list[Row]:
    """Articles, newest first; ``q`` searches titles and outlets."""
    params: list[Any] = []
    where = ""
    if q and q.strip():
        where = "WHERE title ILIKE ? OR outlet ILIKE ? OR origin ILIKE ?"
        params = [f"%{q.strip()}%"] * 3
    return store.query(f"SELECT id, title, outlet, published, origin, n_events FROM articles {where} "
                       "ORDER BY published DESC NULLS LAST, id LIMIT ?", [*params, int(limit)])


def find_article(store: Store, key: str) -> Row | None:
    """An article by id, or by the file name it was read from (``01-hamas-sinai-province``)."""
    rows = store.query("SELECT * FROM articles WHERE id = ?", [key])
    if not rows:
        rows = store.query("SELECT * FROM articles WHERE contains(origin, ?) ORDER BY origin LIMIT 1",
                           [key]) if key.strip() else []
    if not rows:
        return None
    article = rows[0]
    article["report"] = json.loads(article["report"]) if article["report"] else {}
    return article


def article_events(store: Store, article_id: str) -> list[Row]:
    """The events one article reports, each with its store event, spans and chain of sources."""
    rows = store.query(
        """SELECT r.id AS report_id, r.event_id, r.type, r.status, r.actors, r.recipients, r.date_start, r.date_end,
                  r.precision, r.date_text, r.place_id, pl.name AS place, r.attribution, r.source_label AS chain,
                  r.evidence_start, r.evidence_end, r.trigger_start, r.trigger_end, r.trigger, r.evidence,
                  r.confidence, e.n_reports, e.n_articles, e.n_sources
           FROM event_reports r JOIN events e ON e.id = r.event_id LEFT JOIN places pl ON pl.id = r.place_id
           WHERE r.article_id = ? ORDER BY r.evidence_start NULLS LAST, r.id""", [article_id])
    names = actor_names(store, {a for r in rows for a in [*r["actors"], *r["recipients"]]})
    for index, row in enumerate(rows):
        row["n"] = index
        row["attribution"] = json.loads(row["attribution"]) if row["attribution"] else []
        row["actor_names"] = [names.get(a, a) for a in row["actors"]]
        row["recipient_names"] = [names.get(a, a) for a in row["recipients"]]
        row["other_reports"] = [s for s in queries.event_sources(store, row["event_id"])
                                if s["article_id"] != article_id] if row["n_reports"] > 1 else []
    return rows


def actor_names(store: Store, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(store.con.execute("SELECT id, name FROM actors WHERE list_contains(?, id)", [sorted(ids)]).fetchall())


def mentions(store: Store, article_id: str) -> tuple[list[Row], list[Row]]:
    """Actor and place mentions of one article, with what they resolved to."""
    actors = store.query('SELECT m.actor_id AS id, a.name, m."start", m."end" FROM mentions m '
                         'LEFT JOIN actors a ON a.id = m.actor_id WHERE m.article_id = ?', [article_id])
    places = store.query('SELECT m.place_id AS id, p.name, m."start", m."end" FROM place_mentions m '
                         'LEFT JOIN places p ON p.id = m.place_id WHERE m.article_id = ?', [article_id])
    return actors, places


def actor(store: Store, actor_id: str) -> Row | None:
    rows = store.query("SELECT * FROM actors WHERE id = ?", [actor_id])
    return rows[0] if rows else None


def actor_family(store: Store, actor_id: str) -> tuple[list[Row], list[Row]]:
    """Ancestors (nearest first) and children of an actor, as far as the store knows them."""
    ancestors: list[Row] = []
    seen = {actor_id}
    current = actor(store, actor_id)
    while current and current.get("parent") and current["parent"] not in seen:
        seen.add(current["parent"])
        parent = actor(store, current["parent"]) or {"id": current["parent"], "name": current["parent"]}
        ancestors.append(parent)
        current = parent if "kind" in parent else None
    children = store.query("SELECT id, name, kind FROM actors WHERE parent = ? ORDER BY name", [actor_id])
    return ancestors, children


def surface_names(store: Store, actor_id: str) -> list[Row]:
    """How articles named the actor, most frequent first."""
    return store.query("SELECT text, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text "
                       "ORDER BY n DESC, text LIMIT 30", [actor_id])


def relation_months(store: Store, actor_id: str) -> dict[str, list[Row]]:
    """Partner → months with events and score, for the actor page's sparklines."""
    rows = store.query("SELECT CASE WHEN a = ? THEN b ELSE a END AS partner, month, n_events, score, "
                       "cooperation, hostility FROM relation_months WHERE a = ? OR b = ? ORDER BY month",
                       [actor_id, actor_id, actor_id])
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(row["partner"], []).append(row)
    return out


def pair_events(store: Store, a: str, b: str, *, limit: int = 200) -> list[Row]:
    """Events between two actors (either order), with their first evidence."""
    first, second = sorted((a, b))
    return store.query(
        "SELECT p.event_id AS id, p.type, p.score, p.status, p.day, p.n_sources AS sources, "
        "(SELECT first(r.evidence ORDER BY r.id) FROM event_reports r WHERE r.event_id = p.event_id) AS evidence "
        "FROM event_pairs p WHERE p.a = ? AND p.b = ? ORDER BY p.day NULLS LAST, p.event_id LIMIT ?",
        [first, second, int(limit)])


def network(store: Store, *, min_events: int = 1, limit: int = 150) -> tuple[list[Row], list[Row]]:
    """Nodes and edges of the actor graph; each edge carries its months for the time slider."""
    edges = store.query(
        """SELECT a, b, count(*) AS events, sum(score) AS score,
                  count(*) FILTER (WHERE score > 0) AS cooperation, count(*) FILTER (WHERE score < 0) AS hostility,
                  min(day) AS first_seen, max(day) AS last_seen
           FROM event_pairs GROUP BY a, b HAVING count(*) >= ?
           ORDER BY count(*) DESC, abs(sum(score)) DESC, a, b LIMIT ?""", [int(min_events), int(limit)])
    if not edges:
        return [], []
    months = store.query(
        "SELECT a, b, strftime(month, '%Y-%m') AS month, n_events, score FROM relation_months "
        "WHERE list_contains(?, a || '|' || b) ORDER BY month", [[f"{e['a']}|{e['b']}" for e in edges]])
    by_pair: dict[tuple[str, str], list[list[Any]]] = {}
    for row in months:
        by_pair.setdefault((row["a"], row["b"]), []).append([row["month"], row["n_events"], row["score"]])
    for edge in edges:
        edge["months"] = by_pair.get((edge["a"], edge["b"]), [])
    ids = sorted({e["a"] for e in edges} | {e["b"] for e in edges})
    nodes = store.query(
        "SELECT a.id, coalesce(a.name, a.id) AS name, a.kind, a.country, "
        "(SELECT count(DISTINCT event_id) FROM event_actors x WHERE x.actor_id = a.id) AS events "
        "FROM actors a WHERE list_contains(?, a.id) ORDER BY a.id", [ids])
    return nodes, edges


def map_points(store: Store) -> list[Row]:
    """Places with events: where, how precisely, how many events of which types."""
    return store.query(
        """SELECT p.id, p.name, p.country, p.lat, p.lon, p.precision, count(*) AS events,
                  list(DISTINCT e.type ORDER BY e.type) AS types, sum(e.score) AS score
           FROM events e JOIN places p ON p.id = e.place_id
           WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL
           GROUP BY ALL ORDER BY events DESC, p.id""")


def weekly(store: Store, actor_id: str, partner_id: str | None = None) -> list[Row]:
    """Events per ISO week and type, for one actor or for a pair."""
    if partner_id:
        first, second = sorted((actor_id, partner_id))
        source = "SELECT event_id, type, day FROM event_pairs WHERE a = ? AND b = ?"
        params = [first, second]
    else:
        source = ("SELECT e.id AS event_id, e.type, coalesce(e.date_start, e.first_reported) AS day FROM events e "
                  "WHERE e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)")
        params = [actor_id]
    return store.query(
        f"WITH s AS ({source}) SELECT date_trunc('week', day)::DATE AS week, type, count(DISTINCT event_id) AS events "
        "FROM s WHERE day IS NOT NULL GROUP BY ALL ORDER BY week, type", params)


def week_range(rows: list[Row]) -> list[date]:
    """Every week from the first to the last (gaps included), capped at ten years."""
    if not rows:
        return []
    start, end = rows[0]["week"], rows[-1]["week"]
    weeks = []
    day = start
    while day <= end and len(weeks) < 520:
        weeks.append(day)
        day += timedelta(days=7)
    return weeks


def search(store: Store, q: str, *, limit: int = 20) -> Row:
    """Actors, articles and events whose names or evidence contain ``q``."""
    pattern = f"%{q.strip()}%"
    return {
        "actors": store.query("SELECT id, name, kind FROM actors WHERE name ILIKE ? OR id ILIKE ? ORDER BY name "
                              "LIMIT ?", [pattern, pattern, limit]),
        "articles": store.query("SELECT id, title, outlet, published FROM articles WHERE title ILIKE ? "
                                "OR text ILIKE ? ORDER BY published DESC NULLS LAST LIMIT ?", [pattern, pattern, limit]),
        "events": store.query("SELECT DISTINCT ON (r.event_id) r.event_id AS id, r.type, r.evidence FROM event_reports r "
                              "WHERE r.evidence ILIKE ? ORDER BY r.event_id LIMIT ?", [pattern, limit]),
    }


def overview(store: Store) -> Row:
    counts = {t: store.count(t) for t in ("articles", "events", "event_reports", "actors", "places")}
    return {"counts": counts, "types": queries.event_counts(store)}


__all__ = ["EventFilters", "SORTS", "event_table", "event_detail", "articles", "find_article", "article_events",
           "mentions", "actor", "actor_family", "surface_names", "relation_months", "pair_events", "network",
           "map_points", "weekly", "week_range", "search", "overview", "actor_names"]
