"""Which argument of an attack is its target or its author, and when two attacks of a sentence differ.

- *places are no targets*: "a bomb went off in Kandahar", "detonated near the city centre" tell where,
  "the pharmacy in Tours" is the pharmacy, not Tours, and "the bombing of the city" hit no party
  (unless aimed: "fired rockets at the town");
- *what a nominal attack was at*: "a shooting at a nightclub" hit the nightclub (not "at dawn"); a
  clause on the noun says what it aimed at ("bombings, which appeared to be aimed at commuters");
- *a name the knowledge base does not know before an attack noun* ("the Carlton Hotel bombing", "the
  Glenmoor Marathon bombing") names where it happened or what it hit, not who did it;
- *the possessor of a control noun* is the subject of its infinitive: "the Taliban's decision to carry out
  the attacks";
- *a plural pronoun* ("they") does not refer back to one named person;
- *who took part*: "attacks carried out by militants", "the group behind the bombing", "nine men were
  involved in the attack", "those responsible for the bombing" name the author of a nominal attack;
- *an affiliation is not the argument*: "Iraqi pro-government fighters were killed" — the id is Iraq's, the
  span the fighters';
- *the infinitive of a noun* ("the opportunity to attack") is another act than its sentence's attack.

Word lists: data/attack_arguments.yaml. Every check starts from one token and climbs or reads a few
of its neighbours, so none adds work per token of the doc.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from tidings.pipeline import roles
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
    perpetration_verbs: frozenset[str]
    perpetrator_preps: frozenset[str]
    participation_words: frozenset[str]
    participation_preps: frozenset[str]
    aimed_preps: frozenset[str]
    facility_preps: frozenset[str]
    not_facilities: frozenset[str]


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


def perpetrators(noun: Token) -> list[Token]:
    """Who did a nominal attack its own slots leave without an author: the by-agent of a clause of
    perpetration ("attacks carried out by militants"), the head of "behind" ("the group behind the
    bombing", "al-Shabab was behind the attack"), the subject of a participation ("12 men were involved
    in the attack", "those responsible for the bombing", "rebels took part in the raid")."""
    if noun.pos_ not in _NOUN_TAGS:
        return []
    r = attack_rules()
    for clause in noun.children:
        if clause.dep_ in ("acl", "relcl") and clause.lemma_.lower() in r.perpetration_verbs:
            found = [p for a in clause.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            if found:
                return found
    if noun.dep_ == "compound" and noun.head.pos_ in _NOUN_TAGS:
        noun = noun.head  # "involved in the assassination attempt"
    if noun.dep_ != "pobj" or noun.head.head is noun.head:
        return []
    preposition, head = noun.head.lower_, noun.head.head
    if preposition in r.perpetrator_preps:
        if head.pos_ in _NOUN_TAGS or head.pos_ == "PRON":
            return [head]
        # "al-Shabab was behind the attack"; not "police arrested two men behind the bombing", whose
        # subject did something else to the perpetrators
        return _subjects(head) if head.lemma_ == "be" else []
    if preposition not in r.participation_preps or head.lemma_.lower() not in r.participation_words:
        return []
    if head.pos_ == "NOUN":  # "took part in", "had a hand in"
        return _subjects(head.head) if head.dep_ in ("dobj", "obj") else []
    if head.dep_ in ("acl", "amod") and (head.head.pos_ in _NOUN_TAGS or head.head.pos_ == "PRON"):
        return [head.head]  # "those involved in the attack"
    return _subjects(head)


def harm_clause(noun: Token, harm_verbs: frozenset[str] | set[str],
                casualty_verbs: frozenset[str] | set[str] = frozenset()) -> Token | None:
    """The verb of a participle or relative clause on an attack noun that says what it hit, reached
    through "to" complements: "bombings aimed at the military", "the bombings, which appeared to be aimed
    at commuters". A relative clause of casualties ("a blast which wounded four guards") is the toll,
    which its own trigger codes, not the aim."""
    for clause in noun.children:
        if clause.dep_ not in ("acl", "relcl"):
            continue
        verb: Token | None = clause
        for _ in range(3):
            if verb is None or verb.lemma_.lower() in harm_verbs:
                break
            verb = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if verb is not None and verb.lemma_.lower() in harm_verbs and not (
                clause.dep_ == "relcl" and verb.lemma_.lower() in casualty_verbs):
            return verb
    return None


def facility_targets(noun: Token) -> list[Token]:
    """"a bombing at a cafe", "an attack at the checkpoint": what a nominal attack that names no target
    was carried out at, unless that is a place, a time or a measure ("at dawn", "at the age of 20")."""
    r = attack_rules()
    return [t for c in noun.children if c.dep_ == "prep" and c.lower_ in r.facility_preps
            for t in c.children if t.dep_ == "pobj" and t.pos_ in _NOUN_TAGS and not _geographic(t)
            and t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY")
            and t.lemma_.lower() not in r.not_facilities]


def _subjects(verb: Token) -> list[Token]:
    """The subject of a verb or adjective, the passive subject included ("people were involved")."""
    found = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if found:
        return found
    return roles.subjects(verb)


def plural_for_person(pronouns: list[Token], antecedent: Iterable[Token]) -> bool:
    """"They have tried to kill me", after a sentence about the president: "they" is not the president."""
    plural = attack_rules().plural_pronouns
    return any(p.lower_ in plural for p in pronouns) and any(t.ent_type_ == "PERSON" for t in antecedent)


def attack_sides(trigger: Token, actors: list[Token], recipients: list[Token], mention_at: dict[int, ActorMention],
                 people: frozenset[str]) -> tuple[list[Token], list[Token], bool]:
    """An attack's author and target without the place phrases and unknown names that are neither, and
    whether a place phrase was read: "bombs were detonated in the city" still tells an attack."""
    actors = [t for t in actors if not unnamed_modifier(t, trigger, mention_at)]
    targets = [t for t in recipients if not place_not_target(t, mention_at, people)
               and not unnamed_place(t, mention_at)]
    return actors, targets, len(targets) < len(recipients)


def unnamed_place(token: Token, mention_at: dict[int, ActorMention]) -> bool:
    """"the militia's bombing of the village", "shelled the village": a place noun no actor stands for is where
    the attack happened; a place named with an actor ("the city of Gaza") stands for its people and
    government, and "fired rockets at the town" aims at it."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in attack_rules().place_nouns:
        return False  # a name the model calls a place may be a person's ("Singh was shot")
    if token.dep_ == "pobj" and token.head.lower_ in attack_rules().aimed_preps:
        return False
    return best_mention(token, mention_at) is None


def resolve_sides(tokens: list[Token], mention_at: dict[int, ActorMention]
                  ) -> tuple[list[str], list[tuple[int, int]]]:
    """Like :func:`event_parse.resolve`, but when the actor is only the affiliation of the argument
    ("Iraqi pro-government fighters", "Taliban fighters", "a commander of the militia") the span is the
    argument's phrase: the fighters were hit, on behalf of the party the actor id names."""
    ids: list[str] = []
    spans: list[tuple[int, int]] = []
    for token in tokens:
        found, (span,) = resolve([token], mention_at)
        ids.extend(i for i in found if i not in ids)
        if found and token.pos_ == "NOUN" and not span[0] <= token.i < span[1]:
            left, right = phrase(token)
            span = (min(left, span[0]), max(right, span[1]))
        if span not in spans:
            spans.append(span)
    return ids, spans


def resolve_targets(tokens: list[Token], mention_at: dict[int, ActorMention]
                    ) -> tuple[list[str], list[tuple[int, int]]]:
    """Like :func:`resolve_sides`, but an actor named only inside a place phrase of the target
    ("a pharmacy in Tours, France") is not the target: the target's own phrase is."""
    kept: list[Token] = []
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if _in_place_phrase(token, mention_at):
            spans.append(phrase(token))
        else:
            kept.append(token)
    ids, resolved = resolve_sides(kept, mention_at)
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
