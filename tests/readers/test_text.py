from datetime import date
from pathlib import Path

import pytest

from tidings.errors import ArticleNotFound, BadDate, BinaryArticle, EmptyArticle
from tidings.readers.text import article_from_text, read_article, unescape_entities

FRONT = """---
title: Rockets fired at Sderot
outlet: Reuters
byline: null
published: 2016-12-19
url: https://demo.tidings.invalid/x
---
Rockets fired at Sderot
Militants fired two rockets at Sderot on Sunday.
"""


def test_text_front_matter_gives_metadata_and_offsets_start_after_it() -> None:
    article = article_from_text(FRONT)
    assert article.title == "Rockets fired at Sderot"
    assert article.outlet == "Reuters"
    assert article.published == date(2016, 12, 19)
    assert article.text.startswith("Rockets fired at Sderot\nMilitants")


def test_text_title_and_byline_found_in_plain_text() -> None:
    article = article_from_text("Clashes in Tripoli\nBy Jane Doe and John Roe\nFighting broke out on Sunday.")
    assert article.title == "Clashes in Tripoli"
    assert article.byline == "Jane Doe and John Roe"


def test_text_first_line_that_is_a_sentence_is_not_a_title() -> None:
    article = article_from_text("Militants fired two rockets at Sderot.\nNobody was hurt.")
    assert article.title is None


def test_text_explicit_arguments_win_over_front_matter() -> None:
    article = article_from_text(FRONT, published="2017-01-02", outlet="AFP")
    assert article.published == date(2017, 1, 2) and article.outlet == "AFP"


def test_text_html_is_reduced_to_text() -> None:
    html = ("<html><head><title>Strike on convoy</title><script>alert(1)</script></head><body>"
            "<article><h1>Strike on convoy</h1><p>An air strike hit an aid convoy near Aleppo on Monday, "
            "killing twelve people, rescue workers said.</p><p>The convoy was carrying food and medicine "
            "for besieged districts of the city.</p></article></body></html>")
    article = article_from_text(html)
    assert "alert(1)" not in article.text
    assert "air strike hit an aid convoy" in article.text


@pytest.mark.parametrize("value", ["19/12/2016", "yesterday", "2016-13-01"])
def test_text_bad_date_is_refused_with_the_format(value: str) -> None:
    with pytest.raises(BadDate, match="YYYY-MM-DD"):
        article_from_text("Title\nBody text.", published=value)


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFound, match="check the path"):
        read_article(tmp_path / "nope.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\t  \n"])
def test_read_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyArticle):
        read_article(path)


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, b"\x00\x01\x02\x03" * 200])
def test_read_binary_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(content)
    with pytest.raises(BinaryArticle, match="not an article"):
        read_article(path)


def test_read_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Clashes in Tripoli\nThe caf\u00e9 near the port was shelled.".encode("latin-1"))
    article = read_article(path)
    assert "\ufffd" in article.text
    assert article.warnings and "not valid UTF-8" in article.warnings[0]


def test_text_character_references_are_decoded() -> None:
    assert unescape_entities("in Boston&#39;s Back Bay &amp; Fenway, &quot;calm&quot; &#x2014; caf&eacute;") == (
        "in Boston's Back Bay & Fenway, \"calm\" \u2014 café")


def test_text_incomplete_or_unknown_references_stay() -> None:
    assert unescape_entities("AT&T and R&D; &foo; &amp no semicolon") == "AT&T and R&D; &foo; &amp no semicolon"


def test_text_article_text_is_decoded_so_offsets_index_the_decoded_text() -> None:
    article = article_from_text("Man shot in Boston&#39;s Back Bay\nPolice said a man was shot in Boston&#39;s Back Bay.")
    assert "&#39;" not in article.text and article.text.index("Boston's") == 12


def test_text_url_date_stands_in_for_a_missing_publication_date() -> None:
    article = article_from_text("A man was shot on Tuesday.", url="http://news.example/2016/01/27/man-shot/")
    assert article.published == date(2016, 1, 27)
    assert any("date in the URL" in w for w in article.warnings)


def test_text_given_publication_date_beats_the_url() -> None:
    article = article_from_text("A man was shot on Tuesday.", url="http://news.example/2016/01/27/x/",
                                published="2016-01-28")
    assert article.published == date(2016, 1, 28) and not any("URL" in w for w in article.warnings)


def test_text_url_without_a_date_gives_none() -> None:
    assert article_from_text("A man was shot on Tuesday.", url="http://news.example/story/123456/").published is None
