"""Exports: the store's events in the formats analysts' tools read, provenance included.

    >>> from tidings.store import open_store
    >>> from tidings.export import export, Filters
    >>> with open_store("tidings.duckdb", read_only=True) as store:
    ...     export(store, "acled", "events.csv", filters=Filters(actor="hamas"))

Formats (one module each, found by :mod:`tidings.export.base`): ``plover``
(JSONL), ``acled`` and ``polecat`` (CSV), ``parquet`` (a folder, one file per
table), ``graphml`` and ``gexf`` (the actor network), ``stix`` (a STIX 2.1
bundle). :func:`import_plover` reads a PLOVER export back into a store.
"""

from tidings.export.base import ExportResult, Format, export, formats, get_format, register
from tidings.export.plover import import_plover
from tidings.store.filters import EventFilters as Filters  # one record with the web's and `tidings events`'

__all__ = ["export", "formats", "get_format", "register", "Format", "ExportResult", "Filters", "import_plover"]
