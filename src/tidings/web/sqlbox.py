"""A visitor's SQL, boxed: one SELECT, in a transaction that is always rolled back, cut off after a few seconds.

Three walls, each enough alone for a read-only store: only a single SELECT
statement is accepted (``EXPLAIN ANALYZE`` would run what it explains, so it is
refused here); it runs inside a transaction that is rolled back whatever
happens; and the database was opened with file access switched off, so no
``read_csv``, ``ATTACH`` or ``COPY`` can reach the disk.
"""

from __future__ import annotations

import threading
from typing import Any

import duckdb

from tidings.store.queries import single_statement
from tidings.store.schema import StoreError
from tidings.store.store import Store
from tidings.web.backend import QueryTimeout


def run_sql(store: Store, query: str, *, seconds: float = 5.0, max_rows: int = 1000) -> list[dict[str, Any]]:
    """Rows of one read-only SELECT, at most ``max_rows``; StoreError for anything else."""
    single_statement(query, {duckdb.StatementType.SELECT}, "SELECT")
    con = store.con
    timer = threading.Timer(seconds, con.interrupt)
    con.begin()
    try:
        timer.start()
        cursor = con.execute(query)
        columns = [d[0] for d in cursor.description or []]
        rows = [dict(zip(columns, row)) for row in cursor.fetchmany(max_rows)]
    except duckdb.InterruptException:
        raise QueryTimeout(f"the query ran longer than {seconds:g} s and was stopped: "
                           "add filters or a LIMIT, and try again") from None
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {_short(exc)}") from None
    finally:
        timer.cancel()
        try:
            con.rollback()
        except duckdb.Error:
            pass
    return rows


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:300]


__all__ = ["run_sql"]
