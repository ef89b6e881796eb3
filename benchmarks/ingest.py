"""Ingest throughput: generated articles through the full pipeline into a fresh DuckDB file.

    python benchmarks/ingest.py [--articles 1000] [--outlets 4] [--keep DIR]

Articles are generated here from a few sentence shapes: each incident is
told by ``--outlets`` outlets in different words, so merging has work to do.
Prints articles per second (all, and the store's share), the database size,
and how many events the reports merged into.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--outlets", type=int, default=4, help="articles per incident")
    parser.add_argument("--keep", type=Path, default=None, help="write the corpus and database here")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="tidings-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "articles.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in generate(args.articles, args.outlets)) + "\n", encoding="utf-8")
    db = folder / "bench.duckdb"
    db.unlink(missing_ok=True)

    extract_seconds = 0.0

    def timed_extract(article):
        nonlocal extract_seconds
        started = time.perf_counter()
        try:
            return extract_for_store(article)
        finally:
            extract_seconds += time.perf_counter() - started

    from tidings.nlp import load_pipeline

    load_pipeline()  # built once, outside the timing
    with open_store(db) as store:
        summary = ingest_items(store, iter_corpus([corpus]), extract=timed_extract)
        events = store.count("events")
        reports = store.count("event_reports")
        multi = store.query("SELECT count(*) AS n FROM events WHERE n_articles > 1")[0]["n"]
    store.close()
    size = db.stat().st_size
    store_seconds = summary.seconds - extract_seconds
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    print(f"{summary.added} articles added ({len(summary.failed)} failed) in {summary.seconds:.1f} s: "
          f"{summary.added / summary.seconds:.1f} articles/s end to end")
    print(f"  extraction {extract_seconds:.1f} s, reading + store {store_seconds:.1f} s "
          f"({summary.added / store_seconds:.0f} articles/s for the store alone)")
    print(f"  {reports} event reports merged into {events} events ({multi} told by more than one article)")
    print(f"  database {size / 1e6:.1f} MB ({size / max(summary.added, 1) / 1e3:.1f} kB per article) at {db}")


if __name__ == "__main__":
    main()
