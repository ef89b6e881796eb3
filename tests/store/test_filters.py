"""One filter record for `tidings events`, the exports and the web table: the same field selects the same events."""

from __future__ import annotations

import pytest

from store_builders import E, make_report
from tidings.export import Filters
from tidings.store import StoreError, queries
from tidings.store.export_queries import select
from tidings.store.filters import EventFilters
from tidings.web import data


@pytest.fixture
def filled(store):
    """Hamas and Sinai Province in both roles over three months, plus an Egypt-Israel consultation."""
    store.add_report(make_report("Dec", [
        E("AID", "Hamas treated wounded Sinai Province fighters in Gaza.", actors=["hamas"],
          recipients=["sinai_province"], day="2016-12-18", place="gaza_strip", status="reported"),
        E("AID", "Hamas's military wing helped Sinai Province build bombs.", actors=["izz_ad_din_al_qassam_brigades"],
          recipients=["sinai_province"], day="2016-12-01", until="2016-12-31", precision="month"),
    ], outlet="The Jerusalem Post", published="2016-12-19", url="https://example.invalid/dec",
        relations=[("izz_ad_din_al_qassam_brigades", "hamas", "part_of")]))
    store.add_report(make_report("Jan", [
        E("ACCUSE", "Sinai Province accused Hamas of betrayal.", actors=["sinai_province"], recipients=["hamas"],
          day="2017-01-05"),
    ], outlet="Al-Monitor", published="2017-01-06", url="https://example.invalid/jan"))
    store.add_report(make_report("Feb", [
        E("CONSULT", "Egyptian and Israeli officials met in Nairobi.", actors=["egypt", "israel"], day="2017-02-02",
          place="nairobi"),
    ], outlet="Reuters", published="2017-02-03", url="https://example.invalid/feb"))
    return store


def _ids(store, filters: EventFilters) -> dict[str, list[str]]:
    """The ids each reader selects for one record, in each reader's date order."""
    web, total = data.event_table(store, filters, limit=500)
    assert total == len(web)
    exported = store.query(f"WITH sel AS ({select(store, filters).sql}) SELECT id FROM sel ORDER BY ord",
                           list(select(store, filters).params))
    listed = queries.events(store, filters=filters, limit=None)
    return {"web": [r["id"] for r in web], "export": [r["id"] for r in exported], "events": [r["id"] for r in listed]}


@pytest.mark.parametrize("filters, expected", [
    (EventFilters(), 4),
    (EventFilters(actor="hamas"), 2),  # as actor or recipient
    (EventFilters(actor="hamas", include_parts=True), 3),
    (EventFilters(recipient="Hamas"), 1),
    (EventFilters(actor="hamas", actor_role="actor"), 1),
    (EventFilters(type="aid, accuse"), 3),
    (EventFilters(status="reported"), 1),
    (EventFilters(since="2017-01", until="2017-01"), 1),
    (EventFilters(article="https://example.invalid/feb"), 1),
    (EventFilters(place="nairo"), 1),
    (EventFilters(place="ken"), 1),  # a country code
    (EventFilters(limit=2), 2),
    (EventFilters(actor="  ", type="", place=""), 4),  # blank web form fields filter nothing
])
def test_filters_one_record_selects_the_same_events_everywhere(filled, filters, expected):
    found = _ids(filled, filters)
    assert len(found["export"]) == expected, found
    assert found["web"] == found["export"] == found["events"]


def test_filters_limit_keeps_the_first_events_in_date_order(filled):
    first_two = _ids(filled, EventFilters(limit=2))["export"]
    assert first_two == _ids(filled, EventFilters())["export"][:2]


def test_filters_export_name_is_the_same_record():
    assert Filters is EventFilters is data.EventFilters
    assert EventFilters(actor="hamas", min_articles=1).given() == {"actor": "hamas"}


@pytest.mark.parametrize("filters, message", [
    (EventFilters(type="BOMB"), "unknown event type"),
    (EventFilters(status="rumoured"), "unknown status"),
    (EventFilters(since="2016/01"), "cannot read the period"),
    (EventFilters(recipient="hamaz"), "did you mean hamas"),
    (EventFilters(actor="hamas", actor_role="bystander"), "unknown role"),
])
def test_filters_bad_values_are_explained_by_every_reader(filled, filters, message):
    with pytest.raises(StoreError, match=message):
        data.event_table(filled, filters)
    with pytest.raises(StoreError, match=message):
        select(filled, filters)
