"""REST API and web UI: FastAPI with server-rendered pages that also answer as JSON.

    >>> from tidings.web import create_app
    >>> app = create_app("tidings.duckdb")            # read-only
    >>> app = create_app("tidings.duckdb", token="…")  # POST /articles enabled with that token

Modules: ``app`` (factory, JSON/HTML negotiation, security headers, errors),
``routes`` (endpoints), ``data`` (the pages' queries), ``highlight`` (article
text segments), ``layout`` (SVG geometry), ``sqlbox`` (a visitor's SQL),
``backend`` (connection, cursors, token).
"""

from tidings.web.app import create_app
from tidings.web.backend import Settings

__all__ = ["create_app", "Settings"]
