"""Server limits with the real server: request size (413) and query time (503), JSON messages, no trace."""

from __future__ import annotations

import shutil

import httpx
import pytest

from tidings.web import create_app
from tidings.web.backend import Settings

SLOW = "SELECT sum(hash(i)) FROM range(100000000000) t(i)"  # minutes of work: only an interrupt ends it


@pytest.fixture(scope="module")
def strict_url(demo_db, serve_app, tmp_path_factory) -> str:
    """A copy of the demo store served with small limits: 2 kB bodies, 0.5 s for SQL, 1 s for a page."""
    copy = tmp_path_factory.mktemp("limits") / "demo.duckdb"
    shutil.copy(demo_db, copy)
    settings = Settings(db=str(copy), token="tok", max_body=2_000, sql_seconds=0.5, page_seconds=1.0)
    return serve_app(create_app(settings=settings))


def _refused(response: httpx.Response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status and words in body["error"], body
    assert "Traceback" not in response.text and "File \"" not in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_web_limits_declared_body_over_the_limit_is_413(strict_url):
    response = httpx.post(f"{strict_url}/articles", json={"text": "Gunmen attacked a village. " * 200},
                          headers={"Authorization": "Bearer tok"}, timeout=30)
    _refused(response, 413, "over the limit of 2,000 bytes")


def test_web_limits_streamed_body_over_the_limit_is_413(strict_url):
    def chunks():
        for _ in range(50):
            yield b"x" * 100

    response = httpx.post(f"{strict_url}/articles", content=chunks(), timeout=30,
                          headers={"Authorization": "Bearer tok", "Content-Type": "application/json"})
    _refused(response, 413, "over the limit")


def test_web_limits_body_under_the_limit_is_read(strict_url):
    response = httpx.post(f"{strict_url}/articles", json={"text": ""}, headers={"Authorization": "Bearer tok"},
                          timeout=30)
    assert response.status_code == 422  # read and validated, not refused for its size


def test_web_limits_slow_sql_is_stopped_with_503(strict_url):
    response = httpx.get(f"{strict_url}/sql.json", params={"q": SLOW}, timeout=30)
    _refused(response, 503, "longer than 0.5 s")
    assert httpx.get(f"{strict_url}/sql.json", params={"q": "SELECT 1 AS one"}).json()["rows"] == [{"one": 1}]


def test_web_limits_slow_page_is_stopped_with_503(demo_db, serve_app, monkeypatch):
    from tidings.web import data

    def slow_overview(store):
        store.con.execute(SLOW).fetchall()
        return {}

    url = serve_app(create_app(settings=Settings(db=str(demo_db), page_seconds=0.5)))
    monkeypatch.setattr(data, "overview", slow_overview)
    _refused(httpx.get(f"{url}/index.json", timeout=30), 503, "longer than 0.5 s")
    monkeypatch.undo()
    assert httpx.get(f"{url}/index.json", timeout=30).status_code == 200
