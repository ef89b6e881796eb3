"""User predicate lexicons: our own JSONL/YAML format, and PETRARCH/TABARI verb dictionaries.

PETRARCH users bring verb dictionaries written for their coder; tidings reads them
the way it reads their actor dictionaries, and turns each pattern it can express
into an entry of our lexicon (the schema of data/predicates.jsonl). The format,
as the PETRARCH validation dictionary writes it::

    &TIETYPES                      a synset: a name, then its members on "+" lines
    +MILITARY                      (members may be other synsets: +&CURRENCY)
    --- RESTORE  [064] ---         a verb family: its name and default code ([---]: none)
    RESTORE                        verb forms, one a line, with their own code or the family's;
    BAN {BANS BANNED}              irregular forms in braces; "_" joins words ("BREAK_DOWN");
    WIRE_+TAP                      "+" marks the verb among several words
    - * DIPLOMATIC TIES  [064]     a pattern: "*" the verb, "$" the source, "+" the target,
    - + * FROM $  [066]            "%" a compound actor, "^" a skipped phrase, &SYNSET a set
    <!-- comment -->  # comment

PETRARCH-2 dictionaries (CAMEO.2.0.txt) bracket the phrases of a pattern,
``- * {FINANCIAL SQUEEZE}``, ``- * (ON TRIAL)``: the brackets are dropped and the
words read as above.

A pattern is expressible when nothing is required before the verb but actor markers,
and what follows it is a particle, a preposition, an object noun (the last word of
the phrase; a synset gives alternatives) and actor markers. Everything else is
counted, with the reason, in :class:`VerbDictionary`. Codes are mapped to PLOVER by
data/mappings/cameo_to_plover.yaml; a code without a PLOVER type is not expressible.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema

from tidings.errors import DataError, InputError
from tidings.resources import iter_jsonl, load_schema, load_yaml, user_yaml_list

Lemmatize = Callable[[str, str], str]
"""(word, "VERB" or "NOUN") → lemma, as the pipeline's lemmatizer would give it."""

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"\[\s*([^\]]*?)\s*\]")
_BRACES = re.compile(r"\{([^}]*)\}")
_DIGITS = re.compile(r"^\d+")
_MARKERS = {"$", "+", "%", "^"}


@dataclass(slots=True)
class VerbDictionary:
    """What a verb dictionary gave: entries in our schema, and the patterns it could not express."""

    path: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    verbs: int = 0
    patterns: int = 0
    converted: int = 0
    approximated: int = 0  # converted, but adjectives before the object noun were dropped
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, pattern, reason)
    # patterns kept whole, matched on the words of the sentence (tidings.pipeline.verb_patterns)
    word_patterns: list[dict[str, Any]] = field(default_factory=list)

    @property
    def matched_on_words(self) -> int:
        return len({p["line"] for p in self.word_patterns if p["pattern"].startswith("-") and p["why"] != "converted"})

    @property
    def null_coded(self) -> int:
        """Word patterns whose code has no PLOVER type: a match codes nothing (as PETRARCH would code no PLOVER event)."""
        return len({p["line"] for p in self.word_patterns
                    if p["pattern"].startswith("-") and p["why"] != "converted" and p["type"] is None})

    @property
    def not_expressible(self) -> int:
        return len([s for s in self.skipped if s[1].startswith("-")])

    def reasons(self) -> Counter[str]:
        return Counter(reason for _, text, reason in self.skipped if text.startswith("-"))

    def summary(self) -> str:
        top = ", ".join(f"{reason} {n}" for reason, n in self.reasons().most_common())
        return (f"{Path(self.path).name}: {self.verbs} verb forms, {self.patterns} patterns read, "
                f"{self.converted} converted to lexicon entries ({self.approximated} without their adjectives), "
                f"{self.matched_on_words} matched on the sentence's words ({self.null_coded} of them with a code "
                f"of no PLOVER type, which blocks the verb's default), "
                f"{self.not_expressible} not expressible" + (f" ({top})" if top else ""))


@lru_cache(maxsize=1)
def _grammar() -> dict[str, Any]:
    data = load_yaml("petrarch_verbs.yaml")
    jsonschema.validate(data, load_schema("petrarch_verbs.schema.json"))
    return data


def _plover(code: str) -> tuple[str | None, str | None, list[str]]:
    """(type, mode, contexts) of a dictionary code; letters PETRARCH appends (174L) are ignored."""
    from tidings.evaluate.mappings import load_mapping

    digits = _DIGITS.match(code.strip())
    if not digits or len(digits.group()) < 2:
        return None, None, []
    mapped = load_mapping("cameo_to_plover").get(digits.group())
    if mapped is None or mapped.type is None:
        return None, None, []
    return mapped.type, mapped.mode, list(mapped.context)


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    """Verbs the attribution stage reads as reporting frames that are no statement event themselves."""
    return frozenset(v["lemma"] for v in load_yaml("reporting.yaml")["verbs"] if not v.get("statement_type"))


def simple_lemma(word: str, pos: str) -> str:
    """The word itself, lower case: the fallback when no lemmatizer is given."""
    return word.lower()


def spacy_lemmatizer(nlp: Any) -> Lemmatize:
    """Lemmas from the pipeline's own rule lemmatizer, so entries meet tokens as the model lemmatizes them."""
    from spacy.tokens import Doc

    try:
        component = nlp.get_pipe("lemmatizer")
    except KeyError:
        return simple_lemma

    @lru_cache(maxsize=None)
    def lemma(word: str, pos: str) -> str:
        doc = Doc(nlp.vocab, words=[word.lower()])
        doc[0].pos_ = pos
        try:
            found = component.rule_lemmatize(doc[0])
        except Exception:  # noqa: BLE001 - a lemmatizer without rule tables: keep the word
            return word.lower()
        return (found[0] if found else word).lower()

    return lemma


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s_]+", text.strip()) if w]


def _head_word(form: str) -> str:
    """The verb of an irregular form: the word marked "+" ("WIRE_+TAPPED"), else the first."""
    words = _words(form)
    marked = [w for w in words if w.startswith("+")]
    return (marked[0] if marked else words[0] if words else "").lstrip("+")


class _Form(NamedTuple):
    """One verb form of a family: its lemma, phrasal particle, other lemmas, words that must precede it."""

    verb: str
    particle: str | None
    variants: list[str]
    prefix: list[str]


def _marker_slot(items: list[dict[str, Any]], star: int, marker: str, grammar: dict[str, Any]) -> str | None:
    """Where a pattern's actor marker sits: "subject" before the verb, "obj" right after it, "prep:P"
    after a preposition, "after" after another word; None when the pattern has no such marker."""
    where = next((k for k, i in enumerate(items) if i.get("marker") == marker), None)
    if where is None:
        return None
    if where < star:
        return "subject"
    previous = items[where - 1]
    if previous.get("verb"):
        return "obj"
    alts = previous.get("alts") or []
    if len(alts) == 1 and len(alts[0]) == 1 and alts[0][0] in grammar["prepositions"]:
        return f"prep:{alts[0][0]}"
    return "after"  # "+ * MONEY $": a phrase on the object noun ("money from X")


class _Reader:
    """One pass over a verb dictionary; see the module docstring for the format."""

    def __init__(self, path: Path, lemmatize: Lemmatize) -> None:
        self.path = path
        self.lemma = lemmatize
        self.grammar = _grammar()
        self.result = VerbDictionary(str(path))
        self.synsets: dict[str, list[str]] = {}
        self.family: list[_Form] = []
        self.family_code: str | None = None
        self.seen: set[tuple[Any, ...]] = set()
        self.current_synset = ""

    def read(self, text: str) -> VerbDictionary:
        text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
        mode = "none"
        for number, raw in enumerate(text.splitlines(), start=1):
            stripped = raw.strip()
            if stripped.startswith("---"):
                mode = "family"
                self._family(stripped, number)
                continue
            line = _strip_comment(stripped)
            if not line:
                continue
            if line.startswith("&"):
                mode = "synset"
                self.current_synset = line[1:].strip().rstrip("_").upper()
                self.synsets[self.current_synset] = []
            elif line.startswith("+") and mode == "synset":
                self.synsets[self.current_synset].append(line[1:].strip())
            elif line.startswith("-") and mode == "family":
                self._pattern(line, number)
            elif mode == "family":
                self._form(line, number)
        return self.result

    # -- verb families ---------------------------------------------------------------------------

    def _family(self, line: str, number: int) -> None:
        body = line.strip("-").strip()
        body = _strip_comment(body).strip().rstrip("-").strip()
        codes = _CODE.findall(body)
        self.family = []
        self.family_code = codes[0] if codes else None

    def _form(self, line: str, number: int) -> None:
        codes = _CODE.findall(line)
        braces = _BRACES.findall(line)
        name = _BRACES.sub(" ", _CODE.sub(" ", line)).strip()
        words = _words(name)
        if not words:
            return
        self.result.verbs += 1
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        head = marked[0] if marked else 0
        words = [w.lstrip("+") for w in words]
        prefix = [w.lower() for w in words[:head]]  # "WIRE_+TAP": "wire" must stand right before the verb
        rest = words[head + 1:]
        particle = None
        if len(rest) == 1 and rest[0].lower() in self.grammar["particles"]:
            particle = rest[0].lower()
        elif rest:
            self.result.skipped.append((number, line, "multi-word verb"))
            return
        verb = self.lemma(words[head], "VERB")
        forms = [_head_word(f) for group in braces for f in group.split() if _head_word(f)]
        variants = {words[head].lower()} | {f.lower() for f in forms} | {self.lemma(f, "VERB") for f in forms}
        self.family.append(_Form(verb, particle, sorted(variants - {verb}), prefix))
        code = codes[0] if codes else self.family_code
        if code is None:
            return
        event_type, mode, context = _plover(code.split(":")[0])
        if prefix or particle:  # the form itself is a pattern on words: "wire tapped", "cordoned off"
            if event_type is not None or _DIGITS.match(code.strip()):
                self._word_pattern(number, line, "*", [self.family[-1]], code, event_type, mode, context,
                                   "words before the verb" if prefix else "converted")
            if prefix:
                return
        if event_type is None:
            return  # "[---]": the verb codes only through its patterns
        if verb in _reporting_verbs() and particle is None:
            # "said" is an attribution frame for tidings, not an event: coded, it would swallow the
            # event it reports ("X welcomed ..., the agency said"); its patterns still code
            self.result.skipped.append((number, line, "reporting verb (attribution, not an event)"))
            return
        self._add(number, verb, particle, self.family[-1].variants, None, None, event_type, mode, context,
                  code, list(self.grammar["actor_slots"]), list(self.grammar["recipient_slots"]), False)

    # -- patterns --------------------------------------------------------------------------------

    def _pattern(self, line: str, number: int) -> None:
        self.result.patterns += 1
        codes = _CODE.findall(line)
        # PETRARCH-2 brackets its phrases: {noun phrase}, (prepositional phrase); the words are what we read
        body = re.sub(r"[{}()]", " ", _CODE.sub(" ", line[1:])).strip()
        if not codes:
            return self._skip(number, line, "no code")
        code = codes[0].lstrip(":")  # PETRARCH-2 "[:173]": the code after the colon
        event_type, mode, context = _plover(code.split(":")[0])
        if not self.family:
            return self._skip(number, line, "verb form not expressible")
        tokens = [t for t in re.split(r"[\s_]+", body) if t]
        if "*" not in tokens:
            return self._skip(number, line, "no verb position")
        if event_type is None and code.strip("-") and not _DIGITS.match(code.strip()):
            return self._skip(number, line, "not a code")  # "[+++]", "[xxy]": a test marker, not a code
        reason = self._simple(number, code, tokens, event_type, mode, context)
        if reason is None:
            # also kept whole: the words find it where the parse hangs the object elsewhere ("fired two
            # artillery shells" for "* ARTILLERY"), and the forms with words before the verb need it
            self._word_pattern(number, line, body, self.family, code, event_type, mode, context, "converted")
            return None
        # kept whole and matched on the sentence's words (tidings.pipeline.verb_patterns)
        before = len(self.result.word_patterns)
        if not self._word_pattern(number, line, body, self.family, code, event_type, mode, context, reason):
            return self._skip(number, line, reason)
        if len(self.result.word_patterns) == before:
            return self._skip(number, line, "same words as an earlier pattern")  # "IN_ *" after "IN_*"
        return None

    def _simple(self, number: int, code: str, tokens: list[str], event_type: str | None, mode: str | None,
                context: list[str]) -> str | None:
        """Convert the pattern to lexicon entries when the parse can check it; else the reason it cannot."""
        if event_type is None:
            return "code with no PLOVER type" if code.strip("-") else "null code"
        star = tokens.index("*")
        before, after = tokens[:star], tokens[star + 1:]
        if any(t not in _MARKERS for t in before):
            return "words before the verb"
        if "^" in tokens:
            return "skipped phrase (^)"
        parsed = self._after(after)
        if isinstance(parsed, str):
            return parsed
        particle, prep, objects, slots, loose = parsed
        source_before, target_before = "$" in before, "+" in before
        actor = [slots["$"]] if "$" in slots else list(self.grammar["actor_slots"])
        if "+" in slots:
            recipient = [slots["+"]]
        elif target_before:
            recipient = ["subj"]
        else:
            recipient = list(self.grammar["recipient_slots"])
        if target_before and "$" not in slots:
            return "target before the verb without a source after it"
        if source_before and "$" in slots:
            return "two sources"
        symmetric = "%" in tokens
        for form in self.family:
            if form.prefix:
                continue  # "wire tap": kept whole below
            if particle and form.particle and particle != form.particle:
                continue
            self._add(number, form.verb, particle or form.particle, form.variants, objects, prep, event_type,
                      mode, context, code, actor, recipient, symmetric)
        self.result.converted += 1
        self.result.approximated += int(loose)
        return None

    def _word_pattern(self, number: int, line: str, body: str, forms: list[_Form], code: str,
                      event_type: str | None, mode: str | None, context: list[str], why: str) -> bool:
        """Keep a pattern whole, as items to find among the sentence's words; False if it cannot be read."""
        items = self._items(body)
        if isinstance(items, str) or sum(1 for i in items if i.get("verb")) != 1:
            return False
        star = next(k for k, i in enumerate(items) if i.get("verb"))
        source, target = _marker_slot(items, star, "$", self.grammar), _marker_slot(items, star, "+", self.grammar)
        compound = _marker_slot(items, star, "%", self.grammar)
        for form in forms:
            if not re.fullmatch(r"[a-z][a-z0-9'-]*", form.verb):
                continue
            words = [{"alts": [[w]], "join": k > 0} for k, w in enumerate(form.prefix)]
            own = [dict(i) for i in items]
            if words:
                own[star]["join"] = True
            if form.particle:
                own.insert(star + 1, {"alts": [[form.particle]], "join": True})
            full = own[:star] + words + own[star:]
            key = (form.verb, json.dumps(full, sort_keys=True))
            if key in self.seen:
                continue
            self.seen.add(key)
            self.result.word_patterns.append({
                "verb": form.verb, "variants": form.variants, "items": full, "type": event_type, "mode": mode,
                "context": context, "cameo": _DIGITS.match(code).group() if _DIGITS.match(code) else None,
                "source": source, "target": target, "compound": compound, "symmetric": compound is not None,
                "line": number, "pattern": line.strip(), "why": why,
            })
        return True

    def _items(self, body: str) -> list[dict[str, Any]] | str:
        """The pattern's words, markers and verb position in order; "join": right after the item before it."""
        items: list[dict[str, Any]] = []
        for chunk in body.split():
            for k, piece in enumerate(chunk.split("_")):
                if not piece:
                    continue  # "IN_ *": a trailing "_" only ends the word
                join = k > 0 and bool(items) and "marker" not in items[-1]
                if piece in _MARKERS:
                    items.append({"marker": piece, "join": False})
                elif piece == "*":
                    items.append({"verb": True, "join": join})
                elif piece.startswith("&"):
                    members = self._expand(piece[1:].upper(), set())
                    if not members:
                        return "unknown synset"
                    items.append({"alts": sorted({tuple(w.lower() for w in _words(m)) for m in members if _words(m)}),
                                  "join": join})
                else:
                    items.append({"alts": [[piece.lower()]], "join": join})
        for item in items:
            if "alts" in item:
                item["alts"] = [list(a) for a in item["alts"]]
        return items

    def _after(self, tokens: list[str]) -> tuple[str | None, str | None, list[str] | None, dict[str, str], bool] | str:
        """(particle, preposition, object lemmas, marker → slot, modifiers dropped) or the reason it fails."""
        particle = prep = None
        objects: list[str] | None = None
        slots: dict[str, str] = {}
        loose = False
        run: list[str] = []  # words of the object phrase
        state = "start"
        for token in tokens + ["<end>"]:
            lower = token.lower()
            if token == "<end>" or token in _MARKERS or lower in self.grammar["prepositions"]:
                if run:
                    if state not in ("start", "particle"):
                        return "words after the preposition" if state == "prep" else "words after the object"
                    found = self._objects(run)
                    if isinstance(found, str):
                        return found
                    objects, loose, state = found[0], found[1], "object"
                    run = []
                if token == "<end>":
                    break
                if token in ("$", "+", "%"):
                    slot = f"prep:{prep}" if state == "prep" and prep else "obj"
                    if slot == "obj" and objects is not None:
                        return "actor after the object noun"
                    slots["+" if token == "%" else token] = slot
                    state = "marker"
                    continue
                if prep is not None and state != "marker":
                    return "two prepositions"
                if state == "prep":
                    return "two prepositions"
                prep, state = lower, "prep"
                continue
            if state == "start" and lower in self.grammar["particles"] and not run:
                particle, state = lower, "particle"
                continue
            if state in ("prep", "marker") or (state == "object"):
                return "words after the preposition" if state == "prep" else "words after the object"
            run.append(token)
        return particle, prep, objects, slots, loose  # "* FROM": a preposition the verb must govern

    def _objects(self, run: list[str]) -> tuple[list[str], bool] | str:
        head = run[-1]
        if head.startswith("&"):
            members = self._expand(head[1:].rstrip("_").upper(), set())
            if members is None:
                return "unknown synset"
            heads = {_words(m)[-1] for m in members if _words(m)}
            if any(h.startswith("&") for h in heads):
                return "unknown synset"
        else:
            heads = {head}
        if any(w.startswith("&") for w in run[:-1]):
            return "synset inside a phrase"
        lemmas = sorted({self.lemma(h, "NOUN") for h in heads if re.fullmatch(r"[A-Za-z][A-Za-z'-]*", h)})
        if not lemmas:
            return "object is not a word"
        return lemmas, len(run) > 1

    def _expand(self, name: str, seen: set[str]) -> list[str] | None:
        if name not in self.synsets or name in seen:
            return None
        out: list[str] = []
        for member in self.synsets[name]:
            if member.startswith("&"):
                inner = self._expand(member[1:].rstrip("_").upper(), seen | {name})
                if inner is None:
                    return None
                out.extend(inner)
            else:
                out.append(member)
        return out

    def _skip(self, number: int, line: str, reason: str) -> None:
        self.result.skipped.append((number, line.strip(), reason))

    def _add(self, number: int, verb: str, particle: str | None, variants: list[str], objects: list[str] | None,
             prep: str | None, event_type: str, mode: str | None, context: list[str], code: str,
             actor: list[str], recipient: list[str], symmetric: bool) -> int:
        if not re.fullmatch(r"[a-z][a-z0-9'-]*", verb):
            return 0
        key = (verb, particle, tuple(objects or ()), prep)
        if key in self.seen:
            return 0  # the first pattern of an identity wins, as the dictionary lists the specific first
        self.seen.add(key)
        entry: dict[str, Any] = {
            "trigger": verb, "pos": "VERB", "particle": particle, "object": objects, "prep": prep,
            "compound": None, "type": event_type, "mode": mode, "context": context,
            "actor": actor, "recipient": [r for r in recipient if r not in actor] or ["none"],
            "cameo": code.split(":")[0], "example": "", "symmetric": symmetric,
            "confidence": float(self.grammar["confidence"]), "note": f"{self.path.name}:{number}",
        }
        if variants:
            entry["variants"] = variants
        self.result.entries.append(entry)
        return 1


def read_petrarch_verbs(path: str | Path, *, lemmatize: Lemmatize = simple_lemma) -> VerbDictionary:
    """Every verb form and pattern of a PETRARCH verb dictionary, converted where expressible."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no verb dictionary at {str(path)!r}: check the path")
    return _Reader(path, lemmatize).read(path.read_text(encoding="utf-8", errors="replace"))


def is_petrarch_verbs(path: Path) -> bool:
    """A PETRARCH verb dictionary has ``--- VERB [code] ---`` family lines."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        head = handle.read(200_000)
    return re.search(r"^\s*---\s+\S.*\[[^\]]*\].*---\s*$", head, re.M) is not None


def read_user_lexicon(path: str | Path) -> list[dict[str, Any]]:
    """Entries of our own lexicon format (JSONL, or a YAML list), each validated by predicate.schema.json."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no lexicon file at {str(path)!r}: check the path")
    if path.suffix.lower() in (".yaml", ".yml"):
        data = user_yaml_list(path, "predicates", "predicate entries", empty_ok=True)
        numbered: Iterable[tuple[int, Any]] = enumerate(data, start=1)
    else:
        numbered = iter_jsonl(path)
    validator = jsonschema.Draft202012Validator(load_schema("predicate.schema.json"))
    out: list[dict[str, Any]] = []
    for number, entry in numbered:
        error = jsonschema.exceptions.best_match(validator.iter_errors(entry))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "entry"
            raise DataError(f"{path}:{number}", f"{where}: {error.message} (see schemas/predicate.schema.json)")
        out.append({**entry, "note": entry.get("note") or f"{path.name}:{number}"})
    return out


def read_predicate_file(path: str | Path, *, lemmatize: Lemmatize = simple_lemma) -> list[dict[str, Any]]:
    """Entries of any user lexicon file: a PETRARCH verb dictionary, or our JSONL/YAML format."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no lexicon file at {str(path)!r}: check the path")
    if path.suffix.lower() in (".jsonl", ".json", ".yaml", ".yml"):
        return read_user_lexicon(path)
    if is_petrarch_verbs(path):
        return read_petrarch_verbs(path, lemmatize=lemmatize).entries
    raise InputError(f"{path}: not a lexicon file tidings knows: give a .jsonl or .yaml file in the schema of "
                     "data/predicates.jsonl, or a PETRARCH verb dictionary ('--- VERB [code] ---' families)")


__all__ = ["VerbDictionary", "read_petrarch_verbs", "read_user_lexicon", "read_predicate_file", "is_petrarch_verbs",
           "spacy_lemmatizer", "simple_lemma", "Lemmatize"]
