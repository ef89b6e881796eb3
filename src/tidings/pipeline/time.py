"""The ``tidings_time`` spaCy component: every time expression of the Doc, dated against ``doc._.published``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tidings.pipeline.annotations import published_of, register_extensions
from tidings.time.extract import TimeTagger
from tidings.time.lexicon import load_lexicon


class TimeComponent:
    """Writes ``doc._.time_mentions``: :class:`TimeExpression` records in text order.

    Needs the tagger, parser and NER to have run (it reads tags, the parse and
    DATE/TIME entities). Relative expressions get value None and a reason when
    ``doc._.published`` is None; absolute ones still resolve.
    """

    def __init__(self, nlp: Language, name: str = "tidings_time", *, patterns_path: str | None = None) -> None:
        register_extensions()
        self.name = name
        self.tagger = TimeTagger(nlp.vocab, nlp.tokenizer, load_lexicon(patterns_path))

    def __call__(self, doc: Doc) -> Doc:
        doc._.time_mentions = self.tagger(doc, published_of(doc))
        return doc


@Language.factory(
    "tidings_time",
    assigns=["doc._.time_mentions"],
    requires=["doc.ents"],
    default_config={"patterns_path": None},
)
def make_time_component(nlp: Language, name: str, patterns_path: str | None) -> TimeComponent:
    """Factory: ``nlp.add_pipe("tidings_time", after="ner")``; ``patterns_path`` swaps in another YAML."""
    return TimeComponent(nlp, name, patterns_path=patterns_path)


__all__ = ["TimeComponent", "make_time_component"]
