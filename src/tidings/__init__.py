"""tidings: auditable event data from news about armed conflict.

    >>> import tidings
    >>> report = tidings.extract("Hamas fired rockets at Israel on Sunday.", published="2016-12-19")
    >>> [e.type for e in report.events]
    ['ASSAULT']

Nothing heavy happens at import: the spaCy pipeline is built on first use.
"""

from tidings.api import extract, extract_article, extract_file
from tidings.errors import (
    ArticleNotFound, BadDate, BinaryArticle, DataError, EmptyArticle, InputError, TidingsError,
)
from tidings.model import (
    Actor, Article, Event, Place, Relation, Report, Source, Statement, TextSpan, TimeMention, When,
)
from tidings.readers import read_article

__version__ = "0.1.0"

__all__ = [
    "extract", "extract_article", "extract_file", "read_article",
    "Actor", "Article", "Event", "Place", "Relation", "Report", "Source", "Statement", "TextSpan",
    "TimeMention", "When",
    "TidingsError", "InputError", "ArticleNotFound", "EmptyArticle", "BinaryArticle", "BadDate", "DataError",
    "__version__",
]
