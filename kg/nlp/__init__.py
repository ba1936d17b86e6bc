"""The spaCy pipeline that finds entities and relations in one paper (see :mod:`kg.nlp.pipeline`)."""

from kg.nlp import pipeline as _pipeline  # noqa: F401  (registers the kg_* spaCy factories)
