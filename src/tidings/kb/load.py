"""Reading the knowledge base: shipped states, institutions and actors, then user files on top."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from tidings.errors import DataError, InputError
from tidings.kb.base import HistoryEvent, KBActor, KnowledgeBase, Role, State
from tidings.kb.cache import cached, digest
from tidings.resources import data_path, iter_jsonl, load_schema, load_yaml, user_yaml_list

_ACTOR_FIELDS = set(KBActor.__slots__) - {"origin"}  # type: ignore[attr-defined]
_LIST_FIELDS = ("aliases", "acronyms", "descriptions", "affiliate_of", "operates_in", "roles", "history")


def actor_files() -> list[Path]:
    """The shipped actor files: actors.jsonl, then every ``actors/*.jsonl`` in name order."""
    folder = data_path("actors")
    return [data_path("actors.jsonl"), *sorted(folder.glob("*.jsonl"))]


def _typed(entry: dict[str, Any]) -> dict[str, Any]:
    """JSON values as the records hold them: roles and history as frozen dataclasses."""
    out = dict(entry)
    if "roles" in out:
        out["roles"] = [Role(**r) for r in out["roles"]]
    if "history" in out:
        out["history"] = [HistoryEvent(**h) for h in out["history"]]
    return out


def _state_actors(kb: KnowledgeBase, state: dict[str, Any], institutions: list[dict[str, Any]]) -> None:
    adjective = state["adjectives"][0]
    fill = {"name": state["name"], "adj": adjective}
    for institution in institutions:
        actor_id = state["id"] + institution["suffix"]
        aliases: list[str] = []
        for template in institution.get("aliases", []):
            for adj in state["adjectives"]:
                aliases.append(template.format(name=state["name"], adj=adj))
        if institution["suffix"] == "":
            aliases += state.get("aliases", [])
        kb.actors[actor_id] = KBActor(
            id=actor_id,
            name=institution["name"].format(**fill),
            kind=institution["kind"],
            country=state["iso3"],
            sector=institution["sector"],
            wikidata=state.get("wikidata") if institution["suffix"] == "" else None,
            aliases=sorted(set(aliases)),
            acronyms=list(state.get("acronyms", [])) if institution["suffix"] == "" else [],
            parent=None if institution["suffix"] == "" else state["id"],
            operates_in=[state["iso3"]],
        )
        kb.institution_kinds[institution["suffix"]] = institution["kind"]
        for head in institution["heads"]:
            kb.institution_heads[head.lower()] = institution["suffix"]


def _merge(kb: KnowledgeBase, entry: dict[str, Any], *, origin: str) -> None:
    """Add an actor, or extend the one with the same id: given fields win, names accumulate."""
    for name in [entry.get("name", ""), *entry.get("aliases", []), *entry.get("acronyms", [])]:
        if name:
            kb.explicit_names.add((name.lower(), entry["id"]))
    unknown = set(entry) - _ACTOR_FIELDS
    if unknown:
        raise DataError(origin, f"actor {entry.get('id')!r} has unknown field(s) {sorted(unknown)}")
    entry = _typed(entry)
    existing = kb.actors.get(entry["id"])
    if existing is None:
        if "name" not in entry or "kind" not in entry:
            raise DataError(origin, f"new actor {entry['id']!r} needs a name and a kind")
        kb.actors[entry["id"]] = KBActor(**entry, origin=origin)
        return
    for key, value in entry.items():
        if key in _LIST_FIELDS:
            merged = list(getattr(existing, key)) + [v for v in value if v not in getattr(existing, key)]
            setattr(existing, key, merged)
        elif key != "id":
            setattr(existing, key, value)
    existing.origin = origin


def _validate(entry: dict[str, Any], schema: str, where: str) -> None:
    try:
        jsonschema.validate(entry, load_schema(schema))
    except jsonschema.ValidationError as exc:
        path = "/".join(str(p) for p in exc.absolute_path) or "(entry)"
        raise DataError(where, f"{path}: {exc.message}") from None


def _read_user_file(path: Path) -> Iterable[tuple[str, dict[str, Any]]]:
    """User actor entries from YAML (a list, or {actors: [...]}) or JSONL, with where each came from."""
    if not path.is_file():
        raise InputError(f"no actor file at {str(path)!r}: check the path given to --actors")
    if path.suffix.lower() in (".yaml", ".yml"):
        for index, entry in enumerate(user_yaml_list(path, "actors", "actors"), start=1):
            if not isinstance(entry, dict):
                raise DataError(f"{path} entry {index}", "each actor must be a mapping")
            yield f"{path} entry {index}", entry
    elif path.suffix.lower() == ".jsonl":
        for number, entry in iter_jsonl(path):
            yield f"{path}:{number}", entry
    elif path.suffix.lower() == ".txt":
        from tidings.kb.petrarch import petrarch_to_entries

        for entry in petrarch_to_entries(path):
            yield f"{path} ({entry['id']})", entry
    else:
        raise InputError(
            f"cannot read actors from {str(path)!r}: use a .yaml, .yml or .jsonl file, "
            "or a PETRARCH actor dictionary (.txt)"
        )


def build_kb(*, user_files: Sequence[Path] = ()) -> KnowledgeBase:
    """Shipped knowledge base plus the user's files, which override built-in entries."""
    kb = KnowledgeBase()
    institutions = load_yaml("institutions.yaml")["institutions"]
    for _, state in iter_jsonl(data_path("states.jsonl")):
        kb.iso3_state[state["iso3"]] = state["id"]
        kb.states[state["id"]] = State(
            id=state["id"], iso3=state["iso3"], name=state["name"],
            adjectives=list(state["adjectives"]), demonyms=list(state.get("demonyms", [])),
        )
        for adjective in state["adjectives"]:
            kb.adjective_state.setdefault(adjective.lower(), state["id"])
        if state.get("capital"):
            kb.capital_state.setdefault(state["capital"], state["id"])
        _state_actors(kb, state, institutions)
    for path in actor_files():
        for _, entry in iter_jsonl(path):
            _merge(kb, entry, origin="builtin")
    for path in user_files:
        for where, entry in _read_user_file(Path(path)):
            _validate(entry, "actor.schema.json", where)
            _merge(kb, entry, origin=f"user:{path}")
    return kb


def source_files(user_files: Sequence[Path] = ()) -> list[Path]:
    """Every file the knowledge base is built from, ours first."""
    return [data_path("states.jsonl"), data_path("institutions.yaml"), *actor_files(), *map(Path, user_files)]


def kb_key(user_files: Sequence[Path] = ()) -> str:
    """The cache key of the knowledge base built from these user files."""
    return digest(source_files(user_files))


@lru_cache(maxsize=8)
def load_kb(user_files: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The knowledge base for these user files: from the disk cache when current, else built."""
    for path in user_files:
        if not Path(path).is_file():
            raise InputError(f"no actor file at {str(path)!r}: check the path given to --actors")
    return cached("kb", kb_key(user_files), lambda: build_kb(user_files=user_files))
