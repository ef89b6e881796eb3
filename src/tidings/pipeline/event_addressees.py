"""Who an act is addressed to, when the parse says so more plainly than the entry's slots.

Two readings, both from data/arguments.yaml:

- a demand's content clause names the party the demand is made of: "Italy demanded that its
  partners share …", "repeated its demand that Ethiopia withdraw …" (``clause_addressees``);
- an accusation or inquiry aimed at an offence is aimed at its perpetrator: "investigating abuses
  by militia fighters" (``offence_agents``);
- a two-sided act whose sides sit in different slots is told from its subject's side: "held a
  meeting with the president" has the subject as actor and the president as recipient
  (``symmetric_sides``), as PLOVER and CAMEO code it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from tidings.pipeline import roles
from tidings.pipeline.annotations import ActorMention
from tidings.pipeline.event_parse import all_filled, first_filled
from tidings.resources import load_yaml

_NOUNS = ("NOUN", "PROPN")


@dataclass(frozen=True, slots=True)
class _Rules:
    types: frozenset[str]
    clause_deps: frozenset[str]
    marks: frozenset[str]
    subjunctive_tags: frozenset[str]
    actor_slots: frozenset[str]
    recipient_slots: frozenset[str]
    offence_types: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_yaml("arguments.yaml")
    clause, sides = data["clause_addressees"], data["symmetric_sides"]
    return _Rules(
        types=frozenset(clause["types"]), clause_deps=frozenset(clause["clause_deps"]),
        marks=frozenset(clause["marks"]), subjunctive_tags=frozenset(clause["subjunctive_tags"]),
        actor_slots=frozenset(sides["actor_slots"]), recipient_slots=frozenset(sides["recipient_slots"]),
        offence_types=frozenset(data["offence_agents"]["types"]),
    )


def _content_clause(verb: Token) -> bool:
    """A "that" clause or a bare subjunctive ("demanded the army leave"), not "said it would"."""
    rules = _rules()
    if any(c.dep_ == "mark" and c.lower_ in rules.marks for c in verb.children):
        return True
    return verb.tag_ in rules.subjunctive_tags and not any(c.dep_ in ("mark", "aux") for c in verb.children)


def clause_addressees(trigger: Token, object_token: Token | None, event_type: str) -> list[Token]:
    """The subject of a demand's content clause, hung on the demand verb, its object noun ("reiterated
    its demand that X …"), the light verb of a nominal demand, or the noun of its phrase ("insisted on
    its demands that X …"). Only a phrase that names a party counts."""
    rules = _rules()
    if event_type not in rules.types:
        return []
    heads = [trigger]
    if object_token is not None:
        heads.append(object_token)
    if trigger.pos_ in _NOUNS and trigger.dep_ in ("dobj", "attr") and trigger.head is not trigger:
        heads.append(trigger.head)
    heads += [p for c in trigger.children if c.dep_ == "prep" for p in c.children
              if p.dep_ == "pobj" and p.pos_ in _NOUNS]
    for head in heads:
        for clause in head.children:
            if clause.dep_ not in rules.clause_deps or not _content_clause(clause):
                continue
            found = [s for s in clause.children if s.dep_ == "nsubj" and roles.is_party(s)]
            if found:
                return [t for s in found for t in (s, *s.conjuncts)]
    return []


def symmetric_sides(trigger: Token, slots: tuple[str, ...], extra: list[Token],
                    mention_at: dict[int, ActorMention], people: frozenset[str]
                    ) -> tuple[list[Token], list[Token]] | None:
    """(actor, recipient) tokens of a two-sided act when its subject and the party met are both named
    in slots of their own ("X met Y", "X held talks with Y"); None when the sides share a slot
    ("talks between X and Y", "X and Y met"), which keeps every party an actor."""
    rules = _rules()
    actor_slots = tuple(s for s in slots if s in rules.actor_slots)
    other_slots = tuple(s for s in slots if s in rules.recipient_slots)
    if not actor_slots or not other_slots:
        return None
    actors = first_filled(trigger, actor_slots, extra, mention_at, people)
    if not actors:
        return None
    others = [t for t in all_filled(trigger, other_slots, extra, mention_at, people) if t not in actors]
    if not others:
        return None
    return actors, others


def _by_agents(noun: Token) -> list[Token]:
    """The parties of a noun's by-phrase, on the noun or on the participle describing it
    ("crimes by X", "crimes committed by X")."""
    heads = [noun, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    return [p for h in heads for by in h.children if by.dep_ in ("prep", "agent") and by.lower_ == "by"
            for p in by.children if p.dep_ == "pobj" and roles.is_party(p)]


def offence_agents(tokens: list[Token], event_type: str) -> list[Token]:
    """The perpetrators in place of the offences an accusation or inquiry is aimed at; a party stays."""
    if event_type not in _rules().offence_types:
        return tokens
    out: list[Token] = []
    for token in tokens:
        agents = [] if roles.is_party(token) else _by_agents(token)
        out.extend(t for t in (agents or [token]) if t not in out)
    return out
