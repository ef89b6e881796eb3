"""The PolNeAR/PARC-style attribution scorer on a tiny hand-made gold file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.evaluate.attribution import Attribution, evaluate_file, read_gold, run, score_document
from tidings.evaluate.metrics import EvalResult
from tidings.model import Article, Report, Source, Statement, TextSpan

GOLD = Path(__file__).parent / "fixtures" / "attribution.jsonl"


def _statement(text: str, source: str, cue: str, content: str) -> Statement:
    def span(part: str) -> TextSpan:
        k = text.index(part)
        return TextSpan(k, k + len(part), part)

    return Statement(id=cue, speaker=Source(name=source, kind="person", span=span(source)), cue=span(cue),
                     content=span(content))


def test_attribution_scorer_reads_gold_fixture() -> None:
    documents = list(read_gold(GOLD))
    assert [d.id for d in documents] == ["att-1", "att-2", "att-3"]
    first = documents[0]
    source = first.attributions[0].source
    assert source is not None and first.text[source[0]:source[1]] == "Egyptian officials"
    assert documents[1].attributions[1].source is None  # "reportedly": no named source


def test_attribution_scorer_exact_and_overlap_counts() -> None:
    gold = next(iter(read_gold(GOLD)))
    text = gold.text
    predicted = [
        Attribution(source=(text.index("officials"), text.index("officials") + 9),  # overlaps, not exact
                    cue=(text.index("said"), text.index("said") + 4), content=(0, 29)),
        Attribution(source=(text.index("Elaph"), text.index("Elaph") + 5), cue=None, content=None),  # wrong
    ]
    result = EvalResult("attribution", "fixture")
    score_document(result, gold, predicted)
    assert (result.scores["source (exact)"].tp, result.scores["source (exact)"].fp,
            result.scores["source (exact)"].fn) == (0, 2, 2)
    assert (result.scores["source (overlap)"].tp, result.scores["source (overlap)"].fn) == (1, 1)
    assert result.scores["cue (exact)"].tp == 1 and result.scores["cue (exact)"].fn == 1
    assert result.scores["source+cue (overlap)"].tp == 1
    assert result.scores["source+cue (exact)"].tp == 0
    assert result.scores["cue (overlap)"].f1 == pytest.approx(2 / 3)


def test_attribution_scorer_runs_with_a_fake_extract() -> None:
    def fake(text: str, *, published=None, actors=None) -> Report:
        statements = []
        if "Egyptian officials said" in text:
            statements.append(_statement(text, "Egyptian officials", "said", "Hamas attacked the checkpoint"))
        return Report(Article(text=text), [], [], [], [], [], statements)

    result = run(GOLD, extract=fake)
    assert result.records == 3 and result.stats["gold_attributions"] == 5
    assert result.scores["source+cue (exact)"].tp == 1
    assert result.scores["source (exact)"].fn == 3  # the null source of "reportedly" is not counted as a source
    assert result.scores["cue (exact)"].fn == 4


def test_attribution_scorer_rejects_bad_gold(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "abc", "attributions": [{"source": [2, 1], "cue": null, "content": null}]}\n')
    with pytest.raises(InputError, match="span"):
        list(read_gold(bad))
    with pytest.raises(InputError, match="no gold data"):
        evaluate_file("attribution", tmp_path / "missing.jsonl")


def test_attribution_scorer_real_pipeline_on_fixture(nlp) -> None:
    result = run(GOLD)
    assert result.stats["pipeline_errors"] == 0
    # the hand-made sentences are ones the finder handles: every named source is found at least by overlap
    assert result.scores["source (overlap)"].recall == 1.0
    assert result.scores["cue (exact)"].recall is not None and result.scores["cue (exact)"].recall >= 0.75
