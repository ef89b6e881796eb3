"""A publication date printed at the top of the article: listed with a reason, never an event's date,
and the anchor for relative dates when the caller gave none."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.time.published import PAGE_REASON, PUBLISHED_KEY, REASON


@pytest.mark.parametrize(
    ("text", "printed", "day"),
    [
        ("Clerk hurt in holdup | WXKR 12TOLEDO, Ohio (Mar. 5, 2016) — City police are looking into "
         "a shooting that left a clerk wounded Friday night.", "Mar. 5, 2016", date(2016, 3, 5)),
        ("Posted: Jan. 3, 2016 A man was shot on Tuesday in Dayton, police said.", "Jan. 3, 2016", date(2016, 1, 3)),
        ("Student slain | Thursday, October 13, 2016 MACON, Georgia -- A student was shot and killed Wednesday.",
         "Thursday, October 13, 2016", date(2016, 10, 13)),
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
    report = run("Clerk hurt in holdup | WXKR 12TOLEDO, Ohio (Mar. 5, 2016) — City police are "
                 "looking into a shooting that left a clerk wounded Friday night.", published=None)
    friday = next(t for t in report.times if t.span.text == "Friday night")
    assert friday.value is not None and friday.value.start == date(2016, 3, 4)
    assault = next(e for e in report.events if e.type == "ASSAULT")
    assert assault.date is not None and assault.date.start == date(2016, 3, 4)  # not the filing day


def test_time_published_given_date_wins_as_anchor(run):
    report = run("WXKR 12TOLEDO, Ohio (Mar. 5, 2016) — A clerk was wounded in a shooting on Friday.",
                 published="2016-03-12")
    friday = next(t for t in report.times if t.span.text == "Friday")
    assert friday.value is not None and friday.value.start == date(2016, 3, 11)


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot in Dayton on Jan. 2, 2016, and died a week later.",  # an event's date, not a dateline
        "TOLEDO, Ohio (AP) — Police said a clerk was shot Friday.",  # no date at the top
        "TOLEDO, Ohio (March 2016) — Police said a clerk was shot.",  # not a single day
    ],
)
def test_time_published_not_found(nlp, text):
    assert nlp(text).user_data[PUBLISHED_KEY] is None


@pytest.mark.parametrize(
    "text",
    [
        "Mesa shooting ruled self-defense | KTVZ PhoenixUPDATE WEDNESDAY, APRIL 20: Detectives named the man who "
        "was shot on April 16 as a resident of Chandler.",
        "Posted: Wednesday, April 20 Detectives named the man who was shot on April 16 as a resident of Chandler.",
    ],
)
def test_time_published_page_date_without_year_is_no_events_date(run, text):
    report = run(text, published="2016-04-21")
    page = next(t for t in report.times if t.span.text.upper().endswith("APRIL 20"))
    assert page.value is None and page.reason.startswith(PAGE_REASON)
    shot = next(e for e in report.events if e.type == "ASSAULT")
    assert shot.date is not None and shot.date.start == date(2016, 4, 16)


def test_time_published_lower_case_update_is_no_page_cue(run):
    report = run("Police gave an update Tuesday, January 19 on the man who was shot.", published="2016-01-20")
    update = next(t for t in report.times if "January 19" in t.span.text)
    assert update.value is not None and update.value.start == date(2016, 1, 19)


def test_time_published_clock_time_swallowing_the_cue_dates_the_page(run):
    text = ("Strong tremor shakes northern Peru\nPosted : Aug 14 , 2011 9 : 40 AM ET Last Updated : Aug 14 , 2011 "
            "7 : 05 PM ET\nAn earthquake hit northern Peru on Sunday, killing at least 12 people.")
    report = run(text, published="2011-08-15")
    assert not [t for t in report.times if t.value is not None and "2011" in t.span.text]
    quake = [e for e in report.events if e.date is not None and e.date.start == date(2011, 8, 14)]
    assert all(e.date_text == "Sunday" for e in quake)


def test_time_published_news_release_time_dates_the_page(run):
    text = ("Sheriff seeks driver who fired at trooper NEWS RELEASE (9:15 A.M. Tuesday) BRAXTON CO., W.Va. - "
            "Deputies are looking for a driver who fired at a trooper on Sunday at a checkpoint.")
    report = run(text, published="2015-12-08")
    release = next(t for t in report.times if t.span.text.endswith("Tuesday"))
    assert release.value is None and release.reason.startswith(PAGE_REASON)
