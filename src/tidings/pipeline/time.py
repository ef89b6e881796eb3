"""The ``tidings_time`` spaCy component: every time expression of the Doc, dated against ``doc._.published``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tidings.pipeline.annotations import doc_text, published_of, register_extensions
from tidings.time.extract import TimeTagger
from tidings.time.lexicon import load_lexicon
from tidings.time.published import PAGE_REASON, PUBLISHED_KEY, as_published, find_published, mark, page_dates


class TimeComponent:
    """Writes ``doc._.time_mentions``: :class:`TimeExpression` records in text order.

    Needs the tagger, parser and NER to have run (it reads tags, the parse and
    DATE/TIME entities). A publication date printed at the top of the text
    ("INDIANAPOLIS (Dec. 10, 2015) –") is listed with a reason, not a value, so
    no event takes it; when ``doc._.published`` is None it becomes the anchor
    and is kept under ``doc.user_data[PUBLISHED_KEY]``. Without either,
    relative expressions get value None and a reason; absolute ones still resolve.
    """

    def __init__(self, nlp: Language, name: str = "tidings_time", *, patterns_path: str | None = None) -> None:
        register_extensions()
        self.name = name
        self.tagger = TimeTagger(nlp.vocab, nlp.tokenizer, load_lexicon(patterns_path))

    def __call__(self, doc: Doc) -> Doc:
        published = published_of(doc)
        matches = self.tagger.finder.matches(doc)  # once: a printed date may call for a second reading
        mentions = self.tagger(doc, published, matches)
        printed = find_published(doc, mentions, self.tagger.lex)
        doc.user_data[PUBLISHED_KEY] = None
        if printed is not None:
            found = as_published(printed, doc_text(doc))
            doc.user_data[PUBLISHED_KEY] = found
            if published is None:
                mentions = self.tagger(doc, found.day, matches)
            mentions = [mark(m) if (m.start, m.end) == (printed.start, printed.end) else m for m in mentions]
        page = {(m.start, m.end) for m in page_dates(doc, mentions, self.tagger.lex)}
        if page:
            mentions = [mark(m, PAGE_REASON) if (m.start, m.end) in page else m for m in mentions]
        doc._.time_mentions = mentions
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
