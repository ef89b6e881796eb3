"""Where an event happened: clause, sentence, dateline, then the article's country (real pipeline)."""

from __future__ import annotations


def test_places_event_falls_back_to_the_dateline_city(run):
    report = run("MOSUL, Iraq — Gunmen killed three soldiers on Sunday.\nThe army said it would respond.",
                 published="2016-12-19")
    places = {p.id: p for p in report.places}
    assert report.events and all(places[e.place].name == "Mosul" for e in report.events if e.place)


def test_places_event_takes_the_finest_place_of_its_sentence(run):
    report = run("In Syria, rebels shelled Aleppo on Monday.", published="2016-12-19")
    places = {p.id: p for p in report.places}
    assert report.events and places[report.events[0].place].name == "Aleppo"
