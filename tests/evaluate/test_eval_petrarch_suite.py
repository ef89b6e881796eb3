from __future__ import annotations

from tidings.evaluate.petrarch_suite import CodeBook, parse_records, predicted_codings, run, score_record
from tidings.evaluate.metrics import EvalResult
from tidings.kb.petrarch import read_petrarch_actors


def _records(fixtures_dir):
    return {r.id: r for r in parse_records((fixtures_dir / "petr_records.xml").read_text())}


def test_petrarch_suite_parses_records_and_skips_comments(fixtures_dir):
    records = _records(fixtures_dir)
    assert list(records) == ["T-01", "T-02", "T-03", "T-04"]
    assert records["T-02"].noevents and not records["T-02"].codings
    assert records["T-01"].codings[0].type == "ASSAULT"
    assert records["T-04"].codings[0].type is None


def _reports(fixtures_dir, build):
    text1 = "Lilliput attacked Blefuscu."
    lil, blf = (build["actor"](text1, "lilliput", "Lilliput"), build["actor"](text1, "blefuscu", "Blefuscu"))
    text3 = "Lilliput and Blefuscu held talks by telephone."
    text4 = "Lilliput did something odd to Blefuscu."
    return {
        text1: build["report"](text1, actors=[lil, blf], events=[
            {"type": "ASSAULT", "trigger": "attacked", "actors": ["lilliput"], "recipients": ["blefuscu"]},
            {"type": "THREATEN", "trigger": "attacked", "actors": ["lilliput"], "recipients": ["blefuscu"]}]),
        "Lilliput is an island.": build["report"]("Lilliput is an island."),
        # one event with both parties on one side meets a reciprocal pair of codings
        text3: build["report"](text3, actors=[build["actor"](text3, "lilliput", "Lilliput"),
                                              build["actor"](text3, "blefuscu", "Blefuscu")],
                               events=[{"type": "CONSULT", "trigger": "talks", "actors": ["lilliput", "blefuscu"]}]),
        text4: build["report"](text4, actors=[build["actor"](text4, "lilliput", "Lilliput"),
                                              build["actor"](text4, "blefuscu", "Blefuscu")],
                               events=[{"type": "COERCE", "trigger": "did", "actors": ["lilliput"],
                                        "recipients": ["blefuscu"]}]),
    }


def test_petrarch_suite_counts_correct_extra_null_and_reciprocal(fixtures_dir, build):
    fake = build["fake"](_reports(fixtures_dir, build))
    result = run(fixtures_dir / "petr_records.xml", extract=fake)
    assert fake.calls[0]["actors"] and str(fake.calls[0]["actors"][0]).endswith(".jsonl")
    assert result.stats["correct"] == 3  # T-01 and both reciprocal codings of T-03
    assert result.stats["extra"] == 1  # the THREATEN in T-01
    assert result.stats["null"] == 1
    assert result.stats["unmapped codings"] == 1
    event = result.scores["event (type+source+target)"]
    assert (event.tp, event.fp, event.fn) == (3, 1, 0)
    # the unmappable 903 still gives actor-pair credit
    assert result.scores["actors only (source+target)"].tp == 4
    assert result.accuracies["records fully right"].correct == 2  # T-02 null and T-03


def test_petrarch_suite_no_event_and_event_where_none_expected(fixtures_dir):
    records = _records(fixtures_dir)
    result = EvalResult("petrarch", "x")
    score_record(result, records["T-01"], [])
    score_record(result, records["T-02"], [("ASSAULT", {"LIL"}, {"BLF"})])
    assert result.stats["not coded"] == 1 and result.stats["extra"] == 1
    assert {m.kind for m in result.misses} == {"no event", "event where none is expected"}


def test_petrarch_suite_codebook_uses_dated_codes(fixtures_dir, build):
    from datetime import date

    book = CodeBook(read_petrarch_actors(fixtures_dir / "petr_actors.txt"))
    text = "Gulliver attacked France."
    report = build["report"](text, actors=[build["actor"](text, "gulliver", "Gulliver"),
                                           build["actor"](text, "france_builtin", "France", country="FRA")],
                             events=[{"type": "ASSAULT", "trigger": "attacked", "actors": ["gulliver"],
                                      "recipients": ["france_builtin"]}])
    assert predicted_codings(report, book, date(2005, 1, 1))[0][:3] == ("ASSAULT", {"LILGOV"}, {"FRA"})
    assert predicted_codings(report, book, date(1990, 1, 1))[0][1] == {"LIL"}


def test_petrarch_suite_future_agree_meets_expected_cooperation(fixtures_dir):
    from tidings.evaluate.petrarch_suite import Coding, PetrRecord, Predicted

    record = PetrRecord("F-01", None, "Lilliput is about to restore ties with Blefuscu.",
                        [Coding("064", "COOPERATE", "LIL", "BLF")], False)
    result = EvalResult("petrarch", "x")
    score_record(result, record, [Predicted("AGREE", {"LIL"}, {"BLF"}, future=True)])
    assert result.stats["correct"] == 1 and result.stats["met by PLOVER future rule"] == 1
    strict = EvalResult("petrarch", "x")
    score_record(strict, record, [Predicted("AGREE", {"LIL"}, {"BLF"}, future=False)])
    assert strict.stats.get("correct") is None


def test_petrarch_suite_codebook_adds_agents_from_the_phrase(fixtures_dir, build, tmp_path):
    from tidings.kb.petrarch_agents import read_petrarch_agents

    agents = tmp_path / "agents.txt"
    agents.write_text("MINISTER [~GOV]\nMSF {} [NGO~]\n", encoding="utf-8")
    book = CodeBook(read_petrarch_actors(fixtures_dir / "petr_actors.txt"), read_petrarch_agents(agents))
    text = "Blefuscu's minister attacked Lilliput."
    report = build["report"](text, actors=[build["actor"](text, "blefuscu", "Blefuscu"),
                                           build["actor"](text, "lilliput", "Lilliput")],
                             events=[{"type": "ASSAULT", "trigger": "attacked", "actors": ["blefuscu"],
                                      "recipients": ["lilliput"]}])
    words = {"blefuscu": ["'s", "minister"], "lilliput": []}
    coded = predicted_codings(report, book, None, lambda rep, event, actor: words[actor])
    assert coded[0][1] == {book.code(report, "blefuscu", None) + "GOV"}


def test_petrarch_suite_codebook_codes_every_actor_of_a_compound_entry(fixtures_dir, build):
    book = CodeBook(read_petrarch_actors(fixtures_dir / "petr_actors.txt"))
    text = "The Flying Island attacked Lilliput."
    report = build["report"](text, actors=[build["actor"](text, "flying_island", "Flying Island"),
                                           build["actor"](text, "lilliput", "Lilliput")],
                             events=[{"type": "ASSAULT", "trigger": "attacked", "actors": ["flying_island"],
                                      "recipients": ["lilliput"]}])
    # PETRARCH codes "FLYING_ISLAND [LAP/BAL]" as two actors: one event meets both codings
    assert predicted_codings(report, book, None)[0][:3] == ("ASSAULT", {"LAP", "BAL"}, {"LIL"})
