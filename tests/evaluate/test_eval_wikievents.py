from __future__ import annotations

from tidings.evaluate.wikievents import load_gold, run

TEXT = "Rebels bombed the market in Blefuscu. Police arrested two men. The mayor spoke on radio."


def test_wikievents_loads_character_spans(fixtures_dir):
    (doc,) = load_gold(fixtures_dir / "wikievents.jsonl")
    first = doc.events[0]
    assert doc.text[first.trigger[0]:first.trigger[1]] == "bombed"
    assert [a.field for a in first.arguments] == ["actors", "recipients", "place"]
    assert doc.text[slice(*first.arguments[2].span)] == "Blefuscu"
    assert doc.events[2].type is None  # a broadcast is no PLOVER event


def _report(build, events, places=True):
    rebels = build["actor"](TEXT, "rebels", "rebels", kind="armed_group", mention="Rebels")
    place = build["place"](TEXT, "p1", "Blefuscu", 1.0, 1.0)
    return build["report"](TEXT, actors=[rebels], places=[place] if places else [], events=events)


def test_wikievents_detection_and_arguments(fixtures_dir, build):
    report = _report(build, [
        {"type": "ASSAULT", "trigger": "bombed", "actors": ["rebels"], "place": "p1"},
        {"type": "ASSAULT", "trigger": "arrested"},  # right trigger, wrong type
        {"type": "ACCUSE", "trigger": "spoke"},  # on an out-of-scope gold event: ignored
        {"type": "PROTEST", "trigger": "radio"},  # extra
    ])
    result = run(fixtures_dir / "wikievents.jsonl", extract=build["fake"]({TEXT: report}))
    typed = result.scores["event (trigger+type)"]
    assert (typed.tp, typed.fp, typed.fn) == (1, 2, 1)
    loose = result.scores["trigger only"]
    assert (loose.tp, loose.fp, loose.fn) == (2, 1, 0)
    assert result.scores["argument: attacker"].tp == 1
    assert result.scores["argument: place"].tp == 1
    assert result.scores["argument: target/victim"].fn == 1
    assert any(m.kind.startswith("wrong type") for m in result.misses)


def test_wikievents_no_events(fixtures_dir, build):
    result = run(fixtures_dir / "wikievents.jsonl", extract=build["fake"]({TEXT: _report(build, [])}))
    assert result.scores["event (trigger+type)"].fn == 2
    assert "argument: attacker" not in result.scores


def test_wikievents_the_source_of_an_arrest_is_no_attacker(fixtures_dir, build):
    police = build["actor"](TEXT, "police", "police", kind="state", mention="Police")
    rebels = build["actor"](TEXT, "rebels", "rebels", kind="armed_group", mention="Rebels")
    report = build["report"](TEXT, actors=[rebels, police], places=[], events=[
        {"type": "ASSAULT", "trigger": "bombed", "actors": ["rebels"]},
        {"type": "COERCE", "trigger": "arrested", "actors": ["police"]},  # Jailer: not an attacker role
    ])
    result = run(fixtures_dir / "wikievents.jsonl", extract=build["fake"]({TEXT: report}))
    assert result.scores["event (trigger+type)"].tp == 2
    attacker = result.scores["argument: attacker"]
    assert (attacker.tp, attacker.fp, attacker.fn) == (1, 0, 0)
