"""Local features no gazetteer lists — "Frenchmen Street", "Carnegie Library", "County Road 43" — placed by context.

Local news names streets, buildings and neighbourhoods that no offline city
list holds. Such a name (its head word is listed under ``feature_heads`` in
``regions.yaml``) becomes a place of that kind, located at the article's
local anchor: the nearest city named before it, else the dateline city,
else the first city of the article. Its coordinates are the anchor's, so its
precision is ``city`` and ``within`` names the anchor. Without an anchor it is
left out rather than guessed. Water (rivers, lakes) is not placed this way:
a river is no point of the city it passes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from tidings.model import Place
from tidings.places.entry import GazEntry
from tidings.places.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACED_KINDS = frozenset({"street", "facility", "district"})
ANCHOR_KINDS = frozenset({"city", "town"})


def feature_kind(doc: Doc, i: int, j: int, heads: Mapping[str, str]) -> str | None:
    """The kind of local feature ``doc[i:j]`` names, from its head word (numbers after it skipped: "Highway 10")."""
    k = j
    while k > i and doc[k - 1].like_num:
        k -= 1
    if k - i < 2 and not (k - i == 1 and j > k):  # "Street" alone is no name; "Interstate 395" is
        return None
    if not doc[i].text[:1].isupper():
        return None
    kind = heads.get(doc[k - 1].lower_)
    return kind if kind in PLACED_KINDS else None


def anchor_for(start: int, resolved: Sequence[tuple[int, GazEntry]], dateline: GazEntry | None) -> GazEntry | None:
    """The city a local feature at character ``start`` lies in; ``resolved`` are (start, entry) in text order."""
    before = [e for s, e in resolved if s < start and e.kind in ANCHOR_KINDS and e.lat is not None]
    if before:
        return before[-1]
    if dateline is not None and dateline.kind in ANCHOR_KINDS:
        return dateline
    return next((e for _, e in resolved if e.kind in ANCHOR_KINDS and e.lat is not None), None)


def local_place(name: str, kind: str, anchor: GazEntry) -> Place:
    """A Place for a local feature at its anchor city's coordinates."""
    slug = fold(name).replace(" ", "_")
    return Place(
        id=f"local:{slug}@{anchor.id}", name=name, country=anchor.country, lat=anchor.lat, lon=anchor.lon,
        precision="city", geonameid=None, admin1=anchor.admin1, kind=kind, within=anchor.id,
    )


__all__ = ["feature_kind", "anchor_for", "local_place", "PLACED_KINDS"]
