"""US counties get points from the ZIP code table; the cache key follows that table's version."""

from __future__ import annotations

import pytest

from tidings.places.counties import County, county_table
from tidings.places.gazetteer import FORMAT, cache_key, get_gazetteer
from tidings.places.rank import best


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from tidings.evaluate.metrics import haversine_km

    return haversine_km(a[0], a[1], b[0], b[1])


@pytest.fixture(scope="module")
def table() -> dict[tuple[str, str], County]:
    return county_table()


@pytest.mark.parametrize(
    ("state", "county", "near"),
    [
        ("LA", "rapides parish", (31.31, -92.45)),  # Alexandria, its seat
        ("WV", "kanawha county", (38.35, -81.63)),  # Charleston
        ("TX", "walker county", (30.72, -95.55)),  # Huntsville
    ],
)
def test_counties_point_lies_near_its_seat(table, state, county, near):
    row = table[(state, county)]
    assert _km((row.lat, row.lon), near) < 40


def test_counties_know_their_towns(table):
    assert "huntsville" in table[("TX", "walker county")].towns
    assert "huntsville" not in table[("AL", "walker county")].towns
    assert "paris" in table[("TN", "henry county")].towns


def test_counties_every_state_county_of_the_gazetteer_has_a_point():
    gaz = get_gazetteer()
    counties = [e for e in gaz.entries if e.kind == "county"]
    assert len(counties) > 3000
    placed = sum(1 for e in counties if e.lat is not None)
    assert placed / len(counties) > 0.99


def test_counties_same_name_in_several_states_each_keep_their_own_point():
    cands = get_gazetteer().lookup("Douglas County")
    by_state = {c.entry.admin1: (c.entry.lat, c.entry.lon) for c in cands}
    assert {"US.MN", "US.GA", "US.CO"} <= set(by_state)
    assert _km(by_state["US.MN"], by_state["US.GA"]) > 1000
    assert by_state["US.GA"] is not None
    # "Douglas County" in a Minnesota story: the division named in the story decides
    assert best(cands, {"USA": 1.0}, frozenset({"US.MN"})).entry.admin1 == "US.MN"


def test_counties_cache_key_names_the_zip_table_and_format():
    key = cache_key()
    assert f"f{FORMAT}-" in key and "-zip" in key and "-zip?" not in key


def test_counties_a_county_and_a_town_in_it_decide_each_other(run):
    report = run("Deputies said a Huntsville man was shot Tuesday near the Walker County fairgrounds.")
    found = {p.name: p.admin1 for p in report.places}
    assert found.get("Huntsville") == "US.TX" and found.get("Walker County") == "US.TX"


def test_counties_a_county_name_in_many_states_names_no_state():
    from tidings.places.resolve import Looked, named_admin1s

    cands = get_gazetteer().lookup("Henry County")
    assert len({c.entry.admin1 for c in cands}) > 5
    assert named_admin1s([Looked(0, 2, "ner", cands)]) == frozenset()
