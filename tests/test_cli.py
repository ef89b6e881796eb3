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


# -- every user mistake: one line, no traceback, the documented exit code ----------------------------

FRENCH = ("Le gouvernement a annoncé mardi que les forces armées avaient lancé une opération contre les groupes "
          "armés dans le nord du pays, selon un communiqué publié par le ministère de la Défense. Les combats ont "
          "fait au moins douze morts parmi les civils, a indiqué une source locale à l'agence, qui a demandé à ne "
          "pas être nommée. Les habitants ont fui vers les villages voisins pendant la nuit.")
EXIT_CODES = {0: "success", 1: "a bug", 2: "a user error", 130: "interrupted"}
MISTAKES = [
    # (argv, what the one line must say); {art} {db} {newer} {notdb} {tmp} are filled in below
    (["extract", "{tmp}/missing.txt"], "no article at"),
    (["extract", "{tmp}"], "no article at"),
    (["extract", "{art}", "--published", "notadate"], "YYYY-MM-DD"),
    (["extract", "{art}", "--published", "2016-02-30"], "YYYY-MM-DD"),
    (["events", "--db", "{db}", "--since", "2016-13"], "YYYY, YYYY-MM or YYYY-MM-DD"),
    (["export", "plover", "--db", "{db}", "--until", "yesterday"], "YYYY, YYYY-MM or YYYY-MM-DD"),
    (["extract", "{art}", "--format", "xml"], "unknown format"),
    (["events", "--db", "{db}", "--format", "xml"], "unknown format"),
    (["export", "xml", "--db", "{db}"], "unknown export format"),
    (["extract", "{art}", "--actors", "{tmp}/fields.yaml"], "'colour' was unexpected"),
    (["extract", "{art}", "--actors", "{tmp}/fields.jsonl"], "'bogus' was unexpected"),
    (["extract", "{art}", "--actors", "{tmp}/actors.csv"], "use a .yaml, .yml or .jsonl file"),
    (["extract", "{art}", "--actors", "{tmp}/binary.yaml"], "cannot read the file"),
    (["extract", "{art}", "--actors", "{tmp}/broken.yaml"], "is not valid YAML"),
    (["extract", "{art}", "--actors", "{tmp}/missing.yaml"], "no actor file at"),
    (["events", "--db", "{newer}"], "written by a newer tidings"),
    (["events", "--db", "{notdb}"], "not a tidings database"),
    (["events", "--db", "{tmp}/none.duckdb"], "no database at"),
    (["ingest", "{art}", "--db", "{tmp}"], "is a folder"),
    (["sql", "SELECT * FROM read_csv('{tmp}/actors.csv')", "--db", "{db}"], "disabled by configuration"),
    (["sql", "SELECT * FROM glob('/etc/*')", "--db", "{db}"], "disabled by configuration"),
    (["sql", "ATTACH '{tmp}/other.duckdb' AS other", "--db", "{db}"], "only read-only queries"),
    (["sql", "CREATE TABLE t AS SELECT 1", "--db", "{db}"], "only read-only queries"),
    (["sql", "COPY articles TO '{tmp}/out.csv'", "--db", "{db}"], "only read-only queries"),
    (["sql", "SELECT 1; DELETE FROM articles", "--db", "{db}"], "exactly one statement"),
    (["ingest", "{tmp}/nothere", "--db", "{tmp}/new.duckdb"], "no file or folder at"),
    (["ingest", "{art}", "--db", "{tmp}/new.duckdb", "--max-chars", "-5"], "--max-chars -5 is negative"),
    (["extract", "{tmp}/french.txt"], "pass --force-language"),
]


@pytest.fixture(scope="module")
def mistakes_dir(tmp_path_factory) -> dict[str, str]:
    from tidings.store import open_store

    tmp = tmp_path_factory.mktemp("mistakes")
    (tmp / "article.txt").write_text("Clashes in Gaza\nHamas fired rockets at Israel on Sunday.\n", encoding="utf-8")
    (tmp / "french.txt").write_text("Combats dans le nord\n" + FRENCH + "\n", encoding="utf-8")
    (tmp / "fields.yaml").write_text("actors:\n  - id: foo\n    name: Foo\n    colour: red\n", encoding="utf-8")
    (tmp / "fields.jsonl").write_text('{"id": "x", "name": "X", "bogus": 1}\n', encoding="utf-8")
    (tmp / "actors.csv").write_text("id,name\nfoo,Foo\n", encoding="utf-8")
    (tmp / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    (tmp / "broken.yaml").write_text("actors: [unclosed\n  - x: {\n", encoding="utf-8")
    (tmp / "notdb.duckdb").write_text("this is not a database\n" * 200, encoding="utf-8")
    with open_store(tmp / "store.duckdb"):
        pass
    with open_store(tmp / "newer.duckdb") as store:
        store.con.execute("INSERT INTO migrations (version, name) VALUES (999, 'from_the_future')")
    return {"tmp": str(tmp), "art": str(tmp / "article.txt"), "db": str(tmp / "store.duckdb"),
            "newer": str(tmp / "newer.duckdb"), "notdb": str(tmp / "notdb.duckdb")}


@pytest.mark.parametrize("argv, says", MISTAKES, ids=[" ".join(a[:2]) + f" ({s[:24]})" for a, s in MISTAKES])
def test_cli_every_user_mistake_is_one_line_and_exit_2(argv, says, mistakes_dir, tidings_main) -> None:
    code, _, err = tidings_main([a.format(**mistakes_dir) for a in argv])
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and says in lines[0], lines[0]
    assert "Traceback" not in err


def test_cli_force_language_extracts_a_foreign_article(mistakes_dir, tidings_main) -> None:
    code, _, err = tidings_main(["extract", f"{mistakes_dir['tmp']}/french.txt", "--force-language"])
    assert code == 0, err


def test_cli_exit_codes_in_the_readme_are_the_documented_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("Exit codes:", 1)[1].split("\n\n", 2)[1]
    rows = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", table, flags=re.MULTILINE))
    assert {int(code) for code in rows} == set(EXIT_CODES)
    for code, meaning in EXIT_CODES.items():
        assert rows[str(code)].startswith(meaning), rows[str(code)]
    reliability = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    for code in EXIT_CODES:
        assert f"| {code} |" in reliability


def test_cli_ctrl_c_inside_a_database_query_exits_130_with_one_line(tmp_path: Path, monkeypatch, tidings_main) -> None:
    import importlib

    ingest_module = importlib.import_module("tidings.store.ingest")  # the package re-exports a function of that name

    def interrupted(*args, **kwargs):
        raise RuntimeError("Query interrupted")  # what DuckDB raises when Ctrl-C lands mid-query

    monkeypatch.setattr(ingest_module, "_finish_run", interrupted)
    article = tmp_path / "a.txt"
    article.write_text("Rebels attacked a convoy near Goma on Sunday.", encoding="utf-8")
    code, _, err = tidings_main(["ingest", str(article), "--db", str(tmp_path / "db.duckdb"), "--quiet"])
    assert code == 130 and err.strip().splitlines()[-1] == "aborted", err
