"""Fuzzy look-up of misspelt names (kb/fuzzy.py): the cutoff, the rare-word narrowing, the bounded memory."""

from __future__ import annotations

import pytest

from tidings.kb.base import KBActor, KnowledgeBase
from tidings.kb.fuzzy import FuzzyNames
from tidings.kb.index import build_index, fold


def _split(names: list[str]) -> list[list[str]]:
    return [name.replace("-", " - ").split() for name in names]


@pytest.fixture()
def names() -> FuzzyNames:
    kb = KnowledgeBase()
    for actor in (
        KBActor(id="hts", name="Hayat Tahrir al-Sham", kind="armed_group"),
        KBActor(id="sisi", name="Abdel Fattah el-Sisi", kind="person"),
        KBActor(id="amisom", name="African Union Mission in Somalia", kind="igo"),
    ):
        kb.actors[actor.id] = actor
    return FuzzyNames(build_index(kb, _split), frozenset({"al", "el", "in", "the"}), cutoff=90, min_chars=6)


def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in text.replace("-", " ").split())


def _actor(names: FuzzyNames, label: int | None) -> str | None:
    return None if label is None else names.index.labels[label][0]


@pytest.mark.parametrize("text, actor", [
    ("Hayat Tahrir as-Sham", "hts"),
    ("Abdel Fattah el-Sissi", "sisi"),
    ("Hayat Tahrir al-Sham", "hts"),
    ("Tahrir Square", None),  # shares a rare word, scores far below the cutoff
    ("Hayat", None),  # under min_chars
    ("Sudanese Armed Forces", None),  # shares no distinctive word with any name
])
def test_kb_fuzzy_best_name_over_the_cutoff(names: FuzzyNames, text: str, actor: str | None) -> None:
    assert _actor(names, names.best(_words(text))) == actor


def test_kb_fuzzy_answers_are_remembered_and_stay_the_same(names: FuzzyNames, monkeypatch) -> None:
    first = [names.best(_words(t)) for t in ("Hayat Tahrir as-Sham", "Tahrir Square")]
    calls: list[tuple[str, ...]] = []
    score = names._score
    monkeypatch.setattr(names, "_score", lambda words: calls.append(words) or score(words))
    again = [names.best(_words(t)) for t in ("Hayat Tahrir as-Sham", "Tahrir Square")]
    assert again == first and calls == []  # both answers, the miss too, came from memory


def test_kb_fuzzy_memory_is_bounded_least_recently_used_first(names: FuzzyNames) -> None:
    names.cache_size = 2
    for text in ("Hayat Tahrir as-Sham", "Abdel Fattah el-Sissi"):
        names.best(_words(text))
    names.best(_words("Hayat Tahrir as-Sham"))  # used again: the Sisi answer is now the oldest
    names.best(_words("African Union Mision in Somalia"))
    assert list(names._answers) == [_words("Hayat Tahrir as-Sham"), _words("African Union Mision in Somalia")]
