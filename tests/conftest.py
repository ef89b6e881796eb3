"""Shared fixtures: the real pipeline is built once per test session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tidings.model import Report

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "articles"


@pytest.fixture(scope="session")
def nlp():
    from tidings.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def run(nlp) -> Callable[..., Report]:
    """Extract a Report from a hand-written text with the real model."""
    from tidings import extract

    def _run(text: str, published: str | date | None = "2016-12-19", **options) -> Report:
        return extract(text, published=published, **options)

    return _run


def actor_ids(report: Report) -> set[str]:
    return {a.id for a in report.actors}


def events_of(report: Report, event_type: str) -> list:
    return [e for e in report.events if e.type == event_type]


@pytest.fixture
def tidings_main(capsys) -> Callable[[list[str]], tuple[int, str, str]]:
    """The real entry point (`tidings …`) in this process: its exit code, stdout and stderr."""
    import sys

    from tidings.cli import main

    def _main(argv: list[str]) -> tuple[int, str, str]:
        saved = sys.argv
        sys.argv = ["tidings", *argv]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        finally:
            sys.argv = saved
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _main
