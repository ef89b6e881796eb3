"""The demo corpus ingested once per session with the real model: what every export test reads."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "articles"


@pytest.fixture(scope="session")
def demo_db(nlp, tmp_path_factory) -> Path:
    from tidings.store import ingest, open_store

    path = tmp_path_factory.mktemp("export") / "demo.duckdb"
    with open_store(path) as store:
        summary = ingest(store, [DEMO])
    assert summary.added == len(list(DEMO.glob("*.txt"))) and not summary.failed
    return path


@pytest.fixture
def demo_store(demo_db):
    from tidings.store import open_store

    with open_store(demo_db, read_only=True) as store:
        yield store
