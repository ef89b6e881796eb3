"""Name keys: one folded form per place name, so "Rafaḩ", "Rafah" and "RAFAH" meet.

Keys drop diacritics, case, apostrophes and dots ("U.S." -> "us"), and read
hyphens as spaces ("Deir ez-Zor" -> "deir ez zor"). Arabic article prefixes
("al-", "el-") get a second, stripped key because news spells them every way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[\u2019'`\u02bf\u02be\u02bc\u2018.\u00b4]")
_SPACE = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014_/,]+")
_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ad|az|at|ash|ath|adh|ed|es|et) ")
_LEADING = ("the ",)


@lru_cache(maxsize=1 << 14)  # the same few hundred names are looked up over and over
def fold(name: str) -> str:
    """The lookup key of a name: lower-case ASCII-ish, no diacritics, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _DROP.sub("", plain.lower())
    return _SPACE.sub(" ", plain).strip()


def abbreviation_key(text: str) -> str:
    """The key of a dotted abbreviation ("N.C." -> "n.c.", "W. Va." -> "w.va.")."""
    return text.lower().replace(" ", "")


def strip_article(key: str) -> str:
    """A folded key without its Arabic article ("al arish" -> "arish"), or the key itself."""
    stripped = _ARTICLE.sub("", key, count=1)
    return stripped if stripped and stripped != key else key


def strip_the(key: str) -> str:
    """A folded key without a leading English "the"."""
    for lead in _LEADING:
        if key.startswith(lead):
            return key[len(lead):]
    return key


def is_latin(key: str) -> bool:
    """Whether a folded key is written in Latin letters (other scripts never appear in English news)."""
    return key.isascii() and any(ch.isalpha() for ch in key)


__all__ = ["abbreviation_key", "fold", "strip_article", "strip_the", "is_latin"]
