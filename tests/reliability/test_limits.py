"""The length cap and the language check: reported, configurable, and never in English news's way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.readers.corpus import iter_corpus, iter_file
from tidings.readers.limits import MAX_CHARS, max_chars_setting, not_english, truncate
from tidings.readers.text import article_from_text

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ("Le gouvernement a annoncé mardi que les forces armées avaient lancé une opération contre les groupes "
          "armés dans le nord du pays, selon un communiqué publié par le ministère de la Défense. Les combats ont "
          "fait au moins douze morts parmi les civils, a indiqué une source locale à l'agence, qui a demandé à ne "
          "pas être nommée. Les habitants ont fui vers les villages voisins pendant la nuit.")
ARABIC = "أعلنت الحكومة يوم الثلاثاء أن القوات المسلحة بدأت عملية ضد الجماعات المسلحة في شمال البلاد. " * 3
ENGLISH = ("Hamas fired rockets at Israel on Sunday, the army said, and Israeli jets struck targets in Gaza "
           "overnight. Three people were killed in Khan Younis, according to the health ministry, which "
           "gave no further details. ") * 2


def test_limits_default_cap_is_200000_characters(monkeypatch) -> None:
    monkeypatch.delenv("TIDINGS_MAX_CHARS", raising=False)
    assert MAX_CHARS == 200_000 and max_chars_setting() == 200_000


def test_limits_long_article_is_cut_at_a_boundary_and_the_cut_reported() -> None:
    text = "Hamas fired rockets at Israel on Sunday.\n" * 6000  # 246,000 characters
    article = article_from_text(text)
    assert len(article.text) <= 200_000 and article.text.endswith("Sunday.")
    assert any("truncated" in w and "200,000" in w for w in article.warnings)


def test_limits_cap_is_configurable_by_argument_and_environment(monkeypatch) -> None:
    text = "Hamas fired rockets at Israel on Sunday. " * 100
    assert len(article_from_text(text, max_chars=500).text) <= 500
    monkeypatch.setenv("TIDINGS_MAX_CHARS", "300")
    cut = article_from_text(text)
    assert len(cut.text) <= 300 and any("truncated" in w for w in cut.warnings)
    monkeypatch.setenv("TIDINGS_MAX_CHARS", "0")  # no cap
    assert article_from_text(text).text == text


def test_limits_short_article_is_left_alone() -> None:
    assert truncate("Hamas fired.") == ("Hamas fired.", None)


def test_limits_truncation_warning_reaches_the_report(run, monkeypatch) -> None:
    monkeypatch.setenv("TIDINGS_MAX_CHARS", "120")
    report = run("Hamas fired rockets at Israel on Sunday. " * 10)
    assert any("truncated" in w for w in report.warnings)
    assert len(report.article.text) <= 120


@pytest.mark.parametrize("text", [FRENCH, ARABIC])
def test_limits_other_languages_are_detected(text: str) -> None:
    assert (not_english(text) or "").startswith("not English")


@pytest.mark.parametrize("text", [ENGLISH, "Hamas fired.", "", "12 34 56", "Gaza City – Khan Younis – Rafah"])
def test_limits_english_and_short_texts_are_not_flagged(text: str) -> None:
    assert not_english(text) is None


def test_limits_no_demo_article_is_flagged_as_foreign() -> None:
    items = list(iter_corpus([ROOT / "demo" / "articles"]))
    assert items and not [i.skipped for i in items if i.skipped]
    for item in items:
        assert item.article is not None and not_english(item.article.text) is None


def test_limits_corpus_skips_a_foreign_article_with_its_reason_unless_forced(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("TIDINGS_ANY_LANGUAGE", raising=False)
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}) for t in (ENGLISH, FRENCH)) + "\n", encoding="utf-8")
    items = list(iter_file(path))
    assert items[0].article is not None
    assert items[1].article is None and "not English" in (items[1].skipped or "") and items[1].origin.endswith(":2")
    assert all(i.article is not None for i in iter_file(path, force_language=True))
    monkeypatch.setenv("TIDINGS_ANY_LANGUAGE", "1")
    assert all(i.article is not None for i in iter_file(path))


def test_limits_extract_of_a_foreign_text_warns(run) -> None:
    report = run(FRENCH)
    assert any(w.startswith("not English") for w in report.warnings)
