"""Readers turn files into :class:`tidings.model.Article` records."""

from tidings.readers.text import article_from_text, read_article

__all__ = ["article_from_text", "read_article"]
