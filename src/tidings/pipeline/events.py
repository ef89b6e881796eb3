"""PLOVER events: lexicon predicates matched on the parse, with their participants and modality.

The coder works in three passes over a doc:

1. *match*: every token is looked up in the predicate lexicon; the most specific entry whose
   constraints (particle, object noun, preposition, compound) hold wins;
2. *code*: each match becomes an :class:`EventCandidate` with actors and recipients read from the
   parse (pipeline/roles.py) and PLOVER's rules applied (future cooperation is AGREE, a
   hypothetical attack is THREATEN, COOPERATE/AID/SANCTION need a recipient). A match that is the
   complement of another event ("agreed to re-open its borders") is coded first and folded into
   the outer event, which takes its recipient when it names none;
3. *merge*: one event per real event: twins in one sentence merge, MOBILIZE beside an ASSAULT
   by the same actor is dropped, and "the attack" in a later sentence merges into the attack
   already told.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tidings.lexicon import Lexicon, Predicate, default_cameo, load_lexicon, recipient_required
from tidings.pipeline import roles
from tidings.pipeline.annotations import ActorMention, EventCandidate
from tidings.resources import load_yaml

_VERB_TAGS = {"VERB"}
_NOUN_TAGS = {"NOUN", "PROPN"}
# PLOVER: promised cooperation is an agreement; a hypothetical attack is a threat.
_FUTURE_BECOMES_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
# types PLOVER codes from the victim alone when the perpetrator is unknown ("a soldier was killed")
_MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}
# complement links along which an embedded event hangs from the event that governs it
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp"}


@dataclass(slots=True)
class _Match:
    token: Token
    predicate: Predicate
    object_token: Token | None
    outer: int | None = None  # trigger index of the event this one is the complement of
    depth: int = 0


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
        self.embedding_types = set(data["embedding_types"])
        self.embedding_depth = int(data["embedding_depth"])
        self.sport_cues = set(data["sport_cues"])
        self.sport_types = set(data["sport_sensitive_types"])
        self.cues = {"violence": set(data["violence_cues"])}
        self.dead_lemmas = set(data["casualty_lemmas"]["dead"])
        self.injured_lemmas = set(data["casualty_lemmas"]["injured"])
        self.number_words = {str(k): int(v) for k, v in data["number_words"].items()}
        self.people = set(data["people_nouns"])
        self.size_nouns = set(data["size_nouns"])
        self.weapons = {str(k): v for k, v in data["weapons"].items()}
        self.context_cues = {name: set(words) for name, words in data["context_cues"].items()}
        self.pronouns = set(data["anaphoric_pronouns"])
        self.determiners = set(data["anaphoric_determiners"])
        self.merge_window = int(data["merge_window"])

    def __call__(self, doc: Doc) -> Doc:
        mention_at: dict[int, ActorMention] = {}
        for mention in doc._.actor_mentions or []:
            for k in range(mention.i, mention.j):
                mention_at[k] = mention
        matches = self._find(doc, mention_at)
        coded: dict[int, EventCandidate] = {}
        lemmas: dict[int, set[str]] = {}
        for match in sorted(matches.values(), key=lambda m: -m.depth):  # complements before their heads
            inner = [coded[m.token.i] for m in matches.values() if m.outer == match.token.i and m.token.i in coded]
            sentence = match.token.sent
            words = lemmas.setdefault(sentence.start, {t.lemma_.lower() for t in sentence} | {t.lower_ for t in sentence})
            event = self._code(match, mention_at, inner, words)
            if event is not None:
                coded[match.token.i] = event
        events = [coded[i] for i in sorted(coded)
                  if matches[i].outer is None or matches[i].outer not in coded]
        events = _merge_duplicates(doc, events)
        events = _drop_mobilize_beside_assault(doc, events)
        doc._.events = self._merge_elaborations(doc, events)
        return doc

    # -- matching --------------------------------------------------------------------------------

    def _find(self, doc: Doc, mention_at: dict[int, ActorMention]) -> dict[int, _Match]:
        matches: dict[int, _Match] = {}
        consumed: set[int] = set()
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
                matches.pop(object_token.i, None)  # "an attack was carried out by": the verb reads the roles
            matches[token.i] = _Match(token, predicate, object_token)
        for match in matches.values():
            match.outer, match.depth = self._embedding(match.token, matches)
        return matches

    def _embedding(self, token: Token, matches: dict[int, _Match]) -> tuple[int | None, int]:
        """The event whose complement this trigger is ("agreed to [re-open]"), and how deep it sits."""
        node = _governor(token)
        for step in range(1, self.embedding_depth + 1):  # noqa: B007 - step is the depth returned
            if node.dep_ not in _COMPLEMENT_DEPS or node.head is node:
                return None, 0
            node = node.head
            if node.dep_ == "prep" and node.head is not node:  # "accused X of [shelling]"
                node = node.head
            outer = matches.get(node.i)
            if outer is not None and outer.predicate.type in self.embedding_types:
                return node.i, step
        return None, 0

    def _match(self, token: Token) -> tuple[Predicate, Token | None] | None:
        if token.pos_ in _VERB_TAGS:
            if token.dep_ == "amod":
                return None  # "wounded fighters": a participle describing a state, not an event
            pos = "VERB"
        elif token.pos_ in _NOUN_TAGS:
            pos = "NOUN"
        elif token.pos_ == "ADJ":
            if not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "to") for c in token.children):
                return None  # "ready" alone promises nothing: "ready to send troops" does
            pos = "ADJ"
        else:
            return None
        candidates = self.lexicon.candidates(token.lemma_.lower(), pos)
        if not candidates:
            return None
        around = _Around.of(token)
        best: tuple[Predicate, Token | None] | None = None
        for predicate in candidates:
            object_token = _fits(token, predicate, around)
            if object_token is False:
                continue
            if best is None or predicate.specificity > best[0].specificity:
                best = (predicate, object_token if isinstance(object_token, Token) else None)
        return best

    # -- coding ----------------------------------------------------------------------------------

    def _code(self, match: _Match, mention_at: dict[int, ActorMention], inner: list[EventCandidate],
              words: set[str]) -> EventCandidate | None:
        token, predicate, object_token = match.token, match.predicate, match.object_token
        if predicate.type in self.sport_types and words & self.sport_cues:
            return None  # "Barcelona's attack dominated the second half of the match"
        if predicate.cue and not (words - {token.lemma_.lower(), token.lower_}) & self.cues.get(predicate.cue, set()):
            return None  # "died" alone is not an attack
        extra = [object_token] if object_token is not None else []
        # "killed by an improvised explosive device": a weapon is not an actor
        actor_tokens = [t for t in _first_filled(token, predicate.actor, extra)
                        if t.lemma_.lower() not in self.weapons or _best_mention(t, mention_at) is not None]
        recipient_tokens = [t for t in _first_filled(token, predicate.recipient, extra) if t not in actor_tokens]
        actor_ids, actor_spans = _resolve(actor_tokens, mention_at)
        if not actor_ids:
            holders = roles.permission_holders(token)
            held_ids, held_spans = _resolve(holders, mention_at)
            actor_ids, actor_spans = held_ids, actor_spans + held_spans
        if not actor_ids and any(t.pos_ == "PRON" and t.lower_ in self.pronouns for t in actor_tokens):
            actor_ids, actor_spans = self._previous_subject(token, mention_at, actor_spans)
        recipient_ids, recipient_spans = _resolve(recipient_tokens, mention_at)
        recipient_ids = [r for r in recipient_ids if r not in actor_ids]
        if predicate.symmetric:
            actor_ids = actor_ids + [r for r in recipient_ids if r not in actor_ids]
            actor_spans = actor_spans + recipient_spans
            recipient_ids, recipient_spans = [], []
        for event in inner:  # "offered to hand over to Great Britain": the outer event's recipient
            if not recipient_ids:
                recipient_ids = [r for r in event.recipient_ids if r not in actor_ids]
                recipient_spans = list(event.recipients) if recipient_ids or not recipient_spans else recipient_spans
            if not actor_ids and event.actor_ids:
                actor_ids, actor_spans = list(event.actor_ids), list(event.actors)
        strong_spans = [s for s in actor_spans + recipient_spans if s[1] - s[0] > 1 or token.doc[s[0]].pos_ != "PRON"]
        crowd = predicate.type == "PROTEST" and any(  # "thousands of protesters marched": a crowd acts
            t.lemma_.lower() in self.size_nouns for a in actor_tokens for t in a.subtree)
        # "a shooting in York", "a soldier was killed": PLOVER codes violence with an unknown perpetrator
        bare_violence = predicate.type == "ASSAULT" and not predicate.ambiguous and predicate.confidence >= 0.7 \
            and token.pos_ in _NOUN_TAGS and token.head.lemma_ != "be"  # not "the attack was a turning point"
        if not actor_ids and not recipient_ids and not (predicate.type in _MATERIAL_CONFLICT and not predicate.ambiguous
                                                        and (strong_spans or bare_violence)) and not crowd:
            return None
        if predicate.ambiguous and not (actor_ids and (recipient_ids or predicate.symmetric)) and not crowd:
            return None
        negated = self._negated(token)
        modality, cue = self._modality(token)
        event_type, cameo = predicate.type, predicate.cameo
        if modality == "future" and event_type in _FUTURE_BECOMES_AGREE:
            event_type = "AGREE"
        elif modality == "hypothetical" and event_type == "ASSAULT":
            event_type = "THREATEN"
        if event_type != predicate.type:
            cameo = "138" if event_type == "THREATEN" else default_cameo(event_type)
        if recipient_required(event_type) and not recipient_ids and not (
                predicate.symmetric and len(actor_ids) > 1):
            return None
        confidence = predicate.confidence * (1.0 if actor_ids else 0.7)
        trigger_j = token.i + 1
        if object_token is not None and object_token.i > token.i:
            trigger_j = object_token.i + 1
        sentence = list(token.sent)
        mode = predicate.mode
        weapon = roles.weapon_in(_event_tokens(token, object_token), self.weapons)
        if weapon is None and event_type == "ASSAULT":
            weapon = roles.weapon_in(sentence, self.weapons)
        if weapon is not None and mode is None and event_type == "ASSAULT":
            mode = weapon[1]
        context = list(predicate.context)
        context += [name for name, cue_words in self.context_cues.items() if words & cue_words and name not in context]
        dead = injured = size = None
        if event_type == "ASSAULT":
            dead = roles.casualties(sentence, self.dead_lemmas, self.number_words, self.people)
            injured = roles.casualties(sentence, self.injured_lemmas, self.number_words, self.people)
        if event_type in ("PROTEST", "MOBILIZE"):
            size = roles.group_size(sentence, self.size_nouns, self.number_words)
        return EventCandidate(
            type=event_type,
            mode=mode if event_type == predicate.type else None,
            trigger_i=token.i,
            trigger_j=trigger_j,
            actors=actor_spans,
            recipients=recipient_spans,
            actor_ids=actor_ids,
            recipient_ids=recipient_ids,
            negated=negated,
            modality=modality,
            modality_cue=cue,
            cameo=cameo,
            context=context,
            confidence=confidence,
            pattern=predicate.label,
            dead=dead,
            injured=injured,
            size=size,
            weapon=weapon[0] if weapon else None,
        )

    def _previous_subject(self, token: Token, mention_at: dict[int, ActorMention],
                          spans: list[tuple[int, int]]) -> tuple[list[str], list[tuple[int, int]]]:
        """"It also attacked …": the actor named as subject in the sentence before (else its first actor)."""
        sentence = token.sent
        if sentence.start == 0:
            return [], spans
        previous: Span = token.doc[sentence.start - 1].sent
        found = [mention_at[t.i] for t in previous if t.i in mention_at and t.dep_ in ("nsubj", "nsubjpass")
                 or t.i in mention_at and t.head.dep_ in ("nsubj",) and t.head.i not in mention_at]
        if not found:
            found = [mention_at[t.i] for t in previous if t.i in mention_at][:1]
        if not found:
            return [], spans
        mention = found[0]
        return [mention.actor], spans

    def _negated(self, token: Token) -> bool:
        verb = _governor(token)
        for node in {token, verb}:
            if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
                return True
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.negating_verbs:
            return True
        return False

    def _modality(self, token: Token) -> tuple[str | None, tuple[int, int] | None]:
        verb = _governor(token)
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
            if lemma in self.future_verbs or head.pos_ == "ADJ":  # "plans to", "ready to"
                return "future", (head.i, head.i + 1)
        return None, None

    # -- one event per real event ----------------------------------------------------------------

    def _merge_elaborations(self, doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
        """"The attack killed five soldiers" after "Militants attacked a checkpoint": one event.

        A nominal trigger with a definite or demonstrative determiner refers back to an event
        already told; it merges into the latest earlier event of its type within the window when
        their participants do not conflict, and adds what it knows (participants, casualties).
        """
        kept: list[EventCandidate] = []
        sentence_of = {e.trigger_i: _sentence_index(doc, e.trigger_i) for e in events}
        for event in events:
            token = doc[event.trigger_i]
            anaphoric = token.pos_ in _NOUN_TAGS and any(
                c.dep_ == "det" and c.lower_ in self.determiners for c in token.children)
            target = None
            if anaphoric and not event.negated and event.modality is None:
                here = sentence_of[event.trigger_i]
                for earlier in reversed(kept):
                    distance = here - sentence_of[earlier.trigger_i]
                    if distance < 1 or distance > self.merge_window or earlier.type != event.type:
                        continue
                    if _compatible(earlier.actor_ids, event.actor_ids) and _compatible(
                            earlier.recipient_ids, event.recipient_ids):
                        target = earlier
                    break
            if target is None:
                kept.append(event)
                continue
            _absorb(target, event)
        return kept


@dataclass(slots=True)
class _Around:
    """What the constraints of every candidate entry look at, read once per token."""

    particles: set[str]
    preps: set[str]
    objects: dict[str, Token]
    modifiers: set[str]

    @classmethod
    def of(cls, token: Token) -> _Around:
        children = list(token.children)
        deps = ("nsubjpass",) if roles.is_passive(token) else ("dobj", "obj")
        doc = token.doc
        return cls(
            particles={c.lower_ for c in children if c.dep_ in ("prt", "advmod")},
            preps={c.lower_ for c in children if c.dep_ in ("prep", "agent", "dative")},
            objects={c.lemma_.lower(): c for c in children if c.dep_ in deps},
            modifiers={c.lemma_.lower() for c in children if c.i < token.i}
            | {doc[k].lemma_.lower() for k in range(max(0, token.i - 3), token.i)},
        )


def _fits(token: Token, predicate: Predicate, around: _Around) -> Token | None | bool:
    """False if the predicate's constraints fail; else the object noun it consumed (or None)."""
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


def _absorb(target: EventCandidate, event: EventCandidate) -> None:
    target.mentions.append((event.trigger_i, event.trigger_j))
    for ids, spans, new_ids, new_spans in (
            (target.actor_ids, target.actors, event.actor_ids, event.actors),
            (target.recipient_ids, target.recipients, event.recipient_ids, event.recipients)):
        if not ids and new_ids:
            ids.extend(new_ids)
            spans.extend(new_spans)
    target.dead = max(filter(None, (target.dead, event.dead)), default=None)
    target.injured = max(filter(None, (target.injured, event.injured)), default=None)
    target.weapon = target.weapon or event.weapon
    target.mode = target.mode or event.mode
    target.context += [c for c in event.context if c not in target.context]


def _compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def _sentence_index(doc: Doc, i: int) -> int:
    start = doc[i].sent.start
    cache = doc.user_data.setdefault("tidings.sentence_index", {})
    if not cache:
        for n, sentence in enumerate(doc.sents):
            cache[sentence.start] = n
    return cache.get(start, 0)


def _governor(token: Token) -> Token:
    """The verb whose tense and polarity the event takes: the light verb of a nominal trigger."""
    if token.pos_ in _NOUN_TAGS and token.dep_ in ("dobj", "attr", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    return token


def _event_tokens(token: Token, object_token: Token | None) -> list[Token]:
    """The trigger's own phrase: what a weapon must be part of to be this event's weapon."""
    heads = [token] + ([object_token] if object_token is not None else [])
    return [t for h in heads for t in h.subtree if t.dep_ not in ("relcl", "advcl", "ccomp", "conj")
            or t is h]


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
            spans.append(_phrase(token) if token.pos_ != "PRON" else (token.i, token.i + 1))
    return ids, spans


def _phrase(token: Token) -> tuple[int, int]:
    """The argument's noun phrase without its relative clauses and trailing appositions."""
    right = token.i
    for child in token.children:
        if child.i > token.i and child.dep_ not in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl"):
            right = max(right, child.right_edge.i)
    return token.left_edge.i, right + 1


def _merge_duplicates(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """One event per real event in a sentence: "attacked a checkpoint, killing five soldiers"."""
    kept: list[EventCandidate] = []
    starts = {e.trigger_i: doc[e.trigger_i].sent.start for e in events}
    for event in events:
        sentence = starts[event.trigger_i]
        twin = next(
            (k for k in kept if starts[k.trigger_i] == sentence and k.type == event.type
             and (set(k.actor_ids) == set(event.actor_ids) or not event.actor_ids)
             and _compatible(k.recipient_ids, event.recipient_ids)
             and k.negated == event.negated and k.modality == event.modality),
            None,
        )
        if twin is None:
            kept.append(event)
        else:
            _absorb(twin, event)
    return kept


def _drop_mobilize_beside_assault(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """PLOVER: troops moving in to attack are part of the attack, not a separate MOBILIZE."""
    assaults = [(doc[e.trigger_i].sent.start, set(e.actor_ids)) for e in events if e.type == "ASSAULT"]
    return [e for e in events if e.type != "MOBILIZE" or not any(
        start == doc[e.trigger_i].sent.start and (not actors or not e.actor_ids or actors & set(e.actor_ids))
        for start, actors in assaults)]


@Language.factory(
    "tidings_events",
    assigns=["doc._.events"],
    requires=["doc._.actor_mentions", "token.dep", "token.lemma", "token.pos"],
)
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder(load_lexicon())
