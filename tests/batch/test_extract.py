"""Extracting a partition's articles together (nlp.pipe) gives what extracting each alone gives."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tidings.api import extract_article
from tidings.batch.extract import chunks, extract_reports
from tidings.model import Article
from tidings.pipeline.relations import RelationFinder
from tidings.readers.text import read_article
from tidings.store.ingest import prepare_article

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [read_article(p) for p in sorted(DEMO.glob("*.txt"))[:6]]


def test_extract_reports_match_one_article_at_a_time(nlp, articles: list[Article]) -> None:
    alone = [extract_article(prepare_article(copy.deepcopy(a))).to_dict() for a in articles]
    together = extract_reports([copy.deepcopy(a) for a in articles])
    assert [r.to_dict() for r in together] == alone
    assert all(r.article.id for r in together)  # the store id, as extract_for_store gives it


def test_extract_reports_isolate_the_article_that_fails(nlp, articles: list[Article], monkeypatch) -> None:
    broken = Article(text="Title\nBOOM: this article makes a component raise.", url="https://x.invalid/boom")
    batch = [copy.deepcopy(articles[0]), broken, copy.deepcopy(articles[1])]
    real = RelationFinder.__call__

    def flaky(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("component exploded")
        return real(self, doc)

    monkeypatch.setattr(RelationFinder, "__call__", flaky)
    first, failed, last = extract_reports(batch)
    assert isinstance(failed, RuntimeError) and "component exploded" in str(failed)
    assert first.to_dict() == extract_article(prepare_article(copy.deepcopy(articles[0]))).to_dict()
    assert last.to_dict() == extract_article(prepare_article(copy.deepcopy(articles[1]))).to_dict()


def test_extract_reports_give_every_article_the_error_of_an_unreadable_actors_file(nlp, articles, tmp_path) -> None:
    bad = tmp_path / "actors.yaml"
    bad.write_bytes(b"\xff\xfe not utf-8")
    outcomes = extract_reports([copy.deepcopy(a) for a in articles[:2]], actors=[bad])
    assert all(type(o).__name__ == "InputError" and "cannot read" in str(o) for o in outcomes)


def test_chunks_cap_articles_and_characters() -> None:
    texts = [Article(text="x" * n) for n in (10, 10, 10, 50, 10, 10)]
    assert list(chunks(texts, size=2, chars=1000)) == [[0, 1], [2, 3], [4, 5]]
    assert list(chunks(texts, size=10, chars=40)) == [[0, 1, 2], [3], [4, 5]]  # one long article still goes alone
