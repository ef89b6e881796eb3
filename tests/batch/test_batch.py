"""Batch runs in this process (workers=0): partitions, resume, failures, loading through the store's merge."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tidings.batch import BatchError, load_batch, run_batch
from tidings.batch import worker as worker_module
from tidings.batch.layout import done_file, table_file
from tidings.batch.synthetic import write_corpus
from tidings.pipeline.relations import RelationFinder
from tidings.store import ingest, open_store

EVENT_COLUMNS = ["id", "type", "status", "date_start", "date_end", "place_id", "n_reports", "n_articles", "n_sources"]


def _table(out: Path, name: str) -> list[dict]:
    rows = []
    for path in sorted((out / name).glob("part-*.parquet")):
        rows.extend(pq.read_table(path).to_pylist())
    return rows


def _events(store) -> list[tuple]:
    return sorted(store.con.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events").fetchall())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", 40)


def test_batch_writes_every_table_and_loads_like_ingest(nlp, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch([corpus], out, workers=0, batch_size=15)
    assert summary.complete and summary.partitions == 3 and summary.extracted == 40 and summary.failed == 0
    for name in ("articles", "reports", "events", "actors", "places", "relations", "failures"):
        assert len(list((out / name).glob("part-*.parquet"))) == 3, name
    articles = _table(out, "articles")
    assert len({a["article_id"] for a in articles}) == 40
    assert len(_table(out, "events")) == summary.events > 0
    with open_store(None) as batched, open_store(None) as direct:
        loaded = load_batch(out, batched)
        ingest(direct, [corpus])
        assert loaded.added == 40 and loaded.missing == []
        assert _events(batched) == _events(direct)
        again = load_batch(out, batched)
        assert again.added == 0 and again.duplicates == 40


def test_batch_resume_redoes_only_missing_partitions(nlp, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch([corpus], out, workers=0, batch_size=10)
    before = sorted((a["article_id"], a["partition"]) for a in _table(out, "articles"))
    done_file(out, 2).unlink()
    table_file(out, "events", 2).unlink()
    leftover = table_file(out, "articles", 1).with_name("part-000001.parquet.tmp-deadbeef")
    leftover.write_bytes(b"half a file")
    seen: list[tuple[str, int, int]] = []
    second = run_batch([corpus], out, workers=0, batch_size=10, progress=lambda *a: seen.append(a))
    assert first.processed == 4 and second.reused_split
    assert (second.resumed, second.processed, second.extracted) == (3, 1, 10)
    assert sorted((a["article_id"], a["partition"]) for a in _table(out, "articles")) == before
    assert seen[0] == ("extracting", 30, 40) and seen[-1] == ("extracting", 40, 40)
    assert not leftover.exists()


def test_batch_refuses_an_output_folder_of_other_settings(nlp, corpus: Path, tmp_path: Path) -> None:
    run_batch([corpus], tmp_path / "out", workers=0, batch_size=20)
    with pytest.raises(BatchError, match="other inputs or settings"):
        run_batch([corpus], tmp_path / "out", workers=0, batch_size=10)


def test_batch_failures_are_rows_and_never_stop_the_run(nlp, tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "news.jsonl"
    rows = [json.loads(line) for line in write_corpus(tmp_path / "ok.jsonl", 6).read_text().splitlines()]
    rows[2]["text"] = "Title\nBOOM makes the extractor fail."
    lines = [json.dumps(r) for r in rows]
    lines.insert(4, "{not json")
    corpus.write_text("\n".join(lines) + "\n")
    real = RelationFinder.__call__

    def flaky(self, doc):  # the last component fails on one article, inside a batch of nlp.pipe
        if "BOOM" in doc.text:
            raise RuntimeError("extractor exploded")
        return real(self, doc)

    monkeypatch.setattr(RelationFinder, "__call__", flaky)
    summary = run_batch([corpus], tmp_path / "out", workers=0, batch_size=3)
    assert summary.complete and summary.extracted == 5 and summary.failed == 2 and summary.read_errors == 1
    failures = _table(tmp_path / "out", "failures")
    errors = sorted(f["error"] for f in failures)
    assert len(failures) == 2 and "RuntimeError: extractor exploded" in errors
    assert any(f["article_id"] is None and ":5" in f["origin"] for f in failures)  # the bad JSON line
    with open_store(None) as store:
        loaded = load_batch(tmp_path / "out", store)
        assert (loaded.added, loaded.failed) == (5, 2) and store.count("failures") == 2


def test_batch_loads_the_pipeline_once_per_process(nlp, corpus: Path, tmp_path: Path) -> None:
    before = worker_module.pipeline_loads()
    summary = run_batch([corpus], tmp_path / "out", workers=0, batch_size=5)
    assert summary.processed == 8
    assert worker_module.pipeline_loads() == before
    (seen,) = summary.workers.values()
    assert seen["partitions"] == 8 and seen["pipeline_loads"] == before  # built before the run, never during it
    assert seen["peak_rss_mb"] < 1024


def test_load_refuses_a_folder_that_is_not_a_batch(tmp_path: Path) -> None:
    with open_store(None) as store, pytest.raises(BatchError, match="not a batch output"):
        load_batch(tmp_path, store)
