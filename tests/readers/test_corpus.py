"""Corpus walking: every format on small files written here, and malformed input reported, never fatal."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tidings.readers.corpus import CorpusItem, coerce_date, corpus_files, iter_corpus

PARAGRAPHS = [
    "Al-Shabaab militants detonated a car bomb at the gate of a hotel in the Somali capital Mogadishu on Sunday "
    "evening and then stormed the building, police said.",
    "The attack began at about seven in the evening when a suicide bomber drove an explosives-laden car into the "
    "entrance of the hotel near the busy K4 junction, a district popular with lawmakers.",
    "Gunmen then ran inside and exchanged fire with special forces for nearly six hours before the siege ended "
    "early on Monday, a police officer at the scene told reporters.",
]
HTML = (
    "<!doctype html><html><head><title>Militants storm Mogadishu hotel</title>"
    "<meta name='author' content='Jane Doe'></head><body><nav>Home | World | Africa</nav>"
    "<article><h1>Militants storm Mogadishu hotel</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Copyright The Example Times</footer></body></html>"
)


def _items(*paths) -> list[CorpusItem]:
    return list(iter_corpus(paths))


def _ok(items: list[CorpusItem]) -> list[CorpusItem]:
    return [i for i in items if i.article is not None]


def _errors(items: list[CorpusItem]) -> dict[str, str]:
    return {i.origin: i.error for i in items if i.error is not None}


def test_corpus_reads_text_with_front_matter_and_html(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "---\ntitle: Siege\noutlet: Reuters\npublished: 2023-09-18\nurl: https://x.invalid/a\n---\n"
        "Siege\n" + PARAGRAPHS[0] + "\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML, encoding="utf-8")
    a, b = _ok(_items(tmp_path / "a.txt", tmp_path / "b.html"))
    assert (a.article.outlet, a.article.published, a.article.url) == ("Reuters", date(2023, 9, 18), "https://x.invalid/a")
    assert "stormed the building" in b.article.text and "Copyright" not in b.article.text
    assert b.article.title == "Militants storm Mogadishu hotel"


def test_corpus_jsonl_reads_rows_and_reports_bad_lines_by_number(tmp_path: Path):
    rows = [
        json.dumps({"text": PARAGRAPHS[0], "title": "One", "source": "AFP", "date": "2023-09-18T06:00:00Z",
                    "url": "https://x.invalid/1", "author": ["A. Writer", "B. Writer"]}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text here"}),
        json.dumps({"text": PARAGRAPHS[1], "published": "yesterday"}),
        json.dumps({"body": PARAGRAPHS[2], "published": "Mon, 18 Sep 2023 10:00:00 +0000"}),
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = _items(path)
    first, last = _ok(items)
    assert (first.origin, first.article.outlet, first.article.published) == (f"{path}:1", "AFP", date(2023, 9, 18))
    assert first.article.byline == "A. Writer, B. Writer" and first.article.title == "One"
    assert last.origin == f"{path}:7" and last.article.published == date(2023, 9, 18)
    errors = _errors(items)
    assert set(errors) == {f"{path}:{n}" for n in (3, 4, 5, 6)}
    assert "not valid JSON" in errors[f"{path}:3"] and "not a JSON object" in errors[f"{path}:4"]
    assert "no text" in errors[f"{path}:5"] and "cannot read the date" in errors[f"{path}:6"]


def test_corpus_csv_reads_quoted_multiline_text_and_reports_bad_rows(tmp_path: Path):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Title", "Text", "Outlet", "Published"])
    writer.writerow(["Siege", PARAGRAPHS[0] + "\n" + PARAGRAPHS[1], "Reuters", "2023-09-18"])
    writer.writerow(["Too", "few"])
    writer.writerow(["Bad date", PARAGRAPHS[2], "AFP", "18/09/2023"])
    writer.writerow(["Later", PARAGRAPHS[2], "AFP", "2023-09-19"])
    path = tmp_path / "news.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    items = _items(path)
    siege, later = _ok(items)
    assert siege.origin == f"{path}:2" and "\n" in siege.article.text and siege.article.outlet == "Reuters"
    assert later.origin == f"{path}:6"
    errors = _errors(items)
    assert "2 fields where the header has 4" in errors[f"{path}:4"]
    assert "cannot read the date" in errors[f"{path}:5"]


def test_corpus_tsv_and_csv_without_a_text_column(tmp_path: Path):
    (tmp_path / "ok.tsv").write_text(f"text\toutlet\n{PARAGRAPHS[0]}\tBBC\n", encoding="utf-8")
    (tmp_path / "bad.csv").write_text("headline,date\nSiege,2023-09-18\n", encoding="utf-8")
    items = _items(tmp_path / "ok.tsv", tmp_path / "bad.csv")
    assert [i.article.outlet for i in _ok(items)] == ["BBC"]
    assert "no text column" in _errors(items)[f"{tmp_path / 'bad.csv'}:1"]


def test_corpus_rss_and_atom_feed_files(tmp_path: Path):
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
      <item><title>Hotel siege</title><link>https://x.invalid/siege</link>
        <pubDate>Mon, 18 Sep 2023 08:00:00 GMT</pubDate>
        <description><![CDATA[<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>]]></description></item>
      <item><title>Second</title><link>https://x.invalid/2</link><description>{PARAGRAPHS[2]}</description></item>
    </channel></rss>"""
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>Atom News</title><id>urn:x</id><updated>2023-09-19T00:00:00Z</updated>
      <entry><title>Siege ends</title><id>urn:x:1</id><link href="https://x.invalid/ends"/>
        <updated>2023-09-19T09:00:00Z</updated><author><name>Jane Doe</name></author>
        <content type="html">&lt;p&gt;{PARAGRAPHS[2]}&lt;/p&gt;</content></entry></feed>"""
    (tmp_path / "wire.rss").write_text(rss, encoding="utf-8")
    (tmp_path / "news.atom").write_text(atom, encoding="utf-8")
    items = _items(tmp_path / "wire.rss", tmp_path / "news.atom")
    siege, second, ends = _ok(items)
    assert siege.article.title == "Hotel siege" and siege.article.outlet == "Example Wire"
    assert siege.article.published == date(2023, 9, 18) and siege.article.url == "https://x.invalid/siege"
    assert "<p>" not in siege.article.text and PARAGRAPHS[1] in siege.article.text
    assert second.article.published is None
    assert (ends.article.outlet, ends.article.byline, ends.article.published) == ("Atom News", "Jane Doe", date(2023, 9, 19))


def test_corpus_warc_built_with_warcio(tmp_path: Path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "tidings tests"}))

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2023-09-18T10:00:00Z"})
            writer.write_record(record)

        request = writer.create_warc_record("https://x.invalid/siege", "request",
                                            payload=io.BytesIO(b"GET /siege HTTP/1.1\r\nHost: x.invalid\r\n\r\n"))
        writer.write_record(request)
        response("https://x.invalid/siege", "200 OK", "text/html; charset=utf-8", HTML.encode("utf-8"))
        response("https://x.invalid/gone", "404 Not Found", "text/html", b"<html>gone</html>")
        response("https://x.invalid/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")
        response("https://x.invalid/empty", "200 OK", "text/html", b"<html><body></body></html>")
    items = _items(path)
    (page,) = _ok(items)
    assert page.article.url == "https://x.invalid/siege" and "stormed the building" in page.article.text
    assert page.article.published == date(2023, 9, 18) and any("crawl date" in w for w in page.article.warnings)
    assert page.origin == f"{path}#record3"
    skipped = [i.skipped for i in items if i.skipped]
    assert len(skipped) == 2 and any("404" in s for s in skipped) and any("image/png" in s for s in skipped)
    assert len(_errors(items)) == 1  # the empty page


def test_corpus_malformed_files_are_reported_and_the_walk_goes_on(tmp_path: Path):
    (tmp_path / "broken.warc").write_bytes(b"WARC/1.0\r\nthis is not a warc record at all\r\n\r\n")
    (tmp_path / "broken.rss").write_text("this is not xml", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    names = ["broken.warc", "broken.rss", "image.txt", "empty.txt", "missing.txt", "good.txt"]
    items = _items(*(tmp_path / n for n in names))
    assert [i.origin for i in _ok(items)] == [str(tmp_path / "good.txt")]
    errors = _errors(items)
    assert len(errors) == 5
    assert "PNG" in errors[str(tmp_path / "image.txt")] and "no file" in errors[str(tmp_path / "missing.txt")]
    assert "not an RSS/Atom feed" in errors[str(tmp_path / "broken.rss")]
    assert any(k.startswith(str(tmp_path / "broken.warc")) and "WARC" in v for k, v in errors.items())


def test_corpus_walks_folders_recursively_skipping_hidden_and_unknown_files(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".cache").mkdir()
    for name in ("b.txt", "a.html", "sub/c.jsonl", "notes.docx", ".hidden.txt", ".cache/d.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in corpus_files([tmp_path])] == ["a.html", "b.txt", "sub/c.jsonl"]


@pytest.mark.parametrize("value, expected", [
    ("2023-09-18", date(2023, 9, 18)),
    ("2023-09-18T23:59:00+03:00", date(2023, 9, 18)),
    ("Mon, 18 Sep 2023 10:00:00 GMT", date(2023, 9, 18)),
    (None, None),
    ("", None),
])
def test_corpus_coerce_date_accepts_iso_and_rfc822(value, expected):
    assert coerce_date(value) == expected
