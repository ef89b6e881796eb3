import pytest

from tidings.places import country_place
from tidings.places.resolve import main_country_of


@pytest.mark.parametrize(
    ("weights", "order", "expected"),
    [({}, [], None), ({"EGY": 2, "PSE": 1}, ["PSE", "EGY"], "EGY"), ({"EGY": 1, "PSE": 1}, ["PSE", "EGY"], "PSE")],
)
def test_context_main_country_of_weights(weights, order, expected):
    assert main_country_of(weights, order) == expected


def test_context_country_place_is_country_precision():
    place = country_place("egy")
    assert place is not None
    assert (place.id, place.country, place.precision) == ("country:EGY", "EGY", "country")
    assert 20 < place.lat < 32 and 25 < place.lon < 36
    assert place.mentions == []
    assert country_place("QQQ") is None


def test_context_person_nouns_data_follows_its_schema():
    import jsonschema

    from tidings.resources import load_schema, load_yaml

    jsonschema.validate(load_yaml("person_nouns.yaml"), load_schema("person_nouns.schema.json"))


@pytest.mark.parametrize(
    ("text", "place", "home"),
    [
        ("A Salem man was shot in Beverly.", "Salem", True),
        ("Jane Roe of Ashdown was shot in Beverly.", "Ashdown", True),
        ("A Salem man was shot in Beverly.", "Beverly", False),
        ("Salem residents were shot in Beverly.", "Salem", False),  # several people: may be where they were hurt
        ("A Beverly store was robbed.", "Beverly", False),  # a store is no person
    ],
)
def test_context_residence_mention(nlp, text, place, home):
    from tidings.places.context import residence_mention

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"):
            doc = proc(doc)
    start = text.index(place)
    span = doc.char_span(start, start + len(place))
    assert residence_mention(doc, span.start, span.end) is home


def _town(pid: str, country: str, admin1: str | None, precision: str = "city", within: str | None = None,
          kind: str | None = None):
    from tidings.model import Place

    return Place(id=pid, name=pid, country=country, lat=0.0, lon=0.0, precision=precision, admin1=admin1,
                 within=within, kind=kind)


def test_context_stray_town_far_from_the_dateline():
    from tidings.places.context import stray_places

    dateline = _town("milwaukee", "USA", "US.WI")
    named = [dateline, _town("hampton", "USA", "US.VA"), _town("elm_street", "USA", "US.VA", within="hampton"),
             _town("nancy", "FRA", "FR.44"), _town("waukesha", "USA", "US.WI")]
    assert stray_places(dateline, named) == {"hampton", "elm_street", "nancy"}


def test_context_town_backed_by_its_state_or_without_dateline_is_not_stray():
    from tidings.places.context import stray_places

    dateline = _town("washington", "USA", "US.DC")
    named = [dateline, _town("charleston", "USA", "US.SC"), _town("south_carolina", "USA", "US.SC", "region"),
             _town("iraq", "IRQ", None, "country")]
    assert stray_places(dateline, named) == frozenset()
    assert stray_places(None, [_town("hampton", "USA", "US.VA")]) == frozenset()
    # outside the US a division is a country: Basra beside a Baghdad dateline is at home
    assert stray_places(_town("baghdad", "IRQ", "IQ.07"), [_town("basra", "IRQ", "IQ.02")]) == frozenset()


def test_context_state_narrowed_to_the_first_town_or_county_named_inside():
    from tidings.places.context import narrowed_to_named_inside

    state = _town("pa", "USA", "US.PA", "region", kind="us_state")
    county = _town("monroe_county", "USA", "US.PA", "region", kind="county")
    places = {p.id: p for p in (state, _town("trenton", "USA", "US.NJ"), _town("main_st", "USA", "US.PA", within="x"),
                                _town("stroudsburg", "USA", "US.PA"), county)}
    order = ["trenton", "pa", "main_st", "stroudsburg", "monroe_county"]
    assert narrowed_to_named_inside("pa", places, order) == "stroudsburg"
    assert narrowed_to_named_inside("pa", places, order, frozenset({"stroudsburg"})) == "monroe_county"
    assert narrowed_to_named_inside("trenton", places, order) == "trenton"  # a town stays
    assert narrowed_to_named_inside("pa", places, ["trenton", "pa"]) == "pa"  # nothing named inside
