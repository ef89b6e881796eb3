"""Event coreference: when two reports (from one article or many) describe one happening.

The rules live in ``data/coreference.yaml``. A report becomes an :class:`EventView`
(type family, firm actors with their parents, an effective date window, a
place, the evidence text, the article's story); :func:`compare` finds hard
conflicts (different family or status group, disjoint known actors or
recipients, dates that do not overlap, places too far apart for their
precision) and otherwise scores the agreement. Two articles that tell one
story (:mod:`tidings.store.merge_story`) about the same kind of act are tied
even without a date, the evidence that dateless corpora (ECB+) lack. Merging
is greedy in reading order (:func:`best_match`): the store and the ECB+ scorer
both call these functions, so they cluster alike.

    >>> clusters = cluster_reports(reports)          # [[(report index, event id), …], …]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from tidings.errors import DataError
from tidings.model import Event, Report
from tidings.resources import data_path, load_schema, load_yaml
from tidings.store.merge_story import TermCounts, story_terms, trigger_key

RULES_FILE = "coreference.yaml"
ANCESTOR = "^"
NAME = "~"  # an unresolved actor's proper-name words: "~subryan" for "Vishwanand Subryan"
COARSE = frozenset({"region", "country"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class Rules:
    """The coreference rules of data/coreference.yaml, indexed for lookups."""

    threshold: float
    family_of: dict[str, str]
    group_of: dict[str, str]
    day_slack: int
    undated_window: int
    same_article_similarity: float
    tolerance_km: dict[str, float]
    weights: dict[str, float]
    generic_names: frozenset[str] = frozenset()
    undated_threshold: float = 0.0
    story_threshold: float = 1.0
    story_min_shared: int = 2

    def family(self, event_type: str) -> str:
        return self.family_of.get(event_type, event_type)

    def status_group(self, status: str) -> str:
        return self.group_of.get(status, status)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and validate data/coreference.yaml once per process."""
    import jsonschema

    data: dict[str, Any] = load_yaml(RULES_FILE)
    try:
        jsonschema.validate(data, load_schema("coreference.schema.json"))
    except jsonschema.ValidationError as exc:
        raise DataError(str(data_path(RULES_FILE)), exc.message) from None
    family_of = {t: name for name, types in data["families"].items() for t in types}
    group_of = {s: name for name, statuses in data["status_groups"].items() for s in statuses}
    return Rules(
        threshold=float(data["threshold"]), family_of=family_of, group_of=group_of,
        day_slack=int(data["dates"]["day_slack_days"]), undated_window=int(data["dates"]["undated_window_days"]),
        same_article_similarity=float(data["same_article_similarity"]),
        tolerance_km={k: float(v) for k, v in data["places"]["tolerance_km"].items()},
        weights={k: float(v) for k, v in data["weights"].items()},
        undated_threshold=float(data["dates"].get("undated_threshold", data["threshold"])),
        generic_names=frozenset(w.lower() for w in data.get("names", {}).get("generic", [])),
        story_threshold=float(data.get("story", {}).get("threshold", 1.0)),
        story_min_shared=int(data.get("story", {}).get("min_shared", 2)),
    )


@dataclass(frozen=True, slots=True)
class EventView:
    """What coreference looks at in one reported event."""

    key: str
    article_id: str
    type: str
    family: str
    status_group: str
    actors: frozenset[str]
    recipients: frozenset[str]
    lo: date | None
    hi: date | None
    precision: str | None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    place_precision: str | None = None
    place_id: str | None = None
    evidence: str = ""
    story: frozenset[str] = frozenset()  # the article's key terms (merge_story.story_terms)
    trigger: str = ""  # the trigger's stem (merge_story.trigger_key)
    mode: str | None = None
    place_name: str | None = None
    cameo: str | None = None


@dataclass(slots=True)
class Comparison:
    """The outcome of comparing two views: conflicts veto, else ``score`` decides."""

    score: float = 0.0
    conflicts: list[str] = field(default_factory=list)
    parts: dict[str, float] = field(default_factory=dict)
    anchors: set[str] = field(default_factory=set)  # what ties the two: a shared actor, recipient, place, story
    story: float = 0.0  # how alike the two articles' stories are (merge_story.story_similarity)

    @property
    def compatible(self) -> bool:
        return not self.conflicts


def event_window(event: Event, published: date | None, rules: Rules) -> tuple[date | None, date | None, str | None]:
    """The days an event may have happened on, widened by the slack its precision allows."""
    if event.date is not None and event.date.precision == "reported":
        # the pipeline's "reported" date is the publication day: the event happened on or before it
        end = event.date.end
        return end - timedelta(days=rules.undated_window), end, None
    if event.date is not None:
        slack = rules.day_slack if event.date.precision == "day" else 0
        return event.date.start - timedelta(days=slack), event.date.end + timedelta(days=slack), event.date.precision
    if published is not None:
        return published - timedelta(days=rules.undated_window), published, None
    return None, None, None


def name_keys(name: str, rules: Rules) -> set[str]:
    """The capitalized, non-generic words of an unresolved name, marked ``~``: what can tie two reports."""
    return {NAME + w.lower() for w in _WORD.findall(name)
            if w[0].isupper() and len(w) > 2 and w.lower() not in rules.generic_names}


def firm_actors(ids: Iterable[str], report: Report, rules: Rules | None = None) -> frozenset[str]:
    """Actors the knowledge base knows, plus their ancestors marked ``^``: unresolved names never conflict.

    "Islamic State" and its "Sinai Province" are compatible (one contains the
    other); "Sinai Province" and "ISWAP", siblings under it, are not. An
    unresolved actor adds only its proper-name words (``~``): a shared one ties
    two reports ("Subryan" and "Vishwanand Subryan"), different ones never conflict.
    """
    rules = rules or load_rules()
    by_id = {a.id: a for a in report.actors}
    out: set[str] = set()
    for actor_id in ids:
        actor = by_id.get(actor_id)
        if actor is not None and actor.kind == "unknown":
            out |= name_keys(actor.name, rules)
            continue
        out.add(actor_id)
        seen = 0
        while actor is not None and actor.parent and seen < 5:
            out.add(ANCESTOR + actor.parent)
            actor = by_id.get(actor.parent)
            seen += 1
    return frozenset(out)


def _firm(keys: frozenset[str]) -> set[str]:
    return {k for k in keys if not k.startswith((ANCESTOR, NAME))}


def roles_match(a: frozenset[str], b: frozenset[str]) -> bool:
    """Equal actors, or one the ancestor of the other."""
    raw_a, raw_b = _firm(a), _firm(b)
    up_a = {k[1:] for k in a if k.startswith(ANCESTOR)}
    up_b = {k[1:] for k in b if k.startswith(ANCESTOR)}
    return bool(raw_a & (raw_b | up_b) or raw_b & up_a)


def view_event(report: Report, event: Event, *, rules: Rules | None = None) -> EventView:
    """The EventView of one event of a report (its key is ``article id:event id``)."""
    rules = rules or load_rules()
    lo, hi, precision = event_window(event, report.article.published, rules)
    place = next((p for p in report.places if p.id == event.place), None) if event.place else None
    return EventView(
        key=f"{report.article.id}:{event.id}", article_id=report.article.id, type=event.type,
        family=rules.family(event.type), status_group=rules.status_group(event.status),
        actors=firm_actors(event.actors, report, rules), recipients=firm_actors(event.recipients, report, rules),
        lo=lo, hi=hi, precision=precision,
        lat=place.lat if place else None, lon=place.lon if place else None,
        country=place.country if place else None, place_precision=place.precision if place else None,
        place_id=place.id if place else None, evidence=event.evidence.text,
        story=_story(report.article.text, rules.generic_names), trigger=trigger_key(event.trigger.text),
        mode=event.mode, place_name=place.name.casefold() if place else None, cameo=event.cameo,
    )


def article_story(text: str, *, rules: Rules | None = None) -> frozenset[str]:
    """An article's story terms (what :class:`TermCounts` counts), as :func:`view_event` reads them."""
    return _story(text, (rules or load_rules()).generic_names)


def article_terms(text: str) -> frozenset[str]:
    """The story terms before the generic names are taken out: what the store keeps in ``article_terms``.

    Kept unfiltered so that editing ``names.generic`` in the rules needs no
    migration: :func:`story_of_terms` filters them when the store reads them.
    """
    return _raw_story(text)


def story_of_terms(terms: Iterable[str], *, rules: Rules | None = None) -> frozenset[str]:
    """The story from stored terms (:func:`article_terms`), as :func:`article_story` reads it from the text."""
    return frozenset(terms) - (rules or load_rules()).generic_names


@lru_cache(maxsize=256)
def _raw_story(text: str) -> frozenset[str]:
    # the store views one article's events one by one and keeps its terms: read the text once
    return story_terms(text, frozenset())


def _story(text: str, generic: frozenset[str]) -> frozenset[str]:
    return _raw_story(text) - generic


def view_events(report: Report, *, rules: Rules | None = None) -> list[EventView]:
    return [view_event(report, e, rules=rules) for e in report.events]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _roles(a: frozenset[str], b: frozenset[str], name: str, out: Comparison, w: dict[str, float]) -> None:
    if not _firm(a) or not _firm(b):
        names_a, names_b = {k for k in a if k.startswith(NAME)}, {k for k in b if k.startswith(NAME)}
        if names_a & names_b:
            out.parts[name] = w[f"{name}_name_match"]
            out.anchors.add(name)
        else:
            out.parts[name] = w[f"{name}_unknown"]
    elif roles_match(a, b):
        out.parts[name] = w[f"{name}_match"]
        out.anchors.add(name)
    else:
        out.conflicts.append(f"{name} differ: {sorted(a)} vs {sorted(b)}")


def _dates(a: EventView, b: EventView, out: Comparison, rules: Rules) -> None:
    w = rules.weights
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        # no date and no publication date: nothing to compare, so nothing to object to
        out.parts["date"] = w["date_undated"]
        return
    if a.lo > b.hi or b.lo > a.hi:
        out.conflicts.append(f"dates apart: {a.lo}..{a.hi} vs {b.lo}..{b.hi}")
        return
    if a.precision is None or b.precision is None:
        out.parts["date"] = w["date_undated"]
    elif a.precision == "day" and b.precision == "day":
        # both windows carry the slack; the days themselves may differ by the slack once
        if abs((a.lo - b.lo).days) > rules.day_slack:
            out.conflicts.append(f"dates apart: {a.lo}..{a.hi} vs {b.lo}..{b.hi}")
        else:
            out.parts["date"] = w["date_same_day"]
    else:
        out.parts["date"] = w["date_overlap"]


def _places(a: EventView, b: EventView, out: Comparison, rules: Rules, *, same_story: bool = False,
            stories: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> None:
    w = rules.weights
    if a.place_id is None or b.place_id is None:
        out.parts["place"] = w["place_unknown"]
        return
    if same_story and a.place_id != b.place_id and a.place_name and a.place_name == b.place_name:
        # one story, one toponym ("Vancouver"), two readings of it by the gazetteer: the same place
        out.anchors.add("place")
        out.parts["place"] = w["place_coarse"]
        return
    if (same_story and a.place_id != b.place_id and {a.place_precision, b.place_precision} & COARSE
            and (_named_in(a, stories[1], rules) or _named_in(b, stories[0], rules))):
        # one story placed once in a city, once only by a region or country named nearby, and the
        # other article names that city too: the coarse reading yields (two cities still conflict below)
        out.parts["place"] = w["place_unknown"]
        return
    if a.country and b.country and a.country != b.country:
        out.conflicts.append(f"countries differ: {a.country} vs {b.country}")
        return
    fine = {"point", "city"}
    out.anchors.add("place")
    if a.place_id == b.place_id:
        out.parts["place"] = w["place_near"] if a.place_precision in fine else w["place_coarse"]
        return
    if None in (a.lat, a.lon, b.lat, b.lon):
        out.anchors.discard("place")
        out.parts["place"] = w["place_unknown"]
        return
    tol = max(rules.tolerance_km.get(a.place_precision or "", 0.0), rules.tolerance_km.get(b.place_precision or "", 0.0))
    km = distance_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    if km > tol:
        out.conflicts.append(f"places {km:.0f} km apart (tolerance {tol:.0f} km)")
    elif a.place_precision in fine and b.place_precision in fine:
        out.parts["place"] = w["place_near"]
    else:
        out.parts["place"] = w["place_coarse"]


def _named_in(view: EventView, story: frozenset[str], rules: Rules) -> bool:
    """Whether an article's story names this view's place ("Vancouver" among its key terms)."""
    words = {k[len(NAME):] for k in name_keys(view.place_name.title(), rules)} if view.place_name else set()
    return bool(words) and words <= story


def same_act(a: EventView, b: EventView) -> bool:
    """The two triggers name one kind of act.

    The same stem ("killed", "killing"), or the same type with the same mode
    ("shot", "opened fire": firearms) or the same CAMEO code of the lexicon
    ("killed", "died": 180). "Arrested" and "attack", or "killed" and
    "murder" (180, 1823), are different acts of one incident.
    """
    if a.trigger and a.trigger == b.trigger:
        return True
    return a.type == b.type and ((a.mode is not None and a.mode == b.mode)
                                 or (a.cameo is not None and a.cameo == b.cameo))


def compare(a: EventView, b: EventView, *, rules: Rules | None = None, counts: TermCounts | None = None) -> Comparison:
    """Conflicts and agreement score of two reported events.

    ``counts`` (story terms of the collection being merged, see
    :mod:`tidings.store.merge_story`) gives the article-level evidence: two
    articles telling one story about the same kind of act are tied, with or
    without a date. Without ``counts`` there is no such evidence.
    """
    rules = rules or load_rules()
    w = rules.weights
    out = Comparison()
    if a.family != b.family:
        out.conflicts.append(f"type families differ: {a.family} vs {b.family}")
    if a.status_group != b.status_group:
        out.conflicts.append(f"statuses differ: {a.status_group} vs {b.status_group}")
    if out.conflicts:
        return out
    if a.type == b.type:
        out.parts["type"] = w["same_type"]
    _roles(a.actors, b.actors, "actors", out, w)
    _roles(a.recipients, b.recipients, "recipients", out, w)
    _dates(a, b, out, rules)
    # no collection to weigh the terms by, no article-level evidence: every term would weigh alike
    story = (counts.similarity(a.article_id, a.story, b.article_id, b.story, min_shared=rules.story_min_shared)
             if counts is not None and a.article_id != b.article_id else 0.0)
    same_story = story >= rules.story_threshold
    stories = (counts.story(a.article_id, a.story), counts.story(b.article_id, b.story)) if same_story and counts else (
        frozenset(), frozenset())
    _places(a, b, out, rules, same_story=same_story, stories=stories)
    if same_story and same_act(a, b):
        out.anchors.add("story")
    if not out.anchors:
        out.conflicts.append("nothing ties them: no shared actor, recipient or place, and not one story")
        return out
    similarity = fuzz.token_set_ratio(a.evidence, b.evidence) / 100.0 if a.evidence and b.evidence else 0.0
    if (a.article_id == b.article_id and out.parts.get("date") != w["date_same_day"]
            and similarity < rules.same_article_similarity and not _same_telling(a, b, out)):
        # one article telling two things about the same parties in one month is two things
        out.conflicts.append("same article, not the same day")
        return out
    out.parts["evidence"] = w["evidence_similarity"] * similarity
    out.story = story
    out.score = sum(out.parts.values())
    if "story" in out.anchors:
        # two articles telling one story, the same kind of act in both: enough on its own
        out.score = max(out.score, rules.threshold)
    if None in (a.lo, b.lo) and out.score < rules.undated_threshold and "story" not in out.anchors:
        # without a date the one thing that tells similar incidents apart is missing: ask for more,
        # a higher score or two articles telling the same story about the same kind of act
        out.conflicts.append(f"no date to compare and score {out.score:.2f} < {rules.undated_threshold}")
    return out


def _same_telling(a: EventView, b: EventView, out: Comparison) -> bool:
    """One article retelling one event: same type, same parties on both sides, and the very same time.

    "the same time" is the same imprecise window (both undated, both "in
    December"), not a day against a month: "treated fighters on Sunday" and
    "helped them this month" stay two events.
    """
    return (a.type == b.type and a.precision == b.precision and a.lo == b.lo and a.hi == b.hi
            and {"actors", "recipients"} <= out.anchors | _empty_roles(a, b))


def _empty_roles(a: EventView, b: EventView) -> set[str]:
    """Roles neither report fills: nothing to match there."""
    return {name for name in ("actors", "recipients") if not getattr(a, name) and not getattr(b, name)}


def best_match(view: EventView, candidates: dict[str, Sequence[EventView]], *,
               rules: Rules | None = None, counts: TermCounts | None = None) -> tuple[str | None, float]:
    """The candidate event ``view`` joins: compatible with every member, best score over threshold.

    ``candidates`` maps an event id to the views of its reports so far.
    """
    rules = rules or load_rules()
    best: tuple[str | None, float] = (None, 0.0)
    for event_id, members in candidates.items():
        score = 0.0
        for member in members:
            result = compare(view, member, rules=rules, counts=counts)
            if not result.compatible:
                score = -1.0
                break
            score = max(score, result.score)
        if score >= rules.threshold and score > best[1]:
            best = (event_id, score)
    return best


def cluster_views(views: Sequence[EventView], *, rules: Rules | None = None,
                  counts: TermCounts | None = None) -> list[list[EventView]]:
    """Greedy clustering in order, exactly as the store merges one report after another.

    ``counts`` defaults to the story terms of the articles of ``views``.
    """
    rules = rules or load_rules()
    if counts is None:
        counts = TermCounts()
        for view in views:
            counts.add(view.article_id, view.story)
    clusters: dict[str, list[EventView]] = {}
    for view in views:
        candidates = {cid: members for cid, members in clusters.items()
                      if members[0].family == view.family and any(windows_meet(m, view) for m in members)}
        chosen, _ = best_match(view, candidates, rules=rules, counts=counts)
        if chosen is None:
            clusters[view.key] = [view]
        else:
            clusters[chosen].append(view)
    return list(clusters.values())


def windows_meet(a: EventView, b: EventView) -> bool:
    """Whether two date windows overlap; a missing window meets every other."""
    if a.lo is None or a.hi is None or b.lo is None or b.hi is None:
        return True
    return a.lo <= b.hi and b.lo <= a.hi


def cluster_reports(reports: Sequence[Report], *, rules: Rules | None = None) -> list[list[tuple[int, str]]]:
    """Events of many reports grouped into clusters of ``(report index, event id)``.

    The pure entry point for scorers (ECB+): no database involved.
    """
    rules = rules or load_rules()
    index: dict[str, tuple[int, str]] = {}
    views: list[EventView] = []
    for i, report in enumerate(reports):
        for event in report.events:
            view = view_event(report, event, rules=rules)
            view = EventView(**{**_as_dict(view), "key": f"{i}:{view.key}"})
            index[view.key] = (i, event.id)
            views.append(view)
    return [[index[v.key] for v in cluster] for cluster in cluster_views(views, rules=rules)]


def _as_dict(view: EventView) -> dict[str, Any]:
    return {name: getattr(view, name) for name in EventView.__slots__}  # type: ignore[attr-defined]


__all__ = [
    "Rules", "EventView", "Comparison", "load_rules", "view_event", "view_events", "compare",
    "best_match", "cluster_views", "cluster_reports", "distance_km", "event_window", "firm_actors", "roles_match",
    "name_keys", "windows_meet", "same_act", "article_story", "article_terms", "story_of_terms", "TermCounts",
]
