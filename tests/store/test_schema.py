"""Schema migrations on real files: a store written by the previous schema (v2) opens, migrates and merges.

The v2 file is built by hand with the released DDL of migrations 1 and 2 (never
edited) and the rows our writer stores, minus the columns migration 3 added.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from store_builders import E, make_report, score
from tidings.model import Report
from tidings.store import open_store, schema
from tidings.store.merge import article_terms, load_rules

TABLES = ("articles", "failures", "actors", "mentions", "places", "place_mentions", "events", "event_actors",
          "event_reports", "relations", "statements", "runs")


def _columns(con: duckdb.DuckDBPyConnection, table: str, catalog: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = ? AND table_name = ? "
        "ORDER BY ordinal_position", [catalog, table]).fetchall()]


def write_v2(reports: list[Report], path: Path) -> None:
    """A v2 store holding ``reports``: the old DDL by hand, then our rows without migration 3's columns."""
    current = path.with_suffix(".current.duckdb")
    with open_store(current, score=score) as store:
        store.add_reports([(r, None) for r in reports])
    con = duckdb.connect(str(path))
    for migration in schema.MIGRATIONS[:2]:
        con.execute(migration.sql)
    con.execute(schema._LEDGER)
    con.execute("INSERT INTO migrations (version, name) VALUES (1, 'initial'), (2, 'relation_views')")
    con.execute(f"ATTACH '{current}' AS src (READ_ONLY)")
    catalog = path.stem
    for table in TABLES:
        columns = ", ".join(f'"{c}"' for c in _columns(con, table, catalog))
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM src.{table}")
    con.execute("DETACH src")
    con.close()
    current.unlink()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every v2 column of every table, sorted: what a migration must not lose."""
    con = duckdb.connect(str(path), read_only=True)
    catalog = path.stem
    out = {}
    for table in TABLES:
        columns = [c for c in _columns(con, table, catalog) if (table, c) != ("event_reports", "cameo")]
        quoted = ", ".join(f'"{c}"' for c in columns)
        out[table] = sorted(con.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
    con.close()
    return out


def _undated(title: str, sentence: str, outlet: str, cameo: str | None = "180") -> Report:
    report = make_report(title, [E("ASSAULT", sentence)], outlet=outlet, published=None,
                         url=f"https://example.invalid/{outlet.replace(' ', '-')}")
    report.events[0].cameo = cameo
    return report


def stories() -> tuple[list[Report], list[Report]]:
    """Undated reports whose only tie is one story told with the same CAMEO code (different trigger stems)."""
    first = [
        _undated("Report from the warehouse", "Gunmen killed Martin Oakes at Kessler Logistics in Dayton.",
                 "Dayton Daily"),
        _undated("Report from the depot", "Gunmen killed Luis Ferraro at Brennan Freight in Toledo.", "Toledo Blade"),
    ]
    second = [
        _undated("Follow-up on the warehouse", "Police said Martin Oakes died at Kessler Logistics in Dayton.",
                 "WHIO"),
        _undated("Follow-up on the depot", "Workers mourned Luis Ferraro of Brennan Freight in Toledo.", "WTOL"),
    ]
    return first, second


def clusters(store) -> list[tuple]:
    return store.con.execute("SELECT id, event_id, merge_score, cameo FROM event_reports ORDER BY id").fetchall()


def test_schema_v2_store_migrates_in_place_and_merges_as_in_one_process(tmp_path):
    first, second = stories()
    with open_store(None, score=score) as reference:  # one process, every view built from the Reports
        reference.add_reports([(r, None) for r in first])
        reference.add_reports([(r, None) for r in second])
        expected = clusters(reference)
        assert reference.count("events") == 2  # not vacuous: each follow-up joined its story by CAMEO code
    path = tmp_path / "old.duckdb"
    write_v2(first, path)
    before = snapshot(path)
    with open_store(path, score=score) as store:
        assert [r["name"] for r in store.query("SELECT name FROM migrations ORDER BY version")] == [
            "initial", "relation_views", "story_terms"]
        stored = store.con.execute("SELECT a.text, t.terms FROM articles a LEFT JOIN article_terms t "
                                   "ON t.article_id = a.id").fetchall()
        assert len(stored) == 2 and all(terms == sorted(article_terms(text)) for text, terms in stored)
        assert {r[3] for r in clusters(store)} == {"180"}  # the CAMEO codes, read back from the kept Report JSON
    assert snapshot(path) == before  # nothing stored before was lost or changed
    with open_store(path, score=score) as store:  # a later writer: the views come from the tables alone
        added = store.add_reports([(r, None) for r in second])
        assert [a.events_merged for a in added] == [1, 1]
        assert clusters(store) == expected


def test_schema_opening_a_store_reads_no_article_text(tmp_path, monkeypatch):
    from tidings.store import merge

    path = tmp_path / "n.duckdb"
    reports = [make_report(f"Report {i}", [E("ASSAULT", f"Al-Shabaab fighters attacked Baidoa for the {i}th time.",
                                             actors=["al_shabaab"], day="2023-09-17", place="baidoa")],
                           outlet=f"Outlet {i}", url=f"https://example.invalid/{i}") for i in range(30)]
    with open_store(path, score=score) as store:
        store.add_reports([(r, None) for r in reports])
    calls: list[int] = []
    real = merge.story_terms

    def counting(text: str, generic: frozenset[str]) -> frozenset[str]:
        calls.append(len(text))
        return real(text, generic)

    monkeypatch.setattr(merge, "story_terms", counting)
    merge._raw_story.cache_clear()
    with open_store(path, score=score) as store:
        index = store.merge_index()
        assert index.terms.documents == 30 and calls == []
        late = make_report("Late report", [E("ASSAULT", "Al-Shabaab fighters attacked Baidoa again.",
                                             actors=["al_shabaab"], day="2023-09-17", place="baidoa")],
                           outlet="Outlet late", url="https://example.invalid/late")
        store.add_report(late)
    assert len(calls) == 1  # the new article only


def test_schema_stored_terms_keep_generic_names_so_the_rules_can_change(store):
    report = make_report("Report", [E("ASSAULT", "Gunmen attacked the Police station of Kismayo on Monday.")])
    store.add_report(report)
    (terms,) = store.con.execute("SELECT terms FROM article_terms").fetchone()
    assert "police" in terms and "kismayo" in terms  # "Police" is a generic name: kept, filtered when read
    story = store.merge_index().terms.stories[report.article.id]
    assert "kismayo" in story and not story & load_rules().generic_names


def test_schema_interrupted_migration_leaves_the_v2_store_usable(tmp_path, monkeypatch):
    first, second = stories()
    path = tmp_path / "old.duckdb"
    write_v2(first, path)
    before = snapshot(path)
    story_terms = schema.MIGRATIONS[2]

    def interrupted(con: duckdb.DuckDBPyConnection) -> None:
        schema.fill_story_terms(con)  # the work done, then the process dies before the commit
        raise KeyboardInterrupt

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS[:2],
                                               schema.Migration(3, story_terms.name, story_terms.sql, interrupted)))
    with pytest.raises(KeyboardInterrupt):
        open_store(path, score=score)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT version FROM migrations ORDER BY version").fetchall() == [(1,), (2,)]
    assert not _columns(con, "article_terms", path.stem) and "cameo" not in _columns(con, "event_reports", path.stem)
    con.close()
    assert snapshot(path) == before
    monkeypatch.undo()
    with open_store(path, score=score) as store:  # the next open migrates it
        assert store.add_reports([(r, None) for r in second])[0].events_merged == 1
        assert store.con.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM "
                                 "article_terms)").fetchone() == (0,)
