"""Calendar arithmetic for news dates: weeks run Monday–Sunday, the past is preferred.

Pure functions over :class:`datetime.date`; every convention a reader might
question (which week, which year a bare month falls in) is decided here once.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

from tidings.model import When


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, _cal.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day(d: date) -> When:
    return When(d, d, "day")


def week_of(d: date) -> When:
    """The Monday–Sunday week containing ``d``."""
    monday = d - timedelta(days=d.weekday())
    return When(monday, monday + timedelta(days=6), "week")


def month_of(year: int, month: int) -> When:
    return When(date(year, month, 1), month_end(year, month), "month")


def year_of(year: int) -> When:
    return When(date(year, 1, 1), date(year, 12, 31), "year")


def span(start: date, end: date) -> When:
    return When(start, end, "range")


def year_for_month(month: int, published: date, *, future: bool = False) -> int:
    """The year of a month named without one: the most recent such month not after publication.

    "in December" in a January 2017 article is December 2016; the publication
    month itself counts as the most recent. With ``future`` (the verb is in the
    future tense) it is the next such month on or after the publication month.
    """
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def weekday_on_or_before(weekday: int, published: date) -> date:
    """The most recent ``weekday`` (0 = Monday) on or before publication (the day itself if it matches)."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def weekday_before(weekday: int, published: date) -> date:
    """The most recent ``weekday`` strictly before publication ("last Sunday" on a Sunday is a week ago)."""
    back = (published.weekday() - weekday) % 7 or 7
    return published - timedelta(days=back)


def weekday_after(weekday: int, published: date, *, strict: bool = True) -> date:
    """The next ``weekday`` after publication (on or after when not ``strict``)."""
    ahead = (weekday - published.weekday()) % 7
    if ahead == 0 and strict:
        ahead = 7
    return published + timedelta(days=ahead)


def one_year_before(d: date) -> date:
    """The same calendar day a year earlier (28 February for 29 February)."""
    return safe_date(d.year - 1, d.month, d.day) or date(d.year - 1, d.month, 28)


def shift(d: date, unit: str, amount: int) -> date:
    """``d`` moved by ``amount`` units (day, week, fortnight, month, year, decade); clamps month ends."""
    if unit == "day":
        return d + timedelta(days=amount)
    if unit == "week":
        return d + timedelta(weeks=amount)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * amount)
    if unit == "hour":
        return d + timedelta(days=-((-amount) // 24) if amount < 0 else amount // 24)
    months = {"month": 1, "year": 12, "decade": 120}[unit] * amount
    y, m = add_months(d.year, d.month, months)
    return date(y, m, min(d.day, month_end(y, m).day))


def unit_containing(d: date, unit: str) -> When:
    """The calendar unit (day, week, month, year, decade) that contains ``d``."""
    if unit in ("day", "hour"):
        return day(d)
    if unit in ("week", "fortnight"):
        return week_of(d)
    if unit == "month":
        return month_of(d.year, d.month)
    if unit == "year":
        return year_of(d.year)
    start = d.year - d.year % 10
    return span(date(start, 1, 1), date(start + 9, 12, 31))


def narrow(whole: When, part: tuple[int, int], unit: str) -> When:
    """The early/mid/late part of a month (days), year (months) or decade (years): precision "range"."""
    lo, hi = part
    if unit == "month":
        last = whole.end.day
        return span(whole.start.replace(day=min(lo, last)), whole.start.replace(day=min(hi, last)))
    if unit == "year":
        y = whole.start.year
        return span(date(y, lo, 1), month_end(y, hi))
    y0 = whole.start.year
    return span(date(y0 + lo, 1, 1), date(y0 + hi, 12, 31))


def season_of(first: int, last: int, year: int) -> When:
    """A season starting in ``first`` of ``year`` (winter runs into the next year)."""
    end_year = year + 1 if last < first else year
    return span(date(year, first, 1), month_end(end_year, last))


__all__ = [
    "month_end", "add_months", "safe_date", "day", "week_of", "month_of", "year_of", "span",
    "year_for_month", "weekday_on_or_before", "weekday_before", "weekday_after", "one_year_before",
    "shift", "unit_containing", "narrow", "season_of",
]
