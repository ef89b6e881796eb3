import pytest

from tidings.places.rank import best, confident_country, ranked, score, shares


def _ids(gaz, name, context=None, admin1s=frozenset()):
    choice = best(gaz.lookup(name), context, admin1s)
    return choice.entry.id if choice else None


def test_rank_tripoli_without_context_is_the_bigger_city(tiny_gazetteer):
    assert _ids(tiny_gazetteer, "Tripoli") == "geonames:2210247"


@pytest.mark.parametrize(
    ("context", "expected"),
    [({"LBN": 1.0}, "geonames:266826"), ({"LBY": 1.0}, "geonames:2210247"),
     ({"LBN": 0.7, "LBY": 0.3}, "geonames:266826")],
)
def test_rank_tripoli_follows_the_article_country(tiny_gazetteer, context, expected):
    assert _ids(tiny_gazetteer, "Tripoli", context) == expected


@pytest.mark.parametrize(("context", "expected"), [(None, "geonames:281102"), ({"EGY": 1.0}, "geonames:350350")])
def test_rank_rafah_defaults_to_gaza_and_follows_egypt(tiny_gazetteer, context, expected):
    assert _ids(tiny_gazetteer, "Rafah", context) == expected


def test_rank_country_beats_small_homonym_city(tiny_gazetteer):
    assert _ids(tiny_gazetteer, "Lebanon") == "country:LBN"
    assert confident_country(tiny_gazetteer.lookup("Lebanon")) == "LBN"


def test_rank_own_name_beats_bigger_city_with_old_alternate_name(tiny_gazetteer):
    assert _ids(tiny_gazetteer, "Islamabad") == "geonames:1176615"


def test_rank_curated_spelling_and_gaza_means_the_strip(tiny_gazetteer):
    assert _ids(tiny_gazetteer, "Hodeidah") == "geonames:79415"
    assert _ids(tiny_gazetteer, "Gaza") == "region:gaza_strip"


def test_rank_alternate_name_of_small_town_is_not_emitted(tiny_gazetteer):
    assert _ids(tiny_gazetteer, "Hamas") is None


def test_rank_named_state_picks_its_city(tiny_gazetteer):
    assert _ids(tiny_gazetteer, "Springfield") == "geonames:4409896"
    assert _ids(tiny_gazetteer, "Springfield", {"USA": 1.0}, frozenset({"US.IL"})) == "geonames:4250542"


def test_rank_ambiguous_toponym_is_no_evidence(tiny_gazetteer):
    assert confident_country(tiny_gazetteer.lookup("Tripoli")) is None
    assert confident_country(tiny_gazetteer.lookup("Rafah")) is None
    assert confident_country(tiny_gazetteer.lookup("Egypt")) == "EGY"


def test_rank_scores_are_ordered_and_shares_sum_to_one(tiny_gazetteer):
    order = ranked(tiny_gazetteer.lookup("Tripoli"))
    assert [s for s, _ in order] == sorted((s for s, _ in order), reverse=True)
    assert score(order[0][1], {"LBY": 1.0}) > score(order[0][1])
    assert sum(shares({"EGY": 2, "PSE": 1}).values()) == pytest.approx(1.0)
    assert shares({}) == {}
