"""The store's commands: ingest, events, actors, relations, timeline, sql (and the demo's body).

``register(app)`` adds them to the main Typer app. Each command opens the
database, calls one function of :mod:`tidings.store`, and prints rows as a
table, JSON or CSV; errors are :class:`tidings.errors.TidingsError` and the
main entry point turns them into one line.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, Optional

import typer
from tidings.console import make_console
from rich.table import Table

from tidings.errors import InputError

DEFAULT_DB = "tidings.duckdb"
FORMATS = ("table", "json", "csv")

_out = make_console()
_err = make_console(stderr=True)


def default_db() -> Path:
    """``$TIDINGS_DB`` or ./tidings.duckdb."""
    return Path(os.environ.get("TIDINGS_DB", DEFAULT_DB))


_DB = typer.Option(None, "--db", help="Database file (default: $TIDINGS_DB or ./tidings.duckdb).")
_FORMAT = typer.Option("table", "--format", "-f", help="table, json or csv.")

# The event filters, shared by `tidings events` and `tidings export` (one definition each).
ACTOR = typer.Option(None, "--actor", help="Actor id or name, e.g. hamas.")
INCLUDE_PARTS = typer.Option(False, "--include-parts", help="--actor also matches its parts (hamas: the Qassam Brigades).")
TYPE = typer.Option(None, "--type", help="PLOVER type(s), e.g. AID or ASSAULT,COERCE.")
SINCE = typer.Option(None, "--since", help="YYYY, YYYY-MM or YYYY-MM-DD.")
UNTIL = typer.Option(None, "--until", help="YYYY, YYYY-MM or YYYY-MM-DD.")
STATUS = typer.Option(None, "--status", help="Status(es) any report has, e.g. reported.")
ARTICLE = typer.Option(None, "--article", help="Only events reported by this article (id, url or path).")
DB = _DB

# What a corpus walk reads: shared by `tidings ingest` and `tidings batch`.
FORCE_LANGUAGE = typer.Option(False, "--force-language",
                              help="Read articles that do not look like English too (else they are skipped, with the reason).")
MAX_CHARS = typer.Option(None, "--max-chars", help="Read at most this many characters of each article "
                         "(default 200,000 or $TIDINGS_MAX_CHARS; 0: no cap); cuts are reported.")


# -- output ------------------------------------------------------------------------------------


def _cell(value: Any, *, sep: str = ", ") -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return sep.join(_cell(v) for v in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def emit(rows: Sequence[dict[str, Any]], *, format: str, title: str | None = None) -> None:
    """Print rows in the chosen format; the same rows whatever the format."""
    if format == "json":
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2, default=_json_default) + "\n")
    elif format == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v, sep="; ") for k, v in row.items()})
    else:
        _out.print(table(rows, title=title))


def table(rows: Sequence[dict[str, Any]], *, title: str | None = None) -> Table:
    out = Table(title=title, show_lines=False)
    if not rows:
        out.add_column("(no rows)")
        return out
    for name in rows[0]:
        out.add_column(name, overflow="fold")
    for row in rows:
        out.add_row(*(_cell(v) for v in row.values()), )
    return out


def when(start: date | None, end: date | None, precision: str | None) -> str:
    """A date as precise as it is known: 2016-12-18, 2016-12, 2016, or a range."""
    if start is None:
        return ""
    if precision == "month":
        return start.strftime("%Y-%m")
    if precision == "year":
        return str(start.year)
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()}..{end.isoformat()}"


def _trim(text: str | None, size: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def compact_events(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The columns of an event that fit a terminal; JSON and CSV keep them all."""
    out = []
    for row in rows:
        who = ", ".join(row["actors"] or []) or "?"
        if row["recipients"]:
            who += " → " + ", ".join(row["recipients"])
        out.append({"id": row["id"], "type": row["type"], "who": who,
                    "when": when(row["date_start"], row["date_end"], row["precision"]),
                    "where": row["place"] or "", "status": row["status"],
                    "reports/articles/sources": f"{row['reports']}/{row['articles']}/{row['sources']}",
                    "evidence": _trim(row["evidence"])})
    return out


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r}: use --format table, json or csv")


def _open_read(db: Path | None):
    """The store for one read command: read-only, waiting a little while a writer holds the file."""
    from tidings.store import open_store

    return open_store(db or default_db(), read_only=True)


def _seal(store) -> None:
    """No file access from a user's SQL: no read_csv, glob, ATTACH or COPY, and no way to turn it back on."""
    store.con.execute("SET enable_external_access = false")
    store.con.execute("SET lock_configuration = true")


# -- ingest ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Problem:
    """An item of the corpus that was skipped, failed, or cut: what the end summary lists, by kind."""

    origin: str
    kind: str
    outcome: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"origin": self.origin, "kind": self.kind, "outcome": self.outcome, "reason": self.reason}


def run_ingest(paths: Sequence[Path], db: Path, *, actors: Sequence[Path] = (), quiet: bool = False,
               force_language: bool | None = None, max_chars: int | None = None):
    """Ingest with a progress bar; the summary of the run."""
    return ingest_with_problems(paths, db, actors=actors, quiet=quiet, force_language=force_language,
                                max_chars=max_chars)[0]


def ingest_with_problems(paths: Sequence[Path], db: Path, *, actors: Sequence[Path] = (), quiet: bool = False,
                         force_language: bool | None = None, max_chars: int | None = None):
    """Ingest with a progress bar; the summary of the run and every item skipped, failed or truncated."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from tidings.readers.corpus import NOT_ARTICLE, corpus_files, iter_file
    from tidings.readers.limits import truncation
    from tidings.store import extract_for_store, ingest_items, open_store

    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise InputError(f"no file or folder at {', '.join(map(repr, missing))}: check the path")
    files = corpus_files(paths)
    if not files:
        raise InputError(f"nothing to ingest in {', '.join(map(str, paths))}: give files or folders of articles")
    if max_chars is not None and max_chars < 0:
        raise InputError(f"--max-chars {max_chars} is negative: give a number of characters, or 0 for no cap")
    counts = {"added": 0, "duplicate": 0, "failed": 0, "skipped": 0}
    problems: list[Problem] = []
    kinds: dict[str, str] = {}
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("files"), TimeElapsedColumn(), console=_err, disable=quiet, transient=False)

    def describe() -> str:
        return (f"{counts['added']} added, {counts['duplicate']} duplicates, {counts['failed']} failed")

    with open_store(db) as store, progress:
        task = progress.add_task(describe(), total=len(files))

        def items() -> Iterator:
            for path in files:
                yield from iter_file(path, force_language=force_language, max_chars=max_chars)
                progress.advance(task)

        def seen(item, outcome: str) -> None:
            counts[outcome] = counts.get(outcome, 0) + 1
            progress.update(task, description=describe())
            if outcome == "skipped":
                problems.append(Problem(item.origin, item.kind or NOT_ARTICLE, outcome, item.skipped or ""))
            elif outcome == "failed":
                kinds[item.origin] = item.kind or "extraction failed"
            elif outcome == "added" and item.article is not None:
                cut = truncation(item.article.warnings)
                if cut:
                    problems.append(Problem(item.origin, "truncated", outcome, cut))

        extract = partial(extract_for_store, actors=list(actors)) if actors else extract_for_store
        summary = ingest_items(store, items(), extract=extract, on_item=seen)
    problems += [Problem(origin, kinds.get(origin, "extraction failed"), "failed", error)
                 for origin, error in summary.failed]
    return summary, problems


SHOWN_PER_KIND = 10


def _print_summary(summary, db: Path, *, format: str, problems: Sequence[Problem] = ()) -> None:
    data = summary.to_dict()
    if format != "table":
        by_kind = _group(problems)
        emit([{**data, "problems": [p.to_dict() for p in problems], "db": str(db)}] if format == "json" else
             [{k: v for k, v in data.items() if k != "failed"} | {"failed": len(summary.failed)} |
              {f"{kind} ({group[0].outcome})": len(group) for kind, group in by_kind.items()}], format=format)
        return
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    _out.print(
        f"{summary.read} articles read: {summary.added} added, {summary.duplicates} duplicates skipped, "
        f"{len(summary.failed)} failed, {summary.skipped} records that are not articles; "
        f"{summary.events_new} new events, {summary.events_merged} reports merged into known events, "
        f"{summary.actors_new} new actors ({summary.seconds:.1f} s, {rate:.1f} articles/s) → {db}",
        markup=False, highlight=False,
    )
    if problems:
        _print_problems(problems, db)
    else:
        for origin, error in summary.failed[:20]:
            _err.print(f"failed: {origin}: {error}", markup=False, highlight=False)


def _group(problems: Sequence[Problem]) -> dict[str, list[Problem]]:
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(f"{problem.kind}", []).append(problem)
    return groups


_OUTCOME = {"skipped": "skipped", "failed": "failed", "added": "added but cut at the length cap"}


def _print_problems(problems: Sequence[Problem], db: Path) -> None:
    """Skips, failures and cuts by kind, ten of each with where they were and why: nothing silent."""
    for kind, group in _group(problems).items():
        _err.print(f"{kind}: {len(group)} {_OUTCOME.get(group[0].outcome, group[0].outcome)}",
                   markup=False, highlight=False)
        for problem in group[:SHOWN_PER_KIND]:
            _err.print(f"  {problem.origin}: {problem.reason}", markup=False, highlight=False)
        if len(group) > SHOWN_PER_KIND:
            more = len(group) - SHOWN_PER_KIND
            hint = (f": tidings sql \"SELECT * FROM failures\" --db {db}" if group[0].outcome == "failed"
                    else " (--format json lists them all)")
            _err.print(f"  … and {more} more{hint}", markup=False, highlight=False)


# -- commands ----------------------------------------------------------------------------------


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders: .txt/.html, .jsonl/.csv/.tsv, .rss/.atom/.xml, .warc(.gz)."),
    db: Optional[Path] = _DB,
    actors: list[Path] = typer.Option([], "--actors", help="Your own actor file (YAML or JSONL). Repeatable."),
    format: str = _FORMAT,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    force_language: bool = FORCE_LANGUAGE,
    max_chars: Optional[int] = MAX_CHARS,
) -> None:
    """Read articles into the database: duplicates are skipped, failures recorded, events merged.

    The end summary lists what was skipped or failed, by reason (not English, empty, malformed rows with
    their line numbers, …), and the articles cut at the length cap.
    """
    _check_format(format)
    target = db or default_db()
    summary, problems = ingest_with_problems(paths, target, actors=actors, quiet=quiet,
                                             force_language=force_language or None, max_chars=max_chars)
    _print_summary(summary, target, format=format, problems=problems)


def events(
    actor: Optional[str] = ACTOR,
    type: Optional[str] = TYPE,
    since: Optional[str] = SINCE,
    until: Optional[str] = UNTIL,
    status: Optional[str] = STATUS,
    article: Optional[str] = ARTICLE,
    include_parts: bool = INCLUDE_PARTS,
    limit: int = typer.Option(100, "--limit", help="At most this many rows."),
    db: Optional[Path] = _DB,
    format: str = _FORMAT,
) -> None:
    """Events merged across articles, with how many reports, articles and independent sources."""
    from tidings.store import queries

    _check_format(format)
    with _open_read(db) as store:
        rows = queries.events(store, actor=actor, type=type, since=since, until=until, status=status,
                              article=article, limit=limit, include_parts=include_parts)
    emit(compact_events(rows) if format == "table" else rows, format=format, title="events")


def actors(
    limit: int = typer.Option(100, "--limit", help="At most this many rows."),
    db: Optional[Path] = _DB,
    format: str = _FORMAT,
) -> None:
    """Actors by number of events, with first and last seen."""
    from tidings.store import queries

    _check_format(format)
    with _open_read(db) as store:
        emit(queries.actors(store, limit=limit), format=format, title="actors")


def relations(
    actor: Optional[str] = typer.Argument(None, help="Only pairs with this actor (id or name)."),
    limit: int = typer.Option(50, "--limit", help="At most this many rows."),
    db: Optional[Path] = _DB,
    format: str = _FORMAT,
) -> None:
    """Pairs of actors: events between them, cooperation-hostility score, first/last seen, structural ties."""
    from tidings.store import queries

    _check_format(format)
    with _open_read(db) as store:
        emit(queries.relations(store, actor, limit=limit), format=format, title="relations")


def timeline(
    actor_a: str = typer.Argument(..., help="One actor (id or name)."),
    actor_b: str = typer.Argument(..., help="The other actor."),
    db: Optional[Path] = _DB,
    format: str = _FORMAT,
) -> None:
    """Month by month: events between two actors, their PLOVER score, and the evidence."""
    from tidings.store import queries

    _check_format(format)
    with _open_read(db) as store:
        emit(queries.timeline(store, actor_a, actor_b), format=format, title=f"{actor_a} – {actor_b}")


def sql(
    query: str = typer.Argument(..., help="One read-only statement, e.g. \"SELECT type, count(*) FROM events GROUP BY 1\"."),
    db: Optional[Path] = _DB,
    format: str = _FORMAT,
) -> None:
    """Run a read-only SQL query (SELECT, SHOW, DESCRIBE, EXPLAIN) on the database; no file access."""
    from tidings.store import queries

    _check_format(format)
    with _open_read(db) as store:
        _seal(store)
        emit(queries.sql(store, query), format=format)


COMMANDS = {"ingest": ingest, "events": events, "actors": actors, "relations": relations, "timeline": timeline,
            "sql": sql}


def register(app: typer.Typer) -> None:
    """Add the store commands to the main app."""
    from tidings.actors_cli import actors_group

    for name, command in COMMANDS.items():
        if name == "actors":  # a group: the listing without a subcommand, plus search and show
            app.add_typer(actors_group(command), name=name)
        else:
            app.command(name=name)(command)


# -- demo --------------------------------------------------------------------------------------

GAZA_SINAI = "01-hamas-sinai-province"


def demo_command(corpus: Path, db: Path | None) -> None:
    """Ingest the demo corpus into a fresh database and print what an analyst looks at first."""
    from tidings.store import open_store, queries

    if not corpus.is_dir():
        raise InputError(f"no demo corpus at {str(corpus)!r}: run this from the tidings checkout, or pass the folder")
    if db is None:
        db = Path(tempfile.mkdtemp(prefix="tidings-demo-")) / "demo.duckdb"
    summary, problems = ingest_with_problems([corpus], db)
    _print_summary(summary, db, format="table", problems=problems)
    with open_store(db, read_only=True) as store:
        _out.print(table(queries.event_counts(store), title="Events by type"))
        multi = queries.events(store, min_articles=2, limit=20)
        _out.print(table(compact_events(multi), title="Events reported by more than one article"))
        strongest = [r for r in queries.relations(store, limit=10) if r["events"]]
        _out.print(table([{k: r[k] for k in ("a", "b", "events", "score", "cooperation", "hostility", "first_seen",
                                                "last_seen", "types")} for r in strongest],
                         title="Strongest relations (sum of PLOVER scores)"))
        story = queries.events(store, article=GAZA_SINAI, limit=None)
        rows = []
        for event in story:
            for source in queries.event_sources(store, event["id"]):
                who = ", ".join(event["actors"] or []) or "?"
                if event["recipients"]:
                    who += " → " + ", ".join(event["recipients"])
                rows.append({"type": event["type"], "who": who,
                             "when": when(event["date_start"], event["date_end"], event["precision"]),
                             "status": source["status"], "according to": source["chain"],
                             "evidence": _trim(source["evidence"], 90)})
        _out.print(table(rows, title="The Gaza–Sinai story: events and their sources"))
    _out.print(f"Database: {db}  (try: tidings events --db {db} --actor hamas)", markup=False, highlight=False)


__all__ = ["register", "demo_command", "run_ingest", "ingest_with_problems", "Problem", "emit", "default_db", "COMMANDS",
           "ACTOR", "INCLUDE_PARTS", "TYPE", "SINCE", "UNTIL", "STATUS", "ARTICLE", "DB", "FORCE_LANGUAGE", "MAX_CHARS"]
