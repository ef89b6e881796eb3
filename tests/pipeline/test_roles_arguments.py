"""Who the role reader (pipeline/roles.py) picks as an event's actor and recipient, class by class:
pronoun subjects of reported speech, coordinated nationality adjectives, prepositional phrases hung
on the wrong noun. Sentences written by us; each test fails if the class regresses.
"""

from __future__ import annotations

import jsonschema
import pytest

from tidings.pipeline import roles
from tidings.resources import load_schema, load_yaml


def _token(doc, text: str):
    return next(t for t in doc if t.text == text)


def _event(report, event_type: str):
    found = [e for e in report.events if e.type == event_type]
    assert found, f"no {event_type} event in {[(e.type, e.trigger.text) for e in report.events]}"
    return found[0]


def test_roles_arguments_data_validates() -> None:
    jsonschema.validate(load_yaml("arguments.yaml"), load_schema("arguments.schema.json"))


@pytest.mark.parametrize("text, verb, speaker", [
    ("A group of Tuareg elders announced on Friday that they would free the two engineers.", "free", "group"),
    ("The rebel commanders said they had attacked the checkpoint overnight.", "attacked", "commanders"),
    ("The Kenyan minister told reporters that he would meet the envoy on Monday.", "meet", "minister"),
])
def test_roles_pronoun_subject_of_reported_speech_stands_for_the_speaker(nlp, text: str, verb: str,
                                                                         speaker: str) -> None:
    doc = nlp(text)
    assert [t.text for t in roles.subjects(_token(doc, verb))] == [speaker]


@pytest.mark.parametrize("text, verb", [
    ("The statement said it would attack the border posts.", "attack"),  # a document is no party
    ("The ministers said he would resign on Monday.", "resign"),  # "he" cannot be the ministers
])
def test_roles_pronoun_kept_when_the_speaker_cannot_be_its_antecedent(nlp, text: str, verb: str) -> None:
    doc = nlp(text)
    assert [t.pos_ for t in roles.subjects(_token(doc, verb))] == ["PRON"]


def test_roles_reported_speech_speaker_gives_the_actor(run) -> None:
    report = run("A council of Yoruba elders declared on Friday that they are willing to pardon the governor.")
    assert "yoruba" in _event(report, "AGREE").actors


def test_roles_resolved_pronoun_kept_when_the_speaker_names_no_actor(run) -> None:
    # "they" already points at al-Shabaab; the speaker's own phrase ("Fighters") names no actor
    report = run("Fighters loyal to al-Shabaab's commander in Jilib said they attacked an army base near Afgoye.")
    assert _event(report, "ASSAULT").actors == ["al_shabaab"]


@pytest.mark.parametrize("text, event_type, expected", [
    ("Egyptian and Jordanian officials met in Amman on Monday.", "CONSULT", {"egypt", "jordan"}),
    ("Senior Kenyan and Ugandan officials agreed on Tuesday to reopen the border with South Sudan.", "AGREE",
     {"kenya", "uganda"}),
])
def test_roles_coordinated_nationalities_name_two_parties(run, text: str, event_type: str,
                                                           expected: set[str]) -> None:
    assert expected <= set(_event(run(text), event_type).actors)


def test_roles_lower_case_coordinated_modifiers_stay_one_party(nlp) -> None:
    doc = nlp("The mission flew medical and technical personnel to the border.")
    assert [t.text for t in roles.objects(_token(doc, "flew"))] == ["personnel"]


def test_roles_preposition_hung_on_the_agent_names_the_target(run) -> None:
    event = _event(run("The attack by Islamic State militants on the army checkpoint killed five soldiers."), "ASSAULT")
    assert event.actors == ["islamic_state"]
    assert [s.text for s in event.recipient_spans] == ["the army checkpoint"]


def test_roles_of_phrase_stays_with_its_own_noun(run) -> None:
    event = _event(run("The attack by fighters of the Islamic State killed five soldiers near Mosul."), "ASSAULT")
    assert "islamic_state" not in event.recipients


def test_roles_preposition_hung_on_the_object_names_the_recipient(run) -> None:
    event = _event(run("The Arab League demanded political autonomy from the Sudanese authorities for Darfur."),
                   "REQUEST")
    assert event.recipients == ["sudan"]


def test_roles_reflexive_object_is_no_recipient(nlp) -> None:
    doc = nlp("On Sunday near Herat, a bomber blew himself up at a checkpoint, wounding nine guards.")
    assert roles.objects(_token(doc, "blew")) == []


# -- recipients beyond the entry's own slots (roles.context_recipients) ---------------------------


@pytest.mark.parametrize("text, event_type, recipient", [
    ("Kenya withdrew its troops from Somalia on Friday.", "RETREAT", "Somalia"),  # a state named by "from"
    ("The Kenyan government lifted the curfew in Mombasa on Monday.", "CONCEDE", "Mombasa"),  # a city
])
def test_roles_place_the_act_is_done_in_is_the_recipient(run, text: str, event_type: str, recipient: str) -> None:
    event = _event(run(text), event_type)
    assert [s.text for s in event.recipient_spans] == [recipient]


def test_roles_place_name_read_through_a_place_noun(nlp) -> None:
    doc = nlp("The army imposed a curfew in the capital Kabul on Sunday.")
    assert [t.text for t in roles.place_recipients(_token(doc, "imposed"), None, "COERCE")] == ["Kabul"]
    doc = nlp("The rebels agreed to open an office in the northern city of Gulu.")
    assert [t.text for t in roles.place_recipients(_token(doc, "agreed"), None, "AGREE")] == ["Gulu"]


def test_roles_venue_of_a_meeting_or_an_attack_is_no_recipient(nlp) -> None:
    doc = nlp("The Kenyan envoy held talks in Geneva on Monday.")
    assert roles.place_recipients(_token(doc, "held"), None, "CONSULT") == []
    doc = nlp("The militants set off two bombs in the capital Mogadishu on Sunday.")
    assert roles.place_recipients(_token(doc, "set"), None, "ASSAULT") == []


@pytest.mark.parametrize("text, event_type, recipient", [
    ("The Kenyan president refused to meet the Sudanese envoy.", "REJECT", "sudan"),
    ("Kenya offered to negotiate directly with the president of Somalia.", "AGREE", "somalia"),
])
def test_roles_embedding_verb_takes_the_party_of_its_complement(run, text: str, event_type: str,
                                                                recipient: str) -> None:
    assert _event(run(text), event_type).recipients == [recipient]


def test_roles_complement_object_must_name_a_party(nlp) -> None:
    doc = nlp("Ethiopia threatened to suspend the negotiations.")
    assert roles.context_recipients(_token(doc, "threatened"), None, "THREATEN") == []


def test_roles_subject_of_a_condition_is_the_recipient_of_a_threat(run) -> None:
    event = _event(run("Iran threatened to close the strait if the United States imposes new sanctions."), "THREATEN")
    assert event.actors == ["iran"]
    assert event.recipients == ["united_states"]


def test_roles_of_phrase_of_a_verbs_object_fills_the_slot(nlp) -> None:
    doc = nlp("The protesters demanded the resignation of the governor.")
    assert [t.text for t in roles.slot_tokens(_token(doc, "demanded"), "prep:of")] == ["governor"]


def test_roles_protest_recipient_is_the_party_its_purpose_names(nlp) -> None:
    doc = nlp("Kenyan students marched to renew their demands for reforms from President Ruto's government.")
    assert [t.text for t in roles.context_recipients(_token(doc, "marched"), None, "PROTEST")] == ["Ruto"]
    # a protest's purpose names no recipient for other types, and a pronoun there is the protesters
    assert roles.context_recipients(_token(doc, "marched"), None, "CONSULT") == []
    doc = nlp("The farmers marched to press their demands.")
    assert roles.context_recipients(_token(doc, "marched"), None, "PROTEST") == []


def test_roles_confiscation_recipient_is_the_one_it_is_taken_from(run) -> None:
    event = _event(run("Kenyan police confiscated weapons from the militia members."), "COERCE")
    assert [s.text for s in event.recipient_spans] == ["the militia members"]


def test_roles_mobilisation_recipient_is_the_adversary_its_purpose_names(nlp) -> None:
    doc = nlp("Armenia mobilized thousands of reservists for an expected war against Azerbaijan.")
    assert [t.text for t in roles.context_recipients(_token(doc, "mobilized"), None, "MOBILIZE")] == ["Azerbaijan"]


def test_roles_refused_admittance_names_the_people_turned_away(run) -> None:
    event = _event(run("Kenya kept refusing admittance to Somali refugees, the police said."), "REJECT")
    assert [s.text for s in event.recipient_spans] == ["Somali refugees"]
