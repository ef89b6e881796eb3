"""Extract a partition's articles together: spaCy parses a batch of texts faster than one text at a time.

The model's networks (tok2vec, parser, ner) multiply matrices once per batch
instead of once per article: on the demo corpus ``nlp.pipe`` took ≈ 0.8 × the
CPU time of ``nlp(text)`` per article. Each Report is built from its Doc as
soon as the Doc leaves the pipeline, exactly as :func:`tidings.api.extract_article`
builds it, so the output is the same.

Failure isolation stays per article: if the pipeline raises inside a chunk, the
articles of that chunk that had not come out yet are extracted again one by one
(:func:`tidings.store.ingest.extract_for_store`), so only the article that fails
becomes a failure, with the error it raises on its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tidings.api import article_doc, report_builder
from tidings.model import Article, Report
from tidings.nlp import load_pipeline
from tidings.store.ingest import extract_for_store, prepare_article

# A chunk goes through nlp.pipe as one batch. Measured over the demo articles (≈ 2,400 characters each),
# one process: chunks of 1 / 4 / 8 / 16 articles took 1.69 / 1.70 / 1.59 / 1.51 CPU-s per pass and peaked
# at 410 / 421 / 456 / 509 MB (the model's batch activations: ≈ 2.6 kB per character of a chunk), so
# chunks are capped in characters too, to keep a worker's extra memory near 100 MB whatever the articles.
PIPE_ARTICLES = 16
PIPE_CHARS = 40_000

Outcome = Report | Exception


def chunks(articles: Sequence[Article], *, size: int = PIPE_ARTICLES, chars: int = PIPE_CHARS) -> Iterator[list[int]]:
    """Indices of ``articles`` in runs of at most ``size`` articles and ``chars`` characters (at least one each)."""
    run: list[int] = []
    held = 0
    for k, article in enumerate(articles):
        if run and (len(run) >= size or held + len(article.text) > chars):
            yield run
            run, held = [], 0
        run.append(k)
        held += len(article.text)
    if run:
        yield run


def _alone(article: Article, actors: Sequence[str | Path] | None) -> Outcome:
    try:
        return extract_for_store(article, actors=actors)
    except Exception as exc:  # noqa: BLE001 - the caller records it as this article's failure
        return exc


def extract_reports(articles: Sequence[Article], *, actors: Sequence[str | Path] | None = None) -> list[Outcome]:
    """One Report, or the exception its extraction raised, per article (in order); articles get their store id."""
    for article in articles:
        prepare_article(article)
    outcomes: list[Outcome | None] = [None] * len(articles)
    try:
        nlp = load_pipeline(tuple(Path(p).resolve() for p in actors or ()), ())  # the key extract_article uses
        builder = report_builder(nlp)
    except Exception:  # noqa: BLE001 - an unreadable actors file: every article reports the clear error alone
        return [_alone(article, actors) for article in articles]
    for run in chunks(articles):
        done = 0
        try:
            docs = nlp.pipe((article_doc(nlp, articles[k]) for k in run), batch_size=len(run))
            for k, doc in zip(run, docs):
                done += 1
                try:
                    outcomes[k] = builder.build(doc, articles[k])
                except Exception as exc:  # noqa: BLE001 - a failure of this article's report only
                    outcomes[k] = exc
        except Exception:  # noqa: BLE001 - the batch broke: redo the rest one by one to find the culprit
            for k in run[done:]:
                if outcomes[k] is None:
                    outcomes[k] = _alone(articles[k], actors)
    return [outcome if outcome is not None else RuntimeError("not extracted") for outcome in outcomes]


__all__ = ["extract_reports", "chunks", "PIPE_ARTICLES", "PIPE_CHARS"]
