"""PLOVER's coding rules on sentences we wrote: modality (promise, threat, refusal, demand),
recipients in prepositional phrases, background that is not an event of its own, explosions.

Each case names the class of error it guards (docs/evaluation.md, plover-gsr and wikievents).
"""

from __future__ import annotations

import pytest


def _coded(report) -> list[tuple[str, list[str], list[str]]]:
    names = {a.id: a.name for a in report.actors}
    return [(e.type, [names.get(a, a) for a in e.actors], [names.get(r, r) for r in e.recipients])
            for e in report.events]


# -- modality: a promised act is AGREE, a promised use of force or restriction THREATEN -----------

@pytest.mark.parametrize("text, expected", [
    ("Hamas will release two hostages on Sunday.", "AGREE"),  # future RETREAT
    ("Hamas offered to hand over the bodies to Egypt.", "AGREE"),  # offered + RETREAT
    ("Egypt will provide food aid to Gaza.", "AGREE"),  # future AID
    ("Qatar will hold talks with Egypt.", "AGREE"),  # future CONSULT
    ("Israel will blockade Gaza.", "THREATEN"),  # future COERCE
    ("Israel said it would extend the curfew in Hebron.", "THREATEN"),  # reported future COERCE
    ("Hamas would attack Israel.", "THREATEN"),  # hypothetical ASSAULT
])
def test_events_rules_modality_codes_promise_and_threat(run, text, expected) -> None:
    types = [t for t, _, _ in _coded(run(text))]
    assert types and types[0] == expected, types


def test_events_rules_refused_act_is_reject(run) -> None:
    events = run("Hamas declined to release the hostages.").events
    assert [(e.type, e.status) for e in events] == [("REJECT", "asserted")]


def test_events_rules_directive_keeps_the_requested_type(run) -> None:
    # "asked X to withdraw": X's act is requested, not promised; only the request is coded
    coded = _coded(run("Egypt asked Israel to withdraw its troops."))
    assert coded == [("REQUEST", ["Egypt"], ["Israel"])]


def test_events_rules_obligation_in_reported_words_is_a_demand(run) -> None:
    coded = _coded(run("Egypt said Hamas must release the hostages."))
    assert ("REQUEST", ["Egypt"], ["Hamas"]) in coded
    assert all(t != "RETREAT" for t, _, _ in coded)


# -- recipients named by a preposition on the trigger or its object ------------------------------

@pytest.mark.parametrize("text, event_type, recipients", [
    ("Qatar agreed to provide aid for Gaza and the West Bank.", "AGREE", {"Gaza", "the West Bank"}),
    ("Egypt will provide food aid to Gaza.", "AGREE", {"Gaza"}),
    ("Hamas offered to hand over the bodies to Egypt.", "AGREE", {"Egypt"}),
])
def test_events_rules_recipient_from_preposition(run, text, event_type, recipients) -> None:
    report = run(text)
    event = next(e for e in report.events if e.type == event_type)
    names = {a.id: a.name for a in report.actors}
    got = {names.get(r, r) for r in event.recipients} | {s.text for s in event.recipient_spans}
    assert recipients <= got, got


def test_events_rules_recipient_preposition_needs_a_party(run) -> None:
    # "aid for development projects" names no recipient, so no AID/AGREE recipient is invented
    report = run("Qatar agreed to provide aid for development projects.")
    assert all(not e.recipients and not e.recipient_spans for e in report.events)


def test_events_rules_two_sided_talks_list_both_sides_as_actors(run) -> None:
    coded = _coded(run("Qatar and Egypt held talks in Cairo."))
    assert coded and coded[0][0] == "CONSULT" and set(coded[0][1]) == {"Qatar", "Egypt"} and not coded[0][2]


def test_events_rules_talks_with_a_party_code_it_as_recipient(run) -> None:
    # the sides sit in different slots: PLOVER codes the subject as actor, the party met as recipient
    coded = _coded(run("Qatar held talks with Egypt in Cairo."))
    assert coded and coded[0] == ("CONSULT", ["Qatar"], ["Egypt"])


# -- background: conditions, preludes and descriptions of participants are not events -----------

@pytest.mark.parametrize("text, absent", [
    ("Norway will send troops to help defend Egypt if it is attacked.", {"THREATEN", "ASSAULT"}),
    ("Hezbollah announced a truce after nine days of clashes with Israel.", {"ASSAULT"}),
    ("Israel returned weapons seized last year from Hamas.", {"COERCE", "ASSAULT"}),
    ("The device detonated accidentally near the border.", {"ASSAULT"}),
])
def test_events_rules_background_is_not_a_separate_event(run, text, absent) -> None:
    types = {t for t, _, _ in _coded(run(text))}
    assert not types & absent, types


def test_events_rules_event_told_before_is_not_background(run) -> None:
    # "after the bombing" refers to the article's own event: it stays an ASSAULT
    types = [t for t, _, _ in _coded(run("Police arrested two men after the bombing."))]
    assert "ASSAULT" in types and "COERCE" in types


def test_events_rules_modifier_that_names_no_party_is_no_actor(run) -> None:
    report = run("A major offensive began in the north on Sunday.")
    assert all(s.text != "major" for e in report.events for s in e.actor_spans)


# -- explosions and nominal attacks ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A bomb exploded near the market on Sunday, wounding three people.",
    "A car bomb went off outside the ministry, killing two guards.",
    "Detectives are hunting a woman behind a Saturday blast that wounded four people.",
])
def test_events_rules_explosion_in_a_violent_sentence_is_an_assault(run, text) -> None:
    assert "ASSAULT" in [t for t, _, _ in _coded(run(text))]


def test_events_rules_explosion_without_violence_is_no_event(run) -> None:
    assert not run("The firework display ended with a loud explosion over the harbour.").events


def test_events_rules_violence_cue_from_the_sentence_before(run) -> None:
    report = run("Detectives are hunting a woman behind a Saturday blast that wounded four people. "
                 "The explosion targeted a pharmacy in the old town.")
    assaults = [e for e in report.events if e.type == "ASSAULT"]
    assert len(assaults) == 1  # the explosion is the blast told again
    assert any(m.text == "explosion" for m in assaults[0].mentions)
    assert all(s.text != "Saturday" for s in assaults[0].actor_spans)


@pytest.mark.parametrize("text, target", [
    ("The explosion targeted a pharmacy in the old town, wounding five people.", "a pharmacy"),
    ("Militants stepped up their campaign with several bombings targeted at the army.", "army"),
])
def test_events_rules_nominal_attack_target_from_its_verb(run, text, target) -> None:
    report = run(text)
    names = {a.id: a.name.lower() for a in report.actors}
    got = [s.text for e in report.events if e.type == "ASSAULT" for s in e.recipient_spans]
    got += [names.get(r, r) for e in report.events if e.type == "ASSAULT" for r in e.recipients]
    assert any(target in g.lower() for g in got), got


# -- arguments: conjuncts, origins and clauses ----------------------------------------------------

def test_events_rules_demand_that_takes_the_clause_subject_as_recipient(run) -> None:
    coded = _coded(run("Israel demanded that Hamas release the hostages."))
    assert ("REQUEST", ["Israel"], ["Hamas"]) in coded


def test_events_rules_plural_people_from_a_state_are_that_state(run) -> None:
    report = run("Troops from Panama attacked the rebels on Monday.")
    assert report.events and report.events[0].actors, "the troops' origin names the party"


def test_events_rules_argument_does_not_reach_into_its_conjunct(run) -> None:
    # "Egypt and Israel" are two arguments, each with its own span, none listed twice
    event = run("Egypt and Israel signed a security agreement in Cairo on Monday.").events[0]
    assert event.actors == ["egypt", "israel"]
    spans = [(s.start, s.end) for s in event.actor_spans]
    assert len(spans) == len(set(spans)) == 2
