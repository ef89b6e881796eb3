"""Readers turn files into :class:`tidings.model.Article` records."""

from tidings.readers.corpus import CorpusItem, corpus_files, iter_corpus
from tidings.readers.text import article_from_text, read_article

__all__ = ["article_from_text", "read_article", "iter_corpus", "corpus_files", "CorpusItem"]
