"""From an annotated Doc to a :class:`tidings.model.Report`: records with their evidence.

Here each event gets what depends on the whole article: its chain of sources
and status, its date and place, and the actors' records; and the relations
between actors are gathered from the text, the knowledge base and the events.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Token

from tidings.kb import KnowledgeBase
from tidings.lexicon import type_score
from tidings.model import (
    Actor, Article, Event, Place, Relation, Report, Source, Statement, TextSpan, TimeMention, When,
)
from tidings.pipeline import roles
from tidings.pipeline.actors import UNKNOWN_PREFIX
from tidings.pipeline.annotations import EventCandidate, Frame, PlaceMention, SourceRef, once_per_doc, text_of
from tidings.attribution.claims import ClaimLink, actors_after, chain_confidence, chain_of, claim_links
from tidings.attribution.lexicon import load_reporting_lexicon
from tidings.pipeline.attribution import frames_over
from tidings.places import country_place, dateline_place, main_country
from tidings.places.context import (
    containing, in_institution_name, in_outlet_name, narrowed_by_dateline, narrowed_to_named_inside, residence_mention,
    stray_places,
)
from tidings.time import governing_verb
from tidings.time.event_date import event_expression
from tidings.time.published import PUBLISHED_KEY, PublishedInText


def _offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Every token's start and end character, read once per doc in one array call."""
    def build(d: Doc) -> tuple[list[int], list[int]]:
        starts, lengths = d.to_array([IDX, LENGTH]).T.tolist() if len(d) else ([], [])
        return starts, [s + n for s, n in zip(starts, lengths)]
    return once_per_doc(doc, "tidings.report.offsets", build)


def _span(doc: Doc, i: int, j: int) -> TextSpan:
    """Token range → text span. Reads token offsets directly: building a Span checks the whole
    doc's sentence annotation each time, which made this the pipeline's hottest line."""
    text = text_of(doc)
    starts, ends = _offsets(doc)
    if j <= i:
        start = starts[i] if i < len(starts) else len(text)
        return TextSpan(start, start, "")
    start, end = starts[i], ends[j - 1]
    return TextSpan(start, end, text[start:end])


def _governing_verb(doc: Doc, i: int, j: int) -> int:
    """:func:`governing_verb`'s token index, kept per doc: every statement asks about every time expression."""
    known: dict[tuple[int, int], int] = once_per_doc(doc, "tidings.report.governing", lambda d: {})
    found = known.get((i, j))
    if found is None:
        found = known[(i, j)] = governing_verb(doc, i, j).i
    return found


def _with_printed_date(doc: Doc, article: Article) -> Article:
    """An article given without a publication date takes the one printed at its top, and says so.

    The time stage already resolved "Tuesday" against that date; the record must
    show which date that was and where in the text it came from.
    """
    printed: PublishedInText | None = doc.user_data.get(PUBLISHED_KEY)
    if article.published is not None or printed is None:
        return article
    note = (f"no publication date was given; the date printed in the text, {printed.text!r} "
            f"(characters {printed.start}–{printed.end}), is used as the publication date")
    return dataclasses.replace(article, published=printed.day, warnings=[*article.warnings, note])


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


class ReportBuilder:
    """Builds one Report; ``kb`` resolves outlet names and structural relations."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._lexicon = load_reporting_lexicon()
        self._outlets = {
            name.lower(): actor_id for name, actor_id, _ in kb.names()
            if kb.actors[actor_id].kind == "outlet"
        }

    def build(self, doc: Doc, article: Article) -> Report:
        article = _with_printed_date(doc, article)
        actors = self._actors(doc)
        places = self._places(doc)
        times = [TimeMention(_span(doc, t.i, t.j), t.value, t.reason) for t in doc._.time_mentions or []]
        head = self._chain_head(article)
        events = [self._event(doc, article, candidate, head, places) for candidate in doc._.events or []]
        statements = self._statements(doc, article)
        relations = self._relations(doc, actors, events)
        return Report(
            article=article, actors=list(actors.values()), places=list(places.values()), times=times,
            events=events, relations=relations, statements=statements, warnings=list(article.warnings),
        )

    # -- actors and places -----------------------------------------------------------------------

    def _actors(self, doc: Doc) -> dict[str, Actor]:
        out: dict[str, Actor] = {}
        for mention in doc._.actor_mentions or []:
            actor = out.get(mention.actor)
            if actor is None:
                actor = self._actor_record(mention.actor, text_of(doc)[mention.start:mention.end], doc._.published)
                guess = (doc._.actor_guesses or {}).get(mention.actor)
                if guess and actor.kind == "unknown":  # a title or a group noun told us what it is
                    actor = Actor(id=actor.id, name=guess.get("name") or actor.name, kind=guess.get("kind") or "unknown",
                                  country=guess.get("country"), sector=guess.get("sector"), parent=guess.get("parent"))
                out[mention.actor] = actor
            actor.mentions.append(_span(doc, mention.i, mention.j))
            actor.resolved_by.append(mention.resolved_by)
        return out

    def _actor_record(self, actor_id: str, text: str, day: date | None = None) -> Actor:
        known = self.kb.on(actor_id, day)  # a person's post (sector, parent) as of the article's date
        if known is None:
            name = text if actor_id.startswith(UNKNOWN_PREFIX) else actor_id
            return Actor(id=actor_id, name=name, kind="unknown")
        return Actor(
            id=known.id, name=known.name, kind=known.kind, country=known.country, sector=known.sector,
            wikidata=known.wikidata, parent=known.parent,
        )

    @staticmethod
    def _places(doc: Doc) -> dict[str, Place]:
        out: dict[str, Place] = {}
        for mention in doc._.place_mentions or []:
            place = out.get(mention.place.id)
            if place is None:
                resolved = mention.place
                place = Place(
                    id=resolved.id, name=resolved.name, country=resolved.country, lat=resolved.lat,
                    lon=resolved.lon, precision=resolved.precision, geonameid=resolved.geonameid,
                    admin1=resolved.admin1, kind=resolved.kind, within=resolved.within,
                )
                out[place.id] = place
            # The mention's own characters: a dateline glued to the line before covers part of a token.
            text = text_of(doc)
            place.mentions.append(TextSpan(mention.start, mention.end, text[mention.start:mention.end]))
        return out

    # -- events ----------------------------------------------------------------------------------

    def _chain_head(self, article: Article) -> list[Source]:
        """The article's own outlet and byline head every chain."""
        head: list[Source] = []
        if article.outlet:
            head.append(Source(name=article.outlet, kind="outlet", actor=self._outlets.get(article.outlet.lower())))
        if article.byline:
            head.append(Source(name=article.byline, kind="reporter"))
        return head

    def _source(self, doc: Doc, frame: Frame) -> Source:
        ref: SourceRef = frame.source
        span = _span(doc, ref.i, ref.j) if ref.i is not None and ref.j is not None else None
        return Source(name=ref.name, kind=ref.kind, actor=ref.actor, span=span,
                      cue=_span(doc, frame.cue_i, frame.cue_j), description=ref.description)

    def _event(
        self, doc: Doc, article: Article, candidate: EventCandidate, head: list[Source], places: dict[str, Place],
    ) -> Event:
        trigger = doc[candidate.trigger_i]
        chain = frames_over(doc, candidate.trigger_i)
        link = claim_links(doc, self._lexicon).get(candidate.trigger_i)
        if link is not None and not link.direct and not chain:  # "claimed responsibility for the attack"
            chain = chain_of(doc._.frames, link.frame)  # told earlier by the article itself
        related = {r for a in candidate.actor_ids for r in self.kb.related(a)}
        if link is not None and link.actor is not None and set(candidate.actor_ids) & self.kb.related(link.actor):
            related.add(link.actor)  # the claimant is part of a named actor: keep the named actor
        actor_ids = actors_after(link, candidate.actor_ids, related)
        attribution = list(head)
        for frame in chain:
            source = self._source(doc, frame)
            if any(link.name == source.name or (source.actor is not None and link.actor == source.actor)
                   for link in attribution):
                continue  # "Rudaw's reporter … told Rudaw": one outlet, once
            attribution.append(source)
        status, status_cue = self._status(doc, candidate, chain, link)
        when, when_text = self._date(doc, candidate, chain, article.published)
        in_text = [s for s in attribution if s.span is not None or s.cue is not None]
        confidence = candidate.confidence * chain_confidence(
            [s.kind for s in in_text], [s.name == self._lexicon.unnamed_source for s in in_text], status, self._lexicon)
        sentence = trigger.sent
        return Event(
            id=_id(article.id, candidate.trigger_i, candidate.type),
            type=candidate.type, mode=candidate.mode, context=candidate.context,
            actors=actor_ids, recipients=[r for r in candidate.recipient_ids if r not in actor_ids],
            place=self._place(doc, trigger, places),
            date=when, date_text=when_text, status=status, attribution=attribution,
            evidence=_span(doc, sentence.start, sentence.end),
            trigger=_span(doc, candidate.trigger_i, candidate.trigger_j),
            confidence=confidence, cameo=candidate.cameo, status_cue=status_cue,
            actor_spans=[_span(doc, i, j) for i, j in candidate.actors],
            recipient_spans=[_span(doc, i, j) for i, j in candidate.recipients],
            dead=candidate.dead, injured=candidate.injured, size=candidate.size, weapon=candidate.weapon,
            mentions=[_span(doc, i, j) for i, j in candidate.mentions],
        )

    def _status(
        self, doc: Doc, candidate: EventCandidate, chain: list[Frame], link: ClaimLink | None = None,
    ) -> tuple[str, TextSpan | None]:
        innermost = chain[-1] if chain else None
        frame_status = innermost.status if innermost else None
        frame_cue = _span(doc, innermost.cue_i, innermost.cue_j) if innermost else None
        if link is not None and link.kind in ("responsibility", "role_denial"):
            frame = doc._.frames[link.frame]
            return ("claimed" if link.kind == "responsibility" else "denied"), _span(doc, frame.cue_i, frame.cue_j)
        if frame_status == "claimed" and innermost is not None:
            claimant = innermost.source.actor
            own = claimant is not None and (claimant in candidate.actor_ids or any(
                claimant in self.kb.related(a) or a in self.kb.related(claimant) for a in candidate.actor_ids))
            frame_status = "claimed" if own else "alleged"
        if candidate.negated:
            if frame_status == "denied":
                return "denied", frame_cue
            return "negated", None
        if candidate.modality in ("future", "hypothetical"):
            cue = _span(doc, *candidate.modality_cue) if candidate.modality_cue else None
            return candidate.modality, cue
        if frame_status:
            return frame_status, frame_cue
        return "asserted", None

    def _date(
        self, doc: Doc, candidate: EventCandidate, chain: list[Frame], published: date | None,
    ) -> tuple[When | None, str | None]:
        """The expression :func:`tidings.time.event_date.event_expression` picks (clause, sentence, the
        story's day for a lede event, the lede's day), else on or before the date of the statement that
        reports it, else on or before publication (precision ``reported``)."""
        chosen = event_expression(doc, candidate, published)
        if chosen is not None:
            return chosen.value, text_of(doc)[chosen.start:chosen.end]
        for frame in reversed(chain):
            said, said_text = self._statement_date(doc, frame)
            if said is not None:
                return When(said.end, said.end, "reported"), said_text
        if published is not None:
            return When(published, published, "reported"), None
        return None, None

    @staticmethod
    def _place(doc: Doc, trigger: Token, places: dict[str, Place]) -> str | None:
        """The place of the event's clause, else of its sentence (the finest named there first), else the
        dateline's, else a person's home named there ("a Salem man") or a town that nothing but the
        sentence backs (:func:`stray_places`), else the article's first city in its main country, else the
        main country itself.

        A country fallback that the text never names joins ``places`` without mentions.
        """
        fineness = {"point": 0, "city": 1, "region": 2, "country": 3}
        # "Los Angeles Times": the outlet's city is no event's place.
        mentions: list[PlaceMention] = once_per_doc(doc, "tidings.report.event_places", lambda d: [
            m for m in d._.place_mentions or [] if not in_outlet_name(d, m.start)])
        homes: set[int] = once_per_doc(doc, "tidings.report.residences", lambda d: {
            m.start for m in mentions if residence_mention(d, m.i, m.j)})
        dateline = dateline_place(doc)
        strays = once_per_doc(doc, "tidings.report.strays", lambda d: stray_places(
            places.get(dateline) if dateline is not None else None, places.values()))
        clause = {t.i for t in roles.clause_tokens(trigger)}
        sentence = trigger.sent
        seat: str | None = None  # "Cecil County troopers": used only when the sentence names no other place
        home: str | None = None  # "a Crown Point man", a stray town: only when neither the sentence nor a dateline has one
        for wanted in (lambda m: m.i in clause, lambda m: sentence.start <= m.i < sentence.end):
            chosen = [m for m in mentions if wanted(m)]
            homes_here = [m for m in chosen if m.start in homes or m.place.id in strays]
            chosen = [m for m in chosen if m not in homes_here]
            plain = [m for m in chosen if not in_institution_name(doc, m.start)]
            if plain:
                # a gazetteer place before a local feature: a street's city is guessed, a town named is said
                finest = min(plain, key=lambda m: (fineness.get(m.place.precision, 9), m.place.within is not None,
                                                   m.start)).place.id
                return ReportBuilder._narrowed(doc, containing(finest, places), places, mentions, strays)
            seat = seat or (chosen[0].place.id if chosen else None)
            home = home or (homes_here[0].place.id if homes_here else None)
        if seat is not None:
            return ReportBuilder._narrowed(doc, containing(seat, places), places, mentions, strays)
        if dateline is not None and dateline in places:
            return dateline
        if home is not None:
            return ReportBuilder._narrowed(doc, containing(home, places), places, mentions, strays)
        country = main_country(doc)
        local = next((m for m in mentions if m.place.precision in ("point", "city")
                      and (country is None or m.place.country == country)), None)
        if local is not None:
            return local.place.id
        place = country_place(country) if country else None
        if place is None:
            return None
        places.setdefault(place.id, place)
        return place.id

    @staticmethod
    def _narrowed(doc: Doc, place_id: str, places: dict[str, Place], mentions: list[PlaceMention],
                  strays: frozenset[str]) -> str:
        """A state or country narrowed to the dateline city inside it, else a state to the first town or
        county the article names inside it (:func:`narrowed_to_named_inside`)."""
        narrowed = narrowed_by_dateline(doc, place_id, places)
        if narrowed != place_id:
            return narrowed
        return narrowed_to_named_inside(place_id, places, (m.place.id for m in mentions), strays)

    # -- statements and relations ----------------------------------------------------------------

    def _statements(self, doc: Doc, article: Article) -> list[Statement]:
        out: list[Statement] = []
        seen: set[tuple[int, int]] = set()
        for frame in doc._.frames or []:
            ref = frame.source
            if ref.i is None or (ref.i, frame.cue_i) in seen or ref.name == frame.addressee:
                continue
            seen.add((ref.i, frame.cue_i))
            when, when_text = self._statement_date(doc, frame)
            out.append(Statement(
                id=_id(article.id, "statement", frame.cue_i, ref.i),
                speaker=self._source(doc, frame), cue=_span(doc, frame.cue_i, frame.cue_j),
                content=_span(doc, frame.content_i, frame.content_j), addressee=frame.addressee,
                date=when, date_text=when_text,
            ))
        return out

    def _statement_date(self, doc: Doc, frame: Frame) -> tuple[When | None, str | None]:
        cue = doc[frame.cue_i]
        for expression in doc._.time_mentions or []:
            if expression.value is None or frame.content_i <= expression.i < frame.content_j:
                continue
            if _governing_verb(doc, expression.i, expression.j) == cue.i:
                return expression.value, text_of(doc)[expression.start:expression.end]
        return None, None

    def _relations(self, doc: Doc, actors: dict[str, Actor], events: list[Event]) -> list[Relation]:
        out: dict[tuple[str, str, str], Relation] = {}
        for found in doc._.relations or []:
            relation = out.setdefault((found.a, found.b, found.kind), Relation(found.a, found.b, found.kind, "text"))
            relation.evidence.append(TextSpan(found.start, found.end, text_of(doc)[found.start:found.end]))
        for actor_id in actors:
            known = self.kb.get(actor_id)
            if known is None:
                continue
            targets = [(known.parent, "part_of")] + [(a, "affiliate_of") for a in known.affiliate_of]
            for target, kind in targets:
                if target and target in actors and (actor_id, target, kind) not in out:
                    out[(actor_id, target, kind)] = Relation(actor_id, target, kind, "knowledge_base")
        by_pair: dict[tuple[str, str, str], Relation] = {}
        for event in events:
            score = type_score(event.type)
            if score == 0 or event.status in ("negated", "denied", "hypothetical"):
                continue
            kind = "cooperation" if score > 0 else "hostility"
            for a in event.actors:
                for b in event.recipients:
                    if a == b:
                        continue
                    relation = by_pair.setdefault((a, b, kind), Relation(a, b, kind, "events"))
                    relation.events.append(event.id)
                    relation.evidence.append(event.evidence)
        return list(out.values()) + list(by_pair.values())


__all__ = ["ReportBuilder"]
