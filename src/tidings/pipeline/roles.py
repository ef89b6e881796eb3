"""Reading the dependency parse for who did what to whom.

The functions here turn a predicate token and a slot name of the lexicon
("subj", "obj", "prep:against" …) into the tokens that fill that slot, coping
with passives, coordination, control verbs ("helping the group build bombs"),
relative clauses and light-verb nouns ("carried out an attack").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from tidings.pipeline.annotations import once_per_doc
from tidings.resources import load_yaml

_SUBJECTS = {"nsubj", "csubj"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
#: entity labels of the model that name a party (a person, a people, an organisation, a state)
PARTY_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
_RELATIVE_PRONOUNS = {"which", "who", "that", "whom", "whose"}
# clauses whose participants are not this predicate's participants
_CLAUSE_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj", "conj"}


def _roles_data() -> dict:
    return load_yaml("roles.yaml")


@dataclass(frozen=True, slots=True)
class _Rules:
    """The word lists the readers below consult, as sets built once per process."""

    object_control_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    speaker_pronouns: dict[str, str]
    speech_deps: frozenset[str]
    modifier_deps: frozenset[str]
    party_nouns: frozenset[str]
    own_preps: frozenset[str]
    reflexives: frozenset[str]
    place_types: frozenset[str]
    place_preps: frozenset[str]
    place_entities: frozenset[str]
    place_name_deps: frozenset[str]
    complement_deps: frozenset[str]
    condition_marks: frozenset[str]
    complement_preps: tuple[str, ...]
    embedding_types: frozenset[str]
    people: frozenset[str]
    grievance_types: frozenset[str]
    purpose_deps: frozenset[str]
    grievance_preps: frozenset[str]
    grievance_in_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    arguments = load_yaml("arguments.yaml")
    return _Rules(
        object_control_verbs=frozenset(_roles_data()["object_control_verbs"]),
        speech_verbs=frozenset(v["lemma"] for v in load_yaml("reporting.yaml")["verbs"] if v.get("kind") == "speech"),
        speaker_pronouns=dict(arguments["speaker_pronouns"]),
        speech_deps=frozenset(arguments["speech_complement_deps"]),
        modifier_deps=frozenset(arguments["coordinated_modifier_deps"]),
        party_nouns=frozenset(_roles_data()["member_nouns"]) | frozenset(_roles_data()["people_nouns"]),
        own_preps=frozenset(arguments["noun_own_prepositions"]),
        reflexives=frozenset(arguments["reflexive_pronouns"]),
        place_types=frozenset(arguments["place_recipients"]["types"]),
        place_preps=frozenset(arguments["place_recipients"]["prepositions"]),
        place_entities=frozenset(arguments["place_recipients"]["entities"]),
        place_name_deps=frozenset(arguments["place_recipients"]["name_deps"]),
        complement_deps=frozenset(arguments["place_recipients"]["complement_deps"]),
        condition_marks=frozenset(arguments["condition_marks"]),
        complement_preps=tuple(arguments["complement_recipient_preps"]),
        embedding_types=frozenset(_roles_data()["embedding_types"]),
        people=frozenset(_roles_data()["people_nouns"]),
        grievance_types=frozenset(arguments["grievance_recipients"]["types"]),
        purpose_deps=frozenset(arguments["grievance_recipients"]["purpose_deps"]),
        grievance_preps=frozenset(arguments["grievance_recipients"]["prepositions"]),
        grievance_in_nouns=frozenset(arguments["grievance_recipients"]["in_nouns"]),
    )


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        for t in (*_coordinated_modifiers(token), token, *token.conjuncts):
            # a clausal subject is kept too: the model parses "explosives experts from X" as one
            if t not in out and (t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X") or t.dep_ == "csubj"):
                out.append(t)
    return out


def _coordinated_modifiers(head: Token) -> list[Token]:
    """"Bulgarian and Greek ministers": the first of two coordinated names before the head is a
    party of its own (the last one is read with the head). Only capitalised words: "military and
    civilian personnel" is one party."""
    deps = _rules().modifier_deps
    return [c for c in head.children
            if c.dep_ in deps and c.i < head.i and c.text[:1].isupper()
            and any(g.dep_ == "conj" for g in c.children)]


def _speaker(pronoun: Token, verb: Token) -> Token | None:
    """"The rebels announced they would free …": the speaker a pronoun subject of reported speech stands
    for, when the speaker is named by a noun and agrees with the pronoun."""
    agreement = _rules().speaker_pronouns.get(pronoun.lower_)
    if agreement is None:
        return None
    node = verb
    while node.dep_ == "conj" and node.head is not node:
        node = node.head  # "said they would meet and [talk]"
    if node.dep_ not in _rules().speech_deps or node.head.lemma_.lower() not in _rules().speech_verbs:
        return None
    said = node.head
    speakers = [c for c in said.children if c.dep_ == "nsubj"]
    if not speakers and said.dep_ == "acl" and said.head.pos_ in ("NOUN", "PROPN"):
        speakers = [said.head]  # "A group of elders announced …" parsed as a noun phrase
    if len(speakers) != 1 or speakers[0].pos_ not in ("NOUN", "PROPN"):
        return None
    speaker = speakers[0]
    if not any(t.pos_ == "PROPN" or t.ent_type_ in PARTY_LABELS or t.lemma_.lower() in _rules().party_nouns
               for t in speaker.subtree):
        return None  # "the statement said it …": no party named
    if agreement == "singular" and speaker.tag_ in ("NNS", "NNPS"):
        return None
    if agreement == "thing" and speaker.ent_type_ == "PERSON":
        return None
    return speaker


def _speakers_for_pronouns(found: list[Token], verb: Token) -> list[Token]:
    """The speaker in place of the pronoun, unless the pronoun names an actor and the speaker's own
    phrase names none ("Militants loyal to X's frontman said they …": "they" was resolved already)."""
    if len(found) != 1 or found[0].pos_ != "PRON":
        return found
    pronoun = found[0]
    speaker = _speaker(pronoun, verb)
    if speaker is None:
        return found
    named = _named_tokens(pronoun.doc)
    if pronoun.i in named and not any(t.i in named for t in _own_phrase(speaker)):
        return found
    return [speaker]


def _own_phrase(noun: Token) -> list[Token]:
    """The noun with its modifiers and "of" phrase: "A council of [Yoruba] elders", not "loyal to X"."""
    out = [noun]
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and not any(
                g.dep_ == "prep" for g in child.children):
            out.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of":
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in _own_phrase(c))
    return out


def _named_tokens(doc: Doc) -> frozenset[int]:
    """Indices of the tokens inside an actor mention (read once per doc)."""
    return once_per_doc(doc, "tidings.roles.named", lambda d: frozenset(
        k for m in (d._.actor_mentions or []) for k in range(m.i, m.j)))


def _resolve_relative(tokens: list[Token], verb: Token) -> list[Token]:
    """"ISIS, which claimed the bombing": the relative pronoun stands for the noun the clause modifies."""
    out = []
    for token in tokens:
        if token.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            out.append(verb.head)
        else:
            out.append(token)
    return out


def subjects(verb: Token, _depth: int = 0) -> list[Token]:
    """Who does it: the subject, the by-agent of a passive, or the subject inherited from the clause above."""
    if _depth > 4:
        return []
    if verb.pos_ in ("NOUN", "PROPN"):
        return _nominal_subjects(verb, _depth)
    if (verb.pos_ == "ADJ" and verb.dep_ in ("acomp", "attr", "xcomp", "oprd") or verb.dep_ == "acomp") \
            and verb.head is not verb:  # "Spain is ready to send", "Turkey is opposed to": the copula's subject
        return subjects(verb.head, _depth + 1)
    if is_passive(verb):
        found = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    else:
        found = [_reduced_relative(c) for c in verb.children if c.dep_ in _SUBJECTS]
    if found:
        return _with_conjuncts(_speakers_for_pronouns(_resolve_relative(found, verb), verb))
    if is_passive(verb):
        return []
    head = verb.head
    if head is verb:
        return []
    if verb.dep_ == "conj":
        return subjects(head, _depth + 1)
    if verb.dep_ == "xcomp" and is_passive(head):
        # "Hamas is said to have attacked": the raised subject of the passive is the actor
        raised = [c for c in head.children if c.dep_ in _PASSIVE_SUBJECTS]
        if raised:
            return _with_conjuncts(raised)
    if verb.dep_ in ("xcomp", "advcl", "acl"):
        if verb.dep_ == "xcomp" and head.lemma_.lower() in _rules().object_control_verbs:
            objects_ = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects_:
                return _with_conjuncts(objects_)
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
            if head.dep_ == "dobj" and not is_party(head) and head.head.pos_ == "VERB":
                return subjects(head.head, _depth + 1)  # "X issued a statement demanding …": X demands
            return _with_conjuncts([head])
        return subjects(head, _depth + 1)
    if verb.dep_ == "ccomp" and head.lemma_.lower() in _rules().object_control_verbs:
        objects_ = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if objects_:
            return _with_conjuncts(objects_)
    if verb.dep_ == "relcl":
        return _with_conjuncts([head])
    return []


def _reduced_relative(subject: Token) -> Token:
    """"The Red Crescent operating in Gaza said …": the small model makes the participle the subject and
    the noun its subject; the noun is who speaks or acts."""
    if subject.pos_ == "VERB" and subject.tag_ == "VBG":
        nouns = [c for c in subject.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
        if len(nouns) == 1:
            return nouns[0]
    return subject


def _nominal_subjects(noun: Token, depth: int) -> list[Token]:
    """"Sinai Province carried out the attack": the subject of the light verb whose object the noun is."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX") and head is not noun:
        return subjects(head, depth + 1)
    return []


def objects(verb: Token) -> list[Token]:
    """What or whom it is done to: the direct object, or the subject of a passive."""
    if is_passive(verb):
        found = [c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS]
        if not found and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            found = [verb.head]
        return _with_conjuncts(_resolve_relative(found, verb))
    found = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lower_ not in _rules().reflexives]
    if not found and verb.dep_ == "relcl" and any(
        c.lower_ in _RELATIVE_PRONOUNS and c.dep_ == "dobj" for c in verb.children
    ):
        found = [verb.head]
    return _with_conjuncts(found)


def indirect_objects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ == "dative"]
    found += prep_objects(verb, "to")
    return _with_conjuncts(found)


def prep_objects(token: Token, preposition: str) -> list[Token]:
    """Objects of a preposition attached to the token: "fired on the convoy" → convoy."""
    words = preposition.split()
    out: list[Token] = []
    for child in token.children:
        if child.dep_ not in ("prep", "agent", "dative") or child.lower_ != words[-1]:
            continue
        if len(words) > 1 and (child.i == 0 or child.doc[child.i - 1].lower_ != words[0]):
            continue
        out.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
    return _with_conjuncts(out)


def possessors(noun: Token) -> list[Token]:
    return _with_conjuncts([c for c in noun.children if c.dep_ == "poss"])


def modifiers(noun: Token) -> list[Token]:
    """Adjectives and compounds of a nominal trigger: "an Israeli airstrike", "a Hamas attack"."""
    return [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i]


def slot_tokens(trigger: Token, slot: str, extra_heads: list[Token] | None = None) -> list[Token]:
    """Tokens filling a lexicon slot of this trigger (and of ``extra_heads``, e.g. the object noun)."""
    heads = [trigger, *(extra_heads or [])]
    if slot == "subj":
        return subjects(trigger)
    if slot == "obj":
        return objects(trigger) if trigger.pos_ not in ("NOUN", "PROPN") else []
    if slot == "iobj":
        return indirect_objects(trigger)
    if slot == "poss":
        return [t for h in heads for t in possessors(h)]
    if slot == "amod":
        return [t for h in heads for t in modifiers(h)]
    if slot.startswith("prep:"):
        preposition = slot.split(":", 1)[1]
        found = [t for h in heads for t in prep_objects(h, preposition)]
        if not found and not extra_heads and trigger.pos_ == "VERB":
            # "demanded the resignation of the president": the phrase belongs to the verb's object
            found = [t for o in trigger.children if o.dep_ in ("dobj", "obj") and o.pos_ in ("NOUN", "PROPN")
                     for t in prep_objects(o, preposition)]
        if not found and extra_heads:
            # "shared photographs of tunnel openings with the Egyptian military": the parser often
            # hangs the prepositional phrase on the nearest noun instead of the verb
            found = [t for h in extra_heads for node in h.subtree if node is not h
                     for t in prep_objects(node, preposition)]
        if not found and preposition not in _rules().own_preps:
            # "the attack by militants on the checkpoint", "fired rockets at the town": the phrase is
            # hung on the noun next to the trigger (its object, or the object of its other preposition)
            found = [t for node in _next_nouns(trigger, preposition) for t in prep_objects(node, preposition)]
        return found
    if slot == "xcomp_obj":
        # "helping the group build bombs" parsed as help → ccomp(build) → nsubj(group)
        complements = [c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")]
        return _with_conjuncts([s for c in complements for s in c.children if s.dep_ == "nsubj"])
    return []


def _next_nouns(trigger: Token, preposition: str) -> list[Token]:
    """The trigger's object noun and its by-agent: the nouns a phrase of the trigger's is often hung on."""
    out: list[Token] = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "obj") and child.pos_ in ("NOUN", "PROPN"):
            out.append(child)  # "launched rockets and mortar fire at the town": on the last conjunct too
            out.extend(c for c in child.conjuncts if c.pos_ in ("NOUN", "PROPN"))
        elif (child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "by") \
                and preposition.split()[-1] != "by":
            out.extend(c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN"))
    return out


def context_recipients(trigger: Token, object_token: Token | None, event_type: str) -> list[Token]:
    """Recipients beyond the entry's own slots, for an event that names none, most direct first: the
    party the complement act of an embedding verb is done to, the subject of a condition, the party a
    protest opposes, then the place the act is done in."""
    return (_complement_parties(trigger, event_type) or _condition_subjects(trigger)
            or _grievance_parties(trigger, event_type) or place_recipients(trigger, object_token, event_type))


def is_party(token: Token) -> bool:
    """A noun phrase naming a party: an actor mention, a named party or group of people in the noun's
    own phrase ("the president of Armenia", "German goods", "the envoy"), not "negotiations"."""
    rules = _rules()
    named = _named_tokens(token.doc)
    return any(t.i in named or t.ent_type_ in PARTY_LABELS or t.lemma_.lower() in rules.people
               or t.lemma_.lower() in rules.party_nouns for t in _own_phrase(token))


def _complement_parties(trigger: Token, event_type: str) -> list[Token]:
    """"threatened to impose restrictions against German goods", "refused to meet the king": the
    party the act an embedding verb promises, threatens or refuses is done to."""
    rules = _rules()
    if event_type not in rules.embedding_types or trigger.pos_ not in ("VERB", "ADJ"):
        return []
    if trigger.lemma_.lower() in rules.object_control_verbs:
        # only an infinitive is controlled: "allowed that the city is safe" concedes, it allows no one
        controlled = [t for t in slot_tokens(trigger, "xcomp_obj") if is_party(t) and t.head.tag_ == "VB"]
        if controlled:  # "urged the rebels to respond to the army's offer": the one urged, not the army
            return controlled
    for act in (c for c in trigger.children if c.dep_ in rules.complement_deps):
        # "refused to allow African Union monitors to enter": the controlled subject is done to as well
        found = [t for t in objects(act) or slot_tokens(act, "xcomp_obj") if is_party(t)]
        heads = [act, *(c for c in act.children if c.dep_ in ("dobj", "obj"))]
        for preposition in rules.complement_preps:
            if found:
                break
            things = [t for h in heads for t in prep_objects(h, preposition)]
            # "refused to respond to an ultimatum from the rebels": the party behind what is answered
            found = [t for t in things if is_party(t)] or [a for t in things for a in _authors(t)]
        if found:
            return found
    return []


def _authors(noun: Token) -> list[Token]:
    """The party behind a thing: its possessor or the party of its "from"/"by" phrase."""
    return [t for t in possessors(noun) + prep_objects(noun, "from") + prep_objects(noun, "by") if is_party(t)]


def _clause_verb(trigger: Token) -> Token:
    """The verb whose clause a trigger tells: "staged a strike" → staged; a verb trigger is its own."""
    return trigger.head if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "attr") else trigger


def _grievance_parties(trigger: Token, event_type: str) -> list[Token]:
    """"staged demonstrations to demand reforms by the president's government", "a sit-down strike in
    protest of the government's refusal", "mobilized reservists for a war against X": the first party
    named in what a protest (or a mobilisation) demands or opposes."""
    rules = _rules()
    if event_type not in rules.grievance_types:
        return []
    verb = _clause_verb(trigger)
    # "began a sit-down strike in protest of X": the phrase may hang on the protest's object noun
    heads = {verb, trigger, *(c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN")}
    phrases = [c for v in heads for c in v.children
               if c.dep_ in rules.purpose_deps or c.dep_ == "prep" and c.lower_ in rules.grievance_preps
               or c.dep_ == "prep" and c.lower_ == "in"
               and any(p.lemma_.lower() in rules.grievance_in_nouns for p in c.children)]
    named = _named_tokens(trigger.doc)
    for phrase in sorted(phrases, key=lambda t: t.i):
        # "to press their demands": a pronoun there is the protesters themselves
        # "to protest at the settlement of Russian immigrants": a nationality adjective names a party too
        found = [t for t in phrase.subtree if t.pos_ != "PRON"
                 and (t.i in named or t.ent_type_ in PARTY_LABELS and t.pos_ in ("PROPN", "ADJ"))]
        if found:
            return [_phrase_head(found[0])]
    return []


def _phrase_head(token: Token) -> Token:
    """The noun a name's first word modifies: "President" → "Ruto", "Russian" → "government"."""
    while token.dep_ in ("compound", "amod", "nmod") and token.head is not token:
        token = token.head
    return token


def _condition_subjects(trigger: Token) -> list[Token]:
    """"threatened to end the talks if the United States deploys missiles": the condition's subject."""
    rules = _rules()
    verb = _clause_verb(trigger)
    clauses = [c for v in (verb, *(c for c in verb.children if c.dep_ in rules.complement_deps))
               for c in v.children if c.dep_ == "advcl"
               and any(m.dep_ == "mark" and m.lower_ in rules.condition_marks for m in c.children)]
    doc = trigger.doc
    # "if, the minister said, …": a comma between the mark and its subject is a misparse, not a condition
    return [s for clause in clauses[:1] for s in subjects(clause) if is_party(s) and not any(
        t.is_punct for m in clause.children if m.dep_ == "mark" for t in doc[min(m.i, s.i):max(m.i, s.i)])]


def place_recipients(trigger: Token, object_token: Token | None, event_type: str) -> list[Token]:
    """"withdrew its troops from Chad", "agreed to set up a centre in Nairobi": the state or city an
    act is done in, to or from, which PLOVER codes as the recipient when the clause names no party.
    Read on the trigger, the light verb of a nominal trigger, the act an embedding verb governs
    ("threatened to resume attacks in X") and their objects; the first head with a place wins."""
    rules = _rules()
    if event_type not in rules.place_types:
        return []
    heads = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "attr") and trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(trigger.head)  # "staged demonstrations in X"
    node: Token | None = trigger
    for _ in range(2):  # "agreed to try to open an office in X"
        node = next((c for c in node.children if c.dep_ in rules.complement_deps), None) if node else None
        if node is not None:
            heads.append(node)
    objects_ = [c for h in heads for c in h.children if c.dep_ in ("dobj", "obj")]
    # "ended the state of siege in X", "shortened the curfew imposed in X": the place may hang on
    # the object's "of" phrase or on the participle that describes it
    heads += objects_ + [p for o in objects_ for p in prep_objects(o, "of")]
    heads += [c for o in objects_ for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if object_token is not None and object_token not in heads:
        heads.append(object_token)
    for head in heads:
        found = [name for prep in head.children if prep.dep_ == "prep" and prep.lower_ in rules.place_preps
                 for pobj in prep.children if pobj.dep_ == "pobj" for name in _place_names(pobj)]
        if found:
            return found
    return []


def _place_names(noun: Token) -> list[Token]:
    """The place a prepositional object names: "Chad", "the capital Kabul", "the city of Kirkuk"."""
    rules = _rules()
    if noun.ent_type_ in rules.place_entities:
        return [noun, *(c for c in noun.conjuncts if c.ent_type_ in rules.place_entities)]
    for child in noun.children:
        if child.dep_ in rules.place_name_deps and child.ent_type_ in rules.place_entities:
            return [child]
        if child.dep_ == "prep" and child.lower_ == "of":
            names = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ in rules.place_entities]
            if names:
                return names
    return []


def permission_holders(trigger: Token) -> list[Token]:
    """"with Hamas's permission", "under the group's protection": the possessor acts through the event."""
    nouns = set(_roles_data()["permission_nouns"])
    out: list[Token] = []
    # the phrase is often attached to a nearby noun instead of the verb
    for prep in [t for t in trigger.subtree if t.head.i == trigger.i or t.head.dep_ in ("pobj", "dobj", "nsubjpass")]:
        if prep.dep_ != "prep" or prep.lower_ not in ("with", "under", "without"):
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and pobj.lemma_.lower() in nouns and prep.lower_ != "without":
                out.extend(possessors(pobj))
                out.extend(prep_objects(pobj, "of"))
    return out


def clause_tokens(trigger: Token) -> list[Token]:
    """The trigger's own clause: its subtree without nested clauses (for dates and places)."""
    anchor = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "attr", "nsubj", "nsubjpass"):
        anchor = trigger.head
    out: list[Token] = []
    stack = [anchor]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _CLAUSE_DEPS or c is trigger)
    return sorted(out, key=lambda t: t.i)


# -- supplementary fields ----------------------------------------------------------------------


def number_value(token: Token, words: dict[str, int]) -> int | None:
    """25, "1,200", "five", "dozens", "two hundred" (the token and the number words before it)."""
    text = token.lower_.replace(",", "")
    value: int | None = None
    if text.isdigit():
        value = int(text)
    elif text in words:
        value = words[text]
    if value is None:
        return None
    if text in ("hundred", "thousand") and token.i > 0:
        before = number_value(token.doc[token.i - 1], words) if token.doc[token.i - 1].like_num else None
        if before:
            value *= before
    return value


def counted(noun: Token, words: dict[str, int], people: set[str]) -> int | None:
    """How many a noun phrase counts: "25 people", "five soldiers", "dozens of civilians", "25"."""
    own = number_value(noun, words) if (noun.like_num or noun.lower_ in words) and noun.lower_ not in ("a", "an") else None
    if own is not None:
        return own
    for child in noun.children:
        if child.dep_ == "nummod":
            value = number_value(child, words)
            if value is not None:
                return value
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in words:
        return words[head.head.lower_]  # "dozens of civilians"
    if noun.lemma_.lower() in people and noun.tag_ == "NN" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return 1
    return None


def casualties(sentence: list[Token], lemmas: set[str], words: dict[str, int], people: set[str]) -> int | None:
    """The largest number of victims a casualty word of ``lemmas`` counts in the sentence."""
    best: int | None = None
    for token in sentence:
        if token.lemma_.lower() not in lemmas and token.lower_ not in lemmas:
            continue
        if token.pos_ == "VERB":
            victims = objects(token) if token.dep_ != "amod" else [token.head]
            victims += [c for c in token.children if c.dep_ == "nsubj" and token.lemma_.lower() in ("die", "perish")]
        elif token.pos_ == "ADJ":
            victims = [token.head] if token.dep_ == "amod" else [c for c in token.children if c.dep_ == "nummod"]
            victims += [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")] if token.dep_ == "acomp" else []
            if token.dep_ in ("dobj", "oprd", "ccomp", "npadvmod") or token.i > 0 and token.doc[token.i - 1].like_num:
                victims.append(token.doc[token.i - 1])  # "leaving 25 dead"
        else:
            continue
        for victim in victims:
            value = counted(victim, words, people)
            if value is not None and (best is None or value > best):
                best = value
    return best


def group_size(sentence: list[Token], nouns: set[str], words: dict[str, int]) -> int | None:
    """"thousands of protesters", "5,000 troops": the size of the crowd or force."""
    for token in sentence:
        if token.lemma_.lower() in nouns and token.pos_ in ("NOUN", "PROPN"):
            value = counted(token, words, set())
            if value is not None and value > 1:
                return value
    return None


def weapon_in(tokens: list[Token], weapons: dict[str, str | None]) -> tuple[str, str | None] | None:
    """The first weapon named among the tokens, with its compounds ("car bomb"), and its mode."""
    for token in tokens:
        lemma = token.lemma_.lower()
        if lemma in weapons and token.pos_ in ("NOUN", "PROPN"):
            left = min([c.i for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i] + [token.i])
            text = token.doc[left:token.i + 1].text.lower()
            return text, weapons[lemma]
    return None
