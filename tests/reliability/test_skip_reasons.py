"""`tidings ingest` says what it skipped, failed or cut, and why: nothing is dropped silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.readers.corpus import EMPTY, MALFORMED, NOT_ENGLISH, iter_corpus

FRENCH = ("Le gouvernement a annoncé mardi que les forces armées avaient lancé une opération contre les groupes "
          "armés dans le nord du pays, selon un communiqué publié par le ministère de la Défense. Les combats ont "
          "fait au moins douze morts parmi les civils, a indiqué une source locale à l'agence, qui a demandé à ne "
          "pas être nommée. Les habitants ont fui vers les villages voisins pendant la nuit.")
ENGLISH = "Clashes in Gaza\nHamas fired rockets at Israel on Sunday, the army said."
LONG = "Long report\n" + "Hamas fired rockets at Israel on Sunday, the army said. " * 20


def _corpus(path: Path) -> Path:
    lines = [json.dumps({"text": ENGLISH, "published": "2020-01-05"}),
             json.dumps({"text": FRENCH}),
             "{not json",
             json.dumps({"text": "   "}),
             json.dumps({"text": LONG, "published": "2020-01-06"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_skip_reasons_ingest_lists_every_skip_failure_and_cut_by_reason(nlp, tmp_path, tidings_main) -> None:
    corpus = _corpus(tmp_path / "news.jsonl")
    code, out, err = tidings_main(["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb"), "-q", "--max-chars", "600"])
    assert code == 0, err
    assert "2 added" in out and "2 failed" in out
    assert "not English: 1 skipped" in err and f"{corpus}:2: not English" in err and "--force-language" in err
    assert "malformed: 1 failed" in err and f"{corpus}:3: not valid JSON" in err
    assert "empty: 1 failed" in err and f"{corpus}:4: no text" in err
    assert "truncated: 1 added but cut at the length cap" in err and f"{corpus}:5:" in err and "600" in err


def test_skip_reasons_json_summary_lists_the_problems(nlp, tmp_path, tidings_main) -> None:
    corpus = _corpus(tmp_path / "news.jsonl")
    code, out, err = tidings_main(["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb"), "-q", "--format", "json",
                                   "--force-language"])
    assert code == 0, err
    summary = json.loads(out)[0]
    kinds = {(p["kind"], p["outcome"], p["origin"].rsplit(":", 1)[1]) for p in summary["problems"]}
    assert kinds == {(MALFORMED, "failed", "3"), (EMPTY, "failed", "4")}  # French forced in; nothing cut
    assert summary["added"] == 3


def test_skip_reasons_corpus_items_carry_their_kind(tmp_path) -> None:
    items = list(iter_corpus([_corpus(tmp_path / "news.jsonl")], force_language=False, max_chars=600))
    assert [i.kind for i in items] == [None, NOT_ENGLISH, MALFORMED, EMPTY, None]
    assert any("were truncated" in w for w in items[4].article.warnings)


@pytest.mark.parametrize("forced", [False, True])
def test_skip_reasons_extract_file_refuses_foreign_text_unless_forced(nlp, tmp_path, forced) -> None:
    from tidings import extract_file
    from tidings.errors import NotEnglish

    path = tmp_path / "fr.txt"
    path.write_text("Combats dans le nord\n" + FRENCH, encoding="utf-8")
    if forced:
        assert extract_file(path, force_language=True).article.text.startswith("Combats")
    else:
        with pytest.raises(NotEnglish, match="not English"):
            extract_file(path)
