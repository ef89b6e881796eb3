"""The Python API: ``extract`` one article into a Report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from tidings.errors import InputError, NotEnglish
from tidings.model import Article, Report
from tidings.nlp import load_pipeline
from tidings.pipeline.normalize import normalize_text
from tidings.readers.limits import foreign_reason, language_forced
from tidings.readers.text import article_from_text, read_article
from tidings.report import ReportBuilder

_BUILDERS: dict[int, ReportBuilder] = {}


def _actor_files(actors: Sequence[str | Path] | None) -> tuple[Path, ...]:
    return tuple(Path(p).resolve() for p in actors or ())


def _pipeline(*user_files: tuple[Path, ...]):
    """The pipeline with the user's files; a file that cannot be read is one clear InputError."""
    try:
        return load_pipeline(*user_files)
    except (UnicodeDecodeError, OSError) as exc:
        bad = next((p for files in user_files for p in files if not _readable(p)), None)
        what = f"the file {str(bad)!r}" if bad else "a file given with --actors or --verbs"
        raise InputError(f"cannot read {what} ({type(exc).__name__}): give a UTF-8 YAML or JSONL text file") from None


def _readable(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return False
    return True


def extract_article(article: Article, *, actors: Sequence[str | Path] | None = None,
                    verb_files: Sequence[str | Path] | None = None) -> Report:
    """Run the pipeline on an Article: events, actors, places, times, sources, relations.

    ``verb_files``: user lexicons (JSONL/YAML in our schema, or PETRARCH verb dictionaries).
    """
    nlp = _pipeline(_actor_files(actors), _actor_files(verb_files))
    return report_builder(nlp).build(nlp(article_doc(nlp, article)), article)


def article_doc(nlp: Language, article: Article) -> Doc:
    """The article's normalized text as an unparsed Doc carrying the article and its date."""
    text = normalize_text(article.text)
    doc = nlp.make_doc(text)
    doc.user_data["tidings.doc_text"] = text  # what doc_text() would rebuild: the tokenizer keeps every character
    doc._.article = article
    doc._.published = article.published
    return doc


def report_builder(nlp: Language) -> ReportBuilder:
    """One ReportBuilder per pipeline (it holds the pipeline's knowledge base)."""
    builder = _BUILDERS.get(id(nlp))
    if builder is None:
        builder = _BUILDERS[id(nlp)] = ReportBuilder(nlp.get_pipe("tidings_actors").kb)
    return builder


def extract(
    text: str, *, published: date | str | None = None, title: str | None = None, outlet: str | None = None,
    byline: str | None = None, url: str | None = None, actors: Sequence[str | Path] | None = None,
    verb_files: Sequence[str | Path] | None = None, max_chars: int | None = None,
    force_language: bool | None = None,
) -> Report:
    """Extract a Report from article text (plain text, HTML, or text with front matter).

    Text over ``max_chars`` (default 200,000) is cut, and text that does not look like English is
    extracted anyway: both are reported in ``report.warnings`` (``force_language=True`` skips the
    language check). Only :func:`extract_file` and the corpus commands refuse foreign text.
    """
    article = article_from_text(text, title=title, outlet=outlet, byline=byline, published=published, url=url,
                                max_chars=max_chars, force_language=force_language)
    return extract_article(article, actors=actors, verb_files=verb_files)


def extract_file(path: str | Path, *, published: date | str | None = None,
                 actors: Sequence[str | Path] | None = None,
                 verb_files: Sequence[str | Path] | None = None, max_chars: int | None = None,
                 force_language: bool | None = None) -> Report:
    """Read an article file and extract its Report; NotEnglish when it is not English, unless forced."""
    overrides = {"published": published} if published is not None else {}
    article = read_article(path, max_chars=max_chars, force_language=force_language, **overrides)
    reason = None if language_forced(force_language) else foreign_reason(article.warnings)
    if reason:
        raise NotEnglish(str(path), reason)
    return extract_article(article, actors=actors, verb_files=verb_files)
