"""Our trie matcher returns what spaCy's Matcher returns for the same LOWER patterns (no model needed)."""

from __future__ import annotations

import spacy
from spacy.matcher import Matcher

from tidings.time.trie import TrieMatcher

PATTERNS = {
    "form:weekday": [[{"LOWER": {"IN": ["last", "next"]}, "OP": "?"}, {"LOWER": {"IN": ["monday", "friday"]}},
                      {"LOWER": {"IN": ["night", "morning"]}, "OP": "?"}]],
    "form:year": [[{"LOWER": "since"}, {"LOWER": {"REGEX": "^(19|20)[0-9]{2}$"}}],
                  [{"LOWER": {"REGEX": "^(19|20)[0-9]{2}$"}}]],
    "phrase:at the time": [[{"LOWER": "at"}, {"LOWER": "the"}, {"LOWER": "time"}]],
}


def _both(text: str) -> tuple[set, set]:
    nlp = spacy.blank("en")
    trie, reference = TrieMatcher(nlp.vocab), Matcher(nlp.vocab)
    for key, patterns in PATTERNS.items():
        trie.add(key, patterns)
        reference.add(key, patterns)
    doc = nlp(text)
    return set(trie(doc)), {(nlp.vocab.strings[m], a, b) for m, a, b in reference(doc)}


def test_time_trie_matches_like_spacy_with_optional_slots_and_regex() -> None:
    ours, theirs = _both("Since 2014 they met last Friday night and next Monday, at the time of the 1999 vote.")
    assert ours == theirs
    assert {("form:weekday", 4, 7), ("form:weekday", 5, 7), ("form:weekday", 5, 6)} <= ours


def test_time_trie_empty_and_dateless_docs() -> None:
    assert _both("") == (set(), set())
    assert _both("Nothing to see here.") == (set(), set())


def test_time_trie_sorted_by_start_end_and_key_order() -> None:
    nlp = spacy.blank("en")
    trie = TrieMatcher(nlp.vocab)
    for key, patterns in PATTERNS.items():
        trie.add(key, patterns)
    found = trie(nlp("at the time in 2014 since 2015"))
    assert found == sorted(found, key=lambda m: (m[1], m[2]))
    assert found[0] == ("phrase:at the time", 0, 3)
