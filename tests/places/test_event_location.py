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


def _place_of(report, event):
    return {p.id: p for p in report.places}[event.place]


def test_places_event_skips_the_home_of_a_person(run):
    report = run("A Salem man shot his neighbor outside a store in Beverly on Saturday.", published="2016-01-11")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and _place_of(report, shot[0]).name == "Beverly"


def test_places_event_skips_a_place_after_a_named_person_of(run):
    report = run("Jane Roe of Ashdown was shot during a party in Texarkana, police said.", published="2016-01-11")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and _place_of(report, shot[0]).name == "Texarkana"


def test_places_event_takes_the_home_when_nothing_else_is_named(run):
    report = run("A Salem man was shot on Saturday, police said.", published="2016-01-11")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and _place_of(report, shot[0]).name == "Salem"


def test_places_event_prefers_the_town_named_to_a_street_placed_by_guess(run):
    text = "Los Angeles is calm tonight.\nA woman was shot on Tuesday on Maple Avenue in Pasadena, police said."
    report = run(text, published="2016-01-11")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and _place_of(report, shot[0]).name == "Pasadena"


def test_places_event_leaves_a_stray_town_for_the_dateline(run):
    text = ("MILWAUKEE — Two men were hurt in a shooting near 48th and Hampton on Tuesday night.\n"
            "Milwaukee police said the men were taken to a hospital.")
    report = run(text, published="2015-12-30")
    shot = [e for e in report.events if e.type == "ASSAULT"]
    assert shot and _place_of(report, shot[0]).name == "Milwaukee"


def test_places_event_in_a_state_takes_the_town_the_article_names_in_it(run):
    text = ("A man with two handguns was shot and killed at a store in Pennsylvania, authorities said.\n"
            "The man walked into the store in Stroudsburg late Saturday night.")
    report = run(text, published="2015-12-13")
    first = min((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)
    assert _place_of(report, first).name == "Stroudsburg"
