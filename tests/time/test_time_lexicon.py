"""The shipped time_patterns.yaml loads, and broken data fails with a DataError that names the place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tidings.errors import DataError
from tidings.time.lexicon import DATA_DIR, DATA_FILE, load_lexicon


def test_lexicon_loads_shipped_data() -> None:
    lex = load_lexicon()
    assert lex.month_of["dec."] == 12
    assert "may" in lex.month_ambiguous
    assert lex.weekday_of["sunday"] == 6
    ramadan = next(h for h in lex.holidays if h.name == "ramadan")
    assert {start.year for start, _ in ramadan.dates} >= set(range(2000, 2036))


def test_lexicon_ramadan_table_is_ordered_and_plausible() -> None:
    ramadan = next(h for h in load_lexicon().holidays if h.name == "ramadan")
    for start, end in ramadan.dates:
        assert 28 <= (end - start).days <= 29  # 29 or 30 days of fasting
    starts = [s for s, _ in ramadan.dates]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda d: d["forms"][0]["sequences"].append(["nonsense_slot"]), "unknown slot"),
        (lambda d: d["months"].pop(), "months"),
        (lambda d: d["forms"][0].update(kind="astrology"), "forms/0/kind"),
    ],
)
def test_lexicon_rejects_broken_data(tmp_path: Path, mutate, fragment: str) -> None:
    raw = yaml.load((DATA_DIR / DATA_FILE).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    for holiday in raw["holidays"]:  # safe_load reads dates as dates; write them back as strings
        if "dates" in holiday:
            holiday["dates"] = [[str(a), str(b)] for a, b in holiday["dates"]]
    mutate(raw)
    path = tmp_path / "time.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(DataError, match=fragment):
        load_lexicon(str(path))
