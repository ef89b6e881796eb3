"""Article-level evidence for undated reports: two articles telling one story merge, similar incidents do not.

The articles are ours, run through the real pipeline and stored in a real
DuckDB (in memory, or a file reopened to check what the store rebuilds).
"""

from __future__ import annotations

import pytest

from tidings.store import open_store
from tidings.store.merge import article_story, load_rules
from tidings.store.merge_story import TermCounts, story_similarity, story_terms, trigger_key

DAYTON_A = ("A gunman opened fire at the Kessler Logistics warehouse in Dayton, killing three workers, police said. "
            "The suspect, identified as Martin Oakes, 41, was arrested at the scene. Shift manager Dana Whitfield "
            "was among the dead.")
DAYTON_B = ("Three people were shot dead at the Kessler Logistics warehouse in Dayton, Ohio. Police arrested "
            "Martin Oakes, 41, a former employee. Among the dead was shift manager Dana Whitfield, colleagues said.")
TOLEDO = ("A gunman opened fire at the Brennan Freight depot in Toledo, killing three workers, police said. "
          "The suspect, identified as Luis Ferraro, 35, was arrested at the scene.")
BAIDOA_MARKET = ("A car bomb exploded at the Bakaara market in Baidoa, killing 12 people, the district commissioner "
                 "Hassan Nur said.")
BAIDOA_AIRPORT = ("A car bomb exploded at a checkpoint near the airport in Baidoa, killing five soldiers, regional "
                  "official Abdi Warsame said.")


@pytest.fixture(scope="module")
def reports(nlp):
    from tidings import extract

    texts = {"dayton_a": (DAYTON_A, "Dayton Daily"), "dayton_b": (DAYTON_B, "WHIO"), "toledo": (TOLEDO, "Toledo Blade"),
             "baidoa_market": (BAIDOA_MARKET, "Garowe Online"), "baidoa_airport": (BAIDOA_AIRPORT, "Radio Dalsan")}
    return {name: extract(text, published=None, outlet=outlet) for name, (text, outlet) in texts.items()}


def _assaults(store) -> list[dict]:
    return store.query("""SELECT e.id, e.n_reports, e.n_articles, e.n_sources,
                                 list(r.trigger ORDER BY r.trigger) AS triggers
                          FROM events e JOIN event_reports r ON r.event_id = e.id
                          WHERE e.type = 'ASSAULT' GROUP BY ALL ORDER BY e.id""")


def test_merge_story_undated_reports_of_one_shooting_are_one_event_with_two_sources(reports):
    with open_store(None) as store:
        for name in ("dayton_a", "dayton_b", "toledo"):
            store.add_report(reports[name])
        assaults = _assaults(store)
    dayton = [e for e in assaults if e["n_reports"] == 2]
    assert len(dayton) == 1, assaults
    assert dayton[0]["n_articles"] == 2 and dayton[0]["n_sources"] == 2  # two outlets on their own account
    assert sorted(dayton[0]["triggers"]) == ["opened fire", "shot"]
    # the same kind of shooting in Toledo, undated too: another event
    assert len(assaults) == 2


def test_merge_story_undated_bombings_in_one_city_stay_apart(reports):
    with open_store(None) as store:
        for name in ("dayton_a", "toledo", "baidoa_market", "baidoa_airport"):
            store.add_report(reports[name])
        baidoa = [e for e in _assaults(store) if e["triggers"] == ["bomb"]]
    # one shared word (the city) is the place, not a story: names and tolls differ
    assert len(baidoa) == 2 and all(e["n_reports"] == 1 for e in baidoa)


def test_merge_story_dated_bombings_a_week_apart_stay_apart(nlp):
    from tidings import extract

    first = extract(BAIDOA_MARKET.replace("killing", "on Saturday, killing"), published="2023-03-05",
                    outlet="Garowe Online")
    again = extract(BAIDOA_MARKET.replace("killing 12", "on Saturday, killing 9"), published="2023-03-12",
                    outlet="Radio Dalsan")
    with open_store(None) as store:
        store.add_report(first)
        store.add_report(again)
        assert len(_assaults(store)) == 2


def test_merge_story_a_reopened_store_still_links_the_story(tmp_path, reports):
    path = tmp_path / "story.duckdb"
    with open_store(path) as store:
        store.add_report(reports["dayton_a"])
        store.add_report(reports["toledo"])
    with open_store(path) as store:  # views rebuilt from the tables: stories from the stored article texts
        added = store.add_report(reports["dayton_b"])
        assert added.events_merged == 2  # the shooting and the arrest
        assert sorted(e["n_reports"] for e in _assaults(store)) == [1, 2]


def test_merge_story_terms_are_rare_names_and_numbers():
    generic = load_rules().generic_names
    terms = story_terms("Police said Martin Oakes, 41, shot 3 people at Kessler Logistics.\nThe Suspect fled.", generic)
    assert {"martin", "oakes", "kessler", "logistics", "#41", "#3"} <= terms
    assert "police" not in terms and "the" not in terms and "suspect" not in terms  # sentence-initial or generic
    assert article_story(DAYTON_A) == story_terms(DAYTON_A, generic)


def test_merge_story_similarity_weighs_terms_by_rarity():
    counts = TermCounts()
    a, b = frozenset({"baidoa", "bakaara", "nur"}), frozenset({"baidoa", "bakaara", "warsame"})
    c = frozenset({"baidoa", "airport", "abdi"})
    for key, terms in (("a", a), ("b", b), ("c", c), ("d", frozenset({"baidoa", "mogadishu"}))):
        counts.add(key, terms)
    assert counts.weight("baidoa") < counts.weight("bakaara")  # in every article: weighs (nearly) nothing
    assert story_similarity(a, b, counts) > story_similarity(a, c, counts)
    assert story_similarity(a, c, counts, min_shared=2) == 0.0  # one shared word is no story
    assert counts.similarity("a", frozenset(), "b", frozenset()) == pytest.approx(story_similarity(a, b, counts))


@pytest.mark.parametrize("trigger, key", [
    ("killed", "kill"), ("killing", "kill"), ("kills", "kill"), ("shooting", "shoot"), ("opened fire", "fire"),
    ("stopped", "stop"), ("Killed", "kill"), ("bodies", "body"),
])
def test_merge_story_trigger_key_strips_inflection(trigger, key):
    assert trigger_key(trigger) == key


def _view(article: str, place_id: str, country: str, lat: float, lon: float, story: frozenset[str], *,
          precision: str = "city", name: str = "vancouver"):
    from tidings.store.merge import EventView

    return EventView(key=f"{article}:e0", article_id=article, type="ASSAULT", family="force", status_group="realis",
                     actors=frozenset(), recipients=frozenset(), lo=None, hi=None, precision=None, lat=lat, lon=lon,
                     country=country, place_precision=precision, place_id=place_id, evidence="A gunman opened fire.",
                     story=story, trigger="fire", mode="firearms", place_name=name)


def test_merge_story_one_toponym_read_two_ways_is_one_place_only_within_one_story():
    from tidings.store.merge import compare

    story = frozenset({"tallgrass", "kirkpatrick", "vancouver", "#4"})
    counts = TermCounts()
    for key, terms in (("a", story), ("b", story), ("c", frozenset({"vancouver", "troy"})),
                       ("d", frozenset({"oakland", "#12"}))):
        counts.add(key, terms)
    washington = _view("a", "geonames:5814616", "USA", 45.64, -122.66, story)
    canada = _view("b", "geonames:6173331", "CAN", 49.25, -123.12, story)
    assert compare(washington, canada, counts=counts).compatible
    other = _view("c", "geonames:6173331", "CAN", 49.25, -123.12, frozenset({"vancouver", "troy"}))
    result = compare(washington, other, counts=counts)
    assert not result.compatible and "countries differ" in result.conflicts[0]


def test_merge_story_a_coarse_place_yields_only_to_a_city_both_articles_name():
    from tidings.store.merge import compare

    story = frozenset({"tallgrass", "kirkpatrick", "vancouver", "#4"})
    elsewhere = frozenset({"tallgrass", "kirkpatrick", "gaza", "#4"})  # the same names, but no Vancouver
    counts = TermCounts()
    for key, terms in (("a", story), ("b", story), ("c", elsewhere), ("d", frozenset({"troy", "#12"}))):
        counts.add(key, terms)
    city = _view("a", "geonames:5814616", "USA", 45.64, -122.66, story)
    canada = _view("b", "country:CAN", "CAN", 56.0, -106.0, story, precision="country", name="canada")
    assert compare(city, canada, counts=counts).compatible  # "Canada" read near a Vancouver both name
    gaza = _view("c", "region:gaza_strip", "PSE", 31.42, 34.37, elsewhere, precision="region", name="gaza strip")
    result = compare(city, gaza, counts=counts)
    assert not result.compatible and "countries differ" in result.conflicts[0]
