"""Graph assembly: a :class:`~kg.linking.link.LinkedCorpus` becomes a networkx ``MultiDiGraph``.

Node and edge attributes are exactly those of DESIGN.md ("The graph"). Edge keys are the
relation names, so a paper has at most one edge of each relation to an entity. Nodes and edges
are added in sorted order, so the same input gives the same graph, in the same order.
"""

from __future__ import annotations

import networkx as nx

from kg.linking.link import LinkedCorpus

__all__ = ["assemble"]


def assemble(corpus: LinkedCorpus) -> nx.MultiDiGraph:
    """Build the graph: papers, entities, and edges with their provenance."""
    graph = nx.MultiDiGraph()
    for paper in sorted(corpus.papers, key=lambda p: p.id):
        attrs = {"kind": "Paper", "label": paper.title, "title": paper.title, "abstract": paper.abstract}
        if paper.year is not None:
            attrs["year"] = paper.year
        if paper.url:
            attrs["url"] = paper.url
        if paper.authors:
            attrs["authors"] = list(paper.authors)
        graph.add_node(f"paper:{paper.id}", **attrs)
    for nid in sorted(corpus.entities):
        e = corpus.entities[nid]
        attrs = {"kind": e.kind, "label": e.label, "aliases": list(e.aliases), "papers": e.papers}
        if e.family:
            attrs["family"] = corpus.entities[e.family].label
        graph.add_node(nid, **attrs)
    for edge in corpus.edges:
        graph.add_edge(
            edge.source, edge.target, key=edge.relation,
            relation=edge.relation, surface=list(edge.surface), evidence=edge.evidence,
            rule=edge.rule, confidence=round(float(edge.confidence), 3),
        )
    return graph
