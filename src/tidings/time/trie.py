"""Our own matcher for the time forms: a trie over word classes, walked only from words that can start a form.

spaCy's Matcher checks its ``IN``/``REGEX`` token specs with a Python call per
token and spec, which made it the costliest part of the time stage. Every spec
of our forms depends only on a token's lower-case text, so each distinct word is
classified once (the set of "atoms" — literal word, word class, shape — it
satisfies, cached by its hash across documents) and the optional slots are
expanded into plain sequences stored in a trie. Matching a Doc is then one
dict lookup per token plus a short walk from the few tokens whose atoms start a
sequence. The result is what spaCy's Matcher returns for the same patterns:
every (key, start, end) at which some sequence of the key matches
(``tests/pipeline/test_time.py`` checks this against a real Matcher).
"""

from __future__ import annotations

import itertools
import re
from typing import Any, Iterable

from spacy.attrs import LOWER
from spacy.tokens import Doc
from spacy.vocab import Vocab

TokenSpec = dict[str, Any]
Atom = int
_CACHE_LIMIT = 500_000  # distinct words kept; a long corpus run clears and starts over


class _Node:
    """A trie node: the next atoms and the keys whose sequences end here."""

    __slots__ = ("next", "ends")

    def __init__(self) -> None:
        self.next: dict[Atom, _Node] = {}
        self.ends: list[str] = []


class _AtomCache(dict[int, frozenset[Atom]]):
    """Lower-case hash → atoms of that word; a miss classifies the word once."""

    def __init__(self, classify: Any) -> None:
        super().__init__()
        self.classify = classify

    def __missing__(self, key: int) -> frozenset[Atom]:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        atoms = self[key] = self.classify(key)
        return atoms


class TrieMatcher:
    """Matches token patterns written as spaCy Matcher specs on ``LOWER`` (literal, ``IN`` or ``REGEX``; ``OP: ?``)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.root = _Node()
        self._atom_ids: dict[tuple[str, Any], Atom] = {}
        self._literal: dict[str, set[Atom]] = {}  # word → atoms of literal and IN specs holding it
        self._regexes: list[tuple[re.Pattern[str], Atom]] = []
        self._cache = _AtomCache(self._classify)
        self._order: dict[str, int] = {}  # key → order added: ties between keys on one span keep it
        self.patterns: dict[str, list[list[TokenSpec]]] = {}

    # -- building -------------------------------------------------------------------------------

    def _atom(self, spec: TokenSpec) -> Atom:
        value = spec["LOWER"]
        if isinstance(value, str):
            ident: tuple[str, Any] = ("word", value)
        elif "IN" in value:
            ident = ("in", tuple(sorted(value["IN"])))
        else:
            ident = ("regex", value["REGEX"])
        atom = self._atom_ids.get(ident)
        if atom is None:
            atom = self._atom_ids[ident] = len(self._atom_ids)
            if ident[0] == "regex":
                self._regexes.append((re.compile(ident[1]), atom))
            else:
                for word in ([ident[1]] if ident[0] == "word" else ident[1]):
                    self._literal.setdefault(word, set()).add(atom)
            self._cache.clear()
        return atom

    def add(self, key: str, patterns: Iterable[list[TokenSpec]]) -> None:
        """Add sequences under ``key``: each optional spec (``OP: ?``) doubles the sequences stored."""
        self._order.setdefault(key, len(self._order))
        for pattern in patterns:
            self.patterns.setdefault(key, []).append(pattern)
            slots = [(self._atom(spec), spec.get("OP") == "?") for spec in pattern]
            choices = [((atom,), ()) if optional else ((atom,),) for atom, optional in slots]
            for picked in itertools.product(*choices):
                sequence = [a for part in picked for a in part]
                if not sequence:
                    continue  # spaCy never returns an empty match
                node = self.root
                for atom in sequence:
                    node = node.next.setdefault(atom, _Node())
                if key not in node.ends:
                    node.ends.append(key)

    def _classify(self, key: int) -> frozenset[Atom]:
        word = self.vocab.strings[key]
        atoms = set(self._literal.get(word, ()))
        atoms.update(atom for rx, atom in self._regexes if rx.search(word))
        return frozenset(atoms)

    # -- matching -------------------------------------------------------------------------------

    def atoms(self, doc: Doc) -> list[frozenset[Atom]]:
        """The atoms of every token of ``doc`` (empty for nearly all)."""
        cache = self._cache
        return [cache[h] for h in doc.to_array(LOWER).tolist()] if len(doc) else []

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every (key, start, end) matched, sorted by start, end and the order keys were added."""
        atoms = self.atoms(doc)
        first = self.root.next
        n = len(atoms)
        out: set[tuple[str, int, int]] = set()
        for start, here in enumerate(atoms):
            if not here or first.keys().isdisjoint(here):
                continue
            stack = [(self.root, start)]
            while stack:
                node, k = stack.pop()
                for key in node.ends:
                    out.add((key, start, k))
                if k < n:
                    for atom in atoms[k]:
                        child = node.next.get(atom)
                        if child is not None:
                            stack.append((child, k + 1))
        order = self._order
        return sorted(out, key=lambda m: (m[1], m[2], order[m[0]]))


__all__ = ["TrieMatcher"]
