"""Quotations and their speakers.

A quotation that its own sentence attributes ("…," said Fadumo Abdi) already has a
frame from its reporting verb. This module finds the others: a quotation continued
in the next sentence or over several paragraphs, and a quotation whose speaker was
named a sentence or two before ("Ahmed Yousef spoke to reporters. He was angry.
"…""). Only quotations that open a sentence and hold a verb count: a scare quote
inside a sentence ("a spit in the face") belongs to that sentence's own frames.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from tidings.attribution.lexicon import ReportingLexicon
from tidings.pipeline.annotations import Frame, SourceRef, people_of, text_of

Segment = tuple[int, int]  # character offsets of a quotation's inside, marks excluded


def _marks(lexicon: ReportingLexicon) -> re.Pattern[str]:
    """The characters :func:`quotation_groups` acts on (quotation marks and line breaks); cached per lexicon."""
    key = (frozenset(lexicon.quote_open), frozenset(lexicon.quote_close))
    pattern = _MARKS.get(key)
    if pattern is None:
        pattern = _MARKS[key] = re.compile("[" + "".join(re.escape(c) for c in sorted(key[0] | key[1] | {"\n"})) + "]")
    return pattern


_MARKS: dict[tuple[frozenset[str], frozenset[str]], re.Pattern[str]] = {}


def quotation_groups(text: str, lexicon: ReportingLexicon) -> list[list[Segment]]:
    """Quotations as groups of segments: one segment per paragraph a quotation runs over.

    Only quotation marks and line breaks change what is read, so the scan jumps from one to the next.
    """
    groups: list[list[Segment]] = []
    current: list[Segment] = []
    start: int | None = None
    marks = _marks(lexicon)
    found = marks.search(text)
    while found is not None:
        k = found.start()
        char = text[k]
        if start is None:
            if char in lexicon.quote_open and (k == 0 or not text[k - 1].isalnum()):
                start = k + 1
        elif char in lexicon.quote_close and char != "\n":
            current.append((start, k))
            groups.append(current)
            current, start = [], None
        elif char == "\n":
            current.append((start, k))
            nxt = k
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            if nxt < len(text) and text[nxt] in lexicon.quote_open:
                start, k = nxt + 1, nxt  # the next paragraph reopens the same quotation
            else:
                groups.append(current)
                current, start = [], None
        found = marks.search(text, k + 1)
    if start is not None:
        current.append((start, len(text)))
    if current:
        groups.append(current)
    return [[s for s in group if s[1] > s[0]] for group in groups if any(s[1] > s[0] for s in group)]


def quote_frames(doc: Doc, frames: list[Frame], lexicon: ReportingLexicon,
                 describe: Callable[[int], SourceRef | None]) -> list[Frame]:
    """Frames for quotations no reporting verb covers, spoken by the group's or the context's speaker.

    ``describe(k)`` turns the name at token ``k`` into a source (the finder's source typing)."""
    added: list[Frame] = []
    for group in quotation_groups(text_of(doc), lexicon):
        spans = [_tokens(doc, segment) for segment in group]
        spans = [s for s in spans if s is not None]
        if not spans:
            continue
        speaker: SourceRef | None = None
        for i, j in spans:
            covering = _covering(frames, i, j)
            if covering is not None:
                speaker = covering.source
                break
        for index, (i, j) in enumerate(spans):
            if _covering(frames, i, j) is not None or not _is_quotation(doc, i, j):
                continue
            source = speaker if speaker is not None else _context_speaker(doc, frames + added, i, lexicon, describe)
            if source is None:
                continue
            speaker = source
            mark = max(i - 1, 0)
            added.append(Frame(source=source, cue_i=mark, cue_j=mark + 1, content_i=i, content_j=j,
                               status="reported"))
    return added


def _tokens(doc: Doc, segment: Segment) -> tuple[int, int] | None:
    span = doc.char_span(segment[0], segment[1], alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _covering(frames: list[Frame], i: int, j: int) -> Frame | None:
    """A frame whose content holds most of the quotation."""
    for frame in frames:
        inside = min(j, frame.content_j) - max(i, frame.content_i)
        if inside * 2 >= j - i and frame.source.i is not None:
            return frame
    return None


def _is_quotation(doc: Doc, i: int, j: int) -> bool:
    """Opens its sentence (after the mark) and holds a verb: a quoted sentence, not a scare quote."""
    sentence = doc[i].sent
    first = next((t.i for t in sentence if not t.is_punct and not t.is_space), sentence.start)
    return first >= i and any(t.pos_ in ("VERB", "AUX") for t in doc[i:j])


def _context_speaker(doc: Doc, frames: list[Frame], i: int, lexicon: ReportingLexicon,
                     describe: Callable[[int], SourceRef | None]) -> SourceRef | None:
    """The speaker of the nearest earlier frame, else the last named person, within a few sentences."""
    sentence = doc[i].sent
    window_start = sentence.start
    for _ in range(lexicon.quote_window):
        if window_start == 0:
            break
        window_start = doc[window_start - 1].sent.start
    earlier = [f for f in frames if f.source.i is not None and window_start <= f.cue_i < i
               and f.source.kind != "document"]
    best_frame = max(earlier, key=lambda f: f.cue_i, default=None)
    people = [e for e in people_of(doc) if window_start <= e.start and e.end <= i]
    person = people[-1] if people else None
    if best_frame is not None and (person is None or best_frame.cue_i >= person.start):
        return best_frame.source
    if person is not None:
        return describe(person.root.i) or SourceRef(name=person.text, kind="person", i=person.start, j=person.end)
    return None


__all__ = ["quotation_groups", "quote_frames"]
