"""Titles of posts (titles.yaml): "Russian President", "Planning and Investment Minister", "Judge".

A title tells which institution a named person acts for and in which sector,
so "Russian President Boris Yeltsin" is one person actor of Russia's government
(GOV) even when the knowledge base does not know him. Matching works on token
texts, longest title first, hyphens ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tidings.kb.index import HYPHENS
from tidings.resources import load_yaml

# words that join a portfolio's capitalised field words ("Planning and Investment Minister")
_JOINERS = frozenset({"and", "&", ","})
_FIELD_PREPOSITIONS = frozenset({"for", "of"})
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True, slots=True)
class Title:
    """One post: its words, the institution suffix it belongs to, its sector."""

    words: tuple[str, ...]
    suffix: str
    sector: str
    portfolio: bool = False


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title found in a token list: tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    title: Title


class TitleLexicon:
    """The titles of titles.yaml, indexed by their last word (for matching right to left)."""

    def __init__(self, titles: Sequence[Title]) -> None:
        self.by_last: dict[str, list[Title]] = {}
        for title in sorted(titles, key=lambda t: -len(t.words)):
            self.by_last.setdefault(title.words[-1], []).append(title)

    def ending_at(self, words: Sequence[str], end: int,
                  owner: Callable[[int], bool] = lambda k: False) -> TitleMatch | None:
        """The longest title whose last word is ``words[end - 1]``; a portfolio's field words are included
        up to a word ``owner`` claims (the nationality in "Russian Interior Minister")."""
        if end <= 0:
            return None
        for title in self.by_last.get(words[end - 1].lower(), ()):
            start = _match_back(words, end, title.words)
            if start is None:
                continue
            if title.portfolio and len(title.words) == 1:
                start = _field_words(words, start, owner)
            return TitleMatch(start, end, title)
        return None

    def starting_at(self, words: Sequence[str], start: int) -> TitleMatch | None:
        """The longest title beginning at ``words[start]`` ("prime minister" after "Montenegro's")."""
        best: TitleMatch | None = None
        for end in range(start + 1, min(start + 4, len(words)) + 1):
            for title in self.by_last.get(words[end - 1].lower(), ()):
                if _match_back(words, end, title.words) == start:
                    best = TitleMatch(start, end, title)
                    break
        return best


def _match_back(words: Sequence[str], end: int, title: tuple[str, ...]) -> int | None:
    """Start of ``title`` ending at ``end`` in the words (compared in lower case), hyphens skipped."""
    k = end
    for word in reversed(title):
        while k > 0 and words[k - 1] in HYPHENS:
            k -= 1
        if k == 0 or words[k - 1].lower() != word:
            return None
        k -= 1
    return k


def _field_words(words: Sequence[str], start: int, owner: Callable[[int], bool]) -> int:
    """Extend a portfolio title left over capitalised field words joined by "and"."""
    k = start
    while k > 0 and not owner(k - 1) and words[k - 1].lower() not in _ARTICLES and (words[k - 1][:1].isupper() or (words[k - 1].lower() in _JOINERS and k - 1 > 0
                                                       and words[k - 2][:1].isupper())):
        k -= 1
    while k < start and words[k].lower() in _JOINERS:
        k += 1
    return k


def field_start(words: Sequence[str], end: int) -> int | None:
    """The index of the "for" of "for Interior" / "of Defence" when that field ends at ``end``, else None."""
    k = end
    while k > 0 and end - k < 3 and words[k - 1][:1].isupper():
        k -= 1
    if k < end and k > 1 and words[k - 1].lower() in _FIELD_PREPOSITIONS:
        return k - 1
    return None


@lru_cache(maxsize=1)
def load_titles() -> TitleLexicon:
    """The shipped title lexicon."""
    rows = load_yaml("titles.yaml")["titles"]
    return TitleLexicon([Title(tuple(w for w in r["title"].split()), r["suffix"], r["sector"],
                               bool(r.get("portfolio", False))) for r in rows])


__all__ = ["Title", "TitleLexicon", "TitleMatch", "field_start", "load_titles"]
