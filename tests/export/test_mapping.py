"""PLOVER → ACLED: the data table's rules, inter codes and interaction codes."""

from __future__ import annotations

import pytest

from tidings.export.acled import interaction
from tidings.export.mapping import acled_tables, acled_type, country, inter_code, region


@pytest.mark.parametrize("event_type,mode,recipients,expected", [
    ("ASSAULT", "aerial", [1], ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", None, [7], ("Violence against civilians", "Attack")),
    ("ASSAULT", None, [2], ("Battles", "Armed clash")),
    ("ASSAULT", "abduct", [], ("Violence against civilians", "Abduction/forced disappearance")),
    ("PROTEST", "riot", [], ("Riots", "Violent demonstration")),
    ("PROTEST", None, [], ("Protests", "Peaceful protest")),
    ("COERCE", "arrest", [], ("Strategic developments", "Arrests")),
    ("AGREE", None, [], ("Strategic developments", "Agreement")),
    ("CONSULT", "phone", [], ("Strategic developments", "Other")),
])
def test_mapping_acled_types(event_type, mode, recipients, expected):
    found = acled_type(event_type, mode, recipients)
    assert (found.event_type, found.sub_event_type) == expected


def test_mapping_inter_codes_sector_before_kind():
    assert inter_code({"kind": "armed_group", "sector": "UAF"}) == 3
    assert inter_code({"kind": "armed_group", "sector": None}) == 2
    assert inter_code({"kind": "military", "sector": "MIL"}) == 1
    assert inter_code({"kind": "unknown"}) == 0 and inter_code(None) == 0


def test_mapping_interaction_codes():
    assert interaction(2, 1) == "12" and interaction(1, 0) == "10" and interaction(0, 0) == ""


def test_mapping_regions_and_countries():
    assert region("SOM") == "Eastern Africa" and region("PSE") == "Middle East" and region(None) == ""
    somalia = country("SOM")
    assert somalia is not None and somalia.numeric == 706 and somalia.alpha2 == "SO"
    codes = [c for codes in (acled_tables().regions,) for c in codes]
    assert len(codes) == len(set(codes))
