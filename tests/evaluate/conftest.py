"""Hand-built Reports for the scorer tests: no spaCy, so a scorer bug cannot hide behind the model."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tidings.model import Actor, Article, Event, Place, Report, TextSpan, When

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


def span(text: str, part: str, nth: int = 0) -> TextSpan:
    """The span of the nth occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return TextSpan(start, start + len(part), part)


def make_report(text: str, *, actors: list[Actor] = (), places: list[Place] = (),
                events: list[dict[str, Any]] = ()) -> Report:
    """A Report with events given as dicts: type, trigger (a word of the text), actors, recipients, place, date."""
    built = []
    for index, spec in enumerate(events):
        trigger = span(text, spec["trigger"], spec.get("nth", 0))
        day = spec.get("date")
        built.append(Event(
            id=f"e{index}", type=spec["type"], mode=None, context=[], actors=list(spec.get("actors", [])),
            recipients=list(spec.get("recipients", [])), place=spec.get("place"),
            date=When(*day) if day else None, date_text=None, status="asserted", attribution=[],
            evidence=TextSpan(0, len(text), text), trigger=trigger, confidence=0.5,
            actor_spans=list(spec.get("actor_spans", [])), recipient_spans=list(spec.get("recipient_spans", [])),
        ))
    return Report(Article(text=text), list(actors), list(places), [], built, [], [])


def actor(text: str, actor_id: str, name: str, *, country: str | None = None, kind: str = "government",
          sector: str | None = None, mention: str | None = None) -> Actor:
    mentions = [span(text, mention or name)] if (mention or name) in text else []
    return Actor(actor_id, name, kind, country=country, sector=sector, mentions=mentions)


def place(text: str, place_id: str, name: str, lat: float | None, lon: float | None, *,
          mention: str | None = None, country: str | None = None) -> Place:
    word = mention or name
    mentions = [span(text, word)] if word in text else []
    return Place(place_id, name, country, lat, lon, "city", mentions=mentions)


class FakeExtract:
    """Stands in for tidings.extract: returns prepared Reports by text, records how it was called."""

    def __init__(self, reports: dict[str, Report]) -> None:
        self.reports = reports
        self.calls: list[dict[str, Any]] = []

    def __call__(self, text: str, *, published: date | str | None = None, actors: Any = None) -> Report:
        self.calls.append({"text": text, "published": published, "actors": actors})
        if text in self.reports:
            return self.reports[text]
        return Report(Article(text=text), [], [], [], [], [], [])


@pytest.fixture
def build() -> dict[str, Callable[..., Any]]:
    return {"report": make_report, "actor": actor, "place": place, "span": span, "fake": FakeExtract}


@pytest.fixture
def fixtures_dir():
    return FIXTURES
