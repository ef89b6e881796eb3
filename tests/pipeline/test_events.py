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


# -- one sentence per type (and mode) of our own ---------------------------------------------------

@pytest.mark.parametrize(
    "text, event_type, mode",
    [
        ("Egypt agreed to reopen the Rafah crossing.", "AGREE", None),
        ("The Turkish foreign minister met his Russian counterpart in Ankara.", "CONSULT", None),
        ("The Iranian president visited Damascus on Monday.", "CONSULT", "visit"),
        ("Qatar praised Egypt for its mediation.", "SUPPORT", None),
        ("Egypt lifted the curfew in North Sinai.", "CONCEDE", None),
        ("Jordan shared intelligence with Egypt.", "COOPERATE", None),
        ("Turkey sent weapons to the Syrian National Army.", "AID", None),
        ("Hamas released two Israeli hostages on Monday.", "RETREAT", "release"),
        ("Russia withdrew its troops from Kherson.", "RETREAT", None),
        ("The United Nations urged Israel to allow more aid into Gaza.", "REQUEST", None),
        ("Egypt condemned the Israeli raid on Jenin.", "ACCUSE", None),
        ("Hamas rejected the Egyptian proposal.", "REJECT", None),
        ("Hezbollah threatened to attack Israel.", "THREATEN", None),
        ("Thousands of protesters demonstrated against the government in Cairo.", "PROTEST", "demo"),
        ("The European Union imposed sanctions on Russia.", "SANCTION", None),
        ("Turkey deployed troops along the Syrian border.", "MOBILIZE", None),
        ("The Egyptian police arrested dozens of Muslim Brotherhood members.", "COERCE", "arrest"),
        ("Israeli jets bombed Hamas positions in Gaza.", "ASSAULT", "aerial"),
        ("Gunmen kidnapped three aid workers in Sinai.", "ASSAULT", "abduct"),
        ("Boko Haram fighters shot two soldiers in Borno.", "ASSAULT", "firearms"),
    ],
)
def test_events_each_type_and_mode(run, text: str, event_type: str, mode: str | None) -> None:
    events = run(text).events
    assert events, text
    assert events[0].type == event_type, [(e.type, e.mode) for e in events]
    if mode is not None:
        assert events[0].mode == mode, [(e.type, e.mode) for e in events]
    assert events[0].cameo, "every coded event carries a CAMEO code"


# -- hard syntactic cases --------------------------------------------------------------------------

def test_events_coordinated_actors_are_all_actors(run) -> None:
    events = run("Egypt and Jordan condemned the Israeli strikes on Gaza.").events
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and set(accuse[0].actors) >= {"egypt", "jordan"}


def test_events_relative_clause_subject_is_the_noun(run) -> None:
    events = run("Al-Shabaab, which attacked a hotel in Mogadishu, is linked to al-Qaeda.").events
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and assault[0].actors == ["al_shabaab"]


def test_events_agreed_to_action_is_one_agree_with_the_inner_recipient(run) -> None:
    events = run("Libya offered to hand over the two suspects to Britain.").events
    assert [e.type for e in events] == ["AGREE"]
    assert events[0].actors == ["libya"] and events[0].recipients == ["united_kingdom"]


def test_events_ready_to_is_agree(run) -> None:
    events = run("France is ready to send troops to Mali.").events
    assert events and events[0].type == "AGREE" and events[0].actors == ["france"]


def test_events_accused_of_attacking_keeps_accusation_and_alleged_act(run) -> None:
    # issue 6: "A accuses B of X" keeps both A's accusation and B's act, the act only alleged
    events = run("Ukraine accused Russia of shelling the nuclear plant.").events
    assert sorted(e.type for e in events) == ["ACCUSE", "ASSAULT"]
    shelling = next(e for e in events if e.type == "ASSAULT")
    assert shelling.actors == ["russia"] and shelling.status == "alleged"


def test_events_passive_without_agent_keeps_the_victim(run) -> None:
    events = run("A senior Egyptian officer was killed in Sinai on Sunday.").events
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].actors == [] and events[0].recipient_spans


def test_events_died_in_a_violent_sentence_is_an_assault(run) -> None:
    events = run("Two soldiers died after a roadside bomb exploded under their vehicle.").events
    assert "ASSAULT" in [e.type for e in events]


def test_events_died_of_illness_is_not_an_assault(run) -> None:
    assert run("The former president died in a hospital in Paris at the age of 91.").events == []


def test_events_noun_shooting_is_an_assault(run) -> None:
    events = run("A man was wounded in a shooting in Cairo on Friday.").events
    assert "ASSAULT" in [e.type for e in events]


def test_events_two_sided_fighting_lists_both_sides_as_actors(run) -> None:
    events = run("Clashes between the Sudanese army and the Rapid Support Forces erupted in Khartoum.").events
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and len(assault[0].actors) == 2 and assault[0].recipients == []


def test_events_pronoun_subject_takes_the_previous_sentence_actor(run) -> None:
    events = run("Al-Shabaab claimed a bombing in Mogadishu. It also attacked an army base in Baidoa.").events
    attacked = [e for e in events if e.trigger.text.startswith("attacked")]
    assert attacked and attacked[0].actors == ["al_shabaab"]


# -- PLOVER rules ----------------------------------------------------------------------------------

def test_events_cooperate_without_recipient_is_not_coded(run) -> None:
    assert [e for e in run("Egypt shared intelligence.").events if e.type == "COOPERATE"] == []


def test_events_mobilize_beside_an_assault_is_dropped(run) -> None:
    events = run("The army deployed tanks and shelled rebel positions near Idlib.").events
    assert "MOBILIZE" not in [e.type for e in events] and "ASSAULT" in [e.type for e in events]


def test_events_future_consult_becomes_agree(run) -> None:
    events = run("Egypt will hold talks with Israel next week.").events
    assert events and events[0].type == "AGREE" and events[0].status == "future"


def test_events_hypothetical_assault_keeps_a_threaten_cameo(run) -> None:
    events = run("Hezbollah would attack Israel if the strikes continued.").events
    assert events and events[0].type == "THREATEN" and events[0].cameo.startswith("13")


# -- supplementary fields and merging --------------------------------------------------------------

def test_events_casualties_and_weapon_are_read(run) -> None:
    events = run("Militants detonated a car bomb in Mogadishu, killing 25 people and wounding dozens.").events
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and assault[0].dead == 25 and assault[0].injured == 24
    assert assault[0].weapon == "car bomb"


def test_events_protest_size_is_read(run) -> None:
    events = run("Thousands of protesters demonstrated against the government in Khartoum.").events
    assert events and events[0].type == "PROTEST" and events[0].size == 2000


def test_events_later_definite_mention_merges_into_the_event(run) -> None:
    text = ("Al-Shabaab attacked an army base in Baidoa on Monday. "
            "The attack killed nine soldiers, the army said.")
    assault = [e for e in run(text).events if e.type == "ASSAULT"]
    assert len(assault) == 1 and assault[0].mentions and assault[0].dead == 9


def test_events_to_dict_carries_the_supplementary_fields(run) -> None:
    data = run("Gunmen shot dead four police officers in Arish.").to_dict()["events"]
    assert data and {"dead", "injured", "size", "weapon", "mentions", "cameo"} <= set(data[0])


# -- no event --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "The striker's attack down the left wing won the match for Liverpool.",
        "The attack was a turning point of the First World War, historians say.",
        "Many analysts think sanctions rarely change a government's behaviour.",
        "The opposition party announced its candidate for the election.",
    ],
)
def test_events_no_event_in_sport_opinion_or_background(run, text: str) -> None:
    assert [e.type for e in run(text).events if e.type in ("ASSAULT", "SANCTION")] == []
