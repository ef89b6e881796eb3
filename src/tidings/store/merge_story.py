"""Article-level evidence for event coreference: do two articles tell the same story?

Reports of one incident name the same rare things: the victims and the
suspect, the firm, the ship, the street, the death toll, the year. Two
similar incidents (two office shootings, two earthquakes) share the words of
their kind but not these. An article's *story* is the set of its key terms:
capitalized words that do not open a sentence and are not generic (titles,
ranks, institutions: ``names.generic`` in ``coreference.yaml``), and the numbers
it gives. :func:`story_similarity` is the cosine of two stories with each term
weighted by its rarity in the collection being merged (:class:`TermCounts`,
inverse document frequency): a term every article shares ties nothing.

The trigger's *stem* ("killed", "killing", "kills" → ``kill``) says whether two
reports name the same act; :func:`trigger_key` strips inflection only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,:]*\d|\d")
_SENTENCE_END = re.compile(r"[.!?:;\"“”]")
_STEM_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


def story_terms(text: str, generic: frozenset[str]) -> frozenset[str]:
    """The key terms of an article: non-initial capitalized, non-generic words (lower case) and numbers (``#``)."""
    out: set[str] = set()
    for line in text.splitlines():
        previous = -1  # end of the previous token; -1 at the start of a line
        for match in _TOKEN.finditer(line):
            token = match.group()
            # a sentence opens at a line's start or after . ! ? : ; or a quote between two tokens
            initial = previous < 0 or _SENTENCE_END.search(line, previous, match.start()) is not None
            previous = match.end()
            if token[0].isdigit():
                out.add("#" + token.replace(",", ""))
            elif not initial and token[0].isupper() and len(token) > 2 and not token.isupper():
                word = token.lower().removesuffix("'s").removesuffix("’s")  # "Kessler's" → kessler
                if word not in generic:
                    out.add(word)
    return frozenset(out)


@dataclass(slots=True)
class TermCounts:
    """Document frequencies of story terms over the articles being merged, and each article's story.

    The store fills one from its articles (and every article it adds); a
    scorer from the articles it clusters. Views rebuilt from a database carry
    no story: :meth:`story` finds it by article id.
    """

    documents: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    stories: dict[str, frozenset[str]] = field(default_factory=dict)
    _weights: dict[str, float] = field(default_factory=dict)
    _pairs: dict[tuple[str, str, int], float] = field(default_factory=dict)

    def add(self, key: str, terms: Iterable[str]) -> None:
        """Count one article's terms once, however many of its events are added."""
        if key in self.stories:
            return
        story = frozenset(terms)
        self.stories[key] = story
        self.documents += 1
        self.counts.update(story)
        self._weights.clear()
        self._pairs.clear()

    def story(self, key: str, fallback: frozenset[str] = frozenset()) -> frozenset[str]:
        return fallback or self.stories.get(key, frozenset())

    def weight(self, term: str) -> float:
        """Smoothed inverse document frequency; a term in every article weighs (nearly) nothing."""
        value = self._weights.get(term)
        if value is None:
            n = max(self.documents, 1)
            value = max(math.log((n + 1) / (self.counts.get(term, 0) + 0.5)), 0.0)
            self._weights[term] = value
        return value

    def similarity(self, key_a: str, a: frozenset[str], key_b: str, b: frozenset[str], *,
                   min_shared: int = 1) -> float:
        """:func:`story_similarity` of two articles, remembered until the next article is added."""
        pair = (key_a, key_b, min_shared) if key_a <= key_b else (key_b, key_a, min_shared)
        value = self._pairs.get(pair)
        if value is None:
            value = story_similarity(self.story(key_a, a), self.story(key_b, b), self, min_shared=min_shared)
            self._pairs[pair] = value
        return value


def story_similarity(a: frozenset[str], b: frozenset[str], counts: TermCounts, *, min_shared: int = 1) -> float:
    """Cosine of two stories (binary), each term weighted by its rarity in ``counts``.

    Fewer than ``min_shared`` shared terms is no evidence at all: two articles
    that share only the city's name share a place, not a story.
    """
    shared = a & b
    if not shared or len(shared) < min_shared:
        return 0.0

    def mass(terms: Iterable[str]) -> float:
        return sum(counts.weight(t) ** 2 for t in terms)

    denominator = math.sqrt(mass(a) * mass(b))
    return mass(shared) / denominator if denominator else 0.0


@lru_cache(maxsize=4096)  # a store's reports repeat a few hundred triggers; its index views each one
def trigger_key(trigger: str) -> str:
    """The trigger's last word without its inflection: "killed", "killing", "kills" → ``kill``."""
    words = _TOKEN.findall(trigger.lower())
    if not words:
        return ""
    word = words[-1]
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ied", "ies"):
                word += "y"
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # shooting → shoot, but "stopped" → stop
    return word


__all__ = ["TermCounts", "story_terms", "story_similarity", "trigger_key"]
