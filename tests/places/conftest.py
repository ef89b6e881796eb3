"""Hand-built gazetteers for ranking tests: no package data, no model."""

from __future__ import annotations

import pytest

from tidings.places.entry import ALIAS, ALTERNATE, NAME, PREFERRED, GazEntry
from tidings.places.gazetteer import Gazetteer, from_entries


def city(gid: int, name: str, iso3: str, pop: int, admin1: str | None = None) -> GazEntry:
    return GazEntry(f"geonames:{gid}", name, "city", iso3, admin1, 0.0, 0.0, "city", pop, gid)


def country(iso3: str, name: str) -> GazEntry:
    return GazEntry(f"country:{iso3}", name, "country", iso3, None, 1.0, 1.0, "country", 10**6, None)


def region(rid: str, name: str, iso3: str | None, kind: str = "region") -> GazEntry:
    return GazEntry(f"region:{rid}", name, kind, iso3, None, 2.0, 2.0, "region", 0, None)


@pytest.fixture(scope="session")
def tiny_gazetteer() -> Gazetteer:
    items = [
        (country("LBY", "Libya"), [("Libya", NAME)]),
        (country("LBN", "Lebanon"), [("Lebanon", NAME)]),
        (country("GEO", "Georgia"), [("Georgia", NAME)]),
        (country("EGY", "Egypt"), [("Egypt", NAME)]),
        (city(2210247, "Tripoli", "LBY", 1302947), [("Tripoli", NAME)]),
        (city(266826, "Tripoli", "LBN", 229398), [("Tripoli", NAME)]),
        (city(281102, "Rafah", "PSE", 126305), [("Rafah", NAME)]),
        (city(350350, "Rafah", "EGY", 44215), [("Rafah", NAME)]),
        (city(9001, "Lebanon", "USA", 20000, "US.PA"), [("Lebanon", NAME)]),
        (city(9002, "Chattogram", "BGD", 3920222), [("Chattogram", NAME), ("Islamabad", ALTERNATE)]),
        (city(1176615, "Islamabad", "PAK", 601600), [("Islamabad", NAME)]),
        (city(4409896, "Springfield", "USA", 169176, "US.MO"), [("Springfield", NAME)]),
        (city(4250542, "Springfield", "USA", 116250, "US.IL"), [("Springfield", NAME)]),
        (GazEntry("geonames:4896861", "Illinois", "us_state", "USA", "US.IL", 40.0, -89.0, "region", 0, 4896861),
         [("Illinois", NAME)]),
        (city(9003, "Smallville", "USA", 16000), [("Smallville", NAME), ("Hamas", ALTERNATE)]),
        (city(79415, "Al Hudaydah", "YEM", 734699), [("Al Hudaydah", NAME), ("Hodeidah", PREFERRED)]),
        (region("gaza_strip", "Gaza Strip", "PSE", "territory"), [("Gaza Strip", NAME), ("Gaza", ALIAS)]),
        (city(281133, "Gaza", "PSE", 410000), [("Gaza", NAME)]),
        (region("north_sinai", "North Sinai", "EGY", "province"), [("North Sinai", NAME), ("northern Sinai", ALIAS)]),
    ]
    return from_entries(items, curated_phrases=["Gaza Strip", "North Sinai"], directions=["northern", "southern"])
