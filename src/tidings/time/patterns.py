"""Build spaCy Matcher patterns from the forms, holidays and phrases of ``time_patterns.yaml``.

Match ids are strings that say how to resolve the match: ``form:<name>``,
``holiday:<name>`` or ``phrase:<lower-cased phrase>``.
"""

from __future__ import annotations

import re._parser as regex_parser
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


def _needs_digit(items: Any) -> bool:
    """Whether every string a parsed regex sequence matches holds a digit (unknown parts: no)."""
    for op, arg in items:
        name = str(op)
        if name == "LITERAL" and chr(arg).isdigit():
            return True
        if name == "IN" and arg and all(
            (str(o) == "LITERAL" and chr(a).isdigit()) or (str(o) == "RANGE" and 48 <= a[0] and a[1] <= 57)
            for o, a in arg
        ):
            return True
        if name == "SUBPATTERN" and _needs_digit(arg[-1]):
            return True
        if name == "BRANCH" and all(_needs_digit(branch) for branch in arg[1]):
            return True
        if name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1 and _needs_digit(arg[2]):
            return True
    return False


def _is_anchor_spec(spec: TokenSpec, anchors: frozenset[str]) -> bool:
    """Whether every token ``spec`` matches opens a window: an anchor word, or a word with a digit."""
    if spec.get("OP") == "?":
        return False
    value = spec.get("LOWER")
    if isinstance(value, str):
        return value in anchors
    if isinstance(value, dict) and "IN" in value:
        return all(w in anchors for w in value["IN"])
    if isinstance(value, dict) and "REGEX" in value:
        return _needs_digit(regex_parser.parse(value["REGEX"]).data)
    return False


def window_matchers(matcher: Matcher, vocab: Vocab, anchors: frozenset[str],
                    reach: int) -> list[tuple[Matcher, int]]:
    """``matcher``'s patterns split by length, each group with the window reach it needs.

    A pattern holding an anchor is matched in windows as wide as the pattern is long (the
    Matcher's cost grows with window size × pattern count, and most patterns are short); one
    that may lack an anchor keeps the full ``reach``. Together they find what ``matcher`` finds
    in windows of ``reach``.
    """
    groups: dict[int, Matcher] = {}
    for key in matcher._patterns:  # the Matcher keeps its patterns only here
        name = vocab.strings[key]
        for pattern in matcher._patterns[key]:
            width = len(pattern) if any(_is_anchor_spec(s, anchors) for s in pattern) else reach
            width = min(width, reach)
            groups.setdefault(width, Matcher(vocab)).add(name, [pattern])
    return [(groups[w], w) for w in sorted(groups)]


__all__ = ["slot_spec", "phrase_pattern", "build_matcher", "anchor_words", "longest_match", "window_matchers"]
