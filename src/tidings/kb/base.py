"""Knowledge-base records and the lookups resolution needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date


def parse_day(value: str | None, *, end: bool = False) -> date | None:
    """``2014``, ``2014-06`` or ``2014-06-08`` as a date; a partial date covers its whole year or month."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        if not end:
            return date(parts[0], parts[1], 1)
        nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], parts[1], parts[2])


@dataclass(frozen=True, slots=True)
class Role:
    """A post held from ``start`` to ``end`` (either open): while it lasts, the holder acts for ``actor``."""

    title: str
    actor: str  # the organisation the post belongs to: egypt (government), egypt_military, hamas …
    sector: str
    start: str | None = None
    end: str | None = None

    def covers(self, day: date) -> bool:
        first, last = parse_day(self.start), parse_day(self.end, end=True)
        return (first is None or day >= first) and (last is None or day <= last)


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """A dated change in an organisation's life: split_from, merged_into, renamed_from, pledged_to …"""

    kind: str
    actor: str
    date: str | None = None


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
    roles: list[Role] = field(default_factory=list)
    history: list[HistoryEvent] = field(default_factory=list)
    note: str | None = None
    origin: str = "builtin"

    def active_on(self, day: date) -> bool:
        """Whether the organisation existed on that day (unknown dates count as existing)."""
        first, last = parse_day(self.founded), parse_day(self.dissolved, end=True)
        return (first is None or day >= first) and (last is None or day <= last)


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
    iso3_state: dict[str, str] = field(default_factory=dict)  # ISO3 → state id

    def get(self, actor_id: str) -> KBActor | None:
        return self.actors.get(actor_id)

    def on(self, actor_id: str, day: date | None) -> KBActor | None:
        """The actor as it was on ``day``: a person holding a post takes the post's sector and parent.

        Out of office (or with no post on record for that day) a person keeps the entry's own
        sector, so a former president is not coded as the government.
        """
        actor = self.actors.get(actor_id)
        if actor is None or day is None or not actor.roles:
            return actor
        for role in actor.roles:
            if role.covers(day):
                owner = self.actors.get(role.actor)
                country = owner.country if owner and owner.country else actor.country
                return replace(actor, sector=role.sector, parent=role.actor, country=country)
        return actor

    def role_on(self, actor_id: str, day: date) -> Role | None:
        """The post an actor held on ``day``, if any."""
        actor = self.actors.get(actor_id)
        return next((r for r in actor.roles if r.covers(day)), None) if actor else None

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
        """Ids for a shared name: the user's actors first (their dictionaries override ours), then those
        that list the name by hand, then those a template generated it for."""
        key = name.lower()
        return sorted(ids, key=lambda actor_id: (self.actors[actor_id].origin == "builtin",
                                                 (key, actor_id) not in self.explicit_names))

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

    def children(self, actor_id: str) -> list[str]:
        """Ids whose parent or affiliation is this actor (for ``tidings actors show``)."""
        return sorted(a.id for a in self.actors.values() if a.parent == actor_id or actor_id in a.affiliate_of)

    def holders(self, actor_id: str) -> list[tuple[str, Role]]:
        """(person id, role) for every post on record in this organisation."""
        return [(a.id, r) for a in self.actors.values() for r in a.roles if r.actor == actor_id]
