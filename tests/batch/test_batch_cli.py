"""`tidings batch` and `tidings load` through the CLI, in this process (--workers 0)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tidings.batch.synthetic import write_corpus
from tidings.cli import app
from tidings.store import open_store


def test_batch_cli_runs_then_loads_and_resumes(nlp, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "news.jsonl", 12)
    out, db = tmp_path / "out", tmp_path / "batch.duckdb"
    result = CliRunner().invoke(app, ["batch", str(corpus), "--out", str(out), "--workers", "0", "--batch-size", "5",
                                      "--db", str(db), "--json", "--quiet"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["batch"]["extracted"] == 12 and summary["batch"]["partitions"] == 3
    assert summary["load"]["added"] == 12
    with open_store(db, read_only=True) as store:
        assert store.count("articles") == 12 and store.count("events") > 0

    again = CliRunner().invoke(app, ["batch", str(corpus), "--out", str(out), "--workers", "0", "--batch-size", "5",
                                     "--json", "--quiet"])
    assert again.exit_code == 0 and json.loads(again.stdout)["batch"]["resumed"] == 3

    loaded = CliRunner().invoke(app, ["load", str(out), "--db", str(db), "--quiet"])
    assert loaded.exit_code == 0 and "0 articles added, 12 already there" in loaded.output


def test_batch_cli_other_settings_is_a_user_error(nlp, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "news.jsonl", 4)
    out = tmp_path / "out"
    first = CliRunner().invoke(app, ["batch", str(corpus), "--out", str(out), "--workers", "0", "--quiet"])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(app, ["batch", str(corpus), "--out", str(out), "--workers", "0", "--batch-size", "2",
                                      "--quiet"])
    assert second.exit_code != 0
    assert "other inputs or settings" in str(second.exception) + second.output
