"""What the words around a name do to an actor mention (pipeline/actor_spans.py, pipeline/actors.py):
place nouns after a name, a leader's "administration", communities (ETH), nationality adjectives
before a located collective noun. Sentences written by us.
"""

from __future__ import annotations

import pytest


def _resolved(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {doc.text[m.start:m.end]: m.actor for m in doc._.actor_mentions}


@pytest.mark.parametrize("text, name", [
    ("Two men were wounded in a gunfight between soldiers and smugglers in the Dawson area.", "Dawson"),
    ("A bomb went off outside the Hendricks Hotel on Friday.", "Hendricks"),
])
def test_actors_context_name_before_a_place_noun_is_no_actor(nlp, text: str, name: str) -> None:
    assert not any(name in surface for surface in _resolved(nlp, text))


def test_actors_context_known_leader_administration_is_the_government(nlp) -> None:
    doc = nlp("The Obama administration imposed new sanctions on Syrian officials.")
    resolved = {doc.text[m.start:m.end]: m.actor for m in doc._.actor_mentions}
    assert resolved.get("Obama administration") == "united_states"


def test_actors_context_leader_administration_follows_the_article_date(run) -> None:
    report = run("The Trump administration imposed new sanctions on Venezuelan officials.", published="2018-05-02")
    sanction = next(e for e in report.events if e.type == "SANCTION")
    assert sanction.actors == ["united_states"]


def test_actors_context_unknown_leader_administration_is_a_guessed_government(nlp) -> None:
    doc = nlp("The Hallgrimsson administration rejected the proposal on Monday.")
    ids = [m.actor for m in doc._.actor_mentions if m.resolved_by == "leader"]
    assert len(ids) == 1 and ids[0].endswith("_administration")
    assert doc._.actor_guesses[ids[0]]["kind"] == "government"


@pytest.mark.parametrize("text, surface, actor", [
    ("Hundreds of Tuareg herders fled across the border into Niger.", "Tuareg", "tuareg"),
    ("Yoruba leaders met the governor in Ibadan on Tuesday.", "Yoruba", "yoruba"),
    ("Up to 200 ethnic Albanians marched through the town on Sunday.", "ethnic Albanians", "ethnic_albanians"),
    ("Thousands of Iraqi Kurds marched in Erbil.", "Iraqi Kurds", "iraq_people"),  # a state's adjective wins
])
def test_actors_context_communities_resolve(nlp, text: str, surface: str, actor: str) -> None:
    assert _resolved(nlp, text).get(surface) == actor


def test_actors_context_nationality_before_a_located_noun_keeps_the_nationality(nlp) -> None:
    resolved = _resolved(nlp, "Washington froze its support for Ethiopian rebels in Sudan.")
    assert resolved.get("Ethiopian rebels") == "ethiopia_rebels"
    assert "sudan_rebels" not in resolved.values()


def test_actors_context_located_noun_without_nationality_is_the_state_institution(nlp) -> None:
    assert _resolved(nlp, "On Sunday police in Kenya arrested five suspects.").get("police in Kenya") == "kenya_police"


def test_actors_context_leader_name_shared_with_a_town_still_makes_a_government(run) -> None:
    report = run("The Bush administration declared on Tuesday that Cuba must free the dissidents.", published="2003-04-01")
    governments = [a for a in report.actors if a.kind == "government" and any(
        m.text == "Bush administration" for m in a.mentions)]
    assert len(governments) == 1


def test_actors_context_fuzzy_queries_entities_then_capitalised_runs(nlp) -> None:
    from tidings.pipeline.actor_spans import fuzzy_queries

    doc = nlp("Fighters of the Jaish al-Fatah Brigades met Omar Hassan al-Bakri near Idlib on Friday.")
    connectors = frozenset({"al", "of"})
    spans = [s.text for s in fuzzy_queries(doc, set(), {"ORG", "PERSON"}, connectors)]
    assert spans == [s.text for s in fuzzy_queries(doc, set(), {"ORG", "PERSON"}, connectors, doc.ents)]
    assert any("Jaish al-Fatah Brigades" in s for s in spans)
    assert any(s.startswith("Omar Hassan") for s in spans)
    # a taken token ends a run: what the dictionary matched is never looked up again
    jaish = next(t.i for t in doc if t.text == "Jaish")
    rest = [s.text for s in fuzzy_queries(doc, set(range(jaish, jaish + 4)), set(), connectors)]
    assert not any("Jaish" in s or "Fatah" in s for s in rest) and any(s.startswith("Omar") for s in rest)
