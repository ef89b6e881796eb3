"""The store with a real DuckDB: migrations, idempotent adds, merging, sources, atomicity."""

from __future__ import annotations

import duckdb
import pytest

from store_builders import E, make_report, score
from tidings.store import MIGRATIONS, StoreError, open_store
from tidings.store.ids import article_key

TABLES = ("articles", "events", "event_reports", "actors", "places", "mentions", "relations", "statements")


def siege(outlet: str, published: str, *, cited=(), sentence="Al-Shabaab fighters stormed a hotel in Mogadishu.",
          day="2023-09-17", place="k4_junction", status="asserted"):
    return make_report(f"{outlet} on the siege", [
        E("ASSAULT", sentence, actors=["al_shabaab"], day=day, place=place, status=status, cited=list(cited)),
    ], outlet=outlet, published=published, url=f"https://example.invalid/{outlet}")


def counts(store) -> dict[str, int]:
    return {t: store.count(t) for t in TABLES}


def test_store_migrations_are_named_and_recorded_once(tmp_path):
    path = tmp_path / "m.duckdb"
    open_store(path).close()
    with open_store(path) as store:
        rows = store.query("SELECT version, name FROM migrations ORDER BY version")
    assert [(r["version"], r["name"]) for r in rows] == [(m.version, m.name) for m in MIGRATIONS]


def test_store_refuses_a_database_from_a_newer_tidings(tmp_path):
    path = tmp_path / "new.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO migrations (version, name) VALUES (999, 'from_the_future')")
    con.close()
    with pytest.raises(StoreError, match="newer tidings"):
        open_store(path)


def test_store_read_only_refuses_writes_and_missing_files(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "absent.duckdb", read_only=True)
    path = tmp_path / "ro.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.add_report(siege("Reuters", "2023-09-18"))


def test_store_add_report_twice_changes_nothing(file_store):
    first = file_store.add_report(siege("Reuters", "2023-09-18"))
    before = counts(file_store)
    again = file_store.add_report(siege("Reuters", "2023-09-18"))
    assert not first.duplicate and first.events_new == 1
    assert again.duplicate and again.events_new == 0
    assert counts(file_store) == before
    assert before["articles"] == 1 and before["events"] == 1


@pytest.mark.parametrize("text_a, url_a, text_b, url_b, same", [
    ("Hamas fired rockets.\n", "u", "Hamas  fired\nrockets. ", "u", True),
    ("Hamas fired rockets.", "u", "Hamas fired rockets.", "v", False),
    ("Hamas fired rockets.", None, "Hamas fired a rocket.", None, False),
])
def test_store_article_id_hashes_normalized_text_and_url(text_a, url_a, text_b, url_b, same):
    assert (article_key(text_a, url_a) == article_key(text_b, url_b)) is same


def test_store_merges_reports_of_one_event_and_keeps_the_similar_incident_apart(store):
    store.add_report(siege("Reuters", "2023-09-18"))
    merged = store.add_report(siege("Al Jazeera", "2023-09-19", sentence="Al-Shabaab attacked a hotel near K4."))
    lido = store.add_report(siege("Garowe Online", "2023-09-25", day="2023-09-24", place="lido_beach"))
    assert merged.events_merged == 1 and merged.events_new == 0
    assert lido.events_new == 1
    rows = store.query("SELECT n_reports, n_articles FROM events ORDER BY n_reports DESC")
    assert [(r["n_reports"], r["n_articles"]) for r in rows] == [(2, 2), (1, 1)]
    scores = store.query("SELECT merge_score FROM event_reports WHERE merge_score IS NOT NULL")
    assert len(scores) == 1 and scores[0]["merge_score"] >= 0.55


@pytest.mark.parametrize("cited_a, cited_b, expected", [
    ([], [], 2),
    ([("the information ministry", "organisation", "somalia_information_ministry")],
     [("information ministry", "organisation", "somalia_information_ministry")], 1),
    ([("The Information Ministry", "organisation", None)], [("information ministry", "organisation", None)], 1),
    ([("a security official", "anonymous", None)], [("a security official", "anonymous", None)], 2),
    ([("police", "organisation", None)], [], 2),
])
def test_store_counts_independent_sources(store, cited_a, cited_b, expected):
    store.add_report(siege("Reuters", "2023-09-18", cited=cited_a, status="reported" if cited_a else "asserted"))
    store.add_report(siege("Al Jazeera", "2023-09-19", cited=cited_b, status="reported" if cited_b else "asserted"))
    rows = store.query("SELECT n_reports, n_sources FROM events")
    assert rows == [{"n_reports": 2, "n_sources": expected}]


def test_store_same_outlet_twice_is_one_source(store):
    store.add_report(siege("Reuters", "2023-09-18"))
    store.add_report(siege("Reuters", "2023-09-19", sentence="Al-Shabaab militants besieged a hotel at K4."))
    assert store.query("SELECT n_articles, n_sources FROM events") == [{"n_articles": 2, "n_sources": 1}]


def test_store_event_summary_takes_the_most_precise_date_place_and_strongest_status(store):
    store.add_report(siege("Reuters", "2023-09-18", place="mogadishu", status="reported",
                           cited=[("police", "organisation", None)]))
    week = make_report("weekly", [E("ASSAULT", "Al-Shabaab stormed a hotel in Mogadishu last week.",
                                    actors=["al_shabaab"], day="2023-09-11", until="2023-09-17", precision="week",
                                    place="k4_junction")], outlet="Hiiraan", published="2023-09-20")
    store.add_report(week)
    (event,) = store.query("SELECT * FROM events")
    assert str(event["date_start"]) == "2023-09-17" and event["precision"] == "day"
    assert event["place_id"] == "k4_junction"
    assert event["status"] == "asserted" and event["statuses"] == ["asserted", "reported"]
    assert event["score"] == score("ASSAULT")


def test_store_failed_add_leaves_nothing_behind(tmp_path):
    def broken(event_type: str) -> float:
        raise RuntimeError("scores unavailable")

    with open_store(tmp_path / "f.duckdb", score=broken) as store:
        with pytest.raises(RuntimeError):
            store.add_report(siege("Reuters", "2023-09-18"))
        assert counts(store) == dict.fromkeys(TABLES, 0)


def test_store_keeps_the_report_json_and_text(store):
    report = siege("Reuters", "2023-09-18")
    store.add_report(report, origin="reuters.txt")
    (row,) = store.query("SELECT text, report, origin FROM articles")
    assert row["text"] == report.article.text
    assert '"schema": "tidings/1"' in row["report"] and row["origin"] == "reuters.txt"


def test_store_default_scores_come_from_plover():
    pytest.importorskip("tidings.lexicon")
    from tidings.lexicon import type_score

    try:
        hostile, friendly = type_score("ASSAULT"), type_score("AID")
    except FileNotFoundError:
        pytest.skip("data/plover.yaml is not written yet")
    with open_store(None) as store:
        store.add_report(siege("Reuters", "2023-09-18"))
        (row,) = store.query("SELECT score FROM events")
    assert row["score"] == hostile < 0 < friendly
