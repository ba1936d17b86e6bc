"""GraphML export (``graph.graphml``) for Gephi, yEd and networkx.

Spec: http://graphml.graphdrawing.org/. Lists are joined with ``" | "``.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.atomic import atomic_open
from kg.export.attrs import flat_attrs

__all__ = ["write_graphml", "to_flat_graph"]


def to_flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **flat_attrs(attrs))
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, **flat_attrs(attrs))
    return flat


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    with atomic_open(path, "wb") as handle:
        nx.write_graphml(to_flat_graph(graph), handle)
