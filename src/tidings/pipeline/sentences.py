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

from tidings.resources import load_yaml


def add_abbreviations(nlp: Language) -> None:
    """Teach the tokenizer the abbreviations of data/abbreviations.yaml, in their usual casings."""
    for abbreviation in load_yaml("abbreviations.yaml")["abbreviations"]:
        for form in {abbreviation, abbreviation.upper(), abbreviation.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


@Language.component("tidings_sentences", assigns=["token.is_sent_start"])
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc
