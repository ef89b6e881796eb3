"""Nouns for one person (data/person_nouns.yaml): a word modifying one tells about that person.

A place before one is the person's home ("a Salem man was shot in Beverly", places/context.py); an event
noun before one is no date anchor of its clause ("the shooting suspect surrendered Friday",
time/event_date.py). Both read the list and the singular-noun test here.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from tidings.resources import load_yaml

#: the links by which a word modifies the noun after it ("Salem man", "shooting suspect")
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("person_nouns.yaml")
    return frozenset(data["person_nouns"]), frozenset(data["origin_prepositions"])


def origin_prepositions() -> frozenset[str]:
    """The prepositions after which a place says where a person is from ("of", "from")."""
    return _words()[1]


def one_person(token: Token) -> bool:
    """A singular person noun: "a Salem man" is one person's home; "Aleppo residents" may be where they died."""
    return token.tag_ == "NN" and token.lemma_.lower() in _words()[0]


__all__ = ["MODIFIER_DEPS", "one_person", "origin_prepositions"]
