"""PETRARCH's validation records, coded with PETRARCH's own actor dictionary.

Per record, as UniversalPetrarch's validation counts: each expected coding
is *correct* or *not coded*, each coding we produce beyond them is *extra*,
and a record that expects no event and gets none is a *null*. A coding is
(PLOVER type mapped from the CAMEO code, source code, target code; an event
with several actors meets the coding of each pair); our
actors get their code from the dictionary entry they were resolved to
(date-dependent codes resolved on the record's date), other actors get
country + sector, and the agents dictionary adds the role words of the
actor's noun phrase ("Arnor's defence minister" → ARNGOV).

The suite is built to test a coder together with its validation
dictionaries, so the run is scored twice: with our built-in predicate
lexicon (scores prefixed "built-in lexicon:"), and with the suite's verb
dictionary loaded as a user lexicon (tidings.lexicon_files), its patterns
replacing our entries for the same verbs (unprefixed scores); patterns the
lexicon cannot hold are matched on the sentence's words
(tidings.pipeline.verb_patterns), as any user's dictionary would be. Expected codes with no PLOVER equivalent (CAMEO 01, and
the suite's made-up test codes such as 903) are left out of the event
score but still count for the actor-pair score. A reciprocal pair
(A→B and B→A with one type) is met by one event that has A and B on any sides.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from tidings.evaluate.common import Extract, default_extract, limited, run_records
from tidings.evaluate.mappings import cameo_to_plover
from tidings.evaluate.metrics import EvalResult
from tidings.kb.petrarch import PetrarchActor, describe_code, petrarch_to_entries, read_petrarch_actors
from tidings.kb.petrarch_agents import Agent, agent_codes, apply_agents, read_petrarch_agents
from tidings.model import Event, Report

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ACTORFILE = re.compile(r"<Actorfile>\s*([^<\s]+)\s*</Actorfile>")
_FILES = {kind: re.compile(rf"<{kind}>\s*([^<\s]+)\s*</{kind}>") for kind in ("Verbfile", "Agentfile")}
BUILTIN = "built-in lexicon: "
FUTURE_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}

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


def suite_file(records: Path, kind: str, default: str) -> Path | None:
    """A dictionary the records file names in <Verbfile>/<Agentfile>, if it is there."""
    match = _FILES[kind].search(records.read_text(encoding="utf-8", errors="replace"))
    name = match.group(1) if match else default
    for folder in (records.parent.parent / "dictionaries", records.parent):
        if (folder / name).is_file():
            return folder / name
    return None


Phrase = Callable[[Report, Event, str], list[str]]
"""The words of the noun phrase an event's actor stands in ("Arnor 's defence minister")."""


class CodeBook:
    """Turns our actor ids into CAMEO codes, the way the record's dictionaries would."""

    def __init__(self, actors: list[PetrarchActor], agents: list[Agent] | None = None) -> None:
        self.by_id: dict[str, PetrarchActor] = {}
        self.agents = agents or []
        for actor in actors:
            self.by_id.setdefault(actor.id, actor)

    def code(self, report: Report, actor_id: str, day: date | None, words: list[str] | None = None) -> str:
        return self.codes(report, actor_id, day, words)[0]

    def codes(self, report: Report, actor_id: str, day: date | None, words: list[str] | None = None) -> list[str]:
        """Every code of the actor: a dictionary entry with several (``THE_SHIRE [FRO/BIL/SAM]``) is
        several actors to PETRARCH, which codes an event for each."""
        out: list[str] = []
        for code in self._base(report, actor_id, day):
            if code != NONE and words and self.agents:
                code = apply_agents(code, agent_codes(words, self.agents))
            if code not in out:
                out.append(code)
        return out

    def _base(self, report: Report, actor_id: str, day: date | None) -> list[str]:
        entry = self.by_id.get(actor_id)
        if entry is not None:
            return [_code(c) for c in entry.codes_on(day)] or [NONE]
        return [self._guess(report, actor_id)]

    def _guess(self, report: Report, actor_id: str) -> str:
        actor = next((a for a in report.actors if a.id == actor_id), None)
        if actor is None or not actor.country:
            return NONE
        sector = actor.sector or ""
        return actor.country + (sector if sector and sector != "GOV" or actor.kind != "government" else "")


class Predicted(NamedTuple):
    type: str
    sources: set[str]
    targets: set[str]
    future: bool = False  # PLOVER made a promised CONSULT/SUPPORT/COOPERATE/AID an AGREE


def predicted_codings(report: Report, book: CodeBook, day: date | None, phrase: Phrase | None = None,
                      keep: Callable[[Report, Event], bool] | None = None) -> list[Predicted]:
    """(type, source codes, target codes, future) for each event we coded (that ``keep`` keeps)."""
    out = []
    for event in report.events:
        if keep is not None and not keep(report, event):
            continue

        def codes(ids: list[str]) -> set[str]:
            return {c for a in ids for c in book.codes(report, a, day, phrase(report, event, a) if phrase else None)
                    } or {NONE}

        out.append(Predicted(event.type, codes(event.actors), codes(event.recipients),
                             event.type == "AGREE" and event.status == "future"))
    return out


def spacy_parser(nlp: Any) -> Callable[[str], Any]:
    """The pipeline's tagger and parser alone (no tidings components), the last text's doc kept."""
    steps = [name for name in ("tok2vec", "tagger", "tidings_sentences", "parser", "attribute_ruler", "lemmatizer")
             if name in nlp.pipe_names]
    docs: dict[str, Any] = {}

    def parse(text: str) -> Any:
        if text not in docs:
            docs.clear()
            doc = nlp.make_doc(text)
            for name in steps:
                doc = nlp.get_pipe(name)(doc)
            docs[text] = doc
        return docs[text]

    return parse


def dictionary_verbs(verbs: set[str], parse: Callable[[str], Any]) -> Callable[[Report, Event], bool]:
    """Keeps events whose trigger is a verb of the dictionary: PETRARCH codes only its dictionary's verbs."""
    def keep(report: Report, event: Event) -> bool:
        doc = parse(report.article.text)
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        return span is not None and any(t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in verbs or t.lower_ in verbs)
                                        for t in span)

    return keep


def spacy_phrases(nlp: Any, parse: Callable[[str], Any] | None = None) -> Phrase:
    """Noun-phrase words of an actor mention from a parse with the pipeline's own model.

    From the mention, climb through conjunctions, compounds, possessives and "X of/in/from <mention>"
    to the head noun; the words from its left edge to it, without the mention, are where
    agents are written ("An MSF Arnor diplomat", "Human rights activists in Arnor", "Soldiers from Arnor").
    """
    parse = parse or spacy_parser(nlp)

    def phrase(report: Report, event: Event, actor_id: str) -> list[str]:
        actor = next((a for a in report.actors if a.id == actor_id), None)
        if actor is None or not actor.mentions:
            return []
        spans = [(t.start, t.end) for t in event.actor_spans + event.recipient_spans]
        mentions = [m for m in actor.mentions if any(m.start < e and s < m.end for s, e in spans)] or actor.mentions
        mention = mentions[0]
        doc = parse(report.article.text)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return []
        node = span.root
        for _ in range(8):
            if node.dep_ == "conj" and node.head.pos_ in ("NOUN", "PROPN"):
                node = node.head
            elif node.dep_ in ("compound", "poss", "amod", "nmod") and node.head.pos_ in ("NOUN", "PROPN"):
                node = node.head
            elif node.dep_ == "pobj" and node.head.lower_ in ("of", "in", "from") \
                    and node.head.head.pos_ in ("NOUN", "PROPN"):
                node = node.head.head
            else:
                break
        # the mention may hold the role words ("Dagolath's first Deputy Prime Minister", "the Kuwait
        # government"): drop only the words of the actor's own name, so "Ministry of Magic" is no ministry
        name = {w.lower() for w in re.findall(r"\w+", actor.name)}
        inside = {t.i for t in span if t.lower_ in name}
        return [t.text for t in doc[node.left_edge.i:node.i + 1] if t.i not in inside]

    return phrase


def _root(code: str) -> str:
    return code[:3]


def _same_type(expected: str | None, got: tuple[Any, ...]) -> bool:
    """PLOVER's rule applied to the gold: CAMEO codes the verb of "is about to restore ties" (064),
    PLOVER codes promised cooperation as AGREE; our future AGREE meets such a coding."""
    return got[0] == expected or (len(got) > 3 and bool(got[3]) and expected in FUTURE_AGREE)


def score_record(result: EvalResult, record: PetrRecord, predicted: list[Predicted] | list[tuple[str, set[str], set[str]]]) -> None:
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
                        [f"{t} {'/'.join(sorted(s))}→{'/'.join(sorted(g))}" for t, s, g, *_ in predicted], text)
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
            sources, targets = predicted[index][1], predicted[index][2]
            if exact and not _same_type(coding.type, predicted[index]):
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
        # PETRARCH writes "Fornost and Gondor welcomed ..." as one coding per pair; one event of ours with
        # both actors meets each of them
        match = next((i for i in range(len(predicted)) if hit(i, exact=True)
                      and (i not in used or reciprocal or len(predicted[i][1]) > 1 or len(predicted[i][2]) > 1)),
                     None)
        if match is not None:
            if predicted[match][0] != coding.type:
                tally["met by PLOVER future rule"] = int(tally.get("met by PLOVER future rule") or 0) + 1
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
            got = [f"{'/'.join(sorted(s))}→{'/'.join(sorted(g))}" for _, s, g, *_ in same_type]
        result.miss(record.id, "event", kind, f"{coding.type} (CAMEO {coding.cameo}) {coding.source}→{coding.target}",
                    got, text, weight=2.0 if kind == "no event" else 1.5)
    if scorable:
        extras = [i for i in range(len(predicted)) if i not in used]
        event_score.add(fp=len(extras))
        tally["extra"] = int(tally.get("extra") or 0) + len(extras)
        all_ok = all_ok and not extras
        for i in extras:
            t, s, g = predicted[i][:3]
            result.miss(record.id, "event", "extra coding", [f"{c.type} {c.source}→{c.target}" for c in scorable],
                        f"{t} {'/'.join(sorted(s))}→{'/'.join(sorted(g))}", text, weight=0.5)
    pair_score.add(fp=max(0, len({(frozenset(s), frozenset(g)) for _, s, g, *_ in predicted}) - len(record.codings)))
    if scorable:
        result.accuracy("records fully right").add(all_ok)


def _resolved(paths: list[Path]) -> tuple[Path, ...]:
    return tuple(p.resolve() for p in paths)


def _run_config(target: EvalResult, records: list[PetrRecord], book: CodeBook, actor_file: Path,
                verb_files: list[Path], extract: Extract, phrase: Phrase | None) -> None:
    """Extract and score every record with one set of dictionaries."""
    keep = None
    if extract is default_extract:
        from tidings.lexicon_files import read_petrarch_verbs, spacy_lemmatizer
        from tidings.nlp import load_pipeline

        nlp = load_pipeline(_resolved([actor_file]), _resolved(verb_files))  # the pipeline extract uses
        parse = spacy_parser(nlp)
        if phrase is None and book.agents:
            phrase = spacy_phrases(nlp, parse)
        if verb_files:
            dictionary = read_petrarch_verbs(verb_files[0], lemmatize=spacy_lemmatizer(nlp))
            keep = dictionary_verbs({v for e in dictionary.entries for v in (e["trigger"], *e.get("variants", ()))}
                                    | {v for p in dictionary.word_patterns for v in (p["verb"], *p["variants"])}, parse)

    def call(record: PetrRecord) -> Report:
        if not verb_files:
            return extract(record.text, published=record.date, actors=[actor_file])
        if extract is default_extract:
            from tidings.api import extract as real_extract

            return real_extract(record.text, published=record.date, actors=[actor_file], verb_files=verb_files)
        return extract(record.text, published=record.date, actors=[actor_file],  # type: ignore[call-arg]
                       verb_files=verb_files)

    run_records(target, records, lambda r: r.text, call,
                lambda r, rep: score_record(target, r, predicted_codings(rep, book, r.date, phrase, keep)),
                lambda r: r.id)


def run(gold: Path, *, limit: int | None = None, extract: Extract = default_extract,
        phrase: Phrase | None = None) -> EvalResult:
    """Code the validation sentences with the suite's actors and agents, once with the suite's verb
    dictionary as a user lexicon (when the suite has one) and once with our built-in lexicon."""
    records_path, dictionary = locate(gold)
    records = list(limited(parse_records(records_path.read_text(encoding="utf-8", errors="replace")), limit))
    agents_file = suite_file(records_path, "Agentfile", "PETR.Validate.agents.txt")
    verbs_file = suite_file(records_path, "Verbfile", "PETR.Validate.verbs.txt")
    book = CodeBook(read_petrarch_actors(dictionary), read_petrarch_agents(agents_file) if agents_file else None)
    result = EvalResult(dataset="petrarch", gold=str(records_path))
    result.notes.append(f"actors: {dictionary.name} read by tidings.kb.petrarch; agents: "
                        f"{agents_file.name if agents_file else 'none'} read by tidings.kb.petrarch_agents")
    result.notes.append("CAMEO codes mapped by data/mappings/cameo_to_plover.yaml; codes with no PLOVER type "
                        "are left out of the event score (the suite's verb dictionary is mostly WEIS codes and "
                        "test codes, read as CAMEO like the suite does)")
    result.notes.append("an expected CONSULT/SUPPORT/COOPERATE/AID coding is met by our AGREE event when the "
                        "sentence is future ('is about to restore ties'): PLOVER codes promised cooperation as "
                        "AGREE, CAMEO codes the verb (count: 'met by PLOVER future rule')")
    with tempfile.TemporaryDirectory() as tmp:
        actor_file = Path(tmp) / "petrarch_actors.jsonl"
        actor_file.write_text("".join(json.dumps(e) + "\n" for e in petrarch_to_entries(dictionary)), encoding="utf-8")
        if verbs_file is None:
            _run_config(result, records, book, actor_file, [], extract, phrase)
            result.notes.append("no verb dictionary in the suite: scores are with our built-in lexicon only")
            return result
        # the suite's own dictionaries first: the summary table shows the first scores
        _run_config(result, records, book, actor_file, [verbs_file], extract, phrase)
        builtin = EvalResult("petrarch", str(records_path))
        _run_config(builtin, records, book, actor_file, [], extract, phrase)
    for name, score in builtin.scores.items():
        result.scores[BUILTIN + name] = score
    for name, accuracy in builtin.accuracies.items():
        result.accuracies[BUILTIN + name] = accuracy
    for name, value in builtin.stats.items():
        result.stats[BUILTIN + name] = value
    from tidings.lexicon_files import read_petrarch_verbs

    verbs = read_petrarch_verbs(verbs_file)
    result.stats.update({"verb patterns read": verbs.patterns, "verb patterns converted": verbs.converted,
                         "verb patterns matched on words": verbs.matched_on_words,
                         "verb patterns not expressible": verbs.not_expressible})
    result.notes.append(f"unprefixed scores: the suite's verb dictionary loaded as a user lexicon ({verbs.summary()}); "
                        "as PETRARCH codes only the verbs of its dictionary, only events on those verbs are scored. "
                        "\"built-in lexicon:\" scores: our own lexicon, every event scored")
    return result


__all__ = ["Coding", "PetrRecord", "CodeBook", "locate", "suite_file", "spacy_phrases", "spacy_parser", "Phrase",
           "Predicted", "dictionary_verbs", "parse_records", "predicted_codings", "score_record", "run",
           "describe_code"]
