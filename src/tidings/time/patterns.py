"""Build the token patterns of the forms, holidays and phrases of ``time_patterns.yaml``, and their matcher.

Match ids are strings that say how to resolve the match: ``form:<name>``,
``holiday:<name>`` or ``phrase:<lower-cased phrase>``.
"""

from __future__ import annotations

from typing import Any, Callable

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tidings.time.lexicon import TimeLexicon
from tidings.time.trie import TrieMatcher

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


def pattern_table(lex: TimeLexicon, tokenize: Callable[[str], Doc]) -> list[tuple[str, list[list[TokenSpec]]]]:
    """Every match key of the time stage with its token patterns: forms, holidays (with an optional year), phrases."""
    table: list[tuple[str, list[list[TokenSpec]]]] = []
    for form in lex.forms:
        table.append((f"form:{form.name}", [[slot_spec(lex, s) for s in seq] for seq in form.sequences]))
    year = slot_spec(lex, "year")
    for holiday in lex.holidays:
        patterns = []
        for phrase in holiday.phrases:
            tokens = phrase_pattern(tokenize, phrase)
            patterns.append(tokens)
            patterns.append([*tokens, year])
        table.append((f"holiday:{holiday.name}", patterns))
    for phrase in lex.unresolvable:
        table.append((f"phrase:{phrase}", [phrase_pattern(tokenize, phrase)]))
    return table


def build_matcher(lex: TimeLexicon, vocab: Vocab, tokenize: Callable[[str], Doc]) -> TrieMatcher:
    """The one matcher of the time stage (our trie: see :mod:`.trie` for why not spaCy's Matcher)."""
    matcher = TrieMatcher(vocab)
    for key, patterns in pattern_table(lex, tokenize):
        matcher.add(key, patterns)
    return matcher


def build_spacy_matcher(lex: TimeLexicon, vocab: Vocab, tokenize: Callable[[str], Doc]) -> Matcher:
    """The same patterns in a spaCy Matcher: the reference the trie is tested against."""
    matcher = Matcher(vocab)
    for key, patterns in pattern_table(lex, tokenize):
        matcher.add(key, patterns)
    return matcher


__all__ = ["slot_spec", "phrase_pattern", "pattern_table", "build_matcher", "build_spacy_matcher"]
