"""Resolution of expression tokens against a publication date, without the spaCy model."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.time import NO_PUBLISHED, load_lexicon, resolve, resolve_holiday, toks

MONDAY = date(2016, 12, 19)  # a Monday
JANUARY = date(2017, 1, 4)  # a Wednesday, just after a year boundary
D = date.fromisoformat


def value(kind: str, text: str, published: date | None, *, future: bool = False) -> tuple[str, str, str] | None:
    when, reason = resolve(load_lexicon(), kind, toks(text.split()), published, future=future)
    assert (when is None) != (reason is None)
    return (when.start.isoformat(), when.end.isoformat(), when.precision) if when else None


@pytest.mark.parametrize(
    ("kind", "text", "published", "expected"),
    [
        ("calendar", "19 December 2016", None, ("2016-12-19", "2016-12-19", "day")),
        ("calendar", "Dec. 19 , 2016", None, ("2016-12-19", "2016-12-19", "day")),
        ("calendar", "December 19", MONDAY, ("2016-12-19", "2016-12-19", "day")),
        ("calendar", "December", JANUARY, ("2016-12-01", "2016-12-31", "month")),
        ("calendar", "August", MONDAY, ("2016-08-01", "2016-08-31", "month")),
        ("calendar", "late February", MONDAY, ("2016-02-21", "2016-02-29", "range")),
        ("calendar", "mid - March", MONDAY, ("2016-03-11", "2016-03-20", "range")),
        ("calendar", "early 2015", None, ("2015-01-01", "2015-04-30", "range")),
        ("calendar", "2014", None, ("2014-01-01", "2014-12-31", "year")),
        ("calendar", "the end of March 2015", None, ("2015-03-21", "2015-03-31", "range")),
        ("calendar", "summer of 2014", None, ("2014-06-01", "2014-08-31", "range")),
        ("numeric", "2016 - 12 - 19", None, ("2016-12-19", "2016-12-19", "day")),
        ("numeric", "19/12/2016", None, ("2016-12-19", "2016-12-19", "day")),
        ("weekday", "Sunday", MONDAY, ("2016-12-18", "2016-12-18", "day")),
        ("weekday", "Monday night", MONDAY, ("2016-12-19", "2016-12-19", "day")),
        ("weekday", "Sunday", D("2016-12-18"), ("2016-12-18", "2016-12-18", "day")),  # Sunday on a Sunday
        ("weekday", "last Tuesday", MONDAY, ("2016-12-13", "2016-12-13", "day")),
        ("weekday", "last Monday", MONDAY, ("2016-12-12", "2016-12-12", "day")),
        ("weekday", "next Friday", MONDAY, ("2016-12-23", "2016-12-23", "day")),
        ("weekday", "Saturday", JANUARY, ("2016-12-31", "2016-12-31", "day")),
        ("day_word", "today", MONDAY, ("2016-12-19", "2016-12-19", "day")),
        ("day_word", "yesterday", JANUARY, ("2017-01-03", "2017-01-03", "day")),
        ("day_word", "tonight", MONDAY, ("2016-12-19", "2016-12-19", "day")),
        ("day_word", "last night", D("2017-01-01"), ("2016-12-31", "2016-12-31", "day")),
        ("deictic_unit", "last week", MONDAY, ("2016-12-12", "2016-12-18", "week")),
        ("deictic_unit", "last week", JANUARY, ("2016-12-26", "2017-01-01", "week")),
        ("deictic_unit", "this week", MONDAY, ("2016-12-19", "2016-12-25", "week")),
        ("deictic_unit", "last month", JANUARY, ("2016-12-01", "2016-12-31", "month")),
        ("deictic_unit", "last year", MONDAY, ("2015-01-01", "2015-12-31", "year")),
        ("deictic_unit", "earlier this month", MONDAY, ("2016-12-01", "2016-12-19", "month")),
        ("deictic_unit", "earlier this year", MONDAY, ("2016-01-01", "2016-12-19", "year")),
        ("deictic_unit", "later this month", MONDAY, ("2016-12-19", "2016-12-31", "month")),
        ("deictic_unit", "the end of last year", MONDAY, ("2015-09-01", "2015-12-31", "range")),
        ("deictic_unit", "last weekend", MONDAY, ("2016-12-17", "2016-12-18", "range")),
        ("deictic_unit", "last summer", MONDAY, ("2016-06-01", "2016-08-31", "range")),
        ("ago", "two days ago", MONDAY, ("2016-12-17", "2016-12-17", "day")),
        ("ago", "three weeks ago", MONDAY, ("2016-11-28", "2016-12-04", "week")),
        ("ago", "a week ago", MONDAY, ("2016-12-12", "2016-12-18", "week")),
        ("ago", "two years ago", MONDAY, ("2014-01-01", "2014-12-31", "year")),
        ("ago", "48 hours ago", MONDAY, ("2016-12-17", "2016-12-17", "day")),
        ("past_span", "the past year", MONDAY, ("2015-12-19", "2016-12-19", "range")),
        ("past_span", "the last three months", MONDAY, ("2016-09-19", "2016-12-19", "range")),
        ("decade", "the 1990s", None, ("1990-01-01", "1999-12-31", "range")),
        ("decade", "the mid-1990s", None, ("1994-01-01", "1996-12-31", "range")),
        ("decade", "the early 2000s", None, ("2000-01-01", "2003-12-31", "range")),
        ("decade", "the ' 90s", MONDAY, ("1990-01-01", "1999-12-31", "range")),
        ("since", "since 2014", MONDAY, ("2014-01-01", "2016-12-19", "range")),
        ("since", "since March", MONDAY, ("2016-03-01", "2016-12-19", "range")),
        ("range", "between May and July", MONDAY, ("2016-05-01", "2016-07-31", "range")),
        ("range", "between November and February", D("2017-03-10"), ("2016-11-01", "2017-02-28", "range")),
        ("range", "from 2014 to 2016", None, ("2014-01-01", "2016-12-31", "range")),
        ("range", "2014 - 2016", None, ("2014-01-01", "2016-12-31", "range")),
        ("range", "May 5 - 7", MONDAY, ("2016-05-05", "2016-05-07", "range")),
        ("range", "from Monday to Wednesday", D("2016-12-22"), ("2016-12-19", "2016-12-21", "range")),
    ],
)
def test_resolve_forms(kind: str, text: str, published: date | None, expected: tuple[str, str, str]) -> None:
    assert value(kind, text, published) == expected


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("weekday", "Sunday"),
        ("calendar", "December"),
        ("calendar", "December 19"),
        ("deictic_unit", "last week"),
        ("ago", "two days ago"),
        ("past_span", "the past year"),
        ("day_word", "yesterday"),
    ],
)
def test_resolve_relative_needs_publication_date(kind: str, text: str) -> None:
    when, reason = resolve(load_lexicon(), kind, toks(text.split()), None)
    assert when is None and reason == NO_PUBLISHED


def test_resolve_since_without_publication_date_has_reason() -> None:
    when, reason = resolve(load_lexicon(), "since", toks(["since", "2014"]), None)
    assert when is None and "since" in (reason or "")


@pytest.mark.parametrize(
    ("kind", "text", "published", "expected"),
    [
        ("weekday", "Sunday", MONDAY, ("2016-12-25", "2016-12-25", "day")),  # "will meet on Sunday"
        ("calendar", "March", MONDAY, ("2017-03-01", "2017-03-31", "month")),
        ("weekday", "Monday", MONDAY, ("2016-12-19", "2016-12-19", "day")),
    ],
)
def test_resolve_future_tense_looks_ahead(kind: str, text: str, published: date, expected: tuple) -> None:
    assert value(kind, text, published, future=True) == expected


@pytest.mark.parametrize(
    ("kind", "text", "fragment"),
    [
        ("ago", "a few days ago", "vague"),
        ("ago", "several years ago", "vague"),
        ("past_span", "the past months", "vague"),
        ("numeric", "05/06/2016", "ambiguous"),
        ("calendar", "February 30 2016", "no such date"),
    ],
)
def test_resolve_refuses_with_reason(kind: str, text: str, fragment: str) -> None:
    when, reason = resolve(load_lexicon(), kind, toks(text.split()), MONDAY)
    assert when is None and fragment in (reason or "")


def _holiday(name: str):
    return next(h for h in load_lexicon().holidays if h.name == name)


@pytest.mark.parametrize(
    ("name", "year", "published", "expected"),
    [
        ("ramadan", None, MONDAY, ("2016-06-06", "2016-07-05", "range")),
        ("ramadan", None, D("2016-05-01"), ("2015-06-18", "2015-07-16", "range")),  # the most recent one
        ("ramadan", 2014, None, ("2014-06-28", "2014-07-27", "range")),
        ("eid_al_fitr", None, MONDAY, ("2016-07-06", "2016-07-06", "day")),
        ("christmas", None, MONDAY, ("2015-12-25", "2015-12-25", "day")),  # the past is preferred
        ("christmas", 2016, None, ("2016-12-25", "2016-12-25", "day")),
    ],
)
def test_resolve_holidays(name: str, year: int | None, published: date | None, expected: tuple) -> None:
    when, reason = resolve_holiday(_holiday(name), year, published)
    assert reason is None and when is not None
    assert (when.start.isoformat(), when.end.isoformat(), when.precision) == expected


def test_resolve_holidays_outside_table_or_undatable() -> None:
    when, reason = resolve_holiday(_holiday("ramadan"), 1980, None)
    assert when is None and "no date in the table" in (reason or "")
    when, reason = resolve_holiday(_holiday("easter"), None, MONDAY)
    assert when is None and reason
    when, reason = resolve_holiday(_holiday("ramadan"), None, None)
    assert when is None and reason == NO_PUBLISHED
