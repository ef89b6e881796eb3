"""Atheris fuzz targets for every reader: text/HTML, JSONL, CSV, TSV, RSS/Atom and WARC.

Each target writes the fuzzer's bytes to a file with the reader's suffix and
walks it with :func:`tidings.readers.corpus.iter_file`, which must never raise:
a bad input is an item with an error, never an exception. A crash is a bug.

    python fuzz/readers.py jsonl -max_total_time=60      # one target, libFuzzer flags after it
    python fuzz/readers.py all -runs=2000                 # every target in turn

``tests/reliability/test_fuzz_readers.py`` runs each target for a few seconds in CI.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["tidings.readers"]):
    from tidings.readers.corpus import iter_file
    from tidings.readers.text import article_from_text, decode

TARGETS = {"text": ".txt", "html": ".html", "jsonl": ".jsonl", "csv": ".csv", "tsv": ".tsv", "feed": ".rss",
           "warc": ".warc", "warcgz": ".warc.gz"}
# A few valid inputs per reader so the fuzzer starts from the formats, not from nothing.
SEEDS = {
    "text": [b"Title\nHamas fired rockets at Israel on Sunday.\n", b"---\ntitle: T\npublished: 2020-01-02\n---\nText.\n"],
    "html": [b"<html><head><script>alert(1)</script><style>p{}</style></head><body><p>Hamas fired rockets.</p></body></html>"],
    "jsonl": [b'{"text": "Hamas fired rockets.", "date": "2020-01-02"}\n{"body": "x"}\n'],
    "csv": [b'text,date\n"Hamas fired rockets, officials said.",2020-01-02\n'],
    "tsv": [b"text\tdate\nHamas fired rockets.\t2020-01-02\n"],
    "feed": [b'<?xml version="1.0"?><rss><channel><title>O</title><item><title>T</title>'
             b"<description>&lt;p&gt;Hamas fired.&lt;/p&gt;</description><pubDate>Mon, 02 Jan 2020 10:00:00 GMT</pubDate>"
             b"</item></channel></rss>"],
    "warc": [b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://x/\r\nContent-Type: text/plain\r\n"
             b"Content-Length: 21\r\n\r\nHamas fired rockets.\n\r\n\r\n"],
    "warcgz": [b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"],
}


def walk(data: bytes, suffix: str, folder: Path) -> int:
    """Read ``data`` as a file with ``suffix``; the number of items (raises only on a bug)."""
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    count = 0
    for item in iter_file(path):
        assert sum(x is not None for x in (item.article, item.error, item.skipped)) == 1, item
        if item.article is not None:
            text = item.article.text
            assert isinstance(text, str) and text.strip()
        count += 1
    return count


def decode_and_build(data: bytes) -> None:
    """The in-memory path (``extract(text)``): decode, then build an Article from the text."""
    from tidings.errors import TidingsError

    try:
        text, _ = decode(data, where="fuzz")
        article_from_text(text)
    except TidingsError:
        pass  # a reported user error (empty, binary, bad front matter, bad date) is the right outcome


def target(name: str) -> Callable[[bytes], None]:
    """The one-input function atheris calls for reader ``name``."""
    suffix = TARGETS[name]
    folder = Path(tempfile.mkdtemp(prefix=f"tidings-fuzz-{name}-"))

    def one(data: bytes) -> None:
        walk(data, suffix, folder)
        if name == "text":
            decode_and_build(data)

    return one


def main(argv: list[str]) -> None:
    name = argv[1] if len(argv) > 1 else "all"
    flags = [a for a in argv[2:] if a.startswith("-")]
    names = list(TARGETS) if name == "all" else [name]
    if name != "all" and name not in TARGETS:
        sys.exit(f"unknown target {name!r}: one of {', '.join(TARGETS)} or all")
    if len(names) > 1:  # atheris.Fuzz runs once per process: run each target in its own process
        import subprocess

        for each in names:
            code = subprocess.call([sys.executable, __file__, each, *flags])
            if code:
                sys.exit(code)
        return
    corpus = Path(tempfile.mkdtemp(prefix=f"tidings-seeds-{name}-"))
    for number, seed in enumerate(SEEDS.get(name, []), start=1):
        (corpus / f"seed{number}").write_bytes(seed)
    os.environ.setdefault("TIDINGS_MAX_CHARS", "20000")
    atheris.Setup([argv[0], *flags, str(corpus)], target(name))
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
