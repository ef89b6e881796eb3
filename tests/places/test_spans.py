"""Toponym spans from hand-tagged Docs: sources, trimming, the actor fence and character offsets."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from tidings.pipeline.annotations import entities_of
from tidings.places.spans import Toponym, candidate_spans, span_chars

WORDS = ["Militants", "attacked", "the", "Gaza", "Strip", "and", "Rafah", "'s", "gate", "near", "North", "Sinai", "."]
POS = ["NOUN", "VERB", "DET", "PROPN", "PROPN", "CCONJ", "PROPN", "PART", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"]
ENTS = ["O", "O", "B-GPE", "I-GPE", "I-GPE", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"]


@pytest.fixture(scope="module")
def doc(nlp) -> Doc:
    # the model's vocabulary: its lexical attributes (``lower_``) are the ones the pipeline sees
    return Doc(nlp.vocab, words=WORDS, pos=POS, ents=ENTS)


def _chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    return doc[i:j].start_char, doc[i:j].end_char


def test_spans_sources_trimming_and_curated_over_the_model(doc) -> None:
    # "the Gaza Strip" loses "the"; the PERSON "Rafah 's" loses the possessive; "North Sinai" is both an
    # untagged proper noun run and a curated name (curated wins the tie); lower-case "gate" is no name
    found = candidate_spans(doc, [(10, 12), (8, 9)], [])
    assert found == [Toponym(3, 5, "ner", "GPE"), Toponym(6, 7, "mislabel", "PERSON"), Toponym(10, 12, "curated")]


def test_spans_given_entities_give_the_same_spans(doc) -> None:
    assert candidate_spans(doc, [(10, 12)], [], ents=entities_of(doc)) == candidate_spans(doc, [(10, 12)], [])


def test_spans_inside_a_long_actor_span_are_blocked_whatever_the_spans_after_it(doc) -> None:
    # the short second span ends before "Rafah": only the first one, reaching past it, blocks it
    blocked = [(0, _chars(doc, 6, 7)[1]), (1, 2)]
    assert [(t.i, t.j) for t in candidate_spans(doc, [], blocked)] == [(10, 12)]


def test_spans_an_actor_span_that_only_touches_blocks_nothing(doc) -> None:
    start, end = _chars(doc, 10, 12)
    touching = [(end, end + 2), (start - 1, start)]
    assert [(t.i, t.j) for t in candidate_spans(doc, [], touching)] == [(3, 5), (6, 7), (10, 12)]
    assert [(t.i, t.j) for t in candidate_spans(doc, [], [(end - 1, end)])] == [(3, 5), (6, 7)]


def test_spans_character_offsets_are_the_tokens_offsets(doc) -> None:
    for i in range(len(doc)):
        for j in range(i + 1, len(doc) + 1):
            assert span_chars(doc, i, j) == _chars(doc, i, j)
