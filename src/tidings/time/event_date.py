"""Which time expression dates an event: its clause's, its sentence's, the story's day, the lede's day.

Report assembly asks :func:`event_expression` for each event; the answer is a
:class:`TimeExpression` of ``doc._.time_mentions`` or None (the event then
takes the date of the statement that reports it, else the publication date,
with precision ``reported``). The per-article facts (reporting-verb tokens, the
lede's end, the days of each event type) are worked out once per Doc.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from tidings.pipeline.annotations import EventCandidate, TimeExpression
from tidings.pipeline.person_nouns import MODIFIER_DEPS, one_person
from tidings.time.attach import expression_for_span, governing_verb
from tidings.time.lexicon import load_lexicon

_KEY = "tidings.time.event_dates"  # doc.user_data: the _Story of the Doc (plain values, no tokens)
_LEDE_SENTENCES = 3
_DAYLIKE = ("day", "week")
_PRESENT = ("VBZ", "VBP")
_REFINABLE = ("week", "month")  # coarse dates a lone named day inside them may refine


@dataclass(slots=True)
class _Story:
    """What dating an event needs from the whole article."""

    published: date | None
    frames: tuple[tuple[int, int, int, int], ...]  # cue_i, cue_j, content_i, content_j of each reporting frame
    lede_end: int
    lede_day: TimeExpression | None = None
    named_days: list[TimeExpression] = field(default_factory=list)  # days no statement or aftermath takes
    type_days: dict[str, TimeExpression] | None = None  # worked out when a lede event first needs them
    type_dated: dict[str, list[TimeExpression]] | None = None
    own: dict[tuple[int, int], TimeExpression | None] = field(default_factory=dict)  # by trigger tokens
    dating: dict[tuple[int, int], set[str]] | None = None  # expression tokens -> types of the events it dates

    def own_of(self, doc: Doc, i: int, j: int) -> TimeExpression | None:
        if (i, j) not in self.own:
            self.own[(i, j)] = own_expression(doc, i, j, self.frames)
        return self.own[(i, j)]

    def own_of_event(self, doc: Doc, candidate: EventCandidate) -> TimeExpression | None:
        """The expression of the trigger's clause, else of the first later mention merged into the event that
        has one: "Gunman sought in home invasion. … The shooting happened Wednesday night." """
        for i, j in ((candidate.trigger_i, candidate.trigger_j), *candidate.mentions):
            own = self.own_of(doc, i, j)
            if own is not None:
                return own
        return None

    def dated_by_type(self, doc: Doc) -> dict[str, list[TimeExpression]]:
        """Per event type, the days and weeks (not after publication) its events take, in text order."""
        if self.type_dated is None:
            self.type_dated = {}
            for candidate in sorted(doc._.events or [], key=lambda c: c.trigger_i):
                own = self.own_of_event(doc, candidate)
                if own is not None and _daylike(own, self.published):
                    self.type_dated.setdefault(candidate.type, []).append(own)
        return self.type_dated

    def free_for(self, doc: Doc, m: TimeExpression, kind: str) -> bool:
        """Whether an event of type ``kind`` may take ``m`` from elsewhere in the text: not a day that dates
        an event of another type ("a killing in December … held a vigil on December 28")."""
        if self.dating is None:
            self.dating = {}
            for candidate in doc._.events or []:
                own = self.own_of_event(doc, candidate)
                if own is not None:
                    self.dating.setdefault((own.i, own.j), set()).add(candidate.type)
        return not self.dating.get((m.i, m.j), set()) - {kind}

    def named_for(self, doc: Doc, kind: str) -> list[TimeExpression]:
        """The named days an event of type ``kind`` may be refined to (see :meth:`free_for`)."""
        return [m for m in self.named_days if self.free_for(doc, m, kind)]

    def days_by_type(self, doc: Doc) -> dict[str, TimeExpression]:
        if self.type_days is None:
            self.type_days = {kind: _finest(found) for kind, found in self.dated_by_type(doc).items()}  # type: ignore[misc]
        return self.type_days


def _verb(doc: Doc, m: TimeExpression) -> int:
    """The governing verb of an expression, found once per Doc (kept as an index, see attach.py)."""
    verbs: dict[tuple[int, int], int] = doc.user_data.setdefault("tidings.time_verbs", {})
    at = verbs.get((m.i, m.j))
    if at is None:
        at = verbs[(m.i, m.j)] = governing_verb(doc, m.i, m.j).i
    return at


def _daylike(m: TimeExpression | None, published: date | None) -> bool:
    """A day or week that is not after publication: what a headline event can borrow."""
    return (m is not None and m.value is not None and m.value.precision in _DAYLIKE
            and (published is None or m.value.end <= published))


def _finest(found: list[TimeExpression]) -> TimeExpression | None:
    """The first day of ``found``, else its first week: "last week … at 4 a.m. on Tuesday" names one day."""
    return next((m for m in found if m.value is not None and m.value.precision == "day"), found[0] if found else None)


def _refined(own: TimeExpression, dated: list[TimeExpression],
             named: Sequence[TimeExpression] = ()) -> TimeExpression:
    """A week, month or span gives way to the first day inside it that the text gives an event of the same
    type: "the shooting two weeks ago" … "the shooting happened Jan. 23" names the day of that week.

    Failing that, a week or month gives way to the one day inside it that the text names at all
    (``named``: the days no statement or aftermath takes): "a December shooting … called 911 in the early
    morning of Dec. 26". Two different days inside it leave the week or month as it is.
    """
    if own.value is None or own.value.precision == "day":
        return own
    low, high = own.value.start, own.value.end
    same_type = next((m for m in dated if m.value is not None and m.value.precision == "day"
                      and low <= m.value.start <= high), None)
    if same_type is not None or own.value.precision not in _REFINABLE:
        return same_type or own
    inside = [m for m in named if m.value is not None and low <= m.value.start <= high]
    return inside[0] if inside and len({m.value.start for m in inside if m.value}) == 1 else own


def _modifies_person(doc: Doc, i: int, j: int) -> bool:
    """"the shooting suspect surrendered Friday": an event noun modifying a person noun is not dated by the
    clause, which tells what the person did."""
    last = doc[j - 1]
    return last.dep_ in MODIFIER_DEPS and last.head.i >= j and one_person(last.head)


def _dates_statement(doc: Doc, m: TimeExpression, frames: tuple[tuple[int, int, int, int], ...]) -> bool:
    """"said on Monday": the expression hangs on a reporting verb, outside what is reported.

    Not when it lies inside the reported content, nor when the verb is in the
    present tense: "Police say early Sunday morning a man was shot" — the parse
    hangs the day on "say", but a statement made now is not dated by a past day.
    """
    verb = _verb(doc, m)
    return doc[verb].tag_ not in _PRESENT and any(a <= verb < b and not c <= m.i < d for a, b, c, d in frames)


@lru_cache(maxsize=1)
def _aftermath_verbs() -> frozenset[str]:
    return load_lexicon().words.get("aftermath_verb", frozenset())


def _dates_aftermath(doc: Doc, m: TimeExpression, i: int = 0, j: int = 0) -> bool:
    """"was arraigned Monday in the shooting", "remained hospitalized Friday": the expression hangs on a verb
    of what followed the attack (``words.aftermath_verb``), so it dates that, not the attack.

    Not when that verb is the event's own trigger ``doc[i:j]`` (an arrest is dated by "arrested Monday"),
    nor when the expression belongs to the event's noun phrase ("the Christmas Day shooting", "arrested in a
    shooting that occurred Tuesday"), whatever verb the parse hangs it on.
    """
    verb = _verb(doc, m)
    if i <= verb < j or doc[verb].lemma_.lower() not in _aftermath_verbs():
        return False
    return j <= i or not _in_event_phrase(doc, m, i, j)


def _in_event_phrase(doc: Doc, m: TimeExpression, i: int, j: int) -> bool:
    """The expression lies under the trigger ``doc[i:j]``, or after it behind a verb that hangs on it."""
    trigger = doc[i:j].root
    if trigger.left_edge.i <= m.i and m.j - 1 <= trigger.right_edge.i:
        return True
    return any(doc[k].pos_ in ("VERB", "AUX") and i <= doc[k].head.i < j for k in range(j, m.i))


def _frames(doc: Doc) -> tuple[tuple[int, int, int, int], ...]:
    return tuple((f.cue_i, f.cue_j, f.content_i, f.content_j) for f in doc._.frames or [])


def own_expression(doc: Doc, i: int, j: int,
                   frames: tuple[tuple[int, int, int, int], ...] | None = None) -> TimeExpression | None:
    """The expression of the clause of ``doc[i:j]``, else the first of its sentence not dating a statement;
    neither when it dates the aftermath of the event (:func:`_dates_aftermath`)."""
    frames = _frames(doc) if frames is None else frames
    if _modifies_person(doc, i, j):
        return None
    chosen = expression_for_span(doc, i, j, resolved_only=True)
    if chosen is not None and not _dates_aftermath(doc, chosen, i, j):
        return chosen
    sentence = doc[i].sent
    above = _main_clause_verbs(doc, i, j)
    return next((
        e for e in doc._.time_mentions or []
        if e.value is not None and sentence.start <= e.i < sentence.end and not _dates_statement(doc, e, frames)
        and not _dates_aftermath(doc, e, i, j) and _verb(doc, e) not in above
    ), None)


def _main_clause_verbs(doc: Doc, i: int, j: int) -> frozenset[int]:
    """For an event told in a relative clause about a person ("the cyclist who was shot rode on to a store
    Monday afternoon", "a deputy who was shot remained in the hospital Wednesday"), the verbs above that
    clause: they tell what the person did later. A clause on a place or thing ("the trouble began Friday
    at the gas station, where two men burst in") is not one: its main clause may tell the event itself."""
    verb = governing_verb(doc, i, j)
    if verb.dep_ != "relcl" or not any(t.tag_ in ("WP", "WP$") for t in verb.children):
        return frozenset()
    return frozenset(t.i for t in verb.head.ancestors if t.pos_ in ("VERB", "AUX")) | (
        {verb.head.i} if verb.head.pos_ in ("VERB", "AUX") else set())


def _story(doc: Doc, published: date | None) -> _Story:
    story: _Story | None = doc.user_data.get(_KEY)
    if story is not None and story.published == published:
        return story
    frames = _frames(doc)
    lede_end = next((s.end for n, s in enumerate(doc.sents) if n == _LEDE_SENTENCES - 1), len(doc))
    story = _Story(published, frames, lede_end)
    story.lede_day = _finest([
        e for e in doc._.time_mentions or []
        if e.i < lede_end and _daylike(e, published) and not _dates_statement(doc, e, frames)
        and not _dates_aftermath(doc, e)
    ])
    story.named_days = [
        e for e in doc._.time_mentions or []
        if e.value is not None and e.value.precision == "day" and e.value.start == e.value.end
        and (published is None or e.value.end <= published)
        and not _dates_statement(doc, e, frames) and not _dates_aftermath(doc, e)
    ]
    doc.user_data[_KEY] = story
    return story


def event_expression(doc: Doc, candidate: EventCandidate, published: date | None) -> TimeExpression | None:
    """The expression that dates ``candidate``, in this order:

    1. the expression of its own clause, else the first of its sentence that does not date a
       reporting verb ("said on Monday" dates the statement, not the attack). An event noun modifying a
       person noun ("the shooting suspect surrendered Friday") takes nothing from its clause; nor does
       any event take a day of its aftermath ("was arraigned Monday in the shooting"), nor, when told in
       a relative clause about a person, a day of the verbs above it. A week, month or span found so
       gives way to the first day inside it that the text gives an event of the same type, else to the
       lede's day (step 3) if that lies inside it; a week or month then to the one day inside it the
       text names, if it names exactly one;
    1b. the same for the later mentions merged into the event ("Gunman sought in home invasion … The
       shooting happened Wednesday night"), a week so found giving way to a day of steps 2 and 3;
    2. for an event of the lede (the first three sentences, headline included): the day of the first
       event of the same type that the text dates (a week if no such event names a day) — the lede sums
       up the story the later sentences tell ("Teen in custody after weekend shooting … the shooting
       occurred on Saturday");
    3. for any event: the lede's day, the first day (else week) of the first three sentences that is
       not a statement's or an aftermath's date and not after publication.

    Only days and weeks not after publication are borrowed (steps 2 and 3), and a day is preferred to
    a week: a week borrowed in step 2 gives way to the lede's day.
    """
    story = _story(doc, published)
    own = story.own_of(doc, candidate.trigger_i, candidate.trigger_j)
    if own is not None:
        named = story.named_for(doc, candidate.type)
        lede = [story.lede_day] if story.lede_day is not None and story.free_for(doc, story.lede_day,
                                                                                  candidate.type) else []
        return _refined(own, story.dated_by_type(doc).get(candidate.type, []) + lede, named)
    merged = story.own_of_event(doc, candidate)  # told again later: "… The shooting happened Wednesday night."
    borrowed = story.days_by_type(doc).get(candidate.type) if candidate.trigger_i < story.lede_end else None
    found = [m for m in (merged, borrowed, story.lede_day) if m is not None]
    return _finest(found) if found else None  # a week told or borrowed gives way to a day the lede names


__all__ = ["event_expression", "own_expression"]
