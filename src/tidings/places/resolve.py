"""From toponym spans to gazetteer entries, with the article's country evidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.places.entry import ALIAS, NAME, Candidate, GazEntry
from tidings.places.gazetteer import Gazetteer
from tidings.places.rank import best, confident_country, confident_entry, shares
from tidings.places.spans import Toponym, span_chars
from tidings.places.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

NATIONALITY_WEIGHT = 0.5  # "Israeli strikes in Gaza": a nationality word is weaker evidence than a place
MISLABEL_MIN_POPULATION = 100_000


@dataclass(slots=True)
class Looked:
    """A toponym span (after direction handling) and the entries it may mean."""

    i: int
    j: int
    source: str
    candidates: list[Candidate]


@dataclass(slots=True)
class Resolved:
    """A toponym span and the entry chosen for it."""

    i: int
    j: int
    entry: GazEntry


def look_up(doc: Doc, gaz: Gazetteer, t: Toponym, nationalities: Mapping[str, str],
            doc_text: str | None = None) -> Looked | None:
    """The span's candidates; "northern Sinai" takes a curated sub-region when one is listed.

    Pass ``doc_text`` when calling in a loop: ``doc.text`` is rebuilt on every access.
    """
    full = doc.text if doc_text is None else doc_text
    i, j = t.i, t.j
    start, end = span_chars(doc, i, j)
    if fold(full[start:end]) in nationalities:  # "Egyptian" is no place; "US" is both
        if not any(c.entry.kind == "country" for c in gaz.lookup(full[start:end])):
            return None
    if i > 0 and doc[i - 1].lower_ in gaz.directions:
        wider = [c for c in gaz.lookup(full[doc[i - 1].idx:end]) if c.quality >= ALIAS]
        if wider:
            return Looked(i - 1, j, t.source, wider)
    text = full[start:end]
    cands = gaz.lookup(text)
    if text.isupper() and len(text.replace(".", "")) <= 4:
        # An acronym ("UN", "US") is a place only through an English alias, never a city's name.
        cands = [c for c in cands if c.entry.kind == "country" or c.entry.curated]
    if not cands and j - i > 1 and doc[i].lower_ in gaz.directions:
        i += 1
        cands = gaz.lookup(full[doc[i].idx:end])
    return Looked(i, j, t.source, cands) if cands else None


def nationality_counts(doc: Doc, nationalities: Mapping[str, str]) -> Counter[str]:
    """Countries named by nationality words ("Egyptian") among the model's NORP entities."""
    counts: Counter[str] = Counter()
    if not nationalities:
        return counts
    for ent in doc.ents:
        if ent.label_ == "NORP":
            iso3 = nationalities.get(fold(ent.text))
            if iso3:
                counts[iso3] += 1
    return counts


def country_weights(looked: Sequence[Looked], nationality: Counter[str]) -> Counter[str]:
    """Country evidence: toponyms that point at one country clearly, plus nationality words."""
    weights: Counter[str] = Counter()
    for lk in looked:
        iso3 = confident_country(lk.candidates)
        if iso3:
            weights[iso3] += 1.0
    for iso3, n in nationality.items():
        weights[iso3] += NATIONALITY_WEIGHT * n
    return weights


def _acceptable(choice: Candidate, source: str, context: Mapping[str, float]) -> bool:
    """Entities the model labelled as something else pass only as strong names."""
    if source != "mislabel":
        return True
    e = choice.entry
    if choice.quality < NAME and not (e.curated and choice.quality >= ALIAS):
        return False
    return (e.kind == "country" or e.curated or e.population >= MISLABEL_MIN_POPULATION
            or context.get(e.country or "", 0.0) > 0)


def named_admin1s(looked: Sequence[Looked]) -> frozenset[str]:
    """First-level divisions the article names clearly ("Illinois" -> US.IL)."""
    out: set[str] = set()
    for lk in looked:
        top = confident_entry(lk.candidates)
        if top is not None and top.entry.admin1 and top.entry.kind != "city":
            out.add(top.entry.admin1)
    return frozenset(out)


def resolve(looked: Sequence[Looked], weights: Mapping[str, float]) -> list[Resolved]:
    """The chosen entry per toponym in text order; unresolvable toponyms are left out."""
    context = shares(weights)
    admin1s = named_admin1s(looked)
    out: list[Resolved] = []
    for lk in looked:
        choice = best(lk.candidates, context, admin1s)
        if choice is not None and _acceptable(choice, lk.source, context):
            out.append(Resolved(lk.i, lk.j, choice.entry))
    return out


def main_country_of(weights: Mapping[str, float], order: Sequence[str] = ()) -> str | None:
    """The country with most evidence; ties go to the one named first."""
    if not weights:
        return None
    first = {iso3: n for n, iso3 in reversed(list(enumerate(order)))}
    return max(weights, key=lambda k: (weights[k], -first.get(k, len(order))))


__all__ = ["Looked", "Resolved", "look_up", "nationality_counts", "country_weights", "resolve", "named_admin1s",
           "main_country_of", "NATIONALITY_WEIGHT"]
