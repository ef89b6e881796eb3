"""Every export of the demo database, re-read by the library its users would read it with."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest
import stix2
from stix2validator import ValidationOptions, validate_file

from tidings.errors import InputError
from tidings.export import Filters, export, formats
from tidings.export.acled import COLUMNS as ACLED_COLUMNS
from tidings.export.parquet import TABLES
from tidings.export.polecat import COLUMNS as POLECAT_COLUMNS


def _count(store, sql: str) -> int:
    return int(store.con.execute(sql).fetchone()[0])


def test_formats_registry_finds_every_module():
    assert set(formats()) == {"plover", "acled", "polecat", "parquet", "graphml", "gexf", "stix"}


def test_formats_unknown_name_is_a_user_error(demo_store, tmp_path):
    with pytest.raises(InputError, match="choose from acled"):
        export(demo_store, "shapefile", tmp_path / "x")


def test_plover_lines_are_plover_records(demo_store, tmp_path):
    result = export(demo_store, "plover", tmp_path / "e.plover.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "e.plover.jsonl").read_text(encoding="utf-8").splitlines()]
    assert result.records == len(lines) == _count(demo_store, "SELECT count(*) FROM events")
    for record in lines:
        assert {"id", "date", "event", "mode", "context", "actor", "recipient", "event_loc", "text_info",
                "cite_info", "tidings"} <= set(record)
        assert record["tidings"]["reports"], record["id"]
    aid = next(r for r in lines if r["event"] == "AID" and any(a["id"] == "hamas" for a in r["actor"]))
    hamas = next(a for a in aid["actor"] if a["id"] == "hamas")
    assert hamas["code"] == "PSE" and hamas["wikidata"] and hamas["actor_text"]
    info = aid["text_info"]
    assert info["text"].startswith("Hamas") or "Hamas" in info["text"]
    assert info["start"] < info["trigger"]["start"] < info["trigger"]["end"] <= info["end"]
    chain = [link["name"] for link in aid["tidings"]["attribution"]]
    assert chain[0] == "The Jerusalem Post"


def test_acled_csv_has_acled_header_and_mapped_types(demo_store, tmp_path):
    export(demo_store, "acled", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
        rows = list(reader)
    assert len(rows) == _count(demo_store, "SELECT count(*) FROM events")
    assert {r["event_type"] for r in rows} >= {"Battles", "Strategic developments"}
    assert any(r["event_type"] == "Explosions/Remote violence" for r in rows)
    gaza = next(r for r in rows if r["actor1"] == "Hamas" and r["actor2"] == "Sinai Province"
                and r["event_date"] == "2016-12-18" and "plover:AID" in r["tags"])
    assert "The Times of Israel" in gaza["source"] and gaza["interaction"] == "22" and gaza["iso"] == "275"


def test_polecat_csv_has_polecat_header(demo_store, tmp_path):
    export(demo_store, "polecat", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == POLECAT_COLUMNS
        rows = list(reader)
    assert len(rows) == _count(demo_store, "SELECT count(*) FROM events")
    assert all(r["Quad Code"] in {"1", "2", "3", "4"} for r in rows)


def test_parquet_writes_one_file_per_table(demo_store, tmp_path):
    export(demo_store, "parquet", tmp_path / "pq")
    assert sorted(p.stem for p in (tmp_path / "pq").glob("*.parquet")) == sorted(TABLES)
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.num_rows == _count(demo_store, "SELECT count(*) FROM events")
    reports = pq.read_table(tmp_path / "pq" / "event_reports.parquet")
    assert reports.num_rows == _count(demo_store, "SELECT count(*) FROM event_reports")
    assert "attribution" in reports.column_names


@pytest.mark.parametrize("name,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_formats_read_by_networkx(demo_store, tmp_path, name, read):
    export(demo_store, name, tmp_path / f"g.{name}")
    graph = read(tmp_path / f"g.{name}")
    assert graph.has_edge("hamas", "sinai_province")
    edge = graph.get_edge_data("hamas", "sinai_province")
    assert int(edge["events"]) >= 2 and float(edge["score"]) > 0 and edge["first_seen"] <= edge["last_seen"]
    assert graph.nodes["hamas"]["label"] == "Hamas"
    assert any("part_of" in str(data.get("ties", "")) for _, _, data in graph.edges(data=True))


def test_stix_bundle_parses_and_validates(demo_store, tmp_path):
    export(demo_store, "stix", tmp_path / "b.json")
    bundle = stix2.parse((tmp_path / "b.json").read_text(encoding="utf-8"), allow_custom=True)
    kinds = {o["type"] for o in bundle.objects}
    assert {"identity", "threat-actor", "location", "report", "relationship", "note", "x-tidings-event",
            "extension-definition"} <= kinds
    result = validate_file(str(tmp_path / "b.json"), ValidationOptions(version="2.1"))
    errors = [str(e) for o in result.object_results for e in o.errors]
    assert result.is_valid and not errors, errors[:5]
    relations = [o for o in bundle.objects if o["type"] == "relationship" and "start_time" in o]
    assert relations and all(0 <= o["confidence"] <= 100 and "“" in o["description"] for o in relations)


def test_stix_reexport_is_identical(demo_store, tmp_path):
    export(demo_store, "stix", tmp_path / "a.json")
    export(demo_store, "stix", tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_stix_unchecked_writes_the_same_bundle(demo_store, tmp_path):
    from tidings.export import stix
    from tidings.store.export_queries import select

    stix.write(demo_store, select(demo_store), tmp_path / "a.json", check=True)
    stix.write(demo_store, select(demo_store), tmp_path / "b.json", check=False)
    assert json.loads((tmp_path / "a.json").read_text()) == json.loads((tmp_path / "b.json").read_text())


def test_formats_follow_the_events_filters(demo_store, tmp_path):
    export(demo_store, "plover", tmp_path / "h.jsonl", filters=Filters(actor="hamas", type="AID"))
    lines = [json.loads(x) for x in (tmp_path / "h.jsonl").read_text().splitlines()]
    assert lines and all(r["event"] == "AID" for r in lines)
    assert all(any(a["id"] == "hamas" for a in r["actor"] + r["recipient"]) for r in lines)
    export(demo_store, "acled", tmp_path / "l.csv", filters=Filters(limit=3))
    assert len((tmp_path / "l.csv").read_text().splitlines()) == 4
