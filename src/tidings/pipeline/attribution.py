"""Reporting frames: who says what, through whom, and what that does to the events said.

A frame is a source, a cue ("reported", "according to", "reportedly") and the
stretch of text it covers. Frames nest ("Israeli sources told Elaph that …"
puts Elaph above the sources), and each event inside a frame's content takes
the chain of nested frames as its attribution and the innermost frame's status.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tidings.attribution.lexicon import ReportingLexicon, ReportingVerb, load_reporting_lexicon
from tidings.attribution.claims import chain_of
from tidings.attribution.quotes import quote_frames
from tidings.kb import KnowledgeBase, load_kb
from tidings.pipeline import roles
from tidings.pipeline.annotations import (
    PEOPLE_KEY, ActorMention, Frame, SourceRef, lemmas_of, lowers_of, people_of, words_of,
)

_CONTENT_DEPS = {"ccomp", "parataxis"}


class AttributionFinder:
    """Finds reporting frames; writes ``doc._.frames`` (parents before children where nested)."""

    def __init__(self, kb: KnowledgeBase, lexicon: ReportingLexicon) -> None:
        self.kb = kb
        self.lexicon = lexicon
        self._according_starts = {cue.split()[0] for cue in lexicon.according}
        # longest cue first, grouped by first word: built once, not per token
        self._according_by_start: dict[str, list[tuple[list[str], str]]] = {}
        for cue, status in sorted(lexicon.according.items(), key=lambda item: -len(item[0])):
            words = cue.split()
            self._according_by_start.setdefault(words[0], []).append((words, status))
        # A token can start a frame only if its word or lemma is one of these: others are skipped unread.
        self._cue_words = frozenset(self._according_starts) | frozenset(lexicon.hedges)
        self._cue_lemmas = frozenset().union(lexicon.verbs, lexicon.citing_verbs, lexicon.passive_hedges,
                                             lexicon.experiencer_adjectives, lexicon.responsibility_verbs)

    def __call__(self, doc: Doc) -> Doc:
        mention_at: dict[int, ActorMention] = {}
        for mention in doc._.actor_mentions or []:
            for k in range(mention.i, mention.j):
                mention_at[k] = mention
        frames: list[Frame] = []
        lexicon = self.lexicon
        lowers, lemmas = lowers_of(doc), lemmas_of(doc)
        doc.user_data.pop(PEOPLE_KEY, None)  # read afresh by people_of() in this run
        cue_words, cue_lemmas = self._cue_words, self._cue_lemmas
        for k, lower in enumerate(lowers):
            lemma = lemmas[k]
            if lower not in cue_words and lemma not in cue_lemmas:
                continue
            token = doc[k]
            pos = token.pos_
            if lower in self._according_starts:
                self._according(doc, token, frames, mention_at, lowers)
            nested_citation = lemma in lexicon.citing_verbs and (
                token.head.lemma_.lower() in lexicon.verbs or self._citation(token, frames, mention_at))
            if pos in ("VERB", "AUX") and lemma in lexicon.verbs and not nested_citation:
                self._reporting_verb(token, frames, mention_at)
            elif pos == "VERB" and lemma in lexicon.passive_hedges and roles.is_passive(token):
                self._passive_hedge(token, frames)
            elif lower in lexicon.hedges and token.dep_ == "advmod":
                self._hedge(token, frames)
            elif lemma in lexicon.experiencer_adjectives and pos == "ADJ":
                self._experiencer(token, frames, mention_at)
            if pos == "VERB" and lemma not in lexicon.verbs:
                self._responsibility(token, frames, mention_at)
        frames.extend(quote_frames(doc, frames, self.lexicon, lambda k: self._speaker_at(doc, k, frames, mention_at)))
        _link_parents(frames)
        doc._.frames = frames
        return doc

    # -- frame kinds -----------------------------------------------------------------------------

    def _reporting_verb(self, verb: Token, frames: list[Frame], mention_at: dict[int, ActorMention]) -> None:
        entry = self.lexicon.verbs[verb.lemma_.lower()]
        if roles.is_passive(verb) and verb.lemma_.lower() in self.lexicon.passive_hedges:
            self._passive_hedge(verb, frames)
            return
        window = _trailing_source(verb)
        content = (window[2], window[3]) if window is not None else self._content(verb)
        if content is None:
            return
        if window is not None:
            links = self._describe(window[0], frames, mention_at, phrase=window[1])
        else:
            speakers = roles.subjects(verb)
            links = self._describe(speakers[0], frames, mention_at) if speakers else []
        if not links:
            return
        addressee = self._addressee(verb, content, mention_at)
        if addressee is not None and addressee.kind == "outlet":
            links = [addressee, *links]
        parent = None
        for link in links:
            frames.append(Frame(
                source=link, cue_i=verb.i, cue_j=verb.i + 1, content_i=content[0], content_j=content[1],
                status=entry.status, parent=parent,
                addressee=addressee.name if addressee is not None else None,
            ))
            parent = len(frames) - 1
        for child in verb.children:
            if child.lemma_.lower() in self.lexicon.citing_verbs and child.dep_ in ("advcl", "xcomp", "conj", "dep", "npadvmod"):
                for cited in [c for c in child.children if c.dep_ in ("dobj", "obj")][:1]:
                    for link in self._describe(cited, frames, mention_at):
                        frames.append(Frame(
                            source=link, cue_i=child.i, cue_j=child.i + 1, content_i=content[0],
                            content_j=content[1], status=entry.status, parent=parent,
                        ))
                        parent = len(frames) - 1

    def _citation(self, citing: Token, frames: list[Frame], mention_at: dict[int, ActorMention]) -> bool:
        """"Somali state media reported, citing police, that …" where the parser hung "citing" inside
        the content: the cited source nests under the sentence's earlier reporting frame."""
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in citing.children):
            return False
        sentence = citing.sent
        host = max((k for k, f in enumerate(frames) if sentence.start <= f.cue_i < citing.i), default=None,
                   key=lambda k: frames[k].cue_i)
        cited = [c for c in citing.children if c.dep_ in ("dobj", "obj")][:1]
        if host is None or not cited:
            return False
        if any(f.cue_i == citing.i for f in frames):
            return True
        while any(f.parent == host for f in frames if f.cue_i == frames[host].cue_i):  # the chain's last link
            host = next(k for k, f in enumerate(frames) if f.parent == host and f.cue_i == frames[host].cue_i)
        content = frames[host].content_i, frames[host].content_j
        start = max(content[0], cited[0].right_edge.i + 1)
        while start < content[1] and citing.doc[start].is_punct:
            start += 1
        parent = host
        for link in self._describe(cited[0], frames, mention_at):
            frames.append(Frame(source=link, cue_i=citing.i, cue_j=citing.i + 1, content_i=start,
                                content_j=content[1], status=frames[host].status, parent=parent))
            parent = len(frames) - 1
        return True

    def _content(self, verb: Token) -> tuple[int, int] | None:
        """The token range a reporting verb covers: its clausal complement, or the clause it interrupts."""
        complements = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
        complements.sort(key=lambda c: (c.i < verb.i, not any(m.lower_ == "that" for m in c.children)))
        if complements:
            return complements[0].left_edge.i, complements[0].right_edge.i + 1
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i and verb.i > verb.head.i and _set_off(verb):
            head = verb.head
            return head.left_edge.i, verb.left_edge.i
        for child in verb.children if verb.lemma_.lower() in self.lexicon.object_content_verbs else ():
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "over", "about", "in"):
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return objects[0].left_edge.i, objects[0].right_edge.i + 1
        clause = _that_clause(verb) or _following_that(verb)
        if clause is not None:
            return clause
        if verb.lemma_.lower() in self.lexicon.addressee_verbs or verb.lemma_.lower() not in self.lexicon.object_content_verbs:
            return None  # "will continue", "could not verify the claim": an object is not what is said
        for child in verb.children:
            if child.dep_ in ("dobj", "xcomp"):
                return child.left_edge.i, child.right_edge.i + 1
        return None

    def _addressee(
        self, verb: Token, content: tuple[int, int], mention_at: dict[int, ActorMention]
    ) -> SourceRef | None:
        if verb.lemma_.lower() not in self.lexicon.addressee_verbs:
            return None
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and not content[0] <= child.i < content[1]:
                # "told the Saudi news site Elaph": the model often detaches the name from its description
                mention = _mention_in(child, mention_at) or mention_at.get(child.right_edge.i + 1)
                if mention is not None:
                    actor = self.kb.get(mention.actor)
                    kind = "outlet" if actor is not None and actor.kind == "outlet" else "organisation"
                    name = actor.name if actor is not None else child.doc[mention.i:mention.j].text
                    return SourceRef(name=name, kind=kind, i=mention.i, j=mention.j, actor=mention.actor)
                return SourceRef(name=_phrase(child).text, kind="organisation", i=child.left_edge.i, j=child.right_edge.i + 1)
        return None

    def _according(self, doc: Doc, token: Token, frames: list[Frame], mention_at: dict[int, ActorMention],
                   lowers: list[str]) -> None:
        for words, status in self._according_by_start.get(token.lower_, ()):
            end = token.i + len(words)
            if end > len(doc) or lowers[token.i:end] != words:
                continue
            last = doc[end - 1]
            sources = [c for c in last.children if c.dep_ in ("pobj", "dobj")] or [
                t for t in doc[end:end + 6] if t.head.i < end and t.pos_ in ("NOUN", "PROPN")][:1]
            if not sources:
                return
            anchor = token.head if token.head.i != token.i else token
            while anchor.dep_ in ("prep", "pcomp") and anchor.head.i != anchor.i:
                anchor = anchor.head
            sentence = token.sent
            content = (sentence.start, sentence.end) if anchor.i == token.i else (anchor.left_edge.i, anchor.right_edge.i + 1)
            parent = None
            for link in self._describe(sources[0], frames, mention_at):
                frames.append(Frame(source=link, cue_i=token.i, cue_j=end, content_i=content[0],
                                    content_j=content[1], status=status, parent=parent))
                parent = len(frames) - 1
            return

    def _passive_hedge(self, verb: Token, frames: list[Frame]) -> None:
        """"Hamas is said to have …", "the group is believed to …": a source the text does not name."""
        status = self.lexicon.passive_hedges[verb.lemma_.lower()]
        complements = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
        if not complements:
            return
        subject = [c for c in verb.children if c.dep_ in ("nsubjpass",)]
        start = min([subject[0].left_edge.i] if subject else [complements[0].left_edge.i])
        content = (min(start, complements[0].left_edge.i), complements[0].right_edge.i + 1)
        frames.append(Frame(
            source=SourceRef(name=self.lexicon.unnamed_source, kind="anonymous", description=verb.sent.text),
            cue_i=verb.i, cue_j=verb.i + 1, content_i=content[0], content_j=content[1], status=status,
        ))

    def _hedge(self, adverb: Token, frames: list[Frame]) -> None:
        head = adverb.head
        frames.append(Frame(
            source=SourceRef(name=self.lexicon.unnamed_source, kind="anonymous", description=adverb.text),
            cue_i=adverb.i, cue_j=adverb.i + 1, content_i=head.left_edge.i, content_j=head.right_edge.i + 1,
            status=self.lexicon.hedges[adverb.lower_],
        ))

    def _experiencer(self, adjective: Token, frames: list[Frame], mention_at: dict[int, ActorMention]) -> None:
        """"It has become clear to Egyptian intelligence that …": the one it is clear to is the source."""
        verb = adjective.head if adjective.dep_ in ("acomp", "attr", "oprd") else adjective
        holders = [adjective, verb]
        to = next((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if to is None:
            return
        experiencer = next((c for c in to.children if c.dep_ == "pobj"), None)
        if experiencer is None:
            return
        clause = next((c for h in holders for c in h.children if c.dep_ in ("ccomp", "csubj") and c.i > adjective.i), None)
        if clause is None:  # the small model hangs "that …" on the experiencer as a relative clause
            marker = next((t for t in adjective.doc[to.i:adjective.sent.end] if t.lower_ == "that" and t.dep_ == "mark"), None)
            clause = marker.head if marker is not None and marker.head.i > marker.i else None
        if clause is None:
            return
        parent = None
        for link in self._describe(experiencer, frames, mention_at):
            frames.append(Frame(source=link, cue_i=min(verb.i, adjective.i), cue_j=adjective.i + 1,
                                content_i=clause.left_edge.i, content_j=clause.right_edge.i + 1,
                                status=self.lexicon.experiencer_adjectives[adjective.lemma_.lower()], parent=parent))
            parent = len(frames) - 1

    def _responsibility(self, verb: Token, frames: list[Frame], mention_at: dict[int, ActorMention]) -> None:
        """"took responsibility for the attack": a claim made with a verb the reporting lexicon lacks."""
        lexicon = self.lexicon
        if verb.lemma_.lower() not in lexicon.responsibility_verbs:
            return
        noun = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in lexicon.responsibility_nouns), None)
        speakers = roles.subjects(verb)
        if noun is None or not speakers:
            return
        target = next((p for h in (noun, verb) for p in h.children if p.dep_ == "prep" and p.lower_ == "for"), None)
        if target is None:
            return
        links = self._describe(speakers[0], frames, mention_at)
        parent = None
        for link in links:
            frames.append(Frame(source=link, cue_i=verb.i, cue_j=verb.i + 1, content_i=target.i,
                                content_j=target.right_edge.i + 1, status="claimed", parent=parent))
            parent = len(frames) - 1

    def _antecedent(self, pronoun: Token, frames: list[Frame], mention_at: dict[int, ActorMention]) -> SourceRef | None:
        """Who "he", "she", "it" or "they" points back to: the latest earlier speaker or named person."""
        human = pronoun.lower_ in ("he", "she", "him", "her")
        candidates: list[tuple[int, SourceRef]] = [
            (f.source.i, f.source) for f in frames
            if f.source.i is not None and f.source.i < pronoun.i and f.source.kind != "document"
            and (not human or f.source.kind in ("person", "reporter", "anonymous"))
            and (human or f.source.kind != "person")
        ]
        if human:
            sentence = pronoun.sent
            start = sentence.start
            for _ in range(self.lexicon.quote_window):
                start = pronoun.doc[start - 1].sent.start if start > 0 else 0
            for entity in people_of(pronoun.doc):
                if start <= entity.start and entity.end <= pronoun.i:
                    for link in self._describe(entity.root, frames, mention_at, phrase=entity):
                        if link.kind in ("person", "reporter"):
                            candidates.append((entity.start, link))
        if not candidates:
            return None
        return max(candidates, key=lambda c: c[0])[1]

    def _speaker_at(self, doc: Doc, k: int, frames: list[Frame], mention_at: dict[int, ActorMention]) -> SourceRef | None:
        """The source a named person at token ``k`` makes (for quotations whose speaker came earlier)."""
        links = self._describe(doc[k], frames, mention_at)
        return links[-1] if links else None

    # -- sources ---------------------------------------------------------------------------------

    def _describe(
        self, token: Token, frames: list[Frame], mention_at: dict[int, ActorMention], phrase: Span | None = None,
    ) -> list[SourceRef]:
        """The chain links a source noun phrase names: an outlet then its reporter, or one source."""
        doc = token.doc
        lexicon = self.lexicon
        phrase = phrase if phrase is not None else _phrase(token)
        head_lemma = token.lemma_.lower()
        if token.lower_ in lexicon.speaker_pronouns:
            antecedent = self._antecedent(token, frames, mention_at)
            return [antecedent] if antecedent is not None else []
        known = mention_at.get(token.i)
        if known is not None and not known.actor.startswith("unk:"):
            people = []  # the knowledge base's word beats the model's PERSON label ("Mali" tagged PERSON)
        else:
            people = [e for e in people_of(doc) if phrase.start <= e.start and e.end <= phrase.end]
        person = next((e for e in people if e.start <= token.i < e.end), people[-1] if people else None)
        outlet_links = self._outlets_in(phrase, mention_at, exclude=person)
        if person is not None:
            words = {t.lemma_.lower() for t in phrase}
            kind = "reporter" if outlet_links or words & lexicon.reporter_nouns else "person"
            actor = self._person_actor(person, token, mention_at)
            return [*outlet_links, SourceRef(name=person.text, kind=kind, i=person.start, j=person.end, actor=actor,
                                             description=_role(person))]
        mention = mention_at.get(token.i)
        if (head_lemma in lexicon.outlet_heads or token.lower_ in lexicon.outlet_heads) and mention is None:  # "state media"
            return [SourceRef(name=phrase.text, kind="outlet", i=phrase.start, j=phrase.end, description=phrase.text,
                              actor=next((self.kb.state_of_adjective(m.text) for m in token.children
                                          if m.dep_ == "amod" and self.kb.state_of_adjective(m.text)), None))]
        if head_lemma in lexicon.anonymous_heads or token.lower_ in lexicon.anonymous_heads:
            return [self._anonymous(token, phrase, frames, mention)]
        if mention is not None:
            actor = self.kb.get(mention.actor)
            kind = _source_kind(actor.kind if actor is not None else None)
            name = actor.name if actor is not None else doc[mention.i:mention.j].text
            return [*outlet_links, SourceRef(name=name, kind=kind, i=mention.i, j=mention.j, actor=mention.actor)]
        if head_lemma in lexicon.document_heads:
            inner = _mention_in(token, mention_at)
            return [*outlet_links, SourceRef(name=phrase.text, kind="document", i=phrase.start, j=phrase.end,
                                             actor=inner.actor if inner else None)]
        if outlet_links:
            return outlet_links
        inner = _mention_in(token, mention_at)
        if inner is not None:
            actor = self.kb.get(inner.actor)
            kind = "outlet" if actor is not None and actor.kind == "outlet" else "organisation"
            return [SourceRef(name=phrase.text, kind=kind, i=phrase.start, j=phrase.end, actor=inner.actor)]
        if token.pos_ == "PRON":
            return []
        return [SourceRef(name=phrase.text, kind="organisation" if token.pos_ == "PROPN" else "anonymous",
                          i=phrase.start, j=phrase.end, description=phrase.text)]

    def _anonymous(self, token: Token, phrase: Span, frames: list[Frame], mention: ActorMention | None) -> SourceRef:
        """"Arab sources", "a security official"; "the sources" points back to the last such source."""
        determiner = next((c.lower_ for c in token.children if c.dep_ == "det"), None)
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        if determiner in ("the", "those", "these") and not modifiers:
            for frame in reversed(frames):
                source = frame.source
                if source.kind == "anonymous" and source.i is not None and token.doc[source.j - 1].lemma_ == token.lemma_:
                    return SourceRef(name=source.name, kind="anonymous", i=phrase.start, j=phrase.end,
                                     actor=source.actor, description=source.description)
        actor = mention.actor if mention is not None else None
        for modifier in modifiers:
            state_id = self.kb.state_of_adjective(modifier.text)
            if state_id and actor is None:
                actor = state_id
        core = token.doc[min([token.i] + [m.i for m in modifiers]):token.i + 1]
        return SourceRef(name=core.text, kind="anonymous", i=phrase.start, j=phrase.end, actor=actor,
                         description=_description(token, phrase))

    def _outlets_in(self, phrase: Span, mention_at: dict[int, ActorMention], exclude: Span | None) -> list[SourceRef]:
        links: list[SourceRef] = []
        seen: set[str] = set()
        for token in phrase:
            if exclude is not None and exclude.start <= token.i < exclude.end:
                continue
            mention = mention_at.get(token.i)
            if mention is None or mention.actor in seen:
                continue
            actor = self.kb.get(mention.actor)
            if actor is not None and actor.kind == "outlet":
                seen.add(mention.actor)
                links.append(SourceRef(name=actor.name, kind="outlet", i=mention.i, j=mention.j, actor=actor.id))
        return links

    def _person_actor(self, person: Span, token: Token, mention_at: dict[int, ActorMention]) -> str | None:
        """A named person's actor: the knowledge base's, else the institution in an apposition."""
        for k in range(person.start, person.end):
            mention = mention_at.get(k)
            if mention is not None and not mention.actor.startswith("unk:"):
                return mention.actor
        head = person.root
        for child in head.children:
            if child.dep_ == "appos":
                inner = _mention_in(child, mention_at)
                if inner is not None:
                    return inner.actor
        return None


def _set_off(verb: Token) -> bool:
    """A trailing reporting clause ("…, he said") is set off by a comma or a closing quotation mark,
    opens with its subject (not "when …", "which …") and says nothing of its own (no object, no clause)."""
    before = verb.left_edge.i - 1
    if before < 0 or not (verb.doc[before].text in (",", ";", "—", "–") or verb.doc[before].is_quote):
        return False
    if any(c.dep_ in ("dobj", "obj", "xcomp", "ccomp", "mark", "acomp", "attr") for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and subjects[0].left_edge.i == verb.left_edge.i


def _role(person: Span) -> str | None:
    """"Yoav Mordechai, the Israeli officer who heads …": the apposition that gives a person's role."""
    for child in person.root.children:
        if child.dep_ == "appos" and not (person.start <= child.i < person.end):
            words = [t for t in child.subtree if not t.is_punct or t.i != child.right_edge.i]
            return person.doc[words[0].i:words[-1].i + 1].text if words else None
    return None


def _description(token: Token, phrase: Span) -> str:
    """An anonymous source as the text describes it, relative clause included ("an officer who spoke on
    condition of anonymity")."""
    doc = token.doc
    relative = [c for c in token.rights if c.dep_ in ("relcl", "acl", "prep")]
    end = max([phrase.end] + [c.right_edge.i + 1 for c in relative])
    while end > phrase.start + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[phrase.start:end].text


def _source_kind(actor_kind: str | None) -> str:
    return {"outlet": "outlet", "person": "person"}.get(actor_kind or "", "organisation")


def _phrase(token: Token) -> Span:
    """The noun phrase a token heads, without relative clauses and appositions."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj", "advcl"):
            break
        right = child.right_edge.i
    while left < token.i and doc[left].is_punct:
        left += 1
    return doc[left:right + 1]


def _trailing_source(verb: Token) -> tuple[Token, Span, int, int] | None:
    """"…, correspondent Avi Issacharoff reported Sunday": the source sits between the last comma
    and the verb, and the content is the sentence before that comma. Read from the tokens, because
    the small model's parse of such sentences is unreliable.

    Returns (head token of the source, source span, content start, content end).
    """
    doc = verb.doc
    sentence = verb.sent
    if any(c.dep_ in _CONTENT_DEPS and c.i > verb.i for c in verb.children):
        return None
    words = words_of(doc)
    comma = next((k for k in range(verb.i - 1, max(sentence.start, verb.i - 14) - 1, -1) if words[k] == ","), None)
    if comma is None or comma - sentence.start < 4 or comma + 1 >= verb.i:
        return None
    window = doc[comma + 1:verb.i]
    if any(t.pos_ in ("VERB", "AUX", "SCONJ", "ADV") or t.tag_ in ("WRB", "WDT", "WP") or t.lower_ in ("that", "which", "who")
           for t in window):
        return None  # "…, when the group pledged allegiance", "a group formerly known as"
    if verb.dep_ in ("acl", "relcl", "amod") or any(
            c.dep_ in ("dobj", "obj", "xcomp", "attr", "acomp") or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children):
        return None  # "…, ISWAP broke away", "talks would continue": the clause says something of its own
    heads = [t for t in window if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not heads:
        return None
    head = next((t for t in reversed(heads) if t.ent_type_ == "PERSON"), heads[-1])
    return head, window, sentence.start, comma


def _following_that(verb: Token) -> tuple[int, int] | None:
    """"Reuters reported, citing a security official, that …": a "that" a few tokens after the verb."""
    doc = verb.doc
    sentence = verb.sent
    lowers = lowers_of(doc)
    for k in range(verb.i + 1, min(sentence.end, verb.i + 10)):
        if lowers[k] == "that" and doc[k].pos_ in ("SCONJ", "PRON") and doc[k - 1].text in (",", verb.text):
            return k, sentence.end
    return None


def _that_clause(verb: Token) -> tuple[int, int] | None:
    """A "that"-clause the parser hung somewhere below the verb ("told X at the time that …")."""
    for token in verb.subtree:
        if token.i <= verb.i or token.pos_ not in ("VERB", "AUX"):
            continue
        marker = next((c for c in token.children if c.lower_ == "that" and c.dep_ in ("mark", "advmod") and c.i < token.i), None)
        if marker is not None:
            return marker.i, token.right_edge.i + 1
    return None


def _mention_in(token: Token, mention_at: dict[int, ActorMention]) -> ActorMention | None:
    for node in [token, *token.subtree]:
        mention = mention_at.get(node.i)
        if mention is not None:
            return mention
    return None


def _link_parents(frames: list[Frame]) -> None:
    """A frame whose cue lies inside another frame's content is nested in it."""
    for index, frame in enumerate(frames):
        if frame.parent is not None:
            continue
        containers = [
            (other.content_j - other.content_i, k) for k, other in enumerate(frames)
            if k != index and other.content_i <= frame.cue_i < other.content_j
            and not (other.cue_i == frame.cue_i) and not _descends(frames, k, index)
        ]
        if containers:
            frame.parent = min(containers, key=lambda c: (c[0], -c[1]))[1]


def _descends(frames: list[Frame], index: int, ancestor: int) -> bool:
    seen: set[int] = set()
    current: int | None = index
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = frames[current].parent
    return False


def frames_over(doc: Doc, token_i: int) -> list[Frame]:
    """The chain of frames an event at token ``token_i`` rests on, outermost first."""
    frames: list[Frame] = doc._.frames or []
    covering = [(f.content_j - f.content_i, -k, k) for k, f in enumerate(frames)
                if f.content_i <= token_i < f.content_j and not (f.cue_i <= token_i < f.cue_j)]
    if not covering:
        return []
    return chain_of(frames, min(covering)[2])


@Language.factory(
    "tidings_attribution",
    assigns=["doc._.frames"],
    requires=["doc._.actor_mentions", "token.dep", "token.lemma", "doc.ents"],
)
def make_attribution_finder(nlp: Language, name: str) -> AttributionFinder:
    actors = nlp.get_pipe("tidings_actors") if "tidings_actors" in nlp.pipe_names else None
    kb = actors.kb if actors is not None else load_kb()
    return AttributionFinder(kb, load_reporting_lexicon())


__all__ = ["AttributionFinder", "ReportingLexicon", "ReportingVerb", "frames_over", "load_reporting_lexicon"]
