"""GraphML export (``graph.graphml``) for Gephi, yEd, Cytoscape, igraph and networkx.

Spec: http://graphml.graphdrawing.org/specification.html. Written by networkx's pure-Python
GraphML writer (``write_graphml_xml``, not the lxml one, so the bytes do not depend on whether
lxml is installed).

What is in the file:

* every node and edge attribute of the kg graph (DESIGN.md, "The graph"), each declared once
  with its type: text as ``string``, ``year``/``papers`` as ``long``, ``confidence`` as
  ``double``; lists joined with ``" | "``; nothing is ever ``None`` (missing attributes are
  simply absent); XML-forbidden characters removed (:mod:`kg.export.attrs`);
* for Gephi, whose GraphML importer maps these key names to display properties: node
  ``label``, ``r``/``g``/``b`` (``long``, colour by kind), ``size`` (``double``, by papers) and
  ``x``/``y`` (``double``, the layout of :mod:`kg.export.layout`, left out with
  ``layout=False``); edge ``edgelabel`` (the relation; Gephi's name for an edge label, since
  ``label`` is the node key's id) and ``weight`` (``double``, the confidence);
* key ids equal to the attribute names (``named_key_ids``): with networkx's default ids
  ``d0``, ``d1``, ... Gephi would take key ``d3`` as the node label and ``d7`` as the edge
  label, the ids yEd uses for them;
* edge ids ``e0``, ``e1``, ... in graph order (unique, as GraphML requires).

Not supported: GraphML's yFiles extensions, nested graphs, hyperedges, ports. Gephi gives
parallel edges between the same two nodes (a paper that both ``mentions`` and ``builds_on`` an
entity) one edge type in GraphML; ``graph.gexf`` keeps them apart (edge ``kind``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from kg.atomic import atomic_open
from kg.export.style import styled_graph

__all__ = ["write_graphml", "generate_graphml", "to_graphml_graph"]


#: Edge attributes renamed in GraphML, where a key id may serve nodes or edges, not both.
_EDGE_RENAME = {"label": "edgelabel"}


def to_graphml_graph(graph: nx.MultiDiGraph, *, layout: bool = True) -> nx.MultiDiGraph:
    """The graph exactly as written to GraphML: scalar, typed attributes plus Gephi's keys."""
    styled = styled_graph(graph, layout=layout)
    node_names = {name for _, attrs in styled.nodes(data=True) for name in attrs}
    for *_, attrs in styled.edges(data=True):
        for name in [n for n in attrs if n in node_names]:
            attrs[_EDGE_RENAME.get(name, f"edge_{name}")] = attrs.pop(name)
    return styled


def generate_graphml(graph: nx.MultiDiGraph, *, layout: bool = True) -> Iterator[str]:
    """Yield the GraphML document line by line (as ``networkx.generate_graphml`` does)."""
    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True, named_key_ids=True)
    writer.add_graph_element(to_graphml_graph(graph, layout=layout))
    yield from str(writer).splitlines()


def write_graphml(graph: nx.MultiDiGraph, path: str | Path, *, layout: bool = True) -> None:
    """Write ``graph`` to ``path`` as GraphML, atomically.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A kg graph.
    path : str or Path
        Where to write (``graph.graphml``).
    layout : bool
        Include precomputed ``x``/``y`` positions (``kg build --no-layout`` turns this off).
    """
    with atomic_open(path, "wb") as handle:
        nx.write_graphml_xml(to_graphml_graph(graph, layout=layout), handle, encoding="utf-8", named_key_ids=True)
