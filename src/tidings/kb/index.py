"""The alias index: every name of every actor as folded token sequences, matched longest first.

Names are tokenized with the pipeline's own tokenizer once and kept in a
disk cache (see :mod:`tidings.kb.cache`), because building spaCy
PhraseMatchers for ~15,000 names took most of the start-up time. Folding makes
matching case- and diacritic-insensitive (Erdoğan = Erdogan, Da’esh = Da'esh)
and ignores hyphens (al-Qaeda = al Qaeda); acronyms keep their case (IS, IDF).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tidings.kb.base import KnowledgeBase

HYPHENS = frozenset({"-", "‐", "‑", "–"})
# letters NFKD does not decompose, and the quote marks transliterations use for ayn and hamza
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "`": "'", "ı": "i", "ø": "o",
                       "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "œ": "oe"})
# a fuzzy candidate must share a token that fewer than this many names contain ("forces" narrows nothing)
MAX_TOKEN_NAMES = 60

Key = tuple[str, ...]


def fold(text: str) -> str:
    """Lower case without diacritics, with one apostrophe: the form names are compared in."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def strip_marks(text: str) -> str:
    """Diacritics removed but case kept (for case-sensitive acronyms)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(slots=True)
class AliasIndex:
    """Names by their first token; ``labels[k]`` lists the actor ids name ``k`` can mean, best first."""

    folded: dict[str, list[tuple[Key, int]]] = field(default_factory=dict)
    exact: dict[str, list[tuple[Key, int]]] = field(default_factory=dict)
    labels: list[list[str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    token_labels: dict[str, list[int]] = field(default_factory=dict)

    def match(self, words: Sequence[str]) -> list[tuple[int, int, int]]:
        """(start, end, label) of every name found in the token texts, overlaps removed, longest first."""
        keep = [k for k, w in enumerate(words) if w not in HYPHENS]
        raw = [strip_marks(words[k]) for k in keep]
        low = [fold(w) for w in raw]
        found: list[tuple[int, int, int]] = []
        tables = ((self.folded, low), (self.exact, raw))
        for p in range(len(keep)):
            for table, seq in tables:
                entries = table.get(seq[p])
                if not entries:
                    continue
                for key, label in entries:
                    n = len(key)
                    if n == 1 or tuple(seq[p:p + n]) == key:
                        found.append((keep[p], keep[p + n - 1] + 1, label))
        return longest_first(found)

    def candidates(self, tokens: Iterable[str], stop: frozenset[str]) -> set[int]:
        """Labels of names sharing a distinctive folded token with the query."""
        out: set[int] = set()
        for token in tokens:
            if len(token) < 3 or token in stop:
                continue
            labels = self.token_labels.get(token)
            if labels and len(labels) < MAX_TOKEN_NAMES:
                out.update(labels)
        return out

    def to_payload(self) -> dict[str, Any]:
        return {"folded": self.folded, "exact": self.exact, "labels": self.labels, "names": self.names,
                "token_labels": self.token_labels}

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> AliasIndex:
        return cls(**data)


def longest_first(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping matches, preferring the longest and then the earliest (spaCy's filter_spans)."""
    taken: set[int] = set()
    out = []
    for start, end, label in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        if any(k in taken for k in range(start, end)):
            continue
        out.append((start, end, label))
        taken.update(range(start, end))
    return sorted(out)


def build_index(kb: KnowledgeBase, tokenize: Any) -> AliasIndex:
    """Tokenize every name with ``tokenize`` (a callable over many strings → lists of token texts)."""
    entries = list(kb.names())
    by_key: dict[tuple[Key, bool], list[str]] = {}
    first_name: dict[tuple[Key, bool], str] = {}
    for (name, actor_id, exact), words in zip(entries, tokenize([e[0] for e in entries])):
        kept = [w for w in words if w not in HYPHENS]
        if not kept:
            continue
        key = tuple(strip_marks(w) for w in kept) if exact else tuple(fold(w) for w in kept)
        ids = by_key.setdefault((key, exact), [])
        first_name.setdefault((key, exact), name)
        if actor_id not in ids:
            ids.append(actor_id)
    index = AliasIndex()
    for (key, exact), ids in by_key.items():
        label = len(index.labels)
        index.labels.append(kb.prefer_explicit(first_name[(key, exact)], ids))
        index.names.append(" ".join(key) if not exact else " ".join(key).lower())
        (index.exact if exact else index.folded).setdefault(key[0], []).append((key, label))
        if not exact:
            for token in set(key):
                index.token_labels.setdefault(token, []).append(label)
    return index


__all__ = ["AliasIndex", "build_index", "fold", "strip_marks", "longest_first", "HYPHENS"]
