"""Where an event happened: clause, sentence, dateline, then the article's country (real pipeline)."""

from __future__ import annotations

import pytest


def test_places_event_falls_back_to_the_dateline_city(run):
    report = run("MOSUL, Iraq — Gunmen killed three soldiers on Sunday.\nThe army said it would respond.",
                 published="2016-12-19")
    places = {p.id: p for p in report.places}
    assert report.events and all(places[e.place].name == "Mosul" for e in report.events if e.place)


def test_places_event_takes_the_finest_place_of_its_sentence(run):
    report = run("In Syria, rebels shelled Aleppo on Monday.", published="2016-12-19")
    places = {p.id: p for p in report.places}
    assert report.events and places[report.events[0].place].name == "Aleppo"


def _place_of(report, event):
    return {p.id: p for p in report.places}[event.place]


@pytest.mark.parametrize(("text", "published", "where"), [
    pytest.param("A Salem man shot his neighbor outside a store in Beverly on Saturday.", "2016-01-11", "Beverly",
                 id="skips-the-home-of-a-person"),
    pytest.param("Jane Roe of Ashdown was shot during a party in Texarkana, police said.", "2016-01-11", "Texarkana",
                 id="skips-a-place-after-a-named-person-of"),
    pytest.param("A Salem man was shot on Saturday, police said.", "2016-01-11", "Salem",
                 id="takes-the-home-when-nothing-else-is-named"),
    pytest.param("Los Angeles is calm tonight.\nA woman was shot on Tuesday on Maple Avenue in Pasadena, police said.",
                 "2016-01-11", "Pasadena", id="prefers-the-town-named-to-a-street-placed-by-guess"),
    pytest.param("MILWAUKEE — Two men were hurt in a shooting near 60th and Roanoke on Tuesday night.\n"
                 "Milwaukee police said the men were taken to a hospital.", "2015-12-30", "Milwaukee",
                 id="leaves-a-stray-town-for-the-dateline"),
    pytest.param("A woman with a rifle was fatally shot at a mall in Ohio, officials said.\n"
                 "She had entered the mall in Chillicothe shortly before midnight on Sunday.", "2015-12-13", "Chillicothe",
                 id="in-a-state-takes-the-town-the-article-names-in-it"),
])
def test_places_event_of_a_shooting(run, text: str, published: str, where: str) -> None:
    report = run(text, published=published)
    shots = [e for e in report.events if e.type == "ASSAULT"]
    assert shots
    first = min(shots, key=lambda e: e.trigger.start)
    assert _place_of(report, first).name == where
