"""One event per real event: twins in a sentence merge, MOBILIZE beside an ASSAULT goes, and "the
attack" in a later sentence merges into the attack already told.

Split from pipeline/events.py (the coder) so that each module stays small; the coder calls these
after every match is coded.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.pipeline.annotations import EventCandidate
from tidings.pipeline.event_parse import sentence_index
from tidings.pipeline.event_targets import distinct

_NOUN_TAGS = {"NOUN", "PROPN"}


def absorb(target: EventCandidate, event: EventCandidate, *, twin: bool = False, nominal: bool = False) -> None:
    """Add what ``event`` knows to ``target``. A nominal twin in the same sentence also adds the targets
    it names without an actor id: "five people were killed in an attack on the market" — the people and
    the market are both the attack's. A later mention adds the authors it names without an id when the
    event knows none by id ("people involved in the attack" … "nine men were involved in the attack").
    (A twin's unnamed authors are often the attack itself: "an explosion …, killing 40".)"""
    target.mentions.append((event.trigger_i, event.trigger_j))
    target.mentions.extend(m for m in event.mentions if m not in target.mentions)  # what it had absorbed
    for ids, spans, new_ids, new_spans in (
            (target.actor_ids, target.actors, event.actor_ids, event.actors),
            (target.recipient_ids, target.recipients, event.recipient_ids, event.recipients)):
        if not ids and new_ids:
            ids.extend(new_ids)
            spans.extend(new_spans)
    if not twin and not target.actor_ids and not event.actor_ids:
        target.actors.extend(s for s in event.actors if s not in target.actors)
    if nominal and not event.recipient_ids:
        spans = target.recipients
        spans.extend(s for s in event.recipients
                     if s not in spans and not any(a <= s[0] and s[1] <= b for a, b in spans))
    target.dead = max(filter(None, (target.dead, event.dead)), default=None)
    target.injured = max(filter(None, (target.injured, event.injured)), default=None)
    target.weapon = target.weapon or event.weapon
    target.mode = target.mode or event.mode
    target.context += [c for c in event.context if c not in target.context]


def compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def merge_duplicates(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """One event per real event in a sentence: "attacked a checkpoint, killing five soldiers", but not
    "the bombing gave them an opportunity to attack the garrison", where the infinitive is another act."""
    kept: list[EventCandidate] = []
    starts = {e.trigger_i: doc[e.trigger_i].sent.start for e in events}
    for event in events:
        sentence = starts[event.trigger_i]
        twin = next(
            (k for k in kept if starts[k.trigger_i] == sentence and k.type == event.type
             and (set(k.actor_ids) == set(event.actor_ids) or not event.actor_ids)
             and compatible(k.recipient_ids, event.recipient_ids)
             and k.negated == event.negated and k.modality == event.modality
             and not distinct(doc[k.trigger_i], doc[event.trigger_i])),
            None,
        )
        if twin is None:
            kept.append(event)
        else:
            absorb(twin, event, twin=True, nominal=doc[event.trigger_i].pos_ in _NOUN_TAGS)
    return kept


def drop_mobilize_beside_assault(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """PLOVER: troops moving in to attack are part of the attack, not a separate MOBILIZE."""
    assaults = [(doc[e.trigger_i].sent.start, set(e.actor_ids)) for e in events if e.type == "ASSAULT"]
    return [e for e in events if e.type != "MOBILIZE" or not any(
        start == doc[e.trigger_i].sent.start and (not actors or not e.actor_ids or actors & set(e.actor_ids))
        for start, actors in assaults)]


def merge_elaborations(doc: Doc, events: list[EventCandidate], modifiers: dict[int, bool],
                       determiners: set[str], window: int) -> list[EventCandidate]:
    """"The attack killed five soldiers" after "Militants attacked a checkpoint": one event.

    A nominal trigger with a definite or demonstrative determiner refers back to an event
    already told; it merges into the latest earlier event of its type within the window when
    their participants do not conflict, and adds what it knows (participants, casualties).
    A trigger that only modifies a noun ("the explosion area") is such a mention, also of an
    event earlier in its own sentence; when none was told it is dropped ("invasion forces"), unless
    its head presupposes the act ("the shooting suspect").
    """
    kept: list[EventCandidate] = []
    sentence_of = {e.trigger_i: sentence_index(doc, e.trigger_i) for e in events}
    for event in events:
        token = doc[event.trigger_i]
        modifier = event.trigger_i in modifiers
        anaphoric = modifier or token.pos_ in _NOUN_TAGS and any(
            c.dep_ == "det" and c.lower_ in determiners for c in token.children)
        target = None
        if anaphoric and not event.negated and event.modality is None:
            here = sentence_of[event.trigger_i]
            for earlier in reversed(kept):
                distance = here - sentence_of[earlier.trigger_i]
                reach = here if modifier else window  # "the explosion area": any earlier sentence
                if distance < (0 if modifier else 1) or distance > reach or earlier.type != event.type:
                    continue
                if compatible(earlier.actor_ids, event.actor_ids) and compatible(
                        earlier.recipient_ids, event.recipient_ids):
                    target = earlier
                break
        if target is None:
            if not modifier or event.mentions or modifiers[event.trigger_i]:  # "shooting incidents … gunfire"
                kept.append(event)
            continue
        absorb(target, event)
    return kept
