"""Batch processing of big corpora: partitions extracted on Dask workers, written as Parquet, loaded into the store.

    >>> from tidings.batch import run_batch, load_batch
    >>> summary = run_batch(["crawl/"], "out/", workers=2)        # or scheduler="tcp://HOST:8786"
    >>> with open_store("tidings.duckdb") as store:
    ...     load_batch("out/", store)

Modules: ``partition`` (corpus → input partitions, once), ``worker`` (the
task: one partition → Parquet tables), ``tables`` (their schemas), ``layout``
(the output directory, atomic writes), ``run`` (local or cluster execution,
resume, progress), ``load`` (Parquet → DuckDB through the store's merge).
See docs/scaling.md.
"""

from tidings.batch.load import LoadSummary, load_batch
from tidings.batch.partition import BATCH_SIZE, BatchError
from tidings.batch.run import BatchSummary, run_batch
from tidings.batch.tables import SCHEMAS, TABLES
from tidings.batch.worker import process_partition

__all__ = ["run_batch", "BatchSummary", "load_batch", "LoadSummary", "BatchError", "process_partition",
           "BATCH_SIZE", "TABLES", "SCHEMAS"]
