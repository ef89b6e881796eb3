"""GVDB, geoparsing and ECB+ scorers on tiny hand-made gold files."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.evaluate import ecbplus, geoparsing, gvdb

T1 = "Man shot in Springfield. A man was shot Tuesday in Springfield, police said. John Doe, 30, was arrested."


def test_gvdb_url_date():
    assert gvdb.url_date("http://x.org/news/2016/03/02/a") == date(2016, 3, 2)
    assert gvdb.url_date("http://x.org/article/20090320/NEWS01/1") == date(2009, 3, 20)
    assert gvdb.url_date("http://x.org/quiet-night") is None


def test_gvdb_scores_city_date_and_names(fixtures_dir, build):
    doe = build["actor"](T1, "john_doe", "John Doe", kind="person")
    springfield = build["place"](T1, "p1", "Springfield", 39.8, -89.6, mention="Springfield")
    report = build["report"](T1, actors=[doe], places=[springfield], events=[
        {"type": "ASSAULT", "trigger": "shot", "nth": 1, "actors": ["john_doe"], "place": "p1",
         "date": (date(2016, 3, 1), date(2016, 3, 1), "day")}])
    fake = build["fake"]({T1: report})
    result = gvdb.run(fixtures_dir / "gvdb.tsv", extract=fake)
    assert fake.calls[0]["published"] == date(2016, 3, 2) and fake.calls[1]["published"] is None
    assert (result.accuracies["city"].correct, result.accuracies["city"].total) == (1, 2)
    assert result.accuracies["date (exact day)"].correct == 1
    assert result.accuracies["incident found (an ASSAULT event)"].correct == 1
    assert result.scores["shooter (named)"].tp == 1
    assert result.scores["victim (named)"].fn == 1
    assert any(m.kind == "no event" for m in result.misses)


def test_gvdb_wrong_date_range(fixtures_dir, build):
    report = build["report"](T1, events=[{"type": "ASSAULT", "trigger": "shot",
                                          "date": (date(2016, 2, 1), date(2016, 2, 29), "month")}])
    result = gvdb.run(fixtures_dir / "gvdb.tsv", limit=1, extract=build["fake"]({T1: report}))
    assert result.accuracies["date (gold day within our range)"].correct == 0
    assert result.accuracies["city"].correct == 0


GWN_TEXT = "Paris officials met in Lyon. Paris said French wine is fine."


def test_geoparsing_gwn_recognition_and_resolution(fixtures_dir, build):
    places = [
        build["place"](GWN_TEXT, "paris", "Paris", 48.86, 2.35),
        build["place"](GWN_TEXT, "lyon_us", "Lyon", 40.0, -90.0),  # resolved to the wrong continent
        build["place"](GWN_TEXT, "france", "France", 46.0, 2.0, mention="French"),  # on a demonym: neutral
        build["place"](GWN_TEXT, "fine", "Fine", 44.0, -75.0, mention="fine"),  # false alarm
    ]
    result = geoparsing.run(fixtures_dir / "gwn.xml", extract=build["fake"]({GWN_TEXT: build["report"](GWN_TEXT, places=places)}))
    rec = result.scores["recognition (GeoWebNews)"]
    assert (rec.tp, rec.fp, rec.fn) == (2, 1, 0)
    acc = result.accuracies["resolution within 161 km (GeoWebNews)"]
    assert (acc.correct, acc.total) == (1, 2)
    assert result.stats["median error km (GeoWebNews)"] > 161


def test_geoparsing_lgl_missed(fixtures_dir, build):
    result = geoparsing.run(fixtures_dir / "lgl.xml", extract=build["fake"]({}))
    rec = result.scores["recognition (LGL)"]
    assert (rec.tp, rec.fn) == (0, 2)


def test_ecbplus_only_annotated_sentences(fixtures_dir, build):
    (doc,) = ecbplus.load_gold(fixtures_dir / "ecb")
    assert doc.text.splitlines()[1] == "Rebels attacked the town and fled"
    assert [doc.text[s:e] for s, e, _ in doc.mentions] == ["attacked", "fled"]  # sentence 2 is not annotated
    report = build["report"](doc.text, events=[{"type": "ASSAULT", "trigger": "attacked"},
                                               {"type": "ASSAULT", "trigger": "town"},
                                               {"type": "ASSAULT", "trigger": "shelled"}])
    result = ecbplus.run(fixtures_dir / "ecb", extract=build["fake"]({doc.text: report}))
    score = result.scores["event mention (trigger overlap)"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
