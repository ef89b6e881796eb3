"""Knowledge-base records and the lookups resolution needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class KBActor:
    """One actor as the knowledge base knows it."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    parent: str | None = None
    affiliate_of: list[str] = field(default_factory=list)
    operates_in: list[str] = field(default_factory=list)
    founded: str | None = None
    dissolved: str | None = None
    note: str | None = None
    origin: str = "builtin"


@dataclass(slots=True)
class State:
    """A state: the nationality words that point at it and the ids of its institutions."""

    id: str
    iso3: str
    name: str
    adjectives: list[str]
    demonyms: list[str]


@dataclass(slots=True)
class KnowledgeBase:
    """All actors, plus the nationality words and institution head nouns that resolve to states."""

    actors: dict[str, KBActor] = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)
    adjective_state: dict[str, str] = field(default_factory=dict)  # lower-case adjective → state id
    institution_heads: dict[str, str] = field(default_factory=dict)  # head noun → id suffix ("" = government)
    institution_kinds: dict[str, str] = field(default_factory=dict)  # id suffix → kind
    explicit_names: set[tuple[str, str]] = field(default_factory=set)  # (lower-case name, id) written by hand
    capital_state: dict[str, str] = field(default_factory=dict)  # capital city → state id ("Moscow said")

    def get(self, actor_id: str) -> KBActor | None:
        return self.actors.get(actor_id)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def __len__(self) -> int:
        return len(self.actors)

    def names(self) -> Iterator[tuple[str, str, bool]]:
        """(name, actor id, case sensitive) for every name an actor can be matched by."""
        for actor in self.actors.values():
            yield actor.name, actor.id, False
            for alias in actor.aliases:
                yield alias, actor.id, False
            for acronym in actor.acronyms:
                yield acronym, actor.id, True

    def prefer_explicit(self, name: str, ids: list[str]) -> list[str]:
        """Ids for a shared name, those that list it by hand before those a template generated it for."""
        key = name.lower()
        return sorted(ids, key=lambda actor_id: (key, actor_id) not in self.explicit_names)

    def state_of_adjective(self, word: str) -> str | None:
        """The state a nationality adjective ("Egyptian") names."""
        return self.adjective_state.get(word.lower())

    def institution(self, state_id: str, head: str) -> str | None:
        """The actor "<adjective of state> <head>" names: Egyptian army → egypt_military."""
        suffix = self.institution_heads.get(head.lower())
        if suffix is None:
            return None
        actor_id = f"{state_id}{suffix}"
        return actor_id if actor_id in self.actors else None

    def lineage(self, actor_id: str) -> list[str]:
        """The actor, its parent, its parent's parent … (part_of chain), without cycles."""
        seen: list[str] = []
        current: str | None = actor_id
        while current and current not in seen:
            seen.append(current)
            parent = self.actors.get(current)
            current = parent.parent if parent else None
        return seen

    def related(self, actor_id: str) -> set[str]:
        """Ids this actor is part of or affiliated with, directly or through its parents."""
        out: set[str] = set()
        for ancestor in self.lineage(actor_id):
            out.add(ancestor)
            actor = self.actors.get(ancestor)
            if actor:
                out.update(actor.affiliate_of)
        return out
