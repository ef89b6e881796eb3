"""A publication date printed at the top of the article: listed with a reason, never an event's date,
and the anchor for relative dates when the caller gave none."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.time.published import PAGE_REASON, PUBLISHED_KEY, REASON


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


@pytest.mark.parametrize(
    "text",
    [
        "Garland shooting was self-defense | CBS DallasUPDATE TUESDAY, JANUARY 19: Police identified the man who "
        "was shot on January 15 as a resident of Allen.",
        "Posted: Tuesday, January 19 Police identified the man who was shot on January 15 as a resident of Allen.",
    ],
)
def test_time_published_page_date_without_year_is_no_events_date(run, text):
    report = run(text, published="2016-01-20")
    page = next(t for t in report.times if t.span.text.upper().endswith("JANUARY 19"))
    assert page.value is None and page.reason.startswith(PAGE_REASON)
    shot = next(e for e in report.events if e.type == "ASSAULT")
    assert shot.date is not None and shot.date.start == date(2016, 1, 15)


def test_time_published_lower_case_update_is_no_page_cue(run):
    report = run("Police gave an update Tuesday, January 19 on the man who was shot.", published="2016-01-20")
    update = next(t for t in report.times if "January 19" in t.span.text)
    assert update.value is not None and update.value.start == date(2016, 1, 19)


def test_time_published_clock_time_swallowing_the_cue_dates_the_page(run):
    text = ("Strong quake hits southern Iran\nPosted : Nov 27 , 2005 8 : 20 AM ET Last Updated : Nov 27 , 2005 "
            "8 : 10 PM ET\nAn earthquake hit southern Iran on Sunday, killing at least 10 people.")
    report = run(text, published="2005-11-28")
    assert not [t for t in report.times if t.value is not None and "2005" in t.span.text]
    quake = [e for e in report.events if e.date is not None and e.date.start == date(2005, 11, 27)]
    assert all(e.date_text == "Sunday" for e in quake)


def test_time_published_news_release_time_dates_the_page(run):
    text = ("Police search for man who shot at deputy NEWS RELEASE (11:30 A.M. Monday) ROCKBRIDGE CO., Va. - "
            "Deputies are searching for a man who shot at a deputy on Saturday during a traffic stop.")
    report = run(text, published="2015-12-07")
    release = next(t for t in report.times if t.span.text.endswith("Monday"))
    assert release.value is None and release.reason.startswith(PAGE_REASON)
