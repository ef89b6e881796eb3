"""``tidings serve``: the REST API and web UI over a store, with uvicorn.

``register(app)`` adds the command to the main Typer app; ``serve`` is also
what ``tidings demo --serve`` calls after ingesting the demo corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tidings.errors import InputError


def serve(db: Path, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the store at ``db`` until interrupted."""
    import uvicorn

    from tidings.web import Settings, create_app

    if not db.exists():
        raise InputError(f"no database at {str(db)!r}: run `tidings ingest PATH --db {db}` (or `tidings demo --serve`)")
    settings = Settings.from_env(db, token=token)
    app = create_app(settings=settings)
    mode = "ingest enabled with a token" if settings.token else "read-only"
    typer.echo(f"tidings: serving {db} ({mode}) at http://{host}:{port}/  (Ctrl-C stops)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        app.state.backend.close()


def serve_command(
    db: Optional[Path] = typer.Option(None, "--db", help="Database file (default: $TIDINGS_DB or ./tidings.duckdb)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    token: Optional[str] = typer.Option(None, "--token", help="Enable POST /articles for requests with this "
                                        "token (default: $TIDINGS_TOKEN; without one the server is read-only)."),
) -> None:
    """Serve the web UI and REST API: articles, events, actors, network, map, timeline."""
    from tidings.store_cli import default_db

    serve(db or default_db(), host=host, port=port, token=token)


def register(app: typer.Typer) -> None:
    """Add ``tidings serve`` to the main app."""
    app.command(name="serve")(serve_command)


__all__ = ["register", "serve", "serve_command"]
