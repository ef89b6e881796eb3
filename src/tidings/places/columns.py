"""The gazetteer's on-disk form: columns, so that loading 200,000 places costs a fraction of a second.

Unpickling 200,000 tuples and a 300,000-key dict of tuples took 1.5 s of CPU;
here strings are stored joined (one ``str.split`` each), numbers as
``array`` bytes, repeated small strings (kind, country, admin1, precision) as
codes into short tables, and the name index as joined keys plus packed ints
(a negative int points into a side table for the few keys that mean several
places). A :class:`GazEntry` is made only when a lookup asks for one.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator, Sequence
from typing import Any

from tidings.places.entry import GazEntry

SEP = "\x1f"
_STR_COLUMNS = ("id", "name")
_CODED = ("kind", "country", "admin1", "precision")


class Entries(Sequence[GazEntry]):
    """Read-only entries over columns; ``entries[i]`` builds the record."""

    __slots__ = ("ids", "names", "codes", "tables", "lat", "lon", "population", "geonameid")

    def __init__(self, columns: dict[str, Any]) -> None:
        self.ids: list[str] = columns["id"].split(SEP) if columns["id"] else []
        self.names: list[str] = columns["name"].split(SEP) if columns["name"] else []
        self.tables: dict[str, list[str | None]] = {k: list(columns["tables"][k]) for k in _CODED}
        self.codes: dict[str, array[int]] = {k: _array("I", columns["codes"][k]) for k in _CODED}
        self.lat = _array("d", columns["lat"])
        self.lon = _array("d", columns["lon"])
        self.population = _array("q", columns["population"])
        self.geonameid = _array("q", columns["geonameid"])

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i: int) -> GazEntry:  # type: ignore[override]
        lat, lon, gid = self.lat[i], self.lon[i], self.geonameid[i]
        t, c = self.tables, self.codes
        return GazEntry(
            self.ids[i], self.names[i], t["kind"][c["kind"][i]] or "", t["country"][c["country"][i]],
            t["admin1"][c["admin1"][i]], None if math.isnan(lat) else lat, None if math.isnan(lon) else lon,
            t["precision"][c["precision"][i]] or "", self.population[i], gid or None,
        )

    def __iter__(self) -> Iterator[GazEntry]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))


def _array(code: str, data: bytes) -> array[Any]:
    out = array(code)
    out.frombytes(data)
    return out


def to_columns(entries: Sequence[GazEntry]) -> dict[str, Any]:
    """Entries as plain columns (strings, bytes, lists of strings) that :mod:`marshal` writes fast."""
    tables: dict[str, list[str | None]] = {k: [] for k in _CODED}
    seen: dict[str, dict[str | None, int]] = {k: {} for k in _CODED}
    codes: dict[str, array[int]] = {k: array("I") for k in _CODED}
    lat, lon, pop, gid = array("d"), array("d"), array("q"), array("q")
    for e in entries:
        for k in _CODED:
            value = getattr(e, k)
            code = seen[k].get(value)
            if code is None:
                code = seen[k][value] = len(tables[k])
                tables[k].append(value)
            codes[k].append(code)
        lat.append(math.nan if e.lat is None else e.lat)
        lon.append(math.nan if e.lon is None else e.lon)
        pop.append(int(e.population))
        gid.append(int(e.geonameid or 0))
    return {
        "id": SEP.join(e.id for e in entries), "name": SEP.join(e.name for e in entries),
        "tables": {k: list(v) for k, v in tables.items()}, "codes": {k: v.tobytes() for k, v in codes.items()},
        "lat": lat.tobytes(), "lon": lon.tobytes(), "population": pop.tobytes(), "geonameid": gid.tobytes(),
    }


def index_to_columns(index: dict[str, int | tuple[int, ...]]) -> dict[str, Any]:
    """The name index as joined keys, one packed int per key, and a side table of multi-entry keys."""
    keys = list(index)
    values = array("q")
    multi: list[tuple[int, ...]] = []
    for key in keys:
        v = index[key]
        if isinstance(v, tuple):
            multi.append(v)
            values.append(-len(multi))
        else:
            values.append(v)
    return {"keys": SEP.join(keys), "values": values.tobytes(), "multi": multi}


def index_from_columns(data: dict[str, Any]) -> dict[str, int | tuple[int, ...]]:
    """Back to ``key -> int | tuple``; a negative value -k stands for ``multi[k - 1]``."""
    keys = data["keys"].split(SEP) if data["keys"] else []
    values: list[int | tuple[int, ...]] = list(_array("q", data["values"]).tolist())
    multi = data["multi"]
    index = dict(zip(keys, values))
    for key, v in index.items():
        if isinstance(v, int) and v < 0:
            index[key] = tuple(multi[-v - 1])
    return index


__all__ = ["Entries", "to_columns", "index_to_columns", "index_from_columns", "SEP"]
