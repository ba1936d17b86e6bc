"""Neo4j export (``neo4j/``): bulk-import CSV files, ``import.sh``, and ``load.cypher``.

Two ways into Neo4j, from one folder written atomically (:func:`kg.atomic.atomic_dir`):

* ``neo4j-admin database import full`` (new database, fastest): one node file per label,
  ``nodes_<Label>.csv``, with header ``id:ID(<Label>)``, ``:LABEL`` and typed property columns
  (``papers:int``, ``year:int``, ``confidence:float``, ``aliases:string[]``, ...); one
  relationship file per type and end labels, ``rels_<TYPE>_<Start>_<End>.csv``, with
  ``:START_ID(<Start>)``, ``:END_ID(<End>)``, ``:TYPE`` and typed properties. ``import.sh`` holds
  the exact command line; ``constraints.cypher`` creates the id constraints afterwards.
  Spec: https://neo4j.com/docs/operations-manual/current/import/
* ``cypher-shell -f load.cypher`` (running database): uniqueness constraints on ``id`` first,
  then ``:param rows => [...]`` followed by ``UNWIND $rows AS row MERGE ...`` batches of at most
  :data:`BATCH_SIZE` rows. No APOC. :func:`cypher_statements` yields the same statements as
  ``(cypher, params)`` pairs for a driver.

Labels are the node kinds (``Paper``, ``Model``, ``Method``, ``Dataset``, ``Benchmark``);
relationship types are the relations in upper case (``BUILDS_ON``, ``EVALUATED_ON``, ...;
``kg.names.NEO4J_TYPE``). Every node has an ``id`` property (the kg node id, ``model:llama-2``).
Text is cleaned as for the other exports (:func:`kg.export.attrs.clean_text`); lists are real
string arrays; empty values are left out (Neo4j stores no null).

CSV specifics: RFC 4180 quoting (``""`` inside quoted fields), ``\\n`` line ends, fields with
line breaks quoted (``--multiline-fields=true``), array elements separated by U+001F (which
:func:`~kg.export.attrs.clean_text` removes from all text, so no element can contain it).
Text cells starting with ``=``, ``+``, ``-``, ``@`` or a tab get a leading ``'`` so a
spreadsheet opening the CSV does not run them as formulas (OWASP "CSV injection"); the Cypher
files carry the text unchanged.

Cypher dialects: the data statements use the openCypher subset that Neo4j and FalkorDB both
run (UNWIND, MERGE on a single-property pattern, MATCH, ``SET x += map``, parameters). Only the
schema statements differ: Neo4j ``CREATE CONSTRAINT ... REQUIRE n.id IS UNIQUE``; FalkorDB
``CREATE INDEX FOR (n:Label) ON (n.id)`` (its unique constraints are a separate
``GRAPH.CONSTRAINT CREATE`` command, not Cypher).

Streaming: :func:`write_neo4j` makes one pass over the graph for each table's rows (as indexes:
a few bytes per node and edge), column types and sizes, then writes each CSV file and its part of
``load.cypher`` row by row, so neither the tables nor the text of a file are ever held whole
(at 100,000 papers they took ~4 GB beyond the graph). :func:`node_tables` and
:func:`relationship_tables` still build whole :class:`Table` objects, for callers who want them.

Not supported: incremental import, relationship ids, Neo4j's ``--schema`` option (Enterprise).
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import tomllib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_dir
from kg.errors import KgError
from kg.export.attrs import clean_text
from kg.names import KINDS, LIST_SEPARATOR, NEO4J_TYPE

__all__ = [
    "write_neo4j", "cypher_statements", "schema_statements", "data_statements", "load_cypher",
    "node_tables", "relationship_tables", "cypher_literal", "Table", "ARRAY_DELIMITER",
    "BATCH_SIZE", "DIALECTS",
]

#: Separator of array elements in the CSV files (``--array-delimiter=U+001F``).
ARRAY_DELIMITER = "\x1f"
#: Rows per UNWIND batch. Neo4j's guidance is 1k-10k simple rows per transaction; a paper row
#: carries its abstract (~1.5 KB), so 500 rows keep one ``:param`` line of load.cypher under
#: ~1 MB. The sample corpus (503 papers, ~1,250 entities, ~3,500 edges) loads in ~35 statements.
BATCH_SIZE = 500
DIALECTS = ("neo4j", "falkordb")

#: Property columns that come first, in this order; any other attribute follows, sorted.
_PREFERRED = ("label", "title", "abstract", "year", "url", "authors", "aliases", "family", "papers",
              "surface", "evidence", "rule", "confidence")
#: Graph attributes that are structure in Neo4j (the label, the type), not properties; a node
#: attribute named ``id`` would clash with the ``id`` property every node gets.
_NODE_SKIP = {"kind", "id"}
_EDGE_SKIP = {"relation"}
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_FORMULA_START = ("=", "+", "-", "@", "\t")


@dataclass(frozen=True)
class Table:
    """One CSV file: its name, the Neo4j header, and rows of typed, cleaned values.

    ``label`` is the node label, or the relationship type of a relationship file (whose end
    labels are ``start`` and ``end``). ``keys`` are the ids (``(id,)`` for a node, ``(source,
    target)`` for a relationship) and ``props`` the property dictionaries, row by row; the CSV
    and the Cypher statements are both written from them.
    """

    filename: str
    label: str
    header: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]
    keys: tuple[tuple[str, ...], ...]
    props: tuple[dict[str, Any], ...]
    start: str = ""
    end: str = ""


@cache
def _templates() -> dict[str, dict[str, str]]:
    text = resources.files("kg.export").joinpath("neo4j_templates.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _identifier(name: str, what: str) -> str:
    """``name`` if it can stand unquoted as a Cypher label or type (it goes into query text)."""
    if not _IDENTIFIER.match(name):
        raise KgError(f"Neo4j export: {what} {name!r} is not a plain identifier")
    return name


def _value(value: Any) -> Any:
    """A property value Neo4j can hold: cleaned text, finite numbers, lists of text; else None."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        cleaned = [clean_text(str(v)) for v in items if v is not None]
        return [v for v in cleaned if v] or None
    if isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, (int, float, str)):
        value = value.item()  # numpy scalars
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return clean_text(str(value)) or None


def _type_of(values: Iterable[Any]) -> str:
    return _type_name({type(v) for v in values})


def _type_name(types: set[type]) -> str:
    if types <= {bool}:
        return "boolean"
    if types <= {int}:
        return "int"
    if types <= {int, float}:
        return "float"
    if types <= {list}:
        return "string[]"
    return "string"


def _coerce(value: Any, kind: str) -> Any:
    if kind == "float":
        return float(value)
    if kind == "string" and isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if kind == "string" and not isinstance(value, str):
        return str(value)
    return value


def _column_order(names: Iterable[str]) -> list[str]:
    names = set(names)
    return [n for n in _PREFERRED if n in names] + sorted(n for n in names if n not in _PREFERRED)


def _typed(records: list[tuple[tuple[str, ...], dict[str, Any]]]
           ) -> tuple[tuple[tuple[str, str], ...], list[dict[str, Any]]]:
    """Columns (name, Neo4j type) of ``records`` and their properties coerced to one type each."""
    seen: dict[str, list[Any]] = {}
    for _, props in records:
        for name, value in props.items():
            seen.setdefault(name, []).append(value)
    order = _column_order(seen)
    columns = tuple((name, _type_of(seen[name])) for name in order)
    types = dict(columns)
    typed = [{name: _coerce(props[name], types[name]) for name in order if name in props}
             for _, props in records]
    return columns, typed


def _properties(attrs: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    props = {}
    for name, value in attrs.items():
        if name in skip:
            continue
        _identifier(str(name), "property name")
        value = _value(value)
        if value is not None:
            props[str(name)] = value
    return props


def _label_order(labels: Iterable[str]) -> list[str]:
    labels = set(labels)
    return [k for k in KINDS if k in labels] + sorted(labels - set(KINDS))


#: The type :func:`_value` gives a value of each common type (when it keeps the value).
_VALUE_TYPE = {str: str, list: list, tuple: list, set: list, frozenset: list, bool: bool, int: int, float: float}


def _clean_strings(items: list) -> bool:
    """Whether ``items`` are all str that :func:`clean_text` leaves as they are."""
    try:
        joined = "".join(items)
    except TypeError:
        return False
    return clean_text(joined) is joined


@dataclass
class _Spec:
    """A table without its rows: what :class:`_Plan` knows after its pass over the graph."""

    filename: str
    label: str
    header: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]
    members: Any  # row order: node indexes, or edge indexes, sorted as the table's rows
    start: str = ""
    end: str = ""
    coerce: dict[str, str] = field(default_factory=dict)  # columns whose values need _coerce


class _Plan:
    """One pass over ``graph``: every table's rows (as indexes, in order) and column types.

    Holds about 8 bytes per node and 20 per edge (indexes, a reference to the edge's attributes)
    plus each node's cleaned id; :meth:`rows` then makes
    the rows of one table at a time, exactly as :func:`node_tables` and
    :func:`relationship_tables` hold them.
    """

    def __init__(self, graph: nx.MultiDiGraph):
        import numpy as np

        self.graph = graph
        self.nodes = list(graph.nodes)
        index = {node: i for i, node in enumerate(self.nodes)}
        self.ids = [clean_text(str(node)) for node in self.nodes]
        rank = array("i", bytes(4 * len(self.nodes)))
        previous, r = None, -1
        for i in sorted(range(len(self.nodes)), key=self.ids.__getitem__):  # equal cleaned ids: one rank
            if r < 0 or self.ids[i] != previous:
                r, previous = r + 1, self.ids[i]
            rank[i] = r
        self._valid: set[str] = set()

        node_groups: dict[str, array] = {}
        node_types: dict[str, dict[str, set[type]]] = {}
        for i, (node, attrs) in enumerate(graph.nodes(data=True)):
            label = _identifier(str(attrs.get("kind", "")), f"label of node {node!r}")
            members = node_groups.get(label)
            if members is None:
                members = node_groups[label] = array("i")
                node_types[label] = {}
            members.append(i)
            self._scan(node_types[label], attrs, _NODE_SKIP)

        self.source, self.target, self.attrs = array("i"), array("i"), []
        edge_groups: dict[tuple[str, str, str], array] = {}
        edge_types: dict[tuple[str, str, str], dict[str, set[type]]] = {}
        kinds = graph._node
        for j, (u, v, attrs) in enumerate(graph.edges(data=True)):
            relation = str(attrs.get("relation", ""))
            rel_type = _identifier(NEO4J_TYPE.get(relation, relation.upper()), f"type of edge {u!r} -> {v!r}")
            start = _identifier(str(kinds[u].get("kind")), f"label of node {u!r}")
            end = _identifier(str(kinds[v].get("kind")), f"label of node {v!r}")
            group = (rel_type, start, end)
            members = edge_groups.get(group)
            if members is None:
                members = edge_groups[group] = array("i")
                edge_types[group] = {}
            members.append(j)
            self.source.append(index[u])
            self.target.append(index[v])
            self.attrs.append(attrs)
            self._scan(edge_types[group], attrs, _EDGE_SKIP)

        ranks = np.frombuffer(rank, dtype=np.int32) if len(rank) else np.zeros(0, np.int32)
        self.node_specs = []
        for label in _label_order(node_groups):
            members = np.frombuffer(node_groups[label], dtype=np.int32)
            members = members[np.argsort(ranks[members], kind="stable")]
            columns = self._columns(node_types[label])
            header = (f"id:ID({label})", ":LABEL", *(f"{name}:{kind}" for name, kind in columns))
            self.node_specs.append(_Spec(f"nodes_{label}.csv", label, header, columns, members,
                                         coerce=self._coercions(node_types[label], columns)))
        type_order = {t: i for i, t in enumerate(NEO4J_TYPE.values())}
        label_order = {k: i for i, k in enumerate(KINDS)}
        source = np.frombuffer(self.source, dtype=np.int32) if len(self.source) else np.zeros(0, np.int32)
        target = np.frombuffer(self.target, dtype=np.int32) if len(self.target) else np.zeros(0, np.int32)
        self.edge_specs = []
        for group in sorted(edge_groups, key=lambda g: (type_order.get(g[0], len(type_order)), g[0],
                                                        label_order.get(g[1], 99), g[1],
                                                        label_order.get(g[2], 99), g[2])):
            rel_type, start, end = group
            members = np.frombuffer(edge_groups[group], dtype=np.int32)
            members = members[np.lexsort((ranks[target[members]], ranks[source[members]]))]
            columns = self._columns(edge_types[group])
            header = (f":START_ID({start})", f":END_ID({end})", ":TYPE", *(f"{name}:{kind}" for name, kind in columns))
            self.edge_specs.append(_Spec(f"rels_{rel_type}_{start}_{end}.csv", rel_type, header, columns, members,
                                         start=start, end=end, coerce=self._coercions(edge_types[group], columns)))

    def _scan(self, seen: dict[str, set[type]], attrs: dict[str, Any], skip: set[str]) -> None:
        valid = self._valid
        for name, value in attrs.items():
            if name in skip:
                continue
            if name not in valid:
                _identifier(str(name), "property name")
                valid.add(name)
            types = seen.get(name)
            if types is not None and _VALUE_TYPE.get(type(value)) in types:
                continue  # nothing to learn: a type already recorded, or a value left out
            value = _value(value)
            if value is not None:
                seen.setdefault(str(name), set()).add(type(value))

    @staticmethod
    def _columns(seen: dict[str, set[type]]) -> tuple[tuple[str, str], ...]:
        return tuple((name, _type_name(seen[name])) for name in _column_order(seen))

    @staticmethod
    def _coercions(seen: dict[str, set[type]], columns: tuple[tuple[str, str], ...]) -> dict[str, str]:
        """The columns some of whose values :func:`_coerce` changes."""
        out = {}
        for name, kind in columns:
            types = seen[name]
            if (kind == "float" and types != {float}) or (kind == "string" and types != {str}):
                out[name] = kind
        return out

    @property
    def specs(self) -> list[_Spec]:
        return self.node_specs + self.edge_specs

    def rows(self, spec: _Spec) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
        """``(keys, props)`` of each row of ``spec``'s table, in order, props typed and in column order."""
        order = [name for name, _ in spec.columns]
        coerce = spec.coerce
        ids = self.ids
        if not spec.start:
            nodes, attrs_of = self.nodes, self.graph._node
            for start in range(0, len(spec.members), 4096):
                for i in spec.members[start:start + 4096].tolist():
                    yield (ids[i],), self._props(attrs_of[nodes[i]], _NODE_SKIP, order, coerce)
            return
        attrs, source, target = self.attrs, self.source, self.target
        for start in range(0, len(spec.members), 4096):
            for j in spec.members[start:start + 4096].tolist():
                yield (ids[source[j]], ids[target[j]]), self._props(attrs[j], _EDGE_SKIP, order, coerce)

    @staticmethod
    def _props(attrs: dict[str, Any], skip: set[str], order: list[str], coerce: dict[str, str]) -> dict[str, Any]:
        props = {}
        for name, value in attrs.items():
            if name in skip:
                continue
            kind = type(value)
            if kind is str:
                value = clean_text(value) or None
            elif kind is list and value and "" not in value and _clean_strings(value):
                value = list(value)  # a list of clean, non-empty strings: what _value gives
            elif kind is not int and kind is not float and kind is not bool:
                value = _value(value)
            elif kind is float and not math.isfinite(value):
                value = None
            if value is not None:
                props[name if type(name) is str else str(name)] = value
        for name, kind in coerce.items():
            if name in props:
                props[name] = _coerce(props[name], kind)
        if len(props) > 1:
            props = {name: props[name] for name in order if name in props}
        return props

    def table(self, spec: _Spec) -> Table:
        rows = list(self.rows(spec))
        return Table(spec.filename, spec.label, spec.header, spec.columns, tuple(k for k, _ in rows),
                     tuple(p for _, p in rows), start=spec.start, end=spec.end)


def node_tables(graph: nx.MultiDiGraph) -> list[Table]:
    """One :class:`Table` per node label, rows sorted by id."""
    plan = _Plan(graph)
    return [plan.table(spec) for spec in plan.node_specs]


def relationship_tables(graph: nx.MultiDiGraph) -> list[Table]:
    """One :class:`Table` per (type, start label, end label), rows sorted by (start, end)."""
    plan = _Plan(graph)
    return [plan.table(spec) for spec in plan.edge_specs]


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "string[]":
        text = ARRAY_DELIMITER.join(value)
    elif kind == "boolean":
        return "true" if value else "false"
    elif kind in ("int", "float"):
        return repr(value)
    else:
        text = value
    if text.startswith(_FORMULA_START):
        text = "'" + text  # a spreadsheet would run it as a formula (OWASP "CSV injection")
    return text


def _csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.header)
    for key, props in zip(table.keys, table.props):
        fixed = [key[0], table.label] if not table.start else [key[0], key[1], table.label]
        writer.writerow(fixed + [_cell(props.get(name), kind) for name, kind in table.columns])
    return out.getvalue()


def _csv_row(key: tuple[str, ...], props: dict[str, Any], spec: _Spec) -> list[str]:
    return [*key, spec.label, *[_cell(props.get(name), kind) for name, kind in spec.columns]]


def schema_statements(graph: nx.MultiDiGraph, dialect: str = "neo4j") -> Iterator[tuple[str, dict]]:
    """The id constraints (Neo4j) or id indexes (FalkorDB), one statement per label."""
    if dialect not in DIALECTS:
        raise KgError(f"Neo4j export: unknown Cypher dialect {dialect!r} (one of {', '.join(DIALECTS)})")
    template = _templates()["cypher"][f"{dialect}_schema"]
    labels = _label_order(_identifier(str(k), "label") for k in dict.fromkeys(k for _, k in graph.nodes(data="kind")))
    for label in labels:
        yield template.format(label=label, label_lower=label.lower()), {}


def _statement(spec: _Spec) -> str:
    cypher = _templates()["cypher"]
    if not spec.start:
        return cypher["merge_nodes"].format(label=spec.label)
    return cypher["merge_relationships"].format(type=spec.label, start=spec.start, end=spec.end)


def _row(key: tuple[str, ...], props: dict[str, Any]) -> dict[str, Any]:
    if len(key) == 1:
        return {"id": key[0], "props": props}
    return {"source": key[0], "target": key[1], "props": props}


def _check_batch_size(batch_size: int) -> None:
    if batch_size < 1:
        raise KgError(f"Neo4j export: batch size must be at least 1, not {batch_size}")


def data_statements(graph: nx.MultiDiGraph, batch_size: int = BATCH_SIZE) -> Iterator[tuple[str, dict]]:
    """``UNWIND $rows AS row MERGE ...`` statements with their ``rows``: nodes first, then edges.

    Node rows are ``{id, props}``; relationship rows ``{source, target, props}`` (not
    ``start``/``end``: ``END`` is a Cypher keyword). Made one batch at a time.
    """
    _check_batch_size(batch_size)
    plan = _Plan(graph)
    for spec in plan.specs:
        statement = _statement(spec)
        batch: list[dict[str, Any]] = []
        for key, props in plan.rows(spec):
            batch.append(_row(key, props))
            if len(batch) == batch_size:
                yield statement, {"rows": batch}
                batch = []
        if batch:
            yield statement, {"rows": batch}


def cypher_statements(graph: nx.MultiDiGraph, dialect: str = "neo4j", batch_size: int = BATCH_SIZE
                      ) -> Iterator[tuple[str, dict]]:
    """Every statement that loads ``graph`` into a running database, as ``(cypher, params)``.

    Run them in order with any driver, each in its own transaction::

        for cypher, params in cypher_statements(graph):
            session.run(cypher, params)            # neo4j driver

        for cypher, params in cypher_statements(graph, dialect="falkordb"):
            falkordb_graph.query(cypher, params)   # falkordb client

    Parameters
    ----------
    dialect : {"neo4j", "falkordb"}
        Only the schema statements depend on it (see the module docstring).
    batch_size : int
        Rows per UNWIND statement.
    """
    yield from schema_statements(graph, dialect)
    yield from data_statements(graph, batch_size)


_CYPHER_ESCAPE = re.compile('[\\\\"\n\t]')
_checked_keys: set[str] = set()


def _quote(text: str) -> str:
    """``text`` (already cleaned) as a Cypher string literal."""
    if _CYPHER_ESCAPE.search(text) is None:
        return '"' + text + '"'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def _cypher_string(text: str) -> str:
    return _quote(clean_text(text))


def _rows_literal(batch: list[dict[str, Any]]) -> str:
    """``cypher_literal(batch)`` for rows made by :func:`_row` from :meth:`_Plan.rows`, written directly.

    Their keys are checked identifiers and their text is clean already; the values are str,
    int, float, bool or lists of str (:func:`_value`), anything else goes to :func:`cypher_literal`.
    """
    rows = []
    for row in batch:
        parts = []
        for name, value in row["props"].items():
            kind = type(value)
            if kind is str:
                parts.append(f"{name}: {_quote(value)}")
            elif kind is float and math.isfinite(value) or kind is int:
                parts.append(f"{name}: {value!r}")
            elif kind is list and all(type(v) is str for v in value):
                parts.append(f"{name}: [" + ", ".join([_quote(v) for v in value]) + "]")
            else:
                parts.append(f"{name}: {cypher_literal(value)}")
        props = "{" + ", ".join(parts) + "}"
        if "id" in row:
            rows.append(f"{{id: {_quote(row['id'])}, props: {props}}}")
        else:
            rows.append(f"{{source: {_quote(row['source'])}, target: {_quote(row['target'])}, props: {props}}}")
    return "[" + ", ".join(rows) + "]"


def cypher_literal(value: Any) -> str:
    """``value`` as a Cypher literal that Neo4j and FalkorDB parse to the same value.

    Strings are double-quoted with ``\\\\``, ``\\"``, ``\\n``, ``\\t`` escapes only (FalkorDB reads
    ``\\uXXXX`` literally); other characters are written as they are, in UTF-8.

    >>> cypher_literal({"id": 'a"b', "n": [1, 2.5, True]})
    '{id: "a\\\\"b", n: [1, 2.5, true]}'
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise KgError(f"Neo4j export: {value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return _cypher_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_map_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise KgError(f"Neo4j export: {type(value).__name__} values have no Cypher literal")


def _map_key(key: Any) -> str:
    if type(key) is str and key in _checked_keys:
        return key
    name = _identifier(str(key), "map key")
    if type(key) is str and len(_checked_keys) < 10_000:
        _checked_keys.add(key)
    return name


def load_cypher(graph: nx.MultiDiGraph, batch_size: int = BATCH_SIZE) -> str:
    """The text of ``load.cypher``: constraints, then ``:param rows => [...]`` + statement pairs."""
    _check_batch_size(batch_size)
    plan = _Plan(graph)
    out = io.StringIO()
    _write_load_cypher(out, graph, plan, {spec.filename: plan.rows(spec) for spec in plan.specs}, batch_size)
    return out.getvalue()


def _load_cypher_head(graph: nx.MultiDiGraph, plan: _Plan, batch_size: int) -> str:
    schema = [f"{cypher};" for cypher, _ in schema_statements(graph, "neo4j")]
    data = sum(-(-len(spec.members) // batch_size) for spec in plan.specs)
    header = _templates()["files"]["load_cypher_header"].format(batch_size=batch_size,
                                                                 statements=len(schema) + data).rstrip("\n")
    return "\n".join([header, *schema]) + "\n"


def _batch_text(statement: str, batch: list[dict[str, Any]]) -> str:
    return f":param rows => {_rows_literal(batch)}\n{statement};\n"


def _write_load_cypher(handle, graph: nx.MultiDiGraph, plan: _Plan, rows: dict, batch_size: int) -> None:
    handle.write(_load_cypher_head(graph, plan, batch_size))
    for spec in plan.specs:
        statement = _statement(spec)
        batch: list[dict[str, Any]] = []
        for key, props in rows[spec.filename]:
            batch.append(_row(key, props))
            if len(batch) == batch_size:
                handle.write(_batch_text(statement, batch))
                batch = []
        if batch:
            handle.write(_batch_text(statement, batch))


def _constraints_cypher(graph: nx.MultiDiGraph) -> str:
    lines = [_templates()["files"]["constraints_header"].rstrip("\n")]
    lines += [f"{cypher};" for cypher, _ in schema_statements(graph, "neo4j")]
    return "\n".join(lines) + "\n"


def _import_sh(tables: list[Table] | list[_Spec]) -> str:
    options = [f"    --nodes={t.filename}" for t in tables if not t.start]
    options += [f"    --relationships={t.filename}" for t in tables if t.start]
    return _templates()["files"]["import_sh"].format(file_options=" \\\n".join(options))


def write_neo4j(graph: nx.MultiDiGraph, path: str | Path, *, batch_size: int = BATCH_SIZE) -> None:
    """Write the ``neo4j/`` folder (CSV files, ``import.sh``, ``constraints.cypher``, ``load.cypher``).

    The folder is replaced as a whole: a reader sees the previous folder or the new one. Each
    table's rows are made once and written to its CSV file and to ``load.cypher`` as they come.
    """
    _check_batch_size(batch_size)
    plan = _Plan(graph)
    specs = plan.specs
    with atomic_dir(path) as tmp:
        with open(tmp / "load.cypher", "w", encoding="utf-8", newline="") as cypher:
            cypher.write(_load_cypher_head(graph, plan, batch_size))
            for spec in specs:
                statement = _statement(spec)
                batch: list[dict[str, Any]] = []
                with open(tmp / spec.filename, "w", encoding="utf-8", newline="") as handle:
                    writer = csv.writer(handle, lineterminator="\n")
                    writer.writerow(spec.header)
                    for key, props in plan.rows(spec):
                        writer.writerow(_csv_row(key, props, spec))
                        batch.append(_row(key, props))
                        if len(batch) == batch_size:
                            cypher.write(_batch_text(statement, batch))
                            batch = []
                if batch:
                    cypher.write(_batch_text(statement, batch))
        for name, text in (("import.sh", _import_sh(specs)), ("constraints.cypher", _constraints_cypher(graph))):
            with open(tmp / name, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        os.chmod(tmp / "import.sh", 0o777 & ~_umask())  # executable, as far as the umask allows


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
