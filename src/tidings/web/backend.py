"""The server's hold on the database: one DuckDB connection, a cursor per request, one writer.

DuckDB connections are not shared between threads, but cursors of one
connection are independent, so each request reads through its own cursor.
File access from SQL (read_csv, ATTACH, COPY …) is switched off for the life of
the database, so no query a visitor writes can reach the file system. The
store opens read-only unless ingesting is enabled with a token.
"""

from __future__ import annotations

import hmac
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tidings.store.store import Store, open_store

TOKEN_ENV = "TIDINGS_TOKEN"
SQL_SECONDS = 5.0
SQL_ROWS = 1000


@dataclass(slots=True)
class Settings:
    """How the app was started."""

    db: str | None
    token: str | None = None
    title: str = "tidings"
    sql_seconds: float = SQL_SECONDS
    sql_rows: int = SQL_ROWS

    @classmethod
    def from_env(cls, db: str | Path | None, *, token: str | None = None) -> Settings:
        return cls(db=str(db) if db is not None else None, token=token or os.environ.get(TOKEN_ENV) or None)


@dataclass
class Backend:
    """The open store and the lock that serializes writers."""

    settings: Settings
    store: Store
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, settings: Settings) -> Backend:
        writable = settings.token is not None or settings.db is None
        store = open_store(settings.db, read_only=not writable)
        _seal(store)
        return cls(settings=settings, store=store)

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A Store on a fresh cursor: safe to use from this request's thread only."""
        cursor = self.store.con.cursor()
        try:
            yield Store(cursor, where=self.store.where, read_only=True)
        finally:
            cursor.close()

    def token_ok(self, given: str | None) -> bool:
        expected = self.settings.token
        return bool(expected) and given is not None and hmac.compare_digest(given.encode(), expected.encode())

    def close(self) -> None:
        self.store.close()


def _seal(store: Store) -> None:
    """No file access from SQL, and no way to turn it back on (DuckDB shares one instance per file)."""
    con = store.con
    if con.execute("SELECT current_setting('lock_configuration')").fetchone()[0]:  # type: ignore[index]
        if con.execute("SELECT current_setting('enable_external_access')").fetchone()[0]:  # type: ignore[index]
            store.close()
            raise RuntimeError(f"{store.where} is open elsewhere in this process with file access allowed")
        return
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


__all__ = ["Backend", "Settings", "TOKEN_ENV"]
