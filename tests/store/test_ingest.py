"""Ingesting corpora into a real DuckDB file: re-runs change nothing, failures are kept, kills lose nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from store_builders import fake_extract
from tidings.store import ingest, open_store

HERE = Path(__file__).resolve().parent


def _write_jsonl(path: Path, n: int, *, poison: set[int] = frozenset()) -> Path:
    lines = []
    for i in range(n):
        text = f"Report {i}\nAl-Shabaab fighters attacked position number {i} in Mogadishu."
        if i in poison:
            text += " POISON"
        lines.append(json.dumps({"text": text, "outlet": f"Outlet {i % 3}", "published": f"2023-09-{1 + i % 28:02d}",
                                 "url": f"https://x.invalid/{i}"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _tables(store) -> dict[str, int]:
    return {t: store.count(t) for t in ("articles", "events", "event_reports", "actors", "failures")}


def test_ingest_twice_skips_duplicates_and_changes_nothing(tmp_path):
    corpus = _write_jsonl(tmp_path / "news.jsonl", 12)
    with open_store(tmp_path / "db.duckdb") as store:
        first = ingest(store, [corpus], extract=fake_extract)
        before = _tables(store)
        second = ingest(store, [corpus], extract=fake_extract)
        assert _tables(store) == before
    assert (first.read, first.added, first.duplicates) == (12, 12, 0)
    assert first.events_new + first.events_merged == 12 and first.actors_new == 1
    assert (second.read, second.added, second.duplicates) == (12, 0, 12)
    assert second.events_new == second.events_merged == 0


def test_ingest_records_failures_with_reasons_and_goes_on(tmp_path):
    corpus = _write_jsonl(tmp_path / "news.jsonl", 6, poison={2})
    with corpus.open("a", encoding="utf-8") as out:
        out.write("{broken json\n")
    with open_store(tmp_path / "db.duckdb") as store:
        summary = ingest(store, [corpus, tmp_path / "missing.txt"], extract=fake_extract)
        failures = {r["origin"]: r["error"] for r in store.query("SELECT origin, error FROM failures")}
    assert summary.added == 5 and len(summary.failed) == 3
    assert "poisons the extractor" in failures[f"{corpus}:3"]
    assert "not valid JSON" in failures[f"{corpus}:7"]
    assert "no file" in failures[str(tmp_path / "missing.txt")]


def test_ingest_a_fixed_article_clears_its_failure(tmp_path):
    corpus = _write_jsonl(tmp_path / "news.jsonl", 3, poison={1})
    with open_store(tmp_path / "db.duckdb") as store:
        ingest(store, [corpus], extract=fake_extract)
        assert store.count("failures") == 1
        _write_jsonl(corpus, 3)
        summary = ingest(store, [corpus], extract=fake_extract)
        assert (summary.added, summary.duplicates, store.count("failures")) == (1, 2, 0)


_KILLABLE = """
import sys, time
sys.path.insert(0, {here!r})
from store_builders import fake_extract
from tidings.store import ingest, open_store

def slow(article):
    time.sleep(0.01)
    return fake_extract(article)

def tell(item, outcome):
    print(outcome, flush=True)

with open_store({db!r}) as store:
    ingest(store, [{corpus!r}], extract=slow, on_item=tell)
print("done", flush=True)
"""


def test_ingest_killed_mid_run_keeps_every_committed_article_and_resumes(tmp_path):
    total = 120
    corpus = _write_jsonl(tmp_path / "news.jsonl", total)
    db = tmp_path / "db.duckdb"
    script = _KILLABLE.format(here=str(HERE), db=str(db), corpus=str(corpus))
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    added = 0
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while added < 20 and time.monotonic() < deadline:
        line = process.stdout.readline()
        added += line.strip() == "added"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert added >= 20, "the ingest never got going"

    with open_store(db) as store:
        stored = store.count("articles")
        assert added <= stored < total
        # every stored article is whole: its events and reports are there, nothing half-written
        broken = store.query(
            """SELECT a.id FROM articles a LEFT JOIN event_reports r ON r.article_id = a.id
               GROUP BY a.id, a.n_events HAVING count(r.id) <> a.n_events""")
        orphans = store.query("SELECT id FROM event_reports WHERE event_id NOT IN (SELECT id FROM events)")
        assert broken == [] and orphans == []
        resumed = ingest(store, [corpus], extract=fake_extract)
        assert resumed.duplicates == stored and resumed.added == total - stored
        assert store.count("articles") == total


def _breaks_in_store(article):
    """A report the database refuses (an event without a type): the failure comes at commit, not extraction."""
    report = fake_extract(article)
    if "position number 3 " in article.text:
        report.events[0].type = None  # type: ignore[assignment]
    return report


def test_ingest_a_batch_that_fails_in_the_store_keeps_its_other_articles(tmp_path):
    corpus = _write_jsonl(tmp_path / "news.jsonl", 6)
    told: list[str] = []
    with open_store(tmp_path / "db.duckdb") as store:
        summary = ingest(store, [corpus], extract=_breaks_in_store, batch_size=4,
                         on_item=lambda item, outcome: told.append(outcome))
        assert store.count("articles") == 5 and store.count("failures") == 1
        broken = store.query("SELECT a.id FROM articles a LEFT JOIN event_reports r ON r.article_id = a.id "
                             "GROUP BY a.id, a.n_events HAVING count(r.id) <> a.n_events")
    assert broken == []
    assert (summary.added, len(summary.failed)) == (5, 1)
    assert sorted(told) == ["added"] * 5 + ["failed"]


def test_ingest_add_reports_is_all_or_nothing(tmp_path):
    from tidings.model import Article

    good = fake_extract(Article(text="A\nAl-Shabaab fighters attacked position number 1 in Mogadishu.", url="u1"))
    bad = _breaks_in_store(Article(text="B\nAl-Shabaab fighters attacked position number 3 in Mogadishu.", url="u3"))
    with open_store(tmp_path / "db.duckdb") as store:
        try:
            store.add_reports([(good, "a"), (bad, "b")])
        except Exception:  # noqa: BLE001 - the database's own error type
            pass
        else:
            raise AssertionError("the batch should have failed")
        assert store.count("articles") == store.count("events") == store.count("actors") == 0
        (added,) = store.add_reports([(good, "a")])
        assert not added.duplicate and added.actors_new == 1 and store.count("events") == 1
