"""Actor mentions: knowledge-base names first, then nationality words, fuzzy names, descriptions, NER last.

The small model mislabels armed groups (Boko Haram as PERSON, Sinai Province
as a place) and cuts long names short, so the knowledge base's dictionary is
the first source of evidence and the model's entity labels only a fallback,
never the basis for an actor's type. Every mention says how it was resolved
(``resolved_by``): alias, nationality, metonymy, fuzzy, description, pronoun, ner:LABEL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import spacy
from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tidings.kb import KnowledgeBase, load_kb
from tidings.kb.cache import cached
from tidings.kb.index import HYPHENS, AliasIndex, build_index, fold
from tidings.kb.load import kb_key
from tidings.pipeline.annotations import ActorMention
from tidings.places import get_gazetteer
from tidings.resources import load_yaml

UNKNOWN_PREFIX = "unk:"
_FALLBACK_LABELS = {"ORG", "PERSON"}
_FUZZY_LABELS = {"ORG", "PERSON", "NORP", "FAC"}
_POSSESSIVE = {"'s", "’s", "'"}
_PLURAL_TAGS = {"NNS", "NNPS"}


def unknown_actor_id(text: str) -> str:
    """A stable id for an actor the knowledge base does not know, made from its name."""
    return UNKNOWN_PREFIX + re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def actor_index(nlp: Language, kb: KnowledgeBase, *, key: str | None = None) -> AliasIndex:
    """The alias index for this knowledge base, tokenized by ``nlp`` (cached on disk when ``key`` is given)."""
    def tokenize(names: list[str]) -> list[list[str]]:
        return [[t.text for t in doc] for doc in nlp.tokenizer.pipe(names)]

    if key is None:
        return build_index(kb, tokenize)
    model = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-spacy{spacy.__version__}"
    return cached("actor-index", f"{key}-{re.sub(r'[^A-Za-z0-9.]+', '_', model)}",
                  lambda: build_index(kb, tokenize))


class ActorResolver:
    """Finds actor mentions and resolves each to a knowledge-base id (or an ``unk:`` id)."""

    def __init__(self, nlp: Language, kb: KnowledgeBase, *, index: AliasIndex | None = None) -> None:
        self.kb = kb
        self.index = index if index is not None else actor_index(nlp, kb)
        config = load_yaml("descriptions.yaml")
        self.determiners = set(config["determiners"])
        self.description_heads: dict[str, list[str]] = config["heads"]
        self.affiliation_words = set(config["affiliation_words"])
        self.institution_kinds = set(config["institution_kinds"])
        self.institution_nouns = set(config["institution_nouns"])
        self.pronouns: dict[str, list[str]] = config["pronouns"]
        self.singular_pronouns = set(config.get("singular_pronouns", []))
        fuzzy = config.get("fuzzy", {})
        self.fuzzy_cutoff = float(fuzzy.get("cutoff", 90))
        self.fuzzy_min_chars = int(fuzzy.get("min_chars", 6))
        self.fuzzy_connectors = frozenset(fuzzy.get("stop_tokens", []))
        self.fuzzy_stop = frozenset(STOP_WORDS) | self.fuzzy_connectors
        self._state_names = [(s.name, s.iso3) for s in kb.states.values()]

    # -- the stages, in order of evidence -------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._dictionary(doc)
        mentions = self._institutions(doc, mentions)
        mentions += self._nationalities(doc, mentions)
        mentions += self._capitals(doc, mentions)
        mentions += self._fuzzy(doc, mentions)
        mentions = self._descriptions(doc, mentions)
        mentions += self._ner_fallback(doc, mentions)
        mentions += self._pronouns(doc, mentions)
        doc._.actor_mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        return doc

    def _dictionary(self, doc: Doc) -> list[ActorMention]:
        matches = self.index.match([t.text for t in doc])
        context: set[str] = set()
        if any(len(self.index.labels[label]) > 1 for _, _, label in matches):
            # evidence for a shared name: the states the text names, and the home of every unambiguous actor
            context = self._countries(doc)
            for _, _, label in matches:
                ids = self.index.labels[label]
                country = self.kb.actors[ids[0]].country if len(ids) == 1 else None
                if country:
                    context.add(country)
        return [_mention(doc[i:j], self._choose(self.index.labels[label], doc, context), "alias")
                for i, j, label in matches]

    def _countries(self, doc: Doc) -> set[str]:
        """ISO3 codes of the states the article names or describes (evidence for ambiguous names)."""
        text = doc.text
        found = {iso3 for name, iso3 in self._state_names if name in text}
        for token in doc:
            state_id = self.kb.state_of_adjective(token.text) if token.text[:1].isupper() else None
            if state_id:
                found.add(self.kb.states[state_id].iso3)
        return found

    def _choose(self, ids: Sequence[str], doc: Doc, countries: set[str]) -> str:
        """One actor for a shared name: one active on the article's date, then one operating where the
        article is about, then the one that lists the name by hand."""
        if len(ids) == 1:
            return ids[0]
        day: date | None = doc._.published

        def evidence(actor_id: str) -> tuple[int, int]:
            actor = self.kb.actors[actor_id]
            where = set(actor.operates_in) | ({actor.country} if actor.country else set())
            return (0 if day and not actor.active_on(day) else 1, 1 if where & countries else 0)

        return max(ids, key=lambda a: (evidence(a), -ids.index(a)))

    def _institutions(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """"Egypt's military": a state name, a possessive and an institution noun."""
        out = []
        for mention in mentions:
            actor = self.kb.actors.get(mention.actor)
            if actor and actor.kind == "government" and mention.j + 1 < len(doc) and doc[mention.j].text in _POSSESSIVE:
                head_end, institution = self._institution_after(doc, mention.j + 1, mention.actor)
                if institution:
                    out.append(_mention(doc[mention.i:head_end], institution, "nationality"))
                    continue
            out.append(mention)
        return out

    def _institution_after(self, doc: Doc, i: int, state_id: str) -> tuple[int, str | None]:
        """The institution named by the (one- or two-word) head noun starting at token ``i``."""
        for width in (2, 1):
            if i + width > len(doc):
                continue
            words = doc[i:i + width]
            for form in (words.text.lower(), " ".join(t.lemma_.lower() for t in words)):
                actor_id = self.kb.institution(state_id, form)
                if actor_id:
                    return i + width, actor_id
        return i, None

    def _nationalities(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """"Egyptian officials" → Egypt's government; "the Israeli army" → Israel's military."""
        taken = _taken(mentions)
        out = []
        for token in doc:
            if token.i in taken:
                continue
            state_id = self.kb.state_of_adjective(token.text)
            if not state_id:
                continue
            end = token.i + 1
            # adjectives between the nationality and the head: "Israeli military officials"
            while end < len(doc) and doc[end].pos_ == "ADJ" and end - token.i < 3:
                end += 1
            head_end, institution = self._institution_after(doc, end, state_id)
            if institution and not any(k in taken for k in range(token.i, head_end)):
                out.append(_mention(doc[token.i:head_end], institution, "nationality"))
                taken.update(range(token.i, head_end))
        return out

    def _capitals(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """"Moscow said …", "Washington imposed sanctions": a capital as the subject of a verb is its government."""
        taken = _taken(mentions)
        out = []
        for token in doc:
            state_id = self.kb.capital_state.get(token.text)
            if state_id is None or token.i in taken or token.dep_ not in ("nsubj", "nsubjpass", "agent") \
                    or token.head.pos_ not in ("VERB", "AUX"):
                continue
            out.append(_mention(doc[token.i:token.i + 1], state_id, "metonymy"))
        return out

    def _fuzzy(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Names the dictionary missed by a spelling ("Hayat Tahrir as-Sham", "Abdel-Fattah el-Sissi"):
        unmatched entities and capitalised word runs, scored against the names sharing a rare word."""
        taken = _taken(mentions)
        out: list[ActorMention] = []
        for span in self._fuzzy_queries(doc, taken):
            words = [fold(t.text) for t in span if t.text not in HYPHENS]
            query = " ".join(words)
            if len(query) < self.fuzzy_min_chars:
                continue
            labels = self.index.candidates(words, self.fuzzy_stop)
            if not labels:
                continue
            choices = {label: self.index.names[label] for label in labels}
            best = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff)
            if best is None:
                continue
            ids = self.index.labels[best[2]]
            out.append(_mention(span, self._choose(ids, doc, self._countries(doc) if len(ids) > 1 else set()),
                                "fuzzy"))
            taken.update(range(span.start, span.end))
        return out

    def _fuzzy_queries(self, doc: Doc, taken: set[int]) -> Iterable[Span]:
        seen: set[tuple[int, int]] = set()
        for ent in doc.ents:
            if ent.label_ in _FUZZY_LABELS and not any(k in taken for k in range(ent.start, ent.end)):
                span = _trim(ent)
                if span is not None and (span.start, span.end) not in seen:
                    seen.add((span.start, span.end))
                    yield span
        i = 0
        while i < len(doc):  # runs of capitalised proper nouns (with al-, as-, of …) the model left unlabelled
            j = i
            while j < len(doc) and j not in taken and (
                    doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
                    or j > i and (doc[j].text in HYPHENS or doc[j].lower_ in self.fuzzy_connectors)):
                j += 1
            while j > i and not doc[j - 1].text[:1].isupper():
                j -= 1
            if j - i >= 2 and not any(a <= i and j <= b for a, b in seen):
                seen.add((i, j))
                yield doc[i:j]
            i = max(j, i + 1)

    def _descriptions(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Definite descriptions and bare institution nouns resolved to an earlier actor."""
        mentions = sorted(mentions, key=lambda m: m.start)
        taken = _taken(mentions)
        for token in doc:
            if token.i in taken or token.pos_ not in ("NOUN", "PROPN"):
                continue
            described = self._describe(doc, token, mentions, taken)
            if described is None:
                continue
            mention, absorbed = described
            mentions = [m for m in mentions if m not in absorbed]
            mentions.append(mention)
            mentions.sort(key=lambda m: m.start)
            taken.update(range(mention.i, mention.j))
        return mentions

    def _describe(
        self, doc: Doc, head: Token, mentions: list[ActorMention], taken: set[int]
    ) -> tuple[ActorMention, list[ActorMention]] | None:
        two_words = f"{doc[head.i - 1].lower_} {head.lower_}" if head.i else ""
        kinds = self.description_heads.get(two_words) or self.description_heads.get(head.lower_)
        if kinds:
            return self._definite_description(doc, head, kinds, mentions)
        noun = two_words if two_words in self.institution_nouns else head.lower_
        suffix = self.kb.institution_heads.get(noun)
        if noun not in self.institution_nouns or suffix is None \
                or self.kb.institution_kinds.get(suffix) not in self.institution_kinds:
            return None
        if head.i and doc[head.i - 1].i in taken:
            return None
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in head.children):
            return None
        earlier = [m for m in mentions if m.end <= head.idx and m.actor.endswith(suffix) and suffix]
        if not earlier:
            return None
        start = head.i - 1 if noun == two_words else head.i
        return _mention(doc[start:head.i + 1], earlier[-1].actor, "description"), []

    def _definite_description(
        self, doc: Doc, head: Token, kinds: list[str], mentions: list[ActorMention]
    ) -> tuple[ActorMention, list[ActorMention]] | None:
        left = head.i - 1
        # walk back over the pre-modifiers by their tags, not the parse, which often goes astray here
        while left >= 0 and head.i - left <= 6 and doc[left].lower_ not in self.determiners and (
                doc[left].pos_ in ("ADJ", "NOUN", "PROPN", "ADV", "NUM")
                or doc[left].tag_ in ("HYPH", "VBN", "VBG")):
            left -= 1
        if left < 0 or doc[left].lower_ not in self.determiners:
            return None
        country: str | None = None
        related_to: set[str] = set()
        if any(m.i == head.i + 1 for m in mentions):
            return None  # "the militant group Ansar Bayt al-Maqdis": the name follows, no reference back
        absorbed = [m for m in mentions if left <= m.i and m.j <= head.i + 1]
        for token in doc[left:head.i]:
            state_id = self.kb.state_of_adjective(token.text)
            if state_id:
                country = self.kb.states[state_id].iso3
        for inner in absorbed:
            after = doc[inner.j:inner.j + 2]
            if any(t.lower_ in self.affiliation_words for t in after):
                related_to.add(inner.actor)
        if absorbed and not related_to:
            return None  # "the Hamas movement" is a name, already resolved
        for candidate in reversed([m for m in mentions if m.end <= doc[left].idx]):
            actor = self.kb.actors.get(candidate.actor)
            if actor is None or actor.kind not in kinds:
                continue
            if country and actor.country != country:
                continue
            if related_to and not (related_to & self.kb.related(actor.id)) or actor.id in related_to:
                continue
            return _mention(doc[left:head.i + 1], actor.id, "description"), absorbed
        return None

    def _ner_fallback(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        taken = _taken(mentions)
        out = []
        for ent in doc.ents:
            if ent.label_ not in _FALLBACK_LABELS or any(k in taken for k in range(ent.start, ent.end)):
                continue
            span = _trim(ent)
            if span is None or self.kb.state_of_adjective(span.text):
                continue
            if (ent.label_ == "ORG" or len(span) == 1) and get_gazetteer().has(span.text):
                continue  # the small model calls "the Sinai" an organisation and "Kyiv" a person
            out.append(_mention(span, unknown_actor_id(span.text), f"ner:{ent.label_}"))
        return out


    def _pronouns(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """"The Islamic State claimed that it attacked …": a pronoun takes the last compatible actor."""
        ordered = sorted(mentions, key=lambda m: m.start)
        out = []
        for token in doc:
            kinds = self.pronouns.get(token.lower_)
            if kinds is None or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative"):
                continue
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in ("be", "seem", "appear") \
                    and token.lower_ == "it":
                continue  # "it is believed", "it seems"
            window_start = doc[max(token.sent.start - 1, 0)].sent.start
            for candidate in reversed(ordered):
                if candidate.end > token.idx or candidate.i < window_start:
                    continue
                if self._kind(candidate) in kinds and not (
                        token.lower_ in self.singular_pronouns and _plural(doc, candidate)):
                    out.append(_mention(doc[token.i:token.i + 1], candidate.actor, "pronoun"))
                    break
        return out

    def _kind(self, mention: ActorMention) -> str:
        actor = self.kb.actors.get(mention.actor)
        if actor is not None:
            return actor.kind
        return "person" if mention.resolved_by == "ner:PERSON" else "unknown"


def _trim(ent: Span) -> Span | None:
    """An entity without a leading article or trailing possessive; None if nothing name-like is left."""
    i, j = ent.start, ent.end
    doc = ent.doc
    while i < j and (doc[i].lower_ in ("the", "a", "an") or doc[i].is_punct):
        i += 1
    while j > i and (doc[j - 1].text in _POSSESSIVE or doc[j - 1].is_punct):
        j -= 1
    if i >= j or not doc[i].text[:1].isupper():
        return None
    return doc[i:j]


def _plural(doc: Doc, mention: ActorMention) -> bool:
    """A mention headed by a plural noun ("Egyptian officials", "troops"): not the antecedent of "it"."""
    return doc[mention.j - 1].tag_ in _PLURAL_TAGS


def _mention(span: Span, actor_id: str, how: str) -> ActorMention:
    return ActorMention(
        i=span.start, j=span.end, start=span.start_char, end=span.end_char, actor=actor_id, resolved_by=how
    )


def _taken(mentions: Iterable[ActorMention]) -> set[int]:
    return {k for m in mentions for k in range(m.i, m.j)}


@Language.factory(
    "tidings_actors",
    assigns=["doc._.actor_mentions"],
    requires=["doc.ents", "token.pos", "token.dep", "token.lemma"],
    default_config={"actor_files": []},
)
def make_actor_resolver(nlp: Language, name: str, actor_files: list[str]) -> ActorResolver:
    files = tuple(Path(p) for p in actor_files)
    kb = load_kb(files)
    return ActorResolver(nlp, kb, index=actor_index(nlp, kb, key=kb_key(files)))
