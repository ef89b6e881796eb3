"""What a frame says about who did an event, beyond its status.

Three frames change an event's actors as well as its status:

- a claim of responsibility ("IS claimed responsibility for the attack"): the event is
  the claimant's own act, status ``claimed``; "the attack" may point back to an event
  told earlier, which then takes the claim;
- a denial of a role ("Hamas denied any role in the clashes"): the event inside is
  ``denied`` and the speaker joins its actors as the one who denies taking part;
- an accusation ("Egypt accused Hamas of attacking soldiers"): the accused is the
  unstated actor of the gerund, and the event is ``alleged``.

Where the event is ("A accuses B") it stays a separate ACCUSE event from the event
lexicon; this module only keeps the accused act consistent with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tidings.attribution.lexicon import ReportingLexicon
from tidings.pipeline.annotations import EventCandidate, Frame


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """A frame that speaks about an event's actor: ``kind`` responsibility | role_denial | accusation."""

    kind: str
    frame: int
    actor: str | None  # the claimant, the denier, or the accused
    direct: bool  # the event is inside the frame's content (else the frame refers back to it)


def claim_links(doc: Doc, lexicon: ReportingLexicon) -> dict[int, ClaimLink]:
    """Event trigger index → the claim, role denial or accusation about it (cached on the doc)."""
    cached = doc.user_data.get("tidings.claim_links")
    if cached is not None:
        return cached
    frames: list[Frame] = doc._.frames or []
    events: list[EventCandidate] = doc._.events or []
    links: dict[int, ClaimLink] = {}
    for index, frame in enumerate(frames):
        kind, actor = _kind(doc, frame, lexicon)
        if kind is None:
            continue
        inside = [e for e in events if frame.content_i <= e.trigger_i < frame.content_j]
        if kind == "accusation":
            inside = [e for e in inside if _gerund_of_accusation(doc[e.trigger_i], doc[frame.cue_i])]
        for event in inside:
            links.setdefault(event.trigger_i, ClaimLink(kind, index, actor, True))
        if not inside and kind == "responsibility":
            earlier = _antecedent(doc, frame, events, lexicon)
            if earlier is not None:
                links.setdefault(earlier.trigger_i, ClaimLink(kind, index, actor, False))
    doc.user_data["tidings.claim_links"] = links
    return links


def _kind(doc: Doc, frame: Frame, lexicon: ReportingLexicon) -> tuple[str | None, str | None]:
    cue = doc[frame.cue_i]
    lemma = cue.lemma_.lower()
    objects = [c for c in cue.children if c.dep_ in ("dobj", "obj")]
    nouns = {o.lemma_.lower() for o in objects}
    if lemma in lexicon.responsibility_verbs and nouns & lexicon.responsibility_nouns:
        return "responsibility", frame.source.actor
    if frame.status == "denied" and nouns & lexicon.role_nouns:
        return "role_denial", frame.source.actor
    if frame.status == "alleged" and objects:
        accused = _actor_of(doc, objects[0])
        return ("accusation", accused) if accused else (None, None)
    return None, None


def _actor_of(doc: Doc, token: Token) -> str | None:
    for mention in doc._.actor_mentions or []:
        if token.left_edge.i <= mention.i < token.right_edge.i + 1:
            return mention.actor
    return None


def _gerund_of_accusation(trigger: Token, cue: Token) -> bool:
    """"accused Hamas of attacking …": the trigger is the object of the cue's "of"/"for"."""
    node = trigger
    while node.head.i != node.i and node.i != cue.i:
        if node.dep_ in ("pcomp", "pobj") and node.head.lower_ in ("of", "for") and node.head.head.i == cue.i:
            return True
        node = node.head
    return False


def _antecedent(doc: Doc, frame: Frame, events: list[EventCandidate], lexicon: ReportingLexicon) -> EventCandidate | None:
    """"claimed responsibility for the attack": the latest earlier event of the type "attack" names."""
    nouns = [t for t in doc[frame.content_i:frame.content_j] if t.lemma_.lower() in lexicon.event_anaphors
             or t.lower_ in lexicon.event_anaphors]
    if not nouns:
        return None
    noun = nouns[0]
    wanted = lexicon.event_anaphors.get(noun.lower_) or lexicon.event_anaphors.get(noun.lemma_.lower())
    earlier = [e for e in events if e.trigger_i < frame.cue_i and e.type == wanted]
    return max(earlier, key=lambda e: e.trigger_i, default=None)


def actors_after(link: ClaimLink | None, actor_ids: list[str], related: set[str]) -> list[str]:
    """The event's actors once the claim is read: the claimant or the accused fills an empty or
    unknown slot; a denier or a claimant unrelated to the named actors joins them."""
    if link is None or link.actor is None:
        return list(actor_ids)
    known = [a for a in actor_ids if not a.startswith("unk:")]
    if link.actor in actor_ids or link.actor in related:
        return list(actor_ids)
    if not known:
        return [link.actor]
    if link.kind == "accusation":
        return list(actor_ids)
    return [link.actor, *actor_ids]


def chain_of(frames: list[Frame], index: int) -> list[Frame]:
    """A frame and its ancestors, outermost first."""
    chain: list[Frame] = []
    seen: set[int] = set()
    current: int | None = index
    while current is not None and current not in seen:
        seen.add(current)
        chain.append(frames[current])
        current = frames[current].parent
    return list(reversed(chain))


def chain_confidence(kinds: list[str], unnamed: list[bool], status: str, lexicon: ReportingLexicon) -> float:
    """The factor a chain of sources puts on an event's confidence: anonymous and implied sources,
    hedged statuses and long chains all weaken it."""
    factors = lexicon.confidence
    factor = 1.0
    if any(unnamed):
        factor *= factors["unnamed"]
    elif "anonymous" in kinds:
        factor *= factors["anonymous"]
    if status in ("alleged", "claimed", "denied", "hypothetical"):
        factor *= factors["hedged"]
    factor *= factors["deep_link"] ** max(0, len(kinds) - 2)
    return factor


__all__ = ["ClaimLink", "claim_links", "actors_after", "chain_of", "chain_confidence"]
