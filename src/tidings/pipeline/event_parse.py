"""Parse readers of the event coder: the context a predicate's constraints look at, argument slots,
mentions and phrases.

Split from pipeline/events.py so that the coder module stays small; these are pure functions of
the parse.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tidings.lexicon import Predicate
from tidings.pipeline import roles
from tidings.pipeline.annotations import ActorMention, doc_text, lemmas_of, lowers_of, sentence_numbers
from tidings.pipeline.event_guards import measured_objects

_NOUN_TAGS = {"NOUN", "PROPN"}
# what makes a verb transitive for an entry that must be used without an object
_OBJECT_DEPS = {"dobj", "obj", "ccomp", "xcomp", "nsubjpass"}


@dataclass(slots=True)
class Around:
    """What the constraints of every candidate entry look at, read once per token."""

    particles: set[str]
    preps: set[str]
    objects: dict[str, Token]
    modifiers: set[str]
    transitive: bool

    @classmethod
    def of(cls, token: Token) -> Around:
        doc, i = token.doc, token.i
        # each child's label read once; lemmas and lower-case forms from the per-doc lists
        kids = [(c, c.i, c.dep_) for c in token.children]
        lemmas, lowers = lemmas_of(doc), lowers_of(doc)
        wanted = ("nsubjpass",) if roles.is_passive(token) else ("dobj", "obj")
        objects = {lemmas[k]: c for c, k, dep in kids if dep in wanted}
        for lemma, noun in measured_objects(objects).items():  # "25,000 tons of food aid", "a mediation effort"
            objects.setdefault(lemma, noun)
        return cls(
            particles={lowers[k] for _, k, dep in kids if dep in ("prt", "advmod")},
            preps={lowers[k] for _, k, dep in kids if dep in ("prep", "agent", "dative")},
            objects=objects,
            modifiers={lemmas[k] for _, k, _ in kids if k < i} | set(lemmas[max(0, i - 3):i]),
            transitive=any(dep in _OBJECT_DEPS for _, _, dep in kids),
        )


def fits(token: Token, predicate: Predicate, around: Around) -> Token | None | bool:
    """False if the predicate's constraints fail; else the object noun it consumed (or None)."""
    if predicate.intransitive and around.transitive:
        return False  # "demonstrated its resolve"
    if predicate.particle and predicate.particle not in around.particles:
        return False
    if predicate.prep and predicate.prep.split()[-1] not in around.preps:
        return False
    if predicate.compound and not set(predicate.compound) <= around.modifiers:
        return False
    if predicate.object:
        for lemma in predicate.object:
            if lemma in around.objects:
                return around.objects[lemma]
        return False
    return None


def sentence_index(doc: Doc, i: int) -> int:
    """The number of the sentence token ``i`` is in (``doc[i].sent`` builds the sentence's Span)."""
    return sentence_numbers(doc)[i]


def governor(token: Token) -> Token:
    """The verb whose tense and polarity the event takes: the light verb of a nominal trigger."""
    if token.pos_ in _NOUN_TAGS and token.dep_ in ("dobj", "attr", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    return token


def event_tokens(token: Token, object_token: Token | None) -> list[Token]:
    """The trigger's own phrase: what a weapon must be part of to be this event's weapon."""
    heads = [token] + ([object_token] if object_token is not None else [])
    return [t for h in heads for t in h.subtree if t.dep_ not in ("relcl", "advcl", "ccomp", "conj")
            or t is h]


def title_end(doc: Doc) -> int:
    """Where the headline ends: headlines are coded from the body, which the small model parses far
    better ("Hamas treats wounded …" comes out as a noun phrase), and which repeats them."""
    article = doc._.article
    title = getattr(article, "title", None)
    if title and doc_text(doc).startswith(title):
        return len(title)
    return 0


def first_filled(trigger: Token, slots: tuple[str, ...], extra: list[Token],
                  mention_at: dict[int, ActorMention], people: frozenset[str] = frozenset()) -> list[Token]:
    for slot in slots:
        tokens = roles.slot_tokens(trigger, slot, extra)
        if slot == "amod":  # "a major offensive", "the nightly curfew": only an actor modifier is a party
            tokens = [t for t in tokens if best_mention(t, mention_at) is not None
                      or t.ent_type_ in roles.PARTY_LABELS]
        elif slot == "prep:for":  # "aid for Romania", "aid for refugees", not "aid for development projects"
            tokens = [t for t in tokens if best_mention(t, mention_at) is not None
                      or t.ent_type_ in roles.PARTY_LABELS or t.lemma_.lower() in people]
        if tokens:
            return tokens
    return []


def all_filled(trigger: Token, slots: tuple[str, ...], extra: list[Token],
                mention_at: dict[int, ActorMention], people: frozenset[str] = frozenset()) -> list[Token]:
    out: list[Token] = []
    for slot in slots:
        out.extend(t for t in first_filled(trigger, (slot,), extra, mention_at, people) if t not in out)
    return out


def other_match(token: Token, matches: Mapping[int, object]) -> bool:
    """Another trigger in the sentence, outside this one's phrase."""
    sentence = token.sent
    inside = {t.i for t in token.subtree}
    return any(i != token.i and i not in inside and sentence.start <= i < sentence.end for i in matches)


def ancestor_match(token: Token, matches: Mapping[int, object]) -> bool:
    return any(a.i in matches for a in token.ancestors)


_NOT_INSIDE = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "conj", "cc"})


def _names_own_party(token: Token) -> bool:
    """"Greek mediation", "Serbian gunmen": a party named in the noun's own modifiers."""
    return any(c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in roles.PARTY_LABELS for c in token.children)


def best_mention(token: Token, mention_at: dict[int, ActorMention]) -> ActorMention | None:
    """The actor mention nearest the top of the argument's subtree ("fighters of [Sinai Province]")."""
    queue: deque[Token] = deque([token])
    # "Greek mediation in talks with Turkey", "Serbian gunmen against Albanian villagers": a party the
    # phrase names in its own modifiers, even one the knowledge base does not know, is the party; a
    # name deeper in its prepositional phrases is someone else
    own_party = _names_own_party(token)
    while queue:
        node = queue.popleft()
        mention = mention_at.get(node.i)
        if mention is not None:
            return mention
        # conjuncts are arguments of their own, and a "from" phrase names an origin, not the party
        # ("the withdrawal of forces from Panama" is not Panama's act), except after people in the
        # plural ("troops from Panama", "doctors from two aid groups")
        # a possessive pronoun names the owner, read after the head's own modifiers: "its European
        # Union partners" are the EU (a named possessor keeps its place: "Sudan's government")
        queue.extend(sorted((c for c in node.children if c.dep_ not in _NOT_INSIDE
                             and (c.dep_ != "prep" or c.lower_ != "from" or node.tag_ == "NNS")
                             and not (c.dep_ == "prep" and c.lower_ != "of" and node is token and own_party)),
                            key=lambda c: c.dep_ == "poss" and c.pos_ == "PRON"))
    return None


def resolve(tokens: list[Token], mention_at: dict[int, ActorMention]) -> tuple[list[str], list[tuple[int, int]]]:
    ids: list[str] = []
    spans: list[tuple[int, int]] = []
    for token in tokens:
        mention = best_mention(token, mention_at)
        if mention is not None:
            if mention.actor not in ids:
                ids.append(mention.actor)
            if (mention.i, mention.j) not in spans:  # a name parsed as several subject tokens
                spans.append((mention.i, mention.j))
        elif token.pos_ == "PRON":
            spans.append((token.i, token.i + 1))
        elif _names_own_party(token):  # an unknown party named by its modifiers: the noun, its modifiers
            # and its "of" phrase ("the Azerbaijani republic of X"), not what it does ("mediation in talks with Y")
            right = max([token.i] + [c.right_edge.i for c in token.children if c.dep_ == "prep" and c.lower_ == "of"])
            spans.append((token.left_edge.i, right + 1))
        else:
            spans.append(phrase(token))
    return ids, spans


def phrase(token: Token) -> tuple[int, int]:
    """The argument's noun phrase without its relative clauses and trailing appositions."""
    right = token.i
    for child in token.children:
        if child.i > token.i and child.dep_ not in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl"):
            right = max(right, child.right_edge.i)
    return token.left_edge.i, right + 1
