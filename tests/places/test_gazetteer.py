"""The shipped gazetteer: data files, build, cache, and lookups of names news uses."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tidings.errors import DataError
from tidings.places.data import CENTROIDS_PATH, REGIONS_PATH, load_centroids, load_regions
from tidings.places.gazetteer import Gazetteer, _from_payload, _payload, cache_dir, cache_key, load_gazetteer
from tidings.places.rank import best


@pytest.fixture(scope="module")
def cached() -> tuple[Path, Gazetteer]:
    """The user's cache (built once per machine: building reads 200,000 GeoNames places, ~30 s)."""
    folder = cache_dir()
    return folder, load_gazetteer(cache=folder)


def test_gazetteer_regions_file_is_valid_and_large_enough():
    regions = load_regions()
    assert len(regions["regions"]) >= 80
    assert {"northern", "southern"} <= set(regions["directions"])


def test_gazetteer_centroids_cover_countries():
    rows = load_centroids()
    iso3 = {r["iso3"] for r in rows}
    assert len(rows) >= 240 and {"EGY", "PSE", "SYR", "USA", "XKX"} <= iso3


def test_gazetteer_bad_regions_file_raises_data_error(tmp_path):
    bad = tmp_path / "regions.yaml"
    bad.write_text("regions:\n  - {id: Bad Id, name: X, kind: region, country: EGY, lat: 1, lon: 2, precision: region}\n")
    with pytest.raises(DataError, match="regions.yaml"):
        load_regions(bad)


def test_gazetteer_bad_centroid_line_raises_data_error(tmp_path):
    bad = tmp_path / "c.jsonl"
    bad.write_text('{"iso3": "EGY", "name": "Egypt", "lat": 200, "lon": 30}\n')
    with pytest.raises(DataError, match="c.jsonl:1"):
        load_centroids(bad)


def test_gazetteer_cache_loads_fast_and_equal(cached):
    folder, built = cached
    assert list(folder.glob("gazetteer-*.marshal"))
    t0 = time.process_time()  # CPU time: the wall clock of a shared test machine says little
    again = load_gazetteer(cache=folder)
    assert time.process_time() - t0 < 1.0
    assert len(again.entries) == len(built.entries) > 150_000
    assert again.index == built.index and again.directions == built.directions
    for i in (0, len(built.entries) // 2, len(built.entries) - 1):
        assert again.entries[i] == built.entries[i]


def test_gazetteer_columns_round_trip_in_memory(cached):
    _, built = cached
    again = _from_payload(_payload(built))
    assert again.entries == built.entries and again.index == built.index
    assert again.common_words == built.common_words and again.feature_heads == built.feature_heads


def test_gazetteer_changed_data_gets_a_new_cache_key(tmp_path):
    regions = tmp_path / "regions.yaml"
    regions.write_text(REGIONS_PATH.read_text() + "  - {id: zz_test, name: Zztestland, kind: region, country: EGY, lat: 1, lon: 2, precision: region}\n")
    assert cache_key(regions_path=regions, centroids_path=CENTROIDS_PATH) != cache_key()


@pytest.mark.parametrize(
    ("name", "place_id", "iso3"),
    [
        ("the Gaza Strip", "region:gaza_strip", "PSE"),
        ("El Arish", "geonames:361546", "EGY"),
        ("Aleppo", "geonames:170063", "SYR"),
        ("Hodeidah", "geonames:79415", "YEM"),
        ("Sheikh Zuweid", "region:sheikh_zuweid", "EGY"),
        ("Egypt", "country:EGY", "EGY"),
        ("U.S.", "country:USA", "USA"),
        ("the Sinai", "region:sinai_peninsula", "EGY"),
        ("Borno", "region:borno_state", "NGA"),
    ],
)
def test_gazetteer_resolves_news_names(cached, name, place_id, iso3):
    _, gaz = cached
    choice = best(gaz.lookup(name))
    assert choice is not None
    assert (choice.entry.id, choice.entry.country) == (place_id, iso3)


def test_gazetteer_has_no_place_for_nationality_words(cached):
    _, gaz = cached
    assert best(gaz.lookup("Egyptian")) is None


def _small_gazetteer() -> Gazetteer:
    from tidings.places.entry import ALIAS, NAME, GazEntry
    from tidings.places.gazetteer import from_entries

    def city(gid: int, name: str, iso3: str) -> GazEntry:
        return GazEntry(f"geonames:{gid}", name, "city", iso3, None, 0.0, 0.0, "city", 50_000, gid)

    return from_entries([
        (city(1, "Tripoli", "LBY"), [("Tripoli", NAME), ("Tarabulus", ALIAS)]),
        (city(2, "Tripoli", "LBN"), [("Tripoli", NAME)]),
        (city(3, "Arish", "EGY"), [("Arish", NAME)]),
    ])


def test_gazetteer_lookup_gives_a_fresh_list_each_time():
    gaz = _small_gazetteer()
    first = gaz.lookup("Tripoli")
    assert sorted(c.entry.country for c in first) == ["LBN", "LBY"]
    first.clear()  # callers filter and extend what they get
    assert [c.entry.id for c in gaz.lookup("TRIPOLI")] == [c.entry.id for c in gaz.lookup("Tripoli")] != []
    assert gaz.lookup("Tripoli") is not gaz.lookup("Tripoli")
    assert [c.entry.name for c in gaz.lookup("al-Arish")] == ["Arish"]
    assert gaz.lookup("Benghazi") == []


def test_gazetteer_lookup_memo_is_bounded_and_changes_no_answer(monkeypatch):
    import tidings.places.gazetteer as gazetteer

    gaz = _small_gazetteer()
    expected = {name: gaz.lookup(name) for name in ("Tripoli", "Tarabulus", "Arish", "Sirte")}
    monkeypatch.setattr(gazetteer, "LOOKUP_MEMO", 2)
    fresh = _small_gazetteer()
    for _ in range(2):
        for name, candidates in expected.items():
            assert fresh.lookup(name) == candidates
            assert len(fresh._memo) <= 2


def test_gazetteer_equality_ignores_the_lookup_memo():
    used, unused = _small_gazetteer(), _small_gazetteer()
    used.lookup("Tripoli")
    assert used == unused
