"""End to end in headless Chromium against the real server over the demo corpus.

Each test also saves a screenshot of its page (to docs/screenshots/ with TIDINGS_SCREENSHOTS=1).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e

GAZA_SINAI = "01-hamas-sinai-province"


def _no_errors(page) -> None:
    assert page.js_errors == [], page.js_errors


def test_web_e2e_article_event_shows_evidence_and_sources(page, base_url, shots):
    page.goto(f"{base_url}/articles/{GAZA_SINAI}")
    assert "Hamas treats wounded Islamic State fighters" in page.locator("h1").inner_text()
    assert page.locator("#text .hl-actor").count() > 3
    assert page.locator("#text .hl-place").count() >= 1
    assert page.locator("#text .hl-time").count() >= 1
    assert page.locator("#text .hl-cue").count() >= 1
    card = page.locator(".event-card").filter(has_text="treating wounded fighters").first
    assert not card.locator(".chain").is_visible()
    card.click()
    lit = page.locator("#text .on")
    assert lit.count() > 0
    evidence = "".join(lit.all_inner_texts())
    assert "Hamas has been treating wounded fighters" in evidence
    assert "Gaza Strip" in evidence
    chain = card.locator(".chain")
    assert chain.is_visible()
    names = chain.locator("ol.sources li .name").all_inner_texts()
    assert names == ["The Jerusalem Post", "The Times of Israel", "Avi Issacharoff", "Arab sources"]
    assert "selected" in (card.get_attribute("class") or "")
    _no_errors(page)
    page.screenshot(path=str(shots / "article.png"), full_page=False)

    other = page.locator(".event-card").nth(1)
    other.click()
    assert not card.locator(".chain").is_visible()
    assert "Hamas has been treating" not in "".join(page.locator("#text .on").all_inner_texts())


def test_web_e2e_events_table_filters_and_sorts(page, base_url, shots):
    page.goto(f"{base_url}/events?limit=200")
    everything = page.locator("#events-table tbody tr").count()
    assert everything > 50
    page.select_option("select[name=type]", "ASSAULT")
    page.click("#filters button")
    page.wait_for_url(re.compile(r"type=ASSAULT"))
    rows = page.locator("#events-table tbody tr")
    assert 0 < rows.count() < everything
    assert set(page.locator("#events-table tbody td:first-child .type").all_inner_texts()) == {"ASSAULT"}
    page.fill("input[name=actor]", "al-Shabaab")
    page.click("#filters button")
    page.wait_for_url(re.compile(r"actor=al-Shabaab"))
    assert 0 < rows.count() < everything
    page.click("#events-table th a:has-text('sources')")
    page.wait_for_url(re.compile(r"sort=sources"))
    sources = [int(t) for t in page.locator("#events-table tbody td:nth-child(9)").all_inner_texts()]
    assert sources == sorted(sources)
    _no_errors(page)
    page.screenshot(path=str(shots / "events.png"), full_page=False)


def test_web_e2e_network_edge_lists_its_events(page, base_url, shots):
    page.goto(f"{base_url}/network")
    edges = page.locator("#network .edge")
    assert edges.count() > 10
    edge = page.locator('#network .edge[data-a="hamas"][data-b="sinai_province"]')
    edge.locator(".edge-hit").dispatch_event("click")
    items = page.locator("#edge-events li")
    items.first.wait_for()
    assert items.count() >= 1
    assert "AID" in page.locator("#edge-events").inner_text()
    assert "Hamas" in page.locator("#edge-events h3").inner_text()
    slider = page.locator("#until")
    slider.evaluate("(el) => { el.value = 0; el.dispatchEvent(new Event('input')); }")
    hidden = page.locator("#network .edge.off").count()
    assert hidden > 0
    slider.evaluate("(el) => { el.value = el.max; el.dispatchEvent(new Event('input')); }")
    assert page.locator("#network .edge.off").count() == 0
    _no_errors(page)
    page.screenshot(path=str(shots / "network.png"), full_page=False)


def test_web_e2e_map_shows_points_with_precision(page, base_url, shots):
    page.goto(f"{base_url}/map")
    assert page.locator("#map .countries path").count() > 150
    points = page.locator("#map .point")
    assert points.count() > 5
    classes = {re.search(r"precision-\w+", c or "").group(0) for c in
               points.evaluate_all("(els) => els.map((el) => el.getAttribute('class'))")}
    assert {"precision-city", "precision-region"} <= classes
    assert points.first.bounding_box()["width"] > 0
    _no_errors(page)
    page.screenshot(path=str(shots / "map.png"), full_page=False)


def test_web_e2e_actor_and_timeline_pages(page, base_url, shots):
    page.goto(f"{base_url}/actors/hamas")
    assert "Islamic Resistance Movement" in page.locator("body").inner_text()
    assert page.locator("svg.spark rect").count() > 0
    _no_errors(page)
    page.screenshot(path=str(shots / "actor.png"), full_page=False)
    page.goto(f"{base_url}/timeline?actor=hamas")
    assert page.locator("#timeline rect").count() > 0
    page.screenshot(path=str(shots / "timeline.png"), full_page=False)


def test_web_e2e_no_other_origin_is_contacted(page, base_url):
    """The CSP allows this origin only, and no page asks for anything elsewhere."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/", f"/articles/{GAZA_SINAI}", "/events", "/network", "/map", "/actors/hamas"):
        page.goto(base_url + path)
    assert requested and all(url.startswith(base_url) or url.startswith("data:") for url in requested), requested
    _no_errors(page)
