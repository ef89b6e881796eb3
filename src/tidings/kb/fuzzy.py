"""Fuzzy look-up of a name the alias index does not hold word for word ("Hayat Tahrir as-Sham").

A name is scored only against the names that share a distinctive word with it
(:meth:`AliasIndex.candidates`), with rapidfuzz's ``ratio`` and a cutoff. The
answer depends on the folded words alone, and the same unmatched names come
back article after article (a reporter's "Ahmed Abdi", an outlet's own name),
so answers are kept in a bounded least-recently-used table.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import suppress

from rapidfuzz import fuzz, process

from tidings.kb.index import AliasIndex

CACHE_SIZE = 8192  # folded queries remembered; ~1 MB at most
_UNSEEN = -1  # no label is negative


class FuzzyNames:
    """The label of the index name a query spells, if one scores ``cutoff`` or more (else None)."""

    def __init__(self, index: AliasIndex, stop: frozenset[str], *, cutoff: float, min_chars: int,
                 cache_size: int = CACHE_SIZE) -> None:
        self.index = index
        self.stop = stop
        self.cutoff = cutoff
        self.min_chars = min_chars
        self.cache_size = cache_size
        self._answers: OrderedDict[tuple[str, ...], int | None] = OrderedDict()

    def best(self, words: tuple[str, ...]) -> int | None:
        """The best-scoring label for these folded words (hyphens left out), or None."""
        if sum(map(len, words)) + len(words) - 1 < self.min_chars:  # len(" ".join(words)), not built
            return None
        answers = self._answers
        label = answers.get(words, _UNSEEN)
        if label != _UNSEEN:
            with suppress(KeyError):  # another thread (the web server's) may have just dropped it
                answers.move_to_end(words)
            return label
        label = self._score(words)
        answers[words] = label
        while len(answers) > self.cache_size:
            with suppress(KeyError):
                answers.popitem(last=False)
        return label

    def _score(self, words: tuple[str, ...]) -> int | None:
        labels = self.index.candidates(words, self.stop)
        if not labels:
            return None
        choices = {label: self.index.names[label] for label in labels}
        best = process.extractOne(" ".join(words), choices, scorer=fuzz.ratio, score_cutoff=self.cutoff)
        return None if best is None else int(best[2])


__all__ = ["FuzzyNames", "CACHE_SIZE"]
