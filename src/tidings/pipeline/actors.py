"""Actor mentions: knowledge-base names first, then nationality words, descriptions, and NER last.

The small model mislabels armed groups (Boko Haram as PERSON, Sinai Province
as a place) and cuts long names short, so the knowledge base's dictionary is
the first source of evidence and the model's entity labels only a fallback,
never the basis for an actor's type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from tidings.kb import KnowledgeBase, load_kb
from tidings.pipeline.annotations import ActorMention
from tidings.places import get_gazetteer
from tidings.resources import load_yaml

UNKNOWN_PREFIX = "unk:"
_FALLBACK_LABELS = {"ORG", "PERSON"}
_POSSESSIVE = {"'s", "’s", "'"}


def unknown_actor_id(text: str) -> str:
    """A stable id for an actor the knowledge base does not know, made from its name."""
    return UNKNOWN_PREFIX + re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


class ActorResolver:
    """Finds actor mentions and resolves each to a knowledge-base id (or an ``unk:`` id)."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._label_ids: dict[str, list[str]] = {}
        by_name: dict[tuple[str, bool], list[str]] = {}
        for name, actor_id, exact in kb.names():
            key = (name if exact else name.lower(), exact)
            ids = by_name.setdefault(key, [])
            if actor_id not in ids:
                ids.append(actor_id)
        for (name, exact), ids in by_name.items():
            label = ("=" if exact else "~") + name
            self._label_ids[label] = kb.prefer_explicit(name, ids)
        inexact = [k for k in by_name if not k[1]]
        exact = [k for k in by_name if k[1]]
        for matcher, keys in ((self.names, inexact), (self.acronyms, exact)):
            for (name, is_exact), pattern in zip(keys, nlp.tokenizer.pipe(k[0] for k in keys)):
                matcher.add(("=" if is_exact else "~") + name, [pattern])
        config = load_yaml("descriptions.yaml")
        self.determiners = set(config["determiners"])
        self.description_heads: dict[str, list[str]] = config["heads"]
        self.affiliation_words = set(config["affiliation_words"])
        self.institution_kinds = set(config["institution_kinds"])
        self.institution_nouns = set(config["institution_nouns"])
        self.pronouns: dict[str, list[str]] = config["pronouns"]

    # -- the stages, in order of evidence -------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._dictionary(doc)
        mentions = self._institutions(doc, mentions)
        mentions += self._nationalities(doc, mentions)
        mentions += self._capitals(doc, mentions)
        mentions = self._descriptions(doc, mentions)
        mentions += self._ner_fallback(doc, mentions)
        mentions += self._pronouns(doc, mentions)
        doc._.actor_mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        return doc

    def _dictionary(self, doc: Doc) -> list[ActorMention]:
        spans: list[Span] = []
        for matcher in (self.names, self.acronyms):
            for match_id, i, j in matcher(doc):
                spans.append(Span(doc, i, j, label=match_id))
        out = []
        for span in filter_spans(spans):
            ids = self._label_ids[doc.vocab.strings[span.label]]
            out.append(_mention(span, self._choose(ids, doc), "alias"))
        return out

    def _choose(self, ids: Sequence[str], doc: Doc) -> str:
        """One actor for an ambiguous name: prefer one that operates where the article is about."""
        if len(ids) == 1:
            return ids[0]
        text = doc.text
        for actor_id in ids:
            actor = self.kb.actors[actor_id]
            for country in actor.operates_in or ([actor.country] if actor.country else []):
                state = next((s for s in self.kb.states.values() if s.iso3 == country), None)
                if state and state.name in text:
                    return actor_id
        return ids[0]

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
                if self._kind(candidate) in kinds:
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
    return ActorResolver(nlp, load_kb(tuple(Path(p) for p in actor_files)))
