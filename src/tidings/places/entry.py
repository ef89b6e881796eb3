"""One gazetteer entry and how strongly a name points at it.

Entries are plain named tuples so that the cached gazetteer is plain data
(tuples, strings, numbers) and loads fast.
"""

from __future__ import annotations

from typing import NamedTuple

from tidings.model import Place

# How a name key points at an entry, strongest last. PREFERRED is a curated
# spelling of a city ("Hodeidah"); NAME the entry's own name; ALIAS an English
# alias or official name; ALTERNATE one of GeoNames' many alternate names,
# historic ones included ("Islamabad" was an old name of Chattogram).
ALTERNATE = 1
ALIAS = 2
NAME = 3
PREFERRED = 4
QUALITIES = (ALTERNATE, ALIAS, NAME, PREFERRED)

CURATED_KINDS = ("region", "territory", "crossing", "feature", "province", "border_area", "town", "continent")
# A city at least this big is a "sizeable" place: its name alone is evidence of a place.
STRONG_POPULATION = 15000


class GazEntry(NamedTuple):
    """A place the gazetteer knows: ``kind`` is country, city, us_state, subdivision or a curated kind."""

    id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str
    population: int
    geonameid: int | None

    @property
    def curated(self) -> bool:
        return self.kind in CURATED_KINDS

    def to_place(self) -> Place:
        """A fresh :class:`Place` (mentions empty: the caller fills them)."""
        return Place(
            id=self.id,
            name=self.name,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            precision=self.precision,
            geonameid=self.geonameid,
            admin1=self.admin1,
            kind=self.kind,
        )


class Candidate(NamedTuple):
    """An entry a toponym may mean, with the strongest way its text names it."""

    entry: GazEntry
    quality: int


__all__ = ["GazEntry", "Candidate", "STRONG_POPULATION", "ALTERNATE", "ALIAS", "NAME", "PREFERRED", "QUALITIES", "CURATED_KINDS"]
