"""The GVDB scorer: URL dates with month names, and which ASSAULT event stands for the shooters and victims."""

from __future__ import annotations

from datetime import date

from tidings.evaluate import gvdb
from tidings.evaluate.metrics import EvalResult


def test_gvdb_url_date_with_month_name():
    assert gvdb.url_date("http://www.example-gazette.com/local/2016/jan/26/man-hurt/") == date(2016, 1, 26)
    assert gvdb.url_date("http://x.org/news/2015/Dec/3/") == date(2015, 12, 3)
    assert gvdb.url_date("http://x.org/news/2015/foo/3/") is None
    assert gvdb.url_date("http://x.org/news/2015/feb/31/") is None


TEXT = "Man shot in Lodi. Police said John Smith shot Jane Doe on Tuesday."


def _record() -> gvdb.GvdbRecord:
    return gvdb.GvdbRecord("1", "http://x.org/a", "t", TEXT, None, None, None, None, ["John Smith"], ["Jane Doe"])


def test_gvdb_shooter_from_the_first_assault_that_names_one(build):
    smith = build["actor"](TEXT, "smith", "John Smith", kind="person")
    doe = build["actor"](TEXT, "doe", "Jane Doe", kind="person")
    report = build["report"](TEXT, actors=[smith, doe], events=[
        {"type": "ASSAULT", "trigger": "shot"},  # the headline: nobody named
        {"type": "ASSAULT", "trigger": "shot", "nth": 1, "actors": ["smith"], "recipients": ["doe"]},
    ])
    result = EvalResult(dataset="gvdb", gold="-")
    gvdb.score_record(result, _record(), report)
    assert result.scores["shooter (named)"].tp == 1
    assert result.scores["victim (named)"].tp == 1


def test_gvdb_names_still_must_match(build):
    other = build["actor"](TEXT, "roe", "Richard Roe", kind="person")
    report = build["report"](TEXT, actors=[other], events=[
        {"type": "ASSAULT", "trigger": "shot"},
        {"type": "ASSAULT", "trigger": "shot", "nth": 1, "actors": ["roe"]},
        {"type": "ACCUSE", "trigger": "said", "recipients": ["roe"]},
    ])
    result = EvalResult(dataset="gvdb", gold="-")
    gvdb.score_record(result, _record(), report)
    assert result.scores["shooter (named)"].tp == 0
    assert result.scores["shooter (named)"].fn == 1
