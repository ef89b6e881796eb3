from __future__ import annotations

import pytest

from tidings.evaluate.mappings import cameo_to_plover, kairos_to_plover, load_mapping, plover05_to_plover2
from tidings.model import PLOVER_TYPES


@pytest.mark.parametrize("name", ["cameo_to_plover", "kairos_to_plover", "plover05_to_plover2"])
def test_mappings_tables_validate_and_use_plover_types(name):
    table = load_mapping(name)
    assert table.entries
    assert {m.type for m in table.entries.values()} - {None} <= set(PLOVER_TYPES)


@pytest.mark.parametrize("code,expected", [
    ("041", "CONSULT"), ("0314", "AGREE"), ("1712", "ASSAULT"), ("171", "COERCE"), ("190", "ASSAULT"),
    ("191", "COERCE"), ("112", "ACCUSE"), ("023", "REQUEST"), ("174L", "COERCE"), ("0813", "RETREAT"),
    ("01", None), ("010", None), ("903", None), ("345", None), ("", None),
])
def test_mappings_cameo_prefix_fallback(code, expected):
    assert cameo_to_plover(code) == expected


@pytest.mark.parametrize("kairos,expected", [
    ("Conflict.Attack.DetonateExplode", "ASSAULT"), ("Conflict.Attack.Whatever", "ASSAULT"),
    ("Contact.Contact.Meet", "CONSULT"), ("Contact.Contact.Broadcast", None),
    ("Justice.ArrestJailDetain.Unspecified", "COERCE"), ("Life.Die.Unspecified", "ASSAULT"),
])
def test_mappings_kairos(kairos, expected):
    mapped = kairos_to_plover(kairos)
    assert mapped is not None and mapped.type == expected


def test_mappings_kairos_unknown_type_is_none():
    assert kairos_to_plover("Nothing.Like.This") is None


@pytest.mark.parametrize("old,new", [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"),
                                     ("FIGHT", "ASSAULT"), ("AGREE", "AGREE"), ("DOCUMENT", None)])
def test_mappings_plover05(old, new):
    assert plover05_to_plover2(old) == new


def test_mappings_kairos_roles_cover_the_scored_roles():
    roles = load_mapping("kairos_to_plover").roles
    assert roles["Attacker"] == "actors" and roles["Victim"] == "recipients" and roles["Place"] == "place"
