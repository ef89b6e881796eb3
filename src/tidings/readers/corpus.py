"""Walk a corpus: files, folders, JSONL/CSV rows, RSS/Atom feed files and WARC archives → Articles.

Every item comes out as a :class:`CorpusItem` that carries an Article, or
the reason it could not be read (with the file and line or record offset), or
the reason it was passed over (a WARC request record, an image). A malformed
row is reported and the walk goes on: one bad line never stops a corpus.

    >>> for item in iter_corpus(["news.jsonl", "crawl.warc.gz", "articles/"]):
    ...     if item.article: ...
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from tidings.errors import BadDate, BinaryArticle, EmptyArticle, TidingsError
from tidings.model import Article
from tidings.readers.limits import foreign_reason, language_forced
from tidings.readers.text import article_from_text, decode, read_article

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}

# Column names tried in order for each Article field (JSONL keys, CSV headers).
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "site", "source_domain"),
    "byline": ("byline", "author", "authors"),
    "published": ("published", "date", "publish_date", "published_at", "date_publish", "pubdate"),
    "url": ("url", "link"),
    "id": ("id", "article_id", "doc_id"),
}
_WARC_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


# What kind of problem an item had: the groups `tidings ingest` reports skips and failures in.
MISSING, EMPTY, BINARY, BAD_DATE, MALFORMED, UNREADABLE = "missing", "empty", "binary", "bad date", "malformed", "unreadable"
NOT_ENGLISH, NOT_ARTICLE = "not English", "not an article"


@dataclass(slots=True)
class CorpusItem:
    """One thing found in the corpus: an article, a failure, or something that is not an article.

    ``kind`` names the problem of a failed or skipped item (``MALFORMED``, ``NOT_ENGLISH``, …).
    """

    origin: str
    article: Article | None = None
    error: str | None = None
    skipped: str | None = None
    kind: str | None = None


def _kind_of(exc: TidingsError) -> str:
    if isinstance(exc, EmptyArticle):
        return EMPTY
    if isinstance(exc, BinaryArticle):
        return BINARY
    if isinstance(exc, BadDate):
        return BAD_DATE
    return MALFORMED


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def known_suffixes() -> set[str]:
    return TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files a walk will read: given files as they are, folders recursively (known suffixes, no hidden files)."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and suffix_of(child) in known_suffixes():
                    out.append(child)
        else:
            out.append(path)
    return out


def iter_corpus(paths: Iterable[str | Path], *, force_language: bool | None = None,
                max_chars: int | None = None) -> Iterator[CorpusItem]:
    """Every article of every path, in order; failures are items too, never exceptions."""
    for path in corpus_files(paths):
        yield from iter_file(path, force_language=force_language, max_chars=max_chars)


def iter_file(path: Path, *, force_language: bool | None = None, max_chars: int | None = None) -> Iterator[CorpusItem]:
    """The items of one file, by its suffix; a non-English article is skipped with its reason unless forced.

    ``max_chars`` caps each article's length (default 200,000; see :mod:`tidings.readers.limits`).
    """
    forced = language_forced(force_language)
    for item in _items_of(Path(path), {"max_chars": max_chars, "force_language": force_language}):
        reason = None if forced or item.article is None else foreign_reason(item.article.warnings)
        if reason:
            yield CorpusItem(item.origin, skipped=f"{reason} (pass --force-language to read it anyway)",
                             kind=NOT_ENGLISH)
        else:
            yield item


def _items_of(path: Path, limits: dict[str, Any]) -> Iterator[CorpusItem]:
    where = str(path)
    if not path.is_file():
        yield CorpusItem(where, error=f"no file at {where!r}: check the path", kind=MISSING)
        return
    kind = suffix_of(path)
    try:
        if kind in JSONL_SUFFIXES:
            yield from _jsonl(path, limits)
        elif kind in CSV_SUFFIXES:
            yield from _csv(path, limits, delimiter="\t" if kind == ".tsv" else ",")
        elif kind in FEED_SUFFIXES:
            yield from _feed(path, limits)
        elif kind in WARC_SUFFIXES:
            yield from _warc(path, limits)
        else:
            yield CorpusItem(where, article=read_article(path, **limits))
    except TidingsError as exc:
        yield CorpusItem(where, error=str(exc), kind=_kind_of(exc))
    except OSError as exc:
        yield CorpusItem(where, error=f"cannot read {where!r}: {exc.strerror or exc}", kind=UNREADABLE)


# -- metadata ----------------------------------------------------------------------------------


def coerce_date(value: Any) -> date | None:
    """ISO dates and datetimes, RFC 822 dates (feeds, e-mail), or None; BadDate otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    found = _ISO_DAY.match(text)
    if found:
        try:
            return date.fromisoformat(found.group(1))
        except ValueError:
            raise BadDate(text) from None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise BadDate(text) from None


def _pick(record: dict[str, Any], name: str) -> Any:
    for key in FIELDS[name]:
        value = record.get(key)
        if value not in (None, ""):
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            return value
    return None


def _from_record(record: dict[str, Any], *, origin: str, limits: dict[str, Any]) -> CorpusItem:
    text = _pick(record, "text")
    if not isinstance(text, str) or not text.strip():
        columns = "/".join(FIELDS["text"])
        return CorpusItem(origin, error=f"no text: give the article in a '{columns}' field", kind=EMPTY)
    try:
        published = coerce_date(_pick(record, "published"))
        article = article_from_text(
            text, title=_str(_pick(record, "title")), outlet=_str(_pick(record, "outlet")),
            byline=_str(_pick(record, "byline")), published=published, url=_str(_pick(record, "url")),
            article_id=_str(_pick(record, "id")), source_path=origin, **limits,
        )
    except TidingsError as exc:
        return CorpusItem(origin, error=str(exc), kind=_kind_of(exc))
    return CorpusItem(origin, article=article)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


# -- formats -----------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    text, _ = decode(path.read_bytes(), where=str(path))
    return text


def _jsonl(path: Path, limits: dict[str, Any]) -> Iterator[CorpusItem]:
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield CorpusItem(origin, error=f"not valid JSON ({exc.msg} at column {exc.colno}): one object per line",
                             kind=MALFORMED)
            continue
        if not isinstance(record, dict):
            yield CorpusItem(origin, error="not a JSON object: each line must be {\"text\": …, …}", kind=MALFORMED)
            continue
        yield _from_record(record, origin=origin, limits=limits)


def _csv(path: Path, limits: dict[str, Any], *, delimiter: str) -> Iterator[CorpusItem]:
    csv.field_size_limit(1 << 28)
    stream = io.StringIO(_read_text(path), newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield CorpusItem(str(path), error="empty CSV file: the first line must name the columns", kind=EMPTY)
        return
    header = [h.strip().lower() for h in header]
    if not any(name in header for name in FIELDS["text"]):
        yield CorpusItem(f"{path}:1", error=f"no text column: name one of {', '.join(FIELDS['text'])} in the header",
                         kind=MALFORMED)
        return
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield CorpusItem(f"{path}:{start}", error=f"malformed CSV ({exc}); the rest of the file was not read",
                             kind=MALFORMED)
            return
        line = reader.line_num
        origin = f"{path}:{start}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield CorpusItem(origin, error=f"{len(row)} fields where the header has {len(header)}: quote fields that "
                             "hold the delimiter", kind=MALFORMED)
            continue
        yield _from_record(dict(zip(header, row)), origin=origin, limits=limits)


def _html_fragment_to_text(fragment: str) -> str:
    """Feed entries hold HTML fragments; keep paragraphs as lines."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.etree
    import lxml.html

    fragment = _XML_UNSAFE.sub("", fragment)  # lxml refuses NUL and most control characters
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
        for tag in root.iter("p", "br", "div", "li", "h1", "h2", "h3"):
            tag.tail = "\n" + (tag.tail or "")
        text = root.text_content()
    except (ValueError, lxml.etree.LxmlError):  # markup lxml cannot take: keep the text between tags
        text = re.sub(r"<[^>]*>", "\n", fragment)
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def _feed(path: Path, limits: dict[str, Any]) -> Iterator[CorpusItem]:
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        yield CorpusItem(str(path), error=f"not an RSS/Atom feed with entries{f' ({reason})' if reason else ''}",
                         kind=MALFORMED)
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        origin = f"{path}#entry{number}"
        content = entry.get("content")
        body = content[0].get("value") if content else entry.get("summary")
        text = _html_fragment_to_text(body or "")
        title = entry.get("title")
        if title and text and not text.startswith(title):
            text = f"{title}\n{text}"
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        record = {"text": text, "title": title, "outlet": outlet, "byline": entry.get("author"),
                  "url": entry.get("link"), "id": entry.get("id"),
                  "published": date(when.tm_year, when.tm_mon, when.tm_mday) if when else None}
        yield _from_record(record, origin=origin, limits=limits)


def _warc(path: Path, limits: dict[str, Any]) -> Iterator[CorpusItem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                item = _warc_record(record, origin=f"{path}#record{number}", limits=limits)
                if item is not None:
                    yield item
        # warcio also fails with AttributeError/TypeError/IndexError/KeyError on some broken headers,
        # and OverflowError on an absurd Content-Length
        except (ArchiveLoadFailed, ValueError, EOFError, OSError, AttributeError, TypeError, IndexError,
                KeyError, OverflowError) as exc:
            yield CorpusItem(f"{path}#record{number + 1}",
                             error=f"malformed WARC record ({exc}); the rest of the archive was not read", kind=MALFORMED)


def _warc_record(record: Any, *, origin: str, limits: dict[str, Any]) -> CorpusItem | None:
    if record.rec_type not in _WARC_TYPES:
        return CorpusItem(origin, error=f"malformed WARC record (type {record.rec_type!r})", kind=MALFORMED)
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response":
        if record.http_headers is None:
            return CorpusItem(origin, skipped="response without HTTP headers", kind=NOT_ARTICLE)
        status = record.http_headers.get_statuscode()
        if status != "200":
            return CorpusItem(origin, skipped=f"HTTP {status} for {url}", kind=NOT_ARTICLE)
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if not content_type.lower().startswith(("text/html", "text/plain", "application/xhtml")):
        return CorpusItem(origin, skipped=f"{content_type or 'no content type'} is not an article ({url})",
                          kind=NOT_ARTICLE)
    data = record.content_stream().read()
    try:
        text, warnings = decode(data, where=origin)
        article = article_from_text(text, url=url, source_path=origin, warnings=warnings, **limits)
    except TidingsError as exc:
        return CorpusItem(origin, error=str(exc), kind=_kind_of(exc))
    if article.published is None:
        crawled = record.rec_headers.get_header("WARC-Date")
        try:
            article.published = coerce_date(crawled)
        except BadDate:
            article.published = None
        if article.published is not None:
            article.warnings.append(f"{origin}: no publication date in the page; the crawl date {crawled} is used")
    return CorpusItem(origin, article=article)


__all__ = ["CorpusItem", "iter_corpus", "iter_file", "corpus_files", "coerce_date", "FIELDS", "MISSING", "EMPTY",
           "BINARY", "BAD_DATE", "MALFORMED", "UNREADABLE", "NOT_ENGLISH", "NOT_ARTICLE"]
