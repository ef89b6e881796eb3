"""``tidings export FORMAT`` and ``tidings import FILE``: a thin shell over :mod:`tidings.export`.

``register(app)`` adds both commands. Without ``-o`` a file format is written
to stdout (through a temporary file: the GraphML/GEXF writers want a path);
the Parquet folder needs ``-o``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer

from tidings.errors import InputError
from tidings.store_cli import ACTOR, ARTICLE, DB, INCLUDE_PARTS, SINCE, STATUS, TYPE, UNTIL, default_db


def _say(message: str) -> None:
    sys.stderr.write(message.rstrip() + "\n")


def export(
    format: str = typer.Argument(..., help="plover, acled, polecat, parquet, graphml, gexf or stix."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File (or folder, for parquet); default stdout."),
    actor: Optional[str] = ACTOR,
    include_parts: bool = INCLUDE_PARTS,
    type: Optional[str] = TYPE,
    since: Optional[str] = SINCE,
    until: Optional[str] = UNTIL,
    status: Optional[str] = STATUS,
    article: Optional[str] = ARTICLE,
    min_articles: int = typer.Option(1, "--min-articles", help="Only events told by at least this many articles."),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many events (default: all)."),
    db: Optional[Path] = DB,
) -> None:
    """Export events (filtered as in `tidings events`) as PLOVER JSONL, ACLED/POLECAT CSV, Parquet, GraphML, GEXF or STIX 2.1."""
    from tidings.export import Filters, get_format
    from tidings.export import export as run
    from tidings.store import open_store

    fmt = get_format(format)
    if output is None and fmt.directory:
        raise InputError(f"{fmt.name} writes a folder of files: give one with -o FOLDER")
    filters = Filters(actor=actor, type=type, since=since, until=until, status=status, article=article,
                      min_articles=min_articles, limit=limit, include_parts=include_parts)
    with open_store(db or default_db(), read_only=True) as store:
        if output is not None:
            result = run(store, fmt.name, output, filters=filters)
            _say(f"{result.records} {'events' if fmt.name in ('plover', 'acled', 'polecat', 'parquet') else 'records'}"
                 f" → {result.path} ({result.seconds:.1f} s)")
            return
        with tempfile.TemporaryDirectory(prefix="tidings-export-") as folder:
            target = Path(folder) / f"export{fmt.suffix}"
            run(store, fmt.name, target, filters=filters)
            with target.open("rb") as data:
                shutil.copyfileobj(data, sys.stdout.buffer)
            sys.stdout.flush()


def import_(
    path: Path = typer.Argument(..., help="A .plover.jsonl written by `tidings export plover`."),
    db: Optional[Path] = DB,
) -> None:
    """Restore events from a PLOVER export into a database (events already there are left as they are)."""
    from tidings.export import import_plover
    from tidings.store import open_store

    target = db or default_db()
    with open_store(target) as store:
        added = import_plover(store, path)
    _say(f"{added} events imported → {target}")


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``import`` to the main app."""
    app.command(name="export")(export)
    app.command(name="import")(import_)


__all__ = ["register", "export", "import_"]
