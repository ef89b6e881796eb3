"""Neighbourhoods the text names as such: "in the Rogers Park neighborhood", "Philadelphia's Kensington section".

Local news locates a shooting in a neighbourhood and names the city once, if
at all. A toponym right before a neighbourhood word (``neighbourhood_cues`` in
``regions.yaml``) is a part of a city: of the city named after it ("the Hunts
Point section of the Bronx"), else of the city whose possessive opens it
("Philadelphia's Kensington section"), else of the city the story is set in
(the nearest city named before it, else the dateline city). The
neighbourhood keeps its own place; ``within`` names the city, so an event
there can be placed in that city.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.places.entry import GazEntry

if TYPE_CHECKING:
    from spacy.tokens import Doc

CITY_KINDS = frozenset({"city", "town"})
_POSSESSIVE = frozenset({"'s", "\u2019s"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """A resolved toponym: its tokens, first character and entry."""

    i: int
    j: int
    start: int
    entry: GazEntry


def is_neighbourhood(doc: Doc, j: int, cues: frozenset[str]) -> bool:
    """Whether the toponym ending at token ``j`` is followed by a neighbourhood word ("Rogers Park neighborhood")."""
    return j < len(doc) and doc[j].lower_ in cues


def container(doc: Doc, i: int, j: int, resolved: Sequence[Resolved], dateline: GazEntry | None,
              own: GazEntry | None = None) -> GazEntry | None:
    """The city a neighbourhood at tokens ``i``..``j`` (its cue word at ``j``) lies in, or None."""
    at = {r.i: r.entry for r in resolved}
    # "the Hunts Point section of the Bronx", "the X neighborhood of Chicago"
    k = j + 1
    if k < len(doc) and doc[k].lower_ == "of":
        k += 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        found = at.get(k)
        if found is not None and found.kind in CITY_KINDS and found != own:
            return found
    # "Philadelphia's Kensington section"
    k = i - 1
    if k > 0 and doc[k].lower_ in _POSSESSIVE:
        found = next((r.entry for r in resolved if r.j == k), None)
        if found is not None and found.kind in CITY_KINDS and found != own:
            return found
    # the city the story is set in: the nearest city named before, else the dateline's
    start = doc[i].idx
    before = [r.entry for r in resolved if r.start < start and r.entry.kind in CITY_KINDS
              and r.entry.lat is not None and r.entry != own]
    if before:
        return before[-1]
    if dateline is not None and dateline.kind in CITY_KINDS and dateline != own:
        return dateline
    return None


__all__ = ["Resolved", "is_neighbourhood", "container"]
