"""The Python API: ``extract`` one article into a Report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from tidings.model import Article, Report
from tidings.nlp import load_pipeline
from tidings.pipeline.normalize import normalize_text
from tidings.readers.text import article_from_text, read_article
from tidings.report import ReportBuilder

_BUILDERS: dict[int, ReportBuilder] = {}


def _actor_files(actors: Sequence[str | Path] | None) -> tuple[Path, ...]:
    return tuple(Path(p).resolve() for p in actors or ())


def extract_article(article: Article, *, actors: Sequence[str | Path] | None = None) -> Report:
    """Run the pipeline on an Article: events, actors, places, times, sources, relations."""
    nlp = load_pipeline(_actor_files(actors))
    doc = nlp.make_doc(normalize_text(article.text))
    doc._.article = article
    doc._.published = article.published
    doc = nlp(doc)
    builder = _BUILDERS.get(id(nlp))
    if builder is None:
        builder = _BUILDERS[id(nlp)] = ReportBuilder(nlp.get_pipe("tidings_actors").kb)
    return builder.build(doc, article)


def extract(
    text: str, *, published: date | str | None = None, title: str | None = None, outlet: str | None = None,
    byline: str | None = None, url: str | None = None, actors: Sequence[str | Path] | None = None,
) -> Report:
    """Extract a Report from article text (plain text, HTML, or text with front matter)."""
    article = article_from_text(text, title=title, outlet=outlet, byline=byline, published=published, url=url)
    return extract_article(article, actors=actors)


def extract_file(path: str | Path, *, published: date | str | None = None,
                 actors: Sequence[str | Path] | None = None) -> Report:
    """Read an article file and extract its Report."""
    overrides = {"published": published} if published is not None else {}
    return extract_article(read_article(path, **overrides), actors=actors)
