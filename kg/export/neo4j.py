"""Neo4j export. Placeholder until the Gephi/Neo4j issue lands: writes nothing yet."""

from __future__ import annotations

from pathlib import Path

import networkx as nx


def write_neo4j(graph: nx.MultiDiGraph, path: str | Path) -> None:
    Path(path).mkdir(parents=True, exist_ok=True)
