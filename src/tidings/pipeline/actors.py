"""Actor mentions: knowledge-base names first, then nationality words, fuzzy names, descriptions, NER last.

The small model mislabels armed groups (Boko Haram as PERSON, Sinai Province
as a place) and cuts long names short, so the knowledge base's dictionary is
the first source of evidence and the model's entity labels only a fallback,
never the basis for an actor's type. Every mention says how it was resolved
(``resolved_by``): alias, nationality, metonymy, fuzzy, description, group, title, pronoun, ner:LABEL.

What the knowledge base cannot say of an actor it does not know (a titled person's country and
sector, an unknown coalition's kind) is guessed and kept in ``doc._.actor_guesses`` by actor id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from datetime import date
from pathlib import Path

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from tidings.kb import KnowledgeBase, load_kb
from tidings.kb.base import KBActor
from tidings.kb.cache import cached
from tidings.kb.fuzzy import FuzzyNames
from tidings.kb.index import HYPHENS, AliasIndex, build_index, fold
from tidings.kb.load import kb_key
from tidings.kb.titles import TitleMatch, field_start, load_titles
from tidings.pipeline.actor_groups import FALLBACK_LABELS as _FALLBACK_LABELS
from tidings.pipeline.actor_groups import UNKNOWN_PREFIX, GroupNames, unknown_actor_id
from tidings.pipeline.actor_spans import NameContext, fuzzy_queries
from tidings.pipeline.actor_spans import is_modifier as _modifier
from tidings.pipeline.actor_spans import is_plural as _plural
from tidings.pipeline.actor_spans import make_mention as _mention
from tidings.pipeline.actor_spans import mention_at as _mention_at
from tidings.pipeline.actor_spans import taken_tokens as _taken
from tidings.pipeline.actor_spans import trim as _trim
from tidings.pipeline.actor_words import WordFinder, hashes, sentence_start, sentence_starts, span_text
from tidings.pipeline.annotations import ActorMention, doc_text, lemmas_of, lowers_of, once_per_doc, words_of
from tidings.places import get_gazetteer
from tidings.resources import load_yaml

_FUZZY_LABELS = {"ORG", "PERSON", "NORP", "FAC"}
_POSSESSIVE = {"'s", "’s", "'"}
_PLURAL_TAGS = {"NNS", "NNPS"}
_FORMER = {"former", "ex", "then"}
_PERSON_KINDS = {"person"}
COUNTRIES_KEY = "tidings.actor_countries"

if not Doc.has_extension("actor_guesses"):
    Doc.set_extension("actor_guesses", default=None)


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
        self.fuzzy_names = FuzzyNames(self.index, self.fuzzy_stop, cutoff=self.fuzzy_cutoff,
                                      min_chars=self.fuzzy_min_chars)
        self._state_names = [(s.name, s.iso3) for s in kb.states.values()]
        self.demonym_state = {d: s.id for s in kb.states.values() for d in s.demonyms}
        self.titles = load_titles()
        self.groups = GroupNames(config, kb)
        self.located_suffixes = frozenset(config.get("located_suffixes", []))
        self.fallback_kinds = frozenset(config.get("institution_fallback_kinds", []))
        self.name_context = NameContext(config, kb)
        # the words each stage starts from: the stages visit only those tokens
        self.start_words = WordFinder({
            "nationality": (LOWER, hashes([*kb.adjective_state, *(d.lower() for d in self.demonym_state)])),
            "capital": (ORTH, frozenset(hash_string(c) for c in kb.capital_state)),
            "description": (LOWER, hashes([*(h.split()[-1] for h in self.description_heads),
                                           *(n.split()[-1] for n in self.institution_nouns)])),
            "group": (LOWER, hashes(self.groups.heads)),
            "pronoun": (LOWER, hashes(self.pronouns)),
            "body": (LOWER, self.name_context.body_words)})

    # -- the stages, in order of evidence -------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_guesses = {}
        found = self.start_words.find(doc)
        ents = doc.ents  # read once: spaCy builds a Span per entity on every access (this stage never sets them)
        mentions = self._dictionary(doc)
        mentions = self._institutions(doc, mentions)
        mentions += self._nationalities(doc, mentions, found["nationality"])
        mentions += self._capitals(doc, mentions, found["capital"])
        mentions += self._fuzzy(doc, mentions, ents)
        mentions = self._descriptions(doc, mentions, found["description"])
        mentions += self.groups.find(doc, mentions, ents, found["group"])
        mentions += self._ner_fallback(doc, mentions, ents)
        mentions = self._titled(doc, mentions)
        mentions = self.name_context.leader_bodies_of(doc, mentions, doc._.published, doc._.actor_guesses,
                                                      found["body"])
        mentions += self._pronouns(doc, mentions, found["pronoun"])
        doc._.actor_mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        return doc

    def _dictionary(self, doc: Doc) -> list[ActorMention]:
        matches = self.index.match(words_of(doc), lowers_of(doc))
        context: set[str] = set()
        if any(len(self.index.labels[label]) > 1 for _, _, label in matches):
            # evidence for a shared name: the states the text names, and the home of every unambiguous actor
            context = set(self._countries(doc))
            for _, _, label in matches:
                ids = self.index.labels[label]
                country = self.kb.actors[ids[0]].country if len(ids) == 1 else None
                if country:
                    context.add(country)
        return [_mention_at(doc, i, j, self._choose(self.index.labels[label], doc, context), "alias")
                for i, j, label in matches]

    def _countries(self, doc: Doc) -> frozenset[str]:
        """ISO3 codes of the states the article names or describes (evidence for ambiguous names),
        found once per doc: the dictionary and the fuzzy stage may both ask."""
        return once_per_doc(doc, COUNTRIES_KEY, self._find_countries)

    def _find_countries(self, doc: Doc) -> frozenset[str]:
        text = doc_text(doc)
        found = {iso3 for name, iso3 in self._state_names if name in text}
        for word in {w for w in words_of(doc) if w[:1].isupper()}:
            state_id = self.kb.state_of_adjective(word)
            if state_id:
                found.add(self.kb.states[state_id].iso3)
        return frozenset(found)

    def _choose(self, ids: Sequence[str], doc: Doc, countries: Set[str]) -> str:
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
                    out.append(_mention_at(doc, mention.i, head_end, institution, "nationality"))
                    continue
            people = self._people_of_state(doc, mention, actor)
            if people is not None:
                out.append(people)
                continue
            located = self._located(doc, mention) if mention.actor in self.kb.states else None
            if located is not None:
                out.append(located)
                continue
            out.append(mention)
        return out

    def _people_of_state(self, doc: Doc, mention: ActorMention, actor: KBActor | None) -> ActorMention | None:
        """"Iraqi Kurds", "Bosnian Serbs": a community named with a state's adjective is that state's people."""
        if actor is None or actor.sector != "ETH" or mention.i == 0 or not doc[mention.i - 1].text[:1].isupper():
            return None
        people = self._people(self.kb.state_of_adjective(doc[mention.i - 1].text))
        return _mention_at(doc, mention.i - 1, mention.j, people, "nationality") if people else None

    def _located(self, doc: Doc, mention: ActorMention) -> ActorMention | None:
        """"Rebels in the Central African Republic", "police in Pakistan": a collective noun placed in a
        state is that state's institution, for the institutions where that holds (not "troops in Afghanistan")."""
        k = mention.i - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k < 1 or doc[k].lower_ not in ("in", "from"):
            return None
        head = doc[k - 1]
        suffix = self.kb.institution_heads.get(head.lower_)
        if suffix is None or suffix not in self.located_suffixes or head.tag_ not in _PLURAL_TAGS:
            return None
        if head.i > 0 and self.kb.state_of_adjective(doc[head.i - 1].text):
            return None  # "Ethiopian rebels in Sudan" are Ethiopian: the nationality stage reads them
        actor_id = f"{mention.actor}{suffix}"
        return _mention_at(doc, head.i, mention.j, actor_id, "nationality") if actor_id in self.kb.actors else None

    def _institution_after(self, doc: Doc, i: int, state_id: str) -> tuple[int, str | None]:
        """The institution named by the head noun or title at token ``i``, or after up to two modifiers
        ("Iraq's interim government", "Liberian riot police", "Vietnamese-led forces")."""
        k = i
        while k < len(doc) and k - i < 4:
            end, actor_id = self._institution_at(doc, k, state_id)
            if actor_id:
                return end, actor_id
            if not _modifier(doc, k):
                break
            k += 1
        return i, None

    def _institution_at(self, doc: Doc, i: int, state_id: str) -> tuple[int, str | None]:
        words = words_of(doc)
        title = self.titles.starting_at(words[i:i + 4], 0)
        if title is not None:
            actor_id = f"{state_id}{title.title.suffix}"
            if actor_id in self.kb.actors:
                return i + title.end, actor_id
        for width in (2, 1):
            if i + width > len(words):
                continue
            for form in (span_text(doc, i, i + width).lower(), " ".join(lemmas_of(doc)[i:i + width])):
                actor_id = self.kb.institution(state_id, form)
                if actor_id:
                    return i + width, actor_id
        return i, None

    def _nationalities(self, doc: Doc, mentions: list[ActorMention], adjectives: list[Token]) -> list[ActorMention]:
        """"Egyptian officials" → Egypt's government; "the Israeli army" → Israel's military."""
        taken = _taken(mentions)
        out = []
        for token in adjectives:
            if token.i in taken:
                continue
            state_id = self.kb.state_of_adjective(token.text)
            if not state_id:
                people = self._people(self.demonym_state.get(token.text)) if token.tag_ in _PLURAL_TAGS else None
                if people:  # "Thousands of Nigerians", "Palestinians and Israelis"
                    out.append(_mention_at(doc, token.i, token.i + 1, people, "nationality"))
                    taken.add(token.i)
                continue
            end = token.i + 1
            head_end, institution = self._institution_after(doc, end, state_id)
            if institution is None and end + 2 < len(doc) and lowers_of(doc)[end] in ("and", "or") \
                    and self.kb.state_of_adjective(words_of(doc)[end + 1]):
                # "Bulgarian and Greek ministers": the head after the second adjective is the first's too
                _, shared = self._institution_after(doc, end + 2, state_id)
                if shared:
                    out.append(_mention_at(doc, token.i, end, shared, "nationality"))
                    taken.add(token.i)
                    continue
            if institution is None and end < len(doc) and end not in taken and doc[end].tag_ == "NNPS":
                # "Iraqi Kurds", "Bosnian Serbs": a people of that state
                head_end, institution = end + 1, self._people(state_id)
            if institution and taken.isdisjoint(range(token.i, head_end)):
                out.append(_mention_at(doc, token.i, head_end, institution, "nationality"))
                taken.update(range(token.i, head_end))
        return out

    def _capitals(self, doc: Doc, mentions: list[ActorMention], capitals: list[Token]) -> list[ActorMention]:
        """"Moscow said …", "Washington imposed sanctions": a capital as the subject of a verb is its government;
        before an institution ("the Khartoum government", "Cairo's security chief") it is that institution."""
        taken = _taken(mentions)
        out = []
        for token in capitals:
            state_id = self.kb.capital_state.get(token.text)
            if state_id is None or token.i in taken:
                continue
            after = token.i + 2 if token.i + 1 < len(doc) and doc[token.i + 1].text in _POSSESSIVE else token.i + 1
            end, institution = self._institution_at(doc, after, state_id) if after < len(doc) else (after, None)
            if institution and taken.isdisjoint(range(token.i, end)):
                out.append(_mention_at(doc, token.i, end, institution, "metonymy"))
                taken.update(range(token.i, end))
                continue
            if token.dep_ not in ("nsubj", "nsubjpass", "agent") or token.head.pos_ not in ("VERB", "AUX"):
                continue
            out.append(_mention_at(doc, token.i, token.i + 1, state_id, "metonymy"))
        return out

    def _people(self, state_id: str | None) -> str | None:
        actor_id = f"{state_id}_people" if state_id else None
        return actor_id if actor_id in self.kb.actors else None

    def _fuzzy(self, doc: Doc, mentions: list[ActorMention], ents: Sequence[Span]) -> list[ActorMention]:
        """Names the dictionary missed by a spelling ("Hayat Tahrir as-Sham", "Abdel-Fattah el-Sissi"):
        unmatched entities and capitalised word runs, scored against the names sharing a rare word."""
        taken = _taken(mentions)
        out: list[ActorMention] = []
        all_words = words_of(doc)
        for span in fuzzy_queries(doc, taken, _FUZZY_LABELS, self.fuzzy_connectors, ents):
            words = tuple(fold(w) for w in all_words[span.start:span.end] if w not in HYPHENS)
            label = self.fuzzy_names.best(words)
            if label is None:
                continue
            ids = self.index.labels[label]
            out.append(_mention(span, self._choose(ids, doc, self._countries(doc) if len(ids) > 1 else set()),
                                "fuzzy"))
            taken.update(range(span.start, span.end))
        return out

    def _descriptions(self, doc: Doc, mentions: list[ActorMention], heads: list[Token]) -> list[ActorMention]:
        """Definite descriptions and bare institution nouns resolved to an earlier actor."""
        mentions = sorted(mentions, key=lambda m: m.start)
        taken = _taken(mentions)
        for token in heads:
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
        before = [m for m in mentions if m.end <= head.idx]
        earlier = [m for m in before if (m.actor.endswith(suffix) if suffix else m.actor in self.kb.states)]
        actor_id = earlier[-1].actor if earlier else None
        if actor_id is None and self.kb.institution_kinds.get(suffix) in self.fallback_kinds:
            # "Ugandan rebels … a government offensive": the state of the last state actor
            states = [s for s in (self._state_of(m.actor) for m in before) if s]
            actor_id = f"{states[-1]}{suffix}" if states and f"{states[-1]}{suffix}" in self.kb.actors else None
        if actor_id is None:
            return None
        start = head.i - 1 if noun == two_words else head.i
        return _mention_at(doc, start, head.i + 1, actor_id, "description"), []

    def _state_of(self, actor_id: str) -> str | None:
        """The state a generated state actor belongs to (egypt_military → egypt), else None."""
        actor = self.kb.actors.get(actor_id)
        state_id = self.kb.iso3_state.get(actor.country) if actor is not None and actor.country else None
        return state_id if state_id and actor_id.startswith(state_id) and actor.kind != "person" else None

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
            return _mention_at(doc, left, head.i + 1, actor.id, "description"), absorbed
        return None

    def _titled(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """"Russian President Boris Yeltsin", "Judge Alejandro Rivera", "King Hassan of Morocco": a person
        with the title before the name is one mention; the title gives the sector, its owner the country."""
        words = words_of(doc)
        mentions = sorted(mentions, key=lambda m: m.i)
        guesses = doc._.actor_guesses
        for person in [m for m in mentions if self._is_person(m)]:
            owned = {k for m in mentions if m is not person and self._owner(m) for k in range(m.i, m.j)}
            found = self.titles.ending_at(words, person.i,
                                          lambda k: k in owned or bool(self.kb.state_of_adjective(words[k])))
            if found is None:  # "Minister for Interior Aftab Sherpao": the field between title and name
                field = field_start(words, person.i)
                title = self.titles.ending_at(words, field) if field is not None else None
                found = TitleMatch(title.start, person.i, title.title) if title and title.title.portfolio else None
            if found is None:
                continue
            start, end, owner = self._title_owner(doc, found, person, mentions)
            inside = [m for m in mentions if m is not person and start <= m.i and m.j <= end]
            if any(m is not person and m.i < end and m.j > start and m not in inside for m in mentions):
                continue  # a mention straddles the title: leave both alone
            former = start > 0 and doc[start - 1].lower_ in _FORMER
            merged = _mention_at(doc, start - former, end, person.actor, "title")
            mentions = [m for m in mentions if m is not person and m not in inside] + [merged]
            if person.actor.startswith(UNKNOWN_PREFIX):
                owner_actor = self.kb.actors.get(owner) if owner else None
                state = self._state_of(owner) if owner else None
                sector = None if former else (
                    found.title.sector if owner_actor is None or state else owner_actor.sector)
                parent = f"{state}{found.title.suffix}" if state else owner
                guesses[person.actor] = {
                    "name": doc[person.i:person.j].text, "kind": "person", "sector": sector,
                    "country": owner_actor.country if owner_actor else None,
                    "parent": None if former or parent not in self.kb.actors else parent}
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def _title_owner(self, doc: Doc, found: TitleMatch, person: ActorMention,
                     mentions: list[ActorMention]) -> tuple[int, int, str | None]:
        """The span from the title's owner (a nationality, a state, an organisation) to the name's end."""
        start, end, owner = found.start, person.j, None
        for m in mentions:  # "Russian President" is already a mention of Russia; "U.S." ends where the title starts
            if m is not person and self._owner(m) and (start <= m.i < person.i or m.j == start
                                                       or m.j == start - 1 and doc[start - 1].text in _POSSESSIVE):
                owner, start = m.actor, min(start, m.i)
        if owner is None and start > 0:
            state_id = self.kb.state_of_adjective(doc[start - 1].text)
            if state_id:
                owner, start = state_id, start - 1
        if owner is None and end + 1 < len(doc) and doc[end].lower_ == "of":  # "King Hassan of Morocco"
            after = next((m for m in mentions if m.i == end + 1 and self._owner(m)), None)
            if after is not None:
                owner, end = after.actor, after.j
        return start, end, owner

    def _owner(self, mention: ActorMention) -> bool:
        actor = self.kb.actors.get(mention.actor)
        return actor is not None and actor.kind not in _PERSON_KINDS

    def _is_person(self, mention: ActorMention) -> bool:
        actor = self.kb.actors.get(mention.actor)
        if actor is not None:
            return actor.kind in _PERSON_KINDS and mention.resolved_by in ("alias", "fuzzy")
        return mention.resolved_by == "ner:PERSON"

    def _ner_fallback(self, doc: Doc, mentions: list[ActorMention], ents: Sequence[Span]) -> list[ActorMention]:
        taken = _taken(mentions)
        text = doc_text(doc)
        out = []
        for ent in ents:
            if ent.label_ not in _FALLBACK_LABELS or not taken.isdisjoint(range(ent.start, ent.end)):
                continue
            span = _trim(ent)
            if span is None:
                continue
            name = text[span.start_char:span.end_char]  # span.text, without a Token per word
            if self.kb.state_of_adjective(name):
                continue
            if (ent.label_ == "ORG" or len(span) == 1) and get_gazetteer().has(name) \
                    and not (ent.label_ == "PERSON" and self.name_context.before_body(span)):
                continue  # the small model calls "the Sinai" an organisation and "Kyiv" a person
            if self.name_context.names_place(span):
                continue  # "the Markets area", "the Rolando cafe"
            out.append(_mention(span, unknown_actor_id(name), f"ner:{ent.label_}"))
        return out


    def _pronouns(self, doc: Doc, mentions: list[ActorMention], pronouns: list[Token]) -> list[ActorMention]:
        """"The Islamic State claimed that it attacked …": a pronoun takes the last compatible actor."""
        ordered = sorted(mentions, key=lambda m: m.start)
        out = []
        starts = sentence_starts(doc) if pronouns else None  # token.sent walks the doc and builds two Spans
        for token in pronouns:
            kinds = self.pronouns.get(token.lower_)
            if kinds is None or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative"):
                continue
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in ("be", "seem", "appear") \
                    and token.lower_ == "it":
                continue  # "it is believed", "it seems"
            if starts is None:
                window_start = doc[max(token.sent.start - 1, 0)].sent.start
            else:  # the start of the sentence before the pronoun's
                window_start = sentence_start(starts, max(sentence_start(starts, token.i) - 1, 0))
            for candidate in reversed(ordered):
                if candidate.i < window_start:
                    break  # in start order: every one before it is outside the window too
                if candidate.end > token.idx:
                    continue
                if self._kind(candidate, doc._.actor_guesses) in kinds and not (
                        token.lower_ in self.singular_pronouns and _plural(doc, candidate)):
                    out.append(_mention_at(doc, token.i, token.i + 1, candidate.actor, "pronoun"))
                    break
        return out

    def _kind(self, mention: ActorMention, guesses: dict[str, dict[str, str | None]] | None = None) -> str:
        actor = self.kb.actors.get(mention.actor)
        if actor is not None:
            return actor.kind
        guess = (guesses or {}).get(mention.actor)
        if guess and guess.get("kind"):
            return str(guess["kind"])
        return "person" if mention.resolved_by == "ner:PERSON" else "unknown"


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
