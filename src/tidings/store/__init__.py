"""The store: an embedded DuckDB file of articles, reports and events merged across articles.

    >>> from tidings.store import open_store, ingest, queries
    >>> with open_store("tidings.duckdb") as store:
    ...     summary = ingest(store, ["demo/articles"])
    ...     rows = queries.events(store, actor="hamas", type="AID", since="2016-01")

Modules: ``schema`` (named migrations), ``store`` (opening, idempotent
transactional adds), ``merge`` (event coreference, pure functions),
``sources`` (independent sources), ``ingest`` (corpus → store), ``filters`` (the one
record of event filters: CLI, exports, web), ``queries``.
"""

from tidings.store import queries
from tidings.store.filters import EventFilters
from tidings.store.ingest import IngestSummary, extract_for_store, ingest, ingest_items, prepare_article
from tidings.store.merge import cluster_reports, compare, load_rules, view_event
from tidings.store.schema import MIGRATIONS, SCHEMA_VERSION, StoreError
from tidings.store.store import Added, Store, open_store

__all__ = [
    "Store", "Added", "open_store", "StoreError", "MIGRATIONS", "SCHEMA_VERSION",
    "IngestSummary", "ingest", "ingest_items", "extract_for_store", "prepare_article",
    "cluster_reports", "compare", "view_event", "load_rules", "queries", "EventFilters",
]
