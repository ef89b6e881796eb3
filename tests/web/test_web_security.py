"""Security: article text is shown as text, SQL and filters cannot write or escape, ingest needs the token."""

from __future__ import annotations

import shutil

import httpx
import pytest

from tidings.web import create_app

HOSTILE = ("Militants attack <b>bold</b> village\n"
           "Gunmen attacked a village near Maiduguri on Monday, police said. "
           "<script>window.__pwned = 1; alert('x')</script> "
           "<img src=x onerror=\"window.__pwned = 2\"> and \"quotes\" & ampersands.\n")
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def writable_db(demo_db, tmp_path_factory):
    """A copy of the demo store that the server opens for writing (a token is configured)."""
    path = tmp_path_factory.mktemp("web-sec") / "demo.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture(scope="module")
def token_url(writable_db, serve_app) -> str:
    return serve_app(create_app(writable_db, token=TOKEN))


@pytest.fixture(scope="module")
def hostile_id(token_url) -> str:
    response = httpx.post(f"{token_url}/articles", json={"text": HOSTILE, "published": "2024-03-04"},
                          headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
    assert response.status_code in (200, 201), response.text
    return response.json()["stored"]["article_id"]


def _counts(url: str) -> dict[str, int]:
    return httpx.get(f"{url}/index.json").json()["counts"]


def test_web_security_post_articles_refused_without_token(base_url, token_url):
    body = {"text": "Gunmen attacked a village on Monday."}
    disabled = httpx.post(f"{base_url}/articles", json=body)
    assert disabled.status_code == 403 and "disabled" in disabled.json()["error"]
    assert httpx.post(f"{token_url}/articles", json=body).status_code == 401
    wrong = httpx.post(f"{token_url}/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    before = _counts(token_url)
    assert httpx.post(f"{token_url}/articles", json=body, headers={"Authorization": TOKEN + "x"}).status_code == 401
    assert _counts(token_url) == before


def test_web_security_post_articles_with_token_returns_report(token_url, hostile_id):
    article = httpx.get(f"{token_url}/articles/{hostile_id}.json").json()["article"]
    assert "<script>" in article["text"]  # stored as given: escaping is the page's job
    again = httpx.post(f"{token_url}/articles", json={"text": HOSTILE, "published": "2024-03-04"},
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
    assert again.status_code == 200 and again.json()["stored"]["duplicate"] is True
    assert again.json()["schema"] == "tidings/1"


def test_web_security_article_html_is_escaped(token_url, hostile_id):
    html = httpx.get(f"{token_url}/articles/{hostile_id}").text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;window.__pwned" in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    listing = httpx.get(f"{token_url}/articles").text
    assert "&lt;b&gt;bold&lt;/b&gt;" in listing and "<b>bold</b>" not in listing


@pytest.mark.e2e
def test_web_security_no_script_runs_in_browser(page, token_url, hostile_id):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{token_url}/articles/{hostile_id}")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert "<script>window.__pwned" in page.locator("#text").inner_text()
    assert page.locator("#text img, #text script, #text b").count() == 0


@pytest.mark.parametrize("query", [
    "DELETE FROM events", "DROP TABLE events", "INSERT INTO actors VALUES ('x','x','x',NULL,NULL,NULL,NULL)",
    "UPDATE events SET type = 'AID'", "SELECT 1; DELETE FROM events", "EXPLAIN ANALYZE DELETE FROM events",
    "CREATE TABLE t AS SELECT 1", "SELECT * FROM read_csv('/etc/passwd')", "ATTACH '/tmp/x.duckdb' AS x",
    "COPY events TO '/tmp/tidings-leak.csv'", "SET enable_external_access = true", "PRAGMA version",
    "SELECT * FROM read_text('/etc/hostname')", "INSTALL httpfs", "CHECKPOINT",
])
def test_web_security_sql_cannot_write_or_escape(token_url, query):
    before = _counts(token_url)
    response = httpx.get(f"{token_url}/sql.json", params={"q": query})
    assert response.status_code == 400, response.text
    assert "Traceback" not in response.text
    assert _counts(token_url) == before


def test_web_security_sql_select_reads(token_url):
    rows = httpx.get(f"{token_url}/sql.json", params={"q": "SELECT count(*) AS n FROM events"}).json()["rows"]
    assert rows[0]["n"] == _counts(token_url)["events"]


@pytest.mark.parametrize("params", [
    {"actor": "hamas' OR '1'='1"}, {"type": "AID'); DROP TABLE events; --"}, {"status": "reported' --"},
    {"since": "2016'; DELETE FROM events; --"}, {"sort": "date; DROP TABLE events"}, {"sort": "e.id"},
    {"place": "%' OR '1'='1"}, {"article": "x' OR 1=1 --"}, {"recipient": "'; DROP TABLE actors; --"},
    {"limit": "1; DROP TABLE events"}, {"offset": "-1"},
])
def test_web_security_filters_cannot_inject(token_url, params):
    before = _counts(token_url)
    response = httpx.get(f"{token_url}/events.json", params=params)
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code == 200:
        assert response.json()["total"] == 0
    assert "Traceback" not in response.text
    assert _counts(token_url) == before


def test_web_security_headers_forbid_other_origins(base_url):
    for path in ("/", "/static/app.css", "/events.json", "/nope"):
        csp = httpx.get(base_url + path).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "http" not in csp
    assert httpx.get(f"{base_url}/docs").status_code == 404  # Swagger UI would load a CDN


def test_web_security_no_stack_trace_to_clients(demo_db, monkeypatch):
    from fastapi.testclient import TestClient

    from tidings.web import data

    def broken(store):
        raise RuntimeError("secret internals at /srv/x.py line 3")

    monkeypatch.setattr(data, "overview", broken)
    client = TestClient(create_app(demo_db), raise_server_exceptions=False)
    for path in ("/", "/index.json"):
        response = client.get(path)
        assert response.status_code == 500
        assert "secret internals" not in response.text and "Traceback" not in response.text
