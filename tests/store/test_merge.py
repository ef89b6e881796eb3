"""Event coreference as pure functions: which reports are one event, which stay apart."""

from __future__ import annotations

import pytest

from store_builders import E, make_report
from tidings.store.merge import cluster_reports, compare, distance_km, load_rules, view_event

SIEGE = "2023-09-17"


def _view(event: E, **report_options):
    report = make_report(f"article {id(event)}", [event], **report_options)
    return view_event(report, report.events[0])


def _pair(a: E, b: E, *, published_a: str = "2023-09-18", published_b: str = "2023-09-19"):
    return compare(_view(a, published=published_a, outlet="Reuters"),
                   _view(b, published=published_b, outlet="Al Jazeera"))


def attack(**changes) -> E:
    base = dict(type="ASSAULT", sentence="Al-Shabaab fighters stormed a hotel in Mogadishu.",
                actors=["al_shabaab"], day=SIEGE, place="mogadishu")
    base.update(changes)
    return E(**base)


def test_merge_rules_file_is_valid():
    rules = load_rules()
    assert rules.family("ASSAULT") == rules.family("COERCE")
    assert rules.family("ASSAULT") != rules.family("AID")
    assert 0 < rules.threshold < 1


@pytest.mark.parametrize("other", [
    attack(sentence="A car bomb exploded at the gate of a hotel near K4 before gunmen stormed it.", place="k4_junction"),
    attack(actors=["unknown:gunmen"], sentence="Gunmen attacked a hotel in Mogadishu."),
    attack(day="2023-09-18"),  # "late Sunday" in one outlet, "early Monday" in the other
    attack(day="2023-09-11", until="2023-09-17", precision="week"),
    attack(type="COERCE", sentence="Al-Shabaab fighters seized a hotel in Mogadishu."),
    attack(place=None),
    attack(status="reported", cited=[("police", "organisation", None)]),
    attack(status="claimed"),
], ids=["nearby-point", "unresolved-actor", "day-slack", "week", "same-family", "no-place", "reported", "claimed"])
def test_merge_same_event_merges(other: E):
    result = _pair(attack(), other)
    assert result.compatible, result.conflicts
    assert result.score >= load_rules().threshold, result.parts


@pytest.mark.parametrize("other, why", [
    (attack(day="2023-09-24", place="lido_beach", sentence="A suicide bomber rammed a car into a hotel on Lido beach."),
     "dates apart"),
    (attack(day="2023-09-19"), "dates apart"),
    (attack(actors=["somalia"]), "actors differ"),
    (attack(place="baidoa"), "km apart"),
    (attack(place="nairobi"), "countries differ"),
    (attack(type="AID", sentence="Al-Shabaab gave food to residents of Mogadishu."), "families differ"),
    (attack(status="future", sentence="Al-Shabaab will attack hotels in Mogadishu."), "statuses differ"),
    (attack(status="negated"), "statuses differ"),
], ids=["week-later-lido", "two-days", "other-actor", "other-city", "other-country", "other-family", "future",
        "negated"])
def test_merge_different_event_stays_apart(other: E, why: str):
    result = _pair(attack(), other)
    assert not result.compatible
    assert any(why in c for c in result.conflicts), result.conflicts


def test_merge_parent_and_child_actor_merge_but_siblings_do_not():
    parent = attack(actors=["islamic_state"], place="marte")
    child = attack(actors=["iswap"], place="marte")
    sibling = attack(actors=["sinai_province"], place="marte")
    assert _pair(parent, child).compatible
    assert not _pair(child, sibling).compatible


def test_merge_needs_something_that_ties_the_reports():
    bare_a = E("ASSAULT", "An explosion killed three people.", day=SIEGE)
    bare_b = E("ASSAULT", "An air strike killed ten people.", day=SIEGE)
    result = _pair(bare_a, bare_b)
    assert not result.compatible
    assert "nothing ties them" in result.conflicts[0]


def test_merge_undated_events_use_the_publication_window():
    a, b = attack(day=None), attack(day=None)
    assert _pair(a, b, published_a="2023-09-18", published_b="2023-09-19").compatible
    assert not _pair(a, b, published_a="2023-09-18", published_b="2023-09-25").compatible


def test_merge_distance_km_is_great_circle():
    assert distance_km(2.0371, 45.3438, 3.1136, 43.6498) == pytest.approx(222, abs=10)
    assert distance_km(0, 0, 0, 0) == 0


def test_merge_cluster_reports_groups_pairs_and_keeps_the_similar_incident_apart():
    reuters = make_report("Reuters siege", [attack(), E("COERCE", "Police arrested three suspects.", actors=["somalia"],
                                                        day="2023-09-18", place="mogadishu")])
    aljazeera = make_report("Al Jazeera siege", [attack(sentence="Al-Shabaab fighters attacked a hotel in Mogadishu.")],
                            outlet="Al Jazeera", published="2023-09-19")
    lido = make_report("Lido bombing", [attack(day="2023-09-24", place="lido_beach")], outlet="Garowe Online",
                       published="2023-09-25")
    clusters = cluster_reports([reuters, aljazeera, lido])
    assert sorted(sorted(c) for c in clusters) == [[(0, "e0"), (1, "e0")], [(0, "e1")], [(2, "e0")]]


def test_merge_two_events_of_one_article_need_the_same_day():
    treated = E("AID", "Hamas treated wounded Sinai Province fighters.", actors=["hamas"],
                recipients=["sinai_province"], day="2016-12-18")
    helped = E("AID", "Hamas helped Sinai Province build bombs this month.", actors=["hamas"],
               recipients=["sinai_province"], day="2016-12-01", until="2016-12-31", precision="month")
    again = E("AID", "Hamas treated the wounded Sinai Province fighters in Gaza hospitals.", actors=["hamas"],
              recipients=["sinai_province"], day="2016-12-18")
    report = make_report("one article", [treated, helped, again], published="2016-12-19")
    assert sorted(sorted(c) for c in cluster_reports([report])) == [[(0, "e0"), (0, "e2")], [(0, "e1")]]


def test_merge_reported_precision_means_on_or_before_publication():
    dated = attack()  # 2023-09-17, day
    undated = attack(day="2023-09-19", precision="reported")  # the pipeline's "no date: publication day"
    assert _pair(dated, undated, published_b="2023-09-19").compatible
    late = attack(day="2023-09-25", precision="reported")
    assert not _pair(dated, late, published_b="2023-09-25").compatible



def test_merge_unresolved_proper_names_tie_reports_and_generic_words_do_not():
    from tidings.model import Actor
    from tidings.store.merge import name_keys

    rules = load_rules()
    assert name_keys("Vishwanand Subryan", rules) & name_keys("Subryan", rules) == {"~subryan"}
    assert not name_keys("Bloomington Police", rules) & name_keys("the police", rules)
    assert not name_keys("gunmen", rules)

    def report(title: str, person: str, published: str):
        r = make_report(title, [E("ACCUSE", f"{person} was charged with murder.", place="mogadishu")],
                        published=published)
        r.actors.append(Actor(f"unk:{person}", person, "unknown"))
        r.events[0].recipients.append(f"unk:{person}")
        return r

    same = cluster_reports([report("a", "Vishwanand Subryan", "2013-04-02"), report("b", "Subryan", "2013-04-03")])
    other = cluster_reports([report("a", "Vishwanand Subryan", "2013-04-02"), report("b", "Anthony LaSalle", "2013-04-03")])
    assert len(same) == 1 and len(other) == 2


def test_merge_without_any_date_needs_the_stronger_score():
    strong = attack(day=None)
    weak = attack(day=None, actors=["unknown:gunmen"], place=None, sentence="Gunmen struck.")
    rules = load_rules()
    both = _pair(strong, strong, published_a=None, published_b=None)
    assert both.compatible and both.parts["date"] == 0 and both.score >= rules.undated_threshold
    result = _pair(strong, weak, published_a=None, published_b=None)
    assert not result.compatible
    assert any("no date to compare" in c or "nothing ties" in c for c in result.conflicts)


def test_merge_one_article_retelling_one_event_in_the_same_window_merges():
    lead = E("AID", "Hamas helped Sinai Province fighters this month.", actors=["hamas"],
             recipients=["sinai_province"], day="2016-12-01", until="2016-12-31", precision="month")
    later = E("AID", "In December the group's aid to the jihadists went on.", actors=["hamas"],
              recipients=["sinai_province"], day="2016-12-01", until="2016-12-31", precision="month")
    unrelated = E("AID", "Hamas also sent money to its fighters in December.", actors=["hamas"],
                  day="2016-12-01", until="2016-12-31", precision="month")  # no recipient: not the same telling
    report = make_report("one article", [lead, later, unrelated], published="2016-12-19")
    assert sorted(sorted(c) for c in cluster_reports([report])) == [[(0, "e0"), (0, "e1")], [(0, "e2")]]
