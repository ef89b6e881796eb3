"""One exception tree for everything a user can cause; each message says what to do.

    TidingsError
    ├── InputError            an article or option the user gave cannot be used
    │   ├── ArticleNotFound   the path does not exist or is not a file
    │   ├── EmptyArticle      the file holds no text
    │   ├── BinaryArticle     the file is not text (an image, an archive, …)
    │   └── BadDate           a date option that does not parse
    └── DataError             a lexicon, gazetteer or knowledge-base file is malformed

The CLI turns any TidingsError into one line on stderr and exit code 2;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import re


_BREAKS = re.compile(r"\s*\n\s*")


class TidingsError(Exception):
    """Base of every error tidings raises on purpose; its message is always one line."""

    def __init__(self, message: object = "", *args: object) -> None:
        super().__init__(_BREAKS.sub(" ", str(message)).strip(), *args)


class InputError(TidingsError):
    """Something the user gave us cannot be used as it is."""


class ArticleNotFound(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(f"no article at {path!r}: check the path, or pass '-' to read from standard input")


class EmptyArticle(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(f"{path!r} holds no text: give an article with at least one sentence")


class BinaryArticle(InputError):
    def __init__(self, path: str, what: str = "binary data") -> None:
        super().__init__(
            f"{path!r} looks like {what}, not an article: give a plain-text (.txt) or HTML file"
        )


class BadDate(InputError):
    def __init__(self, value: str) -> None:
        super().__init__(f"cannot read the date {value!r}: write it as YYYY-MM-DD, e.g. 2016-12-19")


class NotEnglish(InputError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path!r} was skipped, {reason}: tidings reads English news; "
                         "pass --force-language (force_language=True) to extract it anyway")


class DataError(TidingsError):
    """A shipped or user-supplied data file breaks its schema."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: {detail} (fix the file, or see src/tidings/data/README.md for its format)")


__all__ = [
    "TidingsError", "InputError", "ArticleNotFound", "EmptyArticle", "BinaryArticle", "BadDate", "NotEnglish", "DataError",
]
