"""Checks on the demo corpus in demo/articles.

The demo articles are the input of the quick-start, the benchmarks and the
de-duplication tests, so a malformed header or a copy-pasted paragraph would
break those silently; these tests catch it where it happens.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ARTICLES_DIR = Path(__file__).resolve().parents[1] / "demo" / "articles"
ARTICLE_PATHS = sorted(ARTICLES_DIR.glob("*.txt"))
REQUIRED_KEYS = ("title", "outlet", "byline", "published", "url")
DEMO_URL_PREFIX = "https://demo.tidings.invalid/"
FILENAME_RE = re.compile(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")
DATE_LINE_RE = re.compile(r"^published:\s*['\"]?(\d{4}-\d{2}-\d{2})['\"]?\s*$", re.M)
# A sentence ends at . ! or ? (optionally followed by a closing quote) before whitespace.
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+")
# Splitting on abbreviations such as "p.m." leaves short fragments; only sentences
# this long are compared, so a shared fragment like "7 p.m." is not a repeat.
MIN_SENTENCE_WORDS = 4


@dataclass(frozen=True)
class DemoArticle:
    """One demo file split into its parsed header and its raw body."""

    path: Path
    header: dict[str, Any]
    header_text: str
    body: str


def parse_article(path: Path) -> DemoArticle:
    """Split a demo file into YAML front matter and body, failing with the reason."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: must start with a '---' line"
    end = text.find("\n---\n", 4)
    assert end != -1, f"{path.name}: front matter is not closed by a '---' line"
    header_text = text[4 : end + 1]
    header = yaml.safe_load(header_text)
    assert isinstance(header, dict), f"{path.name}: front matter is not a mapping"
    return DemoArticle(path=path, header=header, header_text=header_text, body=text[end + 5 :])


def body_lines(article: DemoArticle) -> list[str]:
    return article.body.splitlines()


def paragraphs(article: DemoArticle) -> list[str]:
    """The body without its headline line and its optional 'By …' line."""
    lines = body_lines(article)[1:]
    if lines and lines[0].startswith("By "):
        lines = lines[1:]
    return [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]


def normalize(sentence: str) -> str:
    """Fold quotes, non-breaking spaces, case and enclosing quotes so trivial variants still match."""
    folded = unicodedata.normalize("NFKC", sentence)
    folded = folded.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
    return " ".join(folded.lower().split()).strip("\"'")


def sentences(article: DemoArticle) -> set[str]:
    found: set[str] = set()
    for paragraph in paragraphs(article):
        for piece in SENTENCE_END_RE.split(paragraph):
            sentence = normalize(piece)
            if len(sentence.split()) >= MIN_SENTENCE_WORDS:
                found.add(sentence)
    return found


@pytest.fixture(scope="module")
def corpus() -> list[DemoArticle]:
    return [parse_article(path) for path in ARTICLE_PATHS]


def test_demo_corpus_has_enough_articles() -> None:
    assert len(ARTICLE_PATHS) >= 14


def test_demo_corpus_filenames_are_numbered_uniquely() -> None:
    numbers = []
    for path in ARTICLE_PATHS:
        match = FILENAME_RE.match(path.name)
        assert match, f"{path.name}: expected NN-slug.txt"
        numbers.append(match.group(1))
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_demo_corpus_front_matter_is_valid(path: Path) -> None:
    article = parse_article(path)
    header = article.header
    missing = [key for key in REQUIRED_KEYS if key not in header]
    assert not missing, f"{path.name}: missing {missing}"
    for key in ("title", "outlet", "url"):
        assert isinstance(header[key], str) and header[key].strip(), f"{path.name}: empty {key}"
    assert header["byline"] is None or (isinstance(header["byline"], str) and header["byline"].strip())
    assert header["url"].startswith(DEMO_URL_PREFIX), f"{path.name}: url must be under {DEMO_URL_PREFIX}"
    date_line = DATE_LINE_RE.search(article.header_text)
    assert date_line, f"{path.name}: published must be written YYYY-MM-DD"
    published = dt.date.fromisoformat(date_line.group(1))
    assert published == dt.date.fromisoformat(str(header["published"]))


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_demo_corpus_body_length_is_200_to_600_words(path: Path) -> None:
    words = len(parse_article(path).body.split())
    assert 200 <= words <= 600, f"{path.name}: body has {words} words"


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_demo_corpus_first_body_line_is_the_title(path: Path) -> None:
    article = parse_article(path)
    lines = body_lines(article)
    assert lines and lines[0] == article.header["title"]


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_demo_corpus_byline_line_matches_header(path: Path) -> None:
    article = parse_article(path)
    lines = body_lines(article)
    byline = article.header["byline"]
    has_by_line = len(lines) > 1 and lines[1].startswith("By ")
    if byline is None:
        assert not has_by_line
    else:
        assert has_by_line and lines[1] == f"By {byline}"


def test_demo_corpus_titles_and_urls_are_unique(corpus: list[DemoArticle]) -> None:
    for key in ("title", "url"):
        values = [article.header[key] for article in corpus]
        assert len(values) == len(set(values)), f"duplicate {key}"


def test_demo_corpus_no_sentence_is_repeated_across_articles(corpus: list[DemoArticle]) -> None:
    seen: dict[str, str] = {}
    repeats: list[str] = []
    for article in corpus:
        for sentence in sentences(article):
            if sentence in seen:
                repeats.append(f"{seen[sentence]} and {article.path.name}: {sentence!r}")
            else:
                seen[sentence] = article.path.name
    assert not repeats, "\n".join(repeats)


def test_demo_corpus_sentence_check_catches_a_copy() -> None:
    """Guards the splitter itself: a copied sentence must be seen in both articles."""
    shared = "Gunmen stormed the base at dawn and killed three guards."
    one = DemoArticle(Path("a.txt"), {}, "", f"T\nFirst line here today. {shared}\n")
    two = DemoArticle(Path("b.txt"), {}, "", f"U\n\u201c{shared}\u201d Another sentence follows.\n")
    assert sentences(one) & sentences(two) == {normalize(shared)}
