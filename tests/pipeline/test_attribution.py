"""Source chains and claim status on sentences we wrote."""

import pytest


def _chain(event) -> list[tuple[str, str]]:
    return [(s.name, s.kind) for s in event.attribution]


def test_attribution_reporter_citing_anonymous_sources(run) -> None:
    report = run("Hamas has been treating wounded fighters of the Islamic State's Sinai Province in hospitals in "
                 "the Gaza Strip, The Times of Israel's Arab affairs correspondent Avi Issacharoff reported Sunday, "
                 "citing Arab sources.", outlet="The Jerusalem Post")
    event = next(e for e in report.events if e.type == "AID")
    assert _chain(event) == [("The Jerusalem Post", "outlet"), ("The Times of Israel", "outlet"),
                             ("Avi Issacharoff", "reporter"), ("Arab sources", "anonymous")]
    assert event.status == "reported"
    assert event.attribution[-1].cue.text == "citing"


def test_attribution_nested_told_outlet_puts_outlet_above_speaker(run) -> None:
    report = run("Israeli sources told Elaph that Israel had shared aerial photographs with the Egyptian military.")
    event = next(e for e in report.events if e.type == "COOPERATE")
    assert _chain(event)[-2:] == [("Elaph", "outlet"), ("Israeli sources", "anonymous")]
    assert event.attribution[-1].actor == "israel"


def test_attribution_according_to(run) -> None:
    report = run("According to residents, Egyptian troops demolished homes in Rafah.")
    event = report.events[0]
    assert event.status == "reported" and event.attribution[-1].kind == "anonymous"
    assert event.attribution[-1].name.lower() == "residents"


def test_attribution_the_sources_points_back_to_earlier_sources(run) -> None:
    text = ("Hamas treats fighters in Gaza, Arab sources said. The sources said that Hamas was giving "
            "weapons to Sinai Province.")
    event = next(e for e in run(text).events if e.type == "AID" and "giving" in e.trigger.text)
    assert event.attribution[-1].name == "Arab sources"


def test_attribution_three_deep_chain(run) -> None:
    text = ("Reuters reported, citing a security official, that residents said Boko Haram fighters "
            "attacked the village of Gwoza.")
    event = next(e for e in run(text, outlet="AFP").events if e.type == "ASSAULT")
    names = [s.name for s in event.attribution]
    assert names[0] == "AFP" and "Reuters" in names and names[-1].lower() == "residents"
    assert len(names) >= 4


@pytest.mark.parametrize(
    "text, status",
    [
        ("Hamas denied attacking the Egyptian army checkpoint.", "denied"),
        ("The Islamic State claimed that it attacked the checkpoint.", "claimed"),
        ("Egypt claimed that Hamas attacked the checkpoint.", "alleged"),
        ("Hamas reportedly attacked the checkpoint.", "reported"),
        ("Hamas allegedly attacked the checkpoint.", "alleged"),
        ("Hamas is said to have attacked the checkpoint.", "reported"),
        ("Hamas attacked the checkpoint.", "asserted"),
    ],
)
def test_attribution_status(run, text: str, status: str) -> None:
    events = [e for e in run(text).events if e.type == "ASSAULT"]
    assert events and events[0].status == status, [(e.type, e.status) for e in run(text).events]


def test_attribution_statement_date_differs_from_report_date(run) -> None:
    report = run("In February, a senior Israeli officer told Elaph that Hamas was giving weapons to Sinai Province.",
                 published="2016-12-19")
    statement = next(s for s in report.statements if s.cue.text == "told")
    assert statement.date is not None and statement.date.start.month == 2
    event = next(e for e in report.events if e.type == "AID")
    assert event.date.precision == "reported" and event.date.end.isoformat() == "2016-02-29"


def test_attribution_outlet_and_byline_head_every_chain(run) -> None:
    report = run("Hamas attacked the checkpoint.", outlet="Reuters", byline="Jane Doe")
    assert _chain(report.events[0])[:2] == [("Reuters", "outlet"), ("Jane Doe", "reporter")]
    assert report.events[0].attribution[0].actor == "reuters"


# -- frames, sources and statuses added for issue 6 ------------------------------------------------

def _event(report, event_type: str, word: str):
    return next(e for e in report.events if e.type == event_type and word in e.trigger.text)


def test_attribution_lexicon_has_150_reporting_verbs_and_valid_sources_file() -> None:
    import json
    from pathlib import Path

    import jsonschema
    import yaml

    from tidings.attribution.lexicon import load_reporting_lexicon

    assert len({v.lemma for v in load_reporting_lexicon().verbs.values()}) >= 150
    data = Path(__file__).resolve().parents[2] / "src" / "tidings" / "data"
    schema = json.loads((data / "schemas" / "sources.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8")), schema)


def test_attribution_told_outlet_that(run) -> None:
    report = run("Egyptian officials told Reuters that Hamas attacked the checkpoint.", outlet="AFP")
    assert _chain(_event(report, "ASSAULT", "attacked"))[1:] == [("Reuters", "outlet"), ("Egyptian officials", "anonymous")]


def test_attribution_in_the_words_of(run) -> None:
    event = _event(run("In the words of a Hamas commander, Israeli troops attacked the village."), "ASSAULT", "attacked")
    assert event.status == "reported" and event.attribution[-1].cue.text == "In the words of"
    assert event.attribution[-1].actor == "hamas"


def test_attribution_open_letter_is_a_document_source(run) -> None:
    report = run("Hamas's open letter complained that Israeli troops attacked the village.")
    statement = next(s for s in report.statements if s.cue.text == "complained")
    assert (statement.speaker.kind, statement.speaker.actor) == ("document", "hamas")
    attacks = [e for e in report.events if e.type == "ASSAULT"]
    if not attacks:
        pytest.xfail("the events stage folds the complained-of act into the ACCUSE event (roles.yaml embedding_types)")
    assert attacks[0].attribution[-1].kind == "document" and attacks[0].status == "reported"


def test_attribution_passive_hedge_clear_to(run) -> None:
    event = _event(run("It has become clear to Egyptian intelligence that Hamas attacked the checkpoint."),
                   "ASSAULT", "attacked")
    assert event.status == "reported" and event.attribution[-1].actor == "egypt_intelligence"


@pytest.mark.parametrize("text", ["Hamas is believed to have attacked the checkpoint.",
                                  "Hamas reportedly attacked the checkpoint."])
def test_attribution_hedges_lower_confidence(run, text: str) -> None:
    hedged = _event(run(text), "ASSAULT", "attack")
    plain = _event(run("Hamas attacked the checkpoint."), "ASSAULT", "attacked")
    assert hedged.status == "reported" and hedged.attribution[-1].kind == "anonymous"
    assert hedged.confidence < plain.confidence


def test_attribution_anonymous_source_keeps_description_and_nationality(run) -> None:
    report = run("A senior Egyptian officer who spoke on condition of anonymity said Hamas attacked the checkpoint.")
    source = _event(report, "ASSAULT", "attacked").attribution[-1]
    assert source.kind == "anonymous" and source.actor is not None and source.actor.startswith("egypt")
    assert "condition of anonymity" in source.description


def test_attribution_named_person_keeps_role(run) -> None:
    report = run("\"Israeli troops attacked the village at dawn,\" said Ahmed Yousef, a Hamas spokesman.")
    source = _event(report, "ASSAULT", "attacked").attribution[-1]
    assert (source.name, source.kind, source.actor, source.description) == (
        "Ahmed Yousef", "person", "hamas", "a Hamas spokesman")


def test_attribution_quote_speaker_named_two_sentences_earlier(run) -> None:
    text = ("Ahmed Yousef, a Hamas spokesman, spoke to reporters on Monday. He was angry. "
            "\"Israeli troops attacked the village at dawn.\"")
    event = _event(run(text), "ASSAULT", "attacked")
    assert event.status == "reported" and event.attribution[-1].name == "Ahmed Yousef"


def test_attribution_quote_continued_over_paragraphs(run) -> None:
    text = ("\"Israeli troops attacked the village at dawn,\" said Ahmed Yousef, a Hamas spokesman.\n\n"
            "\"They came from the north and stayed for hours.\n\n"
            "\"Then Israeli troops attacked the school.\"")
    report = run(text)
    events = [e for e in report.events if e.type == "ASSAULT"]
    assert len(events) >= 2 and all(e.attribution[-1].name == "Ahmed Yousef" for e in events)


def test_attribution_pronoun_points_to_anonymous_speaker(run) -> None:
    text = ("\"We held them for three hours,\" the soldier said. He said ISWAP fighters attacked the base.")
    event = _event(run(text), "ASSAULT", "attacked")
    assert event.attribution[-1].name == "soldier"


def test_attribution_nested_chain_three_deep_named(run) -> None:
    text = "Reuters reported that Egyptian officials told Al Jazeera that Hamas attacked the checkpoint."
    names = [s.name for s in _event(run(text, outlet="AFP"), "ASSAULT", "attacked").attribution]
    assert names == ["AFP", "Reuters", "Al Jazeera", "Egyptian officials"]


def test_attribution_citing_hung_inside_the_content(run) -> None:
    text = "Somali state media reported, citing police, that Al Shabaab militants attacked the hotel."
    event = _event(run(text), "ASSAULT", "attacked")
    assert _chain(event)[-2:] == [("Somali state media", "outlet"), ("police", "anonymous")]
    assert event.attribution[-1].cue.text == "citing"


def test_attribution_responsibility_claim_gives_claimant_and_status(run) -> None:
    event = _event(run("The Islamic State claimed responsibility for the attack on Egyptian soldiers."),
                   "ASSAULT", "attack")
    assert event.status == "claimed" and event.actors == ["islamic_state"]
    assert event.status_cue.text == "claimed"


def test_attribution_responsibility_claim_refers_back_to_earlier_event(run) -> None:
    text = "Militants killed five Egyptian soldiers in El Arish on Sunday. The Islamic State claimed responsibility for the attack."
    event = _event(run(text), "ASSAULT", "killed")
    assert event.status == "claimed" and event.actors == ["islamic_state"]
    assert event.attribution[-1].name == "Islamic State"


def test_attribution_denial_of_role_adds_denied_actor(run) -> None:
    event = _event(run("Hamas denied any role in the clashes with Fatah in Gaza."), "ASSAULT", "clashes")
    assert event.status == "denied" and "hamas" in event.actors
    assert event.status_cue.text == "denied"


def test_attribution_accusation_keeps_the_accused_act(run) -> None:
    report = run("Egypt accused Hamas of attacking Egyptian soldiers.")
    accuse = _event(report, "ACCUSE", "accused")
    assert accuse.actors == ["egypt"] and accuse.recipients == ["hamas"] and accuse.status == "asserted"
    attacks = [e for e in report.events if e.type == "ASSAULT"]
    if not attacks:
        pytest.xfail("the events stage folds the accused act into the ACCUSE event (roles.yaml embedding_types)")
    assert attacks[0].status == "alleged" and attacks[0].actors == ["hamas"]
    assert attacks[0].attribution[-1].name == "Egypt"


def test_attribution_says_keeps_attack_and_reports_it(run) -> None:
    report = run("Egyptian officials said Hamas attacked the checkpoint.")
    event = _event(report, "ASSAULT", "attacked")
    assert event.actors == ["hamas"] and event.status == "reported"
    statement = next(s for s in report.statements if s.cue.text == "said")
    assert statement.speaker.name == "Egyptian officials"


def test_attribution_not_a_frame_without_clause(run) -> None:
    report = run("Somalia says its offensive against al-Shabaab will continue.")
    assert all(s.cue.text != "continue" for s in report.statements)


def test_attribution_statement_date_differs_from_event_date(run) -> None:
    text = "On Tuesday, Egyptian officials told Reuters that Hamas attacked the checkpoint on Sunday."
    report = run(text, published="2016-12-21")
    statement = next(s for s in report.statements if s.cue.text == "told")
    event = _event(report, "ASSAULT", "attacked")
    assert statement.date.start.isoformat() == "2016-12-20"
    assert event.date.start.isoformat() == "2016-12-18"


# -- the demo corpus: articles that relay other reports --------------------------------------------
# Chosen by reading each article: every event the text puts in the mouth of a cited source, and the
# source its chain must end at. 01 relays The Times of Israel (and Elaph); 06 and 19 relay what
# sources told the outlet itself; 16 relays TASS. 04 and 13 relay state media whose relayed
# sentences hold no event, so they are checked through their statements below.

DEMO_RELAYED = [
    ("01-hamas-sinai-province.txt", "AID", "treating", "Arab sources", ["The Times of Israel", "Avi Issacharoff"]),
    ("01-hamas-sinai-province.txt", "AID", "helping", "Arab sources", []),
    ("01-hamas-sinai-province.txt", "ACCUSE", "confronted", "Arab sources", []),
    ("01-hamas-sinai-province.txt", "AID", "giving weapons", "Yoav Mordechai", ["Elaph"]),
    ("01-hamas-sinai-province.txt", "COOPERATE", "shared", "Israeli sources", ["Elaph"]),
    ("06-marte-base-attack-afp.txt", "ASSAULT", "overran", "two militia leaders", []),
    ("06-marte-base-attack-afp.txt", "ASSAULT", "stormed", "militia sources", []),
    ("06-marte-base-attack-afp.txt", "ASSAULT", "killed", "Babakura Kolo", []),  # the quote's second sentence
    ("19-makhmour-is-attack-joint-patrols.txt", "ASSAULT", "attacked", "a Peshmerga commander", []),
    pytest.param("16-ukraine-russia-prisoner-swap.txt", "CONCEDE", "released", "the defence ministry in Moscow",
                 ["TASS"], marks=pytest.mark.xfail(
                     reason="the events stage codes no event for '248 Russian servicemen had been released by Kyiv'",
                     strict=True)),
]


def _demo(name: str):
    from pathlib import Path

    from tidings.api import extract_file

    cache = _demo.__dict__.setdefault("cache", {})
    if name not in cache:
        cache[name] = extract_file(Path(__file__).resolve().parents[2] / "demo" / "articles" / name)
    return cache[name]


@pytest.mark.parametrize("article, event_type, word, last, via", DEMO_RELAYED)
def test_attribution_demo_relayed_events_end_at_cited_source(nlp, article, event_type, word, last, via) -> None:
    report = _demo(article)
    events = [e for e in report.events if e.type == event_type and word in e.trigger.text]
    assert events, f"no {event_type} event on {word!r} in {article}"
    names = [s.name for s in events[0].attribution]
    assert names[0] == report.article.outlet
    assert names[-1] == last, names
    assert all(name in names for name in via), names
    assert events[0].status in ("reported", "claimed")  # 19: IS later claims the attack the commander told


@pytest.mark.parametrize("article, outlet, cited", [
    ("04-mogadishu-lido-hotel-bombing.txt", "Somali state media", "police"),
    ("13-france-withdraws-from-mali.txt", "Malian state television", "a government statement"),
    ("16-ukraine-russia-prisoner-swap.txt", "TASS", "the defence ministry in Moscow"),
])
def test_attribution_demo_relayed_outlet_and_cited_source_are_statements(nlp, article, outlet, cited) -> None:
    statements = _demo(article).statements
    relay = next(s for s in statements if s.speaker.name == outlet and s.cue.text == "reported")
    inner = next(s for s in statements if s.speaker.name == cited and s.cue.text == "citing")
    assert relay.speaker.kind == "outlet"
    assert relay.content.start <= inner.content.start and inner.content.end <= relay.content.end
