"""Attribution scorer in the PolNeAR/PARC style: source, cue and content spans, exact and overlap F1.

Gold is a JSONL file (or a folder of ``*.jsonl`` files), one document a line::

    {"id": "doc-1", "text": "…", "published": "2016-12-19",
     "attributions": [{"source": [0, 15], "cue": [16, 20], "content": [21, 60]}]}

Spans are ``[start, end)`` character offsets into ``text``; ``source`` may be null for
an attribution whose source the text never names ("reportedly"). PARC and PolNeAR
annotations convert to this by keeping each attribution's source, cue and content
spans (discontinuous spans: their first and last character). Predicted attributions
are the report's ``statements`` (speaker span, cue, content). See docs/attribution.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.errors import InputError
from tidings.evaluate.common import Extract, default_extract, limited, run_records
from tidings.evaluate.metrics import EvalResult, match_pairs, overlaps
from tidings.model import Report

Span = tuple[int, int]
ROLES = ("source", "cue", "content")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution: who (source), the words that attribute (cue), and what is attributed (content)."""

    source: Span | None
    cue: Span | None
    content: Span | None


@dataclass(slots=True)
class GoldDocument:
    id: str
    text: str
    published: str | None
    attributions: list[Attribution]


def _span(value: Any, where: str) -> Span | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value) and value[0] <= value[1]):
        raise InputError(f"{where}: a span must be [start, end] with start <= end, got {value!r}")
    return value[0], value[1]


def read_gold(path: str | Path) -> Iterator[GoldDocument]:
    """Gold documents from a JSONL file or every ``*.jsonl`` file of a folder."""
    root = Path(path)
    files = sorted(root.glob("*.jsonl")) if root.is_dir() else [root]
    if not files:
        raise InputError(f"no *.jsonl gold files in {str(root)!r}: see docs/attribution.md for the format")
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{file.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not JSON ({exc.msg}); one document per line") from exc
            text = record.get("text")
            if not isinstance(text, str):
                raise InputError(f"{where}: needs a 'text' string")
            items = []
            for k, item in enumerate(record.get("attributions", [])):
                spans = {role: _span(item.get(role), f"{where} attribution {k} {role}") for role in ROLES}
                for role, span in spans.items():
                    if span is not None and span[1] > len(text):
                        raise InputError(f"{where} attribution {k}: {role} ends past the text")
                items.append(Attribution(**spans))
            yield GoldDocument(str(record.get("id", f"{file.stem}-{number}")), text, record.get("published"), items)


def predicted_attributions(report: Report) -> list[Attribution]:
    """The report's statements as (source, cue, content) spans."""
    out: list[Attribution] = []
    for statement in report.statements:
        speaker = statement.speaker.span
        out.append(Attribution(
            source=(speaker.start, speaker.end) if speaker is not None else None,
            cue=(statement.cue.start, statement.cue.end),
            content=(statement.content.start, statement.content.end),
        ))
    return list(dict.fromkeys(out))


def _same(a: Span | None, b: Span | None, *, exact: bool) -> bool:
    if a is None or b is None:
        return False
    return a == b if exact else overlaps(a, b)


def score_document(result: EvalResult, gold: GoldDocument, predicted: list[Attribution]) -> None:
    """Add one document's counts: each role alone, and source+cue together, exact and overlap."""
    for exact in (True, False):
        mode = "exact" if exact else "overlap"
        for role in ROLES:
            gold_spans = [getattr(a, role) for a in gold.attributions if getattr(a, role) is not None]
            pred_spans = list(dict.fromkeys(getattr(a, role) for a in predicted if getattr(a, role) is not None))
            pairs, missed, extra = match_pairs(gold_spans, pred_spans, lambda g, p: _same(g, p, exact=exact))
            result.score(f"{role} ({mode})").add(tp=len(pairs), fp=len(extra), fn=len(missed))
            if exact:
                continue
            for index in missed:
                start, end = gold_spans[index]
                result.miss(gold.id, role, "missed", gold.text[start:end], "—", gold.text[max(0, start - 80):end + 80])
            for index in extra:
                start, end = pred_spans[index]
                result.miss(gold.id, role, "spurious", "—", gold.text[start:end], gold.text[max(0, start - 80):end + 80],
                            weight=0.5)
        pairs, missed, extra = match_pairs(
            gold.attributions, predicted,
            lambda g, p: _same(g.source, p.source, exact=exact) and _same(g.cue, p.cue, exact=exact))
        result.score(f"source+cue ({mode})").add(tp=len(pairs), fp=len(extra), fn=len(missed))


def run(gold: Path, *, limit: int | None = None, extract: Extract = default_extract) -> EvalResult:
    """Score tidings' statements against attribution gold."""
    result = EvalResult(dataset="attribution", gold=str(gold))
    documents = list(limited(read_gold(gold), limit))
    result.stats["gold_attributions"] = sum(len(d.attributions) for d in documents)
    run_records(
        result, documents, text_of=lambda d: d.text,
        call=lambda d: extract(d.text, published=d.published),
        score=lambda d, report: score_document(result, d, predicted_attributions(report)),
        record_id=lambda d: d.id,
    )
    result.notes.append("predicted attributions are the report's statements; overlap = any shared character")
    return result


def evaluate_file(dataset: str, gold: str | Path, *, limit: int | None = None,
                  extract: Extract = default_extract) -> EvalResult:
    """``tidings evaluate attribution --gold FILE``: same call shape as :func:`tidings.evaluate.evaluate`."""
    path = Path(gold)
    if not path.exists():
        raise InputError(f"no gold data at {str(path)!r}: pass --gold with a JSONL file (docs/attribution.md)")
    return run(path, limit=limit, extract=extract)


__all__ = ["Attribution", "GoldDocument", "read_gold", "predicted_attributions", "score_document", "run",
           "evaluate_file"]
