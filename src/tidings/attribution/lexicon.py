"""The attribution lexicon: what data/reporting.yaml and data/sources.yaml say, in the shape the code uses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tidings.resources import load_yaml


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    lemma: str
    status: str
    kind: str
    statement_type: str | None


@dataclass(slots=True)
class ReportingLexicon:
    """Word lists of the attribution stage; every list lives in a data file, none in code."""

    verbs: dict[str, ReportingVerb]
    according: dict[str, str]  # multi-word cue → status
    hedges: dict[str, str]  # adverb → status
    passive_hedges: dict[str, str]  # participle lemma → status ("is said to")
    anonymous_heads: set[str]
    document_heads: set[str]
    reporter_nouns: set[str]
    speaker_pronouns: set[str]
    unnamed_source: str
    addressee_verbs: set[str]
    citing_verbs: set[str]
    object_content_verbs: set[str]
    quote_open: set[str]
    quote_close: set[str]
    quote_window: int
    experiencer_adjectives: dict[str, str]
    responsibility_nouns: set[str]
    responsibility_verbs: set[str]
    role_nouns: set[str]
    event_anaphors: dict[str, str]  # noun → PLOVER type it refers back to
    confidence: dict[str, float]
    outlet_heads: set[str]


@lru_cache(maxsize=1)
def load_reporting_lexicon() -> ReportingLexicon:
    reporting = load_yaml("reporting.yaml")
    sources = load_yaml("sources.yaml")
    verbs: dict[str, ReportingVerb] = {}
    for v in reporting["verbs"]:
        entry = ReportingVerb(v["lemma"], v["status"], v.get("kind", "speech"), v.get("statement_type"))
        for lemma in [v["lemma"], *v.get("variants", [])]:
            verbs.setdefault(lemma, entry)
    according = {
        c["cue"].lower(): c.get("status", "reported") for c in reporting["according_to"]
        if " " in c["cue"] and c["cue"].split()[0] not in ("citing", "quoting")
    }
    hedges = reporting["hedges"]
    anaphors = {noun: event_type for event_type, nouns in sources["event_anaphors"].items() for noun in nouns}
    return ReportingLexicon(
        verbs=verbs,
        according=according,
        hedges={h["cue"].lower(): h["status"] for h in hedges["adverbs"]},
        passive_hedges={h["lemma"]: h["status"] for h in hedges["passive_participles"]},
        anonymous_heads={h.lower() for h in reporting["anonymous_heads"]},
        document_heads={h.lower() for h in reporting["document_heads"]},
        reporter_nouns=set(sources["reporter_nouns"]),
        speaker_pronouns=set(sources["speaker_pronouns"]),
        unnamed_source=sources["unnamed_source"],
        addressee_verbs=set(sources["addressee_verbs"]),
        citing_verbs=set(sources["citing_verbs"]),
        object_content_verbs=set(sources["object_content_verbs"]),
        quote_open=set(sources["quote_marks"]["open"]),
        quote_close=set(sources["quote_marks"]["close"]),
        quote_window=int(sources["quote_speaker_window"]),
        experiencer_adjectives={a["lemma"]: a["status"] for a in sources["experiencer_adjectives"]},
        responsibility_nouns=set(sources["responsibility_nouns"]),
        responsibility_verbs=set(sources["responsibility_verbs"]),
        role_nouns=set(sources["role_nouns"]),
        event_anaphors=anaphors,
        confidence={k: float(v) for k, v in sources["confidence"].items()},
        outlet_heads=set(sources["outlet_heads"]),
    )


__all__ = ["ReportingVerb", "ReportingLexicon", "load_reporting_lexicon"]
