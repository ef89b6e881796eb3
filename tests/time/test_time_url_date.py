"""Dates written in an article's address (no model)."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.time.url_date import date_in_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://x.org/news/2016/03/02/a", date(2016, 3, 2)),
        ("http://x.org/article/20090320/NEWS01/1", date(2009, 3, 20)),
        ("http://x.org/2015-12-20/story", date(2015, 12, 20)),
        ("http://x.org/news/2016/jan/26/girl-shot/", date(2016, 1, 26)),
        ("http://x.org/news/2015/feb/31/", None),
        ("http://x.org/story/31073042/armed", None),
        (None, None),
    ],
)
def test_time_date_in_url(url, expected):
    assert date_in_url(url) == expected


def test_time_url_date_is_read_from_the_path_not_the_query() -> None:
    assert date_in_url("https://news.example.com/story.php?id=20150612") is None
    assert date_in_url("https://news.example.com/2015/06/12/story.html?ref=20160101") == date(2015, 6, 12)
