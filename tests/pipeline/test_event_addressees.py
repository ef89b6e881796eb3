"""Who an event is addressed to, class by class (pipeline/event_addressees.py, pipeline/roles.py,
pipeline/event_parse.py, data/arguments.yaml): the subject of a demand's content clause, the party met
in a two-sided act, the author of an offence or a measure, the party a phrase names in its own
modifiers, and speakers the small model parses oddly. Sentences written by us in news style.
"""

from __future__ import annotations

import pytest

from tidings.model import Event, Report
from tidings.pipeline import roles


def _event(report: Report, event_type: str) -> Event:
    found = [e for e in report.events if e.type == event_type]
    assert found, f"no {event_type} event in {[(e.type, e.trigger.text) for e in report.events]}"
    return found[0]


def _recipient_texts(event: Event) -> list[str]:
    return [s.text for s in event.recipient_spans]


@pytest.mark.parametrize("text, recipient", [
    ("Italy demanded that its European Union partners share the cost of the rescue missions.", "european_union"),
    ("The African Union repeated its demand that Ethiopia withdraw its troops from the border town.", "ethiopia"),
    ("The rebels insisted on their demand that the Malian government free their commanders.", "mali"),
    ("Hamas issued a statement demanding that Israel lift the blockade.", "israel"),
])
def test_event_addressees_demand_clause_subject_is_the_recipient(run, text: str, recipient: str) -> None:
    assert _event(run(text), "REQUEST").recipients == [recipient]


def test_event_addressees_document_is_not_the_demander(run) -> None:
    # "issued a statement demanding …": the issuer demands, the statement is no party
    report = run("Hamas issued a statement demanding that Israel lift the blockade.")
    assert _event(report, "REQUEST").actors == ["hamas"]


def test_event_addressees_obligation_on_an_ambiguous_verb_is_a_request(run) -> None:
    event = _event(run("Egypt said on Monday that Sudan must return the seized cargo ship."), "REQUEST")
    assert (event.actors, event.recipients) == (["egypt"], ["sudan"])


def test_event_addressees_participle_parsed_as_subject_gives_its_noun(nlp) -> None:
    doc = nlp("The Red Crescent operating in Gaza said Israel must allow fuel deliveries.")
    said = next(t for t in doc if t.text == "said")
    assert [t.text for t in roles.subjects(said)] == ["Crescent"]


@pytest.mark.parametrize("text, actors, recipients", [
    ("Kenyan diplomats held a meeting with President Museveni in Kampala.", ["kenya"], ["yoweri_museveni"]),
    ("Qatar hosted talks between the United States and the Taliban in Doha.", ["qatar"], ["united_states", "taliban"]),
])
def test_event_addressees_party_met_is_the_recipient(run, text: str, actors: list[str],
                                                     recipients: list[str]) -> None:
    event = _event(run(text), "CONSULT")
    assert (event.actors, event.recipients) == (actors, recipients)


def test_event_addressees_sides_of_one_slot_stay_actors(run) -> None:
    event = _event(run("Egypt and Jordan held talks in Amman on Sunday."), "CONSULT")
    assert (sorted(event.actors), event.recipients) == (["egypt", "jordan"], [])


def test_event_addressees_inquiry_into_offence_targets_its_author(run) -> None:
    event = _event(run("Kenya is investigating alleged abuses by Ugandan soldiers against Somali refugees."), "ACCUSE")
    assert _recipient_texts(event) == ["Ugandan soldiers"]


def test_event_addressees_protest_over_a_measure_targets_its_author(run) -> None:
    report = run("Thousands of nurses stopped work over a pay law signed by Health Minister John Doe.")
    event = _event(report, "PROTEST")
    assert _recipient_texts(event) == ["Health Minister John Doe"]


def test_event_addressees_unknown_party_named_by_its_modifiers(run) -> None:
    # "Greek" names the party: not whoever a later phrase mentions, and the span stops at the noun
    event = _event(run("Turkey is opposed to Greek mediation."), "REJECT")
    assert (event.actors, _recipient_texts(event)) == (["turkey"], ["Greek mediation"])


def test_event_addressees_party_span_meets_required_recipient(run) -> None:
    event = _event(run("The United Nations reduced fuel supplies to the largest Somali refugee camp in Kenya."),
                   "SANCTION")
    assert _recipient_texts(event) == ["the largest Somali refugee camp"]


@pytest.mark.parametrize("text, recipient", [
    # the phrase hangs on the protest's object noun, and a group of people is a known actor for this
    ("Dozens of teachers began a sit-down strike in protest of the Ghanaian government's refusal to raise "
     "wages.", "Ghanaian government"),
    ("Protesters in Mombasa blocked the highway to express their anger at President Ruto's tax plans.", "President Ruto"),
    # a nationality adjective names the party opposed
    ("Farmers shunned work to protest at the settlement of Chinese investors on their land.", "Chinese investors"),
])
def test_event_addressees_what_a_protest_opposes(run, text: str, recipient: str) -> None:
    assert _recipient_texts(_event(run(text), "PROTEST")) == [recipient]


def test_event_addressees_refusal_to_answer_targets_who_asked(run) -> None:
    event = _event(run("Prime Minister Abiy Ahmed refused to respond to an ultimatum from the Tigrayan rebels."),
                   "REJECT")
    assert _recipient_texts(event) == ["Tigrayan rebels"]
