"""The web app factory: FastAPI with server-rendered pages that also answer as JSON.

Every page answers as HTML, or as JSON with ``?format=json`` or a ``.json``
suffix (as datasette does), so what a person sees and what a script reads are
the same rows. Security is set here once: a Content-Security-Policy that allows
only this origin, no inline script, and no stack trace ever sent to a client.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from tidings.errors import TidingsError
from tidings.web.backend import Backend, Settings

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin"}
log = logging.getLogger("tidings.web")
templates = Jinja2Templates(directory=str(HERE / "templates"))


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def to_json(data: Any, *, status_code: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, default=_default)
    return Response(body, status_code=status_code, media_type="application/json")


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or request.query_params.get("format") == "json" or (
        "application/json" in request.headers.get("accept", "") and "text/html" not in request.headers.get("accept", ""))


def render(request: Request, template: str, data: dict[str, Any], *, view: dict[str, Any] | None = None,
           status_code: int = 200) -> Response:
    """JSON of ``data`` when asked for, else the template with ``data`` and extra ``view`` values."""
    if wants_json(request):
        return to_json(data, status_code=status_code)
    context = {"request": request, "title": request.app.state.settings.title, **data, **(view or {})}
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def _error(request: Request, status_code: int, message: str) -> Response:
    if wants_json(request) or request.method != "GET":
        return to_json({"error": message, "status": status_code}, status_code=status_code)
    context = {"request": request, "title": "tidings", "message": message, "status": status_code}
    return templates.TemplateResponse(request, "error.html", context, status_code=status_code)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(TidingsError)
    async def user_error(request: Request, exc: TidingsError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
                             for e in exc.errors()[:5])
        return _error(request, 422, f"invalid request: {problems}")

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, "internal error: the server log has the details")


def create_app(db: str | Path | None = None, *, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The tidings web app over the store at ``db`` (``None``: an empty in-memory store)."""
    settings = settings or Settings.from_env(db, token=token)
    backend = Backend.open(settings)

    # The connection lives as long as the app (whoever created it closes it with app.state.backend.close());
    # a lifespan hook would close it when a test client finishes one request.
    app = FastAPI(title="tidings", version=_version(), docs_url=None, redoc_url=None,
                  description="Events, actors, relations and the evidence behind them. Every page also answers "
                              "as JSON with ?format=json or a .json suffix.")
    app.state.settings = settings
    app.state.backend = backend

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    _install_errors(app)
    from tidings.web.limits import install_limits

    install_limits(app, _error)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    from tidings.web.routes import router

    app.include_router(router)
    return app


def _version() -> str:
    from tidings import __version__

    return __version__


__all__ = ["create_app", "render", "to_json", "wants_json", "CSP", "templates"]

