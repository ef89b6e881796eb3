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
