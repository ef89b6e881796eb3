"""The alias index: every name of every actor as folded token sequences, matched longest first.

Names are tokenized with the pipeline's own tokenizer once and kept in a
disk cache (see :mod:`tidings.kb.cache`), because building spaCy
PhraseMatchers for ~15,000 names took most of the start-up time. Folding makes
matching case- and diacritic-insensitive (Erdoğan = Erdogan, Da’esh = Da'esh)
and ignores hyphens (al-Qaeda = al Qaeda); acronyms keep their case (IS, IDF).
"""

from __future__ import annotations

import unicodedata
from itertools import compress
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


@dataclass(frozen=True, slots=True)
class _Lookup:
    """One table of names as ``match`` reads it: which words start a name, the name lengths that start with
    each pair of words, and each name's label.

    A first word such as "government" or "the" starts hundreds of names ("government of …"); the pair of
    words narrows that to the few lengths worth a look-up, instead of a comparison with every name.
    """

    firsts: frozenset[str]
    singles: dict[str, int]  # the one-word names
    lengths: dict[tuple[str, str], tuple[int, ...]]
    keys: dict[Key, int]

    @classmethod
    def of(cls, table: dict[str, list[tuple[Key, int]]]) -> _Lookup:
        lengths: dict[tuple[str, str], set[int]] = {}
        for entries in table.values():
            for key, _ in entries:
                if len(key) > 1:
                    lengths.setdefault((key[0], key[1]), set()).add(len(key))
        keys = {key: label for entries in table.values() for key, label in entries}
        return cls(frozenset(table), {key[0]: label for key, label in keys.items() if len(key) == 1},
                   {pair: tuple(sorted(ns)) for pair, ns in lengths.items()}, keys)

    def find(self, seq: Sequence[str], keep: Sequence[int], found: list[tuple[int, int, int]]) -> None:
        """Append (start, end, label) of every name in ``seq`` (the words without hyphens, at ``keep``)."""
        singles, lengths, keys = self.singles, self.lengths, self.keys
        size = len(seq)
        for p in compress(range(size), map(self.firsts.__contains__, seq)):  # the words that start a name
            label = singles.get(seq[p])
            if label is not None:
                found.append((keep[p], keep[p] + 1, label))
            sizes = lengths.get((seq[p], seq[p + 1])) if p + 1 < size else None
            for n in sizes or ():
                if p + n > size:
                    break
                label = keys.get(tuple(seq[p:p + n]))
                if label is not None:
                    found.append((keep[p], keep[p + n - 1] + 1, label))


@dataclass(slots=True)
class AliasIndex:
    """Names by their first token; ``labels[k]`` lists the actor ids name ``k`` can mean, best first."""

    folded: dict[str, list[tuple[Key, int]]] = field(default_factory=dict)
    exact: dict[str, list[tuple[Key, int]]] = field(default_factory=dict)
    labels: list[list[str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    token_labels: dict[str, list[int]] = field(default_factory=dict)
    # built from ``folded`` and ``exact`` on the first match (not part of the payload)
    _lookups: tuple[_Lookup, _Lookup] | None = field(default=None, init=False, repr=False, compare=False)

    def match(self, words: Sequence[str], lowers: Sequence[str] | None = None) -> list[tuple[int, int, int]]:
        """(start, end, label) of every name found in the token texts, overlaps removed, longest first.

        ``lowers``: the words lower-cased, when the caller has them already (the doc's cached list).
        """
        lookups = getattr(self, "_lookups", None)  # unset in an index pickled before the field existed
        if lookups is None:
            lookups = self._lookups = (_Lookup.of(self.folded), _Lookup.of(self.exact))
        if lowers is None:
            lowers = [w.lower() for w in words]
        if HYPHENS.isdisjoint(words):
            keep: Sequence[int] = range(len(words))
            raw, low = words, lowers
        else:  # the same lists without the hyphens, filtered in C (a Python loop per word costs more)
            kept = [not h for h in map(HYPHENS.__contains__, words)]
            keep = list(compress(range(len(words)), kept))
            raw, low = list(compress(words, kept)), list(compress(lowers, kept))
        if not "".join(raw).isascii():  # an ASCII word is its own strip_marks(), and its fold() is lower()
            low = [w if r.isascii() else fold(strip_marks(r)) for w, r in zip(low, raw)]
            raw = [w if w.isascii() else strip_marks(w) for w in raw]
        found: list[tuple[int, int, int]] = []
        # every folded match before the exact ones: longest_first keeps the first of two equal spans
        lookups[0].find(low, keep, found)
        lookups[1].find(raw, keep, found)
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
        if not taken.isdisjoint(range(start, end)):
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
