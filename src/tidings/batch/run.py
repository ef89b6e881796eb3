"""Run a corpus through the pipeline in partitions: in this process, on local Dask workers, or on a cluster.

    >>> summary = run_batch(["crawl/"], "out/", workers=2)          # a LocalCluster of 2 processes
    >>> summary = run_batch(["crawl/"], "out/", scheduler="tcp://10.0.0.5:8786")

Dask does the scheduling, the retries when a worker dies and the moving of
tasks between machines; tidings gives it one pure task per partition
(:func:`tidings.batch.worker.process_partition`) that reads its input from and
writes its tables to ``out``. A restarted run skips partitions already done.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.batch.layout import done_partitions, remove_temporaries
from tidings.batch.partition import BATCH_SIZE, MAX_CHARS, BatchError, prepare
from tidings.batch.worker import process_partition

# What a local worker may use before Dask pauses, then restarts it; the pipeline needs ~0.3 GB.
WORKER_MEMORY = "1GiB"

# Dask's own monitoring in every worker (a stack-sampling profiler every 10 ms, an event-loop tick every
# 20 ms, system and memory monitors) added 18-22 % to a task's CPU here at load 13-16 (the busier the
# machine, the more); tidings uses none of it. Set for local clusters; docs/scaling.md gives the
# environment variables for `dask worker` on a cluster.
#
# The C allocator of a worker process, set by the nanny before it starts the worker. Dask sets
# MALLOC_TRIM_THRESHOLD_=65536 to hand freed memory back to the OS at once; setting it at all also fixes
# glibc's mmap threshold at 128 kB, so every buffer of the model's batch activations above that was mapped
# and unmapped again: ≈ 600,000 page faults and +1.1 CPU-s of kernel time per 95 articles, +12 % of a task's
# CPU (none in one process). Unsetting it alone was worse here (+70 % user CPU: the task runs in a worker
# thread, whose own malloc arena then holds those buffers). With no trim setting and one arena a task takes
# the single process's CPU (9.3 vs 9.1 CPU-s) and memory: the allocator one process uses.
PRE_SPAWN = "distributed.nanny.pre-spawn-environ"
WORKER_ALLOCATOR: dict[str, str | None] = {"MALLOC_TRIM_THRESHOLD_": None, "MALLOC_ARENA_MAX": "1"}

WORKER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    **{f"{PRE_SPAWN}.{name}": value for name, value in WORKER_ALLOCATOR.items()},  # None: Dask's value is unset
}

Progress = Callable[[str, int, int], None]
"""Called with a phase (``reading`` or ``extracting``), articles done and articles in all (0 while reading)."""


@dataclass(slots=True)
class BatchSummary:
    """What one run did; ``workers`` maps ``host:pid`` to its partitions, pipeline loads and peak RSS."""

    out: str
    partitions: int = 0
    resumed: int = 0
    processed: int = 0
    articles: int = 0
    extracted: int = 0
    failed: int = 0
    read_errors: int = 0
    skipped: int = 0
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    reused_split: bool = False
    workers: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.errors and self.resumed + self.processed == self.partitions

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]
        return data | {"complete": self.complete}


def _note(summary: BatchSummary, result: dict[str, Any]) -> None:
    if result.get("skipped"):
        summary.resumed += 1
        return
    summary.processed += 1
    summary.extracted += int(result["articles"])
    summary.failed += int(result["failed"])
    summary.events += int(result["events"])
    summary.words += int(result["words"])
    who = f"{result['host']}:{result['pid']}"
    seen = summary.workers.setdefault(who, {"partitions": 0, "pipeline_loads": 0, "peak_rss_mb": 0.0})
    seen["partitions"] += 1
    seen["pipeline_loads"] = max(seen["pipeline_loads"], int(result["pipeline_loads"]))
    seen["peak_rss_mb"] = max(seen["peak_rss_mb"], float(result["peak_rss_mb"]))


def _connect(workers: int, scheduler: str | None) -> tuple[Any, Any]:
    """A Dask client: to ``scheduler``, or to a new loopback-only LocalCluster without a dashboard."""
    from distributed import Client

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {exc} "
                             "(is `dask scheduler` running there, and the address tcp://HOST:PORT?)") from None
        return client, None
    cluster = local_cluster(workers)
    return Client(cluster), cluster


def _variable(key: str) -> str:
    return "DASK_" + key.upper().replace(".", "__").replace("-", "_")


def worker_environment() -> dict[str, str]:
    """:data:`WORKER_CONFIG` as the ``DASK_…`` environment variables to start ``dask worker`` with on a cluster.

    The nanny's variables go in one dict-valued variable: Dask lower-cases the names in ``DASK_…`` keys,
    and ``MALLOC_…`` must keep its case to replace Dask's entry. The allocator's variables that have a
    value are also given as themselves, for ``dask worker --no-nanny``, whose worker no nanny prepares.
    """
    env = {_variable(key): str(value) for key, value in WORKER_CONFIG.items() if not key.startswith(PRE_SPAWN + ".")}
    spawn = {key[len(PRE_SPAWN) + 1:]: value for key, value in WORKER_CONFIG.items() if key.startswith(PRE_SPAWN + ".")}
    direct = {name: value for name, value in WORKER_ALLOCATOR.items() if value is not None}
    return env | ({_variable(PRE_SPAWN): repr(spawn)} if spawn else {}) | direct


def local_cluster(workers: int) -> Any:
    """A loopback-only LocalCluster of single-threaded worker processes, without dashboards or Dask's profiling."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(WORKER_CONFIG):  # each Nanny copies the config it hands its worker when it is made
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address=None, worker_dashboard_address=None, memory_limit=WORKER_MEMORY,
                            silence_logs=logging.ERROR)


def _run_dask(todo: list[int], out: Path, actors: list[str] | None, *, workers: int, scheduler: str | None,
              on_result: Callable[[dict[str, Any]], None], errors: list[str]) -> None:
    from distributed import as_completed

    client, cluster = _connect(workers, scheduler)
    try:
        try:
            client.wait_for_workers(1, timeout=120)
        except TimeoutError:
            raise BatchError(f"no Dask worker joined {scheduler or 'the local cluster'} within 120 s: "
                             "start workers with `dask worker tcp://HOST:PORT`") from None
        run = uuid.uuid4().hex[:8]
        futures = [client.submit(process_partition, str(out), index, actors=actors, key=f"tidings-{run}-{index}",
                                 pure=False, retries=2) for index in todo]
        for future in as_completed(futures):
            try:
                on_result(future.result())
            except Exception as exc:  # a partition that failed on every try: the rest goes on
                errors.append(f"{future.key}: {type(exc).__name__}: {exc}")
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch(paths: Sequence[str | Path], out: str | Path, *, workers: int = 2, scheduler: str | None = None,
              batch_size: int = BATCH_SIZE, max_chars: int = MAX_CHARS, actors: Sequence[str | Path] | None = None,
              progress: Progress | None = None, article_max_chars: int | None = None,
              force_language: bool | None = None) -> BatchSummary:
    """Extract every article of ``paths`` into Parquet tables under ``out``; ``workers=0`` runs in this process.

    ``article_max_chars`` / ``force_language``: the readers' cap and language check (see ``prepare``).
    """
    started = time.perf_counter()
    out = Path(out).resolve()
    summary = BatchSummary(out=str(out))
    reading = (lambda n: progress("reading", n, 0)) if progress else None
    plan, summary.reused_split = prepare(paths, out, batch_size=batch_size, max_chars=max_chars, actors=actors,
                                         on_item=reading, article_max_chars=article_max_chars,
                                         force_language=force_language)
    summary.partitions, summary.articles = plan.partitions, plan.articles
    summary.read_errors, summary.skipped = plan.read_errors, plan.skipped
    done = done_partitions(out)
    todo = [index for index in range(plan.partitions) if index not in done]
    summary.resumed = plan.partitions - len(todo)
    finished = sum(plan.counts[i] for i in done if i < len(plan.counts))
    if progress:
        progress("extracting", finished, plan.articles)

    def on_result(result: dict[str, Any]) -> None:
        nonlocal finished
        _note(summary, result)
        if not result.get("skipped"):
            finished += plan.counts[int(result["partition"])]
        if progress:
            progress("extracting", finished, plan.articles)

    actor_list = [str(Path(p).resolve()) for p in actors] if actors else None
    if todo and scheduler is None and workers <= 0:
        for index in todo:
            on_result(process_partition(out, index, actors=actor_list))
    elif todo:
        _run_dask(todo, out, actor_list, workers=workers, scheduler=scheduler, on_result=on_result,
                  errors=summary.errors)
    if summary.complete:
        remove_temporaries(out)
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["BatchSummary", "run_batch", "local_cluster", "worker_environment", "WORKER_MEMORY",
           "WORKER_CONFIG", "WORKER_ALLOCATOR"]
