"""PLOVER events: lexicon predicates matched on the parse, with their participants and modality.

The coder works in three passes over a doc:

1. *match*: every token is looked up in the predicate lexicon; the most specific entry whose
   constraints (particle, object noun, preposition, compound) hold wins;
2. *code*: each match becomes an :class:`EventCandidate` with actors and recipients read from the
   parse (pipeline/roles.py) and PLOVER's rules applied (future cooperation is AGREE, a
   hypothetical attack is THREATEN, COOPERATE/AID/SANCTION need a recipient). A match that is the
   complement of another event ("agreed to reopen the crossing") is coded first and folded into
   the outer event, which takes its recipient when it names none;
3. *merge*: one event per real event: twins in one sentence merge, MOBILIZE beside an ASSAULT
   by the same actor is dropped, and "the attack" in a later sentence merges into the attack
   already told.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tidings.lexicon import Lexicon, Predicate, default_cameo, load_lexicon, recipient_required
from tidings.pipeline import roles
from tidings.pipeline.event_parse import (
    Around as _Around,
    all_filled as _all_filled,
    ancestor_match as _ancestor_match,
    best_mention as _best_mention,
    event_tokens as _event_tokens,
    first_filled as _first_filled,
    fits as _fits,
    governor as _governor,
    other_match as _other_match,
    resolve as _resolve,
    title_end as _title_end,
)
from tidings.pipeline.event_addressees import clause_addressees, offence_agents, symmetric_sides
from tidings.pipeline.event_guards import (
    category,
    content_heads,
    criticism,
    figurative,
    harmless_cause,
    modifier_noun,
    names_an_act,
    obligation_predicate,
    other_sense,
    purpose_head,
    sanction_instrument,
    threat_condition,
)
from tidings.pipeline.event_guards import rules as guard_rules
from tidings.pipeline.event_targets import (
    attack_sides, facility_targets, harm_clause, perpetrators, plural_for_person, possessor_subject, resolve_sides,
    resolve_targets,
)
from tidings.pipeline.event_merge import drop_mobilize_beside_assault, merge_duplicates, merge_elaborations
from tidings.pipeline.annotations import ActorMention, EventCandidate, lemmas_of
from tidings.pipeline.verb_patterns import VerbPatterns, attach
from tidings.resources import load_yaml

_VERB_TAGS = {"VERB"}
_NOUN_TAGS = {"NOUN", "PROPN"}
# entity labels that never name a party ("Friday's blast", "the April 19 explosion")
_NO_PARTY_ENTITIES = {"DATE", "TIME", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"}  # not CARDINAL: "thousands of"
# types PLOVER codes from the victim alone when the perpetrator is unknown ("a soldier was killed")
_MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}
# complement links along which an embedded event hangs from the event that governs it
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp"}
# a verb's own arguments: a date inside them names the act ("the March 3 bombing"), not when the verb happened
_ARGUMENT_DEPS = {"dobj", "obj", "nsubj", "nsubjpass"}


@dataclass(slots=True)
class _Match:
    token: Token
    predicate: Predicate
    object_token: Token | None
    outer: int | None = None  # trigger index of the event this one is the complement of
    depth: int = 0
    demand_only: bool = False  # "said China must drop barriers": an obligation with no lexicon verb


class EventCoder:
    """Codes every predicate of the lexicon found in the doc as an :class:`EventCandidate`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # every lemma some predicate is triggered by: the other tokens are skipped before any parse is read
        self._trigger_lemmas = frozenset(lemma for lemma, _ in lexicon.by_trigger)
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
        self.people = frozenset(data["people_nouns"])
        self.size_nouns = set(data["size_nouns"])
        self.weapons = {str(k): v for k, v in data["weapons"].items()}
        self.context_cues = {name: set(words) for name, words in data["context_cues"].items()}
        self.pronouns = set(data["anaphoric_pronouns"])
        self.determiners = set(data["anaphoric_determiners"])
        self.merge_window = int(data["merge_window"])
        rules = data["modality_types"]
        self.promise_types = set(rules["promise"])
        self.threat_types = set(rules["threat"])
        self.refusal_types = set(rules["refusal"])
        self.obligation_aux = set(data["obligation_aux"])
        self.directive_verbs = set(data["directive_verbs"])
        self.accident_cues = set(data["accident_cues"])
        self.cue_window = int(data["cue_window"])
        self.harm_verbs = set(data["harm_verbs"])
        self.background_preps = set(data["background_preps"])
        self.answer_preps = set(data["answer_preps"])
        self.recipient_preps = {str(k): tuple(v) for k, v in data["recipient_preps"].items()}
        self.speech_verbs = {v["lemma"] for v in load_yaml("reporting.yaml")["verbs"] if v.get("kind") == "speech"}
        self._trigger_or_obligation = (self._trigger_lemmas, self._trigger_lemmas | self.obligation_aux)
        self._told_violence: int | None = None
        self.obligation_predicate = obligation_predicate()
        self.patterns: VerbPatterns | None = None  # a user PETRARCH dictionary's word patterns

    def __call__(self, doc: Doc) -> Doc:
        mention_at: dict[int, ActorMention] = {}
        for mention in doc._.actor_mentions or []:
            for k in range(mention.i, mention.j):
                mention_at[k] = mention
        matches = self._find(doc, mention_at)
        coded: dict[int, EventCandidate] = {}
        # the first act of violence the article tells without needing a cue ("Militants attacked …")
        self._told_violence = min((i for i, m in matches.items() if m.predicate.type == "ASSAULT"
                                   and m.predicate.cue is None and not m.predicate.ambiguous), default=None)
        lemmas: dict[int, set[str]] = {}
        lemma_low = lemmas_of(doc)
        held: dict[int, list[int]] = {}  # outer trigger -> the complements it holds
        for i, m in matches.items():
            if m.outer is not None:
                held.setdefault(m.outer, []).append(i)
        for match in sorted(matches.values(), key=lambda m: -m.depth):  # complements before their heads
            inner = [coded[i] for i in held.get(match.token.i, ()) if i in coded]
            sentence = match.token.sent
            words = lemmas.get(sentence.start)
            if words is None:  # once per sentence (setdefault would build the set for every match)
                words = lemmas[sentence.start] = set(lemma_low[sentence.start:sentence.end]) | {
                    t.lower_ for t in sentence}
            event = self._code(match, mention_at, inner, words)
            if event is not None:
                coded[match.token.i] = event
        events = [coded[i] for i in sorted(coded)
                  if matches[i].outer is None or matches[i].outer not in coded]
        events = merge_duplicates(doc, events)
        events = drop_mobilize_beside_assault(doc, events)
        # "invasion forces", "the explosion area": a trigger that modifies a noun is no event of its own
        modifiers = {i: names_an_act(m.token) for i, m in matches.items()
                     if m.token.dep_ == "compound" and modifier_noun(m.token)}
        doc._.events = merge_elaborations(doc, events, modifiers, self.determiners, self.merge_window)
        return doc

    # -- matching --------------------------------------------------------------------------------

    def _find(self, doc: Doc, mention_at: dict[int, ActorMention]) -> dict[int, _Match]:
        matches: dict[int, _Match] = {}
        consumed: set[int] = set()
        body_start = _title_end(doc)
        if self._trigger_or_obligation[0] is not self._trigger_lemmas:  # a user's verb patterns added triggers
            self._trigger_or_obligation = (self._trigger_lemmas, self._trigger_lemmas | self.obligation_aux)
        triggers = self._trigger_or_obligation[1]
        obligations: list[Token] = []
        for i, lemma in enumerate(lemmas_of(doc)):
            if lemma not in triggers:
                continue  # no predicate: _match would find no candidates
            token = doc[i]
            if lemma in self.obligation_aux:
                obligations.append(token)
                continue
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
        for aux in obligations:  # "Russia said Sudan must return the helicopter", whatever the verb
            verb = aux.head
            if (aux.dep_ == "aux" and verb.pos_ == "VERB" and verb.i not in matches and verb.i not in consumed
                    and verb.idx >= body_start and verb.dep_ == "ccomp"
                    and verb.head.lemma_.lower() in self.speech_verbs):
                matches[verb.i] = _Match(verb, self.obligation_predicate, None, demand_only=True)
        for i in [i for i, match in matches.items() if self._background(match.token, matches)]:
            del matches[i]
        # "rejected [a request] to interrogate": a consumed object noun stands for its verb's event
        object_of = {m.object_token.i: i for i, m in matches.items() if m.object_token is not None}
        for match in matches.values():
            match.outer = self._embedding(match, matches, object_of)
        for match in matches.values():  # complements are coded before the events that hold them
            outer, hops = match.outer, 0
            while outer is not None and hops < 5:
                hops += 1
                outer = matches[outer].outer
            match.depth = hops
        return matches

    def _background(self, token: Token, matches: dict[int, _Match]) -> bool:
        """Not an event of its own: a condition ("if it is attacked"), the prelude of the sentence's
        event ("after nine days of clashes") or a description of one of its participants ("weapons
        seized last year", "whom they had taken hostage"). PLOVER codes the act the sentence reports,
        not the history it recalls. (An alleged act, "suspected of blowing up a plane", stays: the
        attribution stage marks it alleged.)"""
        verb = _governor(token)
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.conditional_marks for c in verb.children):
            return True
        node = verb
        while node.dep_ in ("pobj", "pcomp") and node.head.head is not node.head and (node.head.lower_ == "of" or (
                node.head.lower_ in self.answer_preps and node.head.head.lemma_.lower() in self.background_preps)):
            node = node.head.head  # "after nine days of [clashes]", "in protest at a [raid]"
        if node.dep_ in ("pobj", "pcomp") and node.head.dep_ in ("prep", "agent"):
            prep = node.head
            if prep.lower_ in self.background_preps and self._untold(token) and _other_match(token, matches):
                return True
        if node.lemma_.lower() in self.background_preps and self._untold(token) and _other_match(token, matches):
            return True
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.i == token.i and _other_match(token, matches):
            return True  # "in a report handed over to the African Union, Sudan said it would allow …"
        if verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            return _ancestor_match(verb, matches)
        if verb.dep_ in ("acl", "relcl") and verb.tag_ in ("VBN", "VBD") and any(
                t.ent_type_ == "DATE" for c in verb.children if c.dep_ not in _ARGUMENT_DEPS for t in c.subtree):
            return _ancestor_match(verb, matches)  # "weapons seized last year", not "who carried out the March 3 bombing"
        return False

    def _embedding(self, match: _Match, matches: dict[int, _Match], object_of: dict[int, int]) -> int | None:
        """The event this trigger is part of: the complement of an AGREE/REQUEST/… ("agreed to
        [re-open]") or the purpose of any act ("staged rallies to [demand] reforms")."""
        start = _governor(match.token)
        node = start
        for _ in range(self.embedding_depth):
            if node.dep_ not in _COMPLEMENT_DEPS or node.head is node:
                break
            node = node.head
            if node.dep_ == "prep" and node.head is not node:  # "accused X of [shelling]"
                node = node.head
            key = object_of.get(node.i, node.i)
            outer = matches.get(key)
            if outer is not None and outer.predicate.type in self.embedding_types:
                return key
        # "rejected a ceasefire offer", "marched demanding reforms": the plan, the slogan are its content
        for head, holders in content_heads(match.token, start, match.predicate.type, self.embedding_types,
                                          self.obligation_aux):
            key = object_of.get(head.i, head.i)
            if key != match.token.i and key in matches and matches[key].predicate.type in holders:
                return key
        head = purpose_head(start if start.pos_ in _VERB_TAGS else match.token)
        if head is None or match.predicate.type in guard_rules().purpose_keep:
            return None
        key = object_of.get(head.i, head.i)
        return key if key in matches and key != match.token.i else None

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
        if self.patterns is not None and pos == "VERB" and (hit := self.patterns.match(token)) is not None:
            return hit.found  # the user's pattern decides, a code with no PLOVER type codes nothing
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
        if predicate.type == "ASSAULT" and any(c.lower_ in self.accident_cues for c in token.children):
            return None  # "the device detonated accidentally": PLOVER's ASSAULT is deliberate harm
        if predicate.cue and not self._cue_words(token, words) & self.cues.get(predicate.cue, set()) and not (
                self._told_violence is not None and self._told_violence < token.i and self._anaphoric(token)):
            return None  # "died" alone is not an attack; "the explosion" after an attack was told is
        if predicate.cue and harmless_cause(token, self.cues["violence"], self.weapons):
            return None  # "died of cancer" in a story about an attack
        if figurative(token, predicate.type, object_token) or other_sense(token):  # "met the conditions"
            return None  # "attack the virus", "the battle against poverty"
        if predicate.type == "ASSAULT" and category(token):
            return None  # "charges of murder", "the threat of execution"
        extra = [object_token] if object_token is not None else []
        # "wounded by a roadside bomb": a weapon is not an actor
        # two-sided acts ("held talks with Egypt", "clashes between X and Y"): every slot names a side
        sides = symmetric_sides(token, predicate.actor, extra, mention_at, self.people) if predicate.symmetric else None
        two_sided = predicate.symmetric and sides is None  # "met the envoy": the envoy is met, not a side
        fill = _all_filled if two_sided else _first_filled
        actor_tokens = [t for t in (sides[0] if sides else fill(token, predicate.actor, extra, mention_at, self.people))
                        if t.lemma_.lower() not in self.weapons or _best_mention(t, mention_at) is not None]
        recipient_tokens = [t for t in (sides[1] if sides else clause_addressees(token, object_token, predicate.type)
                                        or _first_filled(token, predicate.recipient, extra, mention_at, self.people))
                            if t not in actor_tokens]
        recipient_tokens = offence_agents(recipient_tokens, predicate.type)  # "inquiry into crimes by the police"
        # "Saturday's attack", "an explosion on April 19": a date is no party
        actor_tokens = [t for t in actor_tokens if t.ent_type_ not in _NO_PARTY_ENTITIES or t.i in mention_at]
        recipient_tokens = [t for t in recipient_tokens if t.ent_type_ not in _NO_PARTY_ENTITIES or t.i in mention_at]
        located = False  # "went off in Kandahar" names no target but tells where
        # "the Carlton Hotel bombing" names no author
        if predicate.type == "ASSAULT":
            actor_tokens, recipient_tokens, located = attack_sides(token, actor_tokens, recipient_tokens, mention_at,
                                                                   self.people)
        actor_tokens = actor_tokens or possessor_subject(_governor(token))  # "the Taliban's decision to carry out"
        if not actor_tokens and predicate.type == "ASSAULT":  # "attacks carried out by", "those behind the attack"
            actor_tokens = perpetrators(token)
        actor_ids, actor_spans = (resolve_sides if predicate.type == "ASSAULT" else _resolve)(
            actor_tokens, mention_at)
        if not actor_ids:
            holders = roles.permission_holders(token)
            held_ids, held_spans = _resolve(holders, mention_at)
            actor_ids, actor_spans = held_ids, actor_spans + held_spans
        if not actor_ids and any(t.pos_ == "PRON" and t.lower_ in self.pronouns for t in actor_tokens):
            actor_ids, actor_spans = self._previous_subject(token, mention_at, actor_spans, actor_tokens)
        if not recipient_tokens and predicate.type == "ASSAULT" and token.pos_ in _NOUN_TAGS:
            recipient_tokens = self._harmed(token) or facility_targets(token)  # "a bombing at a cafe"
        recipient_ids, recipient_spans = (resolve_targets if predicate.type == "ASSAULT" else _resolve)(
            recipient_tokens, mention_at)
        recipient_ids = [r for r in recipient_ids if r not in actor_ids]
        if not recipient_ids and not recipient_spans and not two_sided:
            recipient_ids, recipient_spans = self._recipient_by_preposition(token, object_token, predicate.type,
                                                                             mention_at, actor_ids)
        if not recipient_ids and self.patterns is not None and not two_sided:  # PETRARCH's default
            found = self.patterns.first_actor_after(token, predicate, mention_at, actor_ids)
            recipient_ids, recipient_spans = found if found else (recipient_ids, recipient_spans)
        if not recipient_ids and not recipient_spans and not two_sided and (
                actor_ids or any(t.pos_ != "PRON" and roles.is_party(t) for t in actor_tokens)):
            # "refused to meet the king", "... if the United States deploys", "withdrew its troops from Chad";
            # a group of people acts as a known actor does ("demonstrators in the capital marched to …")
            more_ids, more_spans = _resolve(roles.context_recipients(token, object_token, predicate.type), mention_at)
            if not set(more_ids) & set(actor_ids):
                recipient_ids, recipient_spans = more_ids, more_spans
        if two_sided:
            actor_ids = actor_ids + [r for r in recipient_ids if r not in actor_ids]
            actor_spans = actor_spans + recipient_spans
            recipient_ids, recipient_spans = [], []
        for event in inner:  # "offered to hand over the suspects to Kenya": the outer event's recipient
            if not recipient_ids:
                recipient_ids = [r for r in event.recipient_ids if r not in actor_ids]
                recipient_spans = list(event.recipients) if recipient_ids or not recipient_spans else recipient_spans
            if not actor_ids and event.actor_ids:
                actor_ids, actor_spans = list(event.actor_ids), list(event.actors)
        strong_spans = [s for s in actor_spans + recipient_spans if s[1] - s[0] > 1 or token.doc[s[0]].pos_ != "PRON"]
        crowd = predicate.type == "PROTEST" and any(  # "thousands of protesters marched": a crowd acts
            t.lemma_.lower() in self.size_nouns for a in actor_tokens for t in a.subtree)
        # "a shooting in York", "a soldier was killed": PLOVER codes violence with an unknown perpetrator
        bare_violence = predicate.type == "ASSAULT" and not predicate.ambiguous and predicate.confidence >= 0.7 and (
            token.pos_ in _NOUN_TAGS and not (token.dep_ == "nsubj" and token.head.lemma_ == "be")  # not "the attack
            or predicate.cue is not None or located  # "the bombs began to explode": the cue told of violence
            or object_token is not None and object_token.pos_ in _NOUN_TAGS  # "accused of carrying out the bombing"
            or any(c.dep_ == "nsubj" and c.lemma_.lower() in self.weapons for c in token.children))  # was a turning point"
        negated = self._negated(token)
        # "Russia said Sudan must return the helicopter": the speaker's demand stands whatever the verb
        demand = self._demand(token, mention_at) if not negated else None
        if not actor_ids and not recipient_ids and not (predicate.type in _MATERIAL_CONFLICT and not predicate.ambiguous
                                                        and (strong_spans or bare_violence)) and not crowd:
            return None
        if predicate.ambiguous and not (actor_ids and (recipient_ids or predicate.symmetric or demand)) and not crowd:
            return None
        modality, cue = self._modality(token)
        event_type, cameo = predicate.type, predicate.cameo
        if criticism(token, event_type):  # "the opposition sharply attacked the budget": words, not force
            event_type, cameo = "ACCUSE", "111"
        elif sanction_instrument(token, event_type):  # "hit 13 officials with sanctions"
            event_type, cameo = "SANCTION", "163"
        if negated and event_type in self.refusal_types and (modality is not None or self._refused(token)):
            event_type, negated, modality, cue = "REJECT", False, None, None  # "will not accept", "declined to"
        committed = modality is not None and not negated and not (
            cue is not None and token.doc[cue[0]].lemma_.lower() in self.directive_verbs)  # "asked X to": X's act is requested
        if committed and event_type in self.promise_types:
            event_type = "AGREE"
        elif committed and event_type in self.threat_types:
            event_type = "THREATEN"
        if match.demand_only and demand is None:
            return None
        if threat_condition(_governor(token), predicate.type, modality) or predicate.pos == "ADJ" and any(
                e.type == "THREATEN" for e in inner):  # "will withdraw unless …", "prepared to impose martial law"
            event_type = "THREATEN"
        if demand is not None:  # "Russia said Sudan must return the helicopter": Russia's demand on Sudan
            event_type, modality, cue = "REQUEST", None, None
            recipient_ids, recipient_spans = [a for a in actor_ids], list(actor_spans)
            actor_ids, actor_spans = demand
        if event_type != predicate.type and cameo == predicate.cameo:
            cameo = "138" if event_type == "THREATEN" else default_cameo(event_type)
        if recipient_required(event_type) and not recipient_ids and not (
                predicate.symmetric and len(actor_ids) > 1) and not (  # "to the Cambodian refugee camp"
                recipient_spans and any(roles.is_party(t) for t in recipient_tokens)):
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
            mode=mode if event_type == predicate.type else ("disapprove" if cameo == "111" else None),
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

    def _previous_subject(self, token: Token, mention_at: dict[int, ActorMention], spans: list[tuple[int, int]],
                          pronouns: list[Token]) -> tuple[list[str], list[tuple[int, int]]]:
        """"It also attacked …": the actor named as subject in the sentence before (else its first actor),
        unless "they" would refer to one person."""
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
        if plural_for_person(pronouns, token.doc[mention.i:mention.j]):
            return [], spans
        return [mention.actor], spans

    def _cue_words(self, token: Token, words: set[str]) -> set[str]:
        """The words of the trigger's sentence and the few before it: "The explosion targeted a
        bakery" after "a blast which wounded four guards" tells of violence."""
        out = words - {token.lemma_.lower(), token.lower_}
        start = token.sent.start
        for _ in range(self.cue_window):
            if start == 0:
                break
            previous = token.doc[start - 1].sent
            out.update(lemmas_of(token.doc)[previous.start:previous.end])
            start = previous.start
        return out

    def _harmed(self, noun: Token) -> list[Token]:
        """The target of a nominal attack told by the verb it drives: "the explosion targeted a
        bakery", "the building was shattered by an explosion", "bombings targeted at the military"."""
        head = noun.head
        if noun.dep_ == "nsubj" and head.lemma_.lower() in self.harm_verbs:
            return roles.objects(head)
        if noun.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in self.harm_verbs:
            return roles.objects(head.head)
        clause = harm_clause(noun, self.harm_verbs, self.dead_lemmas | self.injured_lemmas)  # "which were aimed at"
        if clause is not None:
            return roles.prep_objects(clause, "at") or roles.prep_objects(clause, "against") or roles.objects(clause)
        return []

    def _anaphoric(self, token: Token) -> bool:
        """"the explosion", "this attack": a noun that refers back to an act already told."""
        return token.pos_ in _NOUN_TAGS and any(c.dep_ == "det" and c.lower_ in self.determiners for c in token.children)

    def _untold(self, token: Token) -> bool:
        """A nominal event the article has not told before: "after nine days of clashes", not "after
        the bombing" or "following his arrest", which refer back to the article's own event."""
        return token.pos_ in _NOUN_TAGS and not any(
            c.dep_ == "det" and c.lower_ in self.determiners or c.dep_ == "poss" and c.pos_ == "PRON"
            for c in token.children)

    def _refused(self, token: Token) -> bool:
        verb = _governor(token)
        return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.negating_verbs

    def _demand(self, token: Token, mention_at: dict[int, ActorMention]
                ) -> tuple[list[str], list[tuple[int, int]]] | None:
        """The speaker who lays an obligation ("must", "should") on the event's actor, if any."""
        verb = _governor(token)
        if verb.pos_ == "ADJ" and verb.dep_ == "acomp":
            verb = verb.head  # "Norway must be ready to mediate"
        if not any(c.dep_ == "aux" and c.lower_ in self.obligation_aux for c in verb.children):
            return None
        if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in self.speech_verbs:
            return None
        ids, spans = _resolve(roles.subjects(verb.head), mention_at)
        return (ids, spans) if ids else None

    def _recipient_by_preposition(self, token: Token, object_token: Token | None, event_type: str,
                                  mention_at: dict[int, ActorMention], actor_ids: list[str]
                                  ) -> tuple[list[str], list[tuple[int, int]]]:
        """"provide aid to X", "aid for Romania and Poland", "talks with X": the recipient in a
        prepositional phrase on the trigger or its object, when the entry's own slots are empty.
        Only an actor or a group of people is taken ("aid for development projects" names none)."""
        heads = [token] + [c for c in token.children if c.dep_ in ("dobj", "obj")]
        if object_token is not None and object_token not in heads:
            heads.append(object_token)
        for preposition in self.recipient_preps.get(event_type, ()):
            found = [t for h in heads for t in roles.prep_objects(h, preposition)
                     if _best_mention(t, mention_at) is not None or t.lemma_.lower() in self.people]
            if found:
                ids, spans = _resolve(found, mention_at)
                return [i for i in ids if i not in actor_ids], spans
        return [], []

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

@Language.factory(
    "tidings_events",
    assigns=["doc._.events"],
    requires=["doc._.actor_mentions", "token.dep", "token.lemma", "token.pos"],
    default_config={"predicate_files": []},
)
def make_event_coder(nlp: Language, name: str, predicate_files: list[str]) -> EventCoder:
    """``predicate_files``: user lexicons (ours, or PETRARCH verb dictionaries) over the built-in one."""
    if not predicate_files:
        return EventCoder(load_lexicon())
    from tidings.lexicon import load_lexicon_with
    from tidings.lexicon_files import spacy_lemmatizer

    coder = EventCoder(load_lexicon_with(predicate_files, lemmatize=spacy_lemmatizer(nlp)))
    attach(coder, predicate_files, spacy_lemmatizer(nlp))
    return coder
