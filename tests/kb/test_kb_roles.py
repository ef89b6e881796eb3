"""Dated roles, organisation dates, search and show, against the shipped knowledge base."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.kb import load_kb
from tidings.kb.base import Role, parse_day
from tidings.kb.search import describe, search


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_kb_roles_partial_dates_cover_their_month_and_year() -> None:
    assert parse_day("2024-11") == date(2024, 11, 1) and parse_day("2024-11", end=True) == date(2024, 11, 30)
    assert parse_day("2023", end=True) == date(2023, 12, 31)
    assert Role("x", "israel", "GOV", "2024-11", None).covers(date(2024, 11, 7))


@pytest.mark.parametrize("day, sector, parent", [
    (date(2016, 12, 19), "GOV", "israel"),
    (date(2021, 12, 1), None, "israel"),  # between his second and third terms
    (date(2023, 3, 1), "GOV", "israel"),
])
def test_kb_roles_a_person_is_government_only_in_office(kb, day, sector, parent) -> None:
    actor = kb.on("benjamin_netanyahu", day)
    assert actor.sector == sector
    assert actor.parent == parent


def test_kb_roles_post_changes_sector_and_organisation(kb) -> None:
    assert kb.on("abdel_fattah_el_sisi", date(2013, 7, 3)).sector == "GOV"
    assert kb.on("valery_gerasimov", date(2020, 1, 1)).parent == "russia_military"
    assert kb.on("hemedti", date(2020, 1, 1)).sector == "GOV"
    assert kb.on("hemedti", date(2024, 1, 1)).sector == "REB"  # removed from the Sovereignty Council in 2023


def test_kb_roles_without_a_date_the_entry_stands(kb) -> None:
    assert kb.on("donald_trump", None).sector is None
    assert kb.on("hamas", date(2020, 1, 1)) is kb.get("hamas")


def test_kb_roles_dissolved_groups_are_inactive_after(kb) -> None:
    assert kb.get("ansar_bayt_al_maqdis").active_on(date(2013, 1, 1))
    assert not kb.get("ansar_bayt_al_maqdis").active_on(date(2016, 1, 1))


def test_kb_roles_has_the_size_the_issue_asks_for(kb) -> None:
    kinds = [a.kind for a in kb.actors.values()]
    assert len(kinds) >= 1500
    assert kinds.count("armed_group") >= 400
    assert sum(1 for a in kb.actors.values() if a.roles) >= 150


@pytest.mark.parametrize("query, expected", [
    ("Erdogan", "recep_tayyip_erdogan"), ("daesh", "islamic_state"), ("Hayat Tahrir as-Sham", "hts"),
    ("ISWAP", "iswap"),
])
def test_kb_search_finds_by_any_spelling(kb, query: str, expected: str) -> None:
    assert search(kb, query, limit=3)[0].actor == expected


def test_kb_show_gives_hierarchy_roles_and_holders(kb) -> None:
    info = describe(kb, "qassam_brigades")
    assert info["parent"] == "hamas" and "hamas" in info["lineage"]
    holders = {h["person"] for h in describe(kb, "israel")["post_holders"]}
    assert {"naftali_bennett", "yair_lapid"} <= holders
    assert describe(kb, "vladimir_putin", on=date(2010, 1, 1))["roles"][2]["title"] == "Prime Minister of Russia"
    with pytest.raises(KeyError):
        describe(kb, "no_such_actor")
