"""Article identity: the same text at the same address is the same article, however it was read."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize_for_id(text: str) -> str:
    """Unicode NFKC and collapsed white space: re-encoding or re-wrapping a text keeps its id."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def article_key(text: str, url: str | None) -> str:
    """The store's article id: a hash of the normalized text and the url."""
    digest = hashlib.sha256()
    digest.update(normalize_for_id(text).encode("utf-8"))
    digest.update(b"\x00")
    digest.update((url or "").strip().encode("utf-8"))
    return digest.hexdigest()[:20]


__all__ = ["article_key", "normalize_for_id"]
