"""The title lexicon (titles.yaml): longest title first, portfolios, fields after the title."""

import json
from pathlib import Path

import jsonschema
import yaml

from tidings.kb.titles import field_start, load_titles

DATA = Path(__file__).resolve().parents[2] / "src" / "tidings" / "data"


def test_kb_titles_file_validates_and_suffixes_exist() -> None:
    data = yaml.safe_load((DATA / "titles.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((DATA / "schemas" / "titles.schema.json").read_text(encoding="utf-8")))
    suffixes = {i["suffix"] for i in yaml.safe_load((DATA / "institutions.yaml").read_text())["institutions"]}
    assert {t["suffix"] for t in data["titles"]} <= suffixes
    titles = [t["title"] for t in data["titles"]]
    assert len(titles) == len(set(titles))


def test_kb_titles_longest_title_wins() -> None:
    found = load_titles().ending_at("the opposition leader Ali".split(), 3)
    assert found is not None and (found.start, found.title.sector) == (1, "OPP")


def test_kb_titles_portfolio_takes_its_field_words_but_not_the_nationality() -> None:
    words = "Russian Fisheries and Forestry Minister Ivan".split()
    found = load_titles().ending_at(words, 5, lambda k: k == 0)
    assert found is not None and found.start == 1


def test_kb_titles_field_after_the_title() -> None:
    words = "Minister for Interior Aftab".split()
    assert field_start(words, 3) == 1
    assert field_start("the Interior Aftab".split(), 2) is None


def test_kb_titles_starting_at_reads_multiword_titles() -> None:
    found = load_titles().starting_at(["prime", "minister", "said"], 0)
    assert found is not None and found.end == 2
