"""When an event happened, apart from when it was reported (real pipeline)."""

from __future__ import annotations

import pytest


def test_time_event_date_from_the_lede_when_its_sentence_has_none(run) -> None:
    report = run("A man was shot on Tuesday in Lodi.\nOfficers said the gunman shot him twice.", published="2016-01-28")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and all(e.date is not None and e.date.start.isoformat() == "2016-01-26" for e in shot)


def test_time_statement_date_kept_apart_from_event_date(run) -> None:
    report = run("The army said on Monday that rebels attacked the base on Saturday.", published="2016-12-20")
    attack = [e for e in report.events if e.type == "ASSAULT"]
    assert attack and attack[0].date is not None and attack[0].date.start.isoformat() == "2016-12-17"
    said = [s for s in report.statements if s.date is not None]
    assert said and said[0].date.start.isoformat() == "2016-12-19"


def test_time_event_date_from_a_clock_time_holding_a_weekday(run) -> None:
    report = run("The shooting took place around 11 p.m. Wednesday at the Maple Court Apartments.", published="2015-12-17")
    clock = next(t for t in report.times if t.span.text == "around 11 p.m. Wednesday")
    assert clock.value is not None and clock.value.start.isoformat() == "2015-12-16" and clock.reason is None
    shooting = [e for e in report.events if e.type == "ASSAULT"]
    assert shooting and shooting[0].date is not None and shooting[0].date.start.isoformat() == "2015-12-16"


def test_time_event_date_clock_time_alone_stays_unresolved(run) -> None:
    report = run("Deputies reached the house around 9:45 p.m., the sheriff said.", published="2016-01-27")
    clock = next(t for t in report.times if "9:45" in t.span.text)
    assert clock.value is None and clock.reason == "time of day without a date"


def test_time_event_date_headline_event_takes_the_day_of_the_same_story(run) -> None:
    text = ("A man who was shot outside a Reading bakery has died, police said. "
            "Officers arrested a 17-year-old boy on Wednesday morning at an apartment on the East Side. "
            "He is accused of a shooting that took place on Penn Street shortly before 9 a.m. on Saturday.")
    report = run(text, published="2016-01-13")
    headline = min((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)
    assert headline.trigger.text == "shot"
    assert headline.date is not None and headline.date.start.isoformat() == "2016-01-09"
    assert headline.date.precision == "day" and headline.date_text == "Saturday"


def test_time_event_date_later_event_does_not_borrow_another_events_day(run) -> None:
    text = ("The mayor spoke about crime at a meeting. Residents met at a church. The city has hired more officers. "
            "A man was shot on Saturday in Dayton, police said. Another man had been shot in the same street.")
    report = run(text, published="2016-01-13")
    late = max((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)
    assert late.trigger.start > 100
    assert late.date is not None and late.date.precision == "reported"


def test_time_event_date_present_tense_say_does_not_take_the_day(run) -> None:
    report = run("Police say early Sunday morning a college student was shot on the service road.", published="2015-12-07")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and shot[0].date is not None and shot[0].date.start.isoformat() == "2015-12-06"
    assert shot[0].date.precision == "day"


def test_time_event_date_a_day_in_the_lede_beats_a_borrowed_week(run) -> None:
    text = ("A man who was shot outside a nightclub is recovering, police said. "
            "Detectives are searching for two men involved in the shooting last week. "
            "The pair tried to rob the man at about 3 a.m. on Tuesday as he walked to his car.")
    report = run(text, published="2015-12-17")
    shot = min((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)
    assert shot.date is not None and (shot.date.start.isoformat(), shot.date.precision) == ("2015-12-15", "day")


def test_time_event_date_a_month_gives_way_to_a_day_in_it(run) -> None:
    text = ("Detectives are still investigating a killing in a north side neighborhood in December. "
            "Police said Ann Doe was killed on December 3, 2015, outside her home on Elm Street.")
    report = run(text, published="2016-02-08")
    first = min((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)
    assert first.date is not None and first.date.start.isoformat() == "2015-12-03" == first.date.end.isoformat()


def test_time_event_date_a_month_without_a_day_in_it_stays_a_month(run) -> None:
    text = ("Detectives are still investigating a killing in a north side neighborhood in December. "
            "The suspect was arrested on January 20, 2016, at a motel.")
    report = run(text, published="2016-02-08")
    first = min((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)
    assert first.date is not None and first.date.precision == "month" and first.date.start.isoformat() == "2015-12-01"


def test_time_event_date_from_a_later_mention_of_the_same_event(run) -> None:
    text = ("Deputies are searching for the gunman in a home invasion near Brighton. "
            "A woman was seriously hurt in the invasion. The shooting took place Wednesday night at a house on Birch Lane.")
    report = run(text, published="2016-01-09")
    assaults = [e for e in report.events if e.type == "ASSAULT"]
    assert assaults and all(e.date is not None and e.date.start.isoformat() == "2016-01-06" for e in assaults)


def test_time_event_noun_modifying_a_person_is_not_dated_by_the_clause(run) -> None:
    text = ("The shooting suspect surrendered to officers late Thursday night. "
            "Police said the suspect shot a man outside a bar on Tuesday.")
    report = run(text, published="2015-12-18")
    headline = min((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)
    assert headline.trigger.text == "shooting"
    assert headline.date is not None and headline.date.start.isoformat() == "2015-12-15"


def test_time_event_date_not_taken_from_a_later_arraignment(run) -> None:
    text = ("A man was arraigned Monday in the shooting of his neighbor. "
            "The shooting happened on Saturday night outside a bar on Main Street.")
    report = run(text, published="2016-01-13")
    first = min((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)
    assert first.trigger.start < 40
    assert first.date is not None and first.date.start.isoformat() == "2016-01-09"


def test_time_event_date_aftermath_day_not_taken_from_the_sentence(run) -> None:
    report = run("A man remained hospitalized Friday after a gunman shot him in the leg.", published="2016-01-08")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and all(e.date is None or e.date.precision == "reported" for e in shot)


def test_time_event_date_an_arrest_keeps_its_own_day(run) -> None:
    report = run("Police arrested a man on Monday after a shooting in Dayton.", published="2016-01-13")
    arrest = [e for e in report.events if e.type == "COERCE"]
    assert arrest and arrest[0].date is not None and arrest[0].date.start.isoformat() == "2016-01-11"


def test_time_event_date_day_inside_the_event_phrase_is_its_own(run) -> None:
    report = run("Police identified the victim of the Christmas Day shooting in Aurora.", published="2015-12-28")
    shooting = [e for e in report.events if e.type == "ASSAULT"]
    assert shooting and shooting[0].date is not None and shooting[0].date.start.isoformat() == "2015-12-25"


_CHARGED = ("Police have charged a third man over a deadly shooting about two weeks ago in a bowling alley. "
            "The alley sits next to the old rail yard. Its manager would not comment. ")


@pytest.mark.parametrize(("last", "start", "precision"), [
    pytest.param("Officers were sent to the alley about 1:50 a.m. Jan. 23.", "2016-01-23", "day",
                 id="a-week-gives-way-to-the-one-day-named-in-it"),
    pytest.param("Officers were sent to the alley on Jan. 21 and went back on Jan. 23.", None, "week",
                 id="a-week-with-two-days-named-in-it-stays-a-week"),
])
def test_time_event_date_a_week_and_the_days_named_in_it(run, last: str, start: str | None, precision: str) -> None:
    report = run(_CHARGED + last, published="2016-02-04")
    first = min((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)
    assert first.date is not None and first.date.precision == precision
    assert start is None or first.date.start.isoformat() == start


def test_time_event_in_a_relative_clause_about_a_person_skips_the_main_clause_day(run) -> None:
    text = ("The mayor spoke about crime at a meeting. Residents met at a church. The city has hired more officers. "
            "The taxi driver who was shot walked into a store on Monday afternoon.")
    report = run(text, published="2015-12-09")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and all(e.date is not None and e.date.precision == "reported" for e in shot)


def test_time_event_in_a_relative_clause_about_a_place_takes_the_main_clause_day(run) -> None:
    text = "The trouble began Friday night at the gas station, where two hooded men shot the cashier."
    report = run(text, published="2016-01-20")
    shot = [e for e in report.events if e.type == "ASSAULT" and e.trigger.text == "shot"]
    assert shot and shot[0].date is not None and shot[0].date.start.isoformat() == "2016-01-15"


def test_time_event_date_a_month_does_not_take_the_day_of_another_event(run) -> None:
    text = ("Detectives are still investigating a killing in a north side neighborhood in December. "
            "Friends held a vigil for the victim on December 28, 2015, outside her home.")
    report = run(text, published="2016-02-08")
    killing = next(e for e in report.events if e.type == "ASSAULT")
    assert killing.date is not None and killing.date.precision == "month"
    vigil = [e for e in report.events if e.type != "ASSAULT"]
    assert vigil and vigil[0].date is not None and vigil[0].date.start.isoformat() == "2015-12-28"
