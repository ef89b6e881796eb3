"""Plain-text and HTML articles, with optional YAML front matter for metadata.

A file may begin with a front-matter block (``---`` lines around ``title:``,
``outlet:``, ``byline:``, ``published:``, ``url:``), as the demo corpus does;
the article text is everything after it, and offsets point into that text.
Without a publication date, a date in the URL's path (/2016/01/27/) stands in
for it, with a warning. HTML character references left in the text are decoded.
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import ArticleNotFound, BadDate, BinaryArticle, EmptyArticle, InputError
from tidings.model import Article
from tidings.readers.limits import language_forced, not_english, truncate
from tidings.time.url_date import date_in_url

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_BYLINE = re.compile(r"^\s*By\s+([A-Z][\w.'\-]+(?:\s+(?:[A-Z][\w.'\-]+|and|al-\w+|bin|de|van|von))*)\s*$")
_HTML_HINT = re.compile(r"<\s*(html|body|p|div|article|head|!doctype)\b", re.IGNORECASE)
_MAGIC = {
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive", b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}
_META_KEYS = {"title", "outlet", "byline", "published", "url", "id"}
# A character reference left in scraped text: "Philadelphia&#39;s", "Q&amp;A", "&eacute;" (the semicolon required).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_entities(text: str) -> str:
    """Plain text with the HTML character references a scraper left in it decoded ("&#39;" → "'").

    "Philadelphia&#39;s" otherwise hides the city from the tokenizer. Only
    complete references are read; an unknown name ("&foo;") stays as written.
    """
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def parse_date(value: Any) -> date | None:
    """A YYYY-MM-DD date (or a date object); None for None; BadDate for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise BadDate(str(value)) from None


def decode(data: bytes, *, where: str) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (with or without BOM), else UTF-8 with replacement and a warning."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryArticle(where, what)
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 100:
        raise BinaryArticle(where)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return text, [f"{where}: not valid UTF-8 (first bad byte at {exc.start}); undecodable bytes were replaced with U+FFFD"]


def _html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    meta: dict[str, Any] = {}
    text = ""
    if extracted is not None:
        data = extracted if isinstance(extracted, dict) else extracted.as_dict()
        text = data.get("text") or ""
        meta = {"title": data.get("title"), "byline": data.get("author"), "outlet": data.get("sitename"),
                "url": data.get("url"), "published": data.get("date")}
        if meta.get("title") and text and not text.startswith(meta["title"]):
            text = f"{meta['title']}\n{text}"
    return text, meta


def article_from_text(
    text: str, *, title: str | None = None, outlet: str | None = None, byline: str | None = None,
    published: date | str | None = None, url: str | None = None, article_id: str | None = None,
    source_path: str | None = None, warnings: list[str] | None = None, max_chars: int | None = None,
    force_language: bool | None = None,
) -> Article:
    """An Article from text; front matter and HTML are recognised, explicit arguments win.

    Text over ``max_chars`` (default 200,000, or ``TIDINGS_MAX_CHARS``) is cut and the cut is
    reported in ``warnings``; so is text that does not look like English, unless forced
    (callers that read files skip such text: see :func:`tidings.readers.limits.foreign_reason`).
    """
    warnings = list(warnings or [])
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"the front matter of {source_path or 'the article'} is not valid YAML: {exc}") from None
        except (ValueError, OverflowError) as exc:  # YAML reads 2020-00-02 as a date and fails on it
            raise InputError(f"the front matter of {source_path or 'the article'} holds an impossible value ({exc}): "
                             "write dates as YYYY-MM-DD") from None
        if isinstance(loaded, dict):
            meta = {k: v for k, v in loaded.items() if k in _META_KEYS}
            text = text[match.end():]
    elif _HTML_HINT.search(text[:2000]):
        text, html_meta = _html_to_text(text)
        meta = {k: v for k, v in html_meta.items() if v}
    text = unescape_entities(text.replace("\r\n", "\n").replace("\r", "\n"))
    text, cut = truncate(text, max_chars)
    if cut:
        warnings.append(cut)
    if not text.strip():
        raise EmptyArticle(source_path or "the article")
    if not language_forced(force_language):
        foreign = not_english(text)
        if foreign:
            warnings.append(f"{foreign}; tidings reads English news, so expect few results "
                            "(tidings extract, ingest and batch skip it unless --force-language)")
    lines = text.split("\n")
    first = lines[0].strip()
    looks_like_title = bool(first) and len(first) < 200 and not first.endswith((".", "\"", "”")) and len(lines) > 1
    if title is None:
        title = meta.get("title") or (first if looks_like_title else None)
    if byline is None:
        byline = meta.get("byline")
        if byline is None:
            for line in lines[1:4]:
                found = _BYLINE.match(line)
                if found:
                    byline = found.group(1)
                    break
    published_date = parse_date(published if published is not None else meta.get("published"))
    address = url or meta.get("url")
    if published_date is None and (from_url := date_in_url(address)) is not None:
        published_date = from_url
        warnings.append(f"no publication date was given; the date in the URL, {from_url.isoformat()} "
                        f"({address}), is used as the publication date")
    identifier = article_id or meta.get("id") or hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return Article(
        text=text, id=str(identifier), title=title, url=url or meta.get("url"),
        outlet=outlet or meta.get("outlet"), byline=byline, published=published_date,
        source_path=source_path, warnings=warnings,
    )


def read_article(path: str | Path, **overrides: Any) -> Article:
    """Read an article file ('-' for standard input); raises InputError subclasses with what to do."""
    where = str(path)
    if where == "-":
        data = sys.stdin.buffer.read()
    else:
        file = Path(path)
        if not file.is_file():
            raise ArticleNotFound(where)
        data = file.read_bytes()
    if not data.strip():
        raise EmptyArticle(where)
    text, warnings = decode(data, where=where)
    return article_from_text(text, source_path=where, warnings=warnings, **overrides)
