"""PLOVER events: lexicon predicates matched on the parse, with their participants and modality."""

from __future__ import annotations

from collections import deque

from spacy.language import Language
from spacy.tokens import Doc, Token

from tidings.lexicon import Lexicon, Predicate, load_lexicon, recipient_required
from tidings.pipeline import roles
from tidings.pipeline.annotations import ActorMention, EventCandidate
from tidings.resources import load_yaml

_VERB_TAGS = {"VERB"}
_NOUN_TAGS = {"NOUN", "PROPN"}
# PLOVER: promised cooperation is an agreement; a hypothetical attack is a threat.
_FUTURE_BECOMES_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}


class EventCoder:
    """Codes every predicate of the lexicon found in the doc as an :class:`EventCandidate`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        data = load_yaml("roles.yaml")
        self.light_verbs = set(data["light_verbs"])
        modality = data["modality"]
        self.future_aux = set(modality["future_aux"])
        self.hypothetical_aux = set(modality["hypothetical_aux"])
        self.future_verbs = set(modality["future_verbs"])
        self.hypothetical_verbs = set(modality["hypothetical_verbs"])
        self.conditional_marks = set(modality["conditional_marks"])
        self.negation_words = set(modality["negation_words"])
        self.negating_verbs = set(modality["negating_verbs"])

    def __call__(self, doc: Doc) -> Doc:
        mention_at: dict[int, ActorMention] = {}
        for mention in doc._.actor_mentions or []:
            for k in range(mention.i, mention.j):
                mention_at[k] = mention
        consumed: set[int] = set()
        events: list[EventCandidate] = []
        body_start = _title_end(doc)
        for token in doc:
            if token.i in consumed or token.idx < body_start or token.i in mention_at:
                continue  # "Government of National Accord" holds no AGREE
            matched = self._match(token)
            if matched is None:
                continue
            predicate, object_token = matched
            if object_token is not None:
                consumed.add(object_token.i)
            event = self._code(token, predicate, object_token, mention_at)
            if event is not None:
                events.append(event)
        doc._.events = _merge_duplicates(doc, events)
        return doc

    # -- matching --------------------------------------------------------------------------------

    def _match(self, token: Token) -> tuple[Predicate, Token | None] | None:
        if token.pos_ in _VERB_TAGS:
            if token.dep_ == "amod":
                return None  # "wounded fighters": a participle describing a state, not an event
            pos = "VERB"
        elif token.pos_ in _NOUN_TAGS:
            pos = "NOUN"
        else:
            return None
        best: tuple[Predicate, Token | None] | None = None
        for predicate in self.lexicon.candidates(token.lemma_.lower(), pos):
            object_token = self._fits(token, predicate)
            if object_token is False:
                continue
            if best is None or predicate.specificity > best[0].specificity:
                best = (predicate, object_token if isinstance(object_token, Token) else None)
        return best

    @staticmethod
    def _fits(token: Token, predicate: Predicate) -> Token | None | bool:
        """False if the predicate's constraints fail; else the object noun it consumed (or None)."""
        children = list(token.children)
        if predicate.particle and not any(
            c.dep_ == "prt" and c.lower_ == predicate.particle for c in children
        ):
            return False
        if predicate.prep and not any(
            c.dep_ in ("prep", "agent", "dative") and c.lower_ == predicate.prep.split()[-1] for c in children
        ):
            return False
        if predicate.compound:
            before = {c.lemma_.lower() for c in children if c.i < token.i} | {
                token.doc[k].lemma_.lower() for k in range(max(0, token.i - len(predicate.compound)), token.i)
            }
            if not set(predicate.compound) <= before:
                return False
        if predicate.object:
            deps = ("nsubjpass",) if roles.is_passive(token) else ("dobj", "obj")
            for child in children:
                if child.dep_ in deps and child.lemma_.lower() in predicate.object:
                    return child
            return False
        return None

    # -- coding ----------------------------------------------------------------------------------

    def _code(
        self, token: Token, predicate: Predicate, object_token: Token | None,
        mention_at: dict[int, ActorMention],
    ) -> EventCandidate | None:
        extra = [object_token] if object_token is not None else []
        actor_tokens = _first_filled(token, predicate.actor, extra)
        recipient_tokens = [t for t in _first_filled(token, predicate.recipient, extra) if t not in actor_tokens]
        actor_ids, actor_spans = _resolve(actor_tokens, mention_at)
        if not actor_ids:
            holders = roles.permission_holders(token)
            held_ids, held_spans = _resolve(holders, mention_at)
            actor_ids, actor_spans = held_ids, actor_spans + held_spans
        recipient_ids, recipient_spans = _resolve(recipient_tokens, mention_at)
        recipient_ids = [r for r in recipient_ids if r not in actor_ids]
        if predicate.symmetric:
            actor_ids = actor_ids + [r for r in recipient_ids if r not in actor_ids]
            recipient_ids = []
        if not actor_ids and not recipient_ids:
            return None
        if predicate.ambiguous and not (actor_ids and (recipient_ids or predicate.symmetric)):
            return None
        negated = self._negated(token)
        modality, cue = self._modality(token)
        event_type = predicate.type
        if modality == "future" and event_type in _FUTURE_BECOMES_AGREE:
            event_type = "AGREE"
        elif modality == "hypothetical" and event_type == "ASSAULT":
            event_type = "THREATEN"
        if recipient_required(event_type) and not recipient_ids:
            return None
        confidence = predicate.confidence * (1.0 if actor_ids else 0.7)
        trigger_j = token.i + 1
        if object_token is not None and object_token.i > token.i:
            trigger_j = object_token.i + 1
        return EventCandidate(
            type=event_type,
            mode=predicate.mode,
            trigger_i=token.i,
            trigger_j=trigger_j,
            actors=actor_spans,
            recipients=recipient_spans,
            actor_ids=actor_ids,
            recipient_ids=recipient_ids,
            negated=negated,
            modality=modality,
            modality_cue=cue,
            cameo=predicate.cameo,
            context=list(predicate.context),
            confidence=confidence,
            pattern=predicate.label,
        )

    def _governor(self, token: Token) -> Token:
        """The verb whose tense and polarity the event takes: the light verb of a nominal trigger."""
        if token.pos_ in _NOUN_TAGS and token.dep_ in ("dobj", "attr", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
            return token.head
        return token

    def _negated(self, token: Token) -> bool:
        verb = self._governor(token)
        for node in {token, verb}:
            if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
                return True
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.negating_verbs:
            return True
        return False

    def _modality(self, token: Token) -> tuple[str | None, tuple[int, int] | None]:
        verb = self._governor(token)
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in self.future_aux:
                return "future", (child.i, child.i + 1)
            if child.dep_ == "aux" and child.lower_ in self.hypothetical_aux:
                return "hypothetical", (child.i, child.i + 1)
            if child.dep_ == "mark" and child.lower_ in self.conditional_marks:
                return "hypothetical", (child.i, child.i + 1)
        if verb.dep_ == "xcomp":
            head = verb.head
            lemma = head.lemma_.lower()
            if lemma in self.hypothetical_verbs:
                return "hypothetical", (head.i, head.i + 1)
            if lemma in self.future_verbs:
                return "future", (head.i, head.i + 1)
        return None, None


def _title_end(doc: Doc) -> int:
    """Where the headline ends: headlines are coded from the body, which the small model parses far
    better ("Hamas treats wounded …" comes out as a noun phrase), and which repeats them."""
    article = doc._.article
    title = getattr(article, "title", None)
    if title and doc.text.startswith(title):
        return len(title)
    return 0


def _first_filled(trigger: Token, slots: tuple[str, ...], extra: list[Token]) -> list[Token]:
    for slot in slots:
        tokens = roles.slot_tokens(trigger, slot, extra)
        if tokens:
            return tokens
    return []


def _best_mention(token: Token, mention_at: dict[int, ActorMention]) -> ActorMention | None:
    """The actor mention nearest the top of the argument's subtree ("fighters of [Sinai Province]")."""
    queue: deque[Token] = deque([token])
    while queue:
        node = queue.popleft()
        mention = mention_at.get(node.i)
        if mention is not None:
            return mention
        queue.extend(c for c in node.children if c.dep_ not in ("relcl", "acl", "ccomp", "advcl", "parataxis"))
    return None


def _resolve(tokens: list[Token], mention_at: dict[int, ActorMention]) -> tuple[list[str], list[tuple[int, int]]]:
    ids: list[str] = []
    spans: list[tuple[int, int]] = []
    for token in tokens:
        mention = _best_mention(token, mention_at)
        if mention is not None:
            if mention.actor not in ids:
                ids.append(mention.actor)
            spans.append((mention.i, mention.j))
        else:
            spans.append((token.left_edge.i, token.right_edge.i + 1) if token.pos_ != "PRON" else (token.i, token.i + 1))
    return ids, spans


def _merge_duplicates(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """One event per real event in a sentence: "attacked a checkpoint, killing five soldiers"."""
    kept: list[EventCandidate] = []
    for event in events:
        sentence = doc[event.trigger_i].sent.start
        twin = next(
            (k for k in kept if doc[k.trigger_i].sent.start == sentence and k.type == event.type
             and set(k.actor_ids) == set(event.actor_ids) and set(event.recipient_ids) <= set(k.recipient_ids)
             and k.negated == event.negated),
            None,
        )
        if twin is None:
            kept.append(event)
    return kept


@Language.factory(
    "tidings_events",
    assigns=["doc._.events"],
    requires=["doc._.actor_mentions", "token.dep", "token.lemma", "token.pos"],
)
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder(load_lexicon())
