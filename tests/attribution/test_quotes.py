"""Quotation groups: marks open only at a word boundary, and a quotation reopened on the next paragraph continues."""

from __future__ import annotations

from tidings.attribution.lexicon import load_reporting_lexicon
from tidings.attribution.quotes import quotation_groups


def _texts(text: str) -> list[list[str]]:
    return [[text[i:j] for i, j in group] for group in quotation_groups(text, load_reporting_lexicon())]


def test_quotes_group_runs_over_paragraphs_that_reopen_it() -> None:
    text = "He said: “We will stay.\n\n“We will not leave,” he added. Then “no” again."
    assert _texts(text) == [["We will stay.", "We will not leave,"], ["no"]]


def test_quotes_mark_after_a_letter_does_not_open_and_an_unclosed_quote_runs_to_the_end() -> None:
    assert _texts('the 5" gun fired') == []
    assert _texts('He said "we stay') == [["we stay"]]
    assert _texts('He said "we stay\nThe next line.') == [["we stay"]]
