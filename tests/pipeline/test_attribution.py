"""Source chains and claim status on sentences we wrote."""

import pytest


def _chain(event) -> list[tuple[str, str]]:
    return [(s.name, s.kind) for s in event.attribution]


def test_attribution_reporter_citing_anonymous_sources(run) -> None:
    report = run("Hamas has been treating wounded fighters of the Islamic State's Sinai Province in hospitals in "
                 "the Gaza Strip, The Times of Israel's Arab affairs correspondent Avi Issacharoff reported Sunday, "
                 "citing Arab sources.", outlet="The Jerusalem Post")
    event = next(e for e in report.events if e.type == "AID")
    assert _chain(event) == [("The Jerusalem Post", "outlet"), ("The Times of Israel", "outlet"),
                             ("Avi Issacharoff", "reporter"), ("Arab sources", "anonymous")]
    assert event.status == "reported"
    assert event.attribution[-1].cue.text == "citing"


def test_attribution_nested_told_outlet_puts_outlet_above_speaker(run) -> None:
    report = run("Israeli sources told Elaph that Israel had shared aerial photographs with the Egyptian military.")
    event = next(e for e in report.events if e.type == "COOPERATE")
    assert _chain(event)[-2:] == [("Elaph", "outlet"), ("Israeli sources", "anonymous")]
    assert event.attribution[-1].actor == "israel"


def test_attribution_according_to(run) -> None:
    report = run("According to residents, Egyptian troops demolished homes in Rafah.")
    event = report.events[0]
    assert event.status == "reported" and event.attribution[-1].kind == "anonymous"
    assert event.attribution[-1].name.lower() == "residents"


def test_attribution_the_sources_points_back_to_earlier_sources(run) -> None:
    text = ("Hamas treats fighters in Gaza, Arab sources said. The sources said that Hamas was giving "
            "weapons to Sinai Province.")
    event = next(e for e in run(text).events if e.type == "AID" and "giving" in e.trigger.text)
    assert event.attribution[-1].name == "Arab sources"


def test_attribution_three_deep_chain(run) -> None:
    text = ("Reuters reported, citing a security official, that residents said Boko Haram fighters "
            "attacked the village of Gwoza.")
    event = next(e for e in run(text, outlet="AFP").events if e.type == "ASSAULT")
    names = [s.name for s in event.attribution]
    assert names[0] == "AFP" and "Reuters" in names and names[-1].lower() == "residents"
    assert len(names) >= 4


@pytest.mark.parametrize(
    "text, status",
    [
        ("Hamas denied attacking the Egyptian army checkpoint.", "denied"),
        ("The Islamic State claimed that it attacked the checkpoint.", "claimed"),
        ("Egypt claimed that Hamas attacked the checkpoint.", "alleged"),
        ("Hamas reportedly attacked the checkpoint.", "reported"),
        ("Hamas allegedly attacked the checkpoint.", "alleged"),
        ("Hamas is said to have attacked the checkpoint.", "reported"),
        ("Hamas attacked the checkpoint.", "asserted"),
    ],
)
def test_attribution_status(run, text: str, status: str) -> None:
    events = [e for e in run(text).events if e.type == "ASSAULT"]
    assert events and events[0].status == status, [(e.type, e.status) for e in run(text).events]


def test_attribution_statement_date_differs_from_report_date(run) -> None:
    report = run("In February, a senior Israeli officer told Elaph that Hamas was giving weapons to Sinai Province.",
                 published="2016-12-19")
    statement = next(s for s in report.statements if s.cue.text == "told")
    assert statement.date is not None and statement.date.start.month == 2
    event = next(e for e in report.events if e.type == "AID")
    assert event.date.precision == "reported" and event.date.end.isoformat() == "2016-02-29"


def test_attribution_outlet_and_byline_head_every_chain(run) -> None:
    report = run("Hamas attacked the checkpoint.", outlet="Reuters", byline="Jane Doe")
    assert _chain(report.events[0])[:2] == [("Reuters", "outlet"), ("Jane Doe", "reporter")]
    assert report.events[0].attribution[0].actor == "reuters"
