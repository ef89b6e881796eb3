"""Ctrl-C during a DuckDB query: DuckDB stops the query and raises ``RuntimeError("Query interrupted")``.

Python's own ``KeyboardInterrupt`` is then gone, so code that keeps going
after an ordinary error (a batch retried article by article, a run marked
finished) would treat the user's Ctrl-C as a bad article or a crash. These
helpers give the interrupt back its meaning.
"""

from __future__ import annotations

import duckdb


def is_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's report of a query stopped by Ctrl-C (or by ``interrupt()``)."""
    if isinstance(exc, (KeyboardInterrupt, duckdb.InterruptException)):
        return True
    return isinstance(exc, RuntimeError) and str(exc).startswith("Query interrupted")


def reraise_interrupt(exc: BaseException) -> None:
    """Raise ``KeyboardInterrupt`` if ``exc`` is an interrupt; otherwise return and let the caller handle it."""
    if is_interrupt(exc) and not isinstance(exc, KeyboardInterrupt):
        raise KeyboardInterrupt from exc


__all__ = ["is_interrupt", "reraise_interrupt"]
