"""PLOVER JSONL back into a store gives the same events, reports and actors."""

from __future__ import annotations

import pytest

from tidings.errors import InputError
from tidings.export import export, import_plover
from tidings.store import open_store

TABLES = {
    "events": "SELECT * FROM events ORDER BY id",
    "event_actors": "SELECT * FROM event_actors ORDER BY ALL",
    "event_reports": "SELECT * FROM event_reports ORDER BY id",
    "event actors' rows": "SELECT a.* FROM actors a WHERE id IN (SELECT actor_id FROM event_actors) ORDER BY id",
    "event places": "SELECT p.* FROM places p WHERE id IN (SELECT place_id FROM event_reports) ORDER BY id",
}


def test_plover_round_trip_gives_the_same_events(demo_store, tmp_path):
    export(demo_store, "plover", tmp_path / "a.plover.jsonl")
    with open_store(tmp_path / "copy.duckdb") as copy:
        assert import_plover(copy, tmp_path / "a.plover.jsonl") == demo_store.count("events")
        for name, sql in TABLES.items():
            assert copy.con.execute(sql).fetchall() == demo_store.con.execute(sql).fetchall(), name
        assert import_plover(copy, tmp_path / "a.plover.jsonl") == 0  # twice changes nothing
        assert copy.count("event_reports") == demo_store.count("event_reports")
        export(copy, "plover", tmp_path / "b.plover.jsonl")
    assert (tmp_path / "a.plover.jsonl").read_text() == (tmp_path / "b.plover.jsonl").read_text()


def test_plover_import_refuses_other_jsonl(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"id": "1", "text": "an article"}\n')
    with open_store(None) as store, pytest.raises(InputError, match="not a tidings PLOVER record"):
        import_plover(store, tmp_path / "x.jsonl")
