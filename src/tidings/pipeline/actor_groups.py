"""Organisations the knowledge base does not know, found by a group head noun after a capitalised name.

"the Azadliq (Freedom) opposition coalition", "the Umma (Nation) party": the
name gets an ``unk:`` id made from its text, and what the words say of it (a
kind from the head noun, a sector from a modifier, a country from a nationality
adjective) is kept as a guess in ``doc._.actor_guesses``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from tidings.kb import KnowledgeBase
from tidings.pipeline.actor_spans import make_mention, taken_tokens
from tidings.pipeline.annotations import ActorMention

UNKNOWN_PREFIX = "unk:"
FALLBACK_LABELS = {"ORG", "PERSON"}
_ARTICLES = {"the", "a", "an"}
_NON_ID = re.compile(r"[^a-z0-9]+")


def unknown_actor_id(text: str) -> str:
    """A stable id for an actor the knowledge base does not know, made from its name."""
    return UNKNOWN_PREFIX + _NON_ID.sub("_", text.lower()).strip("_")


class GroupNames:
    """The group stage of the actor resolver: head nouns and modifiers from ``descriptions.yaml``."""

    def __init__(self, config: dict, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.heads: dict[str, dict[str, str]] = config.get("group_heads", {})
        self.modifiers: dict[str, str] = config.get("group_modifiers", {})

    def find(self, doc: Doc, mentions: list[ActorMention], ents: Sequence[Span],
             heads: list[Token]) -> list[ActorMention]:
        """New mentions for the unknown groups headed by ``heads`` (the doc's tokens that are group nouns)."""
        taken = taken_tokens(mentions)
        ent_at = {k: ent for ent in ents for k in range(ent.start, ent.end)} if heads else {}
        out = []
        for head in heads:
            info = self.heads.get(head.lower_)
            if info is None or head.i in taken or head.pos_ not in ("NOUN", "PROPN"):
                continue
            ent = ent_at.get(head.i)
            if ent is not None and ent.label_ in FALLBACK_LABELS and ent.text.count("(") == ent.text.count(")"):
                continue  # a name the model bounded well: the entity fallback keeps it as it is
            span = self._span(doc, head, taken)
            if span is None:
                continue
            sector = next((self.modifiers[t.lower_] for t in span if t.lower_ in self.modifiers),
                          info.get("sector"))
            countries = [self.kb.states[s].iso3 for s in (self.kb.state_of_adjective(t.text) for t in span) if s]
            actor_id = unknown_actor_id(span.text)
            doc._.actor_guesses[actor_id] = {"name": span.text, "kind": info.get("kind"), "sector": sector,
                                             "country": countries[0] if countries else None}
            out.append(make_mention(span, actor_id, "group"))
            taken.update(range(span.start, span.end))
        return out

    def _span(self, doc: Doc, head: Token, taken: set[int]) -> Span | None:
        start, depth, k = head.i, 0, head.i - 1
        while k >= 0 and head.i - k <= 8 and k not in taken:
            token = doc[k]
            if token.text == ")":
                depth += 1
            elif token.text == "(":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and not (token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN")
                                     or token.pos_ in ("ADJ", "NOUN") and token.dep_ in ("compound", "amod")):
                break
            start, k = k, k - 1
        if depth:
            return None
        while start < head.i and (doc[start].lower_ in _ARTICLES or not doc[start].text[:1].isupper()
                                  or doc[start].is_punct):
            start += 1
        names = [t for t in doc[start:head.i] if t.text[:1].isupper()]
        if not names or not any(t.pos_ == "PROPN" or not t.is_sent_start for t in names) \
                or any(t.lower_ in self.kb.institution_heads for t in names):
            return None
        end = head.i + 1
        if end + 2 < len(doc) and doc[end].text == "(":  # "(Conservatives)" belongs to the name; "(RUF)" not
            close = next((c for c in range(end + 1, min(end + 6, len(doc))) if doc[c].text == ")"), None)
            if close is not None and not all(t.text.isupper() for t in doc[end + 1:close]):
                end = close + 1
        return doc[start:end]


__all__ = ["GroupNames", "unknown_actor_id", "UNKNOWN_PREFIX", "FALLBACK_LABELS"]
