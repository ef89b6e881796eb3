"""Reading a Doc without a Token per word (pipeline/actor_words.py): every helper must give what spaCy's
own attributes give, on a headline-length text and on one long enough for the array search. Our sentences."""

from __future__ import annotations

import pytest
from spacy.attrs import LOWER, ORTH

from tidings.pipeline.actor_groups import unknown_actor_id
from tidings.pipeline.actor_words import (
    WordFinder, hashes, sentence_start, sentence_starts, span_text, tokens_with,
)

SHORT = "Egyptian officials said it was over."
LONG = (
    "Egyptian officials said on Monday that the army had closed the crossing. "
    "In Cairo, the government denied it. Sudanese and Chadish soldiers - and their commanders - met "
    "the Umma party in Khartoum; they said the talks, which lasted \u2018three days\u2019, went well. "
) * 3


@pytest.fixture(scope="module", params=[SHORT, LONG], ids=["short", "long"])
def doc(nlp, request):
    return nlp(request.param)


def test_actors_words_finder_gives_what_tokens_with_gives(doc) -> None:
    sets = {"adjective": (LOWER, hashes(["egyptian", "sudanese"])), "capital": (ORTH, hashes(["Cairo"]) | {
        doc.vocab.strings["Cairo"], doc.vocab.strings["Khartoum"]}), "pronoun": (LOWER, hashes(["it", "they"])),
        "none": (LOWER, hashes(["zanzibar"]))}
    found = WordFinder(sets).find(doc)
    for name, (attr, wanted) in sets.items():
        assert [t.i for t in found[name]] == [t.i for t in tokens_with(doc, attr, wanted)]
        assert [t.i for t in found[name]] == [t.i for t in doc if (t.lower if attr == LOWER else t.orth) in wanted]
    assert found["pronoun"] and not found["none"]


def test_actors_words_span_text_is_the_spans_text(doc) -> None:
    for i in range(len(doc)):
        for j in range(i + 1, min(i + 4, len(doc)) + 1):
            assert span_text(doc, i, j) == doc[i:j].text


def test_actors_words_sentence_start_is_the_tokens_sentence(doc) -> None:
    starts = sentence_starts(doc)
    assert starts is not None
    assert [sentence_start(starts, t.i) for t in doc] == [t.sent.start for t in doc]


def test_actors_words_without_sentence_boundaries_asks_spacy(nlp) -> None:
    assert sentence_starts(nlp.make_doc("No parse here")) is None


def test_actors_groups_unknown_id_is_made_from_the_name() -> None:
    assert unknown_actor_id("the Umma (Nation) Party") == "unk:the_umma_nation_party"


def test_actors_words_an_empty_set_finds_nothing_in_a_long_doc(nlp) -> None:
    doc = nlp(LONG)
    assert len(doc) >= 80  # the array search, not the loop
    assert WordFinder({"none": (ORTH, frozenset())}).find(doc) == {"none": []}
    assert tokens_with(doc, ORTH, frozenset()) == []
