"""The event coder's parse readers on our own sentences: what a trigger's constraints see."""

from __future__ import annotations

import pytest

from tidings.pipeline import roles
from tidings.pipeline.event_parse import Around, sentence_index

TEXT = ("The rebels carried out a deadly car bomb attack on the base. "
        "Soldiers were attacked by gunmen near the border. "
        "Protesters gave up and went home.")


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def _reference(token) -> Around:
    """Around as read from the Token attributes, one look per child."""
    children = list(token.children)
    deps = ("nsubjpass",) if roles.is_passive(token) else ("dobj", "obj")
    objects = {c.lemma_.lower(): c for c in children if c.dep_ in deps}
    return Around(
        particles={c.lower_ for c in children if c.dep_ in ("prt", "advmod")},
        preps={c.lower_ for c in children if c.dep_ in ("prep", "agent", "dative")},
        objects=objects,
        modifiers={c.lemma_.lower() for c in children if c.i < token.i}
        | {token.doc[k].lemma_.lower() for k in range(max(0, token.i - 3), token.i)},
        transitive=any(c.dep_ in {"dobj", "obj", "ccomp", "xcomp", "nsubjpass"} for c in children),
    )


def test_event_parse_around_reads_what_the_tokens_say(doc) -> None:
    for token in doc:
        around, expected = Around.of(token), _reference(token)
        assert around.particles == expected.particles and around.preps == expected.preps
        assert around.modifiers == expected.modifiers and around.transitive == expected.transitive
        # the measured objects ("tons of food") come on top of the parse's own objects
        objects = {k: v.i for k, v in around.objects.items()}
        assert objects.items() >= {k: v.i for k, v in expected.objects.items()}.items()


def test_event_parse_around_of_a_passive_and_a_particle(doc) -> None:
    attacked = next(t for t in doc if t.lower_ == "attacked")
    around = Around.of(attacked)
    assert "soldier" in around.objects and "agent" not in around.preps and "by" in around.preps
    gave = next(t for t in doc if t.lower_ == "gave")
    assert "up" in Around.of(gave).particles
    attack = next(t for t in doc if t.lower_ == "attack")
    assert {"car", "bomb"} <= Around.of(attack).modifiers  # the three words before the noun


def test_event_parse_sentence_index_counts_sentences(doc) -> None:
    assert [sentence_index(doc, t.i) for t in doc] == [n for n, s in enumerate(doc.sents) for _ in s]
    assert sentence_index(doc, len(doc) - 1) == 2
