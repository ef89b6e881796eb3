"""The command line as a user runs it: a real subprocess, real files, exit codes and messages."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "demo" / "articles" / "01-hamas-sinai-province.txt"


def tidings(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=300)


def test_cli_extract_prints_the_json_contract() -> None:
    result = tidings("extract", str(ARTICLE))
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["schema"] == "tidings/1" and data["events"]


def test_cli_extract_table_and_status_filter() -> None:
    result = tidings("extract", str(ARTICLE), "--format", "table", "--status", "reported")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "reported" in out and "asserted" not in out


def test_cli_extract_reads_stdin_and_warns_without_a_date() -> None:
    result = tidings("extract", "-", stdin=b"Hezbollah fired rockets at Israel on Sunday.")
    assert result.returncode == 0
    assert "no publication date" in result.stderr.decode()
    times = json.loads(result.stdout)["times"]
    assert times and times[0]["value"] is None and times[0]["reason"]


@pytest.mark.parametrize(
    "args, content, message",
    [
        (["extract", "{missing}"], None, "no article at"),
        (["extract", "{path}"], b"", "holds no text"),
        (["extract", "{path}"], b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not an article"),
        (["extract", "{path}", "--published", "19/12/2016"], b"Title\nHamas fired rockets.", "YYYY-MM-DD"),
        (["extract", "{path}", "--format", "xml"], b"Title\nHamas fired rockets.", "unknown format"),
        (["extract", "{path}", "--status", "rumoured"], b"Title\nHamas fired rockets.", "unknown status"),
    ],
)
def test_cli_user_errors_exit_2_with_one_clear_line(tmp_path: Path, args, content, message) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    argv = [a.format(path=path, missing=tmp_path / "missing.txt") for a in args]
    result = tidings(*argv)
    assert result.returncode == 2
    err = result.stderr.decode().strip()
    assert message in err and "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_cli_non_utf8_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Clashes in Tripoli\nFighters shelled the caf\u00e9 district on Sunday.".encode("latin-1"))
    result = tidings("extract", str(path), "--published", "2019-04-08")
    assert result.returncode == 0
    assert "not valid UTF-8" in result.stderr.decode()


def test_cli_every_command_is_documented_in_the_readme() -> None:
    from tidings.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups if g.name]
    assert names
    for name in names:
        assert re.search(rf"`tidings {re.escape(name)}\b", readme), f"tidings {name} is not in README.md"
