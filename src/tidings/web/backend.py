"""The server's hold on the database: one DuckDB connection, a cursor per request, one writer.

DuckDB connections are not shared between threads, but cursors of one
connection are independent, so each request reads through its own cursor.
File access from SQL (read_csv, ATTACH, COPY …) is switched off for the life of
the database, so no query a visitor writes can reach the file system. The
store opens read-only unless ingesting is enabled with a token.

A read-only server holds the file only while it answers: the connection is
opened for the first request (waiting while ``tidings ingest`` writes a batch)
and closed ``LINGER`` seconds after the last one, so an ingest in another
process can write between requests; a busy server also lets go for ``BREAK``
seconds every ``HOLD`` seconds, whenever no request is running. Every request's queries are interrupted
after ``page_seconds`` (``sql_seconds`` for the SQL page): :class:`QueryTimeout`.
"""

from __future__ import annotations

import atexit
import hmac
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tidings.errors import TidingsError
from tidings.store.store import Store, open_store

TOKEN_ENV = "TIDINGS_TOKEN"
SQL_SECONDS = 5.0
SQL_ROWS = 1000
PAGE_SECONDS = 15.0      # any page's queries are interrupted after this
MAX_BODY = 1_048_576     # bytes in a request body (413 beyond)
LINGER = 1.0             # seconds a read-only server keeps the file open after its last request
HOLD = 2.0               # a busy server lets go of the file this often, between two requests…
BREAK = 0.05             # …for this long, so a writer in another process gets its turn


class QueryTimeout(TidingsError):
    """A request's queries ran past their time limit and were interrupted (HTTP 503)."""


@dataclass(slots=True)
class Settings:
    """How the app was started."""

    db: str | None
    token: str | None = None
    title: str = "tidings"
    sql_seconds: float = SQL_SECONDS
    sql_rows: int = SQL_ROWS
    page_seconds: float = PAGE_SECONDS
    max_body: int = MAX_BODY
    linger: float = LINGER

    @classmethod
    def from_env(cls, db: str | Path | None, *, token: str | None = None) -> Settings:
        return cls(db=str(db) if db is not None else None, token=token or os.environ.get(TOKEN_ENV) or None)


@dataclass
class Backend:
    """The open store and the lock that serializes writers."""

    settings: Settings
    shared: Store | None
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _users: int = 0
    _last: float = 0.0
    _opened: float = 0.0
    _break_until: float = 0.0
    _timer: threading.Timer | None = None

    @classmethod
    def open(cls, settings: Settings) -> Backend:
        store = cls._open(settings)  # at once: a bad path or a newer database fails at start-up
        backend = cls(settings=settings, shared=store, _opened=time.monotonic())
        _OPEN[:] = [ref for ref in _OPEN if ref() is not None]
        _OPEN.append(weakref.ref(backend))
        if backend.lingers:
            backend._schedule()
        return backend

    @staticmethod
    def _open(settings: Settings) -> Store:
        writable = settings.token is not None or settings.db is None
        store = open_store(settings.db, read_only=not writable)
        _seal(store)
        return store

    @property
    def lingers(self) -> bool:
        """A read-only file store lets go of the file between requests; a writer keeps it."""
        return self.settings.db is not None and self.settings.token is None

    @property
    def store(self) -> Store:
        """The store, opened now if it was let go (the writer: always open)."""
        with self._lock:
            if self.shared is None:
                self.shared = self._open(self.settings)
            return self.shared

    @contextmanager
    def reader(self, *, seconds: float | None = None) -> Iterator[Store]:
        """A Store on a fresh cursor, its queries interrupted after ``seconds``: this request's thread only."""
        with self._lock:
            if self.shared is None:
                time.sleep(max(0.0, self._break_until - time.monotonic()))
                self.shared = self._open(self.settings)
                self._opened = time.monotonic()
            self._users += 1
            cursor = self.shared.con.cursor()
        limit = self.settings.page_seconds if seconds is None else seconds
        timer = threading.Timer(limit, cursor.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield Store(cursor, where=self.shared.where, read_only=True)
        finally:
            timer.cancel()
            cursor.close()
            with self._lock:
                self._users -= 1
                self._last = now = time.monotonic()
                if self.lingers and self._users == 0 and self.shared is not None and now - self._opened >= HOLD:
                    self.shared.close()  # a break for a writer waiting in another process
                    self.shared = None
                    self._break_until = now + BREAK
            if self.lingers:
                self._schedule()

    def _schedule(self) -> None:
        with self._lock:
            if self._timer is None:
                self._timer = threading.Timer(self.settings.linger, self._let_go)
                self._timer.daemon = True
                self._timer.start()

    def _let_go(self) -> None:
        """Close the file when no request has used it for ``linger`` seconds, else look again later."""
        with self._lock:
            self._timer = None
            idle = time.monotonic() - self._last
            if self._users == 0 and idle >= self.settings.linger and self.shared is not None:
                self.shared.close()
                self.shared = None
                return
            if self.shared is None:
                return
        self._schedule()

    def token_ok(self, given: str | None) -> bool:
        expected = self.settings.token
        return bool(expected) and given is not None and hmac.compare_digest(given.encode(), expected.encode())

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self.shared is not None:
                self.shared.close()
                self.shared = None


# Backends still open at exit: their linger timers are daemon threads, and a daemon thread that
# closes a DuckDB file while the interpreter shuts down aborts the process ("exception not rethrown").
_OPEN: list[weakref.ref[Backend]] = []


@atexit.register
def _close_open_backends() -> None:
    for ref in _OPEN:
        backend = ref()
        if backend is not None:
            backend.close()
    _OPEN.clear()


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


__all__ = ["Backend", "Settings", "QueryTimeout", "TOKEN_ENV", "MAX_BODY", "PAGE_SECONDS", "SQL_SECONDS"]
