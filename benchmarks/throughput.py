"""Words per second of the full `extract` pipeline and of the bare spaCy model, in one run.

    python benchmarks/throughput.py [--corpus demo/articles] [--repeat 3]

Both are timed over the same texts, after one warm-up pass each, in this one
process; the ratio full/bare is what docs/performance.md records. A second
pair times both in batches, as ``tidings batch`` runs them: the plain model's
``nlp.pipe`` and :func:`tidings.batch.extract.extract_reports` over the same
chunks of articles. CPU seconds (``time.process_time``) are printed next to
wall time: on a shared machine they are the steadier figure.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

import spacy

from tidings.api import extract_article
from tidings.batch.extract import chunks, extract_reports
from tidings.nlp import MODEL, load_pipeline
from tidings.pipeline.normalize import normalize_text
from tidings.readers.text import read_article


def _timed(work, repeat: int) -> tuple[float, float]:
    """The best wall seconds and the best CPU seconds of ``repeat`` passes."""
    best = cpu = float("inf")
    for _ in range(repeat):
        started, ticked = time.perf_counter(), time.process_time()
        work()
        best = min(best, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - ticked)
    return best, cpu


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

    runs = list(chunks(articles))

    def bare_batched() -> None:
        for run in runs:
            list(bare.pipe([texts[k] for k in run], batch_size=len(run)))

    extract_reports(articles)
    bare_batched()
    timings = {
        "bare spaCy, nlp(text)": _timed(lambda: [bare(t) for t in texts], args.repeat),
        "tidings extract": _timed(lambda: [extract_article(a) for a in articles], args.repeat),
        "bare spaCy, nlp.pipe": _timed(bare_batched, args.repeat),
        "tidings batch extraction": _timed(lambda: extract_reports(articles), args.repeat),
    }
    print(f"corpus: {len(articles)} articles, {words} words ({args.corpus})")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, spaCy {spacy.__version__}")
    print(f"model: {MODEL}")
    for name, (wall, cpu) in timings.items():
        print(f"{name:<26}{words / wall:>8,.0f} words/s  {words / cpu:>8,.0f} words/CPU-s")
    pairs = (("tidings extract", "bare spaCy, nlp(text)"), ("tidings batch extraction", "bare spaCy, nlp.pipe"))
    for full, base in pairs:
        print(f"ratio {full} / {base}: {timings[base][0] / timings[full][0]:.2f} "
              f"(by CPU-s {timings[base][1] / timings[full][1]:.2f})")


if __name__ == "__main__":
    main()
