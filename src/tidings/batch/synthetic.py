"""A generated corpus of short articles, for batch tests and the scaling benchmark.

Generated, not real: a few sentence shapes filled with groups, places and
days, each article unique (its url), several telling the same incident so
the merge has work to do. Written as JSONL, the format crawls come in.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

_GROUPS = ("Al Shabaab", "Hamas", "the Islamic State", "Boko Haram", "the Taliban", "the Houthis")
_CITIES = ("Mogadishu", "Gaza", "Mosul", "Maiduguri", "Kabul", "Sanaa", "Aleppo", "Kandahar")
_TARGETS = ("a police station", "an army checkpoint", "a market", "a military base", "a convoy")
_OUTLETS = ("Reuters", "AFP", "Al Jazeera", "BBC")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LEADS = (
    "{group} fighters attacked {target} in {city} on {day}, killing {n} people, police said.",
    "{group} claimed responsibility for an attack on {target} in {city} on {day}.",
    "Gunmen from {group} opened fire on {target} in {city} on {day}, officials said.",
    "The army said it had arrested {n} members of {group} near {city} on {day}.",
)
_FOLLOW = (
    "The government condemned the attack.",
    "Residents said the shooting lasted for several hours.",
    "The United Nations urged all sides to protect civilians.",
)


def articles(n: int, *, seed: int = 11, outlets: int = 2) -> list[dict[str, str]]:
    """``n`` short articles (~40 words), each incident told by ``outlets`` outlets."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    incident = 0
    while len(rows) < n:
        happened = date(2023, 3, 6) + timedelta(days=incident)
        facts = {"group": rng.choice(_GROUPS), "city": rng.choice(_CITIES), "target": rng.choice(_TARGETS),
                 "n": rng.randint(2, 30), "day": _DAYS[happened.weekday()]}
        for k in range(min(outlets, n - len(rows))):
            title = f"Attack in {facts['city']}"
            body = f"{rng.choice(_LEADS).format(**facts)} {rng.choice(_FOLLOW)}"
            rows.append({"id": f"a{len(rows):05d}", "title": title, "text": f"{title}\n{body}",
                         "outlet": _OUTLETS[k % len(_OUTLETS)], "published": (happened + timedelta(days=1)).isoformat(),
                         "url": f"https://synthetic.invalid/{incident}/{k}"})
        incident += 1
    return rows


def write_corpus(path: str | Path, n: int, *, seed: int = 11, outlets: int = 2) -> Path:
    """Write ``n`` generated articles to a JSONL file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in articles(n, seed=seed, outlets=outlets):
            handle.write(json.dumps(row) + "\n")
    return path


__all__ = ["articles", "write_corpus"]
