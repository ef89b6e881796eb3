"""Which argument of an attack is its target or its author, and when two attacks of a sentence differ.

- *places are no targets*: "a bomb went off in Kandahar", "detonated near the city centre" tell where,
  and "the pharmacy in Tours" is the pharmacy, not Tours;
- *a name the knowledge base does not know before an attack noun* ("the Carlton Hotel bombing", "the
  Glenmoor Marathon bombing") names where it happened or what it hit, not who did it;
- *the possessor of a control noun* is the subject of its infinitive: "the Taliban's decision to carry out
  the attacks";
- *a plural pronoun* ("they") does not refer back to one named person;
- *the infinitive of a noun* ("the opportunity to attack") is another act than its sentence's attack.

Word lists: data/attack_arguments.yaml. Every check starts from one token and climbs or reads a few
of its neighbours, so none adds work per token of the doc.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from tidings.pipeline.annotations import ActorMention
from tidings.pipeline.event_parse import best_mention, phrase, resolve
from tidings.resources import load_yaml

_NOUN_TAGS = {"NOUN", "PROPN"}
_UNKNOWN = "unk:"  # the id prefix of an actor the knowledge base does not know


@dataclass(frozen=True, slots=True)
class AttackRules:
    """The word lists of attack_arguments.yaml, as sets."""

    locative_preps: frozenset[str]
    party_only_preps: frozenset[str]
    place_nouns: frozenset[str]
    place_entities: frozenset[str]
    control_nouns: frozenset[str]
    plural_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def attack_rules() -> AttackRules:
    data = load_yaml("attack_arguments.yaml")
    return AttackRules(**{name: frozenset(data[name]) for name in AttackRules.__slots__})


def _geographic(token: Token) -> bool:
    r = attack_rules()
    return token.ent_type_ in r.place_entities or token.lemma_.lower() in r.place_nouns


def place_not_target(token: Token, mention_at: dict[int, ActorMention], people: frozenset[str]) -> bool:
    """"went off in Kandahar", "detonated near the city centre", "carried out the attack in the village":
    the object of a locative preposition is where the attack happened, unless it is a party (an actor,
    a group of people) after "in", or a facility after "at"/"near" ("at the checkpoint")."""
    if token.dep_ != "pobj":
        return False
    r = attack_rules()
    preposition = token.head.lower_
    if preposition not in r.locative_preps:
        return False
    if _geographic(token):
        return True
    if preposition in r.party_only_preps:
        named = token.i in mention_at or any(c.i in mention_at for c in token.children if c.dep_ == "compound")
        return not named and token.lemma_.lower() not in people
    return False


def unnamed_modifier(token: Token, trigger: Token, mention_at: dict[int, ActorMention]) -> bool:
    """"the Carlton Hotel bombing", "the Glenmoor Marathon bombing": a proper name the knowledge base does not
    know, modifying the attack noun, names its place or target; "a Hamas attack" names its author."""
    if token.pos_ != "PROPN" or token.dep_ != "compound" or token.head.i != trigger.i:
        return False
    mention = mention_at.get(token.i)
    return mention is None or mention.actor.startswith(_UNKNOWN)


def possessor_subject(verb: Token) -> list[Token]:
    """"the Taliban's decision to carry out the attacks": a control noun's possessor does its infinitive."""
    if verb.dep_ not in ("acl", "xcomp", "relcl") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    noun = verb.head
    if noun.pos_ not in _NOUN_TAGS or noun.lemma_.lower() not in attack_rules().control_nouns:
        return []
    return [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]


def plural_for_person(pronouns: list[Token], antecedent: Iterable[Token]) -> bool:
    """"They have tried to kill me", after a sentence about the president: "they" is not the president."""
    plural = attack_rules().plural_pronouns
    return any(p.lower_ in plural for p in pronouns) and any(t.ent_type_ == "PERSON" for t in antecedent)


def attack_sides(trigger: Token, actors: list[Token], recipients: list[Token], mention_at: dict[int, ActorMention],
                 people: frozenset[str]) -> tuple[list[Token], list[Token], bool]:
    """An attack's author and target without the place phrases and unknown names that are neither, and
    whether a place phrase was read: "bombs were detonated in the city" still tells an attack."""
    actors = [t for t in actors if not unnamed_modifier(t, trigger, mention_at)]
    targets = [t for t in recipients if not place_not_target(t, mention_at, people)]
    return actors, targets, len(targets) < len(recipients)


def resolve_targets(tokens: list[Token], mention_at: dict[int, ActorMention]
                    ) -> tuple[list[str], list[tuple[int, int]]]:
    """Like :func:`event_parse.resolve`, but an actor named only inside a place phrase of the target
    ("a pharmacy in Tours, France") is not the target: the target's own phrase is."""
    kept: list[Token] = []
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if _in_place_phrase(token, mention_at):
            spans.append(phrase(token))
        else:
            kept.append(token)
    ids, resolved = resolve(kept, mention_at)
    return ids, resolved + spans


def _in_place_phrase(token: Token, mention_at: dict[int, ActorMention]) -> bool:
    """The target's only actor is named in a locative phrase of the target ("in Tours, France")."""
    if token.i in mention_at or token.pos_ == "PRON":
        return False
    mention = best_mention(token, mention_at)
    if mention is None:
        return False
    node = token.doc[mention.i]
    locative = attack_rules().locative_preps
    placed = False
    while node.i != token.i and node.head.i != node.i:
        placed = placed or node.dep_ == "prep" and node.head.i == token.i and node.lower_ in locative
        node = node.head
    return placed and node.i == token.i


def distinct(a: Token, b: Token) -> bool:
    """Two triggers of a sentence that tell two events: one is the infinitive of a noun, an act only
    possible ("the bombing gave the rebels an opportunity to attack the garrison")."""
    return _noun_infinitive(a) or _noun_infinitive(b)


def _noun_infinitive(token: Token) -> bool:
    return token.dep_ == "acl" and token.head.pos_ in _NOUN_TAGS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
