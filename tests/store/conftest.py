"""Store fixtures: an in-memory store and a file store, both with fixed type scores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from store_builders import score
from tidings.store import Store, open_store


@pytest.fixture
def store() -> Iterator[Store]:
    """An in-memory store with fixed type scores."""
    with open_store(None, score=score) as opened:
        yield opened


@pytest.fixture
def file_store(tmp_path) -> Iterator[Store]:
    with open_store(tmp_path / "t.duckdb", score=score) as opened:
        yield opened
