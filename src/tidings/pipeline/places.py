"""The places component: toponyms in the text -> ``doc._.place_mentions``.

Runs after the actors component: a span that overlaps an actor mention is
never a place ("Sinai Province" is an armed group, not a province), unless
the actor mention is exactly a country's or state's name ("Egypt" is both a
government and a place). The dateline ("MOSUL, Iraq —") is read first; a
place followed by ", State" or ", Country" is narrowed to it; local features
("Frenchmen Street") take the coordinates of the city around them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tidings.model import Place
from tidings.pipeline.actors import UNKNOWN_PREFIX
from tidings.pipeline.annotations import PlaceMention, doc_text, entities_of, lowers_of, register_extensions
from tidings.places.context import DATELINE_KEY, INSTITUTION_KEY, ORDER_KEY, OUTLET_KEY, WEIGHTS_KEY
from tidings.places.data import nationality_lexicon
from tidings.places.dateline import find_dateline, glued_tails
from tidings.places.entry import ALIAS, NAME, STRONG_POPULATION, Candidate, GazEntry
from tidings.places.gazetteer import Gazetteer, get_gazetteer
from tidings.places.local import anchor_for, feature_kind, local_place
from tidings.places.neighbourhood import Resolved as Named, container, is_neighbourhood
from tidings.places.rank import best
from tidings.places.resolve import (
    STRONG_KINDS, Evidence, Looked, country_weights, look_up_all, nationality_counts, resolve,
)
from tidings.places.spans import Toponym, candidate_spans, span_chars
from tidings.places.text import fold

QUALIFIER_KINDS = frozenset({"us_state", "country"})
CITY_KINDS = frozenset({"city", "town"})


class PlacesComponent:
    """Finds toponyms (model entities + curated names + the dateline) and resolves each to one Place."""

    def __init__(self, nlp: Language, name: str = "tidings_places", *,
                 gazetteer: Gazetteer | None = None, nationalities: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.gazetteer = gazetteer if gazetteer is not None else get_gazetteer()
        self.nationalities = nationality_lexicon() if nationalities is None else nationalities
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("PLACE", list(nlp.tokenizer.pipe(self.gazetteer.curated_phrases)))
        words = sorted(self.gazetteer.outlet_words, key=len, reverse=True)
        # After a place: " Times", "TimesJassely" (glued), never "Sunday" or "Postal".
        self.outlet_after = re.compile(r"[ \t]?(?:%s)(?![a-z])" % "|".join(map(re.escape, words))) if words else None
        register_extensions()

    def _names_a_place(self, text: str) -> bool:
        """Whether an actor mention's text is also a country's, state's or region's own name."""
        return any(c.quality >= ALIAS and (c.entry.kind in STRONG_KINDS or c.entry.curated)
                   for c in self.gazetteer.lookup(text))

    def _dateline(self, doc: Doc, text: str) -> tuple[list[Looked], dict[int, tuple[int, int]]]:
        """The dateline's city (and its state or country) as toponyms, looked up by their characters.

        Also returns the exact characters per first token: a glued dateline
        ("FOX43YORK CITY") covers only part of its first token.
        """
        found = find_dateline(text)
        if found is None:
            return [], {}
        out: list[Looked] = []
        chars_of: dict[int, tuple[int, int]] = {}
        for chars in (found.city, found.qualifier):
            if chars is None:
                continue
            span = doc.char_span(chars[0], chars[1], alignment_mode="expand")
            words = text[chars[0]:chars[1]]
            cands = [c for c in self.gazetteer.lookup(words) if c.quality >= NAME or c.entry.kind == "us_state"]
            if chars == found.qualifier:  # "YORK, Pa-": after the city comes a state or country, not a town "Pa"
                wider = [c for c in self.gazetteer.lookup(words) + self.gazetteer.lookup(words + ".")
                         if c.entry.kind in QUALIFIER_KINDS and c.quality >= ALIAS]
                cands = wider or cands
            if not cands and words.upper().endswith(" CITY"):
                cands = [c for c in self.gazetteer.lookup(words[:-5]) if c.quality >= NAME]
            if not cands and chars == found.city:
                chars, cands = self._glued(chars, words)
                span = doc.char_span(chars[0], chars[1], alignment_mode="expand") if cands else span
            if span is None or not cands:
                if chars == found.city:
                    return [], {}
                continue
            out.append(Looked(span.start, span.end, "dateline", cands))
            chars_of[span.start] = chars
        return out, chars_of

    def _glued(self, chars: tuple[int, int], words: str) -> tuple[tuple[int, int], list[Candidate]]:
        """"CLTVCHICAGO –": the longest tail of the capitals that names a sizeable city (call signs are no places)."""
        for k in glued_tails(words):
            cands = [c for c in self.gazetteer.lookup(words[k:]) if c.quality >= NAME
                     and c.entry.kind == "city" and c.entry.population >= STRONG_POPULATION]
            if cands:
                return (chars[0] + k, chars[1]), cands
        return chars, []

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        gaz = self.gazetteer
        # Knowledge-base actors block places; the model's unknown organisations ("Rapides Parish
        # Fire …") do not: the places side vets those spans itself.
        blocked = [(m.start, m.end) for m in (doc._.actor_mentions or [])
                   if not m.actor.startswith(UNKNOWN_PREFIX) and not self._names_a_place(text[m.start:m.end])]
        dateline, dateline_chars = self._dateline(doc, text)
        curated = [(s, e) for _, s, e in self.matcher(doc)]
        ents = entities_of(doc)  # read once: doc.ents builds a Span per entity on every access
        spans = [t for t in candidate_spans(doc, curated, blocked, ents=ents)
                 if not any(t.i < d.j and d.i < t.j for d in dateline)]
        looked: list[Looked] = list(dateline)
        unresolved: list[Toponym] = []
        for t in spans:
            if (feature_kind(doc, t.i, t.j, gaz.feature_heads) == "street"
                    and not gaz.lookup(_text(doc, text, t.i, t.j))):
                unresolved.append(t)  # "Frenchmen Street", "Texas Avenue": a street, not the place inside it
                continue
            found = look_up_all(doc, gaz, t, self.nationalities, text)
            if not found:
                unresolved.append(t)
            looked.extend(found)
        looked.sort(key=lambda lk: lk.i)
        _narrow_by_qualifiers(doc, looked)
        nationality = nationality_counts(doc, self.nationalities)
        weights = country_weights(looked, nationality)
        lowers = lowers_of(doc)
        surnames = frozenset(lowers[e - 1] for s, e, label in ents if label == "PERSON" and e - s > 1)
        evidence = [Evidence(fold(_text(doc, text, lk.i, lk.j)), lk.j - lk.i, surnames, gaz.common_words)
                    for lk in looked]
        places: dict[str, Place] = {}
        mentions: list[PlaceMention] = []
        resolved_at: list[tuple[int, GazEntry]] = []
        named: list[Named] = []
        dateline_entry: GazEntry | None = None
        chosen = resolve(looked, weights, evidence, gaz.county_towns)
        kept = {(r.i, r.j) for r in chosen}
        # The article's main country rests on the toponyms kept as places: a person "Hatton" or
        # the word "Officer" looked up in the gazetteer is no evidence for Sri Lanka or Australia.
        story_weights = country_weights([lk for lk in looked if (lk.i, lk.j) in kept], nationality)
        for r in chosen:
            start, end = dateline_chars.get(r.i) or span_chars(doc, r.i, r.j)
            place = places.setdefault(r.entry.id, r.entry.to_place())
            mentions.append(PlaceMention(r.i, r.j, start, end, place))
            resolved_at.append((start, r.entry))
            named.append(Named(r.i, r.j, start, r.entry))
            if dateline and r.i == dateline[0].i and dateline_entry is None:
                dateline_entry = r.entry
        cues = gaz.neighbourhood_cues
        for r in named:
            if r.entry.kind in CITY_KINDS and is_neighbourhood(doc, r.j, cues):
                city = container(doc, r.i, r.j, named, dateline_entry, r.entry)
                if city is not None and city.id in places:
                    places[r.entry.id].within = city.id
        for t in unresolved:
            kind = feature_kind(doc, t.i, t.j, gaz.feature_heads)
            start, end = span_chars(doc, t.i, t.j)
            if (kind is None and is_neighbourhood(doc, t.j, cues) and doc[t.i].text[:1].isupper()
                    and _specific(doc, t.i, t.j + 1, gaz)):
                # "the city's Feltonville section": a part of the story's city that no list holds
                anchor = container(doc, t.i, t.j, named, dateline_entry)
                kind = "district"
            elif kind is None or not _specific(doc, t.i, t.j, gaz):
                continue
            else:
                anchor = anchor_for(start, resolved_at, dateline_entry)
            if anchor is None:
                continue
            candidate = local_place(text[start:end], kind, anchor)
            place = places.setdefault(candidate.id, candidate)
            mentions.append(PlaceMention(t.i, t.j, start, end, place))
        mentions.sort(key=lambda m: m.start)
        doc._.place_mentions = mentions
        doc.user_data[WEIGHTS_KEY] = dict(story_weights)
        doc.user_data[ORDER_KEY] = [m.place.country for m in mentions if m.place.country]
        doc.user_data[DATELINE_KEY] = dateline_entry.id if dateline_entry is not None else None
        if self.outlet_after is not None:
            doc.user_data[OUTLET_KEY] = frozenset(m.start for m in mentions if self.outlet_after.match(text, m.end))
        # "Los Angeles County coroner's records", "Cecil County troopers": a county or state as the seat of an
        # institution covers more than its event ("Akron police" do place theirs in Akron)
        doc.user_data[INSTITUTION_KEY] = frozenset(
            m.start for m in mentions if m.place.precision not in ("city", "point")
            and m.j < len(doc) and lowers[m.j] in gaz.institution_words)
        return doc


def _text(doc: Doc, text: str, i: int, j: int) -> str:
    """``doc[i:j].text`` cut from the doc's text (no Span built); ``""`` for an empty range, as spaCy gives."""
    if i >= j:
        return doc[i:j].text
    start, end = span_chars(doc, i, j)
    return text[start:end]


def _specific(doc: Doc, i: int, j: int, gaz: Gazetteer) -> bool:
    """A feature's name says which one ("Carnegie Library"), not only what it is ("High Court", "Catholic Church")."""
    if doc[j - 1].like_num:  # "Highway 10", "County Road 43"
        return True
    generic = gaz.institution_words | gaz.common_words
    return any(doc[k].lower_ not in generic and doc[k].lower_ not in gaz.feature_heads
               and doc[k].ent_type_ != "NORP" and not doc[k].like_num and doc[k].is_alpha
               for k in range(i, j - 1))


def _narrow_by_qualifiers(doc: Doc, looked: list[Looked]) -> None:
    """"Mansfield, La.", "Tripoli, Lebanon": keep the candidates in the state or country named right after."""
    for first, second in zip(looked, looked[1:]):
        if second.i != first.j + 1 or doc[first.j].text != ",":
            continue
        top = best([c for c in second.candidates if c.entry.kind in QUALIFIER_KINDS])
        if top is None:
            continue
        e = top.entry
        code = e.admin1 if e.kind == "us_state" else e.country
        inside = [c for c in first.candidates
                  if (e.kind == "us_state" and c.entry.admin1 == code) or (e.kind == "country" and c.entry.country == code)]
        if inside:
            first.candidates = inside
            first.qualifier = code


@Language.factory(
    "tidings_places",
    assigns=["doc._.place_mentions"],
    requires=["doc.ents", "doc._.actor_mentions"],
)
def make_places(nlp: Language, name: str) -> PlacesComponent:
    """Factory for ``nlp.add_pipe("tidings_places")``."""
    return PlacesComponent(nlp, name)


__all__ = ["PlacesComponent", "make_places"]
