"""``tidings actors``: the store's actor listing, plus ``search`` and ``show`` over the knowledge base.

``tidings actors`` alone lists the actors of a store (as before); ``tidings
actors search NAME`` and ``tidings actors show ID`` read the knowledge base
(with the user's ``--actors`` files on top) and need no store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer

from tidings.errors import InputError


def _kb(files: list[Path]) -> Any:
    from tidings.kb import load_kb

    return load_kb(tuple(files))


_ACTORS = typer.Option([], "--actors", help="Your own actor file (YAML, JSONL or PETRARCH .txt) on top. Repeatable.")


def search_command(
    name: str = typer.Argument(..., help="A name, alias or acronym, in any case, with or without diacritics."),
    limit: int = typer.Option(10, "--limit", help="At most this many actors."),
    actors: list[Path] = _ACTORS,
    format: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
) -> None:
    """Actors of the knowledge base whose names match NAME, best first."""
    from tidings.kb.search import search
    from tidings.store_cli import _check_format, emit

    _check_format(format)
    kb = _kb(actors)
    rows = []
    for hit in search(kb, name, limit=limit):
        actor = kb.actors[hit.actor]
        rows.append({"id": hit.actor, "name": hit.name, "kind": actor.kind, "country": actor.country,
                     "sector": actor.sector, "matched": hit.matched, "score": round(hit.score, 1)})
    emit(rows, format=format, title=f"actors matching {name!r}")


def show_command(
    actor_id: str = typer.Argument(..., metavar="ID", help="An actor id (see `tidings actors search`)."),
    on: Optional[str] = typer.Option(None, "--on", help="Show the actor as of this date (YYYY-MM-DD): a person's post."),
    actors: list[Path] = _ACTORS,
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """What the knowledge base knows of one actor: names, hierarchy, dated roles and history."""
    import json
    import sys

    from tidings.kb.search import describe, search
    from tidings.store_cli import _check_format, emit

    _check_format(format)
    kb = _kb(actors)
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise InputError(f"--on {on!r} is not a date: use YYYY-MM-DD") from None
    try:
        info = describe(kb, actor_id, on=day)
    except KeyError:
        hint = ", ".join(h.actor for h in search(kb, actor_id.replace("_", " "), limit=3))
        raise InputError(f"no actor with id {actor_id!r}" + (f": did you mean {hint}?" if hint else "")) from None
    if format == "json":
        sys.stdout.write(json.dumps(info, ensure_ascii=False, indent=2) + "\n")
        return
    rows = [{"field": key, "value": _flat(value)} for key, value in info.items() if value not in (None, [], "")]
    emit(rows, format=format, title=info["name"])


def _flat(value: Any) -> Any:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(" ".join(str(v) for v in item.values() if v is not None) for item in value)
    return value


def actors_group(listing: Callable[..., None]) -> typer.Typer:
    """The ``actors`` group: no subcommand runs ``listing`` (the store's actor table) with the same options."""
    from tidings.store_cli import _DB, _FORMAT

    group = typer.Typer(help="Actors: the store's list (no subcommand), or search and show the knowledge base.")

    @group.callback(invoke_without_command=True)
    def main(
        ctx: typer.Context,
        limit: int = typer.Option(100, "--limit", help="At most this many rows."),
        db: Optional[Path] = _DB,
        format: str = _FORMAT,
    ) -> None:
        """Actors by number of events, with first and last seen (or: search, show)."""
        if ctx.invoked_subcommand is None:
            listing(limit=limit, db=db, format=format)

    group.command("search")(search_command)
    group.command("show")(show_command)
    return group


__all__ = ["actors_group", "search_command", "show_command"]
