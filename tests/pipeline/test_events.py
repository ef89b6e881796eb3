"""Event coding on sentences we wrote, with the real model: types, roles, modality."""

import pytest


def _events(run, text: str):
    return [(e.type, tuple(e.actors), tuple(e.recipients), e.status) for e in run(text).events]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sinai Province attacked an Egyptian army checkpoint near El Arish.",
         ("ASSAULT", ("sinai_province",), ("egypt_military",))),
        ("Hezbollah fired rockets at Israel on Sunday.", ("ASSAULT", ("hezbollah",), ("israel",))),
        ("Egypt and Israel held talks on the crossing.", ("CONSULT", ("egypt", "israel"), ())),
        ("Israel shared intelligence with the Egyptian military.", ("COOPERATE", ("israel",), ("egypt_military",))),
        ("Qatar sent humanitarian aid to Somalia.", ("AID", ("qatar",), ("somalia",))),
        ("The European Union imposed sanctions on Iran.", ("SANCTION", ("european_union",), ("iran",))),
        ("The Egyptian police arrested Muslim Brotherhood members in Cairo.",
         ("COERCE", ("egypt_police",), ("muslim_brotherhood",))),
        ("Egypt accused Hamas of harboring militants.", ("ACCUSE", ("egypt",), ("hamas",))),
        ("Russia withdrew its troops from Kherson.", ("RETREAT", ("russia",), ())),
        ("Turkey deployed troops to the Syrian border.", ("MOBILIZE", ("turkey",), ())),
    ],
)
def test_events_type_and_roles(run, text: str, expected) -> None:
    events = _events(run, text)
    assert any(e[:3] == expected or (e[0] == expected[0] and set(e[1]) == set(expected[1])
                                     and set(e[2]) >= set(expected[2])) for e in events), events


def test_events_passive_voice_with_permission_gives_the_actor(run) -> None:
    events = run("Weapons are being smuggled to Sinai Province with Hamas's permission.").events
    aid = [e for e in events if e.type == "AID"]
    assert aid and aid[0].actors == ["hamas"] and aid[0].recipients == ["sinai_province"]


def test_events_passive_voice_by_agent(run) -> None:
    events = run("An army checkpoint was attacked by Sinai Province on Sunday.").events
    assert [(e.type, e.actors) for e in events] == [("ASSAULT", ["sinai_province"])]


def test_events_help_x_do_y_is_aid_to_x(run) -> None:
    text = "Sinai Province fighters crossed the border. Hamas experts are helping the ISIS-affiliated group build bombs."
    aid = [e for e in run(text).events if e.type == "AID"]
    assert aid and aid[0].actors == ["hamas"] and aid[0].recipients == ["sinai_province"]


def test_events_negation_is_kept_with_status_negated(run) -> None:
    events = run("Hamas did not attack Israeli troops on Sunday.").events
    assert [(e.type, e.status) for e in events] == [("ASSAULT", "negated")]


def test_events_future_aid_becomes_agree(run) -> None:
    events = run("Qatar will send humanitarian aid to Gaza residents through Egypt, Qatari officials said.").events
    assert events and events[0].type == "AGREE" and events[0].status == "future"


def test_events_hypothetical_attack_becomes_threaten(run) -> None:
    events = run("Hezbollah would attack Israel if the strikes continued.").events
    assert [(e.type, e.status) for e in events] == [("THREATEN", "hypothetical")]


@pytest.mark.parametrize(
    "text",
    [
        "Barcelona's attack dominated the second half of the match.",
        "The weather was mild in Cairo on Sunday.",
        "Analysts believe the economy will grow next year.",
    ],
)
def test_events_sentences_without_political_events_code_nothing(run, text: str) -> None:
    assert run(text).events == []


def test_events_headline_is_not_coded_twice(run) -> None:
    text = "Hamas treats wounded Islamic State fighters\nHamas has been treating wounded fighters of Sinai Province."
    report = run(text)
    assert all(e.trigger.start > len("Hamas treats wounded Islamic State fighters") for e in report.events)


def test_events_two_clauses_of_one_attack_merge(run) -> None:
    events = run("Sinai Province attacked an Egyptian army checkpoint, killing five Egyptian soldiers.").events
    assert [e.type for e in events] == ["ASSAULT"]
