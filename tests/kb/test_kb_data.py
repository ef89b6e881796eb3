"""Checks on the actor knowledge base data: states.jsonl, institutions.yaml, actors.jsonl.

These guard the facts the resolver relies on: every line validates, ids are
unique, references resolve, Wikidata ids were reviewed, and no name points at
two actors unless that ambiguity is listed here on purpose.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "tidings" / "data"
SCHEMAS = DATA / "schemas"
REVIEWED = Path(__file__).with_name("reviewed_wikidata.txt")

STATE_KINDS = {"government", "military", "police", "intelligence"}

# Names that really do name two actors; the resolver must use context (or prefer
# the explicit actors.jsonl entry over a generated alias). Keys are lower-cased.
ALLOWED_AMBIGUITY: dict[str, set[str]] = {
    # Rapid Support Forces (Sudan) and Reporters Without Borders (Reporters sans frontieres).
    "rsf": {"rapid_support_forces", "reporters_without_borders"},
    # The usual name of Iraq's armed forces; the police template also generates it.
    "iraqi security forces": {"iraq_military", "iraq_police"},
    # Two groups of the same name: Zahran Alloush's Syrian rebels and the Dughmush clan's Gaza jihadists.
    "jaish al-islam": {"jaysh_al_islam", "army_of_islam_gaza"},
    "army of islam": {"jaysh_al_islam", "army_of_islam_gaza"},
    # The Iraqi insurgents of 2003-2007 and the Mozambican insurgents of Cabo Delgado (dates decide).
    "ansar al-sunna": {"ansar_al_sunna_iraq", "is_mozambique"},
}

# Lower-case words that must never be a case-insensitive alias on their own:
# they occur as ordinary English words in news text.
COMMON_WORDS = {
    "amnesty", "guardian", "independent", "vanguard", "punch", "nation", "times", "post", "mirror", "sun", "star",
    "observer", "monitor", "economist", "telegraph", "express", "kan", "wafa", "hasm", "sputnik", "national",
    "army", "forces", "police", "government", "state", "party", "front", "movement", "brigade", "brigades",
    "resistance", "coalition", "alliance", "jihad", "security", "intelligence", "agency", "mission", "council",
    "union", "league", "court", "press", "radio", "channel", "news", "fars", "ma'an", "turkey", "chad", "jordan",
    "georgia", "niger", "guinea", "america", "kremlin", "pentagon",
}
# Single-word aliases that are also English words but are kept on purpose (a state name, a metonym
# that is rare in lower case); listed so that adding a new one is a decision.
COMMON_WORD_EXCEPTIONS = {"america", "kremlin"}


ACTOR_FILES = ["actors.jsonl", *sorted(f"actors/{p.name}" for p in (DATA / "actors").glob("*.jsonl"))]


def read_jsonl(name: str) -> list[dict[str, Any]]:
    path = DATA / name
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{name}:{number} is blank"
        rows.append(json.loads(line))
    return rows


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def states() -> list[dict[str, Any]]:
    return read_jsonl("states.jsonl")


@pytest.fixture(scope="module")
def actors() -> list[dict[str, Any]]:
    """Every actor line of every shipped actor file (an id may appear twice: a later line extends it)."""
    return [row for name in ACTOR_FILES for row in read_jsonl(name)]


@pytest.fixture(scope="module")
def institutions() -> list[dict[str, Any]]:
    data = yaml.safe_load((DATA / "institutions.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema("institutions.schema.json"))
    return data["institutions"]


@pytest.fixture(scope="module")
def generated(states: list[dict[str, Any]], institutions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Actors that states.jsonl x institutions.yaml generate, with their generated names."""
    out: dict[str, dict[str, Any]] = {}
    for state in states:
        for inst in institutions:
            aliases: set[str] = set()
            for template in inst.get("aliases", []):
                for adj in state["adjectives"]:
                    aliases.add(template.format(name=state["name"], adj=adj))
            acronyms: set[str] = set()
            if inst["suffix"] == "":
                aliases.add(state["name"])
                aliases.update(state.get("aliases", []))
                acronyms.update(state.get("acronyms", []))
            out[state["id"] + inst["suffix"]] = {"kind": inst["kind"], "aliases": aliases, "acronyms": acronyms}
    return out


def reviewed_wikidata() -> dict[tuple[str, str], str]:
    pairs: dict[tuple[str, str], str] = {}
    for line in REVIEWED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ident, qid, label = line.split("\t")
        assert re.fullmatch(r"Q[1-9][0-9]*", qid), line
        assert label.strip(), line
        pairs[(ident, qid)] = label
    return pairs


@pytest.mark.parametrize(("filename", "schema_name"), [
    ("states.jsonl", "state.schema.json"),
    *[(name, "actor.schema.json") for name in ACTOR_FILES],
])
def test_kb_data_every_line_validates(filename: str, schema_name: str) -> None:
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    for number, row in enumerate(read_jsonl(filename), start=1):
        errors = [e.message for e in validator.iter_errors(row)]
        assert not errors, f"{filename}:{number} ({row.get('id')}): {errors}"


@pytest.mark.parametrize(("filename", "schema_name"), [
    ("states.jsonl", "state.schema.json"),
    *[(name, "actor.schema.json") for name in ACTOR_FILES],
])
def test_kb_data_keys_follow_schema_order(filename: str, schema_name: str) -> None:
    order = list(schema(schema_name)["properties"])
    for row in read_jsonl(filename):
        keys = list(row)
        assert keys == sorted(keys, key=order.index), f"{row['id']}: keys out of schema order"


def test_kb_data_state_ids_and_codes_are_unique(states: list[dict[str, Any]]) -> None:
    for field in ("id", "iso3", "name"):
        values = [s[field] for s in states]
        dupes = {v for v in values if values.count(v) > 1}
        assert not dupes, f"duplicate state {field}: {dupes}"


def test_kb_data_covers_un_members(states: list[dict[str, Any]]) -> None:
    codes = {s["iso3"] for s in states}
    assert len(codes) >= 193
    assert {"EGY", "ISR", "PSE", "USA", "SSD", "CIV", "COD", "XKX", "TWN"} <= codes


def test_kb_data_actor_ids_are_unique(actors: list[dict[str, Any]]) -> None:
    ids = [a["id"] for a in actors if "name" in a]  # lines without a name extend an earlier entry
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, f"duplicate actor ids: {dupes}"


def test_kb_data_extension_entries_keep_generated_kind(
    actors: list[dict[str, Any]], generated: dict[str, dict[str, Any]]
) -> None:
    """An actors.jsonl entry with a generated id extends that actor: it must not change its kind."""
    for actor in actors:
        if actor["id"] in generated and "kind" in actor:
            assert actor["kind"] == generated[actor["id"]]["kind"], actor["id"]


def test_kb_data_references_resolve(actors: list[dict[str, Any]], generated: dict[str, dict[str, Any]]) -> None:
    known = {a["id"] for a in actors} | set(generated)
    for actor in actors:
        refs = ([actor["parent"]] if actor.get("parent") else []) + actor.get("affiliate_of", [])
        for ref in refs:
            assert ref in known, f"{actor['id']} refers to unknown id {ref!r}"
            assert ref != actor["id"], f"{actor['id']} refers to itself"


def test_kb_data_parent_chains_have_no_cycle(actors: list[dict[str, Any]]) -> None:
    parent = {a["id"]: a.get("parent") for a in actors}
    for start in parent:
        seen = {start}
        node = parent.get(start)
        while node:
            assert node not in seen, f"parent cycle through {start}"
            seen.add(node)
            node = parent.get(node)


def test_kb_data_wikidata_ids_were_reviewed(states: list[dict[str, Any]], actors: list[dict[str, Any]]) -> None:
    reviewed = reviewed_wikidata()
    used: dict[str, str] = {}
    for row in states + actors:
        qid = row.get("wikidata")
        if qid is None:
            continue
        assert re.fullmatch(r"Q[1-9][0-9]*", qid), row["id"]
        assert (row["id"], qid) in reviewed, f"{row['id']} {qid} is not in {REVIEWED.name}"
        assert qid not in used, f"{qid} used by both {used[qid]} and {row['id']}"
        used[qid] = row["id"]
    assert set(reviewed) == {(i, q) for q, i in used.items()}, "reviewed_wikidata.txt lists ids the data no longer uses"


def test_kb_data_names_point_at_one_actor(
    actors: list[dict[str, Any]], generated: dict[str, dict[str, Any]]
) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    exact: dict[str, set[str]] = defaultdict(set)
    for ident, gen in generated.items():
        for alias in gen["aliases"]:
            owners[alias.lower()].add(ident)
        for acronym in gen["acronyms"]:
            exact[acronym].add(ident)
    for actor in actors:
        for alias in actor.get("aliases", []):
            owners[alias.lower()].add(actor["id"])
        for acronym in actor.get("acronyms", []):
            exact[acronym].add(actor["id"])
    clashes = {
        name: ids for name, ids in list(owners.items()) + list(exact.items())
        if len(ids) > 1 and ALLOWED_AMBIGUITY.get(name.lower()) != ids
    }
    assert not clashes, f"names shared by several actors: {clashes}"
    # a case-sensitive name of one actor must not be a case-insensitive alias of another
    crossed = {
        acronym: (ids, owners[acronym.lower()]) for acronym, ids in exact.items()
        if owners.get(acronym.lower(), ids) - ids and ALLOWED_AMBIGUITY.get(acronym.lower()) is None
    }
    assert not crossed, f"acronyms that are another actor's alias: {crossed}"


def test_kb_data_allowed_ambiguities_are_real(actors: list[dict[str, Any]], generated: dict[str, dict[str, Any]]) -> None:
    """Each allowed ambiguity still exists; a stale entry would hide a new clash."""
    names: dict[str, set[str]] = defaultdict(set)
    for ident, gen in generated.items():
        for name in gen["aliases"] | gen["acronyms"]:
            names[name.lower()].add(ident)
    for actor in actors:
        for name in actor.get("aliases", []) + actor.get("acronyms", []):
            names[name.lower()].add(actor["id"])
    for name, ids in ALLOWED_AMBIGUITY.items():
        assert names[name] == ids, name


def test_kb_data_aliases_are_not_common_words(actors: list[dict[str, Any]], states: list[dict[str, Any]]) -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    aliases = [a for actor in actors for a in actor.get("aliases", [])]
    aliases += [a for state in states for a in state.get("aliases", [])]
    for alias in aliases:
        low = alias.lower()
        assert low not in STOP_WORDS, alias
        if " " not in low and low not in COMMON_WORD_EXCEPTIONS:
            assert low not in COMMON_WORDS, f"{alias!r} is a common word: put it in acronyms (case-sensitive)"
        assert alias == alias.strip() and "  " not in alias, repr(alias)
        assert "(" not in alias, f"{alias!r}: parentheses do not occur in running text"


def test_kb_data_acronyms_are_short_case_sensitive_names(actors: list[dict[str, Any]], states: list[dict[str, Any]]) -> None:
    for row in actors + states:
        for acronym in row.get("acronyms", []):
            assert acronym[0].isupper() or acronym[0].isdigit() or acronym.startswith("the "), (row["id"], acronym)


def test_kb_data_descriptions_are_lower_case(actors: list[dict[str, Any]]) -> None:
    for actor in actors:
        for head in actor.get("descriptions", []):
            assert head == head.lower() and head.strip() == head, (actor["id"], head)


def test_kb_data_heads_belong_to_one_institution(institutions: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for inst in institutions:
        for head in inst["heads"]:
            assert head == head.lower(), head
            assert head not in seen, f"head {head!r} in both {seen.get(head)!r} and {inst['suffix']!r}"
            seen[head] = inst["suffix"]
    assert {inst["suffix"] for inst in institutions} == {
        "", "_military", "_police", "_intelligence", "_legislature", "_judiciary", "_rebels", "_opposition", "_people"}


def test_kb_data_state_adjectives_point_at_one_state(states: list[dict[str, Any]]) -> None:
    owner: dict[str, str] = {}
    for state in states:
        for adj in state["adjectives"]:
            assert owner.setdefault(adj.lower(), state["id"]) == state["id"], f"{adj!r}: {owner[adj.lower()]} and {state['id']}"


def test_kb_data_has_enough_non_state_actors(actors: list[dict[str, Any]]) -> None:
    non_state = [a for a in actors if a.get("kind") not in STATE_KINDS]
    assert len(actors) >= 170
    assert len(non_state) >= 150


@pytest.mark.parametrize(("actor_id", "field", "expected"), [
    ("qassam_brigades", "parent", "hamas"),
    ("al_quds_brigades", "parent", "palestinian_islamic_jihad"),
    ("sinai_province", "affiliate_of", ["islamic_state"]),
    ("aqap", "affiliate_of", ["al_qaeda"]),
    ("yoav_mordechai", "parent", "cogat"),
    ("quds_force", "parent", "irgc"),
    ("hamas", "wikidata", "Q38817"),
    ("ansar_bayt_al_maqdis", "dissolved", "2014"),
])
def test_kb_data_key_facts(actors: list[dict[str, Any]], actor_id: str, field: str, expected: Any) -> None:
    by_id = {a["id"]: a for a in actors}
    assert by_id[actor_id][field] == expected


@pytest.mark.parametrize(("name", "actor_id"), [
    ("Daesh", "islamic_state"),
    ("ISIL", "islamic_state"),
    ("Ezzedine al-Qassam Brigades", "qassam_brigades"),
    ("al Shabaab", "al_shabaab"),
    ("Israel Defense Forces", "israel_military"),
    ("IDF", "israel_military"),
    ("COGAT", "cogat"),
    ("Ansar Beit al-Maqdis", "ansar_bayt_al_maqdis"),
    ("Wilayat Sinai", "sinai_province"),
])
def test_kb_data_known_names_resolve(actors: list[dict[str, Any]], name: str, actor_id: str) -> None:
    owners = {a["id"] for a in actors if name.lower() in {x.lower() for x in a.get("aliases", [])} or name in a.get("acronyms", [])}
    assert owners == {actor_id}
