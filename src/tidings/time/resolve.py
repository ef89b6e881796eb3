"""Turn the tokens of a found time expression into a :class:`When` against the publication date.

Works on plain ``(text, lower)`` token pairs, not spaCy objects, so every
convention can be unit-tested without the model. Each resolver kind named in
``time_patterns.yaml`` has one function here; all return ``(value, reason)``
with exactly one of the two set. Conventions (see also :mod:`.calendar`):

* the past is preferred: a bare weekday is the most recent such day on or
  before publication; a month without a year the most recent such month not
  after the publication month — unless the clause is in the future tense;
* "last week" is the previous Monday–Sunday week (precision week);
* "earlier this month" runs from the 1st to the publication date with
  precision "month" (likewise "earlier this week/year"; "later this …" runs
  from publication to the end of the unit);
* early/mid/late narrow a month (1–10/11–20/21–end), a year (Jan–Apr/May–Aug/
  Sep–Dec) or a decade (0–3/4–6/7–9) and give precision "range";
* "N units ago" is the calendar unit containing publication minus N units
  (day for days and hours, the Monday–Sunday week for weeks …);
* "the past N units" runs from publication minus N units to publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from tidings.model import When
from tidings.time import calendar as cal
from tidings.time.lexicon import Holiday, TimeLexicon

NO_PUBLISHED = "no publication date to resolve a relative expression against"
Result = tuple[When | None, str | None]


class Tok(NamedTuple):
    """One token of an expression: its text and lower-cased text."""

    text: str
    lower: str


def toks(words: list[str]) -> list[Tok]:
    """Tokens from plain strings (tests and callers without a Doc)."""
    return [Tok(w, w.lower()) for w in words]


@dataclass(slots=True)
class Parts:
    """The calendar pieces of an expression: what a reader would fill a date form with."""

    weekday: int | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    season: tuple[int, int] | None = None
    position: str | None = None


def _number(lex: TimeLexicon, tok: Tok) -> int | None:
    if tok.lower in lex.number_values:
        return lex.number_values[tok.lower]
    if tok.lower.isdigit():
        return int(tok.lower)
    return None


def parts_of(lex: TimeLexicon, tokens: list[Tok]) -> Parts:
    """Read the calendar pieces from tokens; words that carry no date ("the", "of", ",") are skipped."""
    parts = Parts()
    for tok in tokens:
        w = tok.lower
        if lex.shape("year", w):
            parts.year = int(w)
        elif w in lex.month_of:
            parts.month = lex.month_of[w]
        elif w in lex.weekday_of:
            parts.weekday = lex.weekday_of[w]
        elif w in lex.seasons:
            parts.season = lex.seasons[w]
        elif w in lex.words["position"]:
            parts.position = w
        elif w in lex.position_nouns:
            parts.position = lex.position_nouns[w]
        elif lex.shape("day", w):
            parts.day = int(w.rstrip("stndrh"))
    return parts


def from_parts(lex: TimeLexicon, parts: Parts, published: date | None, *, future: bool = False) -> Result:
    """The date a filled-in form names: day, month (maybe narrowed), season or year."""
    if parts.season is not None:
        if parts.year is None:
            return None, "a season without a year"
        return cal.season_of(parts.season[0], parts.season[1], parts.year), None
    if parts.month is not None:
        year = parts.year
        if year is None:
            if published is None:
                return None, NO_PUBLISHED
            year = cal.year_for_month(parts.month, published, future=future)
        if parts.day is not None:
            d = cal.safe_date(year, parts.month, parts.day)
            return (cal.day(d), None) if d else (None, "no such date")
        whole = cal.month_of(year, parts.month)
        if parts.position:
            return cal.narrow(whole, lex.positions["month_days"][parts.position], "month"), None
        return whole, None
    if parts.year is not None:
        whole = cal.year_of(parts.year)
        if parts.position:
            return cal.narrow(whole, lex.positions["year_months"][parts.position], "year"), None
        return whole, None
    if parts.weekday is not None:
        return resolve_weekday_parts(parts.weekday, None, published, future=future)
    return None, "no date in the expression"


def resolve_calendar(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """Explicit and partial dates: 19 December 2016, Dec. 19, December, late February, early 2015,
    and a month of a year named relatively ("in August last year", "February 27 this year")."""
    parts = parts_of(lex, tokens)
    deixis = _deixis(lex, tokens)
    if deixis is not None and tokens[-1].lower == "year":
        if published is None:
            return None, NO_PUBLISHED
        parts.year = published.year + step_of(deixis)
    return from_parts(lex, parts, published, future=future)


def resolve_numeric(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """2016-12-19 (as one token or five) and 19/12/2016 (refused when day and month could swap)."""
    text = "".join(t.text for t in tokens)
    if "/" in text:
        a, b, y = (int(x) for x in text.split("/"))
        if a > 12 >= b:
            a, b = b, a  # day first: 19/12/2016
        elif not (b > 12 >= a) and a != b:
            return None, "ambiguous day/month order in a numeric date"
        d = cal.safe_date(y, a, b)
    else:
        y, m, dd = (int(x) for x in text.split("-"))
        d = cal.safe_date(y, m, dd)
    return (cal.day(d), None) if d else (None, "no such date")


def resolve_weekday_parts(weekday: int, deixis: str | None, published: date | None, *, future: bool) -> Result:
    if published is None:
        return None, NO_PUBLISHED
    if deixis == "next":
        return cal.day(cal.weekday_after(weekday, published)), None
    if deixis == "last":
        return cal.day(cal.weekday_before(weekday, published)), None
    if future:
        return cal.day(cal.weekday_after(weekday, published, strict=False)), None
    return cal.day(cal.weekday_on_or_before(weekday, published)), None


def _deixis(lex: TimeLexicon, tokens: list[Tok]) -> str | None:
    for tok in tokens:
        for name in ("last", "next", "this"):
            if tok.lower in lex.words[name]:
                return name
    return None


def resolve_weekday(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """Sunday, last Tuesday, next Friday, Monday night, early Sunday: a day."""
    parts = parts_of(lex, tokens)
    if parts.weekday is None:
        return None, "no weekday in the expression"
    return resolve_weekday_parts(parts.weekday, _deixis(lex, tokens), published, future=future)


def resolve_day_word(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """today, yesterday (morning), tonight, tomorrow, this morning, last night."""
    if published is None:
        return None, NO_PUBLISHED
    first = tokens[0].lower
    if first in lex.day_offsets:
        return cal.day(cal.shift(published, "day", lex.day_offsets[first])), None
    if first in lex.words["last"]:  # last night / last evening: the evening before publication
        return cal.day(cal.shift(published, "day", -1)), None
    return cal.day(published), None  # this morning / this evening


def _season_deictic(season: tuple[int, int], deixis: str, published: date) -> When:
    first, last = season
    candidates = [cal.season_of(first, last, y) for y in range(published.year - 2, published.year + 2)]
    if deixis == "this":
        for when in candidates:
            if when.start <= published <= when.end:
                return when
        return cal.season_of(first, last, published.year)
    if deixis == "last":
        return [w for w in candidates if w.end < published][-1]
    return [w for w in candidates if w.start > published][0]


def step_of(deixis: str) -> int:
    return {"last": -1, "this": 0, "next": 1}[deixis]


def resolve_deictic_unit(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """last week, this month, next year, earlier this month, the end of last year, last weekend, last summer."""
    if published is None:
        return None, NO_PUBLISHED
    words = [t.lower for t in tokens]
    deixis = _deixis(lex, tokens) or "this"
    if "past" in words and deixis == "this":  # "this past week" is the one before
        deixis = "last"
    edge = next((w for w in words if w in lex.words["edge"]), None)
    if words[:2] == ["so", "far"]:
        edge = "earlier"
    position = next((lex.position_nouns.get(w, w) for w in words
                     if w in lex.words["position"] or w in lex.position_nouns), None)
    season = next((lex.seasons[w] for w in words if w in lex.seasons), None)
    if season is not None:
        return _season_deictic(season, deixis, published), None
    if "weekend" in words:
        if deixis == "this":
            saturday = cal.shift(cal.week_of(published).start, "day", 5)
        else:  # the weekend before the publication week, or after it
            saturday = cal.shift(cal.week_of(cal.shift(published, "week", step_of(deixis))).start, "day", 5)
        return cal.span(saturday, cal.shift(saturday, "day", 1)), None
    unit = next((lex.units[w] for w in words if w in lex.units), None)
    if unit is None:
        return None, "no calendar unit in the expression"
    step = step_of(deixis)
    whole = cal.unit_containing(cal.shift(published, unit, step), unit)
    if edge == "earlier":
        return When(whole.start, published, whole.precision if unit != "decade" else "range"), None
    if edge == "later":
        return When(published, whole.end, whole.precision if unit != "decade" else "range"), None
    if position and unit in ("month", "year", "decade"):
        table = {"month": "month_days", "year": "year_months", "decade": "decade_years"}[unit]
        return cal.narrow(whole, lex.positions[table][position], unit), None
    return whole, None


def _amount(lex: TimeLexicon, tokens: list[Tok]) -> tuple[int | None, str | None]:
    """The count of an "N units" phrase, or a reason when it is vague (few, several)."""
    for tok in tokens:
        if tok.lower in lex.words["vague_number"]:
            return None, f"vague quantity: {tok.lower!r}"
    for tok in tokens:
        if tok.lower in lex.units:
            if tok.lower != lex.units[tok.lower]:  # "the past months": plural without a count
                return None, f"vague quantity: {tok.lower!r} without a number"
            break
        n = _number(lex, tok)
        if n is not None:
            return n, None
    return 1, None


def resolve_ago(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """two days ago, a week ago, three years ago: the calendar unit N units before publication."""
    n, reason = _amount(lex, tokens)
    if n is None:
        return None, reason
    if published is None:
        return None, NO_PUBLISHED
    unit = next(lex.units[t.lower] for t in tokens if t.lower in lex.units)
    return cal.unit_containing(cal.shift(published, unit, -n), unit), None


def resolve_past_span(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """the past year, the last three months: from N units before publication to publication."""
    n, reason = _amount(lex, tokens[2:])
    if n is None:
        return None, reason
    if published is None:
        return None, NO_PUBLISHED
    unit = next(lex.units[t.lower] for t in tokens if t.lower in lex.units)
    return cal.span(cal.shift(published, unit, -n), published), None


def resolve_decade(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """the 1990s, the mid-1990s, the early 2000s, the '90s: a range of years."""
    position = None
    start: int | None = None
    for tok in tokens:
        w = tok.lower
        for p in lex.words["position"]:
            if w == p or w.startswith(p + "-"):
                position = p
                w = w[len(p) + 1:] if w.startswith(p + "-") else ""
        w = w.lstrip("'’")
        if w.endswith("s") and w[:-1].isdigit():
            digits = w[:-1]
            if len(digits) == 4:
                start = int(digits)
            else:
                two = int(digits)
                ref = published.year if published else 2000 + (10 if two < 20 else 0) + 9
                start = 2000 + two if 2000 + two <= ref else 1900 + two
    if start is None:
        return None, "no decade in the expression"
    whole = cal.span(date(start, 1, 1), date(start + 9, 12, 31))
    if position:
        return cal.narrow(whole, lex.positions["decade_years"][position], "decade"), None
    return whole, None


def _inner(lex: TimeLexicon, tokens: list[Tok], published: date | None, future: bool) -> Result:
    """Resolve a sub-expression of since/range by what it contains."""
    words = {t.lower for t in tokens}
    if any(lex.shape("decade", t.lower) or lex.shape("short_decade", t.lower) for t in tokens):
        return resolve_decade(lex, tokens, published, future=future)
    if words & (lex.words["last"] | lex.words["this"] | lex.words["next"]):
        if words & set(lex.weekday_of):
            return resolve_weekday(lex, tokens, published, future=future)
        return resolve_deictic_unit(lex, tokens, published, future=future)
    return resolve_calendar(lex, tokens, published, future=future)


def resolve_since(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """since 2014, since March, since last year: from the start of that time to publication."""
    start, reason = _inner(lex, tokens[1:], published, future)
    if start is None:
        return None, reason
    if published is None:
        return None, "open-ended 'since': no publication date to end it"
    if start.start > published:
        return None, "'since' a time after publication"
    return cal.span(start.start, published), None


def resolve_range(lex: TimeLexicon, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """between May and July, from 2014 to 2016, 2014-2016, May 5-7, from Monday to Wednesday."""
    body = tokens[1:] if tokens[0].lower in ("between", "from") else tokens
    joiners = lex.words["connector"] | {"and"}
    cut = next(k for k, t in enumerate(body) if t.lower in joiners and k > 0)
    left, right = parts_of(lex, body[:cut]), parts_of(lex, body[cut + 1:])
    if left.weekday is not None and right.weekday is not None and left.month is None:
        end, reason = resolve_weekday_parts(right.weekday, None, published, future=future)
        if end is None:
            return None, reason
        start = cal.weekday_on_or_before(left.weekday, end.start)
        return cal.span(start, end.end), None
    if left.month is None and right.month is not None and left.day is not None:
        left.month = right.month  # 5-7 May
    if right.month is None and left.month is not None and right.day is not None:
        right.month = left.month  # May 5-7
    if right.year is None and left.year is not None and right.month is not None:
        right.year = left.year
    if right.month is not None and right.year is None:
        if published is None:
            return None, NO_PUBLISHED
        right.year = cal.year_for_month(right.month, published, future=future)
    if left.year is None and right.year is not None:
        later = (left.month or 0, left.day or 0) > (right.month or 0, right.day or 0)
        left.year = right.year - 1 if later else right.year
    start, reason = from_parts(lex, left, published, future=future)
    end, reason2 = from_parts(lex, right, published, future=future)
    if start is None or end is None:
        return None, reason or reason2
    if end.end < start.start:
        return None, "range ends before it starts"
    return cal.span(start.start, end.end), None


def resolve_holiday(holiday: Holiday, year: int | None, published: date | None, *, future: bool = False) -> Result:
    """Ramadan, Eid al-Fitr, Christmas …: from the table, the fixed date, or the holiday's reason."""
    if holiday.kind == "unresolvable":
        return None, holiday.reason
    if holiday.kind == "fixed":
        assert holiday.month_day is not None
        m, d = holiday.month_day
        if year is None:
            if published is None:
                return None, NO_PUBLISHED
            year = published.year
            if not future and date(year, m, d) > published:
                year -= 1
            elif future and date(year, m, d) < published:
                year += 1
        return cal.day(date(year, m, d)), None
    options = list(holiday.dates)
    if year is not None:
        chosen = [o for o in options if o[0].year == year] or [o for o in options if o[1].year == year]
    elif published is None:
        return None, NO_PUBLISHED
    elif future:
        chosen = [o for o in options if o[1] >= published]
    else:
        chosen = [o for o in options if o[0] <= published][-1:]
    if not chosen:
        return None, f"{holiday.name}: no date in the table for that year"
    start, end = chosen[0]
    return (cal.day(start) if start == end else cal.span(start, end)), None


RESOLVERS = {
    "calendar": resolve_calendar,
    "numeric": resolve_numeric,
    "weekday": resolve_weekday,
    "day_word": resolve_day_word,
    "deictic_unit": resolve_deictic_unit,
    "ago": resolve_ago,
    "past_span": resolve_past_span,
    "decade": resolve_decade,
    "since": resolve_since,
    "range": resolve_range,
}


def resolve(lex: TimeLexicon, kind: str, tokens: list[Tok], published: date | None, *, future: bool = False) -> Result:
    """Resolve tokens found by a form of ``kind`` (see ``time_patterns.yaml``)."""
    return RESOLVERS[kind](lex, tokens, published, future=future)


__all__ = [
    "NO_PUBLISHED", "Tok", "toks", "Parts", "parts_of", "from_parts", "resolve", "resolve_holiday",
    "RESOLVERS",
]
