"""Store fixtures: an in-memory store and a file store, both with fixed type scores."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# With --import-mode=importlib test folders are not on sys.path; the builders live next to this file.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_builders import score  # noqa: E402
from tidings.store import Store, open_store  # noqa: E402


@pytest.fixture
def store() -> Iterator[Store]:
    """An in-memory store with fixed type scores."""
    with open_store(None, score=score) as opened:
        yield opened


@pytest.fixture
def file_store(tmp_path) -> Iterator[Store]:
    with open_store(tmp_path / "t.duckdb", score=score) as opened:
        yield opened
