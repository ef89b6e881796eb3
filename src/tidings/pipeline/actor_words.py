"""How the actor stages read a Doc without a Token object per word.

Every ``doc[k]`` builds a Token and every ``doc[i:j]`` a Span; on a 500-word
article the stages asked for tens of thousands. The helpers here read a token
attribute for the whole doc in one array call (kept per doc where the rest of
the pipeline may want it too) and find the few tokens a stage starts from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from functools import lru_cache

import numpy as np
from spacy.attrs import SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from tidings.pipeline.annotations import doc_text, ends_of, offsets_of, punct_of

_ARRAY_MIN = 80  # tokens from which a sorted-array search beats a set test per token


def hashes(words: Iterable[str]) -> frozenset[int]:
    """The lower-case hashes of ``words``, as ``doc.to_array(LOWER)`` gives them."""
    return frozenset(hash_string(w.lower()) for w in words)


@lru_cache(maxsize=64)
def _sorted_hashes(wanted: frozenset[int]) -> np.ndarray:
    """The hashes as a sorted array, made once per set (the sets are the resolver's, built at start-up)."""
    return np.array(sorted(wanted), dtype=np.uint64)


def _positions(values: np.ndarray, wanted: frozenset[int]) -> list[int]:
    """Where ``values`` holds one of ``wanted``, in order."""
    if not wanted:
        return []
    if len(values) < _ARRAY_MIN:  # a headline or one sentence: numpy's calls cost more than the loop
        return [k for k, h in enumerate(values.tolist()) if h in wanted]
    table = _sorted_hashes(wanted)
    at = np.minimum(np.searchsorted(table, values), len(table) - 1)
    return np.flatnonzero(table[at] == values).tolist()


def tokens_with(doc: Doc, attr: int, wanted: frozenset[int]) -> list[Token]:
    """The tokens whose attribute (ORTH, LOWER) is one of ``wanted``, without visiting every token."""
    if not wanted:
        return []
    return [doc[k] for k in _positions(doc.to_array(attr), wanted)]


class WordFinder:
    """The tokens whose ORTH or LOWER hash is in one of several fixed sets, for every set with one array
    call and one search per attribute (six calls of :func:`tokens_with` cost more than the stages' work)."""

    def __init__(self, sets: Mapping[str, tuple[int, frozenset[int]]]) -> None:
        self.sets = dict(sets)
        self.attrs = sorted({attr for attr, _ in self.sets.values()})
        self.union = {attr: frozenset().union(*(h for a, h in self.sets.values() if a == attr))
                      for attr in self.attrs}

    def find(self, doc: Doc) -> dict[str, list[Token]]:
        """For each set's name, its tokens in document order (what ``tokens_with`` returns)."""
        out: dict[str, list[Token]] = {name: [] for name in self.sets}
        if not len(doc):
            return out
        values = doc.to_array(self.attrs)
        if values.ndim == 1:  # spaCy gives one attribute as a flat array
            values = values.reshape(-1, 1)
        for column, attr in enumerate(self.attrs):
            found = _positions(values[:, column], self.union[attr])
            if not found:
                continue
            hits = values[found, column].tolist()
            for name, (set_attr, wanted) in self.sets.items():
                if set_attr == attr:
                    out[name] = [doc[k] for k, h in zip(found, hits) if h in wanted]
        return out


def span_text(doc: Doc, i: int, j: int) -> str:
    """``doc[i:j].text`` (``i < j``) cut from the doc's text, without building the Span and its Tokens."""
    return doc_text(doc)[offsets_of(doc)[i]:ends_of(doc)[j - 1]]


def sentence_starts(doc: Doc) -> list[int] | None:
    """The tokens that start a sentence, read in one array call; None where ``token.sent`` must be asked
    (sentence hooks, or no sentence boundaries, where spaCy raises)."""
    if doc.user_hooks or doc.user_token_hooks or doc.user_span_hooks or not doc.has_annotation("SENT_START"):
        return None
    return np.flatnonzero(doc.to_array(SENT_START) == 1).tolist()


def sentence_start(starts: list[int], i: int) -> int:
    """``doc[i].sent.start`` from :func:`sentence_starts`: the last start at or before ``i``, else 0."""
    k = bisect_right(starts, i) - 1
    return starts[k] if k >= 0 else 0


__all__ = ["hashes", "tokens_with", "WordFinder", "span_text", "sentence_starts",
           "sentence_start"]
