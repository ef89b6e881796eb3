"""The PLOVER predicate lexicon (data/predicates.jsonl) and the type facts of data/plover.yaml."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tidings.resources import data_path, iter_jsonl, load_yaml


@dataclass(frozen=True, slots=True)
class Predicate:
    """One lexicon entry: a trigger word, the constraints around it, and what it codes."""

    trigger: str
    pos: str
    type: str
    mode: str | None = None
    particle: str | None = None
    object: tuple[str, ...] = ()
    prep: str | None = None
    compound: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    actor: tuple[str, ...] = ("subj",)
    recipient: tuple[str, ...] = ("obj",)
    symmetric: bool = False
    ambiguous: bool = False
    cameo: str | None = None
    confidence: float = 0.8
    cue: str | None = None
    intransitive: bool = False
    example: str = ""
    line: int = 0

    @property
    def specificity(self) -> int:
        """More constraints met means a more specific reading: "launch an attack" beats "launch"."""
        return (2 if self.object else 0) + (2 if self.particle else 0) + (1 if self.prep else 0) + len(self.compound)

    @property
    def label(self) -> str:
        parts = [self.trigger]
        if self.particle:
            parts.append(self.particle)
        if self.object:
            parts.append("+" + "|".join(self.object))
        if self.prep:
            parts.append(self.prep)
        return f"{' '.join(parts)}/{self.pos}#{self.line}"


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass(slots=True)
class Lexicon:
    """Predicates indexed by (trigger lemma, part of speech)."""

    by_trigger: dict[tuple[str, str], list[Predicate]] = field(default_factory=dict)

    def candidates(self, lemma: str, pos: str) -> list[Predicate]:
        return self.by_trigger.get((lemma, pos), [])

    def __len__(self) -> int:
        return len({id(p) for v in self.by_trigger.values() for p in v})


def _predicate(entry: dict[str, Any], line: int) -> Predicate:
    return Predicate(
        trigger=entry["trigger"].lower(),
        pos=entry["pos"],
        type=entry["type"],
        mode=entry.get("mode"),
        particle=entry.get("particle"),
        object=_as_tuple(entry.get("object")),
        prep=entry.get("prep"),
        compound=_as_tuple(entry.get("compound")),
        context=_as_tuple(entry.get("context")),
        actor=_as_tuple(entry.get("actor")) or ("subj",),
        recipient=_as_tuple(entry.get("recipient")) or ("obj",),
        symmetric=bool(entry.get("symmetric", False)),
        ambiguous=bool(entry.get("ambiguous", False)),
        cameo=entry.get("cameo"),
        confidence=float(entry.get("confidence", 0.8)),
        cue=entry.get("cue"),
        intransitive=bool(entry.get("intransitive", False)),
        example=entry.get("example", ""),
        line=line,
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    lexicon = Lexicon()
    for line, entry in iter_jsonl(data_path("predicates.jsonl")):
        predicate = _predicate(entry, line)
        # "variants": other lemmas the model gives inflected forms ("staged" -> "stag")
        for lemma in (predicate.trigger, *entry.get("variants", ())):
            lexicon.by_trigger.setdefault((lemma.lower(), predicate.pos), []).append(predicate)
    return lexicon


def load_lexicon_with(files: Sequence[str | Path], *, lemmatize: Callable[[str, str], str] | None = None) -> Lexicon:
    """The built-in lexicon merged with user lexicon files (ours or PETRARCH verb dictionaries).

    A user file that lists a trigger replaces every built-in entry of that trigger and part of
    speech, so a dictionary's own patterns decide how its verbs code; later files win over earlier
    ones the same way. Not cached: the pipeline that holds it is (tidings.nlp).
    """
    from tidings.lexicon_files import read_predicate_file, simple_lemma

    merged = Lexicon(by_trigger={key: list(values) for key, values in load_lexicon().by_trigger.items()})
    for path in files:
        user = Lexicon()
        for entry in read_predicate_file(Path(path), lemmatize=lemmatize or simple_lemma):
            predicate = _predicate(entry, 0)
            for lemma in (predicate.trigger, *entry.get("variants", ())):
                user.by_trigger.setdefault((lemma.lower(), predicate.pos), []).append(predicate)
        merged.by_trigger.update(user.by_trigger)
    return merged


def default_cameo(event_type: str) -> str | None:
    """The generic CAMEO code of a type (its first root + "0"), for events whose type a rule changed."""
    roots = plover_types().get(event_type, {}).get("cameo_roots") or []
    return f"{roots[0]}0" if roots else None


@lru_cache(maxsize=1)
def plover_types() -> dict[str, dict[str, Any]]:
    """Type name → its facts (modes, recipient rule, score) from data/plover.yaml."""
    data = load_yaml("plover.yaml")
    types = data["types"]
    if isinstance(types, list):
        return {t["name"]: t for t in types}
    return dict(types)


def type_score(event_type: str) -> float:
    """Cooperation (+) or hostility (−) of an event type, for relations between actors."""
    return float(plover_types().get(event_type, {}).get("score", 0.0))


def recipient_required(event_type: str) -> bool:
    return bool(plover_types().get(event_type, {}).get("requires_recipient", False))
