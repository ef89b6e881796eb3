"""From toponym spans to gazetteer entries, with the article's country evidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.places.entry import ALIAS, NAME, STRONG_POPULATION, Candidate, GazEntry
from tidings.places.gazetteer import Gazetteer
from tidings.places.rank import STORY_COUNTRY_SHARE, best, confident_country, confident_entry, shares
from tidings.places.spans import Toponym, span_chars
from tidings.places.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

NATIONALITY_WEIGHT = 0.5  # "Israeli strikes in Gaza": a nationality word is weaker evidence than a place
DATELINE_WEIGHT = 2.0  # "MOSUL, Iraq —": the article says where it was written
MISLABEL_MIN_POPULATION = 100_000
# A model entity of another label (ORG "Fargo") passes as a sizeable city when
# its country has at least this share of the article's evidence.
MISLABEL_CONTEXT_SHARE = 0.3
# Words after a name that make it a county's ("Walker County", "Rapides Parish").
COUNTY_WORDS = frozenset({"county", "parish"})
# Kinds that a name alone makes a place, whatever the model's label.
STRONG_KINDS = frozenset({"country", "us_state", "continent", "county"})


@dataclass(slots=True)
class Looked:
    """A toponym span (after direction handling) and the entries it may mean.

    ``qualifier`` is the first-level division or country named right after
    it ("Mansfield, La.", "Tripoli, Lebanon"): candidates are already narrowed to it.
    """

    i: int
    j: int
    source: str
    candidates: list[Candidate]
    label: str = ""
    qualifier: str | None = None


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
    if j < len(doc) and doc[j].lower_ in COUNTY_WORDS and doc[j].text[:1].isupper():
        # "Walker County Fair": the model's entity stopped at "Walker"
        wider = [c for c in gaz.lookup(full[start:doc[j].idx + len(doc[j].text)]) if c.entry.kind == "county"]
        if wider:
            return Looked(i, j + 1, t.source, wider, t.label)
    text = full[start:end]
    cands = gaz.lookup(text)
    if text.isupper() and len(text.replace(".", "")) <= 4 and t.source != "dateline":
        # An acronym ("UN", "US") is a place only through an English alias, never a city's name.
        cands = [c for c in cands if c.entry.kind in ("country", "us_state") or c.entry.curated]
    if not cands and j - i > 1 and doc[i].lower_ in gaz.directions:
        i += 1
        cands = gaz.lookup(full[doc[i].idx:end])
    if not cands and j - i > 1 and doc[j - 1].lower_ == "city":  # "YORK CITY, Pa.": York
        cands = [c for c in gaz.lookup(full[doc[i].idx:doc[j - 2].idx + len(doc[j - 2].text)])
                 if c.entry.kind == "city"]
    if not cands and j - i > 1 and t.source != "curated":
        return _leading_place(doc, gaz, t, full)
    return Looked(i, j, t.source, cands, t.label) if cands else None


def look_up_all(doc: Doc, gaz: Gazetteer, t: Toponym, nationalities: Mapping[str, str],
                doc_text: str | None = None) -> list[Looked]:
    """The span's place (:func:`look_up`), else the strong place names inside it ("Texas Forest Service")."""
    full = doc.text if doc_text is None else doc_text
    found = look_up(doc, gaz, t, nationalities, full)
    if found is not None:
        return [found]
    if t.j - t.i < 2 or t.source == "curated":
        return []
    return _embedded_places(doc, gaz, t, full)


def _leading_place(doc: Doc, gaz: Gazetteer, t: Toponym, full: str) -> Looked | None:
    """The place that opens an organisation's name: "Alexandria Police", "Rapides Parish Fire District"."""
    for k in range(t.j - 1, t.i, -1):
        if doc[k].lower_ not in gaz.institution_words:
            continue
        if doc[k].lower_ in COUNTY_WORDS:  # "Walker County Fair": the county, not a town "Walker"
            county = [c for c in gaz.lookup(full[doc[t.i].idx:doc[k].idx + len(doc[k].text)]) if c.entry.kind == "county"]
            if county:
                return Looked(t.i, k + 1, "mislabel", county, t.label)
        last = doc[k - 1]
        cands = [c for c in gaz.lookup(full[doc[t.i].idx:last.idx + len(last.text)]) if c.quality >= NAME]
        if cands:
            return Looked(t.i, k, "mislabel", cands, t.label)
    return None


def _strong(c: Candidate) -> bool:
    """Strong enough to be read inside an organisation's name ("Texas Forest Service", "University of Alexandria")."""
    e = c.entry
    return c.quality >= NAME and (e.kind in STRONG_KINDS or e.curated or e.population >= MISLABEL_MIN_POPULATION)


def _embedded_places(doc: Doc, gaz: Gazetteer, t: Toponym, full: str) -> list[Looked]:
    """Capitalised runs inside a longer name that are strong place names, longest first, left to right."""
    out: list[Looked] = []
    k = t.i
    while k < t.j:
        hit = None
        for end in range(t.j - (1 if k == t.i else 0), k, -1):
            if not doc[k].text[:1].isupper() or not doc[end - 1].text[:1].isupper():
                continue
            last = doc[end - 1]
            cands = gaz.lookup(full[doc[k].idx:last.idx + len(last.text)])
            if any(_strong(c) for c in cands):
                hit = Looked(k, end, "mislabel", [c for c in cands if c.quality >= NAME], t.label)
                break
        if hit is not None:
            out.append(hit)
            k = hit.j
        else:
            k += 1
    return out


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
            weights[iso3] += DATELINE_WEIGHT if lk.source == "dateline" else 1.0
    for iso3, n in nationality.items():
        weights[iso3] += NATIONALITY_WEIGHT * n
    return weights


@dataclass(frozen=True, slots=True)
class Evidence:
    """What vets a toponym besides its candidates: its words, and the article's person names."""

    key: str  # folded text of the span
    words: int  # tokens in the span
    surnames: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()


def _acceptable(choice: Candidate, lk: Looked, context: Mapping[str, float], admin1s: frozenset[str],
                ev: Evidence | None) -> bool:
    """Whether a chosen entry is kept: the model's own place entities pass easily, other spans need strong names."""
    e = choice.entry
    strong = e.kind in STRONG_KINDS or e.curated
    if lk.source in ("curated", "dateline"):
        return True
    if ev is not None and ev.words > 1 and not strong and ev.key in ev.common_words:
        return False  # "North Side" is no alternate name of a town
    if ev is not None and ev.words == 1 and not strong:
        if ev.key in ev.surnames:  # "Clinton" after "Bill Clinton"
            return False
        if ev.key in ev.common_words:
            return False  # "Police", "God", "West", "Gulf"
    if lk.source == "ner":
        return True
    if choice.quality < NAME and not (strong and choice.quality >= ALIAS):
        return False
    if strong or lk.qualifier is not None:
        return True
    if e.kind == "subdivision":
        return context.get(e.country or "", 0.0) > 0 and lk.label != "PERSON"
    if e.population >= MISLABEL_MIN_POPULATION:  # a person's name ("Bush") needs its country in the story
        return lk.label != "PERSON" or context.get(e.country or "", 0.0) > 0
    if e.admin1 is not None and e.admin1 in admin1s and e.kind == "city":
        return True
    return (lk.source == "mislabel" and lk.label != "PERSON" and e.population >= STRONG_POPULATION
            and context.get(e.country or "", 0.0) >= MISLABEL_CONTEXT_SHARE)


def named_admin1s(looked: Sequence[Looked]) -> frozenset[str]:
    """First-level divisions the article names clearly ("Illinois" -> US.IL, "Tenn.", "Rapides Parish")."""
    out: set[str] = set()
    for lk in looked:
        if lk.qualifier and "." in lk.qualifier:
            out.add(lk.qualifier)
        top = confident_entry(lk.candidates)
        if top is not None and top.entry.admin1 and (top.entry.kind != "city" or lk.source == "dateline"):
            # "Henry County" is in ten states: a name shared by divisions of its kind names none of them
            if not any(c.entry.kind == top.entry.kind and c.entry.admin1 != top.entry.admin1 and c.quality >= NAME
                       for c in lk.candidates):
                out.add(top.entry.admin1)
    return frozenset(out)


VOTING_KINDS = frozenset({"city", "town", "county", "us_state"})
VOTE_FLOOR = 10_000


def division_votes(looked: Sequence[Looked], keys: Sequence[str | None]) -> dict[str | None, Counter[str]]:
    """Per toponym name, the votes each first-level division gets from the story's other names.

    Each distinct name casts one vote, split over the divisions its candidates
    (cities, counties, states, by their own names) lie in, in proportion to
    their population (counties and states count as a town of
    :data:`VOTE_FLOOR`): "Lebanon County" (one state) votes fully for
    Pennsylvania, "Atlanta" almost fully for Georgia, "Springfield" a little
    for each of its states. A name's own vote is left out of its tally.
    """
    own: dict[str, dict[str, float]] = {}
    for n, lk in enumerate(looked):
        mine = own.setdefault(keys[n] if keys[n] is not None else f"#{n}", {})
        for c in lk.candidates:
            e = c.entry
            if e.admin1 and e.kind in VOTING_KINDS and c.quality >= NAME:
                mine[e.admin1] = max(mine.get(e.admin1, 0.0), float(max(e.population, VOTE_FLOOR)))
    total: Counter[str] = Counter()
    split: dict[str, Counter[str]] = {}
    for key, sizes in own.items():
        whole = sum(sizes.values())
        if whole > 0:
            split[key] = Counter({a: size / whole for a, size in sizes.items()})
            total.update(split[key])
    return {key: total - split.get(key, Counter()) for key in own}


# A story division needs this many of the story's other names to have a place in it, and this many more
# than any other division (one name more is often a street or a surname that happens to be a town there).
STORY_MIN_NAMES = 3
STORY_MARGIN = 2


def division_presence(looked: Sequence[Looked], keys: Sequence[str | None]) -> dict[str, frozenset[str]]:
    """Per distinct name, the first-level divisions where it names a town, county or state (by its own name)."""
    out: dict[str, set[str]] = {}
    for n, lk in enumerate(looked):
        mine = out.setdefault(keys[n] if keys[n] is not None else f"#{n}", set())
        if lk.label == "PERSON":
            continue  # a person "Harrison" is no sign of where the story is
        for c in lk.candidates:
            if c.entry.admin1 and c.entry.kind in VOTING_KINDS and c.quality >= NAME:
                mine.add(c.entry.admin1)
    return {key: frozenset(found) for key, found in out.items()}


def story_divisions(presence: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Per name, the division most of the story's other names can lie in, when one clearly leads.

    A small-town story rarely names its state: "Alexandria", "Brandon",
    "Kensington" and "Douglas County" each exist in several states, but only
    Minnesota has all four. Each other name counts once for every division it
    has a place in, whatever their size (the population-weighted
    :func:`division_votes` favour the biggest namesake instead). The leader
    needs :data:`STORY_MIN_NAMES` names and :data:`STORY_MARGIN` more than the runner-up.
    """
    total: Counter[str] = Counter()
    for found in presence.values():
        total.update(found)
    # Only divisions named by two or more names can lead or stand in a leader's way (a leader needs
    # three other names and a margin of two): usually none, so most stories stop here.
    contenders = [(d, n) for d, n in total.items() if n >= STORY_MARGIN]
    if not any(n > STORY_MIN_NAMES for _, n in contenders):
        return {}
    out: dict[str, str] = {}
    for key, found in presence.items():
        if not found:
            continue
        counts = sorted(((n - (d in found), d) for d, n in contenders), reverse=True)
        n, top = counts[0]
        second = counts[1][0] if len(counts) > 1 else 0
        if n >= STORY_MIN_NAMES and n - second >= STORY_MARGIN and top in found:
            out[key] = top
    return out


def county_links(looked: Sequence[Looked], keys: Sequence[str | None],
                 county_towns: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Per name, the one division where a county of the story holds a town of the story.

    "Huntsville" and "Walker County" each exist in several states; only in
    Texas does the county hold the town, so both are read there. A name
    linked in two divisions is left to the other rules.
    """
    names = [keys[n] if keys[n] is not None else f"#{n}" for n in range(len(looked))]
    links: dict[str, set[str]] = {}
    for n, lk in enumerate(looked):
        for c in lk.candidates:
            if c.entry.kind != "county" or c.quality < NAME:
                continue
            towns = county_towns.get(c.entry.id)
            if not towns:
                continue
            for m, other in enumerate(looked):
                if names[m] == names[n]:
                    continue
                for x in other.candidates:
                    if (x.entry.admin1 == c.entry.admin1 and x.entry.kind in ("city", "town") and x.quality >= NAME
                            and fold(x.entry.name) in towns):
                        links.setdefault(names[n], set()).add(c.entry.admin1)
                        links.setdefault(names[m], set()).add(c.entry.admin1)
    return {name: next(iter(found)) for name, found in links.items() if len(found) == 1}


def resolve(looked: Sequence[Looked], weights: Mapping[str, float],
            evidence: Sequence[Evidence | None] | None = None,
            county_towns: Mapping[str, frozenset[str]] | None = None) -> list[Resolved]:
    """The chosen entry per toponym in text order; unresolvable or unconvincing toponyms are left out.

    ``county_towns`` (county id -> folded town names) links a county and a town of the story that lies in it.
    """
    admin1s = named_admin1s(looked)
    # Leave one out: "Alexandria" in a Louisiana story must not vouch for Egypt by itself.
    own: dict[str, Counter[str]] = {}
    for n, lk in enumerate(looked):
        iso3 = confident_country(lk.candidates)
        if iso3 and evidence is not None and evidence[n] is not None:
            own.setdefault(evidence[n].key, Counter())[iso3] += DATELINE_WEIGHT if lk.source == "dateline" else 1.0
    whole = shares(weights)
    keys = [evidence[n].key if evidence is not None and evidence[n] is not None else None for n in range(len(looked))]
    votes = division_votes(looked, keys)
    story = story_divisions(division_presence(looked, keys))
    linked = county_links(looked, keys, county_towns) if county_towns else {}
    story.update(linked)
    chosen: list[tuple[Looked, Candidate, bool, str | None]] = []
    accepted: dict[str, GazEntry] = {}
    for n, lk in enumerate(looked):
        ev = evidence[n] if evidence is not None else None
        mine = own.get(ev.key) if ev is not None else None
        context = shares(Counter(weights) - mine) if mine else whole
        name = keys[n] if keys[n] is not None else f"#{n}"
        mine_votes, mine_admin1s = votes.get(name), admin1s
        division = story.get(name)
        if division is not None:
            # The story's division counts as named, and as a full vote (only in the story's country: see rank).
            mine_votes = Counter(mine_votes or {})
            mine_votes[division] = max(mine_votes[division], 1.0)
            country = _country_of(lk, division)
            # a county holding a town of the story is evidence enough; a mere majority needs the story's country
            if name in linked or (country is not None and whole.get(country, 0.0) >= STORY_COUNTRY_SHARE):
                mine_admin1s = admin1s | {division}
        choice = best(lk.candidates, context, mine_admin1s, votes=mine_votes)
        if choice is None:
            continue
        ok = _acceptable(choice, lk, whole, mine_admin1s, ev)
        key = ev.key if ev is not None else None
        if ok and key is not None:
            accepted.setdefault(key, choice.entry)
        chosen.append((lk, choice, ok, key))
    out: list[Resolved] = []
    for lk, choice, ok, key in chosen:
        # One sense per story: a name taken as a place once ("MANSFIELD --") is that place throughout,
        # even where the model calls it a person ("Mansfield's Pastor on Patrol").
        if ok:
            out.append(Resolved(lk.i, lk.j, accepted.get(key, choice.entry) if key else choice.entry))
        elif key is not None and key in accepted and key not in (ev_surnames(evidence)):
            out.append(Resolved(lk.i, lk.j, accepted[key]))
    return out


def _country_of(lk: Looked, division: str) -> str | None:
    """The ISO3 country of a first-level division code, from the candidates that lie in it."""
    return next((c.entry.country for c in lk.candidates if c.entry.admin1 == division), None)


def ev_surnames(evidence: Sequence[Evidence | None] | None) -> frozenset[str]:
    """The article's person surnames, as the evidence records carry them."""
    for ev in evidence or ():
        if ev is not None:
            return ev.surnames
    return frozenset()


def main_country_of(weights: Mapping[str, float], order: Sequence[str] = ()) -> str | None:
    """The country with most evidence; ties go to the one named first."""
    if not weights:
        return None
    first = {iso3: n for n, iso3 in reversed(list(enumerate(order)))}
    return max(weights, key=lambda k: (weights[k], -first.get(k, len(order))))


__all__ = ["Looked", "Resolved", "Evidence", "look_up", "look_up_all", "ev_surnames", "nationality_counts", "country_weights", "resolve", "named_admin1s", "division_votes", "division_presence", "story_divisions", "county_links",
           "main_country_of", "NATIONALITY_WEIGHT"]
