"""The database schema as named migrations, applied in order and recorded in ``migrations``.

A migration is never edited once released: a change to the schema is a new
migration at the end of :data:`MIGRATIONS`. Opening a database written by a
newer tidings (a migration we do not know) is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from tidings.errors import TidingsError
from tidings.store.merge_story import story_terms


class StoreError(TidingsError):
    """The database cannot be used as it is (newer schema, read-only, bad query)."""


@dataclass(frozen=True, slots=True)
class Migration:
    """DDL, then an optional Python step (a backfill) in the same transaction: both land or neither."""

    version: int
    name: str
    sql: str
    run: Callable[[duckdb.DuckDBPyConnection], None] | None = None


_INITIAL = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,             -- hash of normalized text + url
    external_id VARCHAR,                -- the id the source gave, if any
    title VARCHAR, url VARCHAR, outlet VARCHAR, byline VARCHAR,
    published DATE,
    origin VARCHAR,                     -- path, path:line or WARC record it was read from
    text VARCHAR NOT NULL,
    report JSON,                        -- the Report without the text (contract tidings/1)
    n_events INTEGER NOT NULL,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE failures (
    origin VARCHAR PRIMARY KEY,
    article_id VARCHAR,
    error VARCHAR NOT NULL,
    failed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE actors (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    country VARCHAR, sector VARCHAR, wikidata VARCHAR, parent VARCHAR
);
CREATE TABLE mentions (
    article_id VARCHAR NOT NULL, actor_id VARCHAR NOT NULL,
    "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL
);
CREATE TABLE places (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL, country VARCHAR, admin1 VARCHAR,
    lat DOUBLE, lon DOUBLE, precision VARCHAR, geonameid BIGINT
);
CREATE TABLE place_mentions (
    article_id VARCHAR NOT NULL, place_id VARCHAR NOT NULL,
    "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL, family VARCHAR NOT NULL, mode VARCHAR,
    status VARCHAR NOT NULL, statuses VARCHAR[] NOT NULL,
    date_start DATE, date_end DATE, precision VARCHAR,
    place_id VARCHAR,
    score DOUBLE NOT NULL,              -- PLOVER cooperation (+) / hostility (-) of the type
    n_reports INTEGER NOT NULL, n_articles INTEGER NOT NULL, n_sources INTEGER NOT NULL,
    first_reported DATE, last_reported DATE,
    confidence DOUBLE NOT NULL
);
CREATE TABLE event_actors (
    event_id VARCHAR NOT NULL, actor_id VARCHAR NOT NULL, role VARCHAR NOT NULL  -- actor | recipient
);
CREATE TABLE event_reports (
    id VARCHAR PRIMARY KEY,             -- article id ':' event id in the report
    event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL, family VARCHAR NOT NULL, mode VARCHAR, context VARCHAR[],
    status VARCHAR NOT NULL, status_group VARCHAR NOT NULL,
    actors VARCHAR[] NOT NULL, recipients VARCHAR[] NOT NULL,
    actor_keys VARCHAR[] NOT NULL, recipient_keys VARCHAR[] NOT NULL,
    date_start DATE, date_end DATE, precision VARCHAR, date_text VARCHAR,
    window_lo DATE, window_hi DATE,     -- the days coreference compares
    place_id VARCHAR,
    attribution JSON NOT NULL, source_key VARCHAR NOT NULL, source_label VARCHAR NOT NULL,
    evidence_start INTEGER, evidence_end INTEGER, evidence VARCHAR NOT NULL,
    trigger_start INTEGER, trigger_end INTEGER, trigger VARCHAR,
    confidence DOUBLE NOT NULL, merge_score DOUBLE,
    published DATE, place_precision VARCHAR  -- copied here so summaries need no join
);
CREATE INDEX event_reports_event ON event_reports (event_id);
CREATE TABLE relations (
    article_id VARCHAR NOT NULL, a VARCHAR NOT NULL, b VARCHAR NOT NULL,
    kind VARCHAR NOT NULL, origin VARCHAR NOT NULL, evidence VARCHAR[]
);
CREATE TABLE statements (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL,
    speaker VARCHAR NOT NULL, speaker_kind VARCHAR, speaker_actor VARCHAR,
    cue VARCHAR, addressee VARCHAR, content VARCHAR,
    date_start DATE, date_end DATE, precision VARCHAR
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,
    read INTEGER, added INTEGER, duplicates INTEGER, failed INTEGER
);
"""

_RELATION_VIEWS = """
CREATE VIEW event_pairs AS
WITH has_recipient AS (
    SELECT DISTINCT event_id FROM event_actors WHERE role = 'recipient'
)
SELECT DISTINCT e.id AS event_id,
       least(x.actor_id, y.actor_id) AS a, greatest(x.actor_id, y.actor_id) AS b,
       e.type, e.score, e.status, e.n_sources,
       coalesce(e.date_start, e.first_reported) AS day
FROM events e
JOIN event_actors x ON x.event_id = e.id AND x.role = 'actor'
JOIN event_actors y ON y.event_id = e.id AND y.actor_id <> x.actor_id
     AND (y.role = 'recipient'
          OR (y.role = 'actor' AND e.id NOT IN (SELECT event_id FROM has_recipient)));

CREATE VIEW relation_months AS
SELECT a, b, date_trunc('month', day)::DATE AS month,
       count(*) AS n_events, sum(score) AS score,
       count(*) FILTER (WHERE score > 0) AS cooperation,
       count(*) FILTER (WHERE score < 0) AS hostility,
       list(DISTINCT type ORDER BY type) AS types,
       list(event_id ORDER BY event_id) AS events
FROM event_pairs
WHERE day IS NOT NULL
GROUP BY a, b, month;
"""

_STORY_TERMS = """
CREATE TABLE article_terms (
    article_id VARCHAR PRIMARY KEY,     -- one row per article; none: not read yet
    terms VARCHAR[] NOT NULL            -- merge_story.story_terms(text) before the generic names are taken out
);
ALTER TABLE event_reports ADD COLUMN cameo VARCHAR;
"""

_CAMEO_FROM_REPORTS = """
UPDATE event_reports SET cameo = j.cameo
FROM (SELECT a.id || ':' || (e.value ->> 'id') AS id, e.value ->> 'cameo' AS cameo
      FROM articles a, json_each(a.report, '$.events') e) j
WHERE event_reports.id = j.id AND j.cameo IS NOT NULL AND event_reports.cameo IS NULL
"""


def _terms(text: str | None) -> list[str]:
    return sorted(story_terms(text or "", frozenset()))


def fill_story_terms(con: duckdb.DuckDBPyConnection) -> None:
    """Read the story terms of every article that has none yet, and each stored report's CAMEO code.

    Runs once, inside its migration's transaction; a later migration that changes
    what :func:`story_terms` reads empties ``article_terms`` and runs this again.
    The CAMEO codes come from the Report JSON each article keeps.
    """
    con.create_function("tidings_story_terms", _terms, ["VARCHAR"], "VARCHAR[]")
    try:
        con.execute("INSERT INTO article_terms SELECT id, tidings_story_terms(text) FROM articles "
                    "WHERE id NOT IN (SELECT article_id FROM article_terms)")
    finally:
        con.remove_function("tidings_story_terms")
    con.execute(_CAMEO_FROM_REPORTS)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial", _INITIAL),
    Migration(2, "relation_views", _RELATION_VIEWS),
    Migration(3, "story_terms", _STORY_TERMS, fill_story_terms),
)

_LEDGER = """
CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""


def applied(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Versions recorded in the database (empty for a new one)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return {}
    return {v: n for v, n in con.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()}


def check_version(con: duckdb.DuckDBPyConnection, *, where: str) -> list[Migration]:
    """The migrations still to apply; StoreError if the database is newer than this tidings."""
    done = applied(con)
    known = {m.version: m for m in MIGRATIONS}
    unknown = sorted(set(done) - set(known))
    if unknown:
        raise StoreError(
            f"{where} was written by a newer tidings (schema migrations {unknown} are unknown here): "
            "upgrade tidings, or use another --db file"
        )
    for version, name in done.items():
        if known[version].name != name:
            raise StoreError(f"{where}: migration {version} is {name!r} in the database but "
                             f"{known[version].name!r} here; this file was not written by tidings")
    return [m for m in MIGRATIONS if m.version not in done]


def migrate(con: duckdb.DuckDBPyConnection, *, where: str) -> list[str]:
    """Apply the missing migrations, each in its own transaction; the names applied."""
    con.execute(_LEDGER)
    names: list[str] = []
    for migration in check_version(con, where=where):
        con.begin()
        try:
            con.execute(migration.sql)
            if migration.run is not None:
                migration.run(con)
            con.execute("INSERT INTO migrations (version, name) VALUES (?, ?)", [migration.version, migration.name])
            con.commit()
        except BaseException:  # Ctrl-C too: the file stays at the last whole migration
            con.rollback()
            raise
        names.append(migration.name)
    return names


SCHEMA_VERSION = MIGRATIONS[-1].version

__all__ = ["Migration", "MIGRATIONS", "SCHEMA_VERSION", "StoreError", "applied", "check_version", "migrate",
           "fill_story_terms"]
