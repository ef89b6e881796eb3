"""Finding actors by name for people (``tidings actors search``): exact folded names first, then fuzzy."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process

from tidings.kb.base import KnowledgeBase
from tidings.kb.index import fold


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the actor, the name that matched, and how well (0-100)."""

    actor: str
    name: str
    matched: str
    score: float


def search(kb: KnowledgeBase, query: str, *, limit: int = 10, cutoff: float = 60.0) -> list[Hit]:
    """Actors whose names match ``query``: case- and diacritic-insensitive, best first, one hit per actor."""
    wanted = fold(query.strip())
    if not wanted:
        return []
    names: list[tuple[str, str]] = [(name, actor_id) for name, actor_id, _ in kb.names()]
    names += [(actor_id, actor_id) for actor_id in kb.actors]
    folded = [fold(n) for n, _ in names]
    best: dict[str, Hit] = {}
    for i, key in enumerate(folded):
        if key == wanted:
            name, actor_id = names[i]
            best.setdefault(actor_id, Hit(actor_id, kb.actors[actor_id].name, name, 100.0))
    for _, score, i in process.extract(wanted, folded, scorer=fuzz.WRatio, limit=limit * 8, score_cutoff=cutoff):
        name, actor_id = names[i]
        if actor_id not in best or best[actor_id].score < score:
            best[actor_id] = Hit(actor_id, kb.actors[actor_id].name, name, float(score))
    return sorted(best.values(), key=lambda h: (-h.score, len(h.matched), h.actor))[:limit]


def describe(kb: KnowledgeBase, actor_id: str, *, on: date | None = None) -> dict[str, Any]:
    """Everything the knowledge base knows of one actor, as plain data (``tidings actors show``)."""
    actor = kb.on(actor_id, on) if on else kb.get(actor_id)
    if actor is None:
        raise KeyError(actor_id)
    out: dict[str, Any] = {
        "id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country, "sector": actor.sector,
        "wikidata": actor.wikidata, "parent": actor.parent,
        "lineage": kb.lineage(actor.parent) if actor.parent else [],
        "affiliate_of": actor.affiliate_of, "parts_and_affiliates": kb.children(actor.id),
        "aliases": actor.aliases, "acronyms": actor.acronyms, "operates_in": actor.operates_in,
        "founded": actor.founded, "dissolved": actor.dissolved,
        "roles": [asdict(r) for r in actor.roles],
        "post_holders": [{"person": p, **asdict(r)} for p, r in kb.holders(actor.id)],
        "history": [asdict(h) for h in actor.history],
        "note": actor.note, "origin": actor.origin,
    }
    if on:
        out["as_of"] = on.isoformat()
    return out


__all__ = ["Hit", "search", "describe"]
