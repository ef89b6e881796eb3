"""WikiEvents (KAIROS ontology): event detection and argument extraction on whole news documents.

A gold event counts when its KAIROS type maps to a PLOVER type
(data/mappings/kairos_to_plover.yaml). Detection: one of our events matches
a gold event when the triggers overlap and the PLOVER types agree (the
``trigger only`` row ignores the type). Arguments of matched events: a gold
Attacker (Killer, Injurer), Target/Victim or Place matches when its span
overlaps a mention of one of our event's actors/recipients/place, or its
text matches one of their names. The attacker and target/victim rows are
scored on the events that have those roles: the gold events that map to
ASSAULT, and any other gold event with such an argument (a protest's
Target). The source of a protest, an arrest or a request (KAIROS's
Demonstrator, Jailer, Communicator) is no attacker, right or wrong. The place
row is scored on every matched event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tidings.evaluate.common import (
    Extract, actor_index, default_extract, limited, names_of_actor, place_index, run_records, text_matches,
)
from tidings.evaluate.mappings import kairos_to_plover, load_mapping
from tidings.evaluate.metrics import EvalResult, match_pairs, overlaps
from tidings.model import Event, Report

ROLE_ROWS = {"actors": "argument: attacker", "recipients": "argument: target/victim", "place": "argument: place"}
#: the gold type whose events have Attacker/Killer/Injurer and Target/Victim roles
ROLE_TYPE = "ASSAULT"
# the issue's own measure: Conflict.Attack mentions against our ASSAULT events, and their two sides
ATTACK_PREFIX = "Conflict.Attack"
ATTACK_ROWS = {"actors": "attack: attacker", "recipients": "attack: target"}


@dataclass(slots=True)
class GoldArgument:
    role: str
    field: str  # actors | recipients | place
    span: tuple[int, int]
    text: str


@dataclass(slots=True)
class GoldEvent:
    id: str
    kairos: str
    type: str | None
    trigger: tuple[int, int]
    trigger_text: str
    arguments: list[GoldArgument]


@dataclass(slots=True)
class WikiDoc:
    id: str
    text: str
    events: list[GoldEvent]


def load_gold(path: Path, *, limit: int | None = None) -> list[WikiDoc]:
    """Documents of the WikiEvents split (dev.jsonl by default), spans turned into character offsets."""
    path = path / "dev.jsonl" if path.is_dir() else path
    roles = load_mapping("kairos_to_plover").roles
    docs: list[WikiDoc] = []
    for line in limited((ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()), limit):
        row = json.loads(line)
        tokens = _token_offsets(row)
        entities = {e["id"]: e for e in row["entity_mentions"]}

        def chars(start: int, end: int) -> tuple[int, int]:
            return tokens[start][0], tokens[end - 1][1]

        events: list[GoldEvent] = []
        for mention in row["event_mentions"]:
            mapped = kairos_to_plover(mention["event_type"])
            args: list[GoldArgument] = []
            for arg in mention["arguments"]:
                field = roles.get(arg["role"])
                entity = entities.get(arg["entity_id"])
                if field and entity:
                    args.append(GoldArgument(arg["role"], field, chars(entity["start"], entity["end"]), arg["text"]))
            trig = mention["trigger"]
            events.append(GoldEvent(mention["id"], mention["event_type"], mapped.type if mapped else None,
                                    chars(trig["start"], trig["end"]), trig["text"], args))
        docs.append(WikiDoc(row["doc_id"], row["text"], events))
    return docs


def _token_offsets(row: dict) -> list[tuple[int, int]]:
    """Character offsets of every token in ``row["text"]``.

    The file's token offsets count one separator between sentences that ``text`` does not hold
    (it joins the sentences as they are), so they drift further with every sentence; offsets
    within a sentence are right. Each sentence is found in ``text`` and its tokens placed from there.
    """
    text = row["text"]
    out: list[tuple[int, int]] = []
    cursor = 0
    for sentence, sentence_text in row["sentences"]:
        found = text.find(sentence_text, max(0, cursor - 5))
        position = found if found >= 0 else cursor
        base = sentence[0][1] if sentence else 0
        out.extend((position + start - base, position + end - base) for _, start, end in sentence)
        cursor = position + len(sentence_text)
    return out


def _trigger(event: Event) -> tuple[int, int]:
    return event.trigger.start, event.trigger.end


def _context(text: str, span: tuple[int, int]) -> str:
    return text[max(0, span[0] - 120):span[1] + 120].replace("\n", " ")


def _argument_hit(report: Report, event: Event, arg: GoldArgument) -> bool:
    if arg.field == "place":
        place = place_index(report).get(event.place or "")
        if place is None:
            return False
        return any(overlaps(arg.span, (m.start, m.end)) for m in place.mentions) or \
            text_matches(arg.text, names_of_actor(None, place.mentions) | {place.name.lower()})
    ids = event.actors if arg.field == "actors" else event.recipients
    spans = event.actor_spans if arg.field == "actors" else event.recipient_spans
    if any(overlaps(arg.span, (s.start, s.end)) for s in spans):
        return True
    index = actor_index(report)
    for actor_id in ids:
        actor = index.get(actor_id)
        if actor and (any(overlaps(arg.span, (m.start, m.end)) for m in actor.mentions)
                      or text_matches(arg.text, names_of_actor(actor))):
            return True
    return False


def _predicted_arguments(report: Report, event: Event) -> dict[str, int]:
    return {"actors": len(event.actors) or (1 if event.actor_spans else 0),
            "recipients": len(event.recipients) or (1 if event.recipient_spans else 0),
            "place": 1 if event.place else 0}


def score_document(result: EvalResult, doc: WikiDoc, report: Report) -> None:
    """Detection and argument counts of one document."""
    gold = [e for e in doc.events if e.type is not None]
    ignored = [e for e in doc.events if e.type is None]
    result.stats["gold events (mapped)"] = int(result.stats.get("gold events (mapped)") or 0) + len(gold)
    result.stats["gold events (no PLOVER type)"] = int(result.stats.get("gold events (no PLOVER type)") or 0) + len(ignored)
    predicted = list(report.events)
    # a predicted event on the trigger of an out-of-scope gold event is neither right nor wrong
    predicted = [p for p in predicted if not any(overlaps(_trigger(p), g.trigger) for g in ignored)
                 or any(overlaps(_trigger(p), g.trigger) for g in gold)]
    loose, loose_missed, loose_extra = match_pairs(gold, predicted, lambda g, p: overlaps(g.trigger, _trigger(p)))
    result.score("trigger only").add(tp=len(loose), fn=len(loose_missed), fp=len(loose_extra))
    pairs, missed, extra = match_pairs(gold, predicted,
                                       lambda g, p: overlaps(g.trigger, _trigger(p)) and g.type == p.type)
    result.score("event (trigger+type)").add(tp=len(pairs), fn=len(missed), fp=len(extra))
    for gi in missed:
        g = gold[gi]
        wrong = [p.type for p in predicted if overlaps(g.trigger, _trigger(p))]
        kind = f"wrong type (gold {g.type})" if wrong else f"missed {g.type}"
        result.miss(g.id, "event", kind, f"{g.type} ← {g.kairos} '{g.trigger_text}'", wrong,
                    _context(doc.text, g.trigger), weight=1.5)
    for pi in extra:
        p = predicted[pi]
        if any(overlaps(_trigger(p), g.trigger) for g in gold):
            continue  # already reported as a wrong type
        result.miss(doc.id, "event", f"extra {p.type}", "—", f"{p.type} '{p.trigger.text}'",
                    _context(doc.text, _trigger(p)), weight=0.5)
    _score_attacks(result, report, gold, predicted)
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        counts = _predicted_arguments(report, p)
        for field, row in ROLE_ROWS.items():
            args = [a for a in g.arguments if a.field == field]
            if field != "place" and g.type != ROLE_TYPE and not args:
                continue  # an arrest's Jailer or a protest's Demonstrator is no attacker, right or wrong
            hits = [a for a in args if _argument_hit(report, p, a)]
            score = result.score(row)
            score.add(tp=len(hits), fn=len(args) - len(hits), fp=max(0, counts[field] - len(hits)))
            for arg in args:
                if arg not in hits:
                    result.miss(g.id, row, f"{arg.role} missed", arg.text,
                                f"{p.type} '{p.trigger.text}'", _context(doc.text, arg.span))


def _score_attacks(result: EvalResult, report: Report, gold: list[GoldEvent], predicted: list[Event]) -> None:
    """Conflict.Attack detection alone and its Attacker/Target, mention by mention as the gold is.

    Our units are the trigger and every merged mention (``Event.mentions``) of our ASSAULT events:
    WikiEvents marks each mention of an attack, while we fold "the blast" into the attack already
    told. A unit on the trigger of another gold type that also maps to ASSAULT (a death, an injury)
    is the same violence told another way: neither right nor wrong here, as the rows above score it.
    """
    attacks = [g for g in gold if g.kairos.startswith(ATTACK_PREFIX)]
    others = [g for g in gold if not g.kairos.startswith(ATTACK_PREFIX) and g.type == "ASSAULT"]
    units: list[tuple[Event, tuple[int, int]]] = []
    for event in predicted:
        if event.type != "ASSAULT":
            continue
        for span in [_trigger(event)] + [(m.start, m.end) for m in event.mentions]:
            if any(overlaps(span, g.trigger) for g in attacks) or not any(overlaps(span, g.trigger) for g in others):
                units.append((event, span))
    pairs, missed, extra = match_pairs(attacks, units, lambda g, u: overlaps(g.trigger, u[1]))
    result.score("attack detection (Conflict.Attack)").add(tp=len(pairs), fn=len(missed), fp=len(extra))
    for gi, ui in pairs:
        g, p = attacks[gi], units[ui][0]
        for field, row in ATTACK_ROWS.items():
            args = [a for a in g.arguments if a.field == field]
            hits = [a for a in args if _argument_hit(report, p, a)]
            predicted_count = len(p.actors if field == "actors" else p.recipients) or (
                1 if (p.actor_spans if field == "actors" else p.recipient_spans) else 0)
            result.score(row).add(tp=len(hits), fn=len(args) - len(hits), fp=max(0, predicted_count - len(hits)))


def run(gold: Path, *, limit: int | None = None, extract: Extract = default_extract) -> EvalResult:
    """Extract each WikiEvents document and score event detection and arguments."""
    docs = load_gold(gold, limit=limit)
    result = EvalResult(dataset="wikievents", gold=str(gold))
    result.notes.append("KAIROS types mapped by data/mappings/kairos_to_plover.yaml; gold events without a PLOVER "
                        "type are not scored, and our events on their triggers are not counted as extra")
    result.notes.append("argument: attacker and target/victim rows on gold events mapped to ASSAULT and on any other "
                        "gold event with such an argument (the events with those roles); argument: place on every "
                        "matched event")
    result.notes.append("no publication date is given: relative dates cannot be resolved (dates not scored)")
    run_records(result, docs, lambda d: d.text, lambda d: extract(d.text), lambda d, rep: score_document(result, d, rep),
                lambda d: d.id)
    return result
