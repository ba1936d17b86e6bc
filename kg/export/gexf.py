"""GEXF export (``graph.gexf``), Gephi's own format.

Spec: https://gexf.net/ (GEXF 1.3, https://gexf.net/1.3/gexf.xsd). Written by networkx's
``GEXFWriter``, with four changes to the element tree before it is serialised:

* no ``lastmodifieddate`` (networkx writes today's date, which would make two builds of the
  same input differ) and ``kg`` as the creator;
* the ``xsi`` namespace spelt as the XML Schema spec does (networkx 3.6 writes
  ``http://w3.org/...`` without ``www.`` for GEXF 1.3);
* each edge gets ``kind`` = its relation, GEXF 1.3's edge type: Gephi then keeps a paper's
  ``mentions`` and ``builds_on`` edges to the same entity as two edges of different types
  instead of merging them as parallel edges;
* edge ids ``e0``, ``e1``, ... (as in ``graph.graphml``).

What is in the file: every node and edge attribute of the kg graph as typed ``<attribute>``
declarations (text ``string``, ``year``/``papers`` ``long``, ``confidence`` ``double``), lists
joined with ``" | "``, no ``None`` (missing or empty values are absent), XML-forbidden
characters removed (:mod:`kg.export.attrs`); node ``label``, ``viz:color`` by kind,
``viz:size`` by papers and ``viz:position`` from :mod:`kg.export.layout` (left out with
``layout=False``); edge ``label`` (the relation), ``weight`` (the confidence) and ``kind``.
The edge attribute ``networkx_key`` holds the kg edge key (the relation), from which
``networkx.read_gexf`` rebuilds the same multigraph keys.

Not supported: dynamic graphs (spells), hierarchies, node shapes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from kg.atomic import atomic_open
from kg.export.style import styled_graph

__all__ = ["write_gexf", "generate_gexf", "to_gexf_graph"]

GEXF_VERSION = "1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Node attributes that become ``viz:`` elements instead of ``<attvalue>`` entries.
_VIZ_KEYS = ("r", "g", "b", "size", "x", "y")


def to_gexf_graph(graph: nx.MultiDiGraph, *, layout: bool = True) -> nx.MultiDiGraph:
    """The graph as handed to networkx's GEXF writer: ``viz`` dicts, edge ``id``, kg edge keys."""
    styled = styled_graph(graph, layout=layout)
    out = nx.MultiDiGraph()
    out.graph.update(styled.graph)
    for node, attrs in styled.nodes(data=True):
        attrs = dict(attrs)
        viz = {"color": {"r": attrs.pop("r"), "g": attrs.pop("g"), "b": attrs.pop("b"), "a": 1.0},
               "size": attrs.pop("size")}
        if "x" in attrs:
            viz["position"] = {"x": attrs.pop("x"), "y": attrs.pop("y"), "z": 0.0}
        out.add_node(node, **attrs, viz=viz)
    for u, v, edge_id, attrs in styled.edges(keys=True, data=True):
        out.add_edge(u, v, key=attrs.get("relation", edge_id), id=edge_id, **attrs)
    return out


def _writer(graph: nx.MultiDiGraph, layout: bool) -> GEXFWriter:
    gexf_graph = to_gexf_graph(graph, layout=layout)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=GEXF_VERSION)
    writer.add_graph(gexf_graph)
    root = writer.xml
    root.set("xmlns:xsi", _XSI)
    meta = root.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "kg"
    edges = writer.graph_element.find("edges")
    elements = list(edges) if edges is not None else []
    for element, (*_, attrs) in zip(elements, gexf_graph.edges(data=True), strict=True):
        element.set("kind", str(attrs.get("relation", "")))
    return writer


def generate_gexf(graph: nx.MultiDiGraph, *, layout: bool = True) -> Iterator[str]:
    """Yield the GEXF document line by line."""
    yield from str(_writer(graph, layout)).splitlines()


def write_gexf(graph: nx.MultiDiGraph, path: str | Path, *, layout: bool = True) -> None:
    """Write ``graph`` to ``path`` as GEXF 1.3, atomically.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A kg graph.
    path : str or Path
        Where to write (``graph.gexf``).
    layout : bool
        Include precomputed ``viz:position`` elements (``kg build --no-layout`` turns this off).
    """
    writer = _writer(graph, layout)
    with atomic_open(path, "wb") as handle:
        writer.write(handle)
