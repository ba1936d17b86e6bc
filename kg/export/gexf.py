"""GEXF export (``graph.gexf``) for Gephi. Spec: https://gexf.net/. Lists joined with ``" | "``."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.atomic import atomic_open
from kg.export.graphml import to_flat_graph

__all__ = ["write_gexf"]


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    with atomic_open(path, "wb") as handle:
        nx.write_gexf(to_flat_graph(graph), handle)
