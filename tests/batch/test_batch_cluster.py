"""`tidings batch --scheduler` on a real Dask scheduler and two worker processes, one killed midway.

Loopback only: the scheduler and workers listen on 127.0.0.1. The run must
finish on the surviving worker with every article written exactly once, the
same events as a run in this process, and one pipeline load per worker.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tidings.batch import load_batch, run_batch
from tidings.batch.run import worker_environment
from tidings.batch.synthetic import write_corpus
from tidings.store import open_store

BIN = Path(sys.executable).parent
ARTICLES, BATCH = 240, 8
EVENT_KEYS = ("article_id", "event_id", "type", "status", "actors", "recipients", "place_id", "date_start",
              "date_end", "precision", "trigger")


def _rows(out: Path, table: str) -> list[dict]:
    rows: list[dict] = []
    for path in sorted((out / table).glob("part-*.parquet")):
        rows.extend(pq.read_table(path).to_pylist())
    return rows


def _events(out: Path) -> list[tuple]:
    return sorted(tuple(str(r[k]) for k in EVENT_KEYS) for r in _rows(out, "events"))


def _wait_for(predicate, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _address(scheduler_file: Path) -> str | None:
    """The scheduler's address once its file is written in full (it exists, empty, a moment before)."""
    try:
        return json.loads(scheduler_file.read_text())["address"]
    except (OSError, ValueError, KeyError):
        return None


def _done(out: Path) -> list[dict]:
    folder = out / "_done"
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text()) for p in folder.glob("part-*.json") if ".tmp-" not in p.name]


@pytest.mark.e2e
def test_batch_cluster_survives_a_killed_worker(nlp, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "news.jsonl", ARTICLES)
    started: list[subprocess.Popen] = []

    def spawn(*args: str, log: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        handle = (tmp_path / log).open("wb")
        proc = subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, cwd=tmp_path,
                                env=None if env is None else os.environ | env)
        started.append(proc)
        return proc

    try:
        scheduler_file = tmp_path / "scheduler.json"
        spawn(str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(scheduler_file), log="scheduler.log")
        _wait_for(lambda: _address(scheduler_file) is not None, seconds=60, what="the scheduler file")
        address = _address(scheduler_file)
        assert address.startswith("tcp://127.0.0.1:")
        workers = [spawn(str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                         "--no-nanny", "--no-dashboard", "--memory-limit", "1GiB", "--name", f"w{k}",
                         log=f"worker{k}.log", env=worker_environment()) for k in range(2)]  # as docs/scaling.md
        out = tmp_path / "out"
        batch = spawn(str(BIN / "tidings"), "batch", str(corpus), "--out", str(out), "--scheduler", address,
                      "--batch-size", str(BATCH), "--quiet", "--json", log="batch.log")

        # midway: once both workers have finished partitions, kill one of them (SIGKILL: no goodbye)
        partitions = ARTICLES // BATCH
        _wait_for(lambda: len({d["pid"] for d in _done(out)}) == 2 or len(_done(out)) >= partitions // 2,
                  seconds=150, what="both workers to finish a partition")
        victim = workers[0]
        before_kill = len(_done(out))
        assert before_kill < partitions, "the run ended before a worker could be killed: make partitions smaller"
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        assert batch.wait(timeout=170) == 0, (tmp_path / "batch.log").read_text()[-3000:]
    finally:
        for proc in reversed(started):
            if proc.poll() is None:
                proc.terminate()
        for proc in started:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()

    done = _done(out)
    assert len(done) == partitions
    by_pid = {d["pid"] for d in done}
    assert victim.pid in by_pid and len(by_pid) == 2  # the killed worker had done some before it died
    assert all(d["pipeline_loads"] == 1 for d in done)  # once per worker process, not per task
    assert max(d["peak_rss_mb"] for d in done) < 1024
    articles = _rows(out, "articles")
    ids = [a["article_id"] for a in articles]
    assert len(ids) == ARTICLES and len(set(ids)) == ARTICLES  # every article exactly once
    assert sorted(a["external_id"] for a in articles) == [f"a{k:05d}" for k in range(ARTICLES)]
    assert not list(out.rglob("*.tmp-*"))

    local = tmp_path / "local"
    assert run_batch([corpus], local, workers=0, batch_size=BATCH).complete
    assert _events(out) == _events(local) and len(_events(local)) > 0
    with open_store(None) as cluster_store, open_store(None) as local_store:
        load_batch(out, cluster_store)
        load_batch(local, local_store)
        query = "SELECT id, type, status, date_start, place_id, n_reports, n_sources FROM events ORDER BY id"
        assert cluster_store.con.execute(query).fetchall() == local_store.con.execute(query).fetchall()
