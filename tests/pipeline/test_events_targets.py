"""Which argument of an attack is its target or author, and when two attacks of a sentence differ
(pipeline/event_targets.py, data/attack_arguments.yaml).

Sentences are our own. Each rule has a sentence it must change and one it must leave alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "tidings" / "data"


def _assaults(report) -> list:
    return sorted((e for e in report.events if e.type == "ASSAULT"), key=lambda e: e.trigger.start)


def _texts(spans) -> list[str]:
    return [s.text for s in spans]


def test_events_targets_data_validates() -> None:
    data = yaml.safe_load((DATA / "attack_arguments.yaml").read_text(encoding="utf-8"))
    schema = json.loads((DATA / "schemas" / "attack_arguments.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    data["place_entities"] = ["gpe"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize("text, place", [
    ("Insurgents set off a bomb in Kandahar, killing four.", "Kandahar"),
    ("Rebels committed a massacre in the village of Tarso.", "village"),
    ("The device was detonated near the city centre on Sunday.", "centre"),
    ("Two bombs exploded near the town of Tarso on Sunday.", "town"),
])
def test_events_targets_a_place_phrase_is_no_target(run, text: str, place: str) -> None:
    (event,) = _assaults(run(text))  # the attack is still told
    assert not any(place in span for span in _texts(event.recipient_spans))


@pytest.mark.parametrize("text, target", [
    ("A bomber detonated his vest at the checkpoint on Tuesday.", "checkpoint"),
    ("Militants fired rockets at the town overnight.", "town"),
])
def test_events_targets_the_object_of_at_stays_the_target(run, text: str, target: str) -> None:
    (event,) = _assaults(run(text))
    assert any(target in span for span in _texts(event.recipient_spans))


def test_events_targets_the_pharmacy_in_a_town_is_the_target_not_the_country(run) -> None:
    (event,) = _assaults(run("Militants staged an attack on a pharmacy in Tours, France."))
    assert "france" not in event.recipients
    assert _texts(event.recipient_spans)[0].startswith("a pharmacy")


def test_events_targets_an_unknown_name_before_the_attack_noun_is_no_author(run) -> None:
    (event,) = _assaults(run("The Carlton Hotel bombing killed six people."))
    assert not event.actors and not event.actor_spans


def test_events_targets_a_known_group_before_the_attack_noun_is_the_author(run) -> None:
    (event,) = _assaults(run("A Hamas attack on the crossing killed two soldiers."))
    assert "hamas" in event.actors


def test_events_targets_the_possessor_of_a_decision_carries_out_its_infinitive(run) -> None:
    report = run("The Taliban's decision to carry out the attacks surprised diplomats in Kabul.")
    (event,) = _assaults(report)
    assert "taliban" in event.actors


def test_events_targets_they_does_not_refer_back_to_one_person(run) -> None:
    report = run("Governor Mirela Stanek survived an ambush on Monday. They attacked her again on Friday, she said.")
    stanek = {a.id for a in report.actors if "Stanek" in a.name}
    attacked = [e for e in _assaults(report) if e.trigger.text == "attacked"]
    assert stanek and attacked
    assert not set(attacked[0].actors) & stanek


def test_events_targets_an_attack_told_with_its_casualties_is_still_one_event(run) -> None:
    (event,) = _assaults(run("Militants attacked a checkpoint near Arish, killing five soldiers."))
    assert "killing" in _texts(event.mentions)


def test_events_targets_the_opportunity_to_attack_is_not_the_attack_that_gave_it(run) -> None:
    report = run("The bombing of the depot gave the rebels an opportunity to attack the garrison.")
    attack = [e for e in _assaults(report) if e.trigger.text.startswith("attack")]
    assert attack, "the infinitive is an event of its own"
    assert any("garrison" in span for span in _texts(attack[0].recipient_spans))


def test_events_targets_an_affiliation_keeps_the_noun_it_modifies_in_the_span(run) -> None:
    (event,) = _assaults(run("More than twenty Syrian government soldiers were killed on Sunday."))
    assert "syria" in event.recipients
    assert any("soldiers" in span for span in _texts(event.recipient_spans))


@pytest.mark.parametrize("text, author", [
    ("The town has seen several attacks carried out by militants.", "militants"),
    ("Police said 12 men were involved in the attack on the embassy.", "12 men"),
    ("Those involved in the attack fled across the border.", "Those"),
])
def test_events_targets_who_took_part_in_a_nominal_attack_is_its_author(run, text: str, author: str) -> None:
    (event,) = _assaults(run(text))
    assert author in _texts(event.actor_spans)


def test_events_targets_the_group_behind_the_attack_is_its_author(run) -> None:
    (event,) = _assaults(run("Officials said al-Shabab was behind the attack."))
    assert "al_shabaab" in event.actors


def test_events_targets_a_clause_that_only_comments_names_no_author(run) -> None:
    events = _assaults(run("The attack, condemned by the United Nations, killed four villagers."))
    assert events and not any(e.actors or e.actor_spans for e in events)


def test_events_targets_a_nominal_twin_adds_its_target_to_the_killing(run) -> None:
    (event,) = _assaults(run("Five people were killed on Friday in an attack on a police checkpoint."))
    spans = _texts(event.recipient_spans)
    assert any("checkpoint" in span for span in spans) and any("people" in span for span in spans)


def test_events_targets_a_relative_clause_says_what_the_attack_aimed_at(run) -> None:
    report = run("The rebels claimed the bombings, which appeared to be aimed at commuters.")
    (event,) = _assaults(report)
    assert "commuters" in _texts(event.recipient_spans)


def test_events_targets_a_relative_clause_of_casualties_is_no_aim(run) -> None:
    from tidings.pipeline.event_targets import harm_clause
    from tidings.nlp import load_pipeline

    doc = load_pipeline()("A blast which injured four guards shook the depot.")
    blast = next(t for t in doc if t.lower_ == "blast")
    assert harm_clause(blast, {"injure", "target"}, {"injure"}) is None
    assert harm_clause(blast, {"injure", "target"}) is not None


@pytest.mark.parametrize("text, place", [
    ("The army's shelling of the town lasted all night.", "town"),
    ("The bombing of the village lasted three days.", "village"),
])
def test_events_targets_a_place_no_actor_stands_for_is_no_target(run, text: str, place: str) -> None:
    (event,) = _assaults(run(text))
    assert not any(place in span for span in _texts(event.recipient_spans))


def test_events_targets_a_place_after_a_preposition_of_aim_stays_the_target(run) -> None:
    (event,) = _assaults(run("Militants launched attacks on French soil last year."))
    assert any("soil" in span for span in _texts(event.recipient_spans))


@pytest.mark.parametrize("text, target", [
    ("A shooting at a nightclub left two people dead.", "a nightclub"),
    ("The bombing at the cafe was never solved.", "the cafe"),
])
def test_events_targets_what_a_nominal_attack_happened_at_is_its_target(run, text: str, target: str) -> None:
    events = _assaults(run(text))
    assert any(target in _texts(e.recipient_spans) for e in events)


def test_events_targets_a_time_after_at_is_no_target(run) -> None:
    (event,) = _assaults(run("An attack at dawn left three soldiers dead."))
    assert not any("dawn" in span for span in _texts(event.recipient_spans))
    (placed,) = _assaults(run("An attack at the checkpoint left three soldiers dead."))  # the same shape hits
    assert "the checkpoint" in _texts(placed.recipient_spans)


def test_events_targets_destroying_evidence_is_no_attack(run) -> None:
    assert not _assaults(run("The driver was charged with destroying evidence after the crash."))


def test_events_targets_a_later_mention_names_the_authors_the_attack_lacked(run) -> None:
    report = run("A bomb exploded outside the embassy on Monday, killing two guards. "
                 "Police said five men were involved in the attack.")
    (event,) = _assaults(report)
    assert "attack" in _texts(event.mentions)
    assert "five men" in _texts(event.actor_spans)


def test_events_targets_a_twin_in_the_sentence_adds_no_unnamed_author(run) -> None:
    report = run("The explosion tore through the market at noon, killing 12 shoppers.")
    (event,) = _assaults(report)
    assert not any("explosion" in span for span in _texts(event.actor_spans))


def test_events_targets_a_compound_attack_noun_is_read_through_its_head(run) -> None:
    (event,) = _assaults(run("Investigators said nine men were involved in the botched assassination attempt."))
    assert "nine men" in _texts(event.actor_spans)


def test_events_targets_a_verb_spelled_like_a_document_is_no_figurative_target(run) -> None:
    # "file" is a document noun the guards read as no target; the verb "filed" is not one
    assert _assaults(run("Charges were filed in the market bombing."))


@pytest.mark.parametrize("text", [
    "Police arrested two men behind the bombing.",
    "Troops advanced behind the attack on Monday.",
])
def test_events_targets_behind_names_the_perpetrator_only_after_be(run, text: str) -> None:
    (event,) = _assaults(run(text))
    assert not {"Police", "Troops"} & set(_texts(event.actor_spans))


def test_events_targets_was_behind_names_the_perpetrator(run) -> None:
    (event,) = _assaults(run("Al-Shabab was behind the attack on the hotel."))
    assert "Al-Shabab" in _texts(event.actor_spans)
