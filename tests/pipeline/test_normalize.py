import pytest

from tidings.pipeline.normalize import normalize_text


@pytest.mark.parametrize("raw", ["reported\u00a0Sunday", "a\u200bb", "x\u2009y\r\nz", "tab\there", "\ufeffstart"])
def test_normalize_keeps_length_and_removes_odd_spaces(raw: str) -> None:
    out = normalize_text(raw)
    assert len(out) == len(raw)
    assert not any(c in out for c in "\u00a0\u200b\u2009\r\t\ufeff")


def test_normalize_leaves_plain_text_alone() -> None:
    text = "Hamas denied any role, the sources said.\nNext line."
    assert normalize_text(text) == text
