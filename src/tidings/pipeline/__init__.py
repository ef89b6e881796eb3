"""spaCy components of the tidings pipeline, one concern each (see :mod:`tidings.nlp` for the order)."""
