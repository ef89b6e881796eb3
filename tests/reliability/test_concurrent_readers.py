"""Concurrency: other processes read the store while `tidings ingest` writes it.

DuckDB lets one process write a file and no other process open it meanwhile,
so ingest holds the file only while it writes a batch and readers retry while
it does (docs/reliability.md). Here the real CLI ingests a generated corpus in
a subprocess while, at the same time, another Python process opens the store
read-only in a loop, the web app (in this process) answers /index.json in a
loop, and `tidings sql` runs now and then. Every read must succeed, see a
consistent store (every stored article with all its event reports, no report
without its event) and a count of articles that never goes down.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

ARTICLES = 48
ACTORS = ["Hamas", "Israel", "Hezbollah", "the Syrian army", "Russia", "Turkey", "the Taliban", "Ukraine"]
VERBS = ["fired rockets at", "attacked", "met with", "accused", "shelled", "signed an agreement with"]
ROOT = Path(__file__).resolve().parents[2]

READER = r"""
import json, sys, time
from pathlib import Path
from tidings.store import open_store

db, stop, out = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
CHECK = ("SELECT (SELECT count(*) FROM articles), (SELECT coalesce(sum(n_events), 0) FROM articles), "
         "(SELECT count(*) FROM event_reports), "
         "(SELECT count(*) FROM event_reports r LEFT JOIN events e ON e.id = r.event_id WHERE e.id IS NULL)")
while not db.exists() and not stop.exists():
    time.sleep(0.02)
time.sleep(0.5)  # let ingest create and migrate the file
with open(out, "w") as log:
    while not stop.exists():
        started = time.monotonic()
        try:
            with open_store(db, read_only=True, wait=30) as store:
                row = store.con.execute(CHECK).fetchone()
            log.write(json.dumps({"ok": True, "row": list(row), "waited": time.monotonic() - started}) + "\n")
        except Exception as exc:
            log.write(json.dumps({"ok": False, "error": f"{type(exc).__name__}: {exc}"}) + "\n")
        log.flush()
        time.sleep(0.05)
"""


def _corpus(path: Path) -> None:
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as out:
        for i in range(ARTICLES):
            a, b = rng.sample(ACTORS, 2)
            text = (f"Report {i}\n{a} {rng.choice(VERBS)} {b} on Sunday, officials said. "
                    f"Incident {i} happened near Gaza, and {b} said it would respond.")
            out.write(json.dumps({"url": f"https://example.org/c/{i}", "published": "2020-02-02", "text": text}) + "\n")


def _tidings() -> list[str]:
    exe = Path(sys.executable).with_name("tidings")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tidings.cli"]


def _web_reads(db: Path, stop: threading.Event, seen: list[tuple[int, int]]) -> None:
    """The web app in this process, asked for its counts every 0.1 s: (status, articles) per request."""
    from fastapi.testclient import TestClient

    from tidings.web import create_app

    while not stop.is_set():  # the app opens the file at start: wait until ingest has made it
        try:
            app = create_app(db)
            break
        except Exception:  # noqa: BLE001 - not there yet, or held by the writer past the wait
            time.sleep(0.2)
    else:
        return
    try:
        client = TestClient(app, raise_server_exceptions=False)
        while not stop.is_set():
            response = client.get("/index.json")
            count = response.json().get("counts", {}).get("articles", -1) if response.status_code == 200 else -1
            seen.append((response.status_code, count))
            time.sleep(0.1)
    finally:
        app.state.backend.close()


def test_concurrent_readers_see_a_consistent_growing_store_while_ingest_writes(tmp_path: Path) -> None:
    corpus, db, stop, log = tmp_path / "news.jsonl", tmp_path / "c.duckdb", tmp_path / "stop", tmp_path / "reads.jsonl"
    _corpus(corpus)
    env = {**os.environ, "TIDINGS_LOCK_WAIT": "60"}
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop), str(log)], cwd=ROOT, env=env)
    ingest = subprocess.Popen([*_tidings(), "ingest", str(corpus), "--db", str(db), "-q", "--format", "json"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    web_seen: list[tuple[int, int]] = []
    web_stop = threading.Event()
    web = threading.Thread(target=_web_reads, args=(db, web_stop, web_seen), daemon=True)
    web.start()
    cli_codes = []
    try:
        while ingest.poll() is None:
            if db.exists() and len(cli_codes) < 2:
                time.sleep(2.0)
                cli = subprocess.run([*_tidings(), "sql", "SELECT count(*) AS n FROM articles", "--db", str(db),
                                      "--format", "json"], cwd=ROOT, env=env, capture_output=True, timeout=120)
                cli_codes.append((cli.returncode, cli.stderr.decode()[-300:]))
            time.sleep(0.2)
        out, err = ingest.communicate(timeout=300)
    finally:
        stop.touch()
        web_stop.set()
        reader.wait(timeout=60)
        web.join(timeout=60)
        if ingest.poll() is None:
            ingest.kill()
    assert ingest.returncode == 0, err.decode()[-2000:]
    summary = json.loads(out)[0]
    assert summary["added"] == ARTICLES and not summary["failed"], summary

    reads = [json.loads(line) for line in log.read_text().splitlines()]
    failures = [r["error"] for r in reads if not r["ok"]]
    assert not failures, failures[:3]
    counts = [r["row"][0] for r in reads]
    assert len(counts) >= 5, counts
    assert counts == sorted(counts), f"the article count went down: {counts}"
    for articles, n_events, n_reports, dangling in (r["row"] for r in reads):
        assert n_events == n_reports and dangling == 0, "a reader saw part of a batch"
    assert any(0 < c < ARTICLES for c in counts), f"no read landed while ingest was writing: {sorted(set(counts))}"

    assert web_seen and all(status == 200 for status, _ in web_seen), web_seen[:5]
    web_counts = [count for _, count in web_seen]
    assert web_counts == sorted(web_counts), web_counts
    assert all(code == 0 for code, _ in cli_codes), cli_codes
    waits = sorted(r["waited"] for r in reads)
    print(f"{len(reads)} process reads (longest {waits[-1]:.2f} s, median {waits[len(waits) // 2]:.3f} s), "
          f"{len(web_seen)} web reads, {len(cli_codes)} `tidings sql` runs during one ingest of {ARTICLES} "
          f"articles; counts seen: {sorted(set(counts))}")
