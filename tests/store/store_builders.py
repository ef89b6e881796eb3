"""Hand-built Reports for store tests: fast, and each field set on purpose."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from tidings.model import Actor, Article, Event, Place, Relation, Report, Source, TextSpan, When

ACTORS: dict[str, Actor] = {
    a.id: a for a in (
        Actor("al_shabaab", "Al-Shabaab", "armed_group", country="SOM"),
        Actor("somalia", "Somalia", "state", country="SOM"),
        Actor("hamas", "Hamas", "armed_group", country="PSE"),
        Actor("izz_ad_din_al_qassam_brigades", "Izz ad-Din al-Qassam Brigades", "armed_group", country="PSE",
              parent="hamas"),
        Actor("islamic_state", "Islamic State", "armed_group"),
        Actor("sinai_province", "Sinai Province", "armed_group", country="EGY", parent="islamic_state"),
        Actor("iswap", "ISWAP", "armed_group", country="NGA", parent="islamic_state"),
        Actor("boko_haram", "Boko Haram", "armed_group", country="NGA"),
        Actor("nigeria_military", "Nigerian Army", "military", country="NGA"),
        Actor("egypt", "Egypt", "state", country="EGY"),
        Actor("israel", "Israel", "state", country="ISR"),
        Actor("unknown:gunmen", "gunmen", "unknown"),
    )
}

PLACES: dict[str, Place] = {
    p.id: p for p in (
        Place("mogadishu", "Mogadishu", "SOM", 2.0371, 45.3438, "city"),
        Place("k4_junction", "K4 junction", "SOM", 2.0300, 45.3200, "point"),
        Place("lido_beach", "Lido beach", "SOM", 2.0600, 45.3700, "point"),
        Place("baidoa", "Baidoa", "SOM", 3.1136, 43.6498, "city"),
        Place("marte", "Marte", "NGA", 12.3640, 13.8300, "city"),
        Place("dikwa", "Dikwa", "NGA", 12.0300, 13.9200, "city"),
        Place("gaza_strip", "Gaza Strip", "PSE", 31.42, 34.37, "region"),
        Place("nairobi", "Nairobi", "KEN", -1.2864, 36.8172, "city"),
    )
}

SCORES = {"ASSAULT": -10.0, "COERCE": -7.0, "AID": 7.0, "AGREE": 4.0, "CONSULT": 1.0, "ACCUSE": -2.0}


def score(event_type: str) -> float:
    return SCORES.get(event_type, 0.0)


@dataclass
class E:
    """One event to put in a hand-built report."""

    type: str
    sentence: str
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    day: str | None = None
    precision: str = "day"
    until: str | None = None
    place: str | None = None
    status: str = "asserted"
    cited: list[tuple[str, str, str | None]] = field(default_factory=list)  # (name, kind, actor)


def make_report(title: str, events: list[E], *, outlet: str | None = "Reuters", published: str | None = "2023-09-18",
                url: str | None = None, byline: str | None = None,
                relations: list[tuple[str, str, str]] = ()) -> Report:
    """A Report whose text is the title and the events' sentences, offsets pointing into it."""
    text = title + "\n"
    built: list[Event] = []
    used_actors: set[str] = set()
    used_places: set[str] = set()
    head = [Source(outlet, "outlet")] if outlet else []
    if byline:
        head.append(Source(byline, "reporter"))
    for n, spec in enumerate(events):
        start = len(text)
        text += spec.sentence + " "
        span = TextSpan(start, start + len(spec.sentence), spec.sentence)
        when = None
        if spec.day:
            first = date.fromisoformat(spec.day)
            last = date.fromisoformat(spec.until) if spec.until else first
            when = When(first, last, spec.precision)
        chain = head + [Source(name, kind, actor) for name, kind, actor in spec.cited]
        built.append(Event(
            id=f"e{n}", type=spec.type, mode=None, context=[], actors=list(spec.actors),
            recipients=list(spec.recipients), place=spec.place, date=when, date_text=spec.day, status=spec.status,
            attribution=chain, evidence=span, trigger=TextSpan(start, start + 1, spec.sentence[0]), confidence=0.8,
        ))
        used_actors.update(spec.actors + spec.recipients)
        if spec.place:
            used_places.add(spec.place)
    article = Article(text=text, title=title, url=url, outlet=outlet, byline=byline,
                      published=date.fromisoformat(published) if published else None)
    actors = [_copy_actor(ACTORS[a]) for a in sorted(used_actors)]
    for actor in actors:
        where = text.find(actor.name)
        if where >= 0:
            actor.mentions.append(TextSpan(where, where + len(actor.name), actor.name))
    places = [PLACES[p] for p in sorted(used_places)]
    rels = [Relation(a, b, kind, "text", evidence=[TextSpan(0, len(title), title)]) for a, b, kind in relations]
    return Report(article=article, actors=actors, places=places, times=[], events=built, relations=rels,
                  statements=[])


def _copy_actor(actor: Actor) -> Actor:
    return Actor(actor.id, actor.name, actor.kind, actor.country, actor.sector, actor.wikidata, actor.parent)


def shifted(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def fake_extract(article: Article) -> Report:
    """A stand-in for the NLP step (not for the database): one attack per article, on the day before publication.

    A text containing POISON fails, as a broken article would in the real pipeline.
    """
    if "POISON" in article.text:
        raise ValueError("this article poisons the extractor")
    sentence = article.text.strip().split("\n")[-1][:200] or article.text[:200]
    start = article.text.find(sentence)
    day = (article.published or date(2023, 9, 18)) - timedelta(days=1)
    event = Event(
        id="e0", type="ASSAULT", mode=None, context=[], actors=["al_shabaab"], recipients=[], place="mogadishu",
        date=When(day, day, "day"), date_text="yesterday", status="asserted",
        attribution=[Source(article.outlet, "outlet")] if article.outlet else [],
        evidence=TextSpan(start, start + len(sentence), sentence), trigger=TextSpan(start, start + 1, sentence[:1]),
        confidence=0.8,
    )
    return Report(article=article, actors=[_copy_actor(ACTORS["al_shabaab"])], places=[PLACES["mogadishu"]],
                  times=[], events=[event], relations=[], statements=[])
