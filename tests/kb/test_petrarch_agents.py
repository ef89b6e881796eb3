"""PETRARCH agents dictionaries: role words that add a sector code to an actor's code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.kb.petrarch_agents import agent_codes, apply_agents, read_petrarch_agents

AGENTS = """<!-- our own test agents -->
!OFFICE! = MINISTER, MINISTERS, MINISTRY
GOVERNMENT  [~GOV]  # comment
FOREIGN_MINISTER [~GOVFRM]
!OFFICE!_OF_FISHERIES [~GOV]
RELIEF_CHARITY {} [NGO~]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
PARTY [~PTY]
"""


@pytest.fixture()
def agents(tmp_path: Path):
    path = tmp_path / "agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    return read_petrarch_agents(path)


def _forms(agents):
    return {" ".join(a.words): a for a in agents}


def test_petrarch_agents_plurals_braces_and_substitutions(agents):
    forms = _forms(agents)
    assert {"government", "governments", "golden geese", "parties", "ministry of fisheries"} <= set(forms)
    assert "relief charities" not in forms  # {} means no plural
    assert "golden gooses" not in forms


def test_petrarch_agents_prefix_and_suffix(agents):
    forms = _forms(agents)
    assert forms["relief charity"].prefix and forms["relief charity"].code == "NGO"
    assert not forms["government"].prefix


@pytest.mark.parametrize(("words", "code"), [
    (["'s", "government"], "ARNGOV"),
    (["'s", "foreign", "minister"], "ARNGOVFRM"),  # the longer agent wins over "minister"
    (["A", "relief", "charity", "government"], "NGOARNGOV"),
    (["the", "people"], "ARN"),
])
def test_petrarch_agents_compose_codes(agents, words, code):
    assert apply_agents("ARN", agent_codes(words, agents)) == code


def test_petrarch_agents_do_not_repeat_a_sector(agents):
    assert apply_agents("ARNGOV", agent_codes(["government"], agents)) == "ARNGOV"
