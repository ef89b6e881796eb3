"""Ingest throughput: generated articles through the full pipeline into a fresh DuckDB file.

    python benchmarks/ingest.py [--articles 1000] [--outlets 4] [--batch N] [--keep DIR]
    python benchmarks/ingest.py --open STORE.duckdb    # only: open a writer on a copy of STORE

Articles are generated here from a few sentence shapes: each incident is
told by ``--outlets`` outlets in different words, so merging has work to do.
Extraction runs first over all articles (timed alone), then the ingest runs
with the extracted reports (reading + store, timed alone), so the store's
figure does not move with the NLP's. Prints articles per second for each
part and end to end, the database size, how many events the reports merged
into, and the load average (the machine is shared: figures move with it).
Last, the CPU seconds a new writer takes to open the file and build its merge
index (what the next ``tidings ingest`` pays before its first article); with
``--open`` only that, on a copy of a given store, twice: the first open also
applies any pending migration.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tidings.readers.corpus import iter_corpus
from tidings.store import extract_for_store, ingest_items, open_store

GROUPS = ["Al Shabaab", "Hamas", "the Islamic State", "Boko Haram", "the Taliban", "the Houthis"]
CITIES = ["Mogadishu", "Gaza", "Mosul", "Maiduguri", "Kabul", "Sanaa", "Aleppo", "Tripoli", "Kandahar", "Baidoa"]
TARGETS = ["a police station", "an army checkpoint", "a market", "a hotel", "a military base", "a convoy"]
OUTLETS = ["Reuters", "AFP", "Al Jazeera", "BBC", "AP", "Anadolu"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SHAPES = [
    "{group} fighters attacked {target} in {city} on {day}, killing {n} people, police said.",
    "At least {n} people were killed when {group} militants stormed {target} in {city} on {day}, officials said.",
    "{group} claimed responsibility for an attack on {target} in {city} on {day} that left {n} dead.",
    "Gunmen from {group} opened fire on {target} in {city} on {day}, a security official told reporters.",
]
FOLLOW = [
    "The government condemned the attack and promised to hunt down those responsible.",
    "Residents said the shooting lasted for several hours before security forces regained control.",
    "Aid agencies said hospitals in {city} were struggling to treat the wounded.",
    "The United Nations called for restraint and urged all sides to protect civilians.",
]


def generate(n_articles: int, outlets: int, *, seed: int = 7) -> list[dict[str, str]]:
    """Articles about generated incidents, each told by several outlets."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    start = date(2023, 1, 2)
    incident = 0
    while len(rows) < n_articles:
        happened = start + timedelta(days=incident // 3)
        facts = {"group": rng.choice(GROUPS), "city": rng.choice(CITIES), "target": rng.choice(TARGETS),
                 "n": rng.randint(2, 40), "day": WEEKDAYS[happened.weekday()]}
        for k in range(min(outlets, n_articles - len(rows))):
            published = happened + timedelta(days=rng.randint(0, 1) if k else 0)
            lead = rng.choice(SHAPES).format(**facts)
            body = " ".join(s.format(**facts) for s in rng.sample(FOLLOW, 2))
            title = f"Attack in {facts['city']} kills {facts['n']}"
            rows.append({"text": f"{title}\n{lead}\n\n{body}", "title": title, "outlet": OUTLETS[k % len(OUTLETS)],
                         "published": published.isoformat(), "url": f"https://bench.invalid/{incident}/{k}"})
        incident += 1
    return rows


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def open_writer(db: Path) -> tuple[float, float, int]:
    """CPU and wall seconds to open ``db`` for writing and build the merge index, and its number of articles."""
    cpu, wall = time.process_time(), time.perf_counter()
    with open_store(db) as store:
        store.merge_index()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        return cpu, wall, store.count("articles")


def _open_only(source: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="tidings-open-") as folder:
        copy = Path(folder) / source.name
        shutil.copy(source, copy)
        for label in ("first open (migrations included)", "second open"):
            cpu, wall, n = open_writer(copy)
            print(f"{label}: {cpu:.3f} s CPU ({wall:.3f} s wall) for {n} articles  [{_load()}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--outlets", type=int, default=4, help="articles per incident")
    parser.add_argument("--batch", type=int, default=None, help="articles per transaction (default: the store's)")
    parser.add_argument("--keep", type=Path, default=None, help="write the corpus and database here")
    parser.add_argument("--open", type=Path, default=None, help="only time opening a writer on (a copy of) this store")
    args = parser.parse_args()
    if args.open is not None:
        _open_only(args.open)
        return

    folder = args.keep or Path(tempfile.mkdtemp(prefix="tidings-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "articles.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in generate(args.articles, args.outlets)) + "\n", encoding="utf-8")
    db = folder / "bench.duckdb"
    db.unlink(missing_ok=True)

    from tidings.nlp import load_pipeline

    load_pipeline()  # built once, outside the timing
    load_before = _load()
    started = time.perf_counter()
    reports = {}
    for item in iter_corpus([corpus]):
        if item.article is not None:
            report = extract_for_store(item.article)
            reports[report.article.id] = report
    extract_seconds = time.perf_counter() - started
    load_extract = _load()

    def extracted(article):
        return reports[article.id]

    options = {"batch_size": args.batch} if args.batch else {}
    with open_store(db) as store:
        summary = ingest_items(store, iter_corpus([corpus]), extract=extracted, **options)
        events = store.count("events")
        n_reports = store.count("event_reports")
        multi = store.query("SELECT count(*) AS n FROM events WHERE n_articles > 1")[0]["n"]
    load_store = _load()
    size = db.stat().st_size
    store_seconds = summary.seconds
    total = extract_seconds + store_seconds
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.system()}, {os.cpu_count()} cores")
    print(f"{summary.added} articles added ({len(summary.failed)} failed), batch {args.batch or 'default'}")
    print(f"  extraction {extract_seconds:.1f} s ({len(reports) / extract_seconds:.1f} articles/s)  "
          f"[{load_before} before, {load_extract} after]")
    print(f"  reading + store {store_seconds:.1f} s ({summary.added / store_seconds:.1f} articles/s)  [{load_store} after]")
    print(f"  end to end {total:.1f} s ({summary.added / total:.1f} articles/s)")
    print(f"  {n_reports} event reports merged into {events} events ({multi} told by more than one article)")
    print(f"  database {size / 1e6:.1f} MB ({size / max(summary.added, 1) / 1e3:.1f} kB per article) at {db}")
    cpu, wall, n = open_writer(db)
    print(f"  opening a writer on it: {cpu:.3f} s CPU ({wall:.3f} s wall) for {n} articles  [{_load()}]")


if __name__ == "__main__":
    main()
