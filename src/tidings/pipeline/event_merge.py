"""One event per real event: twins in a sentence merge, MOBILIZE beside an ASSAULT goes.

Split from pipeline/events.py (the coder) so that each module stays small; the coder calls these
after every match is coded.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.pipeline.annotations import EventCandidate


def absorb(target: EventCandidate, event: EventCandidate) -> None:
    target.mentions.append((event.trigger_i, event.trigger_j))
    target.mentions.extend(m for m in event.mentions if m not in target.mentions)  # what it had absorbed
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


def compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def merge_duplicates(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """One event per real event in a sentence: "attacked a checkpoint, killing five soldiers"."""
    kept: list[EventCandidate] = []
    starts = {e.trigger_i: doc[e.trigger_i].sent.start for e in events}
    for event in events:
        sentence = starts[event.trigger_i]
        twin = next(
            (k for k in kept if starts[k.trigger_i] == sentence and k.type == event.type
             and (set(k.actor_ids) == set(event.actor_ids) or not event.actor_ids)
             and compatible(k.recipient_ids, event.recipient_ids)
             and k.negated == event.negated and k.modality == event.modality),
            None,
        )
        if twin is None:
            kept.append(event)
        else:
            absorb(twin, event)
    return kept


def drop_mobilize_beside_assault(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """PLOVER: troops moving in to attack are part of the attack, not a separate MOBILIZE."""
    assaults = [(doc[e.trigger_i].sent.start, set(e.actor_ids)) for e in events if e.type == "ASSAULT"]
    return [e for e in events if e.type != "MOBILIZE" or not any(
        start == doc[e.trigger_i].sent.start and (not actors or not e.actor_ids or actors & set(e.actor_ids))
        for start, actors in assaults)]
