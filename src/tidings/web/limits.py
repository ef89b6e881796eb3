"""Limits on what one request may cost: its body size and its queries' time.

A body over ``Settings.max_body`` bytes is refused with 413 before the app
reads it, whether the client declares its length or streams it in chunks.
Queries that run past their time (interrupted by :meth:`Backend.reader`'s
timer, or by the SQL page's own) answer 503 with a JSON message that says
what to do; no stack trace ever reaches the client.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tidings.store.store import StoreBusy
from tidings.web.backend import QueryTimeout


def _too_large(limit: int) -> str:
    return (f"the request body is over the limit of {limit:,} bytes: send a shorter article, "
            "or ingest long ones with `tidings ingest`")


_WITH_BODY = {"POST", "PUT", "PATCH"}


class BodyLimit:
    """ASGI middleware: 413 for a body over ``max_bytes`` (declared or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        try:
            size = int(declared) if declared is not None else 0
        except ValueError:
            size = 0
        if size > self.max_bytes:
            await _send_json(send, 413, _too_large(self.max_bytes))
            return
        if scope.get("method") not in _WITH_BODY:
            await self.app(scope, receive, send)
            return
        # Read the body here (it is at most max_bytes), then hand it to the app in one piece.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_bytes:
                await _send_json(send, 413, _too_large(self.max_bytes))
                return
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _send_json(send: Send, status: int, message: str) -> None:
    from tidings.web.app import HEADERS

    body = json.dumps({"error": message, "status": status}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    headers += [(name.lower().encode(), value.encode()) for name, value in HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def install_limits(app: FastAPI, error: Any) -> None:
    """The body limit and the 503 answers for interrupted queries; ``error`` renders an error response."""
    settings = app.state.settings
    app.add_middleware(BodyLimit, max_bytes=settings.max_body)

    @app.exception_handler(QueryTimeout)
    async def timeout(request: Request, exc: QueryTimeout) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(duckdb.InterruptException)
    async def interrupted(request: Request, exc: duckdb.InterruptException) -> Response:
        return error(request, 503, f"the request took longer than {settings.page_seconds:g} s and was stopped: "
                                   "narrow the filters or lower the limit, and try again")


__all__ = ["BodyLimit", "install_limits"]
