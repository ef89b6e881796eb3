"""A publication date printed at the top of the article: listed with a reason, never an event's date,
and the anchor for relative dates when the caller gave none."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.time.published import PUBLISHED_KEY, REASON


@pytest.mark.parametrize(
    ("text", "printed", "day"),
    [
        ("Robbery motive in shooting | Fox 59INDIANAPOLIS, Ind. (Jan. 2, 2016) — Metro police are investigating "
         "a shooting that left one man wounded Friday night.", "Jan. 2, 2016", date(2016, 1, 2)),
        ("Posted: Jan. 3, 2016 A man was shot on Tuesday in Dayton, police said.", "Jan. 3, 2016", date(2016, 1, 3)),
        ("Freshman killed | Monday, December 15, 2014 AUBURN, Alabama -- A freshman was shot and killed Sunday.",
         "Monday, December 15, 2014", date(2014, 12, 15)),
    ],
)
def test_time_published_printed_date_found_and_kept_apart(nlp, text, printed, day):
    doc = nlp(text)
    found = doc.user_data[PUBLISHED_KEY]
    assert found is not None and (found.day, found.text) == (day, printed)
    assert text[found.start:found.end] == printed
    mention = next(m for m in doc._.time_mentions if text[m.start:m.end] == printed)
    assert mention.value is None and mention.reason.startswith(REASON) and day.isoformat() in mention.reason


def test_time_published_anchors_relative_dates_without_a_given_date(run):
    report = run("Robbery motive in shooting | Fox 59INDIANAPOLIS, Ind. (Jan. 2, 2016) — Metro police are "
                 "investigating a shooting that left one man wounded Friday night.", published=None)
    friday = next(t for t in report.times if t.span.text == "Friday night")
    assert friday.value is not None and friday.value.start == date(2016, 1, 1)
    assault = next(e for e in report.events if e.type == "ASSAULT")
    assert assault.date is not None and assault.date.start == date(2016, 1, 1)  # not the filing day


def test_time_published_given_date_wins_as_anchor(run):
    report = run("Fox 59INDIANAPOLIS, Ind. (Jan. 2, 2016) — A man was wounded in a shooting on Friday.",
                 published="2016-01-09")
    friday = next(t for t in report.times if t.span.text == "Friday")
    assert friday.value is not None and friday.value.start == date(2016, 1, 8)


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot in Dayton on Jan. 2, 2016, and died a week later.",  # an event's date, not a dateline
        "INDIANAPOLIS, Ind. (AP) — Police said a man was shot Friday.",  # no date at the top
        "INDIANAPOLIS, Ind. (January 2016) — Police said a man was shot.",  # not a single day
    ],
)
def test_time_published_not_found(nlp, text):
    assert nlp(text).user_data[PUBLISHED_KEY] is None
