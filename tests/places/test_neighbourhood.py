"""Neighbourhoods and local features place an event in their city; an outlet's city places no event."""

from __future__ import annotations

import pytest


def _event_place(report):
    event = next(e for e in report.events if e.type == "ASSAULT")
    return next(p for p in report.places if p.id == event.place)


@pytest.mark.parametrize(
    ("text", "neighbourhood", "city"),
    [
        ("CHICAGO — A man was shot Saturday night in the Rogers Park neighborhood, police said.",
         "Rogers Park", "Chicago"),
        ("A woman was shot Monday in Philadelphia's Kensington section, police said.", "Kensington", "Philadelphia"),
        ("A cashier was shot at a bodega in the Hunts Point section of the Bronx on Monday.", "Hunts Point",
         "The Bronx"),
    ],
)
def test_neighbourhood_event_takes_the_containing_city(run, text, neighbourhood, city):
    report = run(text)
    part = next(p for p in report.places if p.name == neighbourhood)
    assert _event_place(report).name == city
    assert part.within == _event_place(report).id  # the neighbourhood stays a place of its own


def test_neighbourhood_street_event_takes_its_city(run):
    report = run("Deputies said a man was shot early Sunday on Pinecrest Drive in Augusta.")
    street = next(p for p in report.places if p.name == "Pinecrest Drive")
    assert street.kind == "street"
    assert _event_place(report).name == "Augusta"


def test_neighbourhood_outlet_city_places_no_event(run):
    text = ("Maria Lopez, 31 - Crime Report - Denver PostMaria Lopez, a 31-year-old woman, was shot and killed "
            "Tuesday in Greeley, police said.")
    report = run(text)
    assert any(p.name == "Denver" for p in report.places)  # still a place the text names
    assert _event_place(report).name == "Greeley"


def test_neighbourhood_direction_side_is_no_town(run):
    report = run("CHICAGO — A teenager was hurt in a shooting on the North Side early Sunday.")
    assert not any(m.text == "North Side" for p in report.places for m in p.mentions)
