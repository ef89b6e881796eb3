"""The division most of a story's names can lie in decides its small towns; ties and persons decide nothing."""

from __future__ import annotations

from tidings.places.entry import NAME, Candidate, GazEntry
from tidings.places.resolve import Looked, division_presence, story_divisions


def _town(gid: int, name: str, admin1: str, pop: int = 2_000) -> Candidate:
    return Candidate(GazEntry(f"geonames:{gid}", name, "city", "USA", admin1, 0.0, 0.0, "city", pop, gid), NAME)


def _looked(*towns: Candidate, label: str = "GPE") -> Looked:
    return Looked(0, 1, "ner", list(towns), label)


def test_story_division_leader_with_a_margin_decides():
    looked = [
        _looked(_town(1, "Elgin", "US.MN"), _town(2, "Elgin", "US.IL", 110_000)),
        _looked(_town(3, "Plainview", "US.MN"), _town(4, "Plainview", "US.TX", 20_000)),
        _looked(_town(5, "Watertown", "US.MN"), _town(6, "Watertown", "US.NY", 25_000)),
        _looked(_town(7, "Delano", "US.MN"), _town(8, "Delano", "US.CA", 50_000)),
        _looked(_town(9, "Montgomery", "US.MN"), _town(10, "Montgomery", "US.AL", 200_000)),
    ]
    keys = ["elgin", "plainview", "watertown", "delano", "montgomery"]
    story = story_divisions(division_presence(looked, keys))
    assert story == {key: "US.MN" for key in keys}  # each name is decided by the four others


def test_story_division_one_name_ahead_is_no_story():
    looked = [
        _looked(_town(1, "Paris", "US.TN"), _town(2, "Paris", "US.KY")),
        _looked(_town(3, "Henry County", "US.TN"), _town(4, "Henry County", "US.KY")),
        _looked(_town(5, "Whitlock", "US.KY")),
        _looked(_town(6, "Dunlap", "US.TN"), _town(7, "Dunlap", "US.KY")),
    ]
    story = story_divisions(division_presence(looked, ["paris", "henry county", "whitlock", "dunlap"]))
    assert "paris" not in story  # Kentucky leads Tennessee by one name only


def test_story_division_persons_cast_no_vote():
    looked = [
        _looked(_town(1, "Oxford", "US.NY"), _town(2, "Oxford", "US.OH")),
        _looked(_town(3, "Harrison", "US.NY"), label="PERSON"),
        _looked(_town(4, "Hamilton", "US.NY"), label="PERSON"),
        _looked(_town(5, "Ferguson", "US.NY"), label="PERSON"),
    ]
    presence = division_presence(looked, ["oxford", "harrison", "hamilton", "ferguson"])
    assert presence["harrison"] == frozenset()
    assert story_divisions(presence) == {}
