"""When a matched trigger is not the event its lexicon entry names (data/predicates_rules.yaml).

- *figurative violence*: "attack the virus", "the battle against poverty" code nothing;
- *verbal criticism*: "the opposition sharply attacked the budget" is ACCUSE, not ASSAULT;
- *modifier nouns*: "invasion forces", "torture centres" name no event;
- *purposes*: "staged rallies to demand reforms" is one PROTEST, the demand is its purpose;
- *causes*: "died of cancer" is no attack;
- *other senses*: "met the conditions" is no meeting;
- *measures*: "provided 25,000 tons of food aid" reaches the object "aid";
- *proposals*: "rejected a ceasefire offer", "rejected the deployment of troops": the offer is no act;
- *slogans*: "marched demanding reforms" is one PROTEST, the demand is what it says.

Every check starts from the trigger's own children (a few tokens), so none adds work per token.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from tidings.lexicon import Predicate
from tidings.resources import load_yaml

_NOUN_TAGS = {"NOUN", "PROPN"}
# the argument links of a trigger where a target is named
_TARGET_DEPS = {"dobj", "obj", "nsubjpass"}
_TARGET_PREPS = {"against", "on", "at"}
_VIOLENT_TYPES = {"ASSAULT", "THREATEN"}


@dataclass(frozen=True, slots=True)
class Rules:
    """The word lists of predicates_rules.yaml, as sets."""

    figurative: frozenset[str]
    criticism_verbs: frozenset[str]
    criticism_adverbs: frozenset[str]
    criticism_media: frozenset[str]
    criticism_objects: frozenset[str]
    criticism_preps: frozenset[str]
    reason_preps: frozenset[str]
    measures: frozenset[str]
    frames: frozenset[str]
    modifier_heads: frozenset[str]
    purpose_markers: frozenset[str]
    purpose_keep: frozenset[str]
    purpose_nominal_preps: frozenset[str]
    purpose_nouns: frozenset[str]
    cause_preps: frozenset[str]
    violent_causes: frozenset[str]
    threat_any: frozenset[str]
    sanction_instruments: frozenset[str]
    category_frames: frozenset[str]
    threat_conflict: frozenset[str]
    conflict_types: frozenset[str]
    proposal_verb_preps: frozenset[str]
    proposal_noun_preps: frozenset[str]
    slogan_carriers: frozenset[str]
    slogan_types: frozenset[str]
    sense_objects: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = load_yaml("predicates_rules.yaml")
    criticism, purpose = data["criticism"], data["purpose"]
    return Rules(
        figurative=frozenset(data["figurative_targets"]),
        criticism_verbs=frozenset(criticism["verbs"]),
        criticism_adverbs=frozenset(criticism["adverbs"]),
        criticism_media=frozenset(criticism["media"]),
        criticism_objects=frozenset(criticism["objects"]),
        criticism_preps=frozenset(criticism["preps"]),
        reason_preps=frozenset(criticism["reason_preps"]),
        measures=frozenset(data["measure_nouns"]),
        frames=frozenset(data["frame_nouns"]),
        modifier_heads=frozenset(data["modifier_event_heads"]),
        purpose_markers=frozenset(purpose["markers"]),
        purpose_keep=frozenset(purpose["keep_types"]),
        purpose_nominal_preps=frozenset(purpose["nominal_preps"]),
        purpose_nouns=frozenset(purpose["nominal_nouns"]),
        cause_preps=frozenset(data["cause_preps"]),
        violent_causes=frozenset(data["violent_causes"]),
        threat_any=frozenset(data["threat_conditions"]["any_type"]),
        sanction_instruments=frozenset(data["sanction_instruments"]),
        category_frames=frozenset(data["category_frames"]),
        threat_conflict=frozenset(data["threat_conditions"]["conflict_only"]),
        conflict_types=frozenset(data["threat_conditions"]["conflict_types"]),
        proposal_verb_preps=frozenset(data["proposal_content"]["verb_preps"]),
        proposal_noun_preps=frozenset(data["proposal_content"]["noun_preps"]),
        slogan_carriers=frozenset(data["slogans"]["carriers"]),
        slogan_types=frozenset(data["slogans"]["types"]),
        sense_objects={str(k): frozenset(v) for k, v in data["sense_objects"].items()},
    )


def _targets(token: Token, skip: Token | None) -> list[Token]:
    """The nouns an attack is aimed at: its object, or the object of against/on/at."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in _TARGET_DEPS and (skip is None or child.i != skip.i):  # "opened fire on": not a target
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def figurative(token: Token, event_type: str, object_token: Token | None) -> bool:
    """"attack the virus", "a disease to battle", "the battle against poverty": no violence."""
    if event_type not in _VIOLENT_TYPES:
        return False
    words = rules().figurative
    targets = _targets(token, object_token)
    if object_token is not None:
        targets += _targets(object_token, None)  # "launched an attack on the virus"
    if token.dep_ in ("relcl", "acl"):
        targets.append(token.head)  # "a disease to battle"
    elif token.dep_ == "pobj" and token.head.dep_ == "prep":
        targets.append(token.head.head)  # "any disease to [battle]" as the small model reads it
    return any(t.lemma_.lower() in words and t.pos_ != "VERB" for t in targets)  # not "charges filed in"


def criticism(token: Token, event_type: str) -> bool:
    """"The opposition sharply attacked the budget", "attacked him in a speech": words, not force."""
    r = rules()
    if event_type != "ASSAULT" or token.pos_ != "VERB" or token.lemma_.lower() not in r.criticism_verbs:
        return False
    for child in token.children:
        dep, lemma = child.dep_, child.lemma_.lower()
        if dep == "advmod" and lemma in r.criticism_adverbs:
            return True
        if dep in ("dobj", "obj", "nsubjpass") and lemma in r.criticism_objects:
            return True
        if dep == "prep" and lemma in r.criticism_preps:
            return True
        if dep == "prep":
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.lemma_.lower() in r.criticism_media:
                    return True
                if grand.dep_ == "pcomp" and lemma in r.reason_preps and grand.tag_ == "VBG":
                    return True  # "attacked the minister for failing to act"
    return False


def modifier_noun(token: Token) -> bool:
    """A nominal trigger that modifies another noun: "invasion forces", "the explosion area"."""
    return token.pos_ in _NOUN_TAGS and token.dep_ == "compound"


def names_an_act(token: Token) -> bool:
    """A modifier whose head presupposes the act happened: "a bombing campaign", "the shooting suspect"
    (an event even when none was told before), unlike "invasion forces" or "torture centres"."""
    return token.head.lemma_.lower() in rules().modifier_heads


def harmless_cause(token: Token, violence: set[str], weapons: set[str] | dict[str, object]) -> bool:
    """"died of cancer", "died from his illness": a stated cause that is no violence."""
    violent = rules().violent_causes
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in rules().cause_preps:
            for cause in child.children:
                if cause.dep_ == "pobj":  # "of a single gunshot wound": any word of the phrase may tell
                    return not any(t.lemma_.lower() in violence or t.lemma_.lower() in weapons
                                   or t.lemma_.lower() in violent for t in cause.subtree)
    return False


def measured_objects(objects: dict[str, Token]) -> dict[str, Token]:
    """Objects reached through a quantity noun ("25,000 tons of food aid" gives "aid"), a frame noun
    ("a mediation effort" gives "mediation") or a conjunct ("photographs and intelligence")."""
    measures, frames = rules().measures, rules().frames
    found: dict[str, Token] = {}
    for lemma, noun in objects.items():
        if lemma in frames:  # "launched a mediation effort": the event noun modifies a frame noun
            for child in noun.children:
                if child.dep_ == "compound" and child.pos_ == "NOUN":
                    found.setdefault(child.lemma_.lower(), child)
            continue
        for conj in noun.conjuncts:  # "maps and other military intelligence"
            found.setdefault(conj.lemma_.lower(), conj)
        if lemma not in measures and noun.pos_ != "NUM":
            continue
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for inner in prep.children:
                    if inner.dep_ == "pobj":
                        found.setdefault(inner.lemma_.lower(), inner)
    return found


def purpose_head(token: Token) -> Token | None:
    """The act whose purpose this verb or noun states, if any: "staged rallies [to demand]",
    "telephoned him [to discuss]", "a request [to interrogate]", "in [protest] at"."""
    r = rules()
    dep = token.dep_
    if token.pos_ == "VERB" and dep in ("advcl", "xcomp", "acl"):
        if any(c.dep_ == "aux" and c.lower_ in r.purpose_markers for c in token.children):
            return token.head
        return None
    if token.pos_ in _NOUN_TAGS and dep == "pobj":
        prep = token.head
        if prep.dep_ == "prep" and prep.lower_ in r.purpose_nominal_preps and token.lemma_.lower() in r.purpose_nouns \
                and not any(
                c.dep_ == "det" for c in token.children):
            return prep.head  # "in protest at", "in retaliation for"
    return None


def threat_condition(verb: Token, event_type: str, modality: str | None) -> bool:
    """"will withdraw its force unless X arranges a ceasefire": a promise on a condition is a threat."""
    if modality is None:
        return False
    r = rules()
    for child in verb.children:
        if child.dep_ != "advcl":
            continue
        for mark in child.children:
            if mark.dep_ == "mark" and (mark.lower_ in r.threat_any
                                        or mark.lower_ in r.threat_conflict and event_type in r.conflict_types):
                return True
    return False


@lru_cache(maxsize=1)
def obligation_predicate() -> Predicate:
    """The entry an obligation without a lexicon verb is coded by: a REQUEST from the speaker."""
    data = load_yaml("predicates_rules.yaml")["obligation"]
    return Predicate(trigger="must", pos="VERB", type="REQUEST", mode=None, actor=("subj",), recipient=("obj",),
                     cameo=str(data["cameo"]), confidence=float(data["confidence"]), example=str(data["example"]))


def sanction_instrument(token: Token, event_type: str) -> bool:
    """"hit 13 officials with sanctions": the instrument makes the act a SANCTION."""
    if event_type != "ASSAULT" or token.pos_ != "VERB":
        return False
    nouns = rules().sanction_instruments
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in nouns for g in c.children) for c in token.children)


def category(token: Token) -> bool:
    """"now faces charges of murder", "the threat of execution": a category or a risk, not an act."""
    if token.pos_ not in _NOUN_TAGS or token.dep_ != "pobj" or any(c.dep_ in ("det", "poss") for c in token.children):
        return False
    prep = token.head
    return prep.lower_ in ("of", "with") and prep.head.lemma_.lower() in rules().category_frames


def proposal_heads(token: Token) -> list[Token]:
    """The words whose object this nominal trigger is, nearest first: the act a plan, a truce or a
    deployment is accepted, asked for or refused by ("rejected the deployment of Nigerian troops",
    "agreed to an inspection", "accepted a plan for talks"). Such a noun names what one side
    wants, not an act that happened; the caller keeps it only when the head is no embedding event."""
    if token.pos_ not in _NOUN_TAGS:
        return []
    while token.dep_ == "conj" and token.head is not token:  # "rejected the plan and the talks"
        token = token.head
    if token.dep_ in _TARGET_DEPS:  # not "called the explosion an attack": a naming, with its predicate
        return [] if any(c.dep_ == "oprd" for c in token.head.children) else [token.head]
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or prep.head is prep:
        return []
    r, governor = rules(), prep.head
    heads: list[Token] = []
    if prep.lower_ in r.proposal_verb_preps:
        heads.append(governor)  # "agreed to an inspection", "called for an inquiry", "a plan for talks"
    if prep.lower_ in r.proposal_noun_preps and governor.dep_ in _TARGET_DEPS:
        heads.append(governor.head)  # "accepted a plan for talks": the plan's governing verb
    return heads


def slogan_head(verb: Token, event_type: str, obligation_aux: frozenset[str] | set[str]) -> Token | None:
    """The trigger a demand or accusation is the slogan of: "marched through the city demanding
    reforms", "rallied outside the court, saying the mayor must be freed" (a participle with no subject
    of its own, or its content clause). The caller keeps it only when that trigger is a protest.
    ``obligation_aux`` is the coder's list of roles.yaml ("must", "should")."""
    said = verb.dep_ == "ccomp" and verb.head.tag_ == "VBG"
    obliged = said and any(c.dep_ == "aux" and c.lower_ in obligation_aux for c in verb.children)
    if event_type not in rules().slogan_types and not obliged:  # "saying the mayor should quit" is a demand
        return None
    if said:
        verb = verb.head  # "saying [the mayor should quit]"
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp") or verb.head is verb:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
        return None  # "while police were demanding …": a clause of its own
    return verb.head


def content_heads(token: Token, verb: Token, event_type: str, embedding: set[str],
                  obligation_aux: frozenset[str] | set[str]) -> list[tuple[Token, frozenset[str] | set[str]]]:
    """The triggers this one may be the content of, each with the types that hold such content."""
    heads: list[tuple[Token, frozenset[str] | set[str]]] = [(h, embedding) for h in proposal_heads(token)]
    slogan = slogan_head(verb, event_type, obligation_aux)
    if slogan is not None:
        heads.append((slogan, rules().slogan_carriers))
    return heads


def other_sense(token: Token) -> bool:
    """"met the deadline", "met its export targets": the verb satisfies a thing, it names
    no act between parties (predicates_rules.yaml sense_objects)."""
    things = rules().sense_objects.get(token.lemma_.lower())
    if not things or token.pos_ != "VERB":
        return False
    return any(c.dep_ in _TARGET_DEPS and c.lemma_.lower() in things for c in token.children)
