"""GraphML export (``graph.graphml``) for Gephi, yEd, Cytoscape, igraph and networkx.

Spec: http://graphml.graphdrawing.org/specification.html. Written element by element by kg itself
(:func:`generate_graphml`), not by networkx: networkx's writer builds an ElementTree of the whole
graph first, which at 100,000 papers held 5 GB beyond the graph and took ~50 CPU seconds. The
document is the one networkx's pure-Python writer (``write_graphml_xml``) gives for
:func:`to_graphml_graph` with ``named_key_ids=True``, byte for byte: same declaration, key order
(last declared first, as networkx inserts each new key at the top), two-space indentation and
ElementTree's escaping (:mod:`kg.export.xmltext`). The attributes come from
:class:`kg.export.style.StyledRows`, one node or edge at a time; memory beyond the graph is the
layout (if any) and one output buffer.

What is in the file:

* every node and edge attribute of the kg graph (DESIGN.md, "The graph"), each declared once
  with its type: text as ``string``, ``year``/``papers`` as ``long``, ``confidence`` as
  ``double``; lists joined with ``" | "``; nothing is ever ``None`` (missing attributes are
  simply absent); XML-forbidden characters removed (:mod:`kg.export.attrs`);
* for Gephi, whose GraphML importer maps these key names to display properties: node
  ``label``, ``r``/``g``/``b`` (``long``, colour by kind), ``size`` (``double``, by papers) and
  ``x``/``y`` (``double``, the layout of :mod:`kg.export.layout`, left out with
  ``layout=False`` and for graphs of more than :data:`kg.export.layout.MAX_NODES` nodes); edge ``edgelabel`` (the relation; Gephi's name for an edge label, since
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
from typing import Any

import networkx as nx

from kg.atomic import atomic_open
from kg.export.style import StyledRows, styled_graph
from kg.export.xmltext import escape_attr, escape_text

__all__ = ["write_graphml", "generate_graphml", "to_graphml_graph"]


#: Edge attributes renamed in GraphML, where a key id may serve nodes or edges, not both.
_EDGE_RENAME = {"label": "edgelabel"}
#: GraphML ``attr.type`` of each Python type (as networkx declares them).
_GRAPHML_TYPE = {str: "string", int: "long", float: "double", bool: "boolean"}
_HEADER = ("<?xml version='1.0' encoding='utf-8'?>\n"
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
_CHUNK = 256  # elements per piece handed to the file: ~0.3 MB of text


def to_graphml_graph(graph: nx.MultiDiGraph, *, layout: bool = True) -> nx.MultiDiGraph:
    """The graph exactly as written to GraphML: scalar, typed attributes plus Gephi's keys (a copy)."""
    styled = styled_graph(graph, layout=layout)
    node_names = {name for _, attrs in styled.nodes(data=True) for name in attrs}
    for *_, attrs in styled.edges(data=True):
        for name in [n for n in attrs if n in node_names]:
            attrs[_EDGE_RENAME.get(name, f"edge_{name}")] = attrs.pop(name)
    return styled


def _renamed(attrs: dict[str, Any], renames: dict[str, str]) -> dict[str, Any]:
    for name in [n for n in attrs if n in renames]:
        attrs[renames[name]] = attrs.pop(name)
    return attrs


def _type_name(kind: type) -> str:
    try:
        return _GRAPHML_TYPE[kind]
    except KeyError:
        raise TypeError(f"GraphML does not support type {kind} as data values.") from None


def _text(value: Any) -> str:
    return escape_text(value) if type(value) is str else escape_text(str(value))


def generate_graphml(graph: nx.MultiDiGraph, *, layout: bool = True) -> Iterator[str]:
    """Yield the GraphML document (``graph.graphml``) in chunks of whole lines."""
    rows = StyledRows(graph, layout=layout)
    graph_attrs = dict(rows.graph_attrs)
    graph_id = graph_attrs.pop("id", None)
    graph_attrs = {k: v for k, v in graph_attrs.items() if k not in ("node_default", "edge_default")}

    node_order: dict[str, None] = {}
    for _, attrs in rows.node_firsts:
        node_order.update(dict.fromkeys(attrs))
    renames = {name: _EDGE_RENAME.get(name, f"edge_{name}") for name in rows.edge_types if name in node_order}
    source_of = {new: old for old, new in renames.items()}
    edge_order: dict[str, None] = {}
    for *_, attrs in rows.edge_firsts:
        edge_order.update(dict.fromkeys(_renamed(dict(attrs), renames)))

    # networkx creates the keys in this order and inserts each at the top of the document.
    keys = [(name, "graph", _type_name(type(value))) for name, value in graph_attrs.items()]
    keys += [(name, "node", _type_name(rows.node_types[name])) for name in node_order]
    keys += [(name, "edge", _type_name(rows.edge_types[source_of.get(name, name)])) for name in edge_order]
    head = [_HEADER]
    for name, scope, kind in reversed(keys):
        name = escape_attr(name)
        head.append(f'  <key id="{name}" for="{scope}" attr.name="{name}" attr.type="{kind}" />\n')
    graph_open = '  <graph edgedefault="directed"' + (f' id="{escape_attr(str(graph_id))}"' if graph_id is not None else "")
    if not graph_attrs and not graph.number_of_nodes() and not graph.number_of_edges():
        head.append(graph_open + " />\n</graphml>\n")
        yield "".join(head)
        return
    head.append(graph_open + ">\n")
    head += [f'    <data key="{escape_attr(name)}">{_text(value)}</data>\n' for name, value in graph_attrs.items()]
    yield "".join(head)

    prefixes: dict[str, str] = {}

    def prefix(name: str) -> str:
        return prefixes.setdefault(name, f'      <data key="{escape_attr(name)}">')

    out: list[str] = []
    for count, (node, attrs) in enumerate(rows.nodes(), 1):
        if not attrs:
            out.append(f'    <node id="{escape_attr(str(node))}" />\n')
            continue
        out.append(f'    <node id="{escape_attr(str(node))}">\n')
        for name, value in attrs.items():
            out.append(f"{prefixes.get(name) or prefix(name)}"
                       f"{escape_text(value) if type(value) is str else _text(value)}</data>\n")
        out.append("    </node>\n")
        if count % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    prefixes.clear()
    for count, (u, v, key, attrs) in enumerate(rows.edges(), 1):
        if renames:
            _renamed(attrs, renames)
        out.append(f'    <edge source="{escape_attr(str(u))}" target="{escape_attr(str(v))}" id="{key}"')
        if not attrs:
            out.append(" />\n")
            continue
        out.append(">\n")
        for name, value in attrs.items():
            out.append(f"{prefixes.get(name) or prefix(name)}"
                       f"{escape_text(value) if type(value) is str else _text(value)}</data>\n")
        out.append("    </edge>\n")
        if count % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    out.append("  </graph>\n</graphml>\n")
    yield "".join(out)


def write_graphml(graph: nx.MultiDiGraph, path: str | Path, *, layout: bool = True) -> None:
    """Write ``graph`` to ``path`` as GraphML, atomically.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A kg graph.
    path : str or Path
        Where to write (``graph.graphml``).
    layout : bool
        Include precomputed ``x``/``y`` positions (``kg build --no-layout`` turns this off; graphs
        above :data:`kg.export.layout.MAX_NODES` nodes get none either).
    """
    with atomic_open(path, "wb") as handle:
        for chunk in generate_graphml(graph, layout=layout):
            # As ElementTree does: a character UTF-8 cannot encode (a lone surrogate in a node id)
            # becomes a character reference.
            handle.write(chunk.encode("utf-8", "xmlcharrefreplace"))
