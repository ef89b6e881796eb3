"""Finding toponym spans in a parsed Doc.

Sources: the model's GPE/LOC/FAC entities; our curated names (PhraseMatcher
on lower-case text, because the small model calls "the Sinai" an
organisation and misses "Philadelphi corridor"); and, strictly, entities the
model mislabels (PERSON "Rafah", WORK_OF_ART "Aleppo") or leaves untagged
(a bare proper noun "Rafah"), kept only when the whole span is a strong
gazetteer name (see :func:`tidings.places.resolve.resolve`). Spans overlapping an actor mention
are never places ("Sinai Province" is an armed group).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.pipeline.annotations import ends_of, entities_of, lowers_of, offsets_of, proper_of, punct_of, words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model gives place names by mistake (NORP "Aleppo"); such spans
# pass only as strong names, and nationality words ("Egyptian") never do.
MISLABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "NORP"})
SOURCE_RANK = {"dateline": 0, "curated": 1, "ner": 2, "mislabel": 3, "propn": 4}
_TRAILING = frozenset({"'s", "\u2019s", "'", "\u2019"})


@dataclass(slots=True)
class Toponym:
    """A candidate toponym: tokens ``i``..``j`` of the doc and where it came from."""

    i: int
    j: int
    source: str  # dateline | curated | ner | mislabel (a model entity of another label) | propn (untagged)
    label: str = ""  # the model's entity label, if any


class _Tokens:
    """The per-doc token lists :func:`candidate_spans` reads (no Token object per look)."""

    __slots__ = ("words", "lowers", "punct", "offsets", "ends")

    def __init__(self, doc: Doc) -> None:
        self.words = words_of(doc)
        self.lowers = lowers_of(doc)
        self.punct = punct_of(doc)
        self.offsets = offsets_of(doc)
        self.ends = ends_of(doc)

    def trim(self, i: int, j: int) -> tuple[int, int]:
        """Drop a leading "the" and trailing possessives or punctuation."""
        lowers, punct, words = self.lowers, self.punct, self.words
        while i < j and (lowers[i] == "the" or punct[i]):
            i += 1
        while j > i and (words[j - 1] in _TRAILING or punct[j - 1]):
            j -= 1
        return i, j

    def has_capital(self, i: int, j: int) -> bool:
        words = self.words
        return any(words[k][:1].isupper() for k in range(i, j))


class _Blocked:
    """Character spans, asked "does this range overlap one of you?" in log time (actor mentions are many)."""

    __slots__ = ("starts", "reach")

    def __init__(self, blocked: Iterable[tuple[int, int]]) -> None:
        spans = sorted(blocked)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []  # the furthest end among the spans up to here
        furthest = None
        for _, e in spans:
            furthest = e if furthest is None or e > furthest else furthest
            self.reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span has ``b_start < end`` and ``start < b_end``."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start


def candidate_spans(doc: Doc, curated: Iterable[tuple[int, int]], blocked: list[tuple[int, int]],
                    extra: Iterable[Toponym] = (), ents: list[tuple[int, int, str]] | None = None) -> list[Toponym]:
    """Non-overlapping toponym spans in text order; ``blocked`` are actor character spans.

    ``extra`` are spans found otherwise (the dateline); they win over the others.
    ``ents`` are the doc's entities as :func:`tidings.pipeline.annotations.entities_of`
    gives them, when the caller has read them already.
    """
    tokens = _Tokens(doc)
    words = tokens.words
    found: list[Toponym] = list(extra)
    for i, j in curated:
        if words[i][:1].isupper() or tokens.has_capital(i, j):
            found.append(Toponym(i, j, "curated"))
    if ents is None:
        ents = entities_of(doc)
    n = len(words)
    in_ent = [False] * n
    for start, end, label in ents:
        in_ent[start:end] = [True] * (end - start)
        if label in PLACE_LABELS:
            source = "ner"
        elif label in MISLABELS:
            source = "mislabel"
        else:
            continue
        i, j = tokens.trim(start, end)
        if i < j and tokens.has_capital(i, j):
            found.append(Toponym(i, j, source, label))
    # untagged proper nouns: one pass over the cached token lists
    proper = proper_of(doc)
    k = 0
    while k < n:
        if proper[k] and not in_ent[k] and words[k][:1].isupper():
            end = k + 1
            while end < n and proper[end] and not in_ent[end]:
                end += 1
            found.append(Toponym(k, end, "propn"))
            k = end
        else:
            k += 1
    if blocked:
        fence = _Blocked(blocked)
        offsets, ends = tokens.offsets, tokens.ends
        found = [t for t in found if not fence.overlaps(offsets[t.i], ends[t.j - 1])]
    # Longest first, curated before the model on ties; the kept spans never overlap.
    found.sort(key=lambda t: (-(t.j - t.i), SOURCE_RANK[t.source], t.i))
    taken = [False] * n
    kept: list[Toponym] = []
    for t in found:
        if any(taken[t.i:t.j]):
            continue
        taken[t.i:t.j] = [True] * (t.j - t.i)
        kept.append(t)
    kept.sort(key=lambda t: t.i)
    return kept


def span_chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Character offsets of tokens ``i``..``j`` in ``doc.text``."""
    return offsets_of(doc)[i], ends_of(doc)[j - 1]


__all__ = ["Toponym", "candidate_spans", "span_chars", "PLACE_LABELS", "MISLABELS"]
