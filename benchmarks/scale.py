"""Scaling, in one run: bare spaCy, `tidings batch` in one process, and `tidings batch` on 2 local Dask workers.

    python benchmarks/scale.py [--copies 10] [--workers 2] [--repeat 2] [--json FILE]

The corpus is the demo articles, each copied ``--copies`` times under another
url (so every copy is a distinct article), written as one JSONL file. Words
per second count whitespace-separated words of the article texts.

* bare spaCy: ``nlp(text)`` with the plain model, after a warm-up pass;
* single process: ``run_batch(workers=0)`` with the pipeline already loaded:
  reading, splitting, extraction and Parquet writing, as ``tidings batch`` does;
* Dask, warm: a LocalCluster of ``--workers`` processes whose workers have
  already built the pipeline, then ``run_batch(scheduler=…)``: the steady state
  a long run sees;
* load: the warm run's Parquet into a fresh DuckDB file with the store's merge
  (one process: the merge needs every report seen so far);
* Dask, cold: ``run_batch(workers=N)`` from nothing (cluster start-up and one
  pipeline load per worker included), what a short run costs.

The machine's load average is printed before and after: on a shared machine
the parallel figure is only as good as the idle cores it found.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import tempfile
import time
from pathlib import Path

import spacy

from tidings.batch import load_batch, run_batch
from tidings.nlp import MODEL, load_pipeline
from tidings.pipeline.normalize import normalize_text
from tidings.readers.corpus import iter_corpus
from tidings.store import open_store


def write_corpus(folder: Path, copies: int, demo: Path) -> tuple[Path, list[str]]:
    articles = [item.article for item in iter_corpus([demo]) if item.article]
    path = folder / "corpus.jsonl"
    texts: list[str] = []
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for k, article in enumerate(articles):
                handle.write(json.dumps({
                    "text": article.text, "title": article.title, "outlet": article.outlet,
                    "published": article.published.isoformat() if article.published else None,
                    "url": f"https://copy.invalid/{copy}/{k}"}) + "\n")
                texts.append(article.text)
    return path, texts


def best(times: list[float]) -> float:
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the demo corpus (19 articles each)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="timed passes of bare and single; the best is kept")
    parser.add_argument("--batch-size", type=int, default=20)
    parser.add_argument("--demo", type=Path, default=Path("demo/articles"))
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold Dask run")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tidings-scale-") as tmp:
        folder = Path(tmp)
        corpus, texts = write_corpus(folder, args.copies, args.demo)
        words = sum(len(t.split()) for t in texts)
        bare = spacy.load(MODEL)
        normalized = [normalize_text(t) for t in texts]
        for text in normalized[:19]:
            bare(text)
        load_pipeline(())  # the key extract_article uses (load_pipeline() is another cache entry)
        run_batch([corpus], folder / "warmup", workers=0, batch_size=args.batch_size)  # warms every cache

        bare_times, single_times = [], []
        for rep in range(args.repeat):
            started = time.perf_counter()
            for text in normalized:
                bare(text)
            bare_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            summary = run_batch([corpus], folder / f"single{rep}", workers=0, batch_size=args.batch_size)
            single_times.append(time.perf_counter() - started)
            assert summary.complete and summary.extracted == len(texts)

        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, worker_dashboard_address=None, memory_limit="1GiB",
                               silence_logs=logging.ERROR)
        client = Client(cluster)
        client.run(load_pipeline, ())
        started = time.perf_counter()
        warm = run_batch([corpus], folder / "warm", scheduler=cluster.scheduler_address, batch_size=args.batch_size)
        warm_seconds = time.perf_counter() - started
        client.close()
        cluster.close()
        assert warm.complete and warm.extracted == len(texts)

        with open_store(folder / "load.duckdb") as store:
            started = time.perf_counter()
            loaded = load_batch(folder / "warm", store)
            load_seconds = time.perf_counter() - started
        assert loaded.added == len(texts)

        cold_seconds = None
        if not args.no_cold:
            started = time.perf_counter()
            cold = run_batch([corpus], folder / "cold", workers=args.workers, batch_size=args.batch_size)
            cold_seconds = time.perf_counter() - started
            assert cold.complete

    load_after = os.getloadavg()
    figures = {
        "date": time.strftime("%Y-%m-%d"), "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "python": platform.python_version(), "spacy": spacy.__version__,
        "articles": len(texts), "words": words, "batch_size": args.batch_size, "workers": args.workers,
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
        "bare_words_s": round(words / best(bare_times)), "single_words_s": round(words / best(single_times)),
        "dask_warm_words_s": round(words / warm_seconds),
        "dask_cold_words_s": round(words / cold_seconds) if cold_seconds else None,
        "single_articles_s": round(len(texts) / best(single_times), 1),
        "dask_warm_articles_s": round(len(texts) / warm_seconds, 1),
        "load_articles_s": round(len(texts) / load_seconds, 1),
        "worker_peak_rss_mb": max(w["peak_rss_mb"] for w in warm.workers.values()),
        "worker_pipeline_loads": {k: v["pipeline_loads"] for k, v in warm.workers.items()},
    }
    figures["single_over_bare"] = round(figures["single_words_s"] / figures["bare_words_s"], 2)
    figures["dask_over_single"] = round(figures["dask_warm_words_s"] / figures["single_words_s"], 2)
    print(f"corpus: {len(texts)} articles, {words:,} words (demo × {args.copies}); "
          f"load average before {figures['load_before']}, after {figures['load_after']}")
    print(f"bare spaCy ({MODEL}):            {figures['bare_words_s']:>8,} words/s")
    print(f"tidings batch, 1 process:       {figures['single_words_s']:>8,} words/s "
          f"({figures['single_articles_s']} articles/s; {figures['single_over_bare']:.2f} × bare)")
    print(f"tidings batch, {args.workers} Dask workers:  {figures['dask_warm_words_s']:>8,} words/s "
          f"({figures['dask_warm_articles_s']} articles/s; {figures['dask_over_single']:.2f} × single), warm")
    if cold_seconds:
        print(f"  same, cold (cluster start + pipeline loads): {figures['dask_cold_words_s']:,} words/s")
    print(f"tidings load (DuckDB + cross-article merge, 1 process): {figures['load_articles_s']} articles/s")
    print(f"worker peak RSS {figures['worker_peak_rss_mb']:.0f} MB; pipeline loads per worker "
          f"{sorted(figures['worker_pipeline_loads'].values())}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
