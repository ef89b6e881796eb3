"""The export registry: a format is one module that defines ``FORMATS``; nothing else needs to change.

Every module of :mod:`tidings.export` (other than the shared ones listed in
``_SHARED``) is imported on first use and its ``FORMATS`` tuple registered,
so adding a format means adding one module.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import InputError
from tidings.store.export_queries import Selection, select
from tidings.store.filters import EventFilters
from tidings.store.store import Store

Writer = Callable[[Store, Selection, Path], int]
_SHARED = {"base", "bundle", "mapping"}


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: ``write(store, selection, path)`` writes it and returns how many records it wrote."""

    name: str
    suffix: str
    description: str
    write: Writer
    directory: bool = False  # writes a folder of files (Parquet), so it cannot go to stdout


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What one export wrote."""

    format: str
    path: Path
    records: int
    seconds: float


_REGISTRY: dict[str, Format] = {}
_LOADED = False


def register(fmt: Format) -> Format:
    """Add a format; a second format of the same name is a programming error."""
    if fmt.name in _REGISTRY and _REGISTRY[fmt.name] is not fmt:
        raise ValueError(f"export format {fmt.name!r} is registered twice")
    _REGISTRY[fmt.name] = fmt
    return fmt


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    import tidings.export as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name in _SHARED or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for fmt in getattr(module, "FORMATS", ()):
            register(fmt)
    _LOADED = True


def formats() -> dict[str, Format]:
    """Every registered format by name, sorted."""
    _load()
    return dict(sorted(_REGISTRY.items()))


def get_format(name: str) -> Format:
    """The format called ``name``; InputError listing the known ones otherwise."""
    known = formats()
    try:
        return known[name.lower()]
    except KeyError:
        raise InputError(f"unknown export format {name!r}: choose from {', '.join(known)}") from None


def export(store: Store, format: str, path: str | Path, *, filters: EventFilters | None = None) -> ExportResult:
    """Write the events of ``store`` matching ``filters`` (all by default) to ``path`` in ``format``."""
    fmt = get_format(format)
    target = Path(path)
    if fmt.directory:
        target.mkdir(parents=True, exist_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    records = fmt.write(store, select(store, filters), target)
    return ExportResult(fmt.name, target, records, time.perf_counter() - started)


__all__ = ["Format", "ExportResult", "Writer", "register", "formats", "get_format", "export"]
