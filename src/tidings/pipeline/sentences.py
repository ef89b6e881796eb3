"""Sentence boundaries the parser should not have to guess: line breaks and rank abbreviations.

A headline, a byline or a photo credit on its own line is never part of the
next sentence, so every token after a line break starts a sentence (the parser
respects boundaries set before it). Abbreviated military ranks ("Maj.-Gen.")
become single tokens so the parser does not end a sentence at their period.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from tidings.pipeline.annotations import words_of
from tidings.resources import load_yaml


def add_abbreviations(nlp: Language) -> None:
    """Teach the tokenizer the abbreviations of data/abbreviations.yaml, in their usual casings."""
    for abbreviation in load_yaml("abbreviations.yaml")["abbreviations"]:
        for form in {abbreviation, abbreviation.upper(), abbreviation.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


# Longer runs without a boundary (scraped lists, text with no full stops) get one forced in: the
# components look at whole sentences, so a 5,000-word "sentence" took over a minute (issue 12).
MAX_SENTENCE_TOKENS = 200
_SOFT_BREAKS = {",", ";", ":", "-", "–", "—", "|"}
_ENDS = {".", "!", "?"}


@Language.component("tidings_sentences", assigns=["token.is_sent_start"])
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, and at least every MAX_SENTENCE_TOKENS tokens.

    Reads the token texts once (:func:`words_of`, which later components reuse); a token's trailing
    whitespace is at most one space in spaCy, so a line break is always a token of its own text.
    """
    words = words_of(doc)
    start = 0
    for k in range(len(words) - 1):
        word = words[k]
        if "\n" in word:
            doc[k + 1].is_sent_start = True
            start = k + 1
        elif word in _ENDS:
            start = k + 1
        elif k + 1 - start >= MAX_SENTENCE_TOKENS:
            cut = next((t + 1 for t in range(k, start + MAX_SENTENCE_TOKENS // 2 - 1, -1) if words[t] in _SOFT_BREAKS),
                       k + 1)
            doc[cut].is_sent_start = True
            start = cut
    return doc
