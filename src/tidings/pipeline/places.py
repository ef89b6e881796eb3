"""The places component: toponyms in the text -> ``doc._.place_mentions``.

Runs after the actors component: a span that overlaps an actor mention is
never a place ("Sinai Province" is an armed group, not a province).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tidings.model import Place
from tidings.pipeline.annotations import PlaceMention, register_extensions
from tidings.places.context import ORDER_KEY, WEIGHTS_KEY
from tidings.places.data import nationality_lexicon
from tidings.places.gazetteer import Gazetteer, get_gazetteer
from tidings.places.resolve import country_weights, look_up, nationality_counts, resolve
from tidings.places.spans import candidate_spans, span_chars


class PlacesComponent:
    """Finds toponyms (model entities + curated names) and resolves each to one Place."""

    def __init__(self, nlp: Language, name: str = "tidings_places", *,
                 gazetteer: Gazetteer | None = None, nationalities: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.gazetteer = gazetteer if gazetteer is not None else get_gazetteer()
        self.nationalities = nationality_lexicon() if nationalities is None else nationalities
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("PLACE", list(nlp.tokenizer.pipe(self.gazetteer.curated_phrases)))
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        blocked = [(m.start, m.end) for m in (doc._.actor_mentions or [])]
        curated = [(s, e) for _, s, e in self.matcher(doc)]
        text = doc.text
        looked = [
            lk for t in candidate_spans(doc, curated, blocked)
            if (lk := look_up(doc, self.gazetteer, t, self.nationalities, text)) is not None
        ]
        weights = country_weights(looked, nationality_counts(doc, self.nationalities))
        places: dict[str, Place] = {}
        mentions: list[PlaceMention] = []
        for r in resolve(looked, weights):
            start, end = span_chars(doc, r.i, r.j)
            place = places.setdefault(r.entry.id, r.entry.to_place())
            mentions.append(PlaceMention(r.i, r.j, start, end, place))
        doc._.place_mentions = mentions
        doc.user_data[WEIGHTS_KEY] = dict(weights)
        doc.user_data[ORDER_KEY] = [m.place.country for m in mentions if m.place.country]
        return doc


@Language.factory(
    "tidings_places",
    assigns=["doc._.place_mentions"],
    requires=["doc.ents", "doc._.actor_mentions"],
)
def make_places(nlp: Language, name: str) -> PlacesComponent:
    """Factory for ``nlp.add_pipe("tidings_places")``."""
    return PlacesComponent(nlp, name)


__all__ = ["PlacesComponent", "make_places"]
