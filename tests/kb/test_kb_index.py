"""The alias index: folding, longest match, hyphens, fuzzy narrowing; and the disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.kb.base import KBActor, KnowledgeBase
from tidings.kb.cache import cached
from tidings.kb.index import build_index, fold


def _split(names: list[str]) -> list[list[str]]:
    """A stand-in tokenizer: words, with hyphens as tokens of their own (as spaCy splits al-Qaeda)."""
    return [name.replace("-", " - ").split() for name in names]


@pytest.fixture()
def kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    for actor in (
        KBActor(id="hamas", name="Hamas", kind="armed_group"),
        KBActor(id="qassam", name="Izz ad-Din al-Qassam Brigades", kind="armed_group", parent="hamas"),
        KBActor(id="erdogan", name="Recep Tayyip Erdoğan", kind="person", aliases=["Erdoğan"]),
        KBActor(id="islamic_state", name="Islamic State", kind="armed_group", acronyms=["IS"]),
    ):
        kb.actors[actor.id] = actor
    return kb


@pytest.mark.parametrize("text, expected", [
    ("Erdoğan", "erdogan"), ("ERDOGAN", "erdogan"), ("Da’esh", "da'esh"), ("Ḥayʼat", "hay'at"), ("Łódź", "lodz"),
])
def test_kb_index_fold_drops_case_and_diacritics(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_kb_index_longest_name_wins_over_the_alias_inside_it(kb: KnowledgeBase) -> None:
    index = build_index(kb, _split)
    words = "fighters of the Izz ad-Din al-Qassam Brigades and Hamas".replace("-", " - ").split()
    found = [(" ".join(words[i:j]), index.labels[label]) for i, j, label in index.match(words)]
    assert found == [("Izz ad - Din al - Qassam Brigades", ["qassam"]), ("Hamas", ["hamas"])]


def test_kb_index_ignores_hyphens_case_and_diacritics(kb: KnowledgeBase) -> None:
    index = build_index(kb, _split)
    for text in ("izz ad din al qassam brigades", "Izz ad-Din al-Qassam Brigades", "President Erdogan", "ERDOĞAN"):
        words = text.replace("-", " - ").split()
        assert index.match(words), text


def test_kb_index_acronyms_keep_their_case(kb: KnowledgeBase) -> None:
    index = build_index(kb, _split)
    assert index.match("the IS attack".split())
    assert not index.match("it is what it is".split())


def test_kb_index_fuzzy_candidates_share_a_rare_word(kb: KnowledgeBase) -> None:
    index = build_index(kb, _split)
    labels = index.candidates(["izz", "al", "qasam", "brigades"], frozenset({"al"}))
    assert {index.labels[k][0] for k in labels} == {"qassam"}


def test_kb_index_cache_builds_once_and_survives_a_torn_file(tmp_path: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    assert cached("thing", "k1", build, folder=tmp_path) == {"n": 1}
    assert cached("thing", "k1", build, folder=tmp_path) == {"n": 1}
    (tmp_path / "thing-k1.pickle").write_bytes(b"torn")
    assert cached("thing", "k1", build, folder=tmp_path) == {"n": 2}
    assert len(calls) == 2
