from __future__ import annotations

from tidings.evaluate.plover_gsr import GoldActor, actor_matches, load_gold, run


def test_plover_gsr_loads_and_maps_types(fixtures_dir):
    records = {r.id: r for r in load_gold(fixtures_dir / "gsr.json")}
    assert "DOC" not in records
    assert records["G-1"].type == "ASSAULT" and records["G-3"].type == "REQUEST"
    assert records["G-2"].reciprocal and not records["G-1"].reciprocal
    assert records["G-3"].targets == []  # a stray string where no target was coded
    assert records["G-1"].place == "Blefuscu"


def test_plover_gsr_actor_matching_rule(build):
    text = "Lilliputian troops shelled Blefuscu."
    lil = build["actor"](text, "lil_mil", "Lilliput military", mention="Lilliputian troops")
    assert actor_matches(GoldActor("Lilliputian troops", "LIL"), lil, {"lilliput military", "lilliputian troops"})
    assert actor_matches(GoldActor("Paris", "FRA"), build["actor"](text, "fr", "France", country="FRA"), {"france"})
    assert not actor_matches(GoldActor("Blefuscu", "BLF"), lil, {"lilliput military"})


def _reports(build):
    t1 = "Lilliputian troops shelled Blefuscu on Monday."
    lil = build["actor"](t1, "lil_mil", "Lilliput military", mention="Lilliputian troops")
    blf = build["actor"](t1, "blefuscu", "Blefuscu")
    blf_place = build["place"](t1, "p1", "Blefuscu", 1.0, 1.0)
    t2 = "France and Lilliput agreed to cooperate."
    fra, lil2 = build["actor"](t2, "france", "France", country="FRA"), build["actor"](t2, "lilliput", "Lilliput")
    t3 = "Blefuscu demanded an apology."
    return {
        t1: build["report"](t1, actors=[lil, blf], places=[blf_place], events=[
            {"type": "ASSAULT", "trigger": "shelled", "actors": ["lil_mil"], "recipients": ["blefuscu"], "place": "p1"}]),
        # reciprocal: we put Lilliput on the recipient side, which still counts
        t2: build["report"](t2, actors=[fra, lil2], events=[
            {"type": "AGREE", "trigger": "agreed", "actors": ["france"], "recipients": ["lilliput"]}]),
        # wrong type and a recipient where gold has none
        t3: build["report"](t3, actors=[build["actor"](t3, "blefuscu", "Blefuscu")], events=[
            {"type": "ACCUSE", "trigger": "demanded", "actors": ["blefuscu"], "recipient_spans": [build["span"](t3, "apology")]}]),
    }


def test_plover_gsr_scores_fields(fixtures_dir, build):
    result = run(fixtures_dir / "gsr.json", extract=build["fake"](_reports(build)))
    assert result.records == 3
    t = result.scores["event type"]
    assert (t.tp, t.fp, t.fn) == (2, 1, 1)
    a = result.scores["actor"]
    assert (a.tp, a.fn) == (4, 0)  # 1 + both reciprocal parties + Blefuscu
    r = result.scores["recipient"]
    assert (r.tp, r.fn, r.fp) == (1, 0, 1)
    e = result.scores["event (type+actor+recipient)"]
    assert (e.tp, e.fn, e.fp) == (2, 1, 1)
    assert result.accuracies["place (records with eventLoc)"].correct == 1
    kinds = {m.kind for m in result.misses}
    assert "wrong type" in kinds and "recipient where gold has none" in kinds


def test_plover_gsr_no_events_at_all(fixtures_dir, build):
    result = run(fixtures_dir / "gsr.json", extract=build["fake"]({}))
    assert result.scores["event type"].tp == 0 and result.scores["event type"].fn == 3
    assert result.scores["actor"].fn == 4
    assert any(m.kind == "no event" for m in result.misses)


def test_plover_gsr_pipeline_crash_is_counted(fixtures_dir):
    def broken(text, **_):
        raise RuntimeError("boom")

    result = run(fixtures_dir / "gsr.json", extract=broken)
    assert result.stats["pipeline_errors"] == 3
