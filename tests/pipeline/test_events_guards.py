"""When a matched trigger is not the event its entry names (pipeline/event_guards.py,
data/predicates_rules.yaml), and the predicates added for verbs the lexicon lacked.

Sentences are our own. Each class has sentences that must code the event and sentences that
must not.
"""

import pytest


def _types(run, text: str) -> list[str]:
    return [e.type for e in sorted(run(text).events, key=lambda e: e.trigger.start)]


def _first(run, text: str):
    events = sorted(run(text).events, key=lambda e: e.trigger.start)
    assert events, f"no event in {text!r}"
    return events[0]


@pytest.mark.parametrize("text", [
    "The ministry pledged new funds to attack the virus.",
    "Doctors said the campaign to battle cholera would take months.",
    "The government vowed to fight corruption in the ports.",
])
def test_events_guards_figurative_violence_codes_no_assault(run, text: str) -> None:
    assert "ASSAULT" not in _types(run, text)


@pytest.mark.parametrize("text", [
    "The opposition leader sharply attacked the government's budget plan.",
    "The senator attacked the defence minister in a speech on Tuesday.",
])
def test_events_guards_verbal_criticism_is_accuse(run, text: str) -> None:
    event = _first(run, text)
    assert (event.type, event.cameo, event.mode) == ("ACCUSE", "111", "disapprove")


def test_events_guards_physical_attack_stays_assault(run) -> None:
    assert _types(run, "Militants attacked an army checkpoint near Arish.") == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "The withdrawal of the invasion forces began on Monday.",
    "Officials closed the former torture centre in the capital.",
])
def test_events_guards_event_noun_modifying_a_noun_is_no_event(run, text: str) -> None:
    assert "ASSAULT" not in _types(run, text)


def test_events_guards_modifier_noun_joins_the_event_already_told(run) -> None:
    report = run("A bomb went off near a pharmacy in Nantes, wounding nine people. "
                 "Officers later reopened the streets around the explosion site.")
    assaults = [e for e in report.events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert "explosion" in [m.text for m in assaults[0].mentions]


@pytest.mark.parametrize("text, expected", [
    ("Thousands of students staged rallies in Dhaka to demand new elections.", ["PROTEST"]),
    ("The Egyptian foreign minister telephoned his Russian counterpart to discuss the crisis.", ["CONSULT"]),
    ("Jordan rejected an American request to extradite the suspects.", ["REJECT"]),
])
def test_events_guards_purpose_is_part_of_the_act(run, text: str, expected: list[str]) -> None:
    assert _types(run, text) == expected


def test_events_guards_death_from_illness_beside_an_attack_is_no_second_assault(run) -> None:
    report = run("The ambush killed four soldiers near the border. "
                 "Their commander, who was on leave, died of cancer a week later.")
    assert [e.trigger.text for e in report.events] == ["ambush"]


def test_events_guards_quantity_noun_reaches_the_object(run) -> None:
    event = _first(run, "Japan will provide 20,000 tons of food aid to the refugees in Chad.")
    assert event.type == "AGREE" and event.status == "future"
    assert "aid" in event.trigger.text


def test_events_guards_obligation_without_a_lexicon_verb_is_a_request(run) -> None:
    event = _first(run, "Egypt said on Monday that Israel must allocate more water to Gaza.")
    assert (event.type, event.actors, event.recipients) == ("REQUEST", ["egypt"], ["israel"])


@pytest.mark.parametrize("text, expected", [
    ("Nigeria said it will withdraw its troops from Chad unless the president holds elections.", "THREATEN"),
    ("Nigeria said it will withdraw its troops from Chad next month.", "AGREE"),
    ("The Thai cabinet said it stood prepared to impose martial law across Bangkok.", "THREATEN"),
])
def test_events_guards_conditional_promise_is_a_threat(run, text: str, expected: str) -> None:
    assert _first(run, text).type == expected


def test_events_guards_violence_verb_with_sanctions_is_sanction(run) -> None:
    event = _first(run, "The United States hit Iran with new sanctions on Monday.")
    assert (event.type, event.cameo, event.actors, event.recipients) == ("SANCTION", "163", ["united_states"], ["iran"])


@pytest.mark.parametrize("text", [
    "The former guard now faces charges of murder.",
    "Such crimes bring the threat of execution.",
    "The Iranian army demonstrated its new missile on Tuesday.",
])
def test_events_guards_categories_and_transitive_uses_code_nothing(run, text: str) -> None:
    assert _types(run, text) == []


def test_events_guards_intransitive_demonstrate_is_a_protest(run) -> None:
    assert _types(run, "About 300 students demonstrated in Belgrade on Tuesday.") == ["PROTEST"]


def test_events_guards_carrying_out_a_bombing_is_violence_without_a_known_actor(run) -> None:
    report = run("Detectives questioned a woman accused of carrying out the bombing of the mosque.")
    assert "ASSAULT" in [e.type for e in report.events]


def test_events_guards_participle_describing_a_noun_is_background(run) -> None:
    text = "In a report handed over to the African Union, Sudan said it would allow monitors to return."
    assert "RETREAT" not in _types(run, text)


@pytest.mark.parametrize("text, event_type, cameo", [
    ("The king gave a warm welcome to the Sudanese president.", "CONSULT", "043"),
    ("Sudan and South Sudan renewed negotiations on Friday.", "CONSULT", "046"),
    ("Qatar launched a mediation effort between Saudi Arabia and the United Arab Emirates.", "CONSULT", "045"),
    ("Sudan shortened the curfew in Khartoum by two hours.", "CONCEDE", "0813"),
    ("Dock workers in Mombasa stopped work over unpaid wages.", "PROTEST", "143"),
    ("The Israeli army strengthened its forces along the border with Lebanon.", "MOBILIZE", "154"),
    ("The agency reduced fuel supplies to the refugee camp in Kenya.", "SANCTION", "162"),
    ("Turkish police prevented a rally by Kurdish students in Ankara.", "COERCE", "1721"),
    ("Egyptian prosecutors opened an investigation into the deaths of three detainees.", "ACCUSE", "090"),
    ("Germany paid compensation to Namibia for the colonial killings.", "RETREAT", "084"),
    ("Austrian volunteers handed over two tonnes of medicine to the Pakistani Red Crescent.", "AID", "073"),
    ("The Israeli army evacuated two outposts in the West Bank.", "RETREAT", "0874"),
    ("Indonesia has reneged on its promise to Australia to hold a referendum.", "REJECT", "120"),
])
def test_events_guards_new_predicates(run, text: str, event_type: str, cameo: str) -> None:
    event = _first(run, text)
    assert (event.type, event.cameo) == (event_type, cameo)
