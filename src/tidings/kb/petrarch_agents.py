"""Reading PETRARCH/TABARI agents dictionaries: role words that add a sector code to an actor.

An agent turns "Arnor" into "Arnor's defence minister" (ARN + GOV = ARNGOV). The
format, as PETRARCH's validation dictionary writes it::

    !MINST! = MINISTER, MINISTERS, MINISTRY   a substitution set, used as !MINST! in names
    GOVERNMENT  [~GOV]                        a name ("_" joins words) and its code:
    MSF {}  [NGO~]                            ~XXX is added after the actor's code, XXX~ before it
    GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]        plurals in braces; {} means no plural; without
                                              braces a regular plural (-s, -es, -ies) is assumed
    # comment   <!-- comment -->

:func:`agent_codes` finds the agents in the words of an actor's noun phrase and
:func:`apply_agents` composes the code, as the dictionary intends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import InputError

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"\[\s*([^\]]*?)\s*\]")
_BRACES = re.compile(r"\{([^}]*)\}")
_SUBSTITUTION = re.compile(r"^\s*!([A-Za-z0-9_]+)!\s*=\s*(.+)$")
_MACRO = re.compile(r"!([A-Za-z0-9_]+)!")


@dataclass(frozen=True, slots=True)
class Agent:
    """One way of writing a role: its words (lower case) and the code it adds before or after."""

    words: tuple[str, ...]
    code: str
    prefix: bool = False
    line: int = 0


def _plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|sh|ch|x|z)$", word):
        return word + "es"
    return word + "s"


def _split(name: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s_]+", name.strip().lower()) if w)


def read_petrarch_agents(path: str | Path) -> list[Agent]:
    """Every written form of every agent (singular and plural, substitutions expanded), in file order."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no PETRARCH agents dictionary at {str(path)!r}: check the path")
    text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), path.read_text(encoding="utf-8", errors="replace"))
    macros: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        substitution = _SUBSTITUTION.match(line)
        if substitution:
            macros[substitution.group(1).upper()] = [w.strip() for w in substitution.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        code = codes[0].replace(" ", "")
        prefix = code.endswith("~") and not code.startswith("~")
        code = code.strip("~").upper()
        if not code:
            continue
        braces = _BRACES.findall(line)
        name = _BRACES.sub(" ", _CODE.sub(" ", line)).strip()
        if not name:
            continue
        names = _expand(name, macros)
        forms: list[tuple[str, ...]] = []
        for written in names:
            words = _split(written)
            if not words:
                continue
            forms.append(words)
            if braces:
                forms.extend(_split(p) for group in braces for p in group.split() if _split(p))
            elif not _MACRO.search(name):  # a substitution set lists its plurals itself
                forms.append((*words[:-1], _plural(words[-1])))
        seen: set[tuple[str, ...]] = set()
        for words in forms:
            if words not in seen:
                seen.add(words)
                agents.append(Agent(words, code, prefix, number))
    return agents


def _expand(name: str, macros: dict[str, list[str]]) -> list[str]:
    match = _MACRO.search(name)
    if not match or match.group(1).upper() not in macros:
        return [name]
    out: list[str] = []
    for value in macros[match.group(1).upper()]:
        out.extend(_expand(name[:match.start()] + " " + value + " " + name[match.end():], macros))
    return out


def agent_codes(words: Iterable[str], agents: list[Agent]) -> list[Agent]:
    """The agents written in these words, longest first, none overlapping ("foreign minister", not "minister")."""
    tokens = [w.lower() for w in words]
    taken: set[int] = set()
    found: list[tuple[int, Agent]] = []
    for agent in sorted(agents, key=lambda a: -len(a.words)):
        n = len(agent.words)
        for start in range(len(tokens) - n + 1):
            span = set(range(start, start + n))
            if tuple(tokens[start:start + n]) == agent.words and not span & taken:
                taken |= span
                found.append((start, agent))
    return [agent for _, agent in sorted(found, key=lambda f: f[0])]


def apply_agents(code: str, agents: list[Agent]) -> str:
    """An actor code with its agents: prefixes before it, suffixes after it, none repeated."""
    for agent in agents:
        triples = [code[i:i + 3] for i in range(0, len(code), 3)]
        if agent.code in triples or (agent.code and code.endswith(agent.code)):
            continue
        code = agent.code + code if agent.prefix else code + agent.code
    return code


__all__ = ["Agent", "read_petrarch_agents", "agent_codes", "apply_agents"]
