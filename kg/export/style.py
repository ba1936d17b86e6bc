"""How the graph looks when opened in Gephi: colour by kind, size by papers, edge weight and label.

Used by the GraphML and GEXF writers (:mod:`kg.export.graphml`, :mod:`kg.export.gexf`), which
write the same values in each format's own way (GraphML ``r``/``g``/``b``/``size``/``x``/``y``
data keys that Gephi's GraphML importer maps to colour, size and position; GEXF ``viz:``
elements).

The colours are those of the HTML view (``kg/export/templates/style.json``, Tableau 10, which
stays distinguishable under the common colour-vision deficiencies), so a kind has one colour
whichever tool shows it.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from kg.export.attrs import flat_graph
from kg.export.layout import positions
from kg.names import BENCHMARK, DATASET, METHOD, MODEL, PAPER

__all__ = ["KIND_COLOR", "node_color", "node_size", "edge_weight", "styled_graph"]

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


def styled_graph(graph: nx.MultiDiGraph, *, layout: bool = True) -> nx.MultiDiGraph:
    """:func:`~kg.export.attrs.flat_graph` plus what Gephi reads for display.

    Nodes get integer ``r``, ``g``, ``b``, a float ``size`` and (unless ``layout`` is false)
    float ``x`` and ``y``; every node has a non-empty ``label``. Edges get ``label`` (the
    relation) and a float ``weight``.
    """
    flat = flat_graph(graph)
    pos = positions(graph) if layout else {}
    for node, attrs in flat.nodes(data=True):
        if not attrs.get("label"):
            attrs["label"] = str(node)
        attrs["r"], attrs["g"], attrs["b"] = node_color(attrs)
        attrs["size"] = node_size(attrs)
        if node in pos:
            attrs["x"], attrs["y"] = pos[node]
    for _u, _v, attrs in flat.edges(data=True):
        attrs["label"] = str(attrs.get("relation", ""))
        attrs["weight"] = edge_weight(attrs)
    return flat
