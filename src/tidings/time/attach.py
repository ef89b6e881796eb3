"""Which time expression dates a clause: the one that hangs on the clause's verb, else the nearest inside it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tidings.pipeline.annotations import TimeExpression

_MAX_CLIMB = 12


def governing_verb(doc: Doc, i: int, j: int) -> Token:
    """The first verb at or above the head of ``doc[i:j]`` (the sentence root if there is none)."""
    tok = doc[i:j].root
    for _ in range(_MAX_CLIMB):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def expression_for_span(doc: Doc, i: int, j: int, *, resolved_only: bool = False) -> TimeExpression | None:
    """The time expression that dates the clause ``doc[i:j]`` (e.g. an event's trigger or clause), or None.

    The clause's anchor is the verb governing its head. Expressions are tried in tiers:

    1. those whose own governing verb is the anchor ("attacked … on Sunday");
    2. those attached to the verb the anchor is coordinated with ("attacked the
       town on Sunday and killed five": the date carries over to "killed");
    3. those attached to any other verb inside the clause;
    4. those lying inside the clause at all.

    Within a tier the one nearest the anchor wins. Expressions hanging on a
    verb outside the clause (a reporting verb: "said on Monday that …") are not
    used. With ``resolved_only`` unresolved expressions ("at the time") are
    skipped; by default they are returned so the caller can show the reason.
    """
    mentions: list[TimeExpression] = list(doc._.time_mentions or [])
    if resolved_only:
        mentions = [m for m in mentions if m.value is not None]
    if not mentions:
        return None
    anchor = governing_verb(doc, i, j)
    conj_head = anchor.head if anchor.dep_ == "conj" else None
    best: tuple[int, int, int] | None = None
    chosen: TimeExpression | None = None
    # the parse does not change after the pipeline: each expression's verb is found once per doc
    # (kept as an index: a Token in user_data would tie the doc in a reference cycle)
    verbs: dict[tuple[int, int], int] = doc.user_data.setdefault("tidings.time_verbs", {})
    for m in mentions:
        at = verbs.get((m.i, m.j))
        if at is None:
            at = verbs[(m.i, m.j)] = governing_verb(doc, m.i, m.j).i
        verb = doc[at]
        inside = i <= m.i and m.j <= j
        if verb == anchor:
            tier = 0
        elif conj_head is not None and verb == conj_head:
            tier = 1
        elif i <= verb.i < j:
            tier = 2
        elif inside:
            tier = 3
        else:
            continue
        distance = min(abs(k - anchor.i) for k in range(m.i, m.j))
        key = (tier, distance, m.i)
        if best is None or key < best:
            best, chosen = key, m
    return chosen


__all__ = ["governing_verb", "expression_for_span"]
