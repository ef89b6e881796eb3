"""Ctrl-C inside a DuckDB query is an interrupt, not a bad article: nothing stored is lost or marked failed."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import duckdb
import pytest

from store_builders import fake_extract
from tidings.store import ingest, open_store
from tidings.store.interrupts import is_interrupt, reraise_interrupt


def test_a_query_stopped_by_interrupt_is_recognised():
    con = duckdb.connect()
    timer = threading.Timer(0.3, con.interrupt)
    timer.start()
    with pytest.raises(BaseException) as caught:
        con.execute("SELECT count(*) FROM range(100000000000) r WHERE r.range % 7 = 3").fetchall()
    timer.cancel()
    assert is_interrupt(caught.value)


@pytest.mark.parametrize("exc, expected", [
    (RuntimeError("Query interrupted"), True),
    (KeyboardInterrupt(), True),
    (RuntimeError("Catalog Error: Table with name nope does not exist"), False),
    (ValueError("Query interrupted"), False),
])
def test_is_interrupt_tells_interrupts_from_errors(exc, expected):
    assert is_interrupt(exc) is expected


def test_reraise_interrupt_turns_duckdbs_report_into_keyboard_interrupt():
    with pytest.raises(KeyboardInterrupt):
        reraise_interrupt(RuntimeError("Query interrupted"))
    reraise_interrupt(RuntimeError("Constraint Error"))  # an ordinary error is left to the caller


def _corpus(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"text": f"Report {i}\nAl-Shabaab fighters attacked post {i} in Mogadishu.",
                                        "published": "2023-09-01", "url": f"https://x.invalid/{i}"}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


def test_ingest_interrupted_while_writing_stops_without_marking_articles_failed(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "news.jsonl", 6)
    with open_store(tmp_path / "db.duckdb") as store:
        ingest(store, [corpus], extract=fake_extract, batch_size=3)
    more = _corpus(tmp_path / "more.jsonl", 9)
    with open_store(tmp_path / "db.duckdb") as store:
        def stopped(self, items):
            raise RuntimeError("Query interrupted")

        monkeypatch.setattr(type(store), "_flush", stopped)
        with pytest.raises(KeyboardInterrupt):
            ingest(store, [more], extract=fake_extract, batch_size=3)
        monkeypatch.undo()
        assert store.count("failures") == 0
        assert store.count("articles") == 6  # the earlier run's articles, untouched
        resumed = ingest(store, [more], extract=fake_extract, batch_size=3)
    assert (resumed.added, resumed.duplicates, len(resumed.failed)) == (3, 6, 0)
