"""Article-level place helpers the event stage uses: the main country and its country place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from tidings.model import Place
from tidings.pipeline.person_nouns import MODIFIER_DEPS, one_person, origin_prepositions

if TYPE_CHECKING:
    from spacy.tokens import Doc

# doc.user_data key under which the places component leaves its country evidence.
WEIGHTS_KEY = "tidings.places.country_weights"
ORDER_KEY = "tidings.places.country_order"
# The id of the dateline's place ("MOSUL, Iraq —"), or None.
DATELINE_KEY = "tidings.places.dateline"


# Character starts of place mentions that open a news outlet's name ("Los Angeles Times").
OUTLET_KEY = "tidings.places.outlet_mentions"


def in_outlet_name(doc: Doc, start: int) -> bool:
    """Whether the place mention starting at character ``start`` is part of an outlet's name.

    "Los Angeles TimesJassely Lupoe … was shot": Los Angeles is where the
    paper is, not where the shooting was; such mentions stay places but
    never locate an event.
    """
    return start in doc.user_data.get(OUTLET_KEY, ())


# Character starts of place mentions that open an institution's name ("Los Angeles County coroner's").
INSTITUTION_KEY = "tidings.places.institution_mentions"


def in_institution_name(doc: Doc, start: int) -> bool:
    """Whether the place mention at ``start`` names an institution's seat ("Cecil County troopers").

    Such a place is where the institution works, a wider area than the
    event it reports: an event takes it only when its sentence names no other place.
    """
    return start in doc.user_data.get(INSTITUTION_KEY, ())


def residence_mention(doc: Doc, i: int, j: int) -> bool:
    """Whether the place ``doc[i:j]`` says where a person lives or comes from, not where something happened.

    "A Crown Point man killed his ex-wife at a Merrillville store", "Jane Roe
    of Ashford was shot in Salem": Crown Point and Ashford are homes. The
    place modifies a person noun (``person_nouns`` of person_nouns.yaml),
    or follows "of"/"from" after such a noun or a person's name.
    """
    if j <= i:
        return False
    last = doc[j - 1]
    head = last.head
    if last.dep_ in MODIFIER_DEPS and head.i >= j:
        while head.dep_ in MODIFIER_DEPS and head.head.i > head.i:  # "Benton Harbor police officer"
            head = head.head
        return one_person(head)
    root = doc[i:j].root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in origin_prepositions() or prep.i >= i:
        return False
    return one_person(prep.head) or prep.head.ent_type_ == "PERSON"


def stray_places(dateline: Place | None, named: Iterable[Place]) -> frozenset[str]:
    """Towns of ``named`` (the article's places) that nothing else backs, far from the dateline's division.

    "MILWAUKEE — … a shooting near 60th and Roanoke": the gazetteer's
    only Roanoke is in Virginia, and no other place of the story is; a town
    alone in its state (or country) while the story is filed from another
    one is more likely a street, a person or a shop than where it happened.
    Divisions are US states, elsewhere countries (see :func:`_division`). Local features placed at such a town are stray with it. A state or
    country named is never stray; without a dateline nothing is.
    """
    if dateline is None:
        return frozenset()
    home = _division(dateline)
    places = {p.id: p for p in named}
    backing: Counter[str | None] = Counter(_division(p) for p in places.values() if p.within is None)
    stray = {p.id for p in places.values() if p.within is None and p.precision in ("city", "point")
             and _division(p) != home and backing[_division(p)] == 1}
    return frozenset(stray | {p.id for p in places.values() if p.within in stray})


def _division(place: Place) -> str | None:
    """A US place's state (local news crosses no state line unnoticed), any other place's country."""
    return place.admin1 if place.country == "USA" and place.admin1 else place.country


def dateline_place(doc: Doc) -> str | None:
    """The id of the place the article's dateline names, if the places component found one."""
    value = doc.user_data.get(DATELINE_KEY)
    return value if isinstance(value, str) else None


# A place of these kinds that holds the dateline city yields to it (see :func:`narrowed_by_dateline`).
WIDE_KINDS = frozenset({"country", "us_state", "subdivision"})


def narrowed_by_dateline(doc: Doc, place_id: str, places: Mapping[str, Place]) -> str:
    """The dateline's city instead of a country or first-level division that contains it.

    "GREENVILLE, S.C. – A South Carolina man shot his brother": the
    sentence names only the state, the dateline the city in it; the city is
    the finer true statement. A county, region or city is kept as it is, and
    so is a state or country that does not hold the dateline city.
    """
    dateline = dateline_place(doc)
    place = places.get(place_id)
    city = places.get(dateline) if dateline is not None else None
    if place is None or city is None or place.kind not in WIDE_KINDS or city.precision not in ("city", "point"):
        return place_id
    if place.kind == "country":
        return city.id if city.country == place.country else place_id
    return city.id if place.admin1 is not None and city.admin1 == place.admin1 else place_id


# First-level divisions that give way to the first town or county the article names inside them.
STATE_KINDS = frozenset({"us_state", "subdivision"})


def narrowed_to_named_inside(place_id: str, places: Mapping[str, Place], order: Iterable[str],
                             skip: frozenset[str] = frozenset()) -> str:
    """A state's first town or county the article names (``order``: place ids in text order), else the state.

    "A woman was fatally shot at a mall in Ohio … She had entered the mall in
    Chillicothe": the sentence names only the state; the article says where
    in it. Local features (placed by guess) and ``skip`` (stray towns) do not count.
    """
    state = places.get(place_id)
    if state is None or state.kind not in STATE_KINDS or not state.admin1:
        return place_id
    for pid in order:
        p = places.get(pid)
        if (p is not None and pid not in skip and pid != place_id and p.within is None and p.admin1 == state.admin1
                and (p.precision in ("city", "point") or p.kind == "county")):
            return pid
    return place_id


def containing(place_id: str, places: Mapping[str, Place]) -> str:
    """The city a street, building or neighbourhood lies in (its ``within``), else the place itself.

    An event "on Willhaven Drive" or "in the Rogers Park neighborhood" happened
    in that city: the feature has no coordinates of its own, and a
    neighbourhood is a part of the city, which is what an event's city means.
    """
    place = places.get(place_id)
    if place is None or place.within is None or place.within not in places:
        return place_id
    return place.within


def main_country(doc: Doc) -> str | None:
    """ISO3 of the article's main country: most evidence from unambiguous toponyms and nationality words.

    Uses what the places component left on the doc; on a doc it has not seen,
    looks the model's place entities up afresh.
    """
    from tidings.places.resolve import main_country_of

    weights: dict[str, float] | None = doc.user_data.get(WEIGHTS_KEY)
    order: list[str] = list(doc.user_data.get(ORDER_KEY, []))
    if weights is None:
        mentions: list[Any] | None = getattr(doc._, "place_mentions", None) if doc.has_extension("place_mentions") else None
        if mentions:
            counts: Counter[str] = Counter()
            for m in mentions:
                if m.place.country:
                    counts[m.place.country] += 1
                    order.append(m.place.country)
            weights = dict(counts)
        else:
            weights, order = _fresh_weights(doc)
    return main_country_of(weights, order)


def _fresh_weights(doc: Doc) -> tuple[dict[str, float], list[str]]:
    from tidings.pipeline.annotations import doc_text
    from tidings.places.data import nationality_lexicon
    from tidings.places.gazetteer import get_gazetteer
    from tidings.places.resolve import country_weights, look_up, nationality_counts
    from tidings.places.spans import candidate_spans

    gaz = get_gazetteer()
    nat = nationality_lexicon()
    text = doc_text(doc)
    looked = [lk for t in candidate_spans(doc, [], []) if (lk := look_up(doc, gaz, t, nat, text))]
    weights = country_weights(looked, nationality_counts(doc, nat))
    order = [c.entry.country for lk in looked for c in lk.candidates[:1] if c.entry.country]
    return dict(weights), order


def country_place(iso3: str) -> Place | None:
    """A country-precision Place (centroid coordinates) for ISO3, or None if unknown."""
    from tidings.places.gazetteer import get_gazetteer

    entry = get_gazetteer().country(iso3.upper())
    return entry.to_place() if entry else None


__all__ = ["main_country", "country_place", "dateline_place", "containing", "in_outlet_name", "OUTLET_KEY", "in_institution_name", "INSTITUTION_KEY", "narrowed_by_dateline", "residence_mention", "stray_places", "narrowed_to_named_inside", "STATE_KINDS", "WEIGHTS_KEY", "ORDER_KEY", "DATELINE_KEY"]
