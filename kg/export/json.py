"""JSON export: networkx node-link data (``graph.json``).

Read back with ``networkx.node_link_graph(json.load(f), edges="edges")``. Keys are sorted and
nodes/edges keep the graph's (sorted) order, so the file is byte-for-byte reproducible.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.atomic import write_text

__all__ = ["write_json", "to_json"]


def to_json(graph: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> None:
    write_text(path, to_json(graph))
