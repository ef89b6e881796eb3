"""Find time expressions in a parsed Doc: our Matcher forms plus the model's DATE/TIME entities.

Matches are checked against their context before they count — "May" the
modal, "a march", "Jan" the first name, "2000 people", "the Sunday Times",
"on his last day" are refused here — then merged with the model's entities:
the longest candidate wins, ours before the model's on a tie, and no two
expressions overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Token

from tidings.time.lexicon import TimeLexicon
from tidings.time.trie import TrieMatcher

CLOCK_MARKS = ("a.m.", "p.m.", "am", "pm", "gmt", "utc", ":", "local time", "o'clock")
CURRENCY = frozenset("$€£¥")


@dataclass(frozen=True, slots=True)
class Found:
    """A candidate expression at tokens ``i``..``j``; ``key`` says how to resolve it.

    ``form:<name>``, ``holiday:<name>``, ``phrase:<phrase>`` come from our
    Matcher; ``ner:clock`` and ``ner:explicit`` from the model's entities.
    ``inner``: for a clock time that holds a day of ours ("around 10 p.m.
    Wednesday"), that day, which dates the whole expression.
    """

    i: int
    j: int
    key: str
    inner: Found | None = None


def _is_day(lex: TimeLexicon, tok: Token) -> bool:
    return lex.shape("day", tok.lower_) and not lex.shape("year", tok.lower_)


def _is_year(lex: TimeLexicon, tok: Token) -> bool:
    return lex.shape("year", tok.lower_)


class Finder:
    """Matches, checks and merges time expression candidates over a Doc."""

    def __init__(self, lex: TimeLexicon, matcher: TrieMatcher) -> None:
        self.lex = lex
        self.matcher = matcher
        self.kind_of = {f"form:{f.name}": f.kind for f in lex.forms}
        self._address_nouns = lex.words.get("address_noun", frozenset())
        self._lexical = (
            set(lex.month_of) | set(lex.weekday_of) | set(lex.seasons) | set(lex.words["part_of_day"])
        )

    # -- context checks ---------------------------------------------------------------------

    def _month_ok(self, doc: Doc, k: int, i: int, j: int) -> bool:
        tok, lex = doc[k], self.lex
        if not tok.text[:1].isupper():
            return False
        word = tok.lower_
        if word in lex.month_names:
            return True
        next_dated = k + 1 < j and (_is_day(lex, doc[k + 1]) or _is_year(lex, doc[k + 1]))
        prev_day = k - 1 >= i and _is_day(lex, doc[k - 1])
        if word in lex.month_abbreviations:
            return next_dated or prev_day
        if tok.tag_ == "MD":  # "may" the modal, even capitalized at sentence start
            return False
        context = k > 0 and doc[k - 1].lower_ in lex.month_context
        return next_dated or prev_day or context

    def _weekday_ok(self, doc: Doc, k: int) -> bool:
        tok = doc[k]
        if not tok.text[:1].isupper():
            return False
        after = doc[k + 1] if k + 1 < len(doc) else None
        if after is not None and after.pos_ == "PROPN" and after.lower_ not in self._lexical:
            return False  # the Sunday Times, Tuesday Group
        return True

    def _year_ok(self, doc: Doc, k: int, j: int) -> bool:
        lex = self.lex
        before = doc[k - 1] if k > 0 else None
        after = doc[j] if j < len(doc) else None
        if before is not None and before.text in CURRENCY:
            return False
        if after is not None and (after.tag_ in ("NNS", "NNPS") or after.text == "%"):
            return False  # 2000 people, 1500 troops
        if after is not None and after.lower_ in self._address_nouns:
            return False  # the 2000 block of Main Street
        return doc[k].ent_type_ == "DATE" or (before is not None and before.lower_ in lex.year_context)

    def _valid(self, doc: Doc, i: int, j: int, key: str) -> bool:
        lex = self.lex
        words = [t.lower_ for t in doc[i:j]]
        has_anchor = False
        for k in range(i, j):
            w = doc[k].lower_
            if w in lex.month_of:
                if not self._month_ok(doc, k, i, j):
                    return False
                has_anchor = True
            elif w in lex.weekday_of:
                if not self._weekday_ok(doc, k):
                    return False
                has_anchor = True
            elif w in lex.seasons or w in lex.day_offsets:
                has_anchor = True
        kind = "calendar" if key == "ner:explicit" else self.kind_of.get(key)
        if kind in ("calendar", "since", "range") and not has_anchor:
            first_year = next((k for k in range(i, j) if _is_year(lex, doc[k])), None)
            if first_year is not None and not self._year_ok(doc, first_year, j):
                return False
        if kind in ("deictic_unit", "past_span"):
            if any(lex.units.get(w) in ("day", "hour") for w in words) and not any(
                w in lex.number_values or w.isdigit() for w in words[2:]
            ):
                return False  # "his last day in office", "to this day"
            if j < len(doc) and doc[j].lower_ == "of" and not words[0] in lex.position_nouns:
                return False  # "the last week of March"
        return True

    # -- candidates and merging -----------------------------------------------------------

    def _entity_candidates(self, doc: Doc) -> list[Found]:
        out: list[Found] = []
        for ent in doc.ents:
            if ent.label_ == "TIME":
                low = ent.text.lower()
                if any(ch.isdigit() for ch in low) and any(m in low for m in CLOCK_MARKS):
                    out.append(Found(ent.start, ent.end, "ner:clock"))
            elif ent.label_ == "DATE" and any(_is_year(self.lex, t) for t in ent):
                out.append(Found(ent.start, ent.end, "ner:explicit"))
        return out

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Our forms' raw matches (key, start, end): they do not depend on the publication date."""
        return self.matcher(doc)

    def find(self, doc: Doc, keep_entity: Callable[[Found], bool] | None = None,
             matches: list[tuple[str, int, int]] | None = None) -> list[Found]:
        """Non-overlapping candidates in text order; ``keep_entity`` vets the model's entities first.

        ``matches``: :meth:`matches` of this doc when the caller already has them.
        """
        ours = []
        for key, start, end in self.matches(doc) if matches is None else matches:
            while start < end and doc[start].is_punct:  # an optional comma matched at an edge
                start += 1
            while end > start and doc[end - 1].is_punct and doc[end - 1].lower_ not in ("'", "’"):
                end -= 1
            if end > start and self._valid(doc, start, end, key):
                ours.append(Found(start, end, key))
        theirs = [
            _with_day(f, ours) for f in self._entity_candidates(doc)
            if self._valid(doc, f.i, f.j, f.key) and (keep_entity is None or keep_entity(f))
        ]
        ranked = sorted(
            [(f, 0) for f in ours] + [(f, 1) for f in theirs],
            key=lambda fp: (-(fp[0].j - fp[0].i), fp[1], fp[0].i),
        )
        taken = [False] * len(doc)
        chosen: list[Found] = []
        for found, _ in ranked:
            if any(taken[found.i:found.j]):
                continue
            for k in range(found.i, found.j):
                taken[k] = True
            chosen.append(found)
        return sorted(chosen, key=lambda f: f.i)


def _with_day(found: Found, ours: list[Found]) -> Found:
    """A model clock time ("around 9:30 Tuesday night") dated by the longest of our expressions inside it."""
    if found.key != "ner:clock":
        return found
    inside = [f for f in ours if found.i <= f.i and f.j <= found.j and not f.key.startswith("phrase:")]
    if not inside:
        return found
    return Found(found.i, found.j, found.key, max(inside, key=lambda f: (f.j - f.i, -f.i)))


def is_future(doc: Doc, i: int, j: int, future_aux: frozenset[str], future_cues: frozenset[str]) -> bool:
    """Whether the verb the expression hangs on looks ahead ("will meet on Sunday", "is due on Wednesday").

    Reads the auxiliaries of that one verb (will, shall, 'll), a cue word on
    the way up to it or as its complement (due, scheduled, expected …), and a
    cue verb it is the complement of ("plans to meet"). "Is going to" and
    conditionals are not read: they count as past, a known gap.
    """
    tok = doc[i:j].root
    for _ in range(8):
        if tok.lower_ in future_cues and tok.pos_ == "ADJ":  # "is due in Ankara on Wednesday"
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head is tok:
            break
        tok = tok.head
    present = any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in tok.children)
    if any(c.dep_ == "aux" and c.lower_ in future_aux for c in tok.children):
        return True
    if tok.lower_ in future_cues and (present or tok.tag_ in ("VBZ", "VBP")):
        return True  # "talks are scheduled for Monday"
    if any(c.dep_ == "acomp" and c.lower_ in future_cues for c in tok.children):
        return True  # "the envoy is due on Wednesday"
    head = tok.head
    return tok.dep_ == "xcomp" and head.lower_ in future_cues and head.tag_ in ("VBZ", "VBP", "JJ")


__all__ = ["Found", "Finder", "is_future"]
