"""The time words and forms of ``data/time_patterns.yaml``, validated and indexed once.

The YAML is the only place where English time vocabulary lives; this module
turns it into lookup tables (word → month, word → weekday …) that both the
finder and the resolver share, so the two cannot disagree about a word.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from tidings.errors import DataError

DATA_FILE = "time_patterns.yaml"
SCHEMA_FILE = "time_patterns.schema.json"


class _NoTimestampLoader(yaml.SafeLoader):
    """A safe loader that keeps ``2016-06-06`` a string, so the schema can check it."""


_NoTimestampLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class Holiday:
    """A named holiday: dated by a fixed month-day, a table of observed dates, or not at all (reason)."""

    name: str
    phrases: tuple[str, ...]
    kind: str  # table | fixed | unresolvable
    dates: tuple[tuple[date, date], ...] = ()
    month_day: tuple[int, int] | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Form:
    """A family of token sequences the finder matches, and the resolver kind that dates them."""

    name: str
    kind: str
    sequences: tuple[tuple[str, ...], ...]


@dataclass(slots=True)
class TimeLexicon:
    """Everything the time stage knows about English time words."""

    month_of: dict[str, int]
    month_names: frozenset[str]
    month_ambiguous: frozenset[str]
    month_abbreviations: frozenset[str]
    month_context: frozenset[str]
    year_context: frozenset[str]
    weekday_of: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    words: dict[str, frozenset[str]]
    number_values: dict[str, int]
    day_offsets: dict[str, int]
    units: dict[str, str]
    positions: dict[str, dict[str, tuple[int, int]]]
    position_nouns: dict[str, str]
    shapes: dict[str, re.Pattern[str]]
    unresolvable: dict[str, str]  # phrase (lower case) → reason
    holidays: tuple[Holiday, ...]
    forms: tuple[Form, ...]
    raw_shapes: dict[str, str] = field(default_factory=dict)

    def word_class(self, name: str) -> frozenset[str] | None:
        """The words a slot name stands for, or None when the slot is a shape."""
        if name == "month":
            return frozenset(self.month_of)
        if name == "weekday":
            return frozenset(self.weekday_of)
        if name == "season":
            return frozenset(self.seasons)
        return self.words.get(name)

    def shape(self, name: str, text: str) -> bool:
        """Whether ``text`` has the named shape (``year``, ``day`` …)."""
        return bool(self.shapes[name].match(text))


DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _load_raw(path: Path | None) -> tuple[dict[str, Any], str]:
    source = path or DATA_DIR / DATA_FILE
    where = str(path) if path else f"tidings/data/{DATA_FILE}"
    text = source.read_text(encoding="utf-8")
    schema = json.loads((DATA_DIR / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8"))
    try:
        data = yaml.load(text, Loader=_NoTimestampLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        raise DataError(where, f"not valid YAML: {err}") from err
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as err:
        loc = "/".join(str(p) for p in err.absolute_path)
        raise DataError(where, f"at {loc or 'top level'}: {err.message}") from err
    return data, where


def _holiday(entry: dict[str, Any]) -> Holiday:
    dates = tuple(
        (date.fromisoformat(a), date.fromisoformat(b)) for a, b in entry.get("dates", [])
    )
    md = entry.get("month_day")
    return Holiday(
        name=entry["name"],
        phrases=tuple(entry["phrases"]),
        kind=entry["kind"],
        dates=tuple(sorted(dates)),
        month_day=(md[0], md[1]) if md else None,
        reason=entry.get("reason"),
    )


def build_lexicon(data: dict[str, Any], where: str = DATA_FILE) -> TimeLexicon:
    """Index validated YAML data; raise DataError for what the schema cannot check."""
    month_of: dict[str, int] = {}
    names: set[str] = set()
    ambiguous: set[str] = set()
    abbreviations: set[str] = set()
    for entry in data["months"]:
        for key, bucket in (("names", names), ("ambiguous", ambiguous), ("abbreviations", abbreviations)):
            for word in entry.get(key, []):
                month_of[word.lower()] = entry["month"]
                bucket.add(word.lower())
    if sorted(set(month_of.values())) != list(range(1, 13)):
        raise DataError(where, "months must cover 1..12")
    shapes: dict[str, re.Pattern[str]] = {}
    for name, rx in data["shapes"].items():
        try:
            shapes[name] = re.compile(rx, re.IGNORECASE)
        except re.error as err:
            raise DataError(where, f"shapes/{name}: bad regular expression: {err}") from err
    words = {name: frozenset(w.lower() for w in ws) for name, ws in data["words"].items()}
    lex = TimeLexicon(
        month_of=month_of,
        month_names=frozenset(names),
        month_ambiguous=frozenset(ambiguous),
        month_abbreviations=frozenset(abbreviations),
        month_context=frozenset(w.lower() for w in data["month_context"]),
        year_context=frozenset(w.lower() for w in data["year_context"]),
        weekday_of={k.lower(): v for k, v in data["weekdays"].items()},
        seasons={k.lower(): (v[0], v[1]) for k, v in data["seasons"].items()},
        words=words,
        number_values={k.lower(): v for k, v in data["number_values"].items()},
        day_offsets={k.lower(): v["offset"] for k, v in data["day_words"].items()},
        units={k.lower(): v for k, v in data["units"].items()},
        positions={k: {p: (b[0], b[1]) for p, b in v.items()} for k, v in data["positions"].items()},
        position_nouns=dict(data["position_nouns"]),
        shapes=shapes,
        unresolvable={e["phrase"].lower(): e["reason"] for e in data["unresolvable"]},
        holidays=tuple(_holiday(h) for h in data["holidays"]),
        forms=tuple(
            Form(f["name"], f["kind"], tuple(tuple(s) for s in f["sequences"])) for f in data["forms"]
        ),
        raw_shapes=dict(data["shapes"]),
    )
    for form in lex.forms:
        for seq in form.sequences:
            for slot in seq:
                name = slot.rstrip("?")
                if not name.startswith("=") and lex.word_class(name) is None and name not in shapes:
                    raise DataError(where, f"form {form.name!r} uses unknown slot {name!r}")
    return lex


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> TimeLexicon:
    """The lexicon from the shipped YAML (or ``path``), cached: loading validates the schema."""
    data, where = _load_raw(Path(path) if path else None)
    return build_lexicon(data, where)


__all__ = ["Holiday", "Form", "TimeLexicon", "build_lexicon", "load_lexicon"]
