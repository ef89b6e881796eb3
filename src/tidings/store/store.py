"""The Store: one DuckDB file holding articles, their reports, and events merged across articles.

Reports are added in batches (:meth:`Store.add_reports`), one transaction per
batch: the articles, their actors, places, relations and statements, and each
event either joined to an existing event (see :mod:`tidings.store.merge`) or
created. A crash mid-batch leaves the database as it was before that batch
(never half an article); an article already stored is skipped, so a rerun
resumes. Rows of a batch are written with one multi-row INSERT per table:
DuckDB's cost is per statement, not per row.

Sharing the file: DuckDB lets one process write a file, and no other process
open it meanwhile, not even to read. So a long writer (``tidings ingest``)
holds the file only while it writes: :meth:`Store.release` closes it between
batches and the next use reopens it (:func:`connect` retries while another
process holds the file, then fails with a clear message). Readers open
read-only for one command or one web request and retry the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from tidings.model import Event, Report
from tidings.store.ids import article_key
from tidings.store.interrupts import reraise_interrupt
from tidings.store.merge import (EventView, Rules, TermCounts, article_story, article_terms, best_match, load_rules,
                                 story_of_terms, view_event, windows_meet)
from tidings.store.merge_story import trigger_key
from tidings.store.schema import StoreError, check_version, migrate
from tidings.store.sources import source_key, source_label

# Which status an event shows when its reports disagree: the most assertive wins.
STATUS_ORDER = ("asserted", "reported", "claimed", "alleged", "denied", "future", "hypothetical", "negated")
PLACE_ORDER = ("point", "city", "region", "country")
WAIT_ENV = "TIDINGS_LOCK_WAIT"
READ_WAIT = 10.0   # seconds a reader waits for a writer's batch
WRITE_WAIT = 60.0  # seconds a writer waits for readers to finish


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
                 score: Callable[[str], float] | None = None, rules: Rules | None = None,
                 releasable: bool = False) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self.where = where
        self.read_only = read_only
        self.releasable = releasable and where != ":memory:"
        self._mark: tuple[int, ...] | None = None  # what the file held when we let it go
        self._score = score or _default_score
        self._rules = rules
        self._index: CandidateIndex | None = None
        self._ids: dict[str, set[str]] | None = None  # actor and place ids stored, loaded on first use

    @property
    def rules(self) -> Rules:
        if self._rules is None:
            self._rules = load_rules()
        return self._rules

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection; reopened (waiting for other processes) if :meth:`release` closed it."""
        if self._con is None:
            self._con = connect(self.where, read_only=self.read_only)
            if self._mark is not None and self._fingerprint(self._con) != self._mark:
                self._index = self._ids = None  # another process wrote meanwhile: our caches may be stale
        return self._con

    @property
    def held(self) -> bool:
        """Whether this Store has the file open now."""
        return self._con is not None

    def release(self) -> None:
        """Close the file until the next use, so other processes can open it (file stores only)."""
        if not self.releasable or self._con is None:
            return
        self._mark = self._fingerprint(self._con)
        self._con.close()
        self._con = None

    @staticmethod
    def _fingerprint(con: duckdb.DuckDBPyConnection) -> tuple[int, ...]:
        row = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM event_reports), "
                          "(SELECT count(*) FROM actors), (SELECT count(*) FROM places)").fetchone()
        return tuple(int(v) for v in row or ())

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

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
        return self.add_reports([(report, origin)])[0]

    def add_reports(self, items: Sequence[tuple[Report, str | None]]) -> list[Added]:
        """Store several reports (with their origins) in one transaction: all of them or none.

        Faster than one transaction each (one commit, one INSERT per table);
        an exception rolls the whole batch back, and the caller may retry its
        reports one by one to find the bad one.
        """
        self._writable()
        batch = _Batch()
        out: list[Added] = []
        self.con.begin()
        try:
            for report, origin in items:
                out.append(self._stage(report, origin, batch))
            if batch.article_ids:
                self._flush(batch)
            self.con.commit()
        except BaseException as exc:  # Ctrl-C included: never leave the batch half-written
            self.con.rollback()
            self._index = self._ids = None  # they may hold what the rolled-back batch added
            reraise_interrupt(exc)
            raise
        return out

    def _stage(self, report: Report, origin: str | None, batch: _Batch) -> Added:
        """Decide what one report adds (merges included) and queue its rows in the batch."""
        article = report.article
        if not article.id or article.id != article_key(article.text, article.url):
            external = article.id or None
            article.id = article_key(article.text, article.url)
        else:
            external = None
        added = Added(article_id=article.id)
        if article.id in batch.article_ids or self.has_article(article.id):
            added.duplicate = True
            return added
        batch.article_ids.add(article.id)
        self._insert_article(report, origin=origin, external_id=external, batch=batch)
        added.actors_new = self._insert_entities(report, batch)
        for event in report.events:
            event_id, merged = self._place_event(report, event, batch)
            batch.touched.add(event_id)
            if merged:
                added.events_merged += 1
            else:
                added.events_new += 1
        if origin:
            batch.origins.append(origin)
        return added

    def _flush(self, batch: _Batch) -> None:
        for table, rows in batch.rows.items():
            # the id cache is only this process's view: never let a stale one fail a batch
            self._insert_rows(table, rows, ignore_conflicts=table in ("actors", "places"))
        if batch.origins:
            self.con.execute("DELETE FROM failures WHERE origin IN (SELECT unnest(?))", [batch.origins])
        self._refresh_events(sorted(batch.touched))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.where} is open read-only: open it without read_only to add articles")

    def _insert_article(self, report: Report, *, origin: str | None, external_id: str | None,
                        batch: _Batch) -> None:
        article = report.article
        data = report.to_dict()
        data["article"].pop("text", None)
        batch.add("articles", (
            article.id, external_id, article.title, article.url, article.outlet, article.byline, article.published,
            origin or article.source_path, article.text, json.dumps(data, ensure_ascii=False), len(report.events)))
        batch.add("article_terms", (article.id, sorted(article_terms(article.text))))

    _COLUMNS = {"articles": "(id, external_id, title, url, outlet, byline, published, origin, text, report, n_events)"}
    _CHUNK = 400  # rows per INSERT: long enough to pay off, short enough to keep the parameter list sane

    def _insert_rows(self, table: str, rows: Sequence[tuple[Any, ...]] | Sequence[list[Any]], *,
                     ignore_conflicts: bool = False) -> int:
        """Many rows in one statement per chunk: DuckDB pays per statement, not per row."""
        done = 0
        for at in range(0, len(rows), self._CHUNK):
            chunk = rows[at:at + self._CHUNK]
            group = "(" + ", ".join("?" * len(chunk[0])) + ")"
            sql = f"INSERT INTO {table} {self._COLUMNS.get(table, '')} VALUES " + ", ".join([group] * len(chunk))
            if ignore_conflicts:
                sql += " ON CONFLICT DO NOTHING RETURNING 1"
            cursor = self.con.execute(sql, [value for row in chunk for value in row])
            done += len(cursor.fetchall()) if ignore_conflicts else len(chunk)
        return done

    def _new_ids(self, table: str, ids: Iterable[str]) -> list[str]:
        """Which of these actor or place ids are new to the store; they count as stored from now on."""
        if self._ids is None:
            self._ids = {t: {r[0] for r in self.con.execute(f"SELECT id FROM {t}").fetchall()}
                         for t in ("actors", "places")}
        known = self._ids[table]
        new = sorted(set(ids) - known)
        known.update(new)
        return new

    def _insert_entities(self, report: Report, batch: _Batch) -> int:
        aid, text = report.article.id, report.article.text
        actors = {a.id: a for a in report.actors}
        new = self._new_ids("actors", actors)
        for actor_id in new:
            a = actors[actor_id]
            batch.add("actors", (a.id, a.name, a.kind, a.country, a.sector, a.wikidata, a.parent))
        for a in report.actors:
            for m in a.mentions:
                batch.add("mentions", (aid, a.id, m.start, m.end, m.text))
        places = {p.id: p for p in report.places}
        for place_id in self._new_ids("places", places):
            p = places[place_id]
            batch.add("places", (p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.precision, p.geonameid))
        for p in report.places:
            for m in p.mentions:
                batch.add("place_mentions", (aid, p.id, m.start, m.end, m.text))
        for r in report.relations:
            batch.add("relations", (aid, r.a, r.b, r.kind, r.origin, [e.text for e in r.evidence]))
        statements = {}
        for statement in report.statements:
            when = statement.date
            statements[statement.id] = (
                f"{aid}:{statement.id}", aid, statement.speaker.name, statement.speaker.kind, statement.speaker.actor,
                statement.cue.text, statement.addressee, text[statement.content.start:statement.content.end],
                when.start if when else None, when.end if when else None, when.precision if when else None)
        for row in statements.values():
            batch.add("statements", row)
        return len(new)

    # -- merging -------------------------------------------------------------------------------

    _VIEW_SQL = """SELECT r.id, r.event_id, r.article_id, r.type, r.family, r.status_group, r.actor_keys,
                          r.recipient_keys, r.window_lo, r.window_hi, r.precision, p.lat, p.lon, p.country,
                          p.precision, r.place_id, r.evidence, r.trigger, r.mode, p.name, r.cameo
                   FROM event_reports r LEFT JOIN places p ON p.id = r.place_id"""

    def merge_index(self) -> CandidateIndex:
        """The in-memory merge index: every stored report's view and the story terms of every article.

        Built on first use from two SQL reads; the story terms were stored with
        each article (migration 3), so no article text is read again.
        """
        if self._index is None:
            index = CandidateIndex()
            for row in self.con.execute(self._VIEW_SQL + " ORDER BY r.event_id, r.id").fetchall():
                index.add(row[1], _row_view(row))
            # merge hook (issue 8): story terms of every stored article weigh the article-level evidence;
            # an article without stored terms (an imported stub) is read from its text
            for article_id, story, text in self.con.execute(
                    "SELECT a.id, t.terms, CASE WHEN t.terms IS NULL THEN a.text END "
                    "FROM articles a LEFT JOIN article_terms t ON t.article_id = a.id").fetchall():
                index.terms.add(article_id, story_of_terms(story, rules=self.rules) if story is not None
                                else article_story(text or "", rules=self.rules))
            self._index = index
        return self._index

    def _candidates(self, view: EventView) -> dict[str, list[EventView]]:
        """Events with a report of the same family and status group whose window meets the view's."""
        return self.merge_index().candidates(view)

    def _place_event(self, report: Report, event: Event, batch: _Batch) -> tuple[str, bool]:
        view = view_event(report, event, rules=self.rules)
        candidates = self._candidates(view)
        terms = self._index.terms if self._index is not None else None
        if terms is not None:
            terms.add(view.article_id, view.story)
        chosen, score = best_match(view, candidates, rules=self.rules, counts=terms)
        merged = chosen is not None
        event_id = chosen or "ev_" + hashlib.sha1(view.key.encode("utf-8")).hexdigest()[:16]
        if self._index is not None:
            self._index.add(event_id, view)
        article = report.article
        when = event.date
        batch.add("event_reports", (
            view.key, event_id, article.id, event.type, view.family, event.mode, list(event.context),
             event.status, view.status_group, list(event.actors), list(event.recipients),
             sorted(view.actors), sorted(view.recipients),
             when.start if when else None, when.end if when else None, when.precision if when else None,
             event.date_text, view.lo, view.hi, event.place,
             json.dumps([s.to_dict() for s in event.attribution], ensure_ascii=False),
             source_key(event.attribution, outlet=article.outlet, article_id=article.id),
             source_label(event.attribution, outlet=article.outlet),
             event.evidence.start, event.evidence.end, event.evidence.text,
             event.trigger.start, event.trigger.end, event.trigger.text,
             event.confidence, score if merged else None, article.published, view.place_precision, event.cameo))
        return event_id, merged

    def _refresh_events(self, event_ids: list[str]) -> None:
        """Recompute the summaries of these events from all their reports: five statements for any number."""
        if not event_ids:
            return
        by_event: dict[str, list[tuple[Any, ...]]] = {}
        for row in self.con.execute(
            """SELECT r.event_id, r.type, r.family, r.mode, r.status, r.date_start, r.date_end, r.precision,
                      r.place_id, r.place_precision, r.article_id, r.published, r.source_key, r.confidence,
                      r.actors, r.recipients
               FROM event_reports r WHERE r.event_id IN (SELECT unnest(?))
               ORDER BY r.event_id, r.published NULLS LAST, r.id""",
            [event_ids],
        ).fetchall():
            by_event.setdefault(row[0], []).append(row[1:])
        events: list[tuple[Any, ...]] = []
        roles: list[tuple[str, str, str]] = []
        for event_id in event_ids:
            event_row, event_roles = self._summary(event_id, by_event[event_id])
            events.append(event_row)
            roles += event_roles
        self.con.execute("DELETE FROM event_actors WHERE event_id IN (SELECT unnest(?))", [event_ids])
        self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [event_ids])
        self._insert_rows("events", events)
        self._insert_rows("event_actors", roles)

    def _summary(self, event_id: str, rows: list[tuple[Any, ...]]) -> tuple[tuple[Any, ...], list[tuple[str, str, str]]]:
        """An event's row and its (event, actor, role) rows, from its reports in publication order."""
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
        event = (event_id, event_type, rows[0][1], modes.most_common(1)[0][0] if modes else None,
                 statuses[0], statuses, when[4] if when else None, when[5] if when else None,
                 when[6] if when else None, place[7] if place else None, float(self._score(event_type)),
                 len(rows), len({r[9] for r in rows}), len({r[11] for r in rows}),
                 min(published) if published else None, max(published) if published else None,
                 max(r[12] for r in rows))
        roles = {(a, "actor") for r in rows for a in r[13]} | {(a, "recipient") for r in rows for a in r[14]}
        return event, [(event_id, actor, role) for actor, role in sorted(roles)]

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


@dataclass(slots=True)
class _Batch:
    """Rows waiting for one multi-row INSERT per table, and what the batch has touched so far."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    article_ids: set[str] = field(default_factory=set)
    touched: set[str] = field(default_factory=set)
    origins: list[str] = field(default_factory=list)

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.rows.setdefault(table, []).append(row)


class CandidateIndex:
    """Reports by (family, status group, month) in memory: merging never scans the whole table.

    Reports without any date (no publication date either) sit in month ``None``:
    they meet every window, so they are candidates for all reports of their
    family, and an undated report looks at every event of its family. Stores
    rarely hold such reports; ECB+-like corpora without dates do.
    One writer process owns a database, so the index stays true; a rollback drops it.
    """

    def __init__(self) -> None:
        self.members: dict[str, list[EventView]] = {}
        self.buckets: dict[tuple[str, str, int | None], set[str]] = {}
        self.families: dict[tuple[str, str], set[str]] = {}
        self.terms = TermCounts()  # story-term frequencies of the stored articles (merge_story)

    @staticmethod
    def _months(lo: date | None, hi: date | None) -> Iterable[int | None]:
        if lo is None or hi is None:
            return (None,)
        return range(lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month)

    def add(self, event_id: str, view: EventView) -> None:
        self.members.setdefault(event_id, []).append(view)
        self.families.setdefault((view.family, view.status_group), set()).add(event_id)
        for month in self._months(view.lo, view.hi):
            self.buckets.setdefault((view.family, view.status_group, month), set()).add(event_id)

    def candidates(self, view: EventView) -> dict[str, list[EventView]]:
        key = (view.family, view.status_group)
        if view.lo is None or view.hi is None:
            ids = set(self.families.get(key, set()))
        else:
            ids = set(self.buckets.get((*key, None), set()))
            for month in self._months(view.lo, view.hi):
                ids |= self.buckets.get((*key, month), set())
        out: dict[str, list[EventView]] = {}
        for event_id in sorted(ids):
            members = self.members[event_id]
            if any(windows_meet(m, view) for m in members):
                out[event_id] = members
        return out


def _row_view(row: tuple[Any, ...]) -> EventView:
    return EventView(
        key=row[0], article_id=row[2], type=row[3], family=row[4], status_group=row[5],
        actors=frozenset(row[6]), recipients=frozenset(row[7]), lo=row[8], hi=row[9], precision=row[10],
        lat=row[11], lon=row[12], country=row[13], place_precision=row[14], place_id=row[15], evidence=row[16],
        trigger=trigger_key(row[17] or ""), mode=row[18], place_name=row[19].casefold() if row[19] else None,
        cameo=row[20],
    )


def _rank(order: tuple[str, ...]) -> Callable[[str | None], int]:
    return lambda value: order.index(value) if value in order else len(order)


class StoreBusy(StoreError):
    """Another process held the database for longer than we were willing to wait."""


def lock_wait(read_only: bool) -> float:
    """Seconds to wait for a file another process holds: ``$TIDINGS_LOCK_WAIT``, else 10 (read) or 60 (write)."""
    raw = os.environ.get(WAIT_ENV, "").strip()
    try:
        return max(0.0, float(raw)) if raw else (READ_WAIT if read_only else WRITE_WAIT)
    except ValueError:
        return READ_WAIT if read_only else WRITE_WAIT


def connect(where: str, *, read_only: bool, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect``, retried with backoff while another process holds the file; StoreError after ``wait`` s."""
    if where == ":memory:":
        return duckdb.connect(where)
    limit = lock_wait(read_only) if wait is None else wait
    deadline = time.monotonic() + limit
    delay = 0.005
    while True:
        try:
            return duckdb.connect(where, read_only=read_only)
        except duckdb.IOException as exc:
            text = str(exc)
            if "lock" not in text.lower():
                if "not a valid DuckDB database" in text or "database file" in text:
                    raise StoreError(f"{where} is not a tidings database (not a DuckDB file): "
                                     "check the --db path, or give a new file name to start one") from None
                raise StoreError(f"cannot open {where!r}: {text.splitlines()[0]}") from None
            left = deadline - time.monotonic()
            if left <= 0:
                holder = text.split("(PID ", 1)[1].split(")", 1)[0] if "(PID " in text else "?"
                raise StoreBusy(
                    f"{where} is busy: another process (PID {holder}) has it open "
                    f"{'for writing' if read_only else ''} and it stayed busy for {limit:g} s; try again when "
                    f"it has finished, or wait longer with {WAIT_ENV}=SECONDS".replace("  ", " ")) from None
            time.sleep(min(delay, left))
            delay = min(delay * 2, 0.025)  # short: a writer lets go between batches only briefly
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {where!r}: {str(exc).splitlines()[0]}") from None


def open_store(path: str | Path | None = None, *, read_only: bool = False,
               score: Callable[[str], float] | None = None, rules: Rules | None = None,
               wait: float | None = None) -> Store:
    """Open (creating and migrating if needed) a tidings database; ``None`` is an in-memory one.

    While another process holds the file, waits up to ``wait`` seconds (default :func:`lock_wait`).
    """
    where = ":memory:" if path is None or str(path) == ":memory:" else str(path)
    if where != ":memory:":
        file = Path(where)
        if read_only and not file.exists():
            raise StoreError(f"no database at {where!r}: run `tidings ingest PATH --db {where}` first")
        if file.is_dir():
            raise StoreError(f"{where} is a folder: give a database file with --db, e.g. {file / 'tidings.duckdb'}")
        file.parent.mkdir(parents=True, exist_ok=True)
    con = connect(where, read_only=read_only and where != ":memory:", wait=wait)
    try:
        if read_only and where != ":memory:":
            pending = check_version(con, where=where)
            if pending:
                raise StoreError(f"{where} needs schema migrations {[m.name for m in pending]}: "
                                 "open it once for writing (e.g. `tidings ingest` with no new files) to upgrade it")
        else:
            migrate(con, where=where)
    except BaseException:
        con.close()
        raise
    return Store(con, where=where, read_only=read_only, score=score, rules=rules, releasable=True)


__all__ = ["Store", "Added", "StoreBusy", "open_store", "connect", "lock_wait", "STATUS_ORDER"]
