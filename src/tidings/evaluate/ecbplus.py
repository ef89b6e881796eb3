"""ECB+ topics: event-mention detection only, until the store can merge events across articles.

Each document's tokens are joined with spaces, sentences with newlines.
Gold mentions are the ACTION_* and NEG_ACTION_* markables in the sentences
the corpus marks as annotated (ECBplus_coreference_sentences.csv). One of
our events is right when its trigger overlaps a gold action mention there;
our events outside the annotated sentences are not counted. ECB+ marks
every action (said, checked into rehab …) while tidings codes only PLOVER
events, so recall is bounded well below 1 by design; precision is the
number that says whether our triggers are real events.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tidings.evaluate.common import Extract, default_extract, limited, run_records
from tidings.evaluate.metrics import EvalResult, match_pairs, overlaps
from tidings.model import Report


@dataclass(slots=True)
class EcbDoc:
    id: str
    topic: str
    text: str
    mentions: list[tuple[int, int, str]]  # start, end, class
    annotated: list[tuple[int, int]]  # character spans of the annotated sentences


def _annotated(path: Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return out


def read_document(path: Path, annotated: set[int] | None) -> EcbDoc:
    """One ECB+ XML file as text with character offsets for its tokens and action mentions."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    sentences: dict[int, list[int]] = {}
    parts: list[str] = []
    position, last_sentence = 0, None
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if last_sentence is not None:
            sep = "\n" if sentence != last_sentence else " "
            parts.append(sep)
            position += len(sep)
        word = token.text or ""
        offsets[token.get("t_id", "")] = (position, position + len(word))
        sentences.setdefault(sentence, []).append(position)
        sentences[sentence].append(position + len(word))
        parts.append(word)
        position += len(word)
        last_sentence = sentence
    text = "".join(parts)
    keep = annotated if annotated is not None else set(sentences)
    spans = [(min(sentences[s]), max(sentences[s])) for s in sorted(keep) if s in sentences]
    mentions: list[tuple[int, int, str]] = []
    markables = root.find("Markables")
    for node in list(markables) if markables is not None else []:
        if not re.match(r"^(NEG_)?ACTION_", node.tag):
            continue
        anchors = [offsets[a.get("t_id", "")] for a in node.iter("token_anchor") if a.get("t_id", "") in offsets]
        if not anchors:
            continue
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors))
        if any(overlaps(span, s) for s in spans):
            mentions.append((span[0], span[1], node.tag))
    topic = path.parent.name
    return EcbDoc(path.stem, topic, text, mentions, spans)


def load_gold(path: Path, *, limit: int | None = None, topics: range = range(1, 25)) -> list[EcbDoc]:
    """Documents of ECB+ topics 1–24 (``limit`` documents in all, spread over the topics in order)."""
    annotated = _annotated(path / "ECBplus_coreference_sentences.csv")
    files: list[Path] = []
    for topic in topics:
        folder = path / "ECB+" / str(topic)
        if folder.is_dir():
            files += sorted(folder.glob("*.xml"))
    docs = []
    for file in limited(files, limit):
        key = file.stem  # 1_10ecbplus
        docs.append(read_document(file, annotated.get(key, set()) if annotated else None))
    return docs


def score_document(result: EvalResult, doc: EcbDoc, report: Report) -> None:
    """Trigger-overlap counts of one document, inside its annotated sentences."""
    triggers = [(e.trigger.start, e.trigger.end, e.type) for e in report.events
                if any(overlaps((e.trigger.start, e.trigger.end), s) for s in doc.annotated)]
    pairs, missed, extra = match_pairs(doc.mentions, triggers, lambda g, p: overlaps((g[0], g[1]), (p[0], p[1])))
    result.score("event mention (trigger overlap)").add(tp=len(pairs), fn=len(missed), fp=len(extra))
    result.stats["gold action mentions"] = int(result.stats.get("gold action mentions") or 0) + len(doc.mentions)
    for pi in extra:
        start, end, kind = triggers[pi]
        result.miss(doc.id, "event mention", f"trigger on no gold action ({kind})", "—", doc.text[start:end],
                    doc.text[max(0, start - 100):end + 100].replace("\n", " "))
    missed_classes: dict[str, int] = {}
    for gi in missed:
        missed_classes[doc.mentions[gi][2]] = missed_classes.get(doc.mentions[gi][2], 0) + 1
    for cls, count in missed_classes.items():
        result.stats[f"missed {cls}"] = int(result.stats.get(f"missed {cls}") or 0) + count


def run(gold: Path, *, limit: int | None = None, extract: Extract = default_extract) -> EvalResult:
    """Extract each ECB+ document and score event-mention detection."""
    docs = load_gold(gold, limit=limit)
    result = EvalResult(dataset="ecbplus", gold=str(gold))
    result.notes.append("event-mention detection only: cross-document merging waits for the store")
    result.notes.append("gold = every ACTION mention (all verbs of happening, not only PLOVER events): recall is low "
                        "by design")
    run_records(result, docs, lambda d: d.text, lambda d: extract(d.text), lambda d, rep: score_document(result, d, rep),
                lambda d: d.id)
    return result
