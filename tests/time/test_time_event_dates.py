"""When an event happened, apart from when it was reported (real pipeline)."""

from __future__ import annotations


def test_time_event_date_from_the_lede_when_its_sentence_has_none(run) -> None:
    report = run("A man was shot on Tuesday in Ceres.\nOfficers said the gunman shot him twice.", published="2016-01-28")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and all(e.date is not None and e.date.start.isoformat() == "2016-01-26" for e in shot)


def test_time_statement_date_kept_apart_from_event_date(run) -> None:
    report = run("The army said on Monday that rebels attacked the base on Saturday.", published="2016-12-20")
    attack = [e for e in report.events if e.type == "ASSAULT"]
    assert attack and attack[0].date is not None and attack[0].date.start.isoformat() == "2016-12-17"
    said = [s for s in report.statements if s.date is not None]
    assert said and said[0].date.start.isoformat() == "2016-12-19"
