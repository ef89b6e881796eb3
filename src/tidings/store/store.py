"""The Store: one DuckDB file holding articles, their reports, and events merged across articles.

Each report is added in one transaction: the article, its actors, places,
relations and statements, and each event either joined to an existing event
(see :mod:`tidings.store.merge`) or created. A crash mid-article leaves the
database as it was before that article; an article already stored is skipped.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from tidings.model import Event, Report
from tidings.store.ids import article_key
from tidings.store.merge import EventView, Rules, best_match, load_rules, view_event
from tidings.store.schema import StoreError, check_version, migrate
from tidings.store.sources import source_key, source_label

# Which status an event shows when its reports disagree: the most assertive wins.
STATUS_ORDER = ("asserted", "reported", "claimed", "alleged", "denied", "future", "hypothetical", "negated")
PLACE_ORDER = ("point", "city", "region", "country")


@dataclass(slots=True)
class Added:
    """What adding one report did."""

    article_id: str
    duplicate: bool = False
    events_new: int = 0
    events_merged: int = 0
    actors_new: int = 0


def _default_score(event_type: str) -> float:
    from tidings.lexicon import type_score

    return type_score(event_type)


class Store:
    """An open tidings database; use :func:`open_store` to get one."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, where: str, read_only: bool,
                 score: Callable[[str], float] | None = None, rules: Rules | None = None) -> None:
        self.con = con
        self.where = where
        self.read_only = read_only
        self._score = score or _default_score
        self._rules = rules
        self._index: CandidateIndex | None = None

    @property
    def rules(self) -> Rules:
        if self._rules is None:
            self._rules = load_rules()
        return self._rules

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def record_failure(self, origin: str, error: str, *, article_id: str | None = None) -> None:
        """Keep why an article failed, so the run can go on and the user can look later."""
        self._writable()
        self.con.execute(
            "INSERT OR REPLACE INTO failures (origin, article_id, error, failed_at) VALUES (?, ?, ?, current_timestamp)",
            [origin, article_id, error],
        )

    def add_report(self, report: Report, *, origin: str | None = None) -> Added:
        """Store one report and merge its events, all or nothing."""
        self._writable()
        article = report.article
        if not article.id or article.id != article_key(article.text, article.url):
            external = article.id or None
            article.id = article_key(article.text, article.url)
        else:
            external = None
        added = Added(article_id=article.id)
        self.con.begin()
        try:
            if self.has_article(article.id):
                self.con.rollback()
                added.duplicate = True
                return added
            self._insert_article(report, origin=origin, external_id=external)
            added.actors_new = self._insert_entities(report)
            touched: set[str] = set()
            for event in report.events:
                event_id, merged = self._place_event(report, event)
                touched.add(event_id)
                if merged:
                    added.events_merged += 1
                else:
                    added.events_new += 1
            for event_id in sorted(touched):
                self._refresh_event(event_id)
            if origin:
                self.con.execute("DELETE FROM failures WHERE origin = ?", [origin])
            self.con.commit()
        except Exception:
            self.con.rollback()
            self._index = None  # it may hold reports of the rolled-back article
            raise
        return added

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.where} is open read-only: open it without read_only to add articles")

    def _insert_article(self, report: Report, *, origin: str | None, external_id: str | None) -> None:
        article = report.article
        data = report.to_dict()
        data["article"].pop("text", None)
        self.con.execute(
            "INSERT INTO articles (id, external_id, title, url, outlet, byline, published, origin, text, report, n_events)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article.id, external_id, article.title, article.url, article.outlet, article.byline, article.published,
             origin or article.source_path, article.text, json.dumps(data, ensure_ascii=False), len(report.events)],
        )

    def _insert_rows(self, table: str, rows: list[tuple[Any, ...]] | list[list[Any]], *,
                     ignore_conflicts: bool = False) -> int:
        """Many rows in one statement: DuckDB pays per statement, not per row."""
        if not rows:
            return 0
        group = "(" + ", ".join("?" * len(rows[0])) + ")"
        sql = f"INSERT INTO {table} VALUES " + ", ".join([group] * len(rows))
        if ignore_conflicts:
            sql += " ON CONFLICT DO NOTHING RETURNING 1"
        cursor = self.con.execute(sql, [value for row in rows for value in row])
        return len(cursor.fetchall()) if ignore_conflicts else len(rows)

    def _insert_entities(self, report: Report) -> int:
        aid, text = report.article.id, report.article.text
        new_actors = self._insert_rows(
            "actors", [(a.id, a.name, a.kind, a.country, a.sector, a.wikidata, a.parent)
                       for a in {a.id: a for a in report.actors}.values()], ignore_conflicts=True)
        self._insert_rows("mentions", [(aid, a.id, m.start, m.end, m.text) for a in report.actors for m in a.mentions])
        self._insert_rows("places", [(p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.precision, p.geonameid)
                                     for p in {p.id: p for p in report.places}.values()], ignore_conflicts=True)
        self._insert_rows("place_mentions",
                          [(aid, p.id, m.start, m.end, m.text) for p in report.places for m in p.mentions])
        self._insert_rows("relations", [(aid, r.a, r.b, r.kind, r.origin, [e.text for e in r.evidence])
                                        for r in report.relations])
        statements = {}
        for statement in report.statements:
            when = statement.date
            statements[statement.id] = (
                f"{aid}:{statement.id}", aid, statement.speaker.name, statement.speaker.kind, statement.speaker.actor,
                statement.cue.text, statement.addressee, text[statement.content.start:statement.content.end],
                when.start if when else None, when.end if when else None, when.precision if when else None)
        self._insert_rows("statements", list(statements.values()))
        return new_actors

    # -- merging -------------------------------------------------------------------------------

    _VIEW_SQL = """SELECT r.id, r.event_id, r.article_id, r.type, r.family, r.status_group, r.actor_keys,
                          r.recipient_keys, r.window_lo, r.window_hi, r.precision, p.lat, p.lon, p.country,
                          p.precision, r.place_id, r.evidence
                   FROM event_reports r LEFT JOIN places p ON p.id = r.place_id"""

    def _candidates(self, view: EventView) -> dict[str, list[EventView]]:
        """Events with a report of the same family and status group whose window meets the view's."""
        if view.lo is None or view.hi is None:
            return {}
        if self._index is None:
            self._index = CandidateIndex()
            for row in self.con.execute(self._VIEW_SQL + " ORDER BY r.event_id, r.id").fetchall():
                self._index.add(row[1], _row_view(row))
        return self._index.candidates(view)

    def _place_event(self, report: Report, event: Event) -> tuple[str, bool]:
        view = view_event(report, event, rules=self.rules)
        chosen, score = best_match(view, self._candidates(view), rules=self.rules)
        merged = chosen is not None
        event_id = chosen or "ev_" + hashlib.sha1(view.key.encode("utf-8")).hexdigest()[:16]
        if self._index is not None and view.lo is not None:
            self._index.add(event_id, view)
        article = report.article
        when = event.date
        self.con.execute(
            f"INSERT INTO event_reports VALUES ({', '.join('?' * 33)})",
            [view.key, event_id, article.id, event.type, view.family, event.mode, list(event.context),
             event.status, view.status_group, list(event.actors), list(event.recipients),
             sorted(view.actors), sorted(view.recipients),
             when.start if when else None, when.end if when else None, when.precision if when else None,
             event.date_text, view.lo, view.hi, event.place,
             json.dumps([s.to_dict() for s in event.attribution], ensure_ascii=False),
             source_key(event.attribution, outlet=article.outlet, article_id=article.id),
             source_label(event.attribution, outlet=article.outlet),
             event.evidence.start, event.evidence.end, event.evidence.text,
             event.trigger.start, event.trigger.end, event.trigger.text,
             event.confidence, score if merged else None, article.published, view.place_precision],
        )
        return event_id, merged

    def _refresh_event(self, event_id: str) -> None:
        """Recompute an event's summary from all its reports."""
        rows = self.con.execute(
            """SELECT r.type, r.family, r.mode, r.status, r.date_start, r.date_end, r.precision, r.place_id,
                      r.place_precision, r.article_id, r.published, r.source_key, r.confidence, r.actors, r.recipients
               FROM event_reports r WHERE r.event_id = ? ORDER BY r.published NULLS LAST, r.id""",
            [event_id],
        ).fetchall()
        types = Counter(r[0] for r in rows)
        top = max(types.values())
        event_type = next(r[0] for r in rows if types[r[0]] == top)
        modes = Counter(r[2] for r in rows if r[2])
        statuses = sorted({r[3] for r in rows}, key=_rank(STATUS_ORDER))
        dated = [r for r in rows if r[4] is not None]
        when = min(dated, key=lambda r: (r[5] - r[4]).days) if dated else None
        placed = [r for r in rows if r[7] is not None]
        place = min(placed, key=lambda r: _rank(PLACE_ORDER)(r[8])) if placed else None
        published = [r[10] for r in rows if r[10] is not None]
        self.con.execute("DELETE FROM event_actors WHERE event_id = ?", [event_id])
        self.con.execute(
            "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [event_id, event_type, rows[0][1], modes.most_common(1)[0][0] if modes else None,
             statuses[0], statuses, when[4] if when else None, when[5] if when else None, when[6] if when else None,
             place[7] if place else None, float(self._score(event_type)),
             len(rows), len({r[9] for r in rows}), len({r[11] for r in rows}),
             min(published) if published else None, max(published) if published else None,
             max(r[12] for r in rows)],
        )
        roles = {(a, "actor") for r in rows for a in r[13]} | {(a, "recipient") for r in rows for a in r[14]}
        self._insert_rows("event_actors", [(event_id, actor, role) for actor, role in sorted(roles)])

    # -- reading -------------------------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in {"articles", "events", "event_reports", "actors", "places", "failures", "statements",
                         "relations", "mentions"}:
            raise StoreError(f"no table {table!r}")
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts (internal queries; users go through :func:`tidings.store.queries.sql`)."""
        cursor = self.con.execute(sql, params or [])
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


class CandidateIndex:
    """Reports by (family, status group, month) in memory: merging never scans the whole table.

    One writer process owns a database, so the index stays true; a rollback drops it.
    """

    def __init__(self) -> None:
        self.members: dict[str, list[EventView]] = {}
        self.buckets: dict[tuple[str, str, int], set[str]] = {}

    @staticmethod
    def _months(lo: date, hi: date) -> range:
        return range(lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month)

    def add(self, event_id: str, view: EventView) -> None:
        self.members.setdefault(event_id, []).append(view)
        if view.lo is None or view.hi is None:
            return
        for month in self._months(view.lo, view.hi):
            self.buckets.setdefault((view.family, view.status_group, month), set()).add(event_id)

    def candidates(self, view: EventView) -> dict[str, list[EventView]]:
        assert view.lo is not None and view.hi is not None
        ids: set[str] = set()
        for month in self._months(view.lo, view.hi):
            ids |= self.buckets.get((view.family, view.status_group, month), set())
        out: dict[str, list[EventView]] = {}
        for event_id in sorted(ids):
            members = self.members[event_id]
            if any(m.lo is not None and m.hi is not None and m.lo <= view.hi and m.hi >= view.lo for m in members):
                out[event_id] = members
        return out


def _row_view(row: tuple[Any, ...]) -> EventView:
    return EventView(
        key=row[0], article_id=row[2], type=row[3], family=row[4], status_group=row[5],
        actors=frozenset(row[6]), recipients=frozenset(row[7]), lo=row[8], hi=row[9], precision=row[10],
        lat=row[11], lon=row[12], country=row[13], place_precision=row[14], place_id=row[15], evidence=row[16],
    )


def _rank(order: tuple[str, ...]) -> Callable[[str | None], int]:
    return lambda value: order.index(value) if value in order else len(order)


def open_store(path: str | Path | None = None, *, read_only: bool = False,
               score: Callable[[str], float] | None = None, rules: Rules | None = None) -> Store:
    """Open (creating and migrating if needed) a tidings database; ``None`` is an in-memory one."""
    where = ":memory:" if path is None or str(path) == ":memory:" else str(path)
    if where != ":memory:":
        file = Path(where)
        if read_only and not file.exists():
            raise StoreError(f"no database at {where!r}: run `tidings ingest PATH --db {where}` first")
        file.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(where, read_only=read_only and where != ":memory:")
    except duckdb.IOException as exc:
        raise StoreError(f"cannot open {where!r}: {exc} (is another tidings process writing to it?)") from None
    try:
        if read_only and where != ":memory:":
            pending = check_version(con, where=where)
            if pending:
                raise StoreError(f"{where} needs schema migrations {[m.name for m in pending]}: "
                                 "open it once for writing (e.g. `tidings ingest` with no new files) to upgrade it")
        else:
            migrate(con, where=where)
    except Exception:
        con.close()
        raise
    return Store(con, where=where, read_only=read_only, score=score, rules=rules)


__all__ = ["Store", "Added", "open_store", "STATUS_ORDER"]
