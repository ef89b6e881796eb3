"""Build spaCy Matcher patterns from the forms, holidays and phrases of ``time_patterns.yaml``.

Match ids are strings that say how to resolve the match: ``form:<name>``,
``holiday:<name>`` or ``phrase:<lower-cased phrase>``.
"""

from __future__ import annotations

from typing import Any, Callable

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tidings.time.lexicon import TimeLexicon

TokenSpec = dict[str, Any]


def slot_spec(lex: TimeLexicon, slot: str) -> TokenSpec:
    """One Matcher token spec for a slot: ``=word`` literal, word class, or regex shape; ``?`` optional."""
    optional = slot.endswith("?") and len(slot) > 1
    name = slot[:-1] if optional else slot
    spec: TokenSpec
    if name.startswith("="):
        spec = {"LOWER": name[1:]}
    else:
        words = lex.word_class(name)
        if words is not None:
            spec = {"LOWER": {"IN": sorted(words)}}
        else:
            spec = {"LOWER": {"REGEX": lex.raw_shapes[name]}}
    if optional:
        spec["OP"] = "?"
    return spec


def phrase_pattern(tokenize: Callable[[str], Doc], phrase: str) -> list[TokenSpec]:
    """Tokens of a phrase as our tokenizer splits it ("Eid al-Fitr" → eid, al, -, fitr)."""
    return [{"LOWER": t.lower_} for t in tokenize(phrase)]


def build_matcher(lex: TimeLexicon, vocab: Vocab, tokenize: Callable[[str], Doc]) -> Matcher:
    """The one Matcher of the time stage: every form, holiday (with an optional year) and phrase."""
    matcher = Matcher(vocab)
    for form in lex.forms:
        matcher.add(f"form:{form.name}", [[slot_spec(lex, s) for s in seq] for seq in form.sequences])
    year = slot_spec(lex, "year")
    for holiday in lex.holidays:
        patterns = []
        for phrase in holiday.phrases:
            tokens = phrase_pattern(tokenize, phrase)
            patterns.append(tokens)
            patterns.append([*tokens, year])
        matcher.add(f"holiday:{holiday.name}", patterns)
    for phrase in lex.unresolvable:
        matcher.add(f"phrase:{phrase}", [phrase_pattern(tokenize, phrase)])
    return matcher


def anchor_words(lex: TimeLexicon, tokenize: Callable[[str], Doc]) -> frozenset[str]:
    """Words at least one of which every match contains (besides digits): where matching windows open."""
    words: set[str] = set(lex.month_of) | set(lex.weekday_of) | set(lex.seasons) | set(lex.day_offsets)
    words |= set(lex.units) | lex.words["part_of_day"] | {"weekend"}
    phrases = [p for h in lex.holidays for p in h.phrases] + list(lex.unresolvable)
    for phrase in phrases:
        words |= {t.lower_ for t in tokenize(phrase)}
    return frozenset(words - lex.window_stopwords)


def longest_match(lex: TimeLexicon, tokenize: Callable[[str], Doc]) -> int:
    """The most tokens one match can span: how far a window must reach either side of its anchor."""
    forms = max(len(seq) for f in lex.forms for seq in f.sequences)
    phrases = [p for h in lex.holidays for p in h.phrases] + list(lex.unresolvable)
    return max(forms, max(len(tokenize(p)) + 1 for p in phrases))


__all__ = ["slot_spec", "phrase_pattern", "build_matcher", "anchor_words", "longest_match"]
