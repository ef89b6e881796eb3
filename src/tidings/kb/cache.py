"""A disk cache for the built knowledge base and its alias index.

Parsing ~2,000 actors and tokenizing ~15,000 names takes seconds; a pickle
keyed by a digest of every input file (and of the code that builds it)
loads in a few tens of milliseconds. The folder is the gazetteer's
(``$TIDINGS_CACHE`` …); a torn file or a read-only home only costs a rebuild.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from tidings.places.gazetteer import cache_dir

FORMAT = 1
KEEP = 8  # cached builds kept per name
T = TypeVar("T")
_CODE = [Path(__file__).with_name(n) for n in ("base.py", "load.py", "index.py", "cache.py")]


def digest(paths: Iterable[Path], *extra: str) -> str:
    """A short hash of the files' contents, our code, the Python version and ``extra`` strings."""
    h = hashlib.sha1(f"{FORMAT}|{sys.version_info[:2]}|{'|'.join(extra)}".encode())
    for path in [*_CODE, *paths]:
        h.update(str(path).encode())
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()[:16]


def cached(name: str, key: str, build: Callable[[], T], *, folder: Path | None = None) -> T:
    """The object stored under ``name-key``, else ``build()`` (stored for next time when possible)."""
    path = (folder or cache_dir()) / f"{name}-{key}.pickle"
    if path.is_file():
        try:
            gc.disable()  # unpickling ~100,000 small objects otherwise triggers collection after collection
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError):
            pass  # torn or from another version of the code: rebuild
        finally:
            gc.enable()
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        # keep the few most recent builds (ours, and the user's dictionaries), drop stale ones
        builds = sorted(path.parent.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in builds[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
    return value


__all__ = ["cached", "digest", "FORMAT"]
