"""Loading the data files shipped in ``tidings/data`` (lexicons, patterns, knowledge base)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import DataError


def data_path(name: str) -> Path:
    """Path of a shipped data file."""
    return Path(str(resources.files("tidings") / "data" / name))


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """A shipped YAML file, parsed once per process."""
    path = data_path(name)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise DataError(str(path), f"is not valid YAML: {exc}") from exc


def user_yaml_list(path: Path, key: str, what: str, *, empty_ok: bool = False) -> list[Any]:
    """A user's YAML file of entries: a list, or a mapping whose ``key`` holds the list."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(str(path), f"is not valid YAML: {exc}") from exc
    if data is None and empty_ok:
        return []
    if isinstance(data, dict):
        data = data.get(key, [])
    if not isinstance(data, list):
        raise DataError(str(path), f"must hold a list of {what} (or a mapping with a '{key}' list)")
    return data


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line of a JSONL file."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{number}", f"is not valid JSON: {exc.msg}") from exc
            if not isinstance(value, dict):
                raise DataError(f"{path}:{number}", "must be a JSON object")
            yield number, value


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """A JSON schema from ``data/schemas``."""
    with data_path(f"schemas/{name}").open(encoding="utf-8") as handle:
        return json.load(handle)
