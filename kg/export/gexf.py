"""GEXF export (``graph.gexf``), Gephi's own format.

Spec: https://gexf.net/ (GEXF 1.3, https://gexf.net/1.3/gexf.xsd). Written element by element by
kg itself (:func:`generate_gexf`): networkx's ``GEXFWriter`` builds an ElementTree of the whole
graph first, which at 100,000 papers held 4.6 GB beyond the graph and took ~50 CPU seconds. The
document is, byte for byte, the one ``GEXFWriter`` gives for :func:`to_gexf_graph` (same
attribute ids and order, two-space indentation, ElementTree's escaping, :mod:`kg.export.xmltext`),
with four changes kg made to networkx's tree before, and still makes:

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
``layout=False`` and for graphs of more than :data:`kg.export.layout.MAX_NODES` nodes); edge ``label`` (the relation), ``weight`` (the confidence) and ``kind``.
The edge attribute ``networkx_key`` holds the kg edge key (the relation), from which
``networkx.read_gexf`` rebuilds the same multigraph keys.

Not supported: dynamic graphs (spells), hierarchies, node shapes. Attributes that networkx's
writer would have turned into XML attributes or elements (``start``, ``end``, ``pid``,
``parents``, ``spells``, ``viz`` on nodes; ``type``, ``start``, ``end`` on edges) are written as
ordinary ``<attvalue>`` entries (no kg graph has them). Two edges between the same nodes with
the same ``relation`` (never in a kg graph, whose edges are keyed by relation) are both written,
where networkx's writer, given :func:`to_gexf_graph`, kept only the last.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_open
from kg.export.style import StyledRows, styled_graph
from kg.export.xmltext import escape_attr

__all__ = ["write_gexf", "generate_gexf", "to_gexf_graph"]

GEXF_VERSION = "1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Node attributes that become ``viz:`` elements instead of ``<attvalue>`` entries.
_VIZ_KEYS = ("r", "g", "b", "size", "x", "y")
#: GEXF attribute type of each Python type (as networkx declares them).
_GEXF_TYPE = {str: "string", int: "long", float: "double", bool: "boolean"}
_CHUNK = 256  # elements per piece handed to the file: ~0.3 MB of text


def to_gexf_graph(graph: nx.MultiDiGraph, *, layout: bool = True) -> nx.MultiDiGraph:
    """The graph as networkx's GEXF writer would take it: ``viz`` dicts, edge ``id``, kg edge keys (a copy)."""
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


def _node_parts(node: Any, attrs: dict[str, Any]) -> tuple[str, str, str]:
    """Pop what is not an ``<attvalue>``; return the node's id, label and ``viz:`` lines."""
    node_id = str(attrs.pop("id", node))
    label = str(attrs.pop("label", node))
    viz = (f'        <viz:color r="{attrs.pop("r")}" g="{attrs.pop("g")}" b="{attrs.pop("b")}" a="1.0" />\n'
           f'        <viz:size value="{attrs.pop("size")}" />\n')
    if "x" in attrs:
        viz += f'        <viz:position x="{attrs.pop("x")}" y="{attrs.pop("y")}" z="0.0" />\n'
    return node_id, label, viz


def _edge_parts(key: str, attrs: dict[str, Any]) -> str:
    """Pop what is not an ``<attvalue>``; return the edge's XML attributes after source and target."""
    relation = attrs.get("relation", key)
    kind = escape_attr(str(attrs.get("relation", "")))
    attrs["key"] = relation  # networkx's multigraph key, written as the attribute networkx_key
    xml = f' id="{key}"'
    if "label" in attrs:
        xml += f' label="{escape_attr(str(attrs.pop("label")))}"'
    if "weight" in attrs:
        xml += f' weight="{escape_attr(str(attrs.pop("weight")))}"'
    return f'{xml} kind="{kind}"'


def _value(value: Any) -> str:
    if type(value) is str:
        return escape_attr(value)
    if type(value) is bool:
        return "true" if value else "false"
    return escape_attr(str(value))


def generate_gexf(graph: nx.MultiDiGraph, *, layout: bool = True) -> Iterator[str]:
    """Yield the GEXF document (``graph.gexf``) in chunks of whole lines."""
    rows = StyledRows(graph, layout=layout)
    node_order: dict[str, None] = {}
    for node, attrs in rows.node_firsts:
        attrs = dict(attrs)
        _node_parts(node, attrs)
        node_order.update(dict.fromkeys(attrs))
    edge_order: dict[str, None] = {}
    for *_, key, attrs in rows.edge_firsts:
        attrs = dict(attrs)
        _edge_parts(key, attrs)
        edge_order.update(dict.fromkeys(attrs))

    def declared(name: str, types: dict[str, type]) -> str:
        kind = types.get(name, str) if name != "key" else types.get("relation", str)
        try:
            return _GEXF_TYPE[kind]
        except KeyError:
            raise TypeError(f"attribute value type is not allowed: {kind}") from None

    node_ids = {name: str(i) for i, name in enumerate(node_order)}
    edge_ids = {name: str(i) for i, name in enumerate(edge_order, len(node_ids))}
    name = rows.graph_attrs.get("name", "")
    mode = "dynamic" if rows.graph_attrs.get("mode") == "dynamic" else "static"
    has_nodes = graph.number_of_nodes() > 0
    head = ["<?xml version='1.0' encoding='utf-8'?>\n<gexf ",
            'xmlns:viz="http://gexf.net/1.3/viz" ' if has_nodes else "",
            (f'xmlns="http://gexf.net/1.3" xmlns:xsi="{_XSI}" xsi:schemaLocation="http://gexf.net/1.3 '
             f'http://gexf.net/1.3/gexf.xsd" version="{GEXF_VERSION}">\n'),
            "  <meta>\n    <creator>kg</creator>\n  </meta>\n",
            f'  <graph defaultedgetype="directed" mode="{mode}" name="{escape_attr(str(name))}">\n']
    for scope, ids, types in (("edge", edge_ids, rows.edge_types), ("node", node_ids, rows.node_types)):
        if ids:
            head.append(f'    <attributes mode="static" class="{scope}">\n')
            head += [f'      <attribute id="{i}" title="{escape_attr("networkx_key" if n == "key" else n)}" '
                     f'type="{declared(n, types)}" />\n' for n, i in ids.items()]
            head.append("    </attributes>\n")
    yield "".join(head)

    prefixes: dict[str, str] = {}

    def prefix(name: str, ids: dict[str, str]) -> str:
        return prefixes.setdefault(name, f'          <attvalue for="{ids[name]}" value="')

    out = ["    <nodes>\n" if has_nodes else "    <nodes />\n"]
    for count, (node, attrs) in enumerate(rows.nodes(), 1):
        node_id, label, viz = _node_parts(node, attrs)
        out.append(f'      <node id="{escape_attr(node_id)}" label="{escape_attr(label)}">\n{viz}')
        if attrs:
            out.append("        <attvalues>\n")
            for name, value in attrs.items():
                out.append(f'{prefixes.get(name) or prefix(name, node_ids)}{_value(value)}" />\n')
            out.append("        </attvalues>\n")
        out.append("      </node>\n")
        if count % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    if has_nodes:
        out.append("    </nodes>\n")
    prefixes.clear()
    has_edges = graph.number_of_edges() > 0
    out.append("    <edges>\n" if has_edges else "    <edges />\n")
    for count, (u, v, key, attrs) in enumerate(rows.edges(), 1):
        xml = _edge_parts(key, attrs)
        out.append(f'      <edge source="{escape_attr(str(u))}" target="{escape_attr(str(v))}"{xml}>\n'
                   "        <attvalues>\n")
        for name, value in attrs.items():
            out.append(f'{prefixes.get(name) or prefix(name, edge_ids)}{_value(value)}" />\n')
        out.append("        </attvalues>\n      </edge>\n")
        if count % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    if has_edges:
        out.append("    </edges>\n")
    out.append("  </graph>\n</gexf>\n")
    yield "".join(out)


def write_gexf(graph: nx.MultiDiGraph, path: str | Path, *, layout: bool = True) -> None:
    """Write ``graph`` to ``path`` as GEXF 1.3, atomically.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A kg graph.
    path : str or Path
        Where to write (``graph.gexf``).
    layout : bool
        Include precomputed ``viz:position`` elements (``kg build --no-layout`` turns this off;
        graphs above :data:`kg.export.layout.MAX_NODES` nodes get none either).
    """
    with atomic_open(path, "wb") as handle:
        for chunk in generate_gexf(graph, layout=layout):
            # As ElementTree does: a character UTF-8 cannot encode (a lone surrogate in a node id)
            # becomes a character reference.
            handle.write(chunk.encode("utf-8", "xmlcharrefreplace"))
