"""data/language.yaml validates against its schema."""

from __future__ import annotations

import jsonschema

from tidings.resources import load_schema, load_yaml


def test_language_data_validates_against_its_schema() -> None:
    jsonschema.validate(load_yaml("language.yaml"), load_schema("language.schema.json"))
