"""Integrity of the event and attribution lexicons (predicates.jsonl, plover.yaml, reporting.yaml).

These tests read the data files only: no spaCy model is loaded, so they stay fast.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data"
SCHEMAS = DATA / "schemas"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
KEY_FIELDS = ("trigger", "pos", "particle", "object", "prep", "compound")

# Past forms the stem/prefix test cannot derive; test data, not a lexicon.
IRREGULAR = {
    "hold": ["held"], "meet": ["met"], "fight": ["fought"], "shoot": ["shot"], "strike": ["struck"],
    "take": ["took", "taken"], "give": ["gave", "given"], "send": ["sent"], "blow": ["blew", "blown"],
    "throw": ["threw", "thrown"], "lay": ["laid"], "seek": ["sought"], "swear": ["swore", "sworn"],
    "break": ["broke", "broken"], "speak": ["spoke", "spoken"], "sit": ["sat"], "leave": ["left"],
    "flee": ["fled"], "lend": ["lent"], "buy": ["bought"], "sell": ["sold"], "build": ["built"],
    "forgive": ["forgave"], "retake": ["retook"], "overrun": ["overran"], "slay": ["slew"],
    "freeze": ["froze", "frozen"], "go": ["went", "gone"], "bring": ["brought"], "tell": ["told"],
    "undertake": ["undertook", "undertaken"], "begin": ["began", "begun"], "pay": ["paid"],
    "beat": ["beaten"], "withhold": ["withheld"], "withdraw": ["withdrew", "withdrawn"], "arise": ["arose"], "stand": ["stood"],
}


@lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def predicates() -> tuple[dict[str, Any], ...]:
    lines = (DATA / "predicates.jsonl").read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


@lru_cache(maxsize=None)
def plover() -> dict[str, Any]:
    return yaml.safe_load((DATA / "plover.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def reporting() -> dict[str, Any]:
    return yaml.safe_load((DATA / "reporting.yaml").read_text(encoding="utf-8"))


def entry_key(entry: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        tuple(entry[f]) if isinstance(entry[f], list) else entry[f] for f in KEY_FIELDS
    )


def surface_forms(lemma: str) -> list[str]:
    """Prefixes that an inflected form of ``lemma`` starts with (attack -> attack…, seize -> seiz…)."""
    stems = [lemma]
    if lemma.endswith("e") and len(lemma) > 3:
        stems.append(lemma[:-1])
    if lemma.endswith("y") and len(lemma) > 3:
        stems.append(lemma[:-1] + "i")
    return stems + IRREGULAR.get(lemma, [])


def mentions(text: str, lemma: str, variants: list[str] | None = None) -> bool:
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())
    forms = surface_forms(lemma) + list(variants or [])
    return any(w.startswith(f) for w in words for f in forms)


# ---------------------------------------------------------------- predicates.jsonl

def test_lexicon_predicates_every_line_validates() -> None:
    validator = jsonschema.Draft202012Validator(schema("predicate.schema.json"))
    errors = [
        f"line {i + 1}: {err.message}"
        for i, entry in enumerate(predicates())
        for err in validator.iter_errors(entry)
    ]
    assert not errors, "\n".join(errors[:20])


def test_lexicon_predicates_has_at_least_2000_entries() -> None:
    assert len(predicates()) >= 2000


@pytest.mark.parametrize("pos", ["VERB", "NOUN", "ADJ"])
def test_lexicon_predicates_cover_each_part_of_speech(pos: str) -> None:
    assert any(e["pos"] == pos for e in predicates())


def test_lexicon_predicates_cover_verb_object_and_verb_preposition_entries() -> None:
    assert sum(1 for e in predicates() if e["object"]) >= 500
    assert sum(1 for e in predicates() if e["prep"]) >= 50


def test_lexicon_predicates_violence_cue_entries_take_the_victim_from_the_subject() -> None:
    # deaths ("died") need a violent cue and name the victim as subject; explosions ("a bomb
    # exploded", "the blast") need one too but their subject is the weapon, never a party
    cued = [e for e in predicates() if e.get("cue") == "violence"]
    deaths = [e for e in cued if e.get("mode") != "explosives"]
    blasts = [e for e in cued if e.get("mode") == "explosives"]
    assert deaths and all(e["recipient"] == ["subj"] for e in deaths)
    assert blasts and all("subj" not in e["actor"] + e["recipient"] for e in blasts)


@pytest.mark.parametrize("plover_type", PLOVER_TYPES)
def test_lexicon_predicates_each_type_has_20_entries(plover_type: str) -> None:
    count = sum(1 for e in predicates() if e["type"] == plover_type)
    assert count >= 20, f"{plover_type} has only {count} entries"


def test_lexicon_predicates_keys_are_unique() -> None:
    counts = Counter(entry_key(e) for e in predicates())
    duplicates = [key for key, n in counts.items() if n > 1]
    assert not duplicates, duplicates


def test_lexicon_predicates_types_modes_contexts_exist_in_plover() -> None:
    onto = plover()
    problems = []
    for e in predicates():
        spec = onto["types"].get(e["type"])
        if spec is None:
            problems.append(f"{e['trigger']}: unknown type {e['type']}")
            continue
        if e["mode"] is not None and e["mode"] not in spec["modes"]:
            problems.append(f"{e['trigger']}: mode {e['mode']} not a mode of {e['type']}")
        problems += [f"{e['trigger']}: unknown context {c}" for c in e["context"] if c not in onto["contexts"]]
    assert not problems, "\n".join(problems)


def test_lexicon_predicates_cameo_codes_belong_to_their_type() -> None:
    onto = plover()
    wrong = []
    for e in predicates():
        spec = onto["types"][e["type"]]
        allowed = tuple(spec["cameo_roots"]) + tuple(spec.get("cameo_codes_also", []))
        if not e["cameo"].startswith(allowed):
            wrong.append(f"{e['trigger']} {e['type']} {e['cameo']}")
    assert not wrong, "\n".join(wrong)


def test_lexicon_predicates_example_contains_trigger() -> None:
    missing = [
        f"{e['trigger']}: {e['example']}"
        for e in predicates()
        if not mentions(e["example"], e["trigger"], e.get("variants"))
    ]
    assert not missing, "\n".join(missing)


def test_lexicon_predicates_example_contains_compound_and_object() -> None:
    missing = []
    for e in predicates():
        if e["compound"] and not all(mentions(e["example"], c) for c in e["compound"]):
            missing.append(f"compound {e['compound']}: {e['example']}")
        if e["object"] and not any(mentions(e["example"], o) for o in e["object"]):
            missing.append(f"object {e['object'][:4]}: {e['example']}")
        if e["particle"] and not mentions(e["example"], e["particle"]):
            missing.append(f"particle {e['particle']}: {e['example']}")
    assert not missing, "\n".join(missing)


def test_lexicon_predicates_symmetric_entries_have_two_actor_slots() -> None:
    bad = [e["trigger"] for e in predicates() if e.get("symmetric") and len(e["actor"]) < 2]
    assert not bad, bad


def test_lexicon_predicates_recipient_required_types_name_a_recipient_slot() -> None:
    onto = plover()
    bad = [
        f"{e['trigger']} ({e['type']})"
        for e in predicates()
        if onto["types"][e["type"]]["requires_recipient"]
        and e["recipient"] == ["none"]
        and not e.get("symmetric")
    ]
    assert not bad, bad


def test_lexicon_predicates_noun_slots_fit_nouns() -> None:
    """subj/obj/iobj are verb slots: a nominal trigger must find its arguments by poss/amod/prep."""
    verb_only = {"subj", "obj", "iobj", "xcomp_obj"}
    bad = [
        e["trigger"]
        for e in predicates()
        if e["pos"] == "NOUN" and verb_only & set(e["actor"] + e["recipient"])
    ]
    assert not bad, bad


def test_lexicon_predicates_schema_rejects_unknown_slot() -> None:
    entry = dict(predicates()[0], actor=["subject"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(entry, schema("predicate.schema.json"))


def test_lexicon_surface_check_can_fail() -> None:
    assert mentions("Troops pulled back.", "pull")
    assert not mentions("Troops withdrew.", "attack")


# ---------------------------------------------------------------- plover.yaml

def test_lexicon_plover_validates() -> None:
    jsonschema.validate(plover(), schema("plover.schema.json"))


def test_lexicon_plover_has_the_16_types() -> None:
    assert set(plover()["types"]) == set(PLOVER_TYPES)


@pytest.mark.parametrize(("plover_type", "required"), [("COOPERATE", True), ("AID", True), ("SANCTION", True), ("ASSAULT", False), ("CONSULT", False)])
def test_lexicon_plover_recipient_rules(plover_type: str, required: bool) -> None:
    assert plover()["types"][plover_type]["requires_recipient"] is required


def test_lexicon_plover_scores_follow_quad_classes() -> None:
    for name, spec in plover()["types"].items():
        cooperative = spec["quad"].endswith("cooperation")
        assert (spec["score"] > 0) is cooperative, name


def test_lexicon_plover_assault_is_most_hostile() -> None:
    scores = {name: spec["score"] for name, spec in plover()["types"].items()}
    assert min(scores, key=scores.__getitem__) == "ASSAULT"


# ---------------------------------------------------------------- reporting.yaml

def test_lexicon_reporting_validates() -> None:
    jsonschema.validate(reporting(), schema("reporting.schema.json"))


def test_lexicon_reporting_verbs_are_many_and_unique() -> None:
    lemmas = [v["lemma"] for v in reporting()["verbs"]]
    assert len(lemmas) >= 150
    assert len(lemmas) == len(set(lemmas)), [l for l, n in Counter(lemmas).items() if n > 1]


@pytest.mark.parametrize(
    ("lemma", "status", "statement_type"),
    [
        ("say", "reported", None),
        ("allege", "alleged", "ACCUSE"),
        ("claim", "claimed", None),
        ("deny", "denied", "REJECT"),
        ("condemn", "reported", "ACCUSE"),
        ("urge", "reported", "REQUEST"),
        ("warn", "reported", "THREATEN"),
        ("praise", "reported", "SUPPORT"),
    ],
)
def test_lexicon_reporting_verb_categories(lemma: str, status: str, statement_type: str | None) -> None:
    verbs = {v["lemma"]: v for v in reporting()["verbs"]}
    assert verbs[lemma]["status"] == status
    assert verbs[lemma]["statement_type"] == statement_type


def test_lexicon_reporting_cue_lists_are_unique() -> None:
    data = reporting()
    lists = {
        "according_to": data["according_to"],
        "adverbs": data["hedges"]["adverbs"],
        "phrases": data["hedges"]["phrases"],
        "future": data["modality"]["future"],
        "hypothetical": data["modality"]["hypothetical"],
        "negation": data["negation"],
    }
    for name, cues in lists.items():
        words = [c["cue"] for c in cues]
        assert len(words) == len(set(words)), name
        assert all(w == w.lower() for w in words), name


def test_lexicon_reporting_heads_do_not_overlap() -> None:
    data = reporting()
    assert not set(data["anonymous_heads"]) & set(data["document_heads"])


def test_lexicon_reporting_statement_types_are_plover_types() -> None:
    types = {v["statement_type"] for v in reporting()["verbs"]} - {None}
    assert types <= set(PLOVER_TYPES)


def test_lexicon_rules_validate() -> None:
    rules = yaml.safe_load((DATA / "predicates_rules.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(rules, schema("predicates_rules.schema.json"))


def test_lexicon_rules_schema_rejects_a_type_outside_plover() -> None:
    rules = yaml.safe_load((DATA / "predicates_rules.yaml").read_text(encoding="utf-8"))
    rules["threat_conditions"]["conflict_types"] = ["assault"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(rules, schema("predicates_rules.schema.json"))


def test_lexicon_rules_conflict_types_are_plover_types() -> None:
    rules = yaml.safe_load((DATA / "predicates_rules.yaml").read_text(encoding="utf-8"))
    assert set(rules["threat_conditions"]["conflict_types"]) <= set(PLOVER_TYPES)
    assert set(rules["purpose"]["keep_types"]) <= set(PLOVER_TYPES)


def test_lexicon_predicates_intransitive_entries_are_verbs() -> None:
    assert all(e["pos"] == "VERB" and not e["object"] for e in predicates() if e.get("intransitive"))
