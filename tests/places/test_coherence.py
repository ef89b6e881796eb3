"""Admin consistency: the story's other toponyms vote for a first-level division (Mordecai style)."""

from __future__ import annotations

import pytest

from tidings.places.entry import NAME, Candidate, GazEntry
from tidings.places.rank import STRAY_COUNTRY_PENALTY, best, local_support
from tidings.places.resolve import Looked, division_votes


def _city(gid: int, name: str, admin1: str, pop: int) -> Candidate:
    return Candidate(GazEntry(f"geonames:{gid}", name, "city", "USA", admin1, 0.0, 0.0, "city", pop, gid), NAME)


def _county(fips: str, name: str, admin1: str) -> Candidate:
    return Candidate(GazEntry(f"us-county:{fips}", name, "county", "USA", admin1, None, None, "region", 0, None), NAME)


LEBANON_COUNTRY = Candidate(GazEntry("country:LBN", "Lebanon", "country", "LBN", None, 33.8, 35.8, "country",
                                     6_000_000, None), NAME)
LEBANON_PA = _city(1, "Lebanon", "US.PA", 25_000)
LEBANON_IN = _city(2, "Lebanon", "US.IN", 15_000)


def test_coherence_votes_split_by_population_and_leave_own_name_out():
    looked = [Looked(0, 1, "ner", [LEBANON_COUNTRY, LEBANON_PA, LEBANON_IN]),
              Looked(5, 7, "ner", [_county("42075", "Lebanon County", "US.PA")]),
              Looked(9, 10, "ner", [_city(3, "Atlanta", "US.GA", 460_000), _city(4, "Atlanta", "US.TX", 5_000)])]
    votes = division_votes(looked, ["lebanon", "lebanon county", "atlanta"])
    assert votes["lebanon"]["US.PA"] == pytest.approx(1.0)  # the county's whole vote
    assert votes["lebanon"]["US.GA"] > 0.9  # Atlanta is almost only Georgia's
    assert votes["lebanon county"]["US.PA"] == pytest.approx(25_000 / 40_000)  # Lebanon's share, not its own
    assert votes["atlanta"]["US.PA"] == pytest.approx(1.0 + 25_000 / 40_000)  # both Lebanon names
    assert "US.GA" not in votes["atlanta"]


def test_coherence_local_support_needs_the_story_country():
    votes = {"US.PA": 1.0}
    assert local_support(LEBANON_PA, votes, {"USA": 0.9}) == 1.0
    assert local_support(LEBANON_PA, votes, {"LBN": 0.9, "USA": 0.1}) == 0.0  # a story set abroad
    assert local_support(LEBANON_COUNTRY, votes, {"USA": 0.9}) == 0.0  # countries take no division votes


def test_coherence_lebanon_pa_beats_the_country_in_a_pennsylvania_story():
    cands = [LEBANON_COUNTRY, LEBANON_PA, LEBANON_IN]
    assert best(cands, {"USA": 1.0}, votes={"US.PA": 1.0}) == LEBANON_PA


def test_coherence_lebanon_stays_the_country_without_local_cues():
    cands = [LEBANON_COUNTRY, LEBANON_PA, LEBANON_IN]
    assert best(cands, {"USA": 1.0}) == LEBANON_COUNTRY  # a US story that mentions Lebanon once
    assert best(cands, {"USA": 1.0}, votes={"US.PA": 0.3}) == LEBANON_COUNTRY  # a weak vote is not enough
    assert best(cands, {"LBN": 0.5, "USA": 0.5}, votes={"US.PA": 1.0}) == LEBANON_COUNTRY  # Lebanon has evidence
    assert STRAY_COUNTRY_PENALTY > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Lebanon City Council met on Monday. Lebanon County commissioners said the road near Cornwall "
         "will close.", ("Lebanon", "USA", "US.PA")),
        ("Protesters marched in Beirut on Sunday. Lebanon has had no president for months.", ("Lebanon", "LBN", None)),
        ("Snow fell across Georgia on Tuesday, and Atlanta schools closed early.", ("Georgia", "USA", "US.GA")),
        ("Russian troops entered Georgia in 2008 and the Kremlin recognised two breakaway regions.",
         ("Georgia", "GEO", None)),
    ],
)
def test_coherence_ambiguous_country_names_in_context(run, text, expected):
    report = run(text)
    name = expected[0]
    place = next(p for p in report.places if p.name == name or any(m.text == name for m in p.mentions))
    assert (place.country, place.admin1) == expected[1:]


def test_coherence_never_lifts_a_town_over_the_state_of_its_name():
    state = Candidate(GazEntry("geonames:4155751", "Florida", "us_state", "USA", "US.FL", 28.8, -82.5, "region", 0,
                               4155751), NAME)
    town = _city(5, "Florida", "US.NY", 2_800)
    assert best([state, town], {"USA": 1.0}, frozenset({"US.NY"}), votes={"US.NY": 1.0}) == state  # "Florida, N.Y." is not named
    springfield_il, springfield_mo = _city(6, "Springfield", "US.IL", 116_000), _city(7, "Springfield", "US.MO", 169_000)
    assert best([springfield_il, springfield_mo], {"USA": 1.0}, votes={"US.IL": 1.0}) == springfield_il
    assert best([springfield_il, springfield_mo], {"USA": 1.0}) == springfield_mo
