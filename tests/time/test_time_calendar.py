"""Calendar conventions of the time stage, checked without the spaCy model."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.time import calendar as cal

MONDAY = date(2016, 12, 19)


@pytest.mark.parametrize(
    ("weekday", "published", "expected"),
    [
        (6, MONDAY, date(2016, 12, 18)),  # Sunday in a Monday article: the day before
        (0, MONDAY, MONDAY),  # the publication weekday is the publication day
        (1, MONDAY, date(2016, 12, 13)),  # Tuesday: last week's
        (6, date(2017, 1, 1), date(2017, 1, 1)),  # Sunday on a Sunday
        (5, date(2017, 1, 1), date(2016, 12, 31)),  # across the year boundary
    ],
)
def test_calendar_weekday_on_or_before(weekday: int, published: date, expected: date) -> None:
    assert cal.weekday_on_or_before(weekday, published) == expected


@pytest.mark.parametrize(
    ("month", "published", "future", "year"),
    [
        (12, date(2017, 1, 10), False, 2016),  # "in December" in a January article
        (1, date(2017, 1, 10), False, 2017),  # the publication month itself
        (3, date(2016, 12, 19), False, 2016),
        (3, date(2016, 12, 19), True, 2017),  # "will resume in March"
        (12, date(2016, 12, 19), True, 2016),
    ],
)
def test_calendar_year_for_month(month: int, published: date, future: bool, year: int) -> None:
    assert cal.year_for_month(month, published, future=future) == year


def test_calendar_shift_clamps_month_end() -> None:
    assert cal.shift(date(2016, 3, 31), "month", -1) == date(2016, 2, 29)
    assert cal.shift(date(2016, 2, 29), "year", -1) == date(2015, 2, 28)


def test_calendar_week_of_crosses_year() -> None:
    when = cal.week_of(date(2017, 1, 1))
    assert (when.start, when.end, when.precision) == (date(2016, 12, 26), date(2017, 1, 1), "week")


def test_calendar_narrow_late_february_leap_year() -> None:
    when = cal.narrow(cal.month_of(2016, 2), (21, 31), "month")
    assert (when.start, when.end, when.precision) == (date(2016, 2, 21), date(2016, 2, 29), "range")


def test_calendar_winter_runs_into_next_year() -> None:
    when = cal.season_of(12, 2, 2016)
    assert (when.start, when.end) == (date(2016, 12, 1), date(2017, 2, 28))
