"""Guards on what reaches the pipeline: a cap on document length and a language check.

Both report, never drop silently: a cut article keeps a warning that says how
much was left out, and a non-English article is skipped with its reason (the
corpus walk) or warned about (a single ``extract``). The cap is configurable
per call (``max_chars=``, ``--max-chars``) or for a whole run with
``TIDINGS_MAX_CHARS``; the language check is turned off with
``force_language=True``, ``--force-language`` or ``TIDINGS_ANY_LANGUAGE=1``.
:func:`reading` sets both for code that reads a corpus without taking them as
arguments (the batch splitter, and the Dask workers it starts). Thresholds and
the English function words live in ``data/language.yaml``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from tidings.resources import load_yaml

MAX_CHARS = 200_000
NOT_ENGLISH = "not English"  # how a language warning begins
TRUNCATED = "were truncated"  # what a length-cap warning says
MAX_CHARS_ENV = "TIDINGS_MAX_CHARS"
ANY_LANGUAGE_ENV = "TIDINGS_ANY_LANGUAGE"
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_CUT_BACK = 2_000  # look this far back for a paragraph or sentence end to cut at


def max_chars_setting(value: int | None = None) -> int:
    """The cap in force: the argument, else ``TIDINGS_MAX_CHARS``, else 200,000 (0 or less: no cap)."""
    if value is not None:
        return value
    raw = os.environ.get(MAX_CHARS_ENV, "").strip()
    if raw:
        try:
            return int(raw)
        except ValueError:
            pass
    return MAX_CHARS


def truncate(text: str, max_chars: int | None = None) -> tuple[str, str | None]:
    """(text cut to the cap, warning) — cut at a paragraph, sentence or word end when one is near."""
    cap = max_chars_setting(max_chars)
    if cap <= 0 or len(text) <= cap:
        return text, None
    start = max(0, cap - _CUT_BACK)
    window = text[start:cap]
    cut = cap
    for mark in ("\n", ". ", " "):
        found = window.rfind(mark)
        if found > 0:
            cut = start + found + 1  # keep the full stop; a newline or space is stripped below
            break
    kept = text[:cut].rstrip()
    dropped = len(text) - len(kept)
    warning = (f"the article has {len(text):,} characters, over the cap of {cap:,}: only the first {len(kept):,} "
               f"were read and {dropped:,} {TRUNCATED} (raise the cap with --max-chars N, TIDINGS_MAX_CHARS or max_chars=)")
    return kept, warning


@lru_cache(maxsize=1)
def _settings() -> dict[str, Any]:
    data = load_yaml("language.yaml")
    return {**data, "stopwords": frozenset(data["stopwords"])}


def _latin_share(sample: str) -> float:
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def not_english(text: str) -> str | None:
    """Why ``text`` does not look like English, or None (also None when it is too short to tell)."""
    settings = _settings()
    sample = text[: settings["sample_chars"]]
    share = _latin_share(sample)
    if share < settings["min_latin_share"] and sum(c.isalpha() for c in sample) >= settings["min_words"]:
        return f"{NOT_ENGLISH}: only {share:.0%} of its letters are Latin script"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < settings["min_words"]:
        return None
    common = sum(1 for w in words if w in settings["stopwords"]) / len(words)
    if common < settings["min_stopword_share"]:
        return f"{NOT_ENGLISH}: only {common:.0%} of its {len(words)} words are common English words"
    return None


def language_forced(force: bool | None = None) -> bool:
    """True when the language check is off (argument, else ``TIDINGS_ANY_LANGUAGE``)."""
    if force is not None:
        return force
    return os.environ.get(ANY_LANGUAGE_ENV, "").strip().lower() in {"1", "true", "yes"}


def foreign_reason(warnings: Sequence[str]) -> str | None:
    """The language check's reason among an article's warnings (the part before any advice), or None."""
    for warning in warnings:
        if warning.startswith(NOT_ENGLISH):
            return warning.split(";", 1)[0]
    return None


def truncation(warnings: Sequence[str]) -> str | None:
    """The length cap's warning among an article's warnings, or None."""
    return next((w for w in warnings if TRUNCATED in w), None)


__all__ = ["MAX_CHARS", "NOT_ENGLISH", "TRUNCATED", "max_chars_setting", "truncate", "not_english", "language_forced",
           "foreign_reason", "truncation"]
