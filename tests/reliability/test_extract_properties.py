"""Property-based tests: `tidings.extract` never raises on arbitrary text, and its offsets tell the truth.

Hypothesis draws arbitrary Unicode (any code point spaCy may meet: controls,
surrogate-free astral characters, combining marks, right-to-left text) and
news-like sentences with such characters spliced in. Every span in the Report
must point into ``report.article.text`` at exactly the text it claims.
Bounded so the suite stays fast: short texts, a fixed number of examples.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings import EmptyArticle, extract

SENTENCES = [
    "Hamas fired rockets at Israel on Sunday, the army said.",
    "Russian forces shelled Kharkiv late on Tuesday, killing two civilians.",
    "The Taliban denied carrying out the attack in Kabul.",
    "Turkey and Syria signed an agreement in Ankara on 3 March 2019.",
    "“We will respond,” a Hezbollah official told Reuters.",
]
BOUNDED = settings(max_examples=40, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
NEWSY = st.lists(st.one_of(st.sampled_from(SENTENCES), ANY_TEXT, st.sampled_from(["\n", "\n\n", " ", "\t", "\u200b"])),
                 min_size=1, max_size=6).map("".join)


def _spans(value: Any, path: str = "report") -> list[tuple[str, dict[str, Any]]]:
    """Every dict in the report with integer start/end offsets, with where it is."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            found.append((path, value))
        for key, inner in value.items():
            if key != "article":
                found.extend(_spans(inner, f"{path}.{key}"))
    elif isinstance(value, list):
        for number, inner in enumerate(value):
            found.extend(_spans(inner, f"{path}[{number}]"))
    return found


def _check(text: str) -> None:
    try:
        report = extract(text, published="2020-01-02")
    except EmptyArticle:
        assert not text.strip(), "EmptyArticle for a text that is not blank"
        return
    body = report.article.text
    for where, span in _spans(report.to_dict()):
        start, end = span["start"], span["end"]
        assert 0 <= start <= end <= len(body), f"{where}: {start}..{end} outside a text of {len(body)}"
        if "text" in span:
            assert body[start:end] == span["text"], f"{where}: {body[start:end]!r} != {span['text']!r}"


@pytest.mark.e2e
@BOUNDED
@given(text=ANY_TEXT)
def test_extract_properties_arbitrary_unicode_never_raises_and_offsets_hold(nlp, text: str) -> None:
    _check(text)


@pytest.mark.e2e
@BOUNDED
@given(text=NEWSY)
def test_extract_properties_news_with_noise_never_raises_and_offsets_hold(nlp, text: str) -> None:
    _check(text)


@pytest.mark.e2e
def test_extract_properties_long_sentence_and_long_token_are_read(nlp) -> None:
    """One 5,000-word sentence and one 20,000-character token: no error, offsets still true."""
    _check(" and ".join(["Hamas fired rockets at Israel"] * 1000) + ".")
    _check("Hamas said " + "x" * 20_000 + " on Sunday.")


@pytest.mark.e2e
def test_extract_properties_a_run_on_sentence_is_split_into_bounded_sentences(nlp) -> None:
    from tidings.pipeline.sentences import MAX_SENTENCE_TOKENS

    doc = nlp(" and ".join(["Hamas fired rockets at Israel"] * 300))
    assert max(len(sentence) for sentence in doc.sents) <= MAX_SENTENCE_TOKENS
