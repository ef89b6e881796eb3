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

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

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


def _trim(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop a leading "the" and trailing possessives or punctuation."""
    while i < j and (doc[i].lower_ == "the" or doc[i].is_punct):
        i += 1
    while j > i and (doc[j - 1].text in _TRAILING or doc[j - 1].is_punct):
        j -= 1
    return i, j


def _has_capital(doc: Doc, i: int, j: int) -> bool:
    return any(doc[k].text[:1].isupper() for k in range(i, j))


def _overlaps(start: int, end: int, blocked: Iterable[tuple[int, int]]) -> bool:
    return any(start < b_end and b_start < end for b_start, b_end in blocked)


def candidate_spans(doc: Doc, curated: Iterable[tuple[int, int]], blocked: list[tuple[int, int]],
                    extra: Iterable[Toponym] = ()) -> list[Toponym]:
    """Non-overlapping toponym spans in text order; ``blocked`` are actor character spans.

    ``extra`` are spans found otherwise (the dateline); they win over the others.
    """
    found: list[Toponym] = list(extra)
    for i, j in curated:
        if doc[i].text[:1].isupper() or _has_capital(doc, i, j):
            found.append(Toponym(i, j, "curated"))
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            source = "ner"
        elif ent.label_ in MISLABELS:
            source = "mislabel"
        else:
            continue
        i, j = _trim(doc, ent.start, ent.end)
        if i < j and _has_capital(doc, i, j):
            found.append(Toponym(i, j, source, ent.label_))
    in_ent = [False] * len(doc)
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            in_ent[k] = True
    # one pass over the tokens: indexing the doc builds a Token object on every access
    from tidings.pipeline.annotations import proper_of, words_of  # the pipeline's per-doc token lists

    proper = proper_of(doc)
    words = words_of(doc)
    n = len(doc)
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
    found = [t for t in found if not _overlaps(doc[t.i].idx, _end_char(doc, t.j), blocked)]
    # Longest first, curated before the model on ties; the kept spans never overlap.
    found.sort(key=lambda t: (-(t.j - t.i), SOURCE_RANK[t.source], t.i))
    taken = [False] * len(doc)
    kept: list[Toponym] = []
    for t in found:
        if any(taken[k] for k in range(t.i, t.j)):
            continue
        for k in range(t.i, t.j):
            taken[k] = True
        kept.append(t)
    kept.sort(key=lambda t: t.i)
    return kept


def _end_char(doc: Doc, j: int) -> int:
    last = doc[j - 1]
    return last.idx + len(last.text)


def span_chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Character offsets of tokens ``i``..``j`` in ``doc.text``."""
    return doc[i].idx, _end_char(doc, j)


__all__ = ["Toponym", "candidate_spans", "span_chars", "PLACE_LABELS", "MISLABELS"]
