"""The whole job: read -> extract -> link -> assemble, and export.

>>> import kg
>>> graph = kg.build()            # the sample corpus  # doctest: +SKIP
>>> kg.export(graph, "exports")   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from kg.export import DEFAULT_FORMATS, write_all
from kg.graph.build import assemble
from kg.linking.kb import KnowledgeBase, load_kb
from kg.linking.link import link
from kg.nlp.pipeline import extract_papers, make_pipeline
from kg.resources import sample_corpus
from kg.sources import ReadReport, read_papers
from kg.sources.record import Paper

__all__ = ["build", "build_from_papers", "export"]


def build_from_papers(papers: Iterable[Paper], *, kb: KnowledgeBase | None = None, n_process: int = 1,
                      on_paper: Callable[[Paper], None] | None = None) -> nx.MultiDiGraph:
    """Extract, link and assemble the graph of ``papers``."""
    kb = kb if kb is not None else load_kb()
    nlp = make_pipeline(kb)
    extractions = []
    for extraction in extract_papers(papers, nlp, n_process=n_process):
        extractions.append(extraction)
        if on_paper is not None:
            on_paper(extraction.paper)
    return assemble(link(extractions, kb))


def build(inputs: Iterable[str | Path] | None = None, *, kb: KnowledgeBase | None = None,
          report: ReadReport | None = None, n_process: int = 1,
          on_paper: Callable[[Paper], None] | None = None) -> nx.MultiDiGraph:
    """Build the graph of the papers in ``inputs`` (default: the sample corpus).

    Bad records are skipped and listed in ``report`` (a :class:`~kg.sources.ReadReport`).
    """
    paths = list(inputs) if inputs else sample_corpus()
    report = report if report is not None else ReadReport()
    return build_from_papers(read_papers(paths, report), kb=kb, n_process=n_process, on_paper=on_paper)


def export(graph: nx.MultiDiGraph, out_dir: str | Path = "exports", formats: Iterable[str] = DEFAULT_FORMATS,
           **options) -> dict[str, Path]:
    """Write ``graph`` into ``out_dir`` in each format; return format -> path."""
    return write_all(graph, out_dir, formats, **options)
