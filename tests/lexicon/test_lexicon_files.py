"""User predicate lexicons: PETRARCH verb dictionaries and our own JSONL/YAML format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.errors import DataError, InputError
from tidings.lexicon import load_lexicon, load_lexicon_with
from tidings.lexicon_files import read_petrarch_verbs, read_predicate_file, read_user_lexicon

# our own made-up dictionary in the PETRARCH format
VERBS = """<!-- a test dictionary -->
&BONDS
+TIES
+RELATIONS

--- MEND  [064] ---
MEND   # comment
- * &BONDS  [064]
- * FULL RELATIONS  [064]
- SAID WOULD *  [173]
- * OUR FRIENDS  [xyz]

--- RESCUE  [---] ---
RESCUE {RESCUED}
- + * FROM $  [066]
- * HOSTAGES  [073]

--- PULL_BACK  [192] ---
PULL_BACK
"""


@pytest.fixture()
def verbs_file(tmp_path: Path) -> Path:
    path = tmp_path / "my.verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    return path


def _entries(path: Path) -> dict[tuple, dict]:
    return {(e["trigger"], e["particle"], tuple(e["object"] or ()), e["prep"]): e
            for e in read_petrarch_verbs(path).entries}


def test_lexicon_files_petrarch_family_code_gives_a_verb_entry(verbs_file):
    entry = _entries(verbs_file)[("mend", None, (), None)]
    assert entry["type"] == "COOPERATE" and entry["cameo"] == "064" and entry["actor"] == ["subj"]


def test_lexicon_files_petrarch_synset_object_expands_to_alternatives(verbs_file):
    entries = _entries(verbs_file)
    assert ("mend", None, ("relations", "ties"), None) in entries
    assert ("mend", None, ("relations",), None) in entries  # "FULL" dropped: counted as approximated
    assert read_petrarch_verbs(verbs_file).approximated == 1


def test_lexicon_files_petrarch_markers_give_slots(verbs_file):
    entry = _entries(verbs_file)[("rescue", None, (), "from")]
    assert entry["actor"] == ["prep:from"] and entry["recipient"] == ["subj"]
    assert entry["variants"] == ["rescued"]


def test_lexicon_files_petrarch_null_family_code_codes_only_patterns(verbs_file):
    entries = _entries(verbs_file)
    assert ("rescue", None, (), None) not in entries
    assert entries[("rescue", None, ("hostages",), None)]["type"] == "AID"


def test_lexicon_files_petrarch_phrasal_verb_form(verbs_file):
    assert _entries(verbs_file)[("pull", "back", (), None)]["type"] == "COERCE"


def test_lexicon_files_petrarch_counts_what_it_cannot_express(verbs_file):
    result = read_petrarch_verbs(verbs_file)
    # "SAID WOULD *" is kept whole as a word pattern; "[xyz]" is no code at all
    assert (result.patterns, result.converted, result.matched_on_words, result.not_expressible) == (6, 4, 1, 1)
    assert result.reasons() == {"not a code": 1}
    assert "6 patterns read" in result.summary()


def test_lexicon_files_user_yaml_and_jsonl_are_validated(tmp_path):
    entry = {"trigger": "mend", "pos": "VERB", "particle": None, "object": ["fence"], "prep": None,
             "compound": None, "type": "CONCEDE", "mode": None, "context": [], "actor": ["subj"],
             "recipient": ["prep:with"], "cameo": "080", "example": "Arnor mended fences with Gondor."}
    jsonl = tmp_path / "mine.jsonl"
    jsonl.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    assert read_user_lexicon(jsonl)[0]["type"] == "CONCEDE"
    bad = tmp_path / "bad.yaml"
    bad.write_text("- trigger: mend\n  pos: VERB\n", encoding="utf-8")
    with pytest.raises(DataError, match="bad.yaml:1"):
        read_user_lexicon(bad)


def test_lexicon_files_unknown_format_is_an_input_error(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("nothing to see\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a lexicon file"):
        read_predicate_file(other)


def test_lexicon_files_user_entries_replace_builtin_ones_for_their_trigger(verbs_file):
    assert load_lexicon().candidates("attack", "VERB")
    path = verbs_file.parent / "attack.verbs.txt"
    path.write_text("--- ATTACK  [223] ---\nATTACK\n- * CONVOY  [194]\n", encoding="utf-8")
    merged = load_lexicon_with([path])
    assert {p.cameo for p in merged.candidates("attack", "VERB")} == {"194"}  # 223 has no PLOVER type
    assert merged.candidates("bomb", "VERB") == load_lexicon().candidates("bomb", "VERB")
    assert load_lexicon().candidates("attack", "VERB")[0].cameo != "194"  # the cached default is untouched


def test_lexicon_files_petrarch2_brackets_are_read_as_phrases(tmp_path):
    path = tmp_path / "p2.verbs.txt"
    path.write_text("--- SQUEEZE  [---] ---\nSQUEEZE\n- * {FINANCIAL SUPPLY}  [162]\n- * (ON TRIAL)  [173]\n",
                    encoding="utf-8")
    result = read_petrarch_verbs(path)
    assert [(e["trigger"], e["object"]) for e in result.entries] == [("squeeze", ["supply"])]
    assert result.reasons() == {}  # "* ON TRIAL" is kept whole as a word pattern
    assert [p["why"] for p in result.word_patterns] == ["converted", "words after the preposition"]
