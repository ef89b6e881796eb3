from __future__ import annotations

from datetime import date

import jsonschema
import pytest

from tidings.kb.petrarch import describe_code, parse_code, petrarch_to_entries, read_petrarch_actors
from tidings.resources import load_schema


@pytest.fixture
def entries(fixtures_dir):
    return {a.name: a for a in read_petrarch_actors(fixtures_dir / "petr_actors.txt")}


def test_petrarch_reads_names_synonyms_and_codes(entries):
    assert entries["LILLIPUT"].codes[0].code == "LIL"
    assert entries["LILLIPUT"].synonyms == ["LILLIPUTIAN"]
    assert "a comment" not in " ".join(entries)


def test_petrarch_name_without_code_joins_next_entry(entries):
    assert "BROBDINGNAG" not in entries
    assert "BROBDINGNAG" in entries["BROBDINGNAGIAN"].synonyms
    assert entries["BROBDINGNAGIAN"].code_on(None) == "BRB"


@pytest.mark.parametrize("day,code", [(date(1999, 5, 1), "LIL"), (date(2005, 1, 1), "LILGOV"),
                                      (date(2015, 1, 1), "LILREB"), (None, "LILREB")])
def test_petrarch_dated_codes(entries, day, code):
    assert entries["GULLIVER"].code_on(day) == code


def test_petrarch_several_codes_in_one_block(entries):
    assert [c.code for c in entries["FLYING ISLAND"].codes] == ["LAP", "BAL"]


@pytest.mark.parametrize("block,expected", [("HOB < 950601", ("HOB", None, date(1995, 6, 1))),
                                            ("ORCHOB 20100109-20100112", ("ORCHOB", date(2010, 1, 9), date(2010, 1, 12))),
                                            ("HOBREB > 990816", ("HOBREB", date(1999, 8, 16), None))])
def test_petrarch_parse_code(block, expected):
    (code,) = parse_code(block)
    assert (code.code, code.start, code.end) == expected


@pytest.mark.parametrize("code,expected", [("FRA", ("FRA", None, "government")), ("FRAMIL", ("FRA", "MIL", "military")),
                                           ("IGOUNO", (None, "IGO", "igo")), ("LIL", (None, None, "government"))])
def test_petrarch_describe_code(code, expected):
    assert describe_code(code) == expected


def test_petrarch_entries_are_valid_actor_records(fixtures_dir):
    out = petrarch_to_entries(fixtures_dir / "petr_actors.txt")
    schema = load_schema("actor.schema.json")
    for entry in out:
        jsonschema.validate(entry, schema)
    by_id = {e["id"]: e for e in out}
    assert by_id["france"]["country"] == "FRA"
    assert "country" not in by_id["lilliput"]  # LIL is no ISO country
    assert "LILLIPUTIAN" in by_id["lilliput"]["aliases"]
    assert by_id["gulliver"]["kind"] == "person"  # codes change with the date
    assert by_id["laputa_government"]["sector"] == "GOV"


def test_petrarch_entry_with_several_codes_stands_for_all_of_them(entries):
    assert entries["FLYING ISLAND"].codes_on(None) == ["LAP", "BAL"]
    assert entries["FLYING ISLAND"].code_on(None) == "LAP"
    assert entries["GULLIVER"].codes_on(date(2005, 1, 1)) == ["LILGOV"]
