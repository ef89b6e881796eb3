"""A restarted batch run reuses a split only when the reading limits are the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.batch.partition import BatchError, prepare, read_partition, settings


def test_partition_settings_record_reading_limits(tmp_path: Path) -> None:
    wanted = settings([tmp_path], batch_size=10, max_chars=100, actors=None, article_max_chars=5_000,
                      force_language=True)
    assert wanted["article_max_chars"] == 5_000
    assert wanted["force_language"] is True


def test_partition_restart_with_other_language_setting_refuses(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Rebels attacked an army post near the border on Monday, officials said.\n",
                                  encoding="utf-8")
    out = tmp_path / "out"
    prepare([corpus], out, batch_size=10)
    with pytest.raises(BatchError):
        prepare([corpus], out, batch_size=10, force_language=True)


def test_partition_split_applies_the_article_cap(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Rebels attacked an army post near the border on Monday. " * 40, encoding="utf-8")
    plan, _ = prepare([corpus], tmp_path / "out", batch_size=10, article_max_chars=300)
    rows = list(read_partition(tmp_path / "out", 0))
    assert plan.articles == 1 and len(rows[0]["text"]) <= 300
