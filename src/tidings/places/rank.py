"""Choosing the place a toponym means, in the manner of CLIFF and Mordecai.

A candidate's score adds three things: a prior (countries and curated regions
over cities, big cities over small ones), how well the text names it (an
entry's own name or our curated spelling over one of GeoNames' alternate
names), and the article's country context (the share of the article's
country evidence that points at the candidate's country). Toponyms whose best
candidate wins clearly without context are the evidence; ambiguous ones
("Tripoli", "Rafah") are then decided with it.

Within a country, the other toponyms vote for first-level divisions (the
"admin consistency" of Mordecai): "Athens" beside "Henderson County" is the
Athens that shares a state with a Henderson County. A country named once in
a story set elsewhere, with no other sign of it, yields to a same-named town
of the state the story is about ("Lebanon" beside "Lebanon County" in a
Pennsylvania story).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from tidings.places.entry import ALIAS, ALTERNATE, NAME, PREFERRED, STRONG_POPULATION, Candidate

NAME_BONUS = {PREFERRED: 4.0, NAME: 3.0, ALIAS: 2.5, ALTERNATE: 1.0}
CONTEXT_WEIGHT = 3.0
# "Springfield, Illinois": a candidate in a first-level division the article names clearly.
ADMIN1_WEIGHT = 1.5
# A toponym is evidence for a country when its best candidate beats the best
# candidate of any other country by this much without context.
CONFIDENT_MARGIN = 1.5
# "Athens" beside "Henderson County": a city or county in a division the other toponyms vote for.
COHERENCE_WEIGHT = 1.5
# Kinds that take the coherence bonus, and the share of the story its country must hold.
LOCAL_KINDS = frozenset({"city", "county", "town", "us_state"})
# A country with no evidence of its own loses this much when a same-named local place fits the story
# (its division gets at least STRAY_SUPPORT of a vote).
STRAY_COUNTRY_PENALTY = 3.0
STRAY_SUPPORT = 0.75
STORY_COUNTRY_SHARE = 0.5
# Below this nothing is emitted (a small town matched by an alternate name only).
MIN_SCORE = 2.0


def prior(c: Candidate) -> float:
    """How likely an entry is to be meant, before looking at the text around it."""
    e = c.entry
    if e.kind == "country":
        return 4.0
    if e.kind == "town":
        return 2.0
    if e.curated:
        return 3.0
    if e.kind == "us_state":
        return 2.0
    if e.kind == "county":  # named in full ("Rapides Parish"): rarely anything else
        return 1.5
    if e.kind == "subdivision":
        return 0.8 if e.lat is not None else 0.3
    return min(3.5, max(0.0, math.log10(max(e.population, 1)) - 4.0))


def local_support(c: Candidate, votes: Mapping[str, float] | None,
                  context: Mapping[str, float] | None) -> float:
    """0..1: how much the story's other toponyms vote for the division of a local candidate in the story's country."""
    e = c.entry
    if not votes or e.kind not in LOCAL_KINDS or not e.admin1 or not e.country:
        return 0.0
    if (context or {}).get(e.country, 0.0) < STORY_COUNTRY_SHARE:
        return 0.0
    return min(1.0, votes.get(e.admin1, 0.0))


def _wide(c: Candidate) -> bool:
    """A country, first-level division, continent or curated region: wider than any town of its name."""
    return c.entry.kind in ("country", "us_state", "subdivision", "continent") or c.entry.curated


def score(c: Candidate, context: Mapping[str, float] | None = None,
          admin1s: frozenset[str] = frozenset(), votes: Mapping[str, float] | None = None) -> float:
    """Prior + name quality + country context (a share in 0..1 per ISO3) + named first-level division
    + the other toponyms' votes for the candidate's division (``votes``: admin1 code -> votes)."""
    s = prior(c) + NAME_BONUS[c.quality]
    if context and c.entry.country:
        s += CONTEXT_WEIGHT * context.get(c.entry.country, 0.0)
    if c.entry.admin1 and c.entry.admin1 in admin1s and c.entry.kind in ("city", "county"):
        s += ADMIN1_WEIGHT
    s += COHERENCE_WEIGHT * local_support(c, votes, context)
    # Ties between equal scores go to the bigger place, then the stabler id.
    return s + min(c.entry.population, 10**9) * 1e-12


def ranked(candidates: Sequence[Candidate], context: Mapping[str, float] | None = None,
           admin1s: frozenset[str] = frozenset(), votes: Mapping[str, float] | None = None,
           ) -> list[tuple[float, Candidate]]:
    """Candidates best first, each with its score.

    A country with no share of the context loses :data:`STRAY_COUNTRY_PENALTY`
    when a local candidate of the same name gets a full vote for its division.
    """
    if votes and any(_wide(c) for c in candidates):
        # "Florida", "Kansas", "England": the votes choose among the state's or country's own kind,
        # never lift a town of that name over it (a country still yields below, to a town with a full vote).
        scored = [(score(c, context, admin1s, votes if c.entry.kind not in ("city", "town", "county") else None), c)
                  for c in candidates]
    else:
        scored = [(score(c, context, admin1s, votes), c) for c in candidates]
    if votes and context and any(local_support(c, votes, context) >= STRAY_SUPPORT for c in candidates):
        scored = [(sc - STRAY_COUNTRY_PENALTY if c.entry.kind == "country" and not context.get(c.entry.country or "", 0.0)
                   else sc, c) for sc, c in scored]
    scored.sort(key=lambda sc: (-sc[0], sc[1].entry.id))
    return scored


def best(candidates: Sequence[Candidate], context: Mapping[str, float] | None = None,
         admin1s: frozenset[str] = frozenset(), *, min_score: float = MIN_SCORE,
         votes: Mapping[str, float] | None = None) -> Candidate | None:
    """The candidate to keep, or None when none scores high enough."""
    order = ranked(candidates, context, admin1s, votes)
    if not order or order[0][0] < min_score:
        return None
    return order[0][1]


def confident_country(candidates: Sequence[Candidate]) -> str | None:
    """The country a toponym points at without context, when it points clearly enough."""
    order = ranked(candidates)
    if not order or order[0][0] < MIN_SCORE or not order[0][1].entry.country:
        return None
    top_score, top = order[0]
    for s, c in order[1:]:
        if c.entry.kind == "city" and c.entry.population < STRONG_POPULATION:
            continue  # a village of the same name elsewhere is no counter-evidence
        if c.entry.country != top.entry.country:
            return top.entry.country if top_score - s >= CONFIDENT_MARGIN else None
    return top.entry.country


def confident_entry(candidates: Sequence[Candidate]) -> Candidate | None:
    """The best candidate when it beats every other country's best by the margin, without context."""
    order = ranked(candidates)
    if confident_country(candidates) is None:
        return None
    return order[0][1]


def shares(weights: Mapping[str, float]) -> dict[str, float]:
    """Country weights as shares of their total."""
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()} if total > 0 else {}


__all__ = ["prior", "score", "ranked", "best", "confident_country", "shares",
           "confident_entry", "local_support", "NAME_BONUS", "COHERENCE_WEIGHT", "STRAY_COUNTRY_PENALTY", "CONTEXT_WEIGHT", "ADMIN1_WEIGHT", "CONFIDENT_MARGIN", "MIN_SCORE"]
