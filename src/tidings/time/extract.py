"""Find and resolve every time expression of a Doc: the work behind the ``tidings_time`` component."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Callable

from spacy.tokens import Doc
from spacy.vocab import Vocab

from tidings.model import When
from tidings.pipeline.annotations import TimeExpression
from tidings.time import calendar as cal
from tidings.time.finder import Finder, Found, is_future
from tidings.time.lexicon import TimeLexicon, load_lexicon
from tidings.time.patterns import build_matcher
from tidings.time.resolve import Result, Tok, resolve, resolve_holiday

CLOCK_REASON = "time of day without a date"


@lru_cache(maxsize=4096)
def parse_explicit(text: str, published: date | None) -> Result:
    """An explicit date string the model found and our forms did not ("the 19th of Dec 2016"), via dateparser.

    Only called for model DATE entities that hold a year, so it runs a few
    times per article at most; cached per (text, publication date).
    """
    import dateparser  # slow to import: only when needed

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    data = dateparser.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None, "not a date we can read"
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return cal.year_of(d.year), None
    if period == "month":
        return cal.month_of(d.year, d.month), None
    if period == "week":
        return cal.week_of(d), None
    return cal.day(d), None


class TimeTagger:
    """Finds time expressions with our Matcher and the model's entities, and dates them."""

    def __init__(self, vocab: Vocab, tokenize: Callable[[str], Doc], lex: TimeLexicon | None = None) -> None:
        self.lex = lex or load_lexicon()
        self.finder = Finder(self.lex, build_matcher(self.lex, vocab, tokenize))
        self.holidays = {h.name: h for h in self.lex.holidays}
        self.future_aux = self.lex.words["future_aux"]
        self.future_cues = self.lex.words["future_cue"]

    def resolve_found(self, doc: Doc, found: Found, published: date | None) -> Result:
        if found.inner is not None:  # a clock time holding a day: the day dates it
            return self.resolve_found(doc, found.inner, published)
        kind, _, name = found.key.partition(":")
        tokens = [Tok(t.text, t.lower_) for t in doc[found.i:found.j]]
        if kind == "phrase":
            return None, self.lex.unresolvable[name]
        if kind == "ner":
            if name == "clock":
                return None, CLOCK_REASON
            return parse_explicit(doc[found.i:found.j].text, published)
        future = is_future(doc, found.i, found.j, self.future_aux, self.future_cues)
        if kind == "holiday":
            year = next((int(t.lower) for t in tokens if self.lex.shape("year", t.lower)), None)
            return resolve_holiday(self.holidays[name], year, published, future=future)
        return resolve(self.lex, self.finder.kind_of[found.key], tokens, published, future=future)

    def __call__(self, doc: Doc, published: date | None,
                 matches: list[tuple[str, int, int]] | None = None) -> list[TimeExpression]:
        """The Doc's expressions dated against ``published``; ``matches``: ``self.finder.matches(doc)`` if known."""
        def readable(found: Found) -> bool:  # a model DATE we cannot read is not worth reporting
            return found.key != "ner:explicit" or parse_explicit(doc[found.i:found.j].text, published)[0] is not None

        out: list[TimeExpression] = []
        for found in self.finder.find(doc, readable, matches):
            value: When | None
            value, reason = self.resolve_found(doc, found, published)
            span = doc[found.i:found.j]
            out.append(TimeExpression(found.i, found.j, span.start_char, span.end_char, value, reason))
        return out


__all__ = ["TimeTagger", "parse_explicit", "CLOCK_REASON"]
