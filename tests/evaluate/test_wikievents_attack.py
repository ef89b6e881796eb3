"""WikiEvents: Conflict.Attack detection and its two sides, and gold offsets that drift."""

from __future__ import annotations

import json

from tidings.evaluate.wikievents import load_gold, run

TEXT = "Rebels bombed the market in Blefuscu. Police arrested two men. The mayor spoke on radio."


def test_wikievents_offsets_follow_sentences_joined_without_separator(tmp_path) -> None:
    # the token offsets count a separator between sentences that "text" does not hold
    first, second = "Rebels bombed the market.", "Police arrested two men."
    row = {
        "doc_id": "J", "text": first + second, "tokens": [],
        "sentences": [[[["Rebels", 0, 6], ["bombed", 7, 13], ["the", 14, 17], ["market", 18, 24], [".", 24, 25]], first],
                      [[["Police", 26, 32], ["arrested", 33, 41], ["two", 42, 45], ["men", 46, 49], [".", 49, 50]],
                       second]],
        "entity_mentions": [{"id": "J-T1", "start": 5, "end": 6, "entity_type": "ORG", "text": "Police"}],
        "event_mentions": [{"id": "J-E1", "event_type": "Justice.ArrestJailDetain.Unspecified",
                            "trigger": {"start": 6, "end": 7, "text": "arrested"},
                            "arguments": [{"entity_id": "J-T1", "role": "Jailer", "text": "Police"}]}],
    }
    path = tmp_path / "drift.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (doc,) = load_gold(path)
    start, end = doc.events[0].trigger
    assert doc.text[start:end] == "arrested"


def test_wikievents_attack_detection_and_sides(fixtures_dir, build) -> None:
    rebels = build["actor"](TEXT, "rebels", "rebels", kind="armed_group", mention="Rebels")
    report = build["report"](TEXT, actors=[rebels], events=[
        {"type": "ASSAULT", "trigger": "bombed", "actors": ["rebels"]},
        {"type": "ASSAULT", "trigger": "arrested"},  # an ASSAULT on an arrest: a false attack
        {"type": "COERCE", "trigger": "men"},  # not an ASSAULT: not in the attack rows at all
    ])
    result = run(fixtures_dir / "wikievents.jsonl", extract=build["fake"]({TEXT: report}))
    attack = result.scores["attack detection (Conflict.Attack)"]
    assert (attack.tp, attack.fp, attack.fn) == (1, 1, 0)
    assert result.scores["attack: attacker"].tp == 1
    assert result.scores["attack: target"].fn == 1  # the market is not among our recipients


def test_wikievents_attack_missed(fixtures_dir, build) -> None:
    result = run(fixtures_dir / "wikievents.jsonl", extract=build["fake"]({TEXT: build["report"](TEXT)}))
    attack = result.scores["attack detection (Conflict.Attack)"]
    assert (attack.tp, attack.fp, attack.fn) == (0, 0, 1)
