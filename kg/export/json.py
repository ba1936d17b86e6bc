"""JSON export: networkx node-link data (``graph.json``).

Read back with ``networkx.node_link_graph(json.load(f), edges="edges")``. Keys are sorted and
nodes/edges keep the graph's (sorted) order, so the file is byte-for-byte reproducible.

The file is streamed, one node or edge at a time (:func:`json_chunks`): the document is exactly
``json.dumps(networkx.node_link_data(graph, edges="edges"), ensure_ascii=False, sort_keys=True,
indent=1)`` plus a newline, without building that dictionary or the whole text (at 100,000 papers
these held 3 GB beyond the graph). Each node or edge object is formatted by :func:`_element`,
which writes the common case (text, numbers, booleans, lists of those) itself with the ``json``
module's string and number encoders, and hands anything else to ``json.dumps``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_open

__all__ = ["write_json", "to_json", "json_chunks"]

_CHUNK = 256  # elements per piece handed to the file: ~0.3 MB of text


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)


def _scalar(value: Any) -> str | None:
    """``value`` as ``json.dumps`` writes it, for str, int, float, bool and None; else ``None``."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is float:
        if math.isfinite(value):
            return float.__repr__(value)
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    return None


def _element(data: dict[str, Any], indent: str) -> str:
    """``data`` (a node or edge object) as ``json.dumps(..., indent=1, sort_keys=True)`` writes it
    at nesting depth ``len(indent)``, starting at its ``{``."""
    inner = indent + " "
    lines = []
    try:
        items = sorted(data.items())
    except TypeError:  # keys of mixed types: json.dumps raises the same error
        return _dumps(data).replace("\n", "\n" + indent)
    for key, value in items:
        if type(key) is not str:
            return _dumps(data).replace("\n", "\n" + indent)
        text = _scalar(value)
        if text is None:
            if type(value) is list or type(value) is tuple:
                if not value:
                    text = "[]"
                else:
                    parts = [_scalar(v) for v in value]
                    if None in parts:
                        return _dumps(data).replace("\n", "\n" + indent)
                    item = ",\n" + inner + " "
                    text = "[\n" + inner + " " + item.join(parts) + "\n" + inner + "]"
            else:
                return _dumps(data).replace("\n", "\n" + indent)
        lines.append(inner + encode_basestring(key) + ": " + text)
    if not lines:
        return "{}"
    return "{\n" + ",\n".join(lines) + "\n" + indent + "}"


def json_chunks(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the text of ``graph.json`` in pieces: ``to_json(graph)`` is ``"".join(json_chunks(graph))``."""
    multigraph = graph.is_multigraph()
    yield ('{\n "directed": ' + ("true" if graph.is_directed() else "false") + ',\n "edges": ')
    if multigraph:
        edges = ({**d, "source": u, "target": v, "key": k} for u, v, k, d in graph.edges(keys=True, data=True))
    else:
        edges = ({**d, "source": u, "target": v} for u, v, d in graph.edges(data=True))
    yield from _array(edges)
    yield ',\n "graph": ' + _dumps(graph.graph).replace("\n", "\n ")
    yield ',\n "multigraph": ' + ("true" if multigraph else "false") + ',\n "nodes": '
    yield from _array({**graph.nodes[n], "id": n} for n in graph)
    yield "\n}\n"


def _array(objects: Iterator[dict[str, Any]]) -> Iterator[str]:
    out: list[str] = []
    separator = "[\n  "
    for count, data in enumerate(objects, 1):
        out.append(separator)
        out.append(_element(data, "  "))
        separator = ",\n  "
        if count % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    out.append("[]" if separator == "[\n  " else "\n ]")
    yield "".join(out)


def to_json(graph: nx.MultiDiGraph) -> str:
    """The text of ``graph.json`` (the whole document in memory: :func:`write_json` streams it)."""
    return "".join(json_chunks(graph))


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> None:
    with atomic_open(path, "w") as handle:
        for chunk in json_chunks(graph):
            handle.write(chunk)
