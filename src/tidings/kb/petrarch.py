"""Reading PETRARCH/TABARI actor dictionaries, so users with legacy CAMEO dictionaries can use them.

The format, as PETRARCH's validation and Phoenix dictionaries write it::

    GONDOR [GON]                 a name and its CAMEO code; ``_`` joins words
    +MINAS_TIRITH                a synonym of the entry above
    GOLLUM  # comment
    +SMEAGOL
        [HOB < 950601]           codes on their own lines, with date restrictions:
        [HOBGOV 19950601 - 19990815]   ``<`` before, ``>`` after, ``a - b`` between
    <!-- comment -->             comments, possibly over several lines

A name line without a code followed directly by another name joins that
next entry (PETRARCH's dictionaries use this for spelling variants). A
trailing ``_`` (exact word, no suffixes) is dropped: tidings matches whole
names only, so stems like ``ARGENTIN`` match nothing. Codes ``---`` (unknown)
and ``+++`` are kept for scoring but give the actor no country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import pycountry

from tidings.errors import DataError, InputError
from tidings.resources import load_schema, load_yaml

_CODE = re.compile(r"\[([^\]]*)\]")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_RESTRICTION = re.compile(r"^(?P<code>[^\s<>]+)?\s*(?:(?P<op>[<>])\s*(?P<one>\d+)|(?P<a>\d+)\s*-\s*(?P<b>\d+))?\s*$")


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A CAMEO code, valid from ``start`` to ``end`` (either open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(slots=True)
class PetrarchActor:
    """One dictionary entry: its names and its (possibly dated) codes."""

    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    line: int = 0

    @property
    def id(self) -> str:
        return slug(self.name)

    def code_on(self, day: date | None) -> str | None:
        """The code valid on a date: the first dated code that covers it, else the undated default."""
        if day is not None:
            for code in self.codes:
                if code.dated and code.valid_on(day):
                    return code.code
        undated = [c.code for c in self.codes if not c.dated]
        if undated:
            return undated[0]
        return self.codes[-1].code if self.codes else None

    def codes_on(self, day: date | None) -> list[str]:
        """Every code the entry stands for on a date: ``LORIEN [ELR/GAL]`` is two actors at once."""
        if day is not None:
            dated = [c.code for c in self.codes if c.dated and c.valid_on(day)]
            if dated:
                return dated
        undated = [c.code for c in self.codes if not c.dated]
        return undated or ([self.codes[-1].code] if self.codes else [])


def slug(name: str) -> str:
    """A knowledge-base id from a dictionary name: ``HAMAS_MILITARY_COMMAND`` → ``hamas_military_command``."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "actor"


def _name(raw: str) -> str:
    words = raw.strip().rstrip("_").replace("_", " ")
    return re.sub(r"\s+", " ", words).strip()


def _date(digits: str) -> date | None:
    try:
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if len(digits) == 6:
            year = int(digits[:2])
            return date(2000 + year if year < 30 else 1900 + year, int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    return None


def parse_code(block: str) -> list[DatedCode]:
    """``HOBGOV 19950601 - 19990815`` → one DatedCode; ``ELR/GAL`` → two; unreadable dates are dropped."""
    match = _RESTRICTION.match(block.strip())
    if not match or not match.group("code"):
        return []
    start = end = None
    if match.group("op") == "<":
        end = _date(match.group("one"))
    elif match.group("op") == ">":
        start = _date(match.group("one"))
    elif match.group("a"):
        start, end = _date(match.group("a")), _date(match.group("b"))
    return [DatedCode(code.upper(), start, end) for code in match.group("code").split("/") if code]


def read_petrarch_actors(path: str | Path) -> list[PetrarchActor]:
    """Every entry of a PETRARCH actor dictionary, in file order."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no PETRARCH dictionary at {str(path)!r}: check the path")
    text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), path.read_text(encoding="utf-8", errors="replace"))
    actors: list[PetrarchActor] = []
    pending: list[str] = []  # names seen without a code yet
    current: PetrarchActor | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.strip().startswith("<"):
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is not None:
                current.synonyms.append(_name(stripped[1:]))
            continue
        if stripped.startswith("["):
            if current is None:
                raise DataError(f"{path}:{number}", "a code line comes before any name")
            for block in _CODE.findall(stripped):
                current.codes.extend(parse_code(block))
            continue
        name_part = _CODE.split(stripped)[0]
        if current is not None and not current.codes:
            pending.extend([current.name, *current.synonyms])
            actors.pop()
        current = PetrarchActor(name=_name(name_part), line=number)
        current.synonyms.extend(pending)
        pending = []
        for block in _CODE.findall(stripped):
            current.codes.extend(parse_code(block))
        actors.append(current)
    if current is not None and not current.codes:
        actors.pop()
    return [a for a in actors if a.name]


@lru_cache(maxsize=1)
def _sectors() -> dict[str, Any]:
    data = load_yaml("mappings/petrarch_sectors.yaml")
    jsonschema.validate(data, load_schema("petrarch_sectors.schema.json"))
    return data


@lru_cache(maxsize=None)
def _iso3(root: str) -> str | None:
    return root if len(root) == 3 and pycountry.countries.get(alpha_3=root) is not None else None


def describe_code(code: str) -> tuple[str | None, str | None, str | None]:
    """(ISO3 country or None, sector triple or None, kind or None) of a CAMEO actor code."""
    table = _sectors()
    triples = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not triples or not triples[0].isalpha():
        return None, None, None
    country = _iso3(triples[0])
    sector = kind = None
    for triple in triples[(1 if country or triples[0] not in table["sectors"] else 0):]:
        if triple in table["sectors"]:
            sector, kind = triple, table["sectors"][triple]
    if kind is None:
        kind = table["country_kind"] if len(triples) == 1 else None
    return country, sector, kind


def petrarch_to_entries(path: str | Path, *, on: date | None = None) -> list[dict[str, Any]]:
    """Knowledge-base entries (valid under actor.schema.json) for a PETRARCH actor dictionary.

    Entries that share an id are merged (their names become aliases). ``on``
    picks the code valid on that date for kind, country and sector; the codes
    themselves are kept in ``note`` as ``petrarch:CODE``.
    """
    table = _sectors()
    merged: dict[str, dict[str, Any]] = {}
    for actor in read_petrarch_actors(path):
        code = actor.code_on(on) or ""
        country, sector, kind = describe_code(code)
        if any(c.dated for c in actor.codes) and len({c.code for c in actor.codes}) > 1:
            kind = table["dated_kind"]
        entry: dict[str, Any] = {"id": actor.id, "name": actor.name.title() if actor.name.isupper() else actor.name,
                                 "kind": kind or table["country_kind"]}
        if country:
            entry["country"] = country
        if sector:
            entry["sector"] = sector
        aliases = [actor.name, *actor.synonyms]
        entry["aliases"] = sorted({a for a in aliases if len(a) >= 2})
        entry["note"] = "petrarch:" + " ".join(sorted({c.code for c in actor.codes}))
        old = merged.get(entry["id"])
        if old is None:
            merged[entry["id"]] = entry
        else:
            old["aliases"] = sorted(set(old["aliases"]) | set(entry["aliases"]))
    validator = jsonschema.Draft202012Validator(load_schema("actor.schema.json"))
    for entry in merged.values():
        error = jsonschema.exceptions.best_match(validator.iter_errors(entry))
        if error is not None:
            raise DataError(str(path), f"entry {entry['id']!r}: {error.message}")
    return list(merged.values())


__all__ = ["DatedCode", "PetrarchActor", "read_petrarch_actors", "petrarch_to_entries", "parse_code",
           "describe_code", "slug"]
