"""What the pipeline components leave on a Doc, and how they find it again.

Each component writes one list extension (``doc._.actor_mentions``,
``doc._.place_mentions`` …) of the small records below. Offsets are character
offsets into ``doc.text``; because the text is normalized one character for one
character (see :mod:`tidings.pipeline.normalize`), they are offsets into the
article text too. ``i``/``j`` are token indices (``doc[i:j]``) for parse work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from spacy.attrs import IDX, IS_PUNCT, LEMMA, ORTH, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from tidings.model import Place, When

T = TypeVar("T")


@dataclass(slots=True)
class ActorMention:
    """A span of text that names or describes an actor of the knowledge base (or an unknown one)."""

    i: int
    j: int
    start: int
    end: int
    actor: str
    resolved_by: str  # alias | nationality | description | ner | user


@dataclass(slots=True)
class PlaceMention:
    """A toponym and the place it was resolved to."""

    i: int
    j: int
    start: int
    end: int
    place: Place


@dataclass(slots=True)
class TimeExpression:
    """A time expression and its value against the publication date (None with a reason if unresolved)."""

    i: int
    j: int
    start: int
    end: int
    value: When | None
    reason: str | None = None


@dataclass(slots=True)
class SourceRef:
    """Who a reporting frame cites: a span in the text, or the article's own outlet/byline (no span)."""

    name: str
    kind: str  # outlet | reporter | person | organisation | anonymous | document
    i: int | None = None
    j: int | None = None
    actor: str | None = None
    description: str | None = None


@dataclass(slots=True)
class Frame:
    """A reporting frame: ``source`` says (cue) the content spanning tokens ``content_i``..``content_j``.

    ``status`` is what the frame does to events inside its content (reported,
    claimed, denied, alleged …). ``parent`` is the index of the enclosing frame
    in ``doc._.frames`` when frames nest ("X reported, citing Y, that …").
    """

    source: SourceRef
    cue_i: int
    cue_j: int
    content_i: int
    content_j: int
    status: str
    parent: int | None = None
    addressee: str | None = None


@dataclass(slots=True)
class EventCandidate:
    """An event as the event component codes it, before it becomes a :class:`tidings.model.Event`."""

    type: str
    mode: str | None
    trigger_i: int
    trigger_j: int
    actors: list[tuple[int, int]] = field(default_factory=list)  # token spans of actor arguments
    recipients: list[tuple[int, int]] = field(default_factory=list)
    actor_ids: list[str] = field(default_factory=list)
    recipient_ids: list[str] = field(default_factory=list)
    negated: bool = False
    modality: str | None = None  # future | hypothetical | None
    modality_cue: tuple[int, int] | None = None
    cameo: str | None = None
    context: list[str] = field(default_factory=list)
    confidence: float = 0.7
    pattern: str = ""
    # supplementary PLOVER fields, where the text gives them ("killing 25 people")
    dead: int | None = None
    injured: int | None = None
    size: int | None = None
    weapon: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # later triggers merged into this event


EXTENSIONS: dict[str, object] = {
    "article": None,
    "published": None,
    "actor_mentions": None,
    "place_mentions": None,
    "time_mentions": None,
    "frames": None,
    "events": None,
    "relations": None,
}


def register_extensions() -> None:
    """Register the Doc extensions once; safe to call many times."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def text_of(doc: Doc) -> str:
    """The article text behind the doc (same offsets as ``doc.text``, original characters).

    ``doc.text`` rebuilds the string from every token on each access, so it is read once here.
    """
    cached = doc.user_data.get("tidings.text")
    if cached is None:
        article = doc._.article
        cached = doc_text(doc)
        if article is not None and len(article.text) == len(cached):
            cached = article.text
        doc.user_data["tidings.text"] = cached
    return cached


def once_per_doc(doc: Doc, key: str, build: Callable[[Doc], T]) -> T:
    """``build(doc)``, computed on the first call and kept in ``doc.user_data[key]``."""
    cached = doc.user_data.get(key)
    if cached is None:
        cached = doc.user_data[key] = build(doc)
    return cached


def doc_text(doc: Doc) -> str:
    """``doc.text`` read once per doc: spaCy rebuilds it from every token on each access."""
    return once_per_doc(doc, "tidings.doc_text", lambda d: d.text)


def _strings(doc: Doc, attr: int) -> list[str]:
    """One string attribute of every token, read in one array call (no Token object per token)."""
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(attr).tolist()]


def words_of(doc: Doc) -> list[str]:
    """The token texts, built once per doc (callers must not change the list)."""
    return once_per_doc(doc, "tidings.words", lambda d: _strings(d, ORTH))


def lowers_of(doc: Doc) -> list[str]:
    """Every token's lower-cased text (``token.lower_``), built once per doc from :func:`words_of`."""
    return once_per_doc(doc, "tidings.lowers", lambda d: [w.lower() for w in words_of(d)])


def proper_of(doc: Doc) -> list[bool]:
    """Whether each token is a proper noun (``token.pos_ == "PROPN"``), read in one array call."""
    return once_per_doc(doc, "tidings.proper", lambda d: [p == PROPN for p in d.to_array(POS).tolist()])


def lemmas_of(doc: Doc) -> list[str]:
    """Every token's lower-cased lemma, built once per doc (callers must not change the list)."""
    return once_per_doc(doc, "tidings.lemmas", lambda d: [lemma.lower() for lemma in _strings(d, LEMMA)])


def _offsets(doc: Doc) -> list[int]:
    return doc.to_array(IDX).tolist()


def _ends(doc: Doc) -> list[int]:
    return [start + len(word) for start, word in zip(offsets_of(doc), words_of(doc))]


def _punct(doc: Doc) -> list[bool]:
    return [bool(p) for p in doc.to_array(IS_PUNCT).tolist()]


def offsets_of(doc: Doc) -> list[int]:
    """Every token's first character (``token.idx``), read in one array call."""
    return once_per_doc(doc, "tidings.offsets", _offsets)


def ends_of(doc: Doc) -> list[int]:
    """Every token's end character (``token.idx + len(token.text)``), built once per doc."""
    return once_per_doc(doc, "tidings.ends", _ends)


def punct_of(doc: Doc) -> list[bool]:
    """Whether each token is punctuation (``token.is_punct``), read in one array call."""
    return once_per_doc(doc, "tidings.punct", _punct)


def sentence_numbers(doc: Doc) -> list[int]:
    """The number of the sentence (in ``doc.sents``) each token is in, built once per doc."""
    return once_per_doc(doc, "tidings.sentence_numbers", _sentence_numbers)


def _sentence_numbers(doc: Doc) -> list[int]:
    out = [0] * len(doc)
    for n, sentence in enumerate(doc.sents):
        out[sentence.start:sentence.end] = [n] * (sentence.end - sentence.start)
    return out


def entities_of(doc: Doc) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every entity in ``doc.ents``.

    ``doc.ents`` builds a Span per entity on every access: a component reads
    them once here and hands the triples on. Not cached: a component may still
    change the entities.
    """
    return [(e.start, e.end, e.label_) for e in doc.ents]


PEOPLE_KEY = "tidings.people"


def people_of(doc: Doc) -> list[Span]:
    """The PERSON entities in order, read once (``doc.ents`` builds every entity span on each access).

    A component that reads them clears ``doc.user_data[PEOPLE_KEY]`` when it starts, so an
    earlier component's change to ``doc.ents`` is never hidden from it.
    """
    return once_per_doc(doc, PEOPLE_KEY, lambda d: [e for e in d.ents if e.label_ == "PERSON"])


def published_of(doc: Doc) -> date | None:
    """The date relative expressions are resolved against."""
    return doc._.published


__all__ = [
    "ActorMention", "PlaceMention", "TimeExpression", "SourceRef", "Frame", "EventCandidate",
    "register_extensions", "people_of", "PEOPLE_KEY", "published_of", "text_of", "doc_text", "words_of", "lowers_of", "lemmas_of",
    "offsets_of", "ends_of", "punct_of", "sentence_numbers", "entities_of", "proper_of", "once_per_doc",
]
