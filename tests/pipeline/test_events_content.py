"""What one event holds: the plan it accepts or refuses, the slogans of a protest, and the act an
answer answers (pipeline/event_guards.py content_heads, data/predicates_rules.yaml proposal_content
and slogans, roles.yaml background_preps).

Sentences are our own. Each rule has sentences where it folds a trigger away and sentences where the
trigger stays an event.
"""

import pytest


def _events(run, text: str) -> list:
    return sorted(run(text).events, key=lambda e: e.trigger.start)


def _types(run, text: str) -> list[str]:
    return [e.type for e in _events(run, text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana rejected the deployment of Nigerian troops to Mali.", ["REJECT"]),  # what Ghana refuses
    ("Hamas accepted an Egyptian plan for talks with Fatah.", ["AGREE"]),  # talks proposed, not held
])
def test_events_content_proposal_is_part_of_its_event(run, text: str, expected: list[str]) -> None:
    assert _types(run, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana deployed 300 troops to Mali.", "MOBILIZE"),  # the act itself, told by its verb
    ("Egypt called the bombing an act of terror.", "ASSAULT"),  # a naming ("called X a Y"), not a request
    ("Chile called for an investigation into the shooting.", "ASSAULT"),  # the shooting happened
])
def test_events_content_real_acts_stay(run, text: str, expected: str) -> None:
    assert expected in _types(run, text)


@pytest.mark.parametrize(("text", "recipient"), [
    ("Fatah members rallied outside parliament in Ramallah, saying Haniyeh should step down.", "ismail_haniyeh"),
    ("Kurdish students marched in Erbil urging Iraq to hold a referendum.", "iraq"),
])
def test_events_content_slogan_is_the_protest(run, text: str, recipient: str) -> None:
    events = _events(run, text)
    assert [e.type for e in events] == ["PROTEST"]
    assert recipient in events[0].recipients


def test_events_content_demand_beside_other_act_stays(run) -> None:
    """Only a protest carries its slogans: a demand told beside a border closure is an event."""
    types = _types(run, "Kenya closed its border with Somalia, demanding that al-Shabab release the hostages.")
    assert "REQUEST" in types and "COERCE" in types


@pytest.mark.parametrize(("text", "main"), [
    ("Israel closed the Erez crossing in retaliation for a rocket attack on Sderot.", "COERCE"),
    ("Jordan recalled its ambassador from Israel in protest at air strikes on Gaza.", "SANCTION"),
])
def test_events_content_answered_act_is_background(run, text: str, main: str) -> None:
    assert _types(run, text) == [main]


@pytest.mark.parametrize("text", [
    "A rocket attack on Sderot wounded two people on Monday.",
    # no other event in the sentence: the answered act is all it tells
    "Egypt sealed its border with Gaza in response to a bombing in Rafah.",
])
def test_events_content_attack_without_answer_stays(run, text: str) -> None:
    assert _types(run, text) == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "Kenya met its target for troop contributions to Somalia.",
    "The contractor said it had met the deadline for the new bridge.",
])
def test_events_content_meeting_a_target_is_no_meeting(run, text: str) -> None:
    assert "CONSULT" not in _types(run, text)


def test_events_content_meeting_demands_is_concede(run) -> None:
    assert _types(run, "Sudan met the rebels' demands on Monday.") == ["CONCEDE"]
    assert _types(run, "Sudan said it would not meet the rebels' demands.") == ["REJECT"]  # a refused concession


def test_events_content_meeting_a_leader_stays_consult(run) -> None:
    assert _types(run, "Ruto met Museveni in Kampala on Monday.") == ["CONSULT"]
