import pytest

from tidings.places.text import fold, is_latin, strip_article, strip_the


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Rafaḩ", "rafah"),
        ("RAFAH", "rafah"),
        ("Deir ez-Zor", "deir ez zor"),
        ("U.S.", "us"),
        ("Ma'rib", "marib"),
        ("  Khān   Yūnis ", "khan yunis"),
    ],
)
def test_text_fold_meets_spellings(name, key):
    assert fold(name) == key


@pytest.mark.parametrize(
    ("key", "bare"),
    [("al arish", "arish"), ("el fasher", "fasher"), ("aleppo", "aleppo"), ("al", "al")],
)
def test_text_strip_article(key, bare):
    assert strip_article(key) == bare


def test_text_strip_the_and_latin():
    assert strip_the("the sinai") == "sinai"
    assert strip_the("theresienstadt") == "theresienstadt"
    assert is_latin("gaza") and not is_latin(fold("غزة"))
