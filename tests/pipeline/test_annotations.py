"""The per-doc token lists the components share are exactly what the tokens say."""

from __future__ import annotations

from tidings.pipeline.annotations import PEOPLE_KEY, lemmas_of, lowers_of, people_of, words_of

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
