"""One record of event filters for every reader of a store: ``tidings events``, the exports and the web table.

A field means the same thing wherever it is given (CLI option, web query
parameter, Python argument); :func:`event_where` turns the record into SQL
conditions on ``events e``, every value a parameter. A blank string filters
nothing (an empty web form field is not a filter).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from tidings.model import PLOVER_TYPES, STATUSES
from tidings.store.schema import StoreError
from tidings.store.store import Store

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAY = "coalesce(e.date_start, e.first_reported)"
ORDER = f"{_DAY} NULLS LAST, e.id"  # the events' reading order: by day, then id
ROLES = ("actor", "recipient")


@dataclass(frozen=True, slots=True)
class EventFilters:
    """Which events: every field set must hold (AND); ``None`` or blank means any."""

    actor: str | None = None  # id or name; the event has it as actor or recipient (in ``actor_role`` if given)
    actor_role: str | None = None  # "actor" or "recipient": the role ``actor`` must have (the actor page's lists)
    recipient: str | None = None  # id or name; the event has it as recipient
    type: str | None = None  # PLOVER type(s), comma-separated: ASSAULT,COERCE
    status: str | None = None  # status(es), comma-separated; any report of the event has one of them
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: the event ends on or after its first day
    until: str | None = None  # ... starts on or before its last day
    article: str | None = None  # reported by this article: its id, its url, or part of the path it was read from
    place: str | None = None  # the event's place: part of its name, its id, or its country code
    min_articles: int = 1  # told by at least this many articles
    include_parts: bool = False  # actor and recipient also match their parts (hamas: the Qassam Brigades)
    limit: int | None = None  # at most this many events, the first in reading order (day, then id)

    def given(self) -> dict[str, Any]:
        """The fields set to something other than their default, by name (what a page shows as its filters)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) != f.default}


def parse_period(value: str, *, end: bool = False) -> date:
    """``2016``, ``2016-01`` or ``2016-01-15`` as the first day of that period (or its last with ``end``)."""
    found = _PERIOD.match(value.strip())
    if not found:
        raise StoreError(f"cannot read the period {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(found.group(1)), found.group(2), found.group(3)
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            m = int(month)
            return date(year, m, calendar.monthrange(year, m)[1] if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise StoreError(f"{value!r} is not a calendar date: write YYYY, YYYY-MM or YYYY-MM-DD") from None


def resolve_actor(store: Store, name: str) -> str:
    """An actor id from an id or a name as the user typed it; StoreError with suggestions otherwise."""
    wanted = name.strip()
    row = store.con.execute(
        "SELECT id FROM actors WHERE id = ? OR lower(id) = lower(?) OR lower(name) = lower(?) "
        "ORDER BY (id = ?) DESC LIMIT 1",
        [wanted, wanted.replace(" ", "_").replace("-", "_"), wanted, wanted],
    ).fetchone()
    if row:
        return str(row[0])
    from tidings.kb import load_kb

    kb = load_kb()
    slug = wanted.lower().replace(" ", "_").replace("-", "_")
    known = next((a.id for a in kb.actors.values() if a.id == slug or a.name.lower() == wanted.lower()), None)
    if known is not None:  # a knowledge-base actor not stored yet: no events, or only its parts' events
        return known
    from rapidfuzz import process

    names = {r[0]: r[1] for r in store.con.execute("SELECT id, name FROM actors").fetchall()}
    close = process.extract(wanted, {k: f"{k} {v}" for k, v in names.items()}, limit=3, score_cutoff=60)
    hint = f"; did you mean {', '.join(c[2] for c in close)}?" if close else ""
    raise StoreError(f"no actor {name!r} in {store.where}{hint} (list them with `tidings actors`)")


def actor_parts(store: Store, actor_id: str) -> list[str]:
    """The actor and every actor that is part of it, at any depth (Hamas → Qassam Brigades → its commander).

    Parent links come from the knowledge base and from the ``actors`` table
    (user actor files keep their own ``parent``); affiliations are not parts.
    """
    from tidings.kb import load_kb

    parent: dict[str, str] = {a.id: a.parent for a in load_kb().actors.values() if a.parent}
    for child, up in store.con.execute("SELECT id, parent FROM actors WHERE parent IS NOT NULL").fetchall():
        parent.setdefault(child, up)
    out = {actor_id}
    for child in parent:
        seen: set[str] = set()
        current: str | None = child
        while current and current not in seen:
            seen.add(current)
            current = parent.get(current)
            if current == actor_id:
                out.add(child)
                break
    return sorted(out)


def choices(value: str | None, allowed: tuple[str, ...] | list[str], what: str, *, upper: bool = False) -> list[str]:
    """A comma-separated list checked against ``allowed``; StoreError naming the unknown ones."""
    wanted = [v.strip().upper() if upper else v.strip() for v in (value or "").split(",") if v.strip()]
    unknown = sorted(set(wanted) - set(allowed))
    if unknown:
        raise StoreError(f"unknown {what} {', '.join(unknown)}: choose from {', '.join(allowed)}")
    return wanted


def _given(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def event_where(store: Store, filters: EventFilters | None = None) -> tuple[list[str], list[Any]]:
    """The WHERE conditions on ``events e`` (joined with AND) and their parameters, in order."""
    f = filters or EventFilters()
    where: list[str] = ["e.n_articles >= ?"]
    params: list[Any] = [f.min_articles]
    roles = choices(f.actor_role, ROLES, "role")
    for value, role in ((f.actor, roles[0] if len(roles) == 1 else None), (f.recipient, "recipient")):
        name = _given(value)
        if name is None:
            continue
        actor_id = resolve_actor(store, name)
        where.append("e.id IN (SELECT event_id FROM event_actors WHERE actor_id IN (SELECT unnest(?))"
                     + (" AND role = ?)" if role else ")"))
        params.append(actor_parts(store, actor_id) if f.include_parts else [actor_id])
        if role:
            params.append(role)
    types = choices(f.type, PLOVER_TYPES, "event type", upper=True)
    if types:
        where.append("e.type IN (SELECT unnest(?))")
        params.append(types)
    statuses = choices(f.status, STATUSES, "status")
    if statuses:
        where.append("list_has_any(e.statuses, ?)")
        params.append(statuses)
    if since := _given(f.since):
        where.append("coalesce(e.date_end, e.last_reported) >= ?")
        params.append(parse_period(since))
    if until := _given(f.until):
        where.append(f"{_DAY} <= ?")
        params.append(parse_period(until, end=True))
    if article := _given(f.article):
        where.append("e.id IN (SELECT r.event_id FROM event_reports r JOIN articles a ON a.id = r.article_id "
                     "WHERE a.id = ? OR a.url = ? OR a.origin LIKE ?)")
        params += [article, article, f"%{article}%"]
    if place := _given(f.place):
        where.append("e.place_id IN (SELECT id FROM places WHERE name ILIKE ? OR id = ? OR country = ?)")
        params += [f"%{place}%", place, place.upper()]
    if f.limit is not None:
        # the first ``limit`` matching events in reading order; the inner ``e`` shadows the outer one
        where = [f"e.id IN (SELECT e.id FROM events e WHERE {' AND '.join(where)} ORDER BY {ORDER} "
                 f"LIMIT {max(int(f.limit), 0)})"]
    return where, params


__all__ = ["EventFilters", "ORDER", "event_where", "parse_period", "resolve_actor", "actor_parts", "choices"]
