"""What report assembly adds when the text, not the caller, knows the date, the place or who an actor is."""

from __future__ import annotations

from datetime import date


def test_report_printed_date_used_when_none_given_and_said(run) -> None:
    text = ("DAYTON, Ohio (March 3, 2015) - A man was shot dead outside a bar on Sunday night, police said. "
            "Officers arrested a suspect on Monday.")
    report = run(text, published=None)
    assert report.article.published == date(2015, 3, 3)
    note = next(w for w in report.warnings if "printed in the text" in w)
    start = text.index("March 3, 2015")
    assert f"{start}–{start + len('March 3, 2015')}" in note
    shooting = next(e for e in report.events if e.type == "ASSAULT")
    assert shooting.date is not None and shooting.date.start == date(2015, 3, 1)


def test_report_given_date_wins_over_printed_date(run) -> None:
    report = run("DAYTON, Ohio (March 3, 2015) - A man was shot dead outside a bar on Sunday night, police said.",
                 published="2015-03-04")
    assert report.article.published == date(2015, 3, 4)
    assert not any("printed in the text" in w for w in report.warnings)


def test_report_state_place_narrowed_to_dateline_city(run) -> None:
    report = run("FAYETTEVILLE, N.C. - A North Carolina man shot his neighbour on Tuesday, the sheriff said.")
    shooting = next(e for e in report.events if e.type == "ASSAULT")
    place = next(p for p in report.places if p.id == shooting.place)
    assert place.name == "Fayetteville" and place.precision == "city"


def test_report_unknown_titled_person_keeps_guessed_sector(run) -> None:
    report = run("Deputy Defence Minister Arvo Lindqvist of Estonia met NATO officials in Brussels on Monday.")
    person = next(a for a in report.actors if "Lindqvist" in a.name)
    assert person.kind == "person" and person.sector is not None
