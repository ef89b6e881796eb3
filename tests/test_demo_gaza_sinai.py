"""End to end on the demo's Gaza–Sinai article with the real model: what the foundation issue promises."""

from pathlib import Path

import pytest

from tidings import extract_file
from tidings.model import Report

ARTICLE = Path(__file__).resolve().parents[1] / "demo" / "articles" / "01-hamas-sinai-province.txt"


@pytest.fixture(scope="module")
def report() -> Report:
    return extract_file(ARTICLE)


def _find(report: Report, event_type: str, actors: set[str], recipients: set[str]):
    return [e for e in report.events if e.type == event_type and actors & set(e.actors)
            and recipients & set(e.recipients)]


def _chain(event) -> list[str]:
    return [s.name for s in event.attribution]


def test_gaza_sinai_hamas_aids_sinai_province_treatment_and_weapons(report: Report) -> None:
    aid = _find(report, "AID", {"hamas"}, {"sinai_province", "islamic_state"})
    triggers = {e.trigger.text.split()[0] for e in aid}
    assert {"treating", "giving"} <= triggers
    treating = next(e for e in aid if e.trigger.text.startswith("treating"))
    assert treating.status == "reported"
    assert _chain(treating) == ["The Jerusalem Post", "The Times of Israel", "Avi Issacharoff", "Arab sources"]
    assert treating.attribution[-1].kind == "anonymous"
    giving = next(e for e in aid if e.trigger.text.startswith("giving"))
    assert _chain(giving)[-2:] == ["Elaph", "Yoav Mordechai"]
    assert giving.date is not None and giving.date.end.isoformat() == "2016-02-29"


def test_gaza_sinai_qassam_experts_help_and_qassam_is_part_of_hamas(report: Report) -> None:
    helping = _find(report, "AID", {"qassam_brigades"}, {"sinai_province"}) + \
        _find(report, "COOPERATE", {"qassam_brigades"}, {"sinai_province"})
    assert helping and helping[0].status == "reported"
    assert helping[0].attribution[-1].name == "Arab sources"
    assert any(r.a == "qassam_brigades" and r.b == "hamas" and r.kind == "part_of" for r in report.relations)


def test_gaza_sinai_sinai_province_assaults_egyptian_army(report: Report) -> None:
    assault = _find(report, "ASSAULT", {"sinai_province"}, {"egypt_military"})
    assert assault
    attack = assault[0]
    assert attack.date is not None and attack.date.precision == "week"
    assert (attack.date.start.isoformat(), attack.date.end.isoformat()) == ("2016-12-12", "2016-12-18")
    place = next(p for p in report.places if p.id == attack.place)
    assert place.country == "EGY" and place.lat is not None


def test_gaza_sinai_egypt_accuses_hamas_on_the_sources_word(report: Report) -> None:
    accuse = _find(report, "ACCUSE", {"egypt"}, {"hamas"})
    assert accuse and accuse[0].status == "reported"
    assert accuse[0].attribution[-1].name == "Arab sources"


def test_gaza_sinai_israel_cooperates_with_egypt_per_israeli_sources_via_elaph(report: Report) -> None:
    cooperate = _find(report, "COOPERATE", {"israel"}, {"egypt_military", "egypt"}) + \
        _find(report, "AID", {"israel"}, {"egypt_military", "egypt"})
    assert cooperate and cooperate[0].status == "reported"
    assert _chain(cooperate[0])[-2:] == ["Elaph", "Israeli sources"]


def test_gaza_sinai_places_are_resolved(report: Report) -> None:
    by_name = {p.name: p for p in report.places}
    assert "Gaza Strip" in by_name and "Sinai Peninsula" in by_name
    assert all(p.lat is not None and p.lon is not None for p in by_name.values())


def test_gaza_sinai_every_offset_points_at_its_text(report: Report) -> None:
    text = report.article.text
    spans = [m for a in report.actors for m in a.mentions] + [m for p in report.places for m in p.mentions]
    spans += [t.span for t in report.times]
    for event in report.events:
        spans += [event.evidence, event.trigger, *event.actor_spans, *event.recipient_spans]
        spans += [s.cue for s in event.attribution if s.cue] + [s.span for s in event.attribution if s.span]
    assert spans
    for span in spans:
        assert text[span.start:span.end] == span.text


def test_gaza_sinai_json_follows_the_contract(report: Report) -> None:
    data = report.to_dict()
    assert data["schema"] == "tidings/1"
    assert data["article"]["published"] == "2016-12-19"
    for key in ("actors", "places", "times", "events", "relations", "statements"):
        assert isinstance(data[key], list) and data[key]
    event = data["events"][0]
    for key in ("id", "type", "mode", "context", "actors", "recipients", "place", "date", "status",
                "attribution", "evidence", "confidence"):
        assert key in event
    assert {"start", "end", "text", "trigger"} <= set(event["evidence"])
