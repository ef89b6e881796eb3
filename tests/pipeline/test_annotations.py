"""The per-doc token lists the components share are exactly what the tokens say."""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.pipeline.annotations import (
    PEOPLE_KEY, ends_of, entities_of, lemmas_of, lowers_of, offsets_of, people_of, punct_of, sentence_numbers,
    words_of,
)

TEXT = "KABUL (Reuters) - Taliban fighters ATTACKED a checkpoint on Tuesday, Ahmad Zia told reporters.\nAnother line."


def test_annotations_token_lists_match_the_tokens(nlp) -> None:
    doc = nlp(TEXT)
    assert words_of(doc) == [t.text for t in doc]
    assert lowers_of(doc) == [t.lower_ for t in doc]
    assert lemmas_of(doc) == [t.lemma_.lower() for t in doc]
    assert words_of(doc) is words_of(doc)  # built once per doc


def test_annotations_token_lists_of_an_empty_doc_are_empty(nlp) -> None:
    doc = nlp.make_doc("")
    assert words_of(doc) == lowers_of(doc) == lemmas_of(doc) == []


def test_annotations_people_are_the_person_entities_read_again_after_clearing(nlp) -> None:
    doc = nlp(TEXT)
    assert [e.text for e in people_of(doc)] == [e.text for e in doc.ents if e.label_ == "PERSON"]
    doc.ents = []
    assert people_of(doc)  # cached until a component clears it
    doc.user_data.pop(PEOPLE_KEY)
    assert people_of(doc) == []


def test_annotations_offsets_ends_and_punctuation_match_the_tokens(nlp) -> None:
    doc = nlp(TEXT)
    assert offsets_of(doc) == [t.idx for t in doc]
    assert ends_of(doc) == [t.idx + len(t.text) for t in doc]
    assert punct_of(doc) == [t.is_punct for t in doc]
    assert offsets_of(doc) is offsets_of(doc) and ends_of(doc) is ends_of(doc)  # built once per doc


def test_annotations_entities_are_the_doc_ents_read_again_on_every_call(nlp) -> None:
    doc = nlp(TEXT)
    assert entities_of(doc) == [(e.start, e.end, e.label_) for e in doc.ents]
    assert entities_of(doc)
    doc.ents = []
    assert entities_of(doc) == []  # never cached: a component may change the entities


def test_annotations_entities_of_hand_tagged_tokens(nlp) -> None:
    doc = Doc(nlp.vocab, words=["Troops", "left", "New", "York", "for", "Lagos", "Nigeria"],
              ents=["O", "O", "B-GPE", "I-GPE", "O", "B-GPE", "B-GPE"])
    assert entities_of(doc) == [(2, 4, "GPE"), (5, 6, "GPE"), (6, 7, "GPE")]
    assert entities_of(nlp.make_doc("")) == []


def test_annotations_sentence_numbers_follow_doc_sents(nlp) -> None:
    doc = nlp("Rebels shelled the town. Two people died. The army said nothing.")
    assert sentence_numbers(doc) == [n for n, s in enumerate(doc.sents) for _ in s]
    assert sentence_numbers(doc)[-1] == 2
