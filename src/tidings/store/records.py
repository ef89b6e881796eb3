"""Reports back from their JSON (contract ``tidings/1``): what a batch wrote, the store can merge.

A batch run extracts on many machines and writes each Report as its JSON to
Parquet; loading rebuilds the Report here and hands it to
:meth:`tidings.store.Store.add_report`, so the one merge the store has is the
one every path goes through. ``report_from_dict(report.to_dict())`` gives a
Report whose ``to_dict()`` is equal to the original's.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any, TypeVar

from tidings.model import (
    Actor, Article, Event, Place, Relation, Report, Source, Statement, TextSpan, TimeMention, When,
)
from tidings.store.store import Added, Store

T = TypeVar("T")


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _span(data: dict[str, Any] | None, text: str) -> TextSpan | None:
    """A span; the contract leaves out the text of some spans, which the article supplies."""
    if not data:
        return None
    start, end = int(data["start"]), int(data["end"])
    return TextSpan(start, end, data["text"] if "text" in data else text[start:end])


def _plain(value: Any, text: str) -> Any:
    """A field the contract added later: spans become TextSpans, anything else stays as it is."""
    if isinstance(value, dict) and "start" in value and "end" in value:
        return _span(value, text)
    if isinstance(value, list):
        return [_plain(v, text) for v in value]
    return value


def _build(cls: type[T], data: dict[str, Any], text: str, **known: Any) -> T:
    """``cls`` from ``known``, then from the other keys of ``data`` that are fields of ``cls``."""
    for spec in fields(cls):  # type: ignore[arg-type]
        if spec.name not in known and spec.name in data:
            known[spec.name] = _plain(data[spec.name], text)
    return cls(**known)


def _when(data: dict[str, Any] | None) -> When | None:
    if not data:
        return None
    start, end = _day(data["start"]), _day(data["end"])
    assert start is not None and end is not None
    return When(start, end, data["precision"])


def _source(data: dict[str, Any], text: str) -> Source:
    return _build(Source, data, text, span=_span(data.get("span"), text), cue=_span(data.get("cue"), text))


def _event(data: dict[str, Any], text: str) -> Event:
    evidence = dict(data["evidence"])
    trigger = evidence.pop("trigger")
    when = data.get("date")
    return _build(
        Event, data, text, context=list(data.get("context") or []), date=_when(when),
        date_text=when.get("text") if when else None,
        attribution=[_source(s, text) for s in data.get("attribution") or []],
        evidence=_span(evidence, text), trigger=_span(trigger, text), confidence=float(data.get("confidence") or 0.0))


def _mentions(items: list[dict[str, Any]] | None, text: str) -> list[TextSpan]:
    return [_span(m, text) for m in items or []]  # type: ignore[misc]


def report_from_dict(data: dict[str, Any], *, text: str | None = None, source_path: str | None = None) -> Report:
    """The Report whose ``to_dict()`` is ``data``; ``text`` when the JSON was stored without it."""
    meta = data["article"]
    body = meta.get("text") if text is None else text
    if body is None:
        raise ValueError("the report JSON holds no article text: pass text=")
    article = Article(text=body, id=meta.get("id") or "", title=meta.get("title"), url=meta.get("url"),
                      outlet=meta.get("outlet"), byline=meta.get("byline"), published=_day(meta.get("published")),
                      source_path=source_path)
    actors = [_build(Actor, a, body, mentions=_mentions(a.get("mentions"), body),
                     resolved_by=list(a.get("resolved_by") or [])) for a in data.get("actors") or []]
    places = [_build(Place, p, body, mentions=_mentions(p.get("mentions"), body)) for p in data.get("places") or []]
    times = [TimeMention(span=TextSpan(t["start"], t["end"], t["text"]), value=_when(t.get("value")),
                         reason=t.get("reason"))
             for t in data.get("times") or []]
    relations = [_build(Relation, r, body, evidence=_mentions(r.get("evidence"), body),
                        events=list(r.get("events") or [])) for r in data.get("relations") or []]
    statements = []
    for s in data.get("statements") or []:
        when = s.get("date")
        statements.append(_build(
            Statement, s, body, speaker=_source(s["speaker"], body), cue=_span(s["cue"], body),
            content=_span(s["content"], body), date=_when(when), date_text=when.get("text") if when else None))
    return Report(article=article, actors=actors, places=places, times=times,
                  events=[_event(e, body) for e in data.get("events") or []], relations=relations,
                  statements=statements, warnings=list(data.get("warnings") or []))


def add_report_dict(store: Store, data: dict[str, Any], *, text: str | None = None,
                    origin: str | None = None) -> Added:
    """Store a report given as its JSON (e.g. a row of a batch's Parquet output) and merge its events."""
    return store.add_report(report_from_dict(data, text=text, source_path=origin), origin=origin)


__all__ = ["report_from_dict", "add_report_dict"]
