"""tidings.store.records: a Report rebuilt from its JSON is the same Report (the batch loader relies on it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.readers.corpus import iter_corpus
from tidings.store import extract_for_store, open_store
from tidings.store.records import add_report_dict, report_from_dict

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"


@pytest.fixture(scope="module")
def reports(nlp):
    return [extract_for_store(item.article) for item in iter_corpus([DEMO]) if item.article][:8]


def test_records_round_trip_keeps_every_field(reports) -> None:
    for report in reports:
        data = json.loads(report.to_json())
        text = data["article"].pop("text")
        assert report_from_dict(data, text=text).to_dict() == report.to_dict()


def test_records_add_report_dict_stores_like_add_report(reports) -> None:
    with open_store(None) as direct, open_store(None) as rebuilt:
        for report in reports:
            direct.add_report(report, origin="demo")
            add_report_dict(rebuilt, json.loads(report.to_json()), origin="demo")
        query = "SELECT id, type, status, n_reports, n_sources FROM events ORDER BY id"
        assert direct.con.execute(query).fetchall() == rebuilt.con.execute(query).fetchall()
        report_json = "SELECT id, report FROM articles ORDER BY id"
        assert direct.con.execute(report_json).fetchall() == rebuilt.con.execute(report_json).fetchall()


def test_records_need_the_article_text() -> None:
    with pytest.raises(ValueError, match="no article text"):
        report_from_dict({"article": {"id": "x"}})
