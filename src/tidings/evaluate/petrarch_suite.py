"""PETRARCH's validation records, coded with PETRARCH's own actor dictionary.

Per record, as UniversalPetrarch's validation counts: each expected coding
is *correct* or *not coded*, each coding we produce beyond them is *extra*,
and a record that expects no event and gets none is a *null*. A coding is
(PLOVER type mapped from the CAMEO code, source code, target code); our
actors get their code from the dictionary entry they were resolved to
(date-dependent codes resolved on the record's date), other actors get
country + sector. Expected codes with no PLOVER equivalent (CAMEO 01, and
the suite's made-up test codes such as 903) are left out of the event
score but still count for the actor-pair score. A reciprocal pair
(A→B and B→A with one type) is met by one event that has A and B on any sides.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tidings.evaluate.common import Extract, default_extract, limited, run_records
from tidings.evaluate.mappings import cameo_to_plover
from tidings.evaluate.metrics import EvalResult
from tidings.kb.petrarch import PetrarchActor, describe_code, petrarch_to_entries, read_petrarch_actors
from tidings.model import Report

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ACTORFILE = re.compile(r"<Actorfile>\s*([^<\s]+)\s*</Actorfile>")

NONE = "---"


@dataclass(frozen=True, slots=True)
class Coding:
    cameo: str
    type: str | None
    source: str
    target: str


@dataclass(slots=True)
class PetrRecord:
    id: str
    date: date | None
    text: str
    codings: list[Coding]
    noevents: bool


def _code(value: str | None) -> str:
    value = (value or "").strip().upper()
    return value if value and value not in ("---",) else NONE


def parse_records(xml: str) -> list[PetrRecord]:
    """The validation records of a PETRARCH XML file (comments ignored)."""
    xml = _COMMENT.sub("", xml)
    out: list[PetrRecord] = []
    for attrs, body in _SENTENCE.findall(xml):
        meta = dict(_ATTR.findall(attrs))
        text_match = _TEXT.search(body)
        if not text_match:
            continue
        codings: list[Coding] = []
        noevents = False
        for coding in _CODING.findall(body):
            values = dict(_ATTR.findall(coding.replace(" = ", "=")))
            if values.get("noevents", "").lower() == "true":
                noevents = True
                continue
            if "eventcode" in values:
                cameo = values["eventcode"]
                source = _code(values.get("sourcecode"))
                target = _code(values.get("targetcode"))
                codings.append(Coding(cameo, cameo_to_plover(cameo), source, target))
        raw_date = meta.get("date", "")
        day = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:8])) if len(raw_date) == 8 else None
        out.append(PetrRecord(meta.get("id", f"record-{len(out)}"), day, " ".join(text_match.group(1).split()),
                              codings, noevents))
    return out


def locate(gold: Path) -> tuple[Path, Path]:
    """(records file, actor dictionary) from the petrarch2 folder or the records file itself."""
    records = gold / "text" / "PETR.UnitTest.records.xml" if gold.is_dir() else gold
    xml = records.read_text(encoding="utf-8", errors="replace")
    name = _ACTORFILE.search(xml)
    file_name = name.group(1) if name else "PETR.Validate.actors.txt"
    dictionary = records.parent.parent / "dictionaries" / file_name
    if not dictionary.is_file():
        dictionary = records.parent / file_name
    return records, dictionary


class CodeBook:
    """Turns our actor ids into CAMEO codes, the way the record's dictionary would."""

    def __init__(self, actors: list[PetrarchActor]) -> None:
        self.by_id: dict[str, PetrarchActor] = {}
        for actor in actors:
            self.by_id.setdefault(actor.id, actor)

    def code(self, report: Report, actor_id: str, day: date | None) -> str:
        entry = self.by_id.get(actor_id)
        if entry is not None:
            return _code(entry.code_on(day))
        actor = next((a for a in report.actors if a.id == actor_id), None)
        if actor is None or not actor.country:
            return NONE
        sector = actor.sector or ""
        return actor.country + (sector if sector and sector != "GOV" or actor.kind != "government" else "")


def predicted_codings(report: Report, book: CodeBook, day: date | None) -> list[tuple[str, set[str], set[str]]]:
    """(type, source codes, target codes) for each event we coded."""
    out = []
    for event in report.events:
        sources = {book.code(report, a, day) for a in event.actors} or {NONE}
        targets = {book.code(report, r, day) for r in event.recipients} or {NONE}
        out.append((event.type, sources, targets))
    return out


def _root(code: str) -> str:
    return code[:3]


def score_record(result: EvalResult, record: PetrRecord, predicted: list[tuple[str, set[str], set[str]]]) -> None:
    """Correct / not coded / extra / null for one record, plus actor-only partial credit."""
    tally = result.stats
    text = record.text
    event_score, pair_score, root_score = result.score("event (type+source+target)"), \
        result.score("actors only (source+target)"), result.score("actor roots (3-letter codes)")
    if record.noevents and not record.codings:
        if predicted:
            tally["extra"] = int(tally.get("extra") or 0) + len(predicted)
            event_score.add(fp=len(predicted))
            result.miss(record.id, "event", "event where none is expected", "no event",
                        [f"{t} {'/'.join(sorted(s))}→{'/'.join(sorted(g))}" for t, s, g in predicted], text)
        else:
            tally["null"] = int(tally.get("null") or 0) + 1
        result.accuracy("records fully right").add(not predicted)
        return
    scorable = [c for c in record.codings if c.type is not None]
    tally["unmapped codings"] = int(tally.get("unmapped codings") or 0) + len(record.codings) - len(scorable)
    used: set[int] = set()
    all_ok = True
    pairs = {(c.source, c.target) for c in record.codings}
    for coding in record.codings:
        reciprocal = (coding.target, coding.source) in pairs and coding.source != coding.target

        def hit(index: int, exact: bool, root: bool = False) -> bool:
            kind, sources, targets = predicted[index]
            if exact and kind != coding.type:
                return False
            norm = _root if root else (lambda c: c)
            src, tgt = {norm(s) for s in sources}, {norm(t) for t in targets}
            want_s, want_t = norm(coding.source), norm(coding.target)
            if reciprocal:
                return want_s in src | tgt and want_t in src | tgt
            return want_s in src and want_t in tgt

        ok_pair = any(hit(i, exact=False) for i in range(len(predicted)))
        pair_score.add(tp=int(ok_pair), fn=int(not ok_pair))
        ok_root = any(hit(i, exact=False, root=True) for i in range(len(predicted)))
        root_score.add(tp=int(ok_root), fn=int(not ok_root))
        if coding.type is None:
            continue
        match = next((i for i in range(len(predicted)) if hit(i, exact=True) and (i not in used or reciprocal)), None)
        if match is not None:
            used.add(match)
            event_score.add(tp=1)
            tally["correct"] = int(tally.get("correct") or 0) + 1
            continue
        all_ok = False
        event_score.add(fn=1)
        tally["not coded"] = int(tally.get("not coded") or 0) + 1
        same_type = [p for p in predicted if p[0] == coding.type]
        if not predicted:
            kind, got = "no event", "—"
        elif not same_type:
            kind, got = "wrong type", sorted({p[0] for p in predicted})
        else:
            kind = "right type, wrong actors"
            got = [f"{'/'.join(sorted(s))}→{'/'.join(sorted(g))}" for _, s, g in same_type]
        result.miss(record.id, "event", kind, f"{coding.type} (CAMEO {coding.cameo}) {coding.source}→{coding.target}",
                    got, text, weight=2.0 if kind == "no event" else 1.5)
    if scorable:
        extras = [i for i in range(len(predicted)) if i not in used]
        event_score.add(fp=len(extras))
        tally["extra"] = int(tally.get("extra") or 0) + len(extras)
        all_ok = all_ok and not extras
        for i in extras:
            t, s, g = predicted[i]
            result.miss(record.id, "event", "extra coding", [f"{c.type} {c.source}→{c.target}" for c in scorable],
                        f"{t} {'/'.join(sorted(s))}→{'/'.join(sorted(g))}", text, weight=0.5)
    pair_score.add(fp=max(0, len({(frozenset(s), frozenset(g)) for _, s, g in predicted}) - len(record.codings)))
    if scorable:
        result.accuracy("records fully right").add(all_ok)


def run(gold: Path, *, limit: int | None = None, extract: Extract = default_extract) -> EvalResult:
    """Code the validation sentences with PETRARCH's validation actors loaded as user actors."""
    records_path, dictionary = locate(gold)
    records = list(limited(parse_records(records_path.read_text(encoding="utf-8", errors="replace")), limit))
    book = CodeBook(read_petrarch_actors(dictionary))
    result = EvalResult(dataset="petrarch", gold=str(records_path))
    result.notes.append(f"actors: {dictionary.name} read by tidings.kb.petrarch (agents file not used)")
    result.notes.append("CAMEO codes mapped by data/mappings/cameo_to_plover.yaml; codes with no PLOVER type "
                        "are left out of the event score")
    with tempfile.TemporaryDirectory() as tmp:
        actor_file = Path(tmp) / "petrarch_actors.jsonl"
        actor_file.write_text("".join(json.dumps(e) + "\n" for e in petrarch_to_entries(dictionary)), encoding="utf-8")
        run_records(result, records, lambda r: r.text,
                    lambda r: extract(r.text, published=r.date, actors=[actor_file]),
                    lambda r, rep: score_record(result, r, predicted_codings(rep, book, r.date)), lambda r: r.id)
    return result


__all__ = ["Coding", "PetrRecord", "CodeBook", "locate", "parse_records", "predicted_codings", "score_record", "run",
           "describe_code"]
