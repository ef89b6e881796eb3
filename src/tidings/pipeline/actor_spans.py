"""Where an actor mention begins and ends, and the small span helpers the actor stages share.

The word after a name changes what the name stands for: "the Markets area" is a place the model
calls an organisation (an actor there would be read as a party to the battle fought in it), and
"the Trump administration" is a government, not the person.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import compress

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from tidings.kb import KnowledgeBase
from tidings.kb.index import HYPHENS
from tidings.pipeline.actor_words import hashes, tokens_with
from tidings.pipeline.annotations import ActorMention, lowers_of, offsets_of, proper_of, punct_of, words_of

_PLURAL_TAGS = {"NNS", "NNPS"}
_POSSESSIVE = {"'s", "’s", "'"}
_PERSON_KINDS = {"person"}
_ARTICLES = ("the", "a", "an")


class NameContext:
    """What the word after a name says of it: "the Markets area" is a place, "the Trump
    administration" a government."""

    def __init__(self, config: dict, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.place_heads = frozenset(config.get("place_heads", []))
        self.leader_bodies = frozenset(config.get("leader_bodies", []))
        self.body_words = hashes(self.leader_bodies)

    def names_place(self, span: Span) -> bool:
        """"the Markets area", "the Hendricks Hotel": a name before or ending in a place noun names the place."""
        lowers, end = lowers_of(span.doc), span.end
        return (end < len(lowers) and lowers[end] in self.place_heads
                or end - span.start > 1 and lowers[end - 1] in self.place_heads)

    def before_body(self, span: Span) -> bool:
        """"the Bush administration": a name before a body noun is a leader's, even if a town bears it."""
        lowers = lowers_of(span.doc)
        return span.end < len(lowers) and lowers[span.end] in self.leader_bodies

    def leader_bodies_of(self, doc: Doc, mentions: list[ActorMention], day: date | None,
                         guesses: dict[str, dict[str, str | None]],
                         bodies: Sequence[Token] | None = None) -> list[ActorMention]:
        """"the Trump administration", "the Assad regime": a leader's name before a body noun is that
        leader's government (the state the leader served on the article's date, when known).
        ``bodies``: the doc's body nouns, when the caller has found them already."""
        if not (tokens_with(doc, LOWER, self.body_words) if bodies is None else bodies):
            return mentions
        out = []
        for mention in mentions:
            if mention.j >= len(doc) or doc[mention.j].lower_ not in self.leader_bodies or not self._person(mention):
                out.append(mention)
                continue
            span = doc[mention.i:mention.j + 1]
            actor_id = self._government_of(mention.actor, day)
            if actor_id is None:
                actor_id = f"{mention.actor}_{doc[mention.j].lower_}"
                guesses[actor_id] = {"name": span.text, "kind": "government", "sector": "GOV", "country": None}
            out.append(make_mention(span, actor_id, "leader"))
        return out

    def _person(self, mention: ActorMention) -> bool:
        actor = self.kb.actors.get(mention.actor)
        if actor is not None:
            return actor.kind in _PERSON_KINDS
        return mention.resolved_by in ("ner:PERSON", "title")

    def _government_of(self, person_id: str, day: date | None) -> str | None:
        actor = self.kb.actors.get(person_id)
        if actor is None or not actor.roles:
            return None
        roles = [r for r in actor.roles if r.sector == "GOV"]
        role = next((r for r in roles if day is not None and r.covers(day)), None)
        if role is None and len(roles) == 1:
            role = roles[0]  # no date to judge by, and only one government the person ever led
        return role.actor if role is not None and role.actor in self.kb.actors else None


def fuzzy_queries(doc: Doc, taken: set[int], labels: frozenset[str] | set[str],
                  connectors: frozenset[str], ents: Sequence[Span] | None = None) -> Iterator[Span]:
    """The spans worth a fuzzy look-up: unmatched entities of ``labels`` (``ents``: the doc's entities,
    when the caller has read them already), then runs of capitalised proper nouns (with al-, as-, of …)
    the model left unlabelled."""
    seen: set[tuple[int, int]] = set()
    for ent in doc.ents if ents is None else ents:
        if ent.label_ in labels and taken.isdisjoint(range(ent.start, ent.end)):
            span = trim(ent)
            if span is not None and (span.start, span.end) not in seen:
                seen.add((span.start, span.end))
                yield span
    words = words_of(doc)  # read once: indexing the doc builds a Token object on every access
    proper = proper_of(doc)
    lowers = lowers_of(doc)
    n = len(doc)
    nxt = 0
    # a run can only start on a capitalised proper noun: every other word just moves on by one
    for i in compress(range(n), proper):
        if i < nxt or not words[i][:1].isupper():
            continue
        j = i
        while j < n and j not in taken and (
                proper[j] and words[j][:1].isupper()
                or j > i and (words[j] in HYPHENS or lowers[j] in connectors)):
            j += 1
        while j > i and not words[j - 1][:1].isupper():
            j -= 1
        if j - i >= 2 and not any(a <= i and j <= b for a, b in seen):
            seen.add((i, j))
            yield doc[i:j]
        nxt = max(j, i + 1)


def trim(ent: Span) -> Span | None:
    """An entity without a leading article or trailing possessive; None if nothing name-like is left."""
    i, j = ent.start, ent.end
    doc = ent.doc
    words, lowers, punct = words_of(doc), lowers_of(doc), punct_of(doc)  # no Token object per look
    while i < j and (lowers[i] in _ARTICLES or punct[i]):
        i += 1
    while j > i and (words[j - 1] in _POSSESSIVE or punct[j - 1]):
        j -= 1
    if i >= j or not words[i][:1].isupper():
        return None
    return doc[i:j]


def is_modifier(doc: Doc, k: int) -> bool:
    """A word between a nationality and its head: an adjective, a noun modifier, the "-led" of "Vietnamese-led"."""
    token = doc[k]
    if token.pos_ == "ADJ" or token.pos_ == "NOUN" and token.dep_ in ("compound", "amod", "nmod"):
        return True
    if token.text in HYPHENS:
        return k + 1 < len(doc) and doc[k + 1].lower_ == "led"
    return token.lower_ == "led" and k > 0 and doc[k - 1].text in HYPHENS


def is_plural(doc: Doc, mention: ActorMention) -> bool:
    """A mention headed by a plural noun ("Egyptian officials", "troops"): not the antecedent of "it"."""
    return doc[mention.j - 1].tag_ in _PLURAL_TAGS


def make_mention(span: Span, actor_id: str, how: str) -> ActorMention:
    return ActorMention(
        i=span.start, j=span.end, start=span.start_char, end=span.end_char, actor=actor_id, resolved_by=how
    )


def mention_at(doc: Doc, i: int, j: int, actor_id: str, how: str) -> ActorMention:
    """``make_mention(doc[i:j], …)`` (``i < j``) without building the Span: offsets from the doc's arrays."""
    offsets = offsets_of(doc)
    return ActorMention(i=i, j=j, start=offsets[i], end=offsets[j - 1] + len(words_of(doc)[j - 1]),
                        actor=actor_id, resolved_by=how)


def taken_tokens(mentions: Iterable[ActorMention]) -> set[int]:
    return {k for m in mentions for k in range(m.i, m.j)}
