"""schemathesis against the OpenAPI description: no input makes the server fail (bounded run)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.checks import not_a_server_error  # noqa: E402


class SwitchableApp:
    """The ASGI app under test: an empty store while the schema is read, the demo store once a test runs."""

    def __init__(self) -> None:
        from tidings.web import create_app

        self.app = create_app(None)

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)


APP = SwitchableApp()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def demo_app(demo_db):
    from tidings.web import create_app

    APP.app = create_app(demo_db)
    yield APP.app


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_web_openapi_no_server_error(case):
    if case.method == "POST":
        case.headers = {**(case.headers or {}), "Authorization": "Bearer wrong"}
    case.call_and_validate(checks=[not_a_server_error])


def test_web_openapi_describes_pages(demo_db):
    from fastapi.testclient import TestClient

    from tidings.web import create_app

    spec = TestClient(create_app(demo_db)).get("/openapi.json").json()
    for path in ("/articles", "/articles/{article_id}", "/events", "/events.json", "/actors/{actor_id}",
                 "/relations", "/network", "/map", "/timeline", "/search", "/sql"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/articles"]
