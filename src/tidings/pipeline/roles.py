"""Reading the dependency parse for who did what to whom.

The functions here turn a predicate token and a slot name of the lexicon
("subj", "obj", "prep:against" …) into the tokens that fill that slot, coping
with passives, coordination, control verbs ("helping the group build bombs"),
relative clauses and light-verb nouns ("carried out an attack").
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.resources import load_yaml

_SUBJECTS = {"nsubj", "csubj"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
_RELATIVE_PRONOUNS = {"which", "who", "that", "whom", "whose"}
# clauses whose participants are not this predicate's participants
_CLAUSE_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj", "conj"}


def _roles_data() -> dict:
    return load_yaml("roles.yaml")


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        for t in (token, *token.conjuncts):
            # a clausal subject is kept too: the model parses "explosives experts from X" as one
            if t not in out and (t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X") or t.dep_ == "csubj"):
                out.append(t)
    return out


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
    if verb.pos_ == "ADJ" and verb.dep_ in ("acomp", "attr", "xcomp", "oprd") and verb.head is not verb:
        return subjects(verb.head, _depth + 1)  # "France is ready to contribute": the copula's subject
    if is_passive(verb):
        found = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    else:
        found = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if found:
        return _with_conjuncts(_resolve_relative(found, verb))
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
        controllers = set(_roles_data()["object_control_verbs"])
        if verb.dep_ == "xcomp" and head.lemma_.lower() in controllers:
            objects_ = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects_:
                return _with_conjuncts(objects_)
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
            return _with_conjuncts([head])
        return subjects(head, _depth + 1)
    if verb.dep_ == "ccomp" and head.lemma_.lower() in set(_roles_data()["object_control_verbs"]):
        objects_ = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if objects_:
            return _with_conjuncts(objects_)
    if verb.dep_ == "relcl":
        return _with_conjuncts([head])
    return []


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
    found = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
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
        if not found and extra_heads:
            # "shared photographs of tunnel openings with the Egyptian military": the parser often
            # hangs the prepositional phrase on the nearest noun instead of the verb
            found = [t for h in extra_heads for node in h.subtree if node is not h
                     for t in prep_objects(node, preposition)]
        return found
    if slot == "xcomp_obj":
        # "helping the group build bombs" parsed as help → ccomp(build) → nsubj(group)
        complements = [c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")]
        return _with_conjuncts([s for c in complements for s in c.children if s.dep_ == "nsubj"])
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
