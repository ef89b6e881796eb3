"""The command line: a thin shell over the Python API.

Each command parses its options, calls one API function and prints the
result. A :class:`tidings.errors.TidingsError` becomes one line on stderr and
exit code 2; exit code 1 means a bug (with its traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from tidings.console import make_console
from rich.table import Table

from tidings.errors import InputError, TidingsError
from tidings.model import STATUSES, Report

app = typer.Typer(
    add_completion=False, no_args_is_help=True,
    help="tidings: PLOVER events with actors, places, dates and sources from news about armed conflict.",
)
_out = make_console()


def _say(message: str) -> None:
    """One unwrapped line on stderr: errors and warnings stay greppable."""
    sys.stderr.write(message.rstrip() + "\n")

EXIT_USER_ERROR = 2


def _statuses(value: str | None) -> set[str] | None:
    if not value:
        return None
    wanted = {s.strip() for s in value.split(",") if s.strip()}
    unknown = wanted - set(STATUSES)
    if unknown:
        raise InputError(f"unknown status {', '.join(sorted(unknown))}: choose from {', '.join(STATUSES)}")
    return wanted


def _filter(report: Report, statuses: set[str] | None) -> Report:
    if statuses is not None:
        report.events = [e for e in report.events if e.status in statuses]
    return report


def render_table(report: Report) -> Table:
    """One row per event: type, actor → recipient, where, when, status, according to whom."""
    names = {a.id: a.name for a in report.actors}
    places = {p.id: p.name for p in report.places}
    title = report.article.title or report.article.source_path or report.article.id
    table = Table(title=title, show_lines=False, expand=False)
    for column in ("type", "actor → recipient", "where", "when", "status", "according to", "evidence"):
        table.add_column(column, overflow="fold")
    for event in report.events:
        actors = ", ".join(names.get(a, a) for a in event.actors) or "?"
        recipients = ", ".join(names.get(r, r) for r in event.recipients)
        who = f"{actors} → {recipients}" if recipients else actors
        when = ""
        if event.date is not None:
            when = event.date.start.isoformat() if event.date.start == event.date.end else \
                f"{event.date.start.isoformat()}..{event.date.end.isoformat()}"
            when += f" ({event.date.precision})"
        chain = " → ".join(s.name for s in event.attribution) or "—"
        kind = event.type + (f"/{event.mode}" if event.mode else "")
        table.add_row(kind, who, places.get(event.place or "", ""), when, event.status, chain,
                      f"“{event.trigger.text}”")
    return table


@app.command()
def extract(
    article: str = typer.Argument(..., help="Article file: plain text, HTML, or text with YAML front matter; '-' reads stdin."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD (overrides the file's)."),
    format: str = typer.Option("json", "--format", "-f", help="json or table."),
    actors: list[Path] = typer.Option([], "--actors", help="Your own actor file (YAML or JSONL); overrides built-in actors. Repeatable."),
    verbs: list[Path] = typer.Option([], "--verbs", help="Your own predicate lexicon (JSONL/YAML in the schema of data/predicates.jsonl, or a PETRARCH verb dictionary); its triggers replace built-in ones. Repeatable."),
    status: Optional[str] = typer.Option(None, "--status", help="Keep only events with these statuses, e.g. asserted,reported."),
    force_language: bool = typer.Option(False, "--force-language", help="Extract even an article that does not look like English (else it is refused with the reason)."),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", help="Read at most this many characters (default 200,000 or $TIDINGS_MAX_CHARS; 0: no cap); a cut is reported."),
) -> None:
    """Extract events, actors, places, dates and sources from one article."""
    from tidings.api import extract_file
    from tidings.readers.text import parse_date

    if format not in ("json", "table"):
        raise InputError(f"unknown format {format!r}: use --format json or --format table")
    wanted = _statuses(status)
    if published is not None:
        parse_date(published)
    report = _filter(extract_file(article, published=published, actors=actors, verb_files=verbs,
                                  max_chars=max_chars, force_language=force_language or None), wanted)
    for warning in report.warnings:
        _say(f"warning: {warning}")
    if report.article.published is None:
        _say("warning: the article has no publication date (give --published YYYY-MM-DD); "
             "relative dates are left unresolved")
    if format == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        _out.print(render_table(report))


@app.command()
def demo(
    corpus: Path = typer.Argument(Path("demo/articles"), help="Folder of demo articles."),
    db: Optional[Path] = typer.Option(None, "--db", help="Database file to ingest into (default: a fresh temporary one)."),
    serve: bool = typer.Option(False, "--serve", help="Then serve the web UI on the demo database (see `tidings serve`)."),
    port: int = typer.Option(8000, "--port", help="Port for --serve."),
) -> None:
    """Ingest the demo corpus into a fresh database and print the events, relations and sources."""
    from tidings.store_cli import demo_command

    if serve and db is None:
        import tempfile

        db = Path(tempfile.mkdtemp(prefix="tidings-demo-")) / "demo.duckdb"
    demo_command(corpus, db)
    if serve:
        from tidings.web_cli import serve as serve_web

        serve_web(db, port=port)


@app.command()
def version() -> None:
    """Print the version of tidings."""
    from tidings import __version__

    _out.print(f"tidings {__version__}", markup=False)


def _register_command_groups() -> None:
    """Commands that live in their own modules register themselves here."""
    from tidings import store_cli
    from tidings.evaluate.cli import register as register_evaluate
    from tidings.export_cli import register as register_export
    from tidings.batch_cli import register as register_batch
    from tidings.web_cli import register as register_web

    store_cli.register(app)
    register_evaluate(app)
    register_export(app)
    register_batch(app)
    register_web(app)


_register_command_groups()


def main() -> None:
    """Entry point: run the app, turning user errors into one clear line and exit code 2."""
    try:
        app(standalone_mode=False)
    except TidingsError as exc:
        _say(f"error: {exc}")
        raise SystemExit(EXIT_USER_ERROR) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        _say("aborted")
        raise SystemExit(130) from None
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        import click

        from tidings.store.interrupts import is_interrupt

        if is_interrupt(exc):  # Ctrl-C inside a DuckDB query: what was committed stays committed
            _say("aborted")
            raise SystemExit(130) from None
        if isinstance(exc, click.ClickException):
            exc.show()
            raise SystemExit(EXIT_USER_ERROR) from None
        raise


if __name__ == "__main__":
    main()
