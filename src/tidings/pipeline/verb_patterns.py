"""PETRARCH/TABARI verb patterns matched on the words of the sentence.

A user's PETRARCH verb dictionary holds patterns the parse cannot check the way our
lexicon entries are checked: words before the verb ("INDICATED WOULD * NOW"), words
after the object ("* TO_LET_ESCAPE"), synsets inside a phrase ("* NEW_&TIETYPES_RELATIONS"),
skipped phrases ("^"). tidings.lexicon_files keeps those whole; this module finds them
the way TABARI does: the pattern's words in order, other words allowed between them
unless "_" joins two, words after the verb within the sentence after it, words before
it within the sentence before it. The most specific pattern that matches (most words,
then the first in the file) decides the verb's code, before any lexicon entry; a code
with no PLOVER type means "no PLOVER event" and blocks the verb's default code.

Actor markers give the slots: "$"/"+"/"%" before the verb is the subject (the passive
subject of a passive verb), right after it the object, after a preposition that
preposition's object. Nothing here runs unless a user dictionary with such patterns is
loaded: the event coder holds no matcher then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from tidings.lexicon import Predicate
from tidings.pipeline import roles
from tidings.pipeline.annotations import lemmas_of, lowers_of, once_per_doc
from tidings.resources import load_yaml

Lemmatize = Callable[[str, str], str]
_Words = tuple[frozenset[str], ...]  # one set of accepted spellings (form or lemma) per word of a phrase


@dataclass(frozen=True, slots=True)
class _Item:
    """A word (or synset of phrases) of a pattern; ``join``: it must stand right next to the item before it."""

    alts: tuple[_Words, ...]
    join: bool


@dataclass(slots=True)
class VerbPattern:
    """One pattern of one verb, compiled for matching."""

    verb: str
    before: tuple[_Item, ...]  # in text order
    after: tuple[_Item, ...]
    verb_join: bool  # the verb stands right after the last word before it
    after_join: bool  # the first word after the verb stands right after it
    type: str | None
    record: dict[str, Any]
    order: int
    _predicates: dict[bool, Predicate] | None = None
    _needs: tuple[frozenset[str], ...] | None = None

    @property
    def needs(self) -> tuple[frozenset[str], ...]:
        """Per item, the spellings one of which the sentence must hold: a set test before any scan."""
        if self._needs is None:
            self._needs = tuple(frozenset(w for alt in item.alts for w in alt[0])
                                for item in (*self.before, *self.after))
        return self._needs

    @property
    def weight(self) -> int:
        """Specificity: how many words the pattern requires."""
        return sum(max(len(a) for a in item.alts) for item in (*self.before, *self.after))

    def predicate(self, passive: bool) -> Predicate:
        """The lexicon entry this pattern codes as, its slots read for the verb's voice."""
        if self._predicates is None:
            self._predicates = {}
        found = self._predicates.get(passive)
        if found is None:
            found = self._predicates[passive] = _predicate(self.record, passive)
        return found


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern that matched: its predicate (None when its code has no PLOVER type) and its last word."""

    predicate: Predicate | None
    object_token: Token | None

    @property
    def found(self) -> tuple[Predicate, Token | None] | None:
        """What the event coder's matcher returns for the token: None codes nothing."""
        return None if self.predicate is None else (self.predicate, self.object_token)


def _subject_slot(passive: bool) -> str:
    return "obj" if passive else "subj"  # roles: "obj" reads the passive subject, "subj" the by-agent


def _predicate(record: dict[str, Any], passive: bool) -> Predicate:
    grammar = load_yaml("petrarch_verbs.yaml")

    def slots(name: str | None) -> list[str]:
        if name == "subject":
            return [_subject_slot(passive)]
        if name == "after":  # after the object noun: a prepositional phrase on it or on the verb
            return [f"prep:{p}" for p in grammar["prepositions"]]
        return [name] if name else []

    source, target, compound = slots(record["source"]), slots(record["target"]), slots(record["compound"])
    # no source marked: the subject ("subj" reads a passive verb's by-agent), unless the target is it
    actor = source or (["none"] if target == ["subj"] else ["subj"])
    if compound:
        actor = [a for a in actor if a != "none"] + [c for c in compound if c not in actor]
    recipient = target or list(grammar["recipient_slots"])
    recipient = [r for r in recipient if r not in actor] or ["none"]
    return Predicate(trigger=record["verb"], pos="VERB", type=record["type"], mode=record["mode"],
                     context=tuple(record["context"]), actor=tuple(actor), recipient=tuple(recipient),
                     symmetric=bool(record["symmetric"]), cameo=record["cameo"],
                     confidence=float(grammar["confidence"]), example="", line=int(record["line"]))


def _spellings(word: str, lemmatize: Lemmatize) -> frozenset[str]:
    return frozenset({word, lemmatize(word, "NOUN"), lemmatize(word, "VERB")})


def compile_pattern(record: dict[str, Any], order: int, lemmatize: Lemmatize) -> VerbPattern:
    """A pattern record of tidings.lexicon_files as a matcher."""
    items = record["items"]
    star = next(k for k, i in enumerate(items) if i.get("verb"))

    def words(part: list[dict[str, Any]]) -> tuple[_Item, ...]:
        out = []
        for item in part:
            if "alts" not in item:
                continue
            alts = tuple(tuple(_spellings(w, lemmatize) for w in alt) for alt in item["alts"])
            out.append(_Item(alts, bool(item["join"])))
        return tuple(out)

    before, after = items[:star], items[star + 1:]
    return VerbPattern(
        verb=record["verb"], before=words(before), after=words(after),
        verb_join=bool(items[star]["join"]) and bool(before) and "alts" in before[-1],
        after_join=bool(after) and "alts" in after[0] and bool(after[0]["join"]),
        type=record["type"], record=record, order=order)


class VerbPatterns:
    """The word patterns of the user's verb dictionaries, indexed by verb lemma and form."""

    def __init__(self, records: Sequence[dict[str, Any]], lemmatize: Lemmatize) -> None:
        self.by_verb: dict[str, list[VerbPattern]] = {}
        for order, record in enumerate(records):
            pattern = compile_pattern(record, order, lemmatize)
            for key in {record["verb"], *record.get("variants", ())}:
                self.by_verb.setdefault(key, []).append(pattern)
        for patterns in self.by_verb.values():
            patterns.sort(key=lambda p: (-p.weight, p.order))
        self.user: set[int] = set()  # ids of the predicates the user's dictionaries code with

    def first_actor_after(self, token: Token, predicate: Predicate, mention_at: dict[int, Any],
                          actor_ids: list[str]) -> tuple[list[str], list[tuple[int, int]]] | None:
        """PETRARCH's target when the pattern's slots find none: the first actor after the verb in its
        phrase, in the order of the words ("condemned a raid by X troops near Y",
        "sealed off the highways into Y"), the subject of a passive verb; only for the
        user dictionary's entries."""
        if id(predicate) not in self.user:
            return None
        spans = [range(token.i + 1, token.right_edge.i + 1)]
        if roles.is_passive(token):  # "Y was denounced by X": the passive subject first
            spans = [range(s.left_edge.i, s.right_edge.i + 1) for s in roles.objects(token)] + spans
        for span in spans:
            for k in span:
                mention = mention_at.get(k)
                if mention is not None and mention.actor not in actor_ids:
                    return [mention.actor], [(mention.i, mention.j)]
        return None

    @property
    def verbs(self) -> frozenset[str]:
        return frozenset(self.by_verb)

    def __len__(self) -> int:
        return len({id(p) for ps in self.by_verb.values() for p in ps})

    def match(self, token: Token) -> Hit | None:
        """The most specific pattern of this verb whose words stand around it in the sentence, if any."""
        patterns = self.by_verb.get(token.lemma_.lower()) or self.by_verb.get(token.lower_)
        if not patterns:
            return None
        doc = token.doc
        lows = lowers_of(doc)
        lemmas = lemmas_of(doc)
        sentence = token.sent
        words = _sentence_words(doc, sentence.start, sentence.end, lows, lemmas)
        v = token.i
        for pattern in patterns:  # most specific first
            if any(need.isdisjoint(words) for need in pattern.needs):
                continue  # a word the pattern needs is not in the sentence
            end = _match_after(pattern, lows, lemmas, v, sentence.end)
            if end is None or not _match_before(pattern, lows, lemmas, v, sentence.start):
                continue
            if pattern.type is None:
                return Hit(None, None)
            last = doc[end - 1] if pattern.after and end - 1 > v else None
            predicate = pattern.predicate(roles.is_passive(token))
            self.user.add(id(predicate))
            return Hit(predicate, _noun_of(last, token))
        return None


def _noun_of(word: Token | None, verb: Token) -> Token | None:
    """The noun a pattern's last word belongs to ("diplomatic" → "ties"): its prepositions and
    possessors are the event's too, as the parser often hangs them there."""
    for _ in range(3):
        if word is None or word is verb:
            return None
        if word.pos_ in ("NOUN", "PROPN"):
            return word
        word = word.head
    return None


def _sentence_words(doc: Any, start: int, end: int, lows: list[str], lemmas: list[str]) -> frozenset[str]:
    """The forms and lemmas of a sentence, once per sentence and doc."""
    cache: dict[int, frozenset[str]] = once_per_doc(doc, "tidings.verb_patterns.words", lambda d: {})
    found = cache.get(start)
    if found is None:
        found = cache[start] = frozenset(lows[start:end]) | frozenset(lemmas[start:end])
    return found


def _at(item: _Item, lows: list[str], lemmas: list[str], k: int, end: int) -> int | None:
    """Length of the item's phrase if it starts at position k (and ends before ``end``), else None."""
    for alt in item.alts:
        if k + len(alt) > end:
            continue
        if all(lows[k + n] in word or lemmas[k + n] in word for n, word in enumerate(alt)):
            return len(alt)
    return None


def _match_after(pattern: VerbPattern, lows: list[str], lemmas: list[str], v: int, end: int) -> int | None:
    """Where the pattern's words after the verb end, if they are all there in order before ``end``."""
    position = v + 1
    for n, item in enumerate(pattern.after):
        adjacent = item.join if n else pattern.after_join
        starts = [position] if adjacent else range(position, end)
        for k in starts:
            length = _at(item, lows, lemmas, k, end)
            if length is not None:
                position = k + length
                break
        else:
            return None
    return position


def _match_before(pattern: VerbPattern, lows: list[str], lemmas: list[str], v: int, first: int) -> bool:
    """Whether the pattern's words before the verb are all there in order, right to left, from ``first``."""
    position = v  # the items must end before this index
    items = pattern.before
    for n in range(len(items) - 1, -1, -1):
        item = items[n]
        adjacent = pattern.verb_join if n == len(items) - 1 else items[n + 1].join
        found = False
        for k in ([position - 1] if adjacent else range(position - 1, first - 1, -1)):
            for alt in item.alts:  # the phrase ends at k
                start = k - len(alt) + 1
                if start >= first and all(lows[start + m] in word or lemmas[start + m] in word
                                      for m, word in enumerate(alt)):
                    position, found = start, True
                    break
            if found:
                break
        if not found:
            return False
    return True


def load_patterns(files: Sequence[str | Path], lemmatize: Lemmatize) -> VerbPatterns | None:
    """The word patterns of the PETRARCH verb dictionaries among ``files`` (None when there are none)."""
    from tidings.lexicon_files import is_petrarch_verbs, read_petrarch_verbs

    records: list[dict[str, Any]] = []
    for path in files:
        path = Path(path)
        if path.suffix.lower() in (".jsonl", ".json", ".yaml", ".yml") or not is_petrarch_verbs(path):
            continue
        records.extend(read_petrarch_verbs(path, lemmatize=lemmatize).word_patterns)
    return VerbPatterns(records, lemmatize) if records else None


def attach(coder: Any, files: Sequence[str | Path], lemmatize: Lemmatize) -> None:
    """Give the event coder the word patterns of the user's verb dictionaries (if any)."""
    patterns = load_patterns(files, lemmatize)
    if patterns is None:
        return
    from tidings.lexicon import load_lexicon

    builtin = {id(p) for entries in load_lexicon().by_trigger.values() for p in entries}
    patterns.user.update(id(p) for entries in coder.lexicon.by_trigger.values() for p in entries
                         if id(p) not in builtin)
    coder.patterns = patterns
    coder._trigger_lemmas = frozenset(coder._trigger_lemmas | patterns.verbs)


def pattern_verbs(path: str | Path, lemmatize: Lemmatize) -> set[str]:
    """The verb lemmas and forms a dictionary's word patterns are found on."""
    patterns = load_patterns([path], lemmatize)
    return set(patterns.verbs) if patterns else set()


__all__ = ["VerbPattern", "VerbPatterns", "Hit", "compile_pattern", "load_patterns", "attach", "pattern_verbs"]
