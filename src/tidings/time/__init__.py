"""Time expressions of news text: found by our own Matcher forms, resolved against the publication date.

* :mod:`.lexicon` loads ``data/time_patterns.yaml`` (words, forms, holiday tables);
* :mod:`.trie` matches the forms (our own matcher: one dict lookup per token, see its docstring);
* :mod:`.finder` vets the matches over a parsed Doc and merges them with the model's DATE/TIME entities;
* :mod:`.resolve` and :mod:`.calendar` turn an expression into a :class:`tidings.model.When`
  with news conventions (prefer the past, Monday–Sunday weeks …);
* :mod:`.attach` picks the expression that dates a clause (:func:`expression_for_span`);
* :mod:`.event_date` picks the expression that dates an event (clause, sentence, the story's day, the lede's day).
"""

from __future__ import annotations

from tidings.time.attach import expression_for_span, governing_verb
from tidings.time.extract import TimeTagger
from tidings.time.lexicon import TimeLexicon, load_lexicon
from tidings.time.resolve import NO_PUBLISHED, Tok, resolve, resolve_holiday, toks

__all__ = [
    "expression_for_span", "governing_verb", "TimeTagger", "TimeLexicon", "load_lexicon",
    "NO_PUBLISHED", "Tok", "resolve", "resolve_holiday", "toks",
]
