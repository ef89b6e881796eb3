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


def _many_governments(kb: KnowledgeBase) -> KnowledgeBase:
    """Names that share their first words, as the "Government of …" names of every state do."""
    for state in ("Egypt", "Sudan", "South Sudan", "Central African Republic"):
        actor_id = state.lower().replace(" ", "_")
        kb.actors[actor_id] = KBActor(id=actor_id, name=f"Government of {state}", kind="government")
    kb.actors["govt"] = KBActor(id="govt", name="Government", kind="government")
    return kb


@pytest.mark.parametrize("text, expected", [
    ("talks with the Government of South Sudan ended", [("Government of South Sudan", "south_sudan")]),
    ("the Government of Sudan", [("Government of Sudan", "sudan")]),
    ("a Government of Central African Republic delegation",
     [("Government of Central African Republic", "central_african_republic")]),
    ("the Government said", [("Government", "govt")]),
    # a longer name cut off by the end of the text is not matched; the shorter one inside it is
    ("a statement by the Government of Central African", [("Government", "govt")]),
    ("Government", [("Government", "govt")]),
])
def test_kb_index_names_sharing_first_words_match_by_length(kb: KnowledgeBase, text: str,
                                                            expected: list[tuple[str, str]]) -> None:
    index = build_index(_many_governments(kb), _split)
    words = text.split()
    found = [(" ".join(words[i:j]), index.labels[label][0]) for i, j, label in index.match(words)]
    assert found == expected


def test_kb_index_match_with_the_callers_lower_case_words_is_the_same(kb: KnowledgeBase) -> None:
    index = build_index(_many_governments(kb), _split)
    for text in ("Izz ad-Din al-Qassam Brigades met ERDOĞAN and the Government of Egypt",
                 "President Erdoğan – and Hamas", "no names at all here", ""):
        words = text.replace("-", " - ").split()
        assert index.match(words, [w.lower() for w in words]) == index.match(words), text


def test_kb_index_non_ascii_words_next_to_hyphens_keep_their_positions(kb: KnowledgeBase) -> None:
    index = build_index(kb, _split)
    words = ["–", "Recep", "Tayyip", "Erdoğan", "-", "backed", "Ḥamas", "and", "Erdoğan"]
    found = [(i, j, index.labels[label]) for i, j, label in index.match(words)]
    assert found == [(1, 4, ["erdogan"]), (6, 7, ["hamas"]), (8, 9, ["erdogan"])]


def test_kb_index_pickled_before_the_lookup_tables_still_matches(kb: KnowledgeBase) -> None:
    index = build_index(kb, _split)
    del index._lookups  # what an index unpickled from an older version of this module lacks
    assert index.match(["Hamas"]) == [(0, 1, index.match(["Hamas"])[0][2])]
    assert index.match("the IS attack".split())


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
