"""Datelines glued to a station's call sign, state abbreviations without a dot, and the dateline city as the
finer place of an event whose sentence names only the state or country around it."""

from __future__ import annotations

import pytest

from tidings.model import Place
from tidings.places.context import DATELINE_KEY, WEIGHTS_KEY, narrowed_by_dateline
from tidings.places.dateline import find_dateline, glued_tails


@pytest.mark.parametrize(
    ("text", "city", "qualifier"),
    [
        ("Woman hurt | KSNTTOPEKA – Officers found a woman with a leg wound.", "KSNTTOPEKA", None),
        ("Man charged | WHTM ABC27HARRISBURG, Pa- A 19-year-old man faces charges.", "HARRISBURG", "Pa"),
        ("Man killed | WBFFBALTIMORE (WBFF)- A man was shot Saturday.", "WBFFBALTIMORE", None),
        ("Man hurt | Fox 21DENVER, Colo. (May 2, 2016)-- A man was shot Sunday.", "DENVER", "Colo."),
    ],
)
def test_dateline_hyphen_after_bracket_or_abbreviation(text, city, qualifier):
    found = find_dateline(text)
    assert found is not None
    assert text[found.city[0]:found.city[1]] == city
    assert (text[found.qualifier[0]:found.qualifier[1]] if found.qualifier else None) == qualifier


def test_dateline_agency_hyphen_without_space_is_no_dateline():
    assert find_dateline("Moscow, SANA- Russian jets struck Idlib.") is None


def test_dateline_glued_tails_longest_first():
    word = "CLTVCHICAGO"
    assert [word[k:] for k in glued_tails(word)][:2] == ["LTVCHICAGO", "TVCHICAGO"]
    assert "CHICAGO" in [word[k:] for k in glued_tails(word)]
    assert glued_tails("YORK") == [] and glued_tails("NEW YORK") == []


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Woman hurt on the East Side | KSNTTOPEKA – Officers found a woman with a leg wound after a shooting.",
         "Topeka", "US.KS"),
        ("Man charged | WHTM ABC27HARRISBURG, Pa- A 19-year-old man suspected of firing at a car faces charges.",
         "Harrisburg", "US.PA"),
    ],
)
def test_dateline_glued_city_is_found(nlp, text, name, admin1):
    doc = nlp(text)
    names = {(m.place.name, m.place.admin1) for m in doc._.place_mentions}
    assert (name, admin1) in names
    assert doc.user_data[DATELINE_KEY] is not None
    assert "TR" not in {(m.place.admin1 or "")[:2] for m in doc._.place_mentions}  # "Side" is no Turkish town


def test_dateline_narrows_a_state_to_the_dateline_city(nlp):
    doc = nlp("GREENVILLE, S.C. – A South Carolina man accidentally shot his brother on Sunday.")
    places = {m.place.id: m.place for m in doc._.place_mentions}
    state = next(p for p in places.values() if p.name == "South Carolina")
    city = next(p for p in places.values() if p.name == "Greenville")
    assert narrowed_by_dateline(doc, state.id, places) == city.id
    assert narrowed_by_dateline(doc, city.id, places) == city.id


def test_dateline_does_not_narrow_a_place_that_does_not_hold_it(nlp):
    doc = nlp("FAYETTEVILLE, N.C. – Officers flew to Ohio to question the suspect.")
    places = {m.place.id: m.place for m in doc._.place_mentions}
    ohio = next(p for p in places.values() if p.name == "Ohio")
    assert narrowed_by_dateline(doc, ohio.id, places) == ohio.id
    county = Place("us-county:1", "Cumberland County", "USA", None, None, "region", kind="county", admin1="US.NC")
    assert narrowed_by_dateline(doc, county.id, {**places, county.id: county}) == county.id


def test_main_country_rests_on_kept_places_only(nlp):
    doc = nlp("Officer Hatton said Hatton and Hatton's partner chased the man through Conroe, Texas, on Sunday.")
    weights = doc.user_data[WEIGHTS_KEY]
    assert max(weights, key=weights.get) == "USA"
    assert "LKA" not in weights
