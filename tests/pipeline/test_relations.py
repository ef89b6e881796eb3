"""Structural relations read from the text, and relations derived from events."""


def _relations(run, text: str) -> set[tuple[str, str, str, str]]:
    return {(r.a, r.kind, r.b, r.origin) for r in run(text).relations}


def test_relations_military_wing_apposition_is_part_of(run) -> None:
    found = _relations(run, "Fighters of the Izz ad-Din al-Qassam Brigades, Hamas's military wing, fired rockets.")
    assert ("qassam_brigades", "part_of", "hamas", "text") in found


def test_relations_pledged_allegiance_is_affiliate_of(run) -> None:
    found = _relations(run, "Boko Haram pledged allegiance to the Islamic State in 2015.")
    assert ("boko_haram", "affiliate_of", "islamic_state", "text") in found


def test_relations_joining_is_member_of(run) -> None:
    found = _relations(run, "Abu Mohammad al-Julani joined the Islamic State in Iraq.")
    assert any(kind == "member_of" and b == "islamic_state" for _, kind, b, _ in found)


def test_relations_knowledge_base_parent_when_both_are_named(run) -> None:
    found = _relations(run, "The Qassam Brigades and Hamas held a rally in Gaza.")
    assert ("qassam_brigades", "part_of", "hamas", "knowledge_base") in found


def test_relations_events_give_cooperation_and_hostility(run) -> None:
    report = run("Israel shared intelligence with the Egyptian military. Sinai Province attacked the Egyptian army.")
    kinds = {(r.a, r.kind, r.b) for r in report.relations if r.origin == "events"}
    assert ("israel", "cooperation", "egypt_military") in kinds
    assert ("sinai_province", "hostility", "egypt_military") in kinds
    hostility = next(r for r in report.relations if r.kind == "hostility")
    assert hostility.events and hostility.evidence[0].text.startswith("Sinai Province")


def test_relations_negated_events_make_no_relation(run) -> None:
    report = run("Hamas did not attack Israel.")
    assert not [r for r in report.relations if r.origin == "events"]
