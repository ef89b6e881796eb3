"""Shared lookups for the table formats: PLOVER → ACLED types, ACLED inter codes and regions, countries.

The tables are data (``data/mappings/plover_to_acled.yaml``, validated by
``data/schemas/acled_mapping.schema.json``); this module only reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jsonschema

from tidings.errors import DataError
from tidings.resources import load_schema, load_yaml

MAPPING = "mappings/plover_to_acled.yaml"


@dataclass(frozen=True, slots=True)
class AcledType:
    disorder_type: str
    event_type: str
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class AcledTables:
    rules: tuple[dict[str, Any], ...]
    sectors: dict[str, int]
    kinds: dict[str, int]
    regions: dict[str, str]  # ISO3 → ACLED region


@lru_cache(maxsize=1)
def acled_tables() -> AcledTables:
    data = load_yaml(MAPPING)
    try:
        jsonschema.validate(data, load_schema("acled_mapping.schema.json"))
    except jsonschema.ValidationError as exc:
        raise DataError(MAPPING, f"does not match its schema: {exc.message}") from exc
    regions = {code: region for region, codes in data["regions"].items() for code in codes}
    return AcledTables(tuple(data["events"]), data["inter"]["sectors"], data["inter"]["kinds"], regions)


def inter_code(actor: dict[str, Any] | None) -> int:
    """ACLED's inter code of an actor (0 when there is none or it cannot be told)."""
    if not actor:
        return 0
    tables = acled_tables()
    sector = actor.get("sector")
    if sector and sector in tables.sectors:
        return tables.sectors[sector]
    return tables.kinds.get(actor.get("kind") or "", 0)


def acled_type(event_type: str, mode: str | None, recipient_inters: Iterable[int]) -> AcledType:
    """The first rule matching the PLOVER type, mode and the recipients' inter codes."""
    inters = set(recipient_inters)
    for rule in acled_tables().rules:
        if "type" in rule and rule["type"] != event_type:
            continue
        if "modes" in rule and mode not in rule["modes"]:
            continue
        if "recipient_inter" in rule and not inters & set(rule["recipient_inter"]):
            continue
        return AcledType(rule["disorder_type"], rule["event_type"], rule["sub_event_type"])
    raise DataError(MAPPING, f"no rule for {event_type}: the last rule must have no type (a catch-all)")


@dataclass(frozen=True, slots=True)
class Country:
    alpha3: str
    alpha2: str | None
    numeric: int | None
    name: str


@lru_cache(maxsize=512)
def country(code: str | None) -> Country | None:
    """ISO 3166 facts of an alpha-3 code (pycountry), or None for no code or an unknown one."""
    if not code:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=code.upper())
    if found is None:
        return Country(code.upper(), None, None, code.upper()) if code.upper() == "XKX" else None
    name = getattr(found, "common_name", None) or found.name
    return Country(found.alpha_3, found.alpha_2, int(found.numeric), name)


def region(code: str | None) -> str:
    return acled_tables().regions.get((code or "").upper(), "")


@lru_cache(maxsize=1)
def quad_codes() -> dict[str, int]:
    """PLOVER type → quad class number (1 verbal cooperation … 4 material conflict)."""
    data = load_yaml("plover.yaml")
    return {name: data["quad_classes"][spec["quad"]] for name, spec in data["types"].items()}


__all__ = ["AcledType", "acled_tables", "acled_type", "inter_code", "country", "region", "quad_codes", "Country"]
