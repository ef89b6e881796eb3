from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

import tidings.evaluate as evaluate_pkg
from tidings.evaluate.cli import register
from tidings.evaluate.metrics import EvalResult


def test_eval_cli_prints_table_and_writes_json(tmp_path, monkeypatch):
    result = EvalResult("plover-gsr", "g", records=2)
    result.score("actor").add(tp=1, fn=1)
    result.miss("r1", "actor", "no actor", "Hamas", None, "Hamas fired rockets.")
    monkeypatch.setattr(evaluate_pkg, "evaluate", lambda dataset, gold, limit=None: result)
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command keeps typer from collapsing the app to one command
        pass

    out = tmp_path / "r.json"
    run = CliRunner().invoke(app, ["evaluate", "plover-gsr", "--gold", str(tmp_path), "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert "actor" in run.output and "Hamas" in run.output
    assert json.loads(out.read_text())["scores"]["actor"]["recall"] == 0.5
