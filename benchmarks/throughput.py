"""Words per second of the full `extract` pipeline and of the bare spaCy model, in one run.

    python benchmarks/throughput.py [--corpus demo/articles] [--repeat 3]

Both are timed over the same texts, after one warm-up pass each, in this one
process; the ratio full/bare is what docs/performance.md records.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

import spacy

from tidings.api import extract_article
from tidings.nlp import MODEL, load_pipeline
from tidings.pipeline.normalize import normalize_text
from tidings.readers.text import read_article


def _timed(work, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("demo/articles"))
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    args = parser.parse_args()

    articles = [read_article(p) for p in sorted(args.corpus.glob("*.txt"))]
    texts = [normalize_text(a.text) for a in articles]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(MODEL)
    load_pipeline()  # build once, outside the timing
    list(bare.pipe(texts))
    for article in articles:
        extract_article(article)

    bare_seconds = _timed(lambda: [bare(t) for t in texts], args.repeat)
    full_seconds = _timed(lambda: [extract_article(a) for a in articles], args.repeat)
    bare_rate = words / bare_seconds
    full_rate = words / full_seconds
    print(f"corpus: {len(articles)} articles, {words} words ({args.corpus})")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, spaCy {spacy.__version__}")
    print(f"bare spaCy ({MODEL}): {bare_rate:,.0f} words/s")
    print(f"tidings extract:        {full_rate:,.0f} words/s")
    print(f"ratio extract/bare:     {full_rate / bare_rate:.2f}")


if __name__ == "__main__":
    main()
