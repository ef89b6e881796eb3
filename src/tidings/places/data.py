"""Reading our own place data files (validated against their schemas) and the states lexicon."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import DataError
from tidings.places.text import fold
from tidings.resources import iter_jsonl

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REGIONS_PATH = DATA_DIR / "regions.yaml"
CENTROIDS_PATH = DATA_DIR / "country_centroids.jsonl"
# Written by the actors side: nationality adjectives and demonyms per state.
STATES_PATH = DATA_DIR / "states.jsonl"


def _schema(name: str) -> dict[str, Any]:
    with open(DATA_DIR / "schemas" / name, encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


def _validate(record: Any, schema: dict[str, Any], where: str) -> None:
    import jsonschema  # only when (re)building: the cached gazetteer needs no validation

    try:
        jsonschema.validate(record, schema)
    except jsonschema.ValidationError as exc:
        raise DataError(where, exc.message) from None


def load_regions(path: Path = REGIONS_PATH) -> dict[str, Any]:
    """The curated regions file, checked against ``regions.schema.json``."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    _validate(data, _schema("regions.schema.json"), str(path))
    ids = [r["id"] for r in data["regions"]]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DataError(str(path), f"duplicate region ids {dupes}")
    return dict(data)


def load_centroids(path: Path = CENTROIDS_PATH) -> list[dict[str, Any]]:
    """Country centroids and English names, one JSON object a line."""
    schema = _schema("country_centroid.schema.json")
    rows: list[dict[str, Any]] = []
    for n, row in iter_jsonl(Path(path)):
        _validate(row, schema, f"{path}:{n}")
        rows.append(row)
    return rows


@lru_cache(maxsize=4)
def nationality_lexicon(path: Path = STATES_PATH) -> dict[str, str]:
    """Folded nationality word -> ISO3 ("egyptian" -> "EGY"), from states.jsonl when it exists.

    The file belongs to the actor side; without it, nationality words simply
    do not count towards an article's main country.
    """
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            iso3 = row.get("iso3")
            if not isinstance(iso3, str):
                continue
            for word in [*row.get("adjectives", []), *row.get("demonyms", [])]:
                out.setdefault(fold(word), iso3)
    return out


def digest(*paths: Path) -> str:
    """A short hash of the given files' bytes (the gazetteer cache key)."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


__all__ = [
    "DATA_DIR", "REGIONS_PATH", "CENTROIDS_PATH", "STATES_PATH",
    "load_regions", "load_centroids", "nationality_lexicon", "digest",
]
