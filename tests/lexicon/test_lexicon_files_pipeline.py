"""A user lexicon loaded into the real pipeline (one extra pipeline build for this module)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tidings.api import extract

ENTRY = {"trigger": "mend", "pos": "VERB", "particle": None, "object": ["fence"], "prep": None,
         "compound": None, "type": "CONCEDE", "mode": None, "context": [], "actor": ["subj"],
         "recipient": ["prep:with"], "cameo": "080", "example": "Egypt mended fences with Israel on Sunday."}


def test_lexicon_files_verb_files_code_new_triggers(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump([ENTRY]), encoding="utf-8")
    text = "Egypt mended fences with Israel on Sunday."
    assert not [e for e in extract(text, published="2020-01-05").events if e.type == "CONCEDE"]
    events = [e for e in extract(text, published="2020-01-05", verb_files=[path]).events if e.type == "CONCEDE"]
    assert len(events) == 1 and events[0].cameo == "080"
    assert events[0].actors == ["egypt"] and events[0].recipients == ["israel"]
