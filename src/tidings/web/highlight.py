"""Article text cut into segments, each carrying the annotations that cover it.

Annotations overlap (a trigger sits inside its evidence, an actor inside an
attribution span), so instead of nesting tags we sweep the boundaries: every
segment between two boundaries gets the set of kinds and event numbers that
cover it. The template escapes each segment's text; no markup is built here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("actor", "place", "time", "trigger", "cue", "source")


@dataclass(slots=True)
class Span:
    start: int
    end: int
    kind: str            # one of KINDS, or "evidence"
    event: int | None = None
    label: str = ""


@dataclass(slots=True)
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    events: list[int] = field(default_factory=list)
    label: str = ""

    @property
    def css(self) -> str:
        return " ".join([f"hl-{k}" for k in self.kinds] + [f"ev-{n}" for n in self.events])


def spans_for(report: dict[str, Any], events: list[dict[str, Any]], actors: list[dict[str, Any]],
              places: list[dict[str, Any]]) -> list[Span]:
    """Every highlight of an article: mentions, dates, and for each event its evidence, trigger and sources."""
    spans = [Span(m["start"], m["end"], "actor", label=m.get("name") or m["id"]) for m in actors]
    spans += [Span(m["start"], m["end"], "place", label=m.get("name") or m["id"]) for m in places]
    for time in report.get("times", []):
        value = time.get("value") or {}
        spans.append(Span(time["start"], time["end"], "time", label=value.get("start") or "unresolved"))
    for event in events:
        n = event["n"]
        if event.get("evidence_start") is not None:
            spans.append(Span(event["evidence_start"], event["evidence_end"], "evidence", event=n))
        if event.get("trigger_start") is not None:
            spans.append(Span(event["trigger_start"], event["trigger_end"], "trigger", event=n, label=event["type"]))
        for source in event.get("attribution", []):
            if source.get("span"):
                spans.append(Span(source["span"]["start"], source["span"]["end"], "source", event=n,
                                  label=source.get("kind", "")))
            if source.get("cue"):
                spans.append(Span(source["cue"]["start"], source["cue"]["end"], "cue", event=n))
    return spans


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece lists the kinds and events covering it."""
    size = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= size]
    cuts = sorted({0, size} | {s.start for s in valid} | {s.end for s in valid})
    out: list[Segment] = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [s for s in valid if s.start <= lo and s.end >= hi]
        kinds = [k for k in KINDS if any(s.kind == k for s in covering)]
        events = sorted({s.event for s in covering if s.event is not None})
        labels = [s.label for s in covering if s.label and s.kind in ("actor", "place", "time", "trigger")]
        segment = Segment(text[lo:hi], kinds, events, "; ".join(dict.fromkeys(labels)))
        if out and not kinds and not events and not out[-1].kinds and not out[-1].events:
            out[-1].text += segment.text
        else:
            out.append(segment)
    return out


__all__ = ["Span", "Segment", "spans_for", "segments", "KINDS"]
