"""Scaling, in one run: bare spaCy, `tidings batch` in one process, and `tidings batch` on 2 local Dask workers.

    python benchmarks/scale.py [--copies 10] [--workers 2] [--repeat 2] [--json FILE]

The corpus is the demo articles, each copied ``--copies`` times under another
url (so every copy is a distinct article), written as one JSONL file. Words
per second count whitespace-separated words of the article texts.

* bare spaCy: the plain model run the way ``tidings batch`` runs its pipeline:
  ``nlp.pipe`` over each partition's texts in the same chunks
  (:func:`tidings.batch.extract.chunks`), after the same untimed full pass.
  ``nlp(text)`` one text at a time (how runs 1-8 timed it) is recorded too,
  as ``bare_per_text``: spaCy's networks are ~7-20 % faster on batches, so
  the ratio against it flatters a batched pipeline;
* single process: ``run_batch(workers=0)`` after one untimed pass over the
  same corpus: reading, splitting, extraction and Parquet writing, as
  ``tidings batch`` does;
* Dask, warm: tidings' LocalCluster of ``--workers`` processes (``local_cluster``:
  Dask's profiler and monitors slowed down), warmed by the same untimed pass,
  then ``run_batch(scheduler=…)``: the steady state a long run sees. Both
  sides are warmed alike, so neither pays pipeline builds or first-call
  caches in its timed window;
* load: the warm run's Parquet into a fresh DuckDB file with the store's merge
  (one process: the merge needs every report seen so far);
* Dask, cold: ``run_batch(workers=N)`` from nothing (cluster start-up and one
  pipeline load per worker included), what a short run costs.

On a machine shared with other jobs a wall-clock ratio is only as good as the
idle cores it found, so every phase also records its CPU seconds: ours (this
process and its Dask children) and the others' (all busy CPU time of the
machine in /proc/stat minus ours), shown as the cores other jobs took while
the phase ran, next to the load average before it. ``cpu_efficiency`` (single
CPU-s / Dask CPU-s for the same corpus) is what 2 idle cores could give at most:
2 workers ≤ workers × efficiency × single. ``kernel_cpu_s`` is the part spent in the kernel:
near zero unless memory is mapped and unmapped over and over (page faults), as Dask's default
``MALLOC_TRIM_THRESHOLD_`` made workers do (see ``tidings.batch.run.WORKER_ALLOCATOR``).

The default ``--batch-size`` gives 5 partitions per worker, so the last
partition leaves a worker idle for at most ~1/5 of its share.

Every process is single-threaded: thinc computes with blis (one thread), the
Dask nanny sets ``OMP/MKL/OPENBLAS_NUM_THREADS=1`` in workers, and this
process is measured at ≤ 1.0 CPU-s per second in the single phase
(``single_cpu_per_wall``), so "1 process" means one core.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import tempfile
import time
from pathlib import Path

import psutil
import spacy

from tidings.batch import load_batch, run_batch
from tidings.batch.extract import chunks
from tidings.batch.run import local_cluster
from tidings.nlp import MODEL, load_pipeline
from tidings.pipeline.normalize import normalize_text
from tidings.readers.corpus import iter_corpus
from tidings.model import Article
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


def bare_pass(bare: spacy.language.Language, texts: list[str], batch_size: int) -> None:
    """The plain model over ``texts`` as the batch worker feeds its pipeline: per partition, in chunks."""
    for first in range(0, len(texts), batch_size):
        part = texts[first:first + batch_size]
        for run in chunks([Article(text=t) for t in part]):
            for _doc in bare.pipe([part[k] for k in run], batch_size=len(run)):
                pass


def _machine_busy() -> float:
    """CPU seconds all processes of the machine have used since boot (/proc/stat, every core)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _ours() -> tuple[float, float]:
    """CPU seconds (all, and in the kernel) of this process and its live children (scheduler thread, workers)."""
    me = psutil.Process()
    total = kernel = 0.0
    for proc in [me, *me.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
        kernel += times.system
    return total, kernel


class Phase:
    """Wall seconds, our CPU seconds and the other jobs' CPU seconds of one timed phase."""

    def __init__(self) -> None:
        self.load = os.getloadavg()[0]
        self.wall = self.cpu = self.kernel = self.others = self.client = 0.0

    def __enter__(self) -> "Phase":
        self._t, self._ours, self._all = time.perf_counter(), _ours(), _machine_busy()
        self._client = time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._t
        cpu, kernel = _ours()
        self.cpu, self.kernel = cpu - self._ours[0], kernel - self._ours[1]
        self.client = time.process_time() - self._client  # this process: client, split, in-process scheduler
        self.others = max(0.0, _machine_busy() - self._all - self.cpu)

    def to_dict(self, words: int) -> dict[str, float]:
        return {"seconds": round(self.wall, 2), "words_s": round(words / self.wall), "cpu_s": round(self.cpu, 2), "kernel_cpu_s": round(self.kernel, 2), "this_process_cpu_s": round(self.client, 2),
                "words_cpu_s": round(words / self.cpu) if self.cpu else 0,
                "other_jobs_cores": round(self.others / self.wall, 2), "load_before": round(self.load, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the demo corpus (19 articles each)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="timed passes of bare and single; the best is kept")
    parser.add_argument("--batch-size", type=int, default=0, help="articles per partition (default: 5 per worker)")
    parser.add_argument("--demo", type=Path, default=Path("demo/articles"))
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold Dask run")
    args = parser.parse_args()

    from distributed import Client

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tidings-scale-") as tmp:
        folder = Path(tmp)
        corpus, texts = write_corpus(folder, args.copies, args.demo)
        words = sum(len(t.split()) for t in texts)
        batch_size = args.batch_size or math.ceil(len(texts) / (5 * args.workers))
        bare = spacy.load(MODEL)
        normalized = [normalize_text(t) for t in texts]
        for text in normalized:  # the same untimed full pass as the single process gets
            bare(text)
        bare_pass(bare, normalized, batch_size)
        load_pipeline(())  # the key extract_article uses (load_pipeline() is another cache entry)
        run_batch([corpus], folder / "warmup", workers=0, batch_size=batch_size)  # warms every cache

        bare_phases, per_text_phases, single_phases = [], [], []
        for rep in range(args.repeat):
            with Phase() as phase:
                bare_pass(bare, normalized, batch_size)
            bare_phases.append(phase)
            with Phase() as phase:
                for text in normalized:
                    bare(text)
            per_text_phases.append(phase)
            with Phase() as phase:
                summary = run_batch([corpus], folder / f"single{rep}", workers=0, batch_size=batch_size)
            single_phases.append(phase)
            assert summary.complete and summary.extracted == len(texts)
        bare_phase = min(bare_phases, key=lambda p: p.wall)
        per_text_phase = min(per_text_phases, key=lambda p: p.wall)
        single_phase = min(single_phases, key=lambda p: p.wall)

        cluster = local_cluster(args.workers)
        client = Client(cluster)
        run_batch([corpus], folder / "dask-warmup", scheduler=cluster.scheduler_address, batch_size=batch_size)
        with Phase() as dask_phase:
            warm = run_batch([corpus], folder / "warm", scheduler=cluster.scheduler_address, batch_size=batch_size)
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
            cold = run_batch([corpus], folder / "cold", workers=args.workers, batch_size=batch_size)
            cold_seconds = time.perf_counter() - started
            assert cold.complete

    load_after = os.getloadavg()
    figures = {
        "date": time.strftime("%Y-%m-%d"), "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "python": platform.python_version(), "spacy": spacy.__version__,
        "articles": len(texts), "words": words, "batch_size": batch_size, "workers": args.workers,
        "partitions": warm.partitions,
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
        "bare": bare_phase.to_dict(words), "bare_per_text": per_text_phase.to_dict(words), "single": single_phase.to_dict(words), "dask": dask_phase.to_dict(words),
        "bare_words_s": round(words / bare_phase.wall), "bare_per_text_words_s": round(words / per_text_phase.wall),
        "single_words_s": round(words / single_phase.wall),
        "dask_warm_words_s": round(words / dask_phase.wall),
        "dask_cold_words_s": round(words / cold_seconds) if cold_seconds else None,
        "single_articles_s": round(len(texts) / single_phase.wall, 1),
        "dask_warm_articles_s": round(len(texts) / dask_phase.wall, 1),
        "single_cpu_per_wall": round(single_phase.cpu / single_phase.wall, 2),
        "cpu_efficiency": round(single_phase.cpu / dask_phase.cpu, 2),
        "load_articles_s": round(len(texts) / load_seconds, 1),
        "worker_peak_rss_mb": max(w["peak_rss_mb"] for w in warm.workers.values()),
        "worker_pipeline_loads": {k: v["pipeline_loads"] for k, v in warm.workers.items()},
    }
    figures["single_over_bare"] = round(figures["single_words_s"] / figures["bare_words_s"], 2)
    figures["single_over_bare_per_text"] = round(figures["single_words_s"] / figures["bare_per_text_words_s"], 2)
    figures["single_over_bare_cpu"] = round(bare_phase.cpu / single_phase.cpu, 2)
    figures["dask_over_single"] = round(figures["dask_warm_words_s"] / figures["single_words_s"], 2)
    print(f"corpus: {len(texts)} articles, {words:,} words (demo × {args.copies}), {warm.partitions} partitions "
          f"of ≤ {batch_size}; load average before {figures['load_before']}, after {figures['load_after']}")

    def line(name: str, phase: Phase, extra: str) -> None:
        print(f"{name:<32}{words / phase.wall:>8,.0f} words/s  {extra}; {phase.cpu:.1f} CPU-s "
              f"({words / phase.cpu:,.0f} words/CPU-s, {phase.client:.1f} in this process, {phase.kernel:.1f} in the kernel); other jobs took {phase.others / phase.wall:.2f} cores, "
              f"load before {phase.load:.2f}")

    line(f"bare spaCy ({MODEL}), nlp.pipe", bare_phase, "")
    line("bare spaCy, nlp(text) per text", per_text_phase, "")
    line("tidings batch, 1 process", single_phase,
         f"{figures['single_articles_s']} articles/s; {figures['single_over_bare']:.2f} × bare "
         f"({figures['single_over_bare_cpu']:.2f} by CPU-s; {figures['single_over_bare_per_text']:.2f} × nlp(text))")
    line(f"tidings batch, {args.workers} Dask workers", dask_phase,
         f"{figures['dask_warm_articles_s']} articles/s; {figures['dask_over_single']:.2f} × single, warm")
    print(f"single process used {figures['single_cpu_per_wall']:.2f} CPU-s per second; the Dask run used "
          f"{1 / figures['cpu_efficiency']:.2f} × the single run's CPU-s (client, scheduler and workers): "
          f"on {args.workers} idle cores at most {args.workers * figures['cpu_efficiency']:.2f} × single")
    if cold_seconds:
        print(f"  same, cold (cluster start + pipeline loads): {figures['dask_cold_words_s']:,} words/s")
    print(f"tidings load (DuckDB + cross-article merge, 1 process): {figures['load_articles_s']} articles/s")
    print(f"worker peak RSS {figures['worker_peak_rss_mb']:.0f} MB; pipeline loads per worker "
          f"{sorted(figures['worker_pipeline_loads'].values())}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
