"""How the graph looks when opened in Gephi: colour by kind, size by papers, edge weight and label.

Used by the GraphML and GEXF writers (:mod:`kg.export.graphml`, :mod:`kg.export.gexf`), which
write the same values in each format's own way (GraphML ``r``/``g``/``b``/``size``/``x``/``y``
data keys that Gephi's GraphML importer maps to colour, size and position; GEXF ``viz:``
elements).

:class:`StyledRows` gives the same attributes as :func:`styled_graph`, one node or edge at a time,
so the writers stream the file instead of holding a styled copy of the graph (at 100,000 papers
that copy, and the element tree networkx's writers built from it, held several GB).

The colours are those of the HTML view (``kg/export/templates/style.json``, Tableau 10, which
stays distinguishable under the common colour-vision deficiencies), so a kind has one colour
whichever tool shows it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator
from typing import Any

import networkx as nx

from kg.export.attrs import TypeScan, coerce, flat_attrs
from kg.export.layout import export_positions
from kg.names import BENCHMARK, DATASET, METHOD, MODEL, PAPER

__all__ = ["KIND_COLOR", "node_color", "node_size", "edge_weight", "styled_graph", "StyledRows"]

#: Node colour (r, g, b) by kind.
KIND_COLOR: dict[str, tuple[int, int, int]] = {
    PAPER: (0x8A, 0x96, 0xA3),
    MODEL: (0xE1, 0x57, 0x59),
    METHOD: (0x4E, 0x79, 0xA7),
    DATASET: (0x59, 0xA1, 0x4F),
    BENCHMARK: (0xF2, 0x8E, 0x2B),
}
#: Colour of a node whose kind is none of the five (never in a graph kg builds).
OTHER_COLOR = (0x99, 0x99, 0x99)

#: Size of a paper node. Gephi's default size is 10; papers are drawn smaller so the entities
#: they connect stand out.
PAPER_SIZE = 6.0
#: Entity size grows with log2(1 + papers): 0 papers (a family no paper names) -> 10, 1 -> 16,
#: 7 -> 28, 85 (the most-mentioned entity of the sample corpus) -> 48.56, so hubs stand out
#: without hiding their neighbours.
ENTITY_SIZE_BASE = 10.0
ENTITY_SIZE_STEP = 6.0

#: Gephi drops edges of weight 0 on import ("Weight_Zero_Ignored"), so a weight is never below this.
MIN_WEIGHT = 0.001


def node_color(attrs: dict[str, Any]) -> tuple[int, int, int]:
    """The (r, g, b) colour of a node, by its ``kind``."""
    return KIND_COLOR.get(attrs.get("kind"), OTHER_COLOR)


def node_size(attrs: dict[str, Any]) -> float:
    """The drawn size of a node: fixed for papers, growing with ``papers`` for entities.

    >>> node_size({"kind": "Paper"}), node_size({"kind": "Model", "papers": 1})
    (6.0, 16.0)
    """
    if attrs.get("kind") == PAPER:
        return PAPER_SIZE
    papers = attrs.get("papers")
    if not isinstance(papers, (int, float)) or not math.isfinite(papers) or papers < 0:
        papers = 0
    return round(ENTITY_SIZE_BASE + ENTITY_SIZE_STEP * math.log2(1 + papers), 2)


def edge_weight(attrs: dict[str, Any]) -> float:
    """The edge weight Gephi uses (thickness, ForceAtlas2 attraction): the extraction confidence."""
    confidence = attrs.get("confidence")
    if not isinstance(confidence, (int, float)) or not math.isfinite(confidence):
        return 1.0
    return max(float(confidence), MIN_WEIGHT)


class StyledRows:
    """The nodes and edges of :func:`styled_graph`, made one at a time from ``graph`` itself.

    Construction makes one pass over the attributes (their types, as :func:`~kg.export.attrs.flat_graph`
    unifies them) and computes the layout; :meth:`nodes` and :meth:`edges` then yield each row's
    attributes exactly as :func:`styled_graph` holds them (same values, types and key order).

    Attributes
    ----------
    graph_attrs : dict
        The graph's own attributes, flattened.
    node_types, edge_types : dict
        Attribute name -> its type in every row that has it (style attributes included).
    node_firsts, edge_firsts : list
        The rows (``(node, attrs)`` / ``(u, v, key, attrs)``) that hold an attribute no earlier row
        has: a writer that declares attributes in order of first appearance need only look at these.
    """

    def __init__(self, graph: nx.MultiDiGraph, *, layout: bool = True):
        self.graph = graph
        self.positions = export_positions(graph, layout)
        self.graph_attrs = flat_attrs(graph.graph)
        nodes, edges = TypeScan(), TypeScan()
        self.node_firsts: list[tuple[Hashable, dict[str, Any]]] = []
        self.edge_firsts: list[tuple[Hashable, Hashable, str, dict[str, Any]]] = []
        for node, attrs in graph.nodes(data=True):
            if nodes.add(attrs) or not self.node_firsts:
                self.node_firsts.append((node, self._node(node, attrs, {})))
        for index, (u, v, attrs) in enumerate(graph.edges(data=True)):
            if edges.add(attrs) or not self.edge_firsts:
                self.edge_firsts.append((u, v, f"e{index}", self._edge(attrs, {})))
        self._node_coercions = nodes.coercions()
        self._edge_coercions = edges.coercions()
        self.node_types = nodes.unified()
        self.node_types.setdefault("label", str)  # a node without one is labelled with its id
        self.node_types.update(r=int, g=int, b=int, size=float, x=float, y=float)
        self.edge_types = edges.unified()
        self.edge_types.update(label=str, weight=float)

    def _node(self, node: Hashable, attrs: dict[str, Any], coercions: dict[str, type]) -> dict[str, Any]:
        flat = coerce(flat_attrs(attrs), coercions) if coercions else flat_attrs(attrs)
        if not flat.get("label"):
            flat["label"] = str(node)
        flat["r"], flat["g"], flat["b"] = node_color(flat)
        flat["size"] = node_size(flat)
        position = self.positions.get(node)
        if position is not None:
            flat["x"], flat["y"] = position
        return flat

    def _edge(self, attrs: dict[str, Any], coercions: dict[str, type]) -> dict[str, Any]:
        flat = coerce(flat_attrs(attrs), coercions) if coercions else flat_attrs(attrs)
        flat["label"] = str(flat.get("relation", ""))
        flat["weight"] = edge_weight(flat)
        return flat

    def nodes(self) -> Iterator[tuple[Hashable, dict[str, Any]]]:
        """``(node, attrs)`` in graph order; ``attrs`` is a new dictionary the caller may change."""
        make, coercions = self._node, self._node_coercions
        for node, attrs in self.graph.nodes(data=True):
            yield node, make(node, attrs, coercions)

    def edges(self) -> Iterator[tuple[Hashable, Hashable, str, dict[str, Any]]]:
        """``(u, v, key, attrs)`` in graph order, keys ``e0``, ``e1``, ...; ``attrs`` as for :meth:`nodes`."""
        make, coercions = self._edge, self._edge_coercions
        for index, (u, v, attrs) in enumerate(self.graph.edges(data=True)):
            yield u, v, f"e{index}", make(attrs, coercions)


def styled_graph(graph: nx.MultiDiGraph, *, layout: bool = True) -> nx.MultiDiGraph:
    """:func:`~kg.export.attrs.flat_graph` plus what Gephi reads for display, as a new graph.

    Nodes get integer ``r``, ``g``, ``b``, a float ``size`` and (unless ``layout`` is false or
    the graph is too large for the layout, :func:`~kg.export.layout.export_positions`) float
    ``x`` and ``y``; every node has a non-empty ``label``. Edges get ``label`` (the relation)
    and a float ``weight``. The writers do not call this (it copies the whole graph); they
    stream the same rows from :class:`StyledRows`.
    """
    rows = StyledRows(graph, layout=layout)
    styled = nx.MultiDiGraph()
    styled.graph.update(rows.graph_attrs)
    for node, attrs in rows.nodes():
        styled.add_node(node, **attrs)
    for u, v, key, attrs in rows.edges():
        styled.add_edge(u, v, key=key, **attrs)
    return styled
