"""Attribute normalisation for formats that hold only scalars or typed columns (GraphML, GEXF, CSV).

Every text value that leaves kg through these formats goes through :func:`clean_text` first:

* characters that XML 1.0 cannot hold (C0 controls other than tab and line feed, lone
  surrogates, U+FFFE and U+FFFF) are removed -- https://www.w3.org/TR/xml/#charsets;
* line breaks become ``\\n`` (``\\r\\n`` and a lone ``\\r`` would be turned into ``\\n`` by any
  XML parser anyway, so doing it here keeps every export reading back the same text).

The same cleaning is applied to the Neo4j CSV and Cypher files, so a title reads the same in
Gephi, Neo4j and FalkorDB. Lists become one string joined with ``" | "`` (DESIGN.md) in the
scalar formats; ``None`` never appears (an attribute that is ``None`` or empty is left out).

Not supported: nested dictionaries (no kg attribute is one), bytes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.names import LIST_SEPARATOR

__all__ = ["clean_text", "xml_safe", "scalar", "flat_value", "flat_type", "flat_attrs", "flat_graph", "TypeScan", "coerce"]

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?")
#: Any character that :func:`clean_text` changes: one scan, so clean text (nearly all) is not copied.
_TO_CLEAN = re.compile("[\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids, line breaks as ``\\n``.

    >>> clean_text("a\\x00b\\r\\nc\\x1fd\\te")
    'ab\\ncd\\te'
    """
    if _TO_CLEAN.search(text) is None:
        return text
    return _XML_FORBIDDEN.sub("", _LINE_BREAK.sub("\n", text))


#: The first version's name, kept for callers that import it.
xml_safe = clean_text


def scalar(value: Any) -> str | int | float | bool | None:
    """A plain Python scalar for ``value``: numpy numbers unwrapped, text cleaned, NaN dropped.

    Returns ``None`` for values no typed column can hold (``None`` and NaN/infinity), which
    callers leave out.
    """
    if value is None or isinstance(value, (bool, int, str)):
        return clean_text(value) if isinstance(value, str) else value
    if hasattr(value, "item"):  # numpy scalars: the writers' type tables know only Python types
        return scalar(value.item())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return clean_text(str(value))


def flat_value(value: Any) -> str | int | float | bool | None:
    """``value`` as one scalar: lists and tuples joined with ``" | "``, text cleaned.

    >>> flat_value(["LLaMA 2", None, "Llama-2"])
    'LLaMA 2 | Llama-2'
    """
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(v) for v in (scalar(i) for i in items) if v is not None)
    return scalar(value)


def flat_type(value: Any) -> type | None:
    """The type of ``flat_value(value)``, or ``None`` when :func:`flat_attrs` leaves the value out."""
    value = flat_value(value)
    return None if value is None or value == "" else type(value)


#: The type :func:`flat_value` gives a value of each common type (when it keeps the value).
_FLAT_TYPE = {str: str, list: str, tuple: str, set: str, frozenset: str, int: int, bool: bool, float: float}


def flat_attrs(attrs: dict[str, Any]) -> dict[str, str | int | float | bool]:
    """Every attribute as a scalar; ``None`` and empty values (``""``, ``[]``) are left out.

    Empty values are left out because an empty GraphML ``<data/>`` element reads back as the
    string ``"None"`` in networkx (``str(element.text)``), and as a missing value elsewhere.
    This runs once per node and edge of every GraphML and GEXF export, so the common value
    types (``str``, ``int``, ``float``, lists of ``str``) take a short path that gives exactly
    what :func:`flat_value` gives.
    """
    flat = {}
    for key, value in attrs.items():
        kind = type(value)
        if kind is str:
            if _TO_CLEAN.search(value) is not None:
                value = clean_text(value)
            if not value:
                continue
        elif kind is int or kind is bool:
            pass
        elif kind is float:
            if not math.isfinite(value):
                continue
        else:
            if kind is list or kind is tuple:
                try:  # join takes only str items: then cleaning the joined text = joining cleaned items
                    value = clean_text(LIST_SEPARATOR.join(value))
                except TypeError:
                    value = flat_value(value)
            else:
                value = flat_value(value)
            if value is None or value == "":
                continue
        flat[key if type(key) is str else str(key)] = value
    return flat


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with scalar attributes and one unique key per edge (``e0``, ``e1``, ...).

    Edge keys in the kg graph are relation names, which repeat across the graph; GraphML and
    GEXF use the key as the edge ``id``, and Gephi drops edges whose id it has already seen.
    The relation stays in the ``relation`` attribute.
    """
    flat = nx.MultiDiGraph()
    flat.graph.update(flat_attrs(graph.graph))
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **flat_attrs(attrs))
    for index, (u, v, attrs) in enumerate(graph.edges(data=True)):
        flat.add_edge(u, v, key=f"e{index}", **flat_attrs(attrs))
    _unify_types(attrs for _, attrs in flat.nodes(data=True))
    _unify_types(attrs for *_, attrs in flat.edges(data=True))
    return flat


def _unify_types(rows: Iterable[dict[str, Any]]) -> None:
    """Give each attribute one type across all rows, in place.

    GraphML and GEXF declare one type per attribute; the networkx writers would declare the
    same name twice (once per Python type) and Gephi would keep only one of them. Mixed
    ``int``/``float`` becomes ``float``; any other mix becomes ``str``.
    """
    rows = list(rows)
    seen: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            seen.setdefault(key, set()).add(type(value))
    for key, types in seen.items():
        if len(types) < 2:
            continue
        target = float if types <= {int, float} else str
        for row in rows:
            if key in row and type(row[key]) is not target:
                row[key] = target(row[key])


class TypeScan:
    """The types :func:`flat_graph` gives each attribute, from one pass over the rows, copying nothing.

    :meth:`add` each node's (or each edge's) attribute dictionary in graph order; then
    :meth:`unified` says what type each attribute has in the flat graph and :meth:`coercions`
    which ones :func:`flat_graph` converts (see :func:`_unify_types`). A streaming writer declares
    the types up front and converts each row as it writes it, with the same result as
    :func:`flat_graph` without holding a second copy of the graph.
    """

    def __init__(self) -> None:
        #: attribute name -> types of its (kept) flat values, names in order of first appearance
        self.seen: dict[str, set[type]] = {}

    def add(self, attrs: dict[str, Any]) -> bool:
        """Record one row; ``True`` if it holds an attribute with a value not seen in earlier rows."""
        seen = self.seen
        new = False
        for key, value in attrs.items():
            types = seen.get(key)
            if types is not None and _FLAT_TYPE.get(type(value)) in types:
                continue  # nothing to learn: a type already recorded, or a value left out
            kind = flat_type(value)
            if kind is None:
                continue
            name = key if type(key) is str else str(key)
            types = seen.get(name)
            if types is None:
                seen[name] = {kind}
                new = True
            else:
                types.add(kind)
        return new

    def unified(self) -> dict[str, type]:
        """Attribute name -> its one type in the flat graph (mixed int/float: float; other mixes: str)."""
        return {name: next(iter(types)) if len(types) == 1 else (float if types <= {int, float} else str)
                for name, types in self.seen.items()}

    def coercions(self) -> dict[str, type]:
        """The attributes whose values do not all have their unified type, with that type."""
        return {name: kind for name, kind in self.unified().items() if len(self.seen[name]) > 1}


def coerce(flat: dict[str, Any], coercions: dict[str, type]) -> dict[str, Any]:
    """Convert, in place, the values of ``flat`` that :func:`flat_graph` would convert."""
    for name, kind in coercions.items():
        value = flat.get(name)
        if value is not None and type(value) is not kind:
            flat[name] = kind(value)
    return flat
