"""kg: a knowledge-graph builder for machine-learning literature.

>>> import kg
>>> graph = kg.build(["papers.jsonl"])   # doctest: +SKIP
>>> kg.export(graph, "exports")          # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from kg.errors import InputError, KgError
from kg.linking.kb import KnowledgeBase, load_kb
from kg.pipeline import build, build_from_papers, export
from kg.sources import Paper, ReadReport, read_papers

__all__ = [
    "__version__", "build", "build_from_papers", "export", "read_papers", "load_kb",
    "KnowledgeBase", "Paper", "ReadReport", "KgError", "InputError",
]
