"""Queries over a store filled with hand-built reports: events, actors, relations over time, SQL."""

from __future__ import annotations

from datetime import date

import pytest

from store_builders import E, make_report
from tidings.store import StoreError, queries


@pytest.fixture
def filled(store):
    """Hamas and Sinai Province over two months, plus an Egypt-Israel consultation."""
    store.add_report(make_report("Dec 1", [
        E("AID", "Hamas treated wounded Sinai Province fighters in Gaza.", actors=["hamas"],
          recipients=["sinai_province"], day="2016-12-18", place="gaza_strip", status="reported",
          cited=[("Arab sources", "anonymous", None)]),
        E("AID", "Hamas's military wing helped Sinai Province build bombs.", actors=["izz_ad_din_al_qassam_brigades"],
          recipients=["sinai_province"], day="2016-12-01", until="2016-12-31", precision="month"),
    ], outlet="The Jerusalem Post", published="2016-12-19",
        relations=[("izz_ad_din_al_qassam_brigades", "hamas", "part_of")]))
    store.add_report(make_report("Jan", [
        E("ACCUSE", "Sinai Province accused Hamas of betrayal.", actors=["sinai_province"], recipients=["hamas"],
          day="2017-01-05"),
    ], outlet="Al-Monitor", published="2017-01-06"))
    store.add_report(make_report("Feb", [
        E("CONSULT", "Egyptian and Israeli officials met in Cairo.", actors=["egypt", "israel"], day="2017-02-02"),
        E("AID", "Hamas will help Sinai Province again.", actors=["hamas"], recipients=["sinai_province"],
          day="2017-02-10", status="future"),
    ], outlet="Reuters", published="2017-02-03"))
    return store


def test_queries_events_filter_by_actor_type_since_and_status(filled):
    assert len(queries.events(filled)) == 5
    aid = queries.events(filled, actor="hamas", type="AID")
    assert {r["evidence"][:20] for r in aid} == {"Hamas treated wounde", "Hamas will help Sina"}
    assert [r["id"] for r in queries.events(filled, actor="Hamas", type="aid", status="reported")] == [aid[0]["id"]]
    assert {r["type"] for r in queries.events(filled, since="2017-01")} == {"ACCUSE", "CONSULT", "AID"}
    assert {r["type"] for r in queries.events(filled, until="2016")} == {"AID"}
    (row,) = queries.events(filled, type="CONSULT")
    assert row["actors"] == ["Egypt", "Israel"] and row["sources"] == 1


@pytest.mark.parametrize("options, message", [
    ({"type": "BOMB"}, "unknown event type"),
    ({"status": "rumoured"}, "unknown status"),
    ({"since": "2016/01"}, "cannot read the period"),
    ({"actor": "hamaz"}, "did you mean hamas"),
])
def test_queries_events_explain_bad_filters(filled, options, message):
    with pytest.raises(StoreError, match=message):
        queries.events(filled, **options)


def test_queries_parse_period_takes_the_start_or_end_of_the_period():
    assert queries.parse_period("2016") == date(2016, 1, 1)
    assert queries.parse_period("2016-02", end=True) == date(2016, 2, 29)
    assert queries.parse_period("2016-02-03", end=True) == date(2016, 2, 3)


def test_queries_actors_count_events_and_dates(filled):
    rows = {r["id"]: r for r in queries.actors(filled)}
    assert rows["sinai_province"]["events"] == 4
    assert str(rows["hamas"]["first_seen"]) == "2016-12-18"
    assert rows["izz_ad_din_al_qassam_brigades"]["parent"] == "hamas"


def test_queries_relations_sum_plover_scores_and_show_structural_ties(filled):
    rows = {(r["a"], r["b"]): r for r in queries.relations(filled)}
    pair = rows[("hamas", "sinai_province")]
    assert pair["events"] == 3 and pair["cooperation"] == 2 and pair["hostility"] == 1
    assert pair["score"] == pytest.approx(7 + 7 - 2)
    assert str(pair["first_seen"]) == "2016-12-18" and str(pair["last_seen"]) == "2017-02-10"
    assert rows[("hamas", "izz_ad_din_al_qassam_brigades")]["ties"] == ["izz_ad_din_al_qassam_brigades part_of hamas"]
    assert rows[("egypt", "israel")]["types"] == ["CONSULT"]
    only_egypt = queries.relations(filled, "egypt")
    assert [(r["a"], r["b"]) for r in only_egypt] == [("egypt", "israel")]


def test_queries_timeline_groups_by_month_with_evidence(filled):
    rows = queries.timeline(filled, "sinai_province", "hamas")
    assert [str(r["month"]) for r in rows] == ["2016-12-01", "2017-01-01", "2017-02-01"]
    assert [r["score"] for r in rows] == [7.0, -2.0, 7.0]
    assert rows[1]["evidence"] == ["ACCUSE 2017-01-05: Sinai Province accused Hamas of betrayal."]


def test_queries_event_sources_keep_each_chain(filled):
    (event,) = queries.events(filled, status="reported")
    (source,) = queries.event_sources(filled, event["id"])
    assert source["chain"] == "The Jerusalem Post → Arab sources"
    assert [link["kind"] for link in source["attribution"]] == ["outlet", "anonymous"]


def test_queries_sql_runs_selects_and_refuses_writes(filled):
    assert queries.sql(filled, "SELECT count(*) AS n FROM events") == [{"n": 5}]
    for statement in ("DELETE FROM events", "DROP TABLE events", "SELECT 1; DELETE FROM events",
                      "COPY events TO '/tmp/x.csv'", "ATTACH 'other.duckdb'"):
        with pytest.raises(StoreError):
            queries.sql(filled, statement)
    assert filled.count("events") == 5
    with pytest.raises(StoreError, match="query failed"):
        queries.sql(filled, "SELECT nope FROM events")


def test_queries_events_include_parts_follows_parent_links(filled):
    exact = queries.events(filled, actor="hamas", type="AID", since="2016-12", until="2016-12")
    assert [r["evidence"][:20] for r in exact] == ["Hamas treated wounde"]
    parts = queries.events(filled, actor="hamas", type="AID", since="2016-12", until="2016-12", include_parts=True)
    assert {r["evidence"][:20] for r in parts} == {"Hamas treated wounde", "Hamas's military win"}
    family = queries.actor_parts(filled, "hamas")
    assert {"hamas", "izz_ad_din_al_qassam_brigades", "qassam_brigades"} <= set(family)  # store and KB parents
    assert "sinai_province" not in family and queries.actor_parts(filled, "sinai_province") == ["sinai_province"]


def test_queries_sql_refuses_explain_analyze_which_would_run_a_write(tmp_path) -> None:
    from tidings.store import open_store
    from tidings.store.queries import sql
    from tidings.store.schema import StoreError

    with open_store(tmp_path / "x.duckdb") as store:
        before = store.query("SELECT count(*) AS n FROM migrations")[0]
        with pytest.raises(StoreError, match="EXPLAIN ANALYZE"):
            sql(store, "EXPLAIN ANALYZE DELETE FROM migrations")
        assert store.query("SELECT count(*) AS n FROM migrations")[0] == before
