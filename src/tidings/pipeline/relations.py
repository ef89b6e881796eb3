"""Structural relations stated in the text: part_of, affiliate_of, member_of.

Relations from the knowledge base and from events (cooperation, hostility)
are added when the report is assembled, where every actor and event is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from tidings.pipeline.annotations import ActorMention, lemmas_of, lowers_of
from tidings.resources import load_yaml


@dataclass(frozen=True, slots=True)
class TextRelation:
    a: str
    b: str
    kind: str
    start: int  # character offsets of the evidence (the sentence)
    end: int


class RelationFinder:
    def __init__(self) -> None:
        data = load_yaml("relations.yaml")
        self.part_nouns = set(data["part_nouns"])
        self.affiliate_nouns = set(data["affiliate_nouns"])
        self.allegiance_verbs = set(data["allegiance_verbs"])
        self.allegiance_nouns = set(data["allegiance_nouns"])
        self.joining_verbs = set(data["joining_verbs"])
        self.member_nouns = set(data["member_nouns"])
        self.affiliation_words = set(data["affiliation_words"])
        self.cue_lemmas = frozenset(self.allegiance_verbs | self.joining_verbs)
        self.cue_words = frozenset(self.member_nouns | self.affiliation_words)

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[ActorMention] = doc._.actor_mentions or []
        mention_at = {k: m for m in mentions for k in range(m.i, m.j)}
        found: list[TextRelation] = []
        for mention in mentions:
            found.extend(self._apposition(doc, mention, mention_at))
        lowers, lemmas = lowers_of(doc), lemmas_of(doc)
        for k, lower in enumerate(lowers):  # each reader is asked only when the token is one of its cue words
            lemma = lemmas[k]
            if lemma not in self.cue_lemmas and lower not in self.cue_words:
                continue
            token = doc[k]
            if lemma in self.allegiance_verbs:
                found.extend(self._allegiance(token, mention_at))
            if lemma in self.joining_verbs or lower in self.member_nouns:
                found.extend(self._joining(token, mention_at))
            if lower in self.affiliation_words:
                found.extend(self._hyphen_affiliation(doc, token, mention_at))
        unique: dict[tuple[str, str, str], TextRelation] = {}
        for relation in found:
            if relation.a != relation.b and not relation.a.startswith("unk:") and not relation.b.startswith("unk:"):
                unique.setdefault((relation.a, relation.b, relation.kind), relation)
        doc._.relations = list(unique.values())
        return doc

    def _evidence(self, token: Token, a: str, b: str, kind: str) -> TextRelation:
        sentence = token.sent
        return TextRelation(a, b, kind, sentence.start_char, sentence.end_char)

    def _apposition(self, doc: Doc, mention: ActorMention, mention_at: dict[int, ActorMention]) -> list[TextRelation]:
        """"the Qassam Brigades, Hamas's military wing" → part_of; "…, an Islamic State affiliate" → affiliate_of."""
        root = doc[mention.i:mention.j].root
        out = []
        for appos in (c for c in root.children if c.dep_ == "appos"):
            lemma = appos.lemma_.lower()
            kind = "part_of" if lemma in self.part_nouns else "affiliate_of" if lemma in self.affiliate_nouns else None
            if kind is None:
                continue
            owners = [c for c in appos.children if c.dep_ in ("poss", "compound")]
            owners += [p for prep in appos.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children]
            for owner in owners:
                other = mention_at.get(owner.i)
                if other is not None:
                    out.append(self._evidence(appos, mention.actor, other.actor, kind))
        if not out:
            out.extend(self._comma_apposition(doc, mention, mention_at))
        return out

    def _comma_apposition(self, doc: Doc, mention: ActorMention, mention_at: dict[int, ActorMention]) -> list[TextRelation]:
        """The same read from the tokens ("X, Hamas's military wing,") when the parser missed the apposition."""
        k = mention.j
        if k + 2 >= len(doc) or doc[k].text != ",":
            return []
        owner = mention_at.get(k + 1)
        if owner is None or owner.i != k + 1 or owner.j + 1 >= len(doc) or doc[owner.j].text not in ("'s", "’s"):
            return []
        k = owner.j + 1
        while k < len(doc) and doc[k].pos_ == "ADJ" and k - owner.j < 4:
            k += 1
        if k >= len(doc):
            return []
        lemma = doc[k].lemma_.lower()
        kind = "part_of" if lemma in self.part_nouns else "affiliate_of" if lemma in self.affiliate_nouns else None
        return [self._evidence(doc[k], mention.actor, owner.actor, kind)] if kind else []

    def _allegiance(self, token: Token, mention_at: dict[int, ActorMention]) -> list[TextRelation]:
        if token.lemma_.lower() not in self.allegiance_verbs:
            return []
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in self.allegiance_nouns for c in token.children):
            return []
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        targets = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "to" for p in prep.children]
        targets += [p for dobj in token.children if dobj.dep_ == "dobj" for prep in dobj.children
                    if prep.dep_ == "prep" and prep.lower_ == "to" for p in prep.children]
        return [self._evidence(token, a.actor, b.actor, "affiliate_of")
                for a in _mentions(subjects, mention_at) for b in _mentions(targets, mention_at)]

    def _joining(self, token: Token, mention_at: dict[int, ActorMention]) -> list[TextRelation]:
        """"X joined the group", and "X were once members of Y"."""
        from tidings.pipeline.roles import subjects

        lemma = token.lemma_.lower()
        if lemma in self.joining_verbs and token.pos_ == "VERB":
            groups = [c for c in token.children if c.dep_ == "dobj"]
            return [self._evidence(token, a.actor, b.actor, "member_of")
                    for a in _mentions(subjects(token), mention_at) for b in _mentions(groups, mention_at)]
        if token.lower_ in self.member_nouns and token.dep_ == "attr":
            groups = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children]
            return [self._evidence(token, a.actor, b.actor, "member_of")
                    for a in _mentions(subjects(token.head), mention_at) for b in _mentions(groups, mention_at)]
        return []

    def _hyphen_affiliation(self, doc: Doc, token: Token, mention_at: dict[int, ActorMention]) -> list[TextRelation]:
        """"the ISIS-affiliated Sinai Province": the modified actor is affiliated with the named one."""
        if token.lower_ not in self.affiliation_words or token.i < 2 or doc[token.i - 1].text != "-":
            return []
        named = mention_at.get(token.i - 2)
        if named is None:
            return []
        head = token.head
        target = mention_at.get(head.i)
        if target is None or target is named:
            return []
        return [self._evidence(token, target.actor, named.actor, "affiliate_of")]


def _mentions(tokens: list[Token], mention_at: dict[int, ActorMention]) -> list[ActorMention]:
    out = []
    for token in tokens:
        for node in (token, *token.subtree):
            mention = mention_at.get(node.i)
            if mention is not None:
                out.append(mention)
                break
    return out


@Language.factory("tidings_relations", assigns=["doc._.relations"], requires=["doc._.actor_mentions", "token.dep"])
def make_relation_finder(nlp: Language, name: str) -> RelationFinder:
    return RelationFinder()
