"""Where the data files kg ships live, in a source checkout and in an installed wheel.

The ontology and knowledge base sit at the top of the repository (``ontology/``); the wheel
carries a copy as ``kg/ontology`` (see ``pyproject.toml``). The sample corpus is ``kg/data/seeds``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl``, ``shapes.ttl``, ``stoplist.txt`` and ``kb/``."""
    installed = _PACKAGE / "ontology"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "ontology"


def sample_corpus() -> list[Path]:
    """The four Hugging Face Papers listing dumps that ``kg build`` reads when given no input."""
    return sorted((_PACKAGE / "data" / "seeds").glob("*.txt"))


def queries_dir() -> Path:
    """The canned SPARQL queries (``*.rq``) that ``kg query NAME`` runs."""
    return _PACKAGE / "query" / "queries"
