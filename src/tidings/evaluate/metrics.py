"""Counting and scoring: precision/recall/F1 counts, accuracies, span overlap, distances."""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Score:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": _round(self.precision),
                "recall": _round(self.recall), "f1": _round(self.f1)}


@dataclass(slots=True)
class Accuracy:
    """Share of gold items we got right, for fields with one answer per record (city, date)."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": _round(self.value)}


@dataclass(slots=True)
class Miss:
    """One error, with its class (what kind of mistake) so errors can be grouped and ranked."""

    record: str
    field: str
    kind: str
    expected: str
    got: str
    text: str = ""
    weight: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"record": self.record, "field": self.field, "kind": self.kind, "expected": self.expected,
                "got": self.got, "text": self.text, "weight": self.weight}


@dataclass(slots=True)
class EvalResult:
    """Everything one scorer measured on one gold set."""

    dataset: str
    gold: str
    records: int = 0
    seconds: float = 0.0
    scores: dict[str, Score] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    stats: dict[str, float | int | str | None] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def score(self, name: str) -> Score:
        return self.scores.setdefault(name, Score())

    def accuracy(self, name: str) -> Accuracy:
        return self.accuracies.setdefault(name, Accuracy())

    def miss(self, record: str, field_name: str, kind: str, expected: object, got: object,
             text: str = "", weight: float = 1.0) -> None:
        self.misses.append(Miss(record, field_name, kind, _show(expected), _show(got), text, weight))

    def error_classes(self) -> list[tuple[str, int]]:
        """(field: kind, count), most frequent first."""
        counts: dict[str, int] = {}
        for miss in self.misses:
            key = f"{miss.field}: {miss.kind}"
            counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def worst(self, n: int = 15) -> list[Miss]:
        """The heaviest misses, at most a few per error class so one class does not hide the rest."""
        per_class: dict[str, int] = {}
        out: list[Miss] = []
        cap = max(2, n // max(1, len(self.error_classes())))
        for miss in sorted(self.misses, key=lambda m: -m.weight):
            key = f"{miss.field}: {miss.kind}"
            if per_class.get(key, 0) >= cap:
                continue
            per_class[key] = per_class.get(key, 0) + 1
            out.append(miss)
            if len(out) >= n:
                break
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset, "gold": self.gold, "records": self.records,
            "seconds": round(self.seconds, 1),
            "scores": {k: v.to_dict() for k, v in self.scores.items()},
            "accuracies": {k: v.to_dict() for k, v in self.accuracies.items()},
            "stats": dict(self.stats),
            "error_classes": dict(self.error_classes()),
            "misses": [m.to_dict() for m in self.misses],
            "notes": list(self.notes),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _show(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(sorted(str(v) for v in value)) or "—"
    return str(value)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def norm(text: str) -> str:
    """Lower-case, accents and punctuation removed, single spaces: for name comparison."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]s\b", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    text = re.sub(r"^(the) ", "", text.strip())
    return text.strip()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def median(values: Iterable[float]) -> float | None:
    items = list(values)
    return statistics.median(items) if items else None


def match_pairs(gold: list[Any], predicted: list[Any], same: Any) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Greedy one-to-one matching: (gold index, predicted index) pairs, unmatched gold, unmatched predicted."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    missed: list[int] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if pi not in used and same(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
        else:
            missed.append(gi)
    extra = [pi for pi in range(len(predicted)) if pi not in used]
    return pairs, missed, extra
