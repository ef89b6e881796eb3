"""The publication date an article prints at its top: "INDIANAPOLIS, Ind. (Dec. 10, 2015) –", "Posted: Jan. 3, 2016".

A date in the dateline's brackets, after a "posted"/"updated" cue, or right
before the dateline city tells when the story was filed, not when anything in
it happened. Such an expression stays in the Doc's time list, marked with a
reason instead of a value, so that no event takes the filing day as its own;
and when the caller gave no publication date, the printed one becomes the
anchor for "Tuesday" and "last week" (stored on the Doc with its evidence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from tidings.pipeline.annotations import TimeExpression, doc_text
from tidings.places.dateline import REACH, find_dateline
from tidings.time.lexicon import TimeLexicon

# doc.user_data key: the PublishedInText the time component found, or None.
PUBLISHED_KEY = "tidings.time.published_in_text"
REASON = "the article's publication date (printed at its top), not an event's date"
PAGE_REASON = "a date of the page (after a capitalised 'Posted'/'Updated' at its top), not an event's date"
_CUE_WORDS = 4  # a cue ("Posted:", "Last updated") within this many tokens before the date


@dataclass(frozen=True, slots=True)
class PublishedInText:
    """A publication date read from the text, with the characters that say it."""

    day: date
    start: int
    end: int
    text: str


def _full_day(m: TimeExpression, doc: Doc, lex: TimeLexicon) -> bool:
    """A single day whose text writes its year ("Dec. 10, 2015", "12/10/2015"): no anchor was needed."""
    if m.value is None or m.value.precision != "day" or m.value.start != m.value.end:
        return False
    return any(lex.shape("year", t.lower_) or (t.like_num and len(t.text) >= 8) for t in doc[m.i:m.j])


def _bracketed(text: str, m: TimeExpression) -> bool:
    """"(Dec. 10, 2015)": the date fills a bracket of the dateline."""
    return text[:m.start].rstrip().endswith("(") and text[m.end:].lstrip().startswith(")")


def _capitalised_cue(text: str, cues: frozenset[str]) -> bool:
    """"Posted", "UPDATE", also glued to the line before as scraped pages do ("Fort WorthUPDATE")."""
    return any(text.endswith(c.upper()) or text.endswith(c.capitalize()) for c in cues)


def _after_cue(doc: Doc, m: TimeExpression, cues: frozenset[str], capitalised: bool = False) -> bool:
    if capitalised:  # also inside: a model clock time may swallow the cue ("9:40 AM ET Last Updated: Aug 14, 2011")
        return any(_capitalised_cue(doc[k].text, cues) for k in range(max(0, m.i - _CUE_WORDS), m.j))
    return any(doc[k].lower_ in cues for k in range(max(0, m.i - _CUE_WORDS), m.i))


def _before_dateline(text: str, m: TimeExpression) -> bool:
    """"Thursday, October 13, 2016 MACON, Georgia --": the date stands right before the dateline city."""
    found = find_dateline(text)
    return found is not None and 0 <= found.city[0] - m.end <= 3


def find_published(doc: Doc, mentions: list[TimeExpression], lex: TimeLexicon) -> TimeExpression | None:
    """The expression near the top of ``doc`` that prints the publication date, if one does."""
    text = doc_text(doc)
    cues = lex.words.get("publication_cue", frozenset())
    for m in mentions:
        if m.start >= REACH:
            break
        if _full_day(m, doc, lex) and (_bracketed(text, m) or _after_cue(doc, m, cues) or _before_dateline(text, m)):
            return m
    return None


def page_dates(doc: Doc, mentions: list[TimeExpression], lex: TimeLexicon) -> list[TimeExpression]:
    """Days near the top after a capitalised cue ("UPDATE TUESDAY, JANUARY 19:", "Posted: Monday"), year or not.

    They date the page, not an event; without a written year they cannot
    serve as the anchor, but no event should take them either.
    """
    cues = lex.words.get("publication_cue", frozenset())
    out = []
    for m in mentions:
        if m.start >= REACH:
            break
        if m.value is not None and m.value.precision == "day" and _after_cue(doc, m, cues, capitalised=True):
            out.append(m)
    return out


def as_published(m: TimeExpression, text: str) -> PublishedInText:
    """The record kept on the Doc for a found publication date."""
    assert m.value is not None
    return PublishedInText(m.value.start, m.start, m.end, text[m.start:m.end])


def mark(m: TimeExpression, reason: str = REASON) -> TimeExpression:
    """The expression as listed in the Doc's times: its day kept in the reason, no event value."""
    assert m.value is not None
    return TimeExpression(m.i, m.j, m.start, m.end, None, f"{reason}: {m.value.start.isoformat()}")


__all__ = ["PublishedInText", "find_published", "page_dates", "as_published", "mark", "PUBLISHED_KEY", "REASON",
           "PAGE_REASON"]
