"""Exporters: one module per output format, listed in one registry.

Every exporter is a plain function ``write(graph, path, **options)`` that writes one file (or
one folder) atomically. ``kg build`` writes every default format into its ``--out`` folder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

__all__ = ["Exporter", "EXPORTERS", "DEFAULT_FORMATS", "get_writer", "write_all"]


@dataclass(frozen=True)
class Exporter:
    """Where a format's writer lives and the file name ``kg build`` gives it."""

    module: str
    function: str
    filename: str


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter("kg.export.json", "write_json", "graph.json"),
    "graphml": Exporter("kg.export.graphml", "write_graphml", "graph.graphml"),
    "gexf": Exporter("kg.export.gexf", "write_gexf", "graph.gexf"),
    "ttl": Exporter("kg.export.rdf", "write_turtle", "graph.ttl"),
    "html": Exporter("kg.export.html", "write_html", "graph.html"),
    "neo4j": Exporter("kg.export.neo4j", "write_neo4j", "neo4j"),
    "nt": Exporter("kg.export.rdf", "write_ntriples", "graph.nt"),
    "jsonld": Exporter("kg.export.rdf", "write_jsonld", "graph.jsonld"),
    "oxigraph": Exporter("kg.export.rdf", "write_oxigraph", "graph.oxigraph"),
}

#: What ``kg build`` writes unless told otherwise (DESIGN.md, "Outputs").
DEFAULT_FORMATS: tuple[str, ...] = ("json", "graphml", "gexf", "ttl", "html", "neo4j")


def get_writer(fmt: str) -> Callable[..., None]:
    exporter = EXPORTERS[fmt]
    return getattr(importlib.import_module(exporter.module), exporter.function)


def write_all(graph: nx.MultiDiGraph, out_dir: str | Path, formats: Iterable[str] = DEFAULT_FORMATS,
              on_done: Callable[[str, Path], None] | None = None, **options) -> dict[str, Path]:
    """Write ``graph`` in each format into ``out_dir``; return format -> path written.

    ``options`` are passed to writers that accept them by name (for instance ``layout=False``).
    """
    import inspect

    out_dir = Path(out_dir)
    written: dict[str, Path] = {}
    for fmt in formats:
        writer = get_writer(fmt)
        path = out_dir / EXPORTERS[fmt].filename
        accepted = inspect.signature(writer).parameters
        writer(graph, path, **{k: v for k, v in options.items() if k in accepted})
        written[fmt] = path
        if on_done is not None:
            on_done(fmt, path)
    return written
