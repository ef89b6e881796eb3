"""`tidings export` and `tidings import` through the real entry point's Typer app."""

from __future__ import annotations

import csv
import io

from typer.testing import CliRunner

from tidings.cli import app
from tidings.export.acled import COLUMNS


def test_export_cli_writes_csv_to_stdout(demo_db):
    result = CliRunner().invoke(app, ["export", "acled", "--db", str(demo_db), "--actor", "hamas"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and tuple(rows[0]) == COLUMNS


def test_export_cli_parquet_needs_a_folder(demo_db):
    result = CliRunner().invoke(app, ["export", "parquet", "--db", str(demo_db)])
    assert result.exit_code != 0


def test_export_cli_import_restores_events(demo_db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "e.plover.jsonl"
    assert runner.invoke(app, ["export", "plover", "--db", str(demo_db), "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["import", str(out), "--db", str(tmp_path / "copy.duckdb")])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["events", "--db", str(tmp_path / "copy.duckdb"), "--actor", "hamas", "--format", "csv"])
    assert listed.exit_code == 0 and "Sinai Province" in listed.stdout
