"""The type tables that translate other ontologies (CAMEO, KAIROS, PLOVER 0.5) to PLOVER 2.0."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import jsonschema

from tidings.errors import DataError
from tidings.resources import load_schema, load_yaml


@dataclass(frozen=True, slots=True)
class Mapped:
    """Where one source type lands in PLOVER 2.0; ``type`` None means out of scope."""

    type: str | None
    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclass(slots=True)
class TypeMapping:
    """One translation table; prefix lookup lets CAMEO 0314 fall back to 031 and then 03."""

    name: str
    prefix: bool
    entries: dict[str, Mapped]
    roles: dict[str, str] = field(default_factory=dict)

    def get(self, source: str) -> Mapped | None:
        """The PLOVER entry for a source type, or None when the table does not know it at all."""
        key = source.strip()
        if key in self.entries:
            return self.entries[key]
        if not self.prefix:
            return None
        candidates = [k for k in self.entries if key.startswith(k)]
        if not candidates:
            return None
        return self.entries[max(candidates, key=len)]

    def plover(self, source: str) -> str | None:
        """Just the PLOVER type (None when unknown or out of scope)."""
        mapped = self.get(source)
        return mapped.type if mapped else None


@lru_cache(maxsize=None)
def load_mapping(name: str) -> TypeMapping:
    """A table from ``data/mappings/<name>.yaml``, validated against its schema."""
    data = load_yaml(f"mappings/{name}.yaml")
    try:
        jsonschema.validate(data, load_schema("type_mapping.schema.json"))
    except jsonschema.ValidationError as exc:
        raise DataError(f"mappings/{name}.yaml", exc.message) from None
    entries: dict[str, Mapped] = {}
    for entry in data["entries"]:
        if entry["source"] in entries:
            raise DataError(f"mappings/{name}.yaml", f"{entry['source']!r} is listed twice")
        entries[entry["source"]] = Mapped(entry["type"], entry.get("mode"), tuple(entry.get("context", [])))
    return TypeMapping(name=name, prefix=data.get("lookup") == "prefix", entries=entries,
                       roles=dict(data.get("roles", {})))


_CAMEO_DIGITS = re.compile(r"^\d+")


def cameo_to_plover(code: str) -> str | None:
    """PLOVER type of a CAMEO event code; letters PETRARCH appends (174L) are ignored."""
    match = _CAMEO_DIGITS.match(code.strip())
    if not match or len(match.group()) < 2:
        return None
    digits = match.group()
    # a 3-digit CAMEO code under 100 is written with a leading zero (041); "345" has no root "34"
    return load_mapping("cameo_to_plover").plover(digits)


def kairos_to_plover(event_type: str) -> Mapped | None:
    """PLOVER entry of a KAIROS type, falling back from subtype to type (Conflict.Attack.X)."""
    table = load_mapping("kairos_to_plover")
    parts = event_type.split(".")
    for size in range(len(parts), 0, -1):
        mapped = table.entries.get(".".join(parts[:size]))
        if mapped is not None:
            return mapped
    return None


def plover05_to_plover2(event_type: str) -> str | None:
    """PLOVER 2.0 type of a PLOVER 0.5 type (DEMAND → REQUEST …)."""
    return load_mapping("plover05_to_plover2").plover(event_type)
