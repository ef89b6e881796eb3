"""The store commands through Typer: formats, read-only SQL, documentation, and the demo with the real model."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from store_builders import E, make_report
from tidings.store import open_store
from tidings.store_cli import COMMANDS, demo_command, register

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "articles"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def noop() -> None:  # a second command keeps Typer in multi-command mode
        """Nothing."""

    return app


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "cli.duckdb"
    with open_store(path) as store:
        store.add_report(make_report("Dec", [
            E("AID", "Hamas treated wounded Sinai Province fighters.", actors=["hamas"], recipients=["sinai_province"],
              day="2016-12-18", place="gaza_strip", status="reported", cited=[("Arab sources", "anonymous", None)]),
        ], outlet="The Jerusalem Post", published="2016-12-19"))
        store.add_report(make_report("Jan", [
            E("ACCUSE", "Sinai Province accused Hamas of betrayal.", actors=["sinai_province"], recipients=["hamas"],
              day="2017-01-05"),
        ], outlet="Al-Monitor", published="2017-01-06"))
    return path


def _run(app, *args: str):
    result = CliRunner().invoke(app, list(args))
    return result


def test_store_cli_events_in_json_csv_and_table(app, db):
    result = _run(app, "events", "--db", str(db), "--actor", "hamas", "--type", "AID", "--since", "2016-01",
                  "--status", "reported", "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["type"] == "AID" and row["actors"] == ["Hamas"] and row["date_start"] == "2016-12-18"
    result = _run(app, "events", "--db", str(db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["type"] for r in rows] == ["AID", "ACCUSE"]
    result = _run(app, "events", "--db", str(db))
    assert result.exit_code == 0 and "ACCUSE" in result.stdout


@pytest.mark.parametrize("args, expected", [
    (("actors", "--format", "json"), "sinai_province"),
    (("relations", "hamas", "--format", "json"), "sinai_province"),
    (("timeline", "hamas", "sinai_province", "--format", "json"), "2017-01-01"),
    (("sql", "SELECT count(*) AS n FROM events", "--format", "json"), '"n": 2'),
])
def test_store_cli_query_commands(app, db, args, expected):
    result = _run(app, args[0], "--db", str(db), *args[1:])
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


def test_store_cli_sql_refuses_writes_and_keeps_the_data(app, db):
    result = _run(app, "sql", "--db", str(db), "DELETE FROM events")
    assert result.exit_code != 0
    assert "read-only" in str(result.exception)
    with open_store(db, read_only=True) as store:
        assert store.count("events") == 2


def test_store_cli_missing_database_is_a_clear_error(app, tmp_path):
    result = _run(app, "events", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code != 0 and "tidings ingest" in str(result.exception)


def test_store_cli_every_command_is_documented():
    doc = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"tidings {name}" in doc, name


@pytest.mark.e2e
def test_store_cli_ingest_and_demo_with_the_real_model(app, tmp_path, capsys):
    db = tmp_path / "demo.duckdb"
    demo_command(DEMO, db)
    out = capsys.readouterr().out
    assert "Events by type" in out and "Gaza–Sinai" in out and "Strongest relations" in out
    with open_store(db, read_only=True) as store:
        assert store.count("articles") == len(list(DEMO.glob("*.txt")))
        spans = {r["n"]: r["events"] for r in store.query(
            """SELECT regexp_extract(a.origin, '/(\\d\\d)-', 1) AS n, list(DISTINCT r.event_id) AS events
               FROM event_reports r JOIN articles a ON a.id = r.article_id
               WHERE r.type = 'ASSAULT' AND r.status_group = 'realis' AND r.precision = 'day' GROUP BY 1""")}
    # pair A (02/03) and pair B (05/06) share an event; the Lido bombing (04) shares none with the siege
    assert set(spans["02"]) & set(spans["03"])
    assert set(spans["05"]) & set(spans["06"])
    assert not set(spans.get("04", [])) & (set(spans["02"]) | set(spans["03"]))
    again = _run(app, "ingest", str(DEMO), "--db", str(db), "--quiet", "--format", "json")
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout)[0]
    assert summary["added"] == 0 and summary["duplicates"] == len(list(DEMO.glob("*.txt")))


def test_store_cli_events_include_parts(app, tmp_path):
    path = tmp_path / "parts.duckdb"
    with open_store(path) as store:
        store.add_report(make_report("Wing", [
            E("ASSAULT", "The Qassam Brigades fired rockets at Israel.", actors=["izz_ad_din_al_qassam_brigades"],
              recipients=["israel"], day="2016-12-18"),
        ], published="2016-12-19"))
    exact = _run(app, "events", "--db", str(path), "--actor", "hamas", "--format", "json")
    parts = _run(app, "events", "--db", str(path), "--actor", "hamas", "--include-parts", "--format", "json")
    assert exact.exit_code == 0 and parts.exit_code == 0, exact.output + parts.output
    assert json.loads(exact.stdout) == [] and len(json.loads(parts.stdout)) == 1
