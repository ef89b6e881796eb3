"""Web fixtures: the demo corpus in a store (built once, real model), a live server, headless Chromium.

Browser tests need Debian's chromium at /usr/bin/chromium and the playwright package; without
them they skip with the reason. Playwright drives that chromium through ``executable_path``:
no browser is ever downloaded.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "articles"
CHROMIUM = Path(os.environ.get("TIDINGS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def demo_db(nlp, tmp_path_factory) -> Path:
    """The demo corpus ingested with the real pipeline, once per session."""
    from tidings.store import ingest, open_store

    path = tmp_path_factory.mktemp("web") / "demo.duckdb"
    with open_store(path) as store:
        summary = ingest(store, [DEMO])
    assert summary.added >= 19, summary.failed
    return path


@pytest.fixture(scope="session")
def serve_app() -> Iterator[Callable[..., str]]:
    """Start an app with uvicorn in a thread on 127.0.0.1 and a free port; returns its base URL."""
    import uvicorn

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app) -> str:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(demo_db, serve_app) -> str:
    from tidings.web import create_app

    return serve_app(create_app(demo_db))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need the playwright package (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.js_errors = errors  # type: ignore[attr-defined]
    yield opened
    context.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: docs/screenshots with TIDINGS_SCREENSHOTS=1, else a temporary folder."""
    if os.environ.get("TIDINGS_SCREENSHOTS"):
        target = ROOT / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path_factory.mktemp("screenshots")
