"""PETRARCH verb patterns kept whole and matched on the sentence's words (pipeline/verb_patterns.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.api import extract
from tidings.lexicon_files import read_petrarch_verbs
from tidings.pipeline.verb_patterns import VerbPatterns, compile_pattern

# our own made-up dictionary in the PETRARCH format
VERBS = """&BONDS
+TIES
+FRIENDLY RELATIONS

--- MEND  [081] ---
MEND
- NOT *  [111]
- * &BONDS_AGAIN  [064]
- * FENCES  [903]

--- TAP  [---] ---
WIRE_+TAP {WIRE_+TAPPED}  [1711]

--- RECEIVE  [---] ---
RECEIVE
- + * MONEY $  [071]

--- OPPOSE  [112] ---
OPPOSE
"""


@pytest.fixture(scope="module")
def verbs_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("verbs") / "test.verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    return path


def test_verb_patterns_reader_keeps_unconvertible_patterns_whole(verbs_file):
    result = read_petrarch_verbs(verbs_file)
    kept = {p["pattern"]: p for p in result.word_patterns if p["why"] != "converted"}
    assert set(kept) == {"- NOT *  [111]", "- * &BONDS_AGAIN  [064]", "- * FENCES  [903]",
                         "WIRE_+TAP {WIRE_+TAPPED}  [1711]", "- + * MONEY $  [071]"}
    assert (kept["- + * MONEY $  [071]"]["source"], kept["- + * MONEY $  [071]"]["target"]) == ("after", "subject")
    assert kept["- * FENCES  [903]"]["type"] is None  # no PLOVER type: a match codes nothing
    again = kept["- * &BONDS_AGAIN  [064]"]["items"]
    assert again[1] == {"alts": [["friendly", "relations"], ["ties"]], "join": False}
    assert again[2] == {"alts": [["again"]], "join": True}
    tap = kept["WIRE_+TAP {WIRE_+TAPPED}  [1711]"]
    assert tap["verb"] == "tap" and tap["items"][0] == {"alts": [["wire"]], "join": False}
    assert result.not_expressible == 0 and result.matched_on_words == 4


def test_verb_patterns_most_specific_pattern_first(verbs_file):
    records = read_petrarch_verbs(verbs_file).word_patterns
    patterns = VerbPatterns(records, lambda w, pos: w)
    mend = patterns.by_verb["mend"]
    assert mend[0].weight >= mend[-1].weight
    assert "mend" in patterns.verbs and "tap" in patterns.verbs


def test_verb_patterns_compile_joins():
    record = {"verb": "act", "items": [{"alts": [["would"]], "join": False}, {"verb": True, "join": True},
                                       {"alts": [["now"]], "join": False}],
              "type": "REQUEST", "mode": None, "context": [], "cameo": "101", "source": None, "target": None,
              "compound": None, "symmetric": False, "line": 1}
    pattern = compile_pattern(record, 0, lambda w, pos: w)
    assert pattern.verb_join and not pattern.after_join and pattern.weight == 2


def _events(text: str, verbs_file: Path) -> list:
    return extract(text, published="2020-01-05", verb_files=[verbs_file]).events


def test_verb_patterns_words_before_the_verb_decide_the_code(verbs_file):
    events = _events("Egypt did not mend its ties with Israel on Sunday.", verbs_file)
    assert [e.cameo for e in events] == ["111"]


def test_verb_patterns_synset_phrase_in_a_pattern(verbs_file):
    events = _events("Egypt mended friendly relations again with Israel on Sunday.", verbs_file)
    assert [(e.type, e.actors, e.recipients) for e in events] == [("COOPERATE", ["egypt"], ["israel"])]


def test_verb_patterns_code_without_plover_type_codes_nothing(verbs_file):
    assert not _events("Egypt mended fences with Israel on Sunday.", verbs_file)
    assert [e.cameo for e in _events("Egypt mended its border with Israel on Sunday.", verbs_file)] == ["081"]


def test_verb_patterns_form_with_words_before_the_verb_and_first_actor_after(verbs_file):
    events = _events("Egyptian agents wire tapped the phones of the Israeli embassy in Cairo.", verbs_file)
    assert [(e.type, e.cameo) for e in events] == [("COERCE", "1711")]
    assert events[0].recipients == ["israel"]  # PETRARCH's target: the first actor after the verb


def test_verb_patterns_source_after_the_object_noun(verbs_file):
    events = _events("Egypt received money from Israel on Sunday.", verbs_file)
    assert [(e.type, e.actors, e.recipients) for e in events] == [("AID", ["israel"], ["egypt"])]


def test_verb_patterns_default_target_of_a_passive_verb_is_its_subject(verbs_file):
    events = _events("Egypt was opposed by Israel in the talks on Sunday.", verbs_file)
    assert [(e.type, e.actors, e.recipients) for e in events] == [("ACCUSE", ["israel"], ["egypt"])]
