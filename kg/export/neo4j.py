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

Not supported: incremental import, relationship ids, Neo4j's ``--schema`` option (Enterprise).
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
    types = {type(v) for v in values}
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


def _typed(records: list[tuple[tuple[str, ...], dict[str, Any]]]
           ) -> tuple[tuple[tuple[str, str], ...], list[dict[str, Any]]]:
    """Columns (name, Neo4j type) of ``records`` and their properties coerced to one type each."""
    seen: dict[str, list[Any]] = {}
    for _, props in records:
        for name, value in props.items():
            seen.setdefault(name, []).append(value)
    order = [n for n in _PREFERRED if n in seen] + sorted(n for n in seen if n not in _PREFERRED)
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


def node_tables(graph: nx.MultiDiGraph) -> list[Table]:
    """One :class:`Table` per node label, rows sorted by id."""
    groups: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]] = {}
    for node, attrs in graph.nodes(data=True):
        label = _identifier(str(attrs.get("kind", "")), f"label of node {node!r}")
        groups.setdefault(label, []).append(((clean_text(str(node)),), _properties(attrs, _NODE_SKIP)))
    tables = []
    for label in _label_order(groups):
        records = sorted(groups[label], key=lambda r: r[0])
        columns, props = _typed(records)
        header = (f"id:ID({label})", ":LABEL", *(f"{name}:{kind}" for name, kind in columns))
        tables.append(Table(f"nodes_{label}.csv", label, header, columns,
                            tuple(k for k, _ in records), tuple(props)))
    return tables


def relationship_tables(graph: nx.MultiDiGraph) -> list[Table]:
    """One :class:`Table` per (type, start label, end label), rows sorted by (start, end)."""
    groups: dict[tuple[str, str, str], list[tuple[tuple[str, ...], dict[str, Any]]]] = {}
    kinds = graph.nodes(data="kind")
    for u, v, attrs in graph.edges(data=True):
        relation = str(attrs.get("relation", ""))
        rel_type = _identifier(NEO4J_TYPE.get(relation, relation.upper()), f"type of edge {u!r} -> {v!r}")
        start = _identifier(str(kinds[u]), f"label of node {u!r}")
        end = _identifier(str(kinds[v]), f"label of node {v!r}")
        key = (clean_text(str(u)), clean_text(str(v)))
        groups.setdefault((rel_type, start, end), []).append((key, _properties(attrs, _EDGE_SKIP)))
    type_order = {t: i for i, t in enumerate(NEO4J_TYPE.values())}
    label_order = {k: i for i, k in enumerate(KINDS)}
    tables = []
    for rel_type, start, end in sorted(groups, key=lambda g: (type_order.get(g[0], len(type_order)), g[0],
                                                              label_order.get(g[1], 99), g[1],
                                                              label_order.get(g[2], 99), g[2])):
        records = sorted(groups[(rel_type, start, end)], key=lambda r: r[0])
        columns, props = _typed(records)
        header = (f":START_ID({start})", f":END_ID({end})", ":TYPE",
                  *(f"{name}:{kind}" for name, kind in columns))
        tables.append(Table(f"rels_{rel_type}_{start}_{end}.csv", rel_type, header, columns,
                            tuple(k for k, _ in records), tuple(props), start=start, end=end))
    return tables


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


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def schema_statements(graph: nx.MultiDiGraph, dialect: str = "neo4j") -> Iterator[tuple[str, dict]]:
    """The id constraints (Neo4j) or id indexes (FalkorDB), one statement per label."""
    if dialect not in DIALECTS:
        raise KgError(f"Neo4j export: unknown Cypher dialect {dialect!r} (one of {', '.join(DIALECTS)})")
    template = _templates()["cypher"][f"{dialect}_schema"]
    labels = _label_order(_identifier(str(k), "label") for _, k in graph.nodes(data="kind"))
    for label in labels:
        yield template.format(label=label, label_lower=label.lower()), {}


def data_statements(graph: nx.MultiDiGraph, batch_size: int = BATCH_SIZE) -> Iterator[tuple[str, dict]]:
    """``UNWIND $rows AS row MERGE ...`` statements with their ``rows``: nodes first, then edges.

    Node rows are ``{id, props}``; relationship rows ``{source, target, props}`` (not
    ``start``/``end``: ``END`` is a Cypher keyword).
    """
    if batch_size < 1:
        raise KgError(f"Neo4j export: batch size must be at least 1, not {batch_size}")
    cypher = _templates()["cypher"]
    for table in node_tables(graph):
        rows = [{"id": key[0], "props": props} for key, props in zip(table.keys, table.props)]
        statement = cypher["merge_nodes"].format(label=table.label)
        for batch in _batches(rows, batch_size):
            yield statement, {"rows": batch}
    for table in relationship_tables(graph):
        rows = [{"source": key[0], "target": key[1], "props": props} for key, props in zip(table.keys, table.props)]
        statement = cypher["merge_relationships"].format(type=table.label, start=table.start, end=table.end)
        for batch in _batches(rows, batch_size):
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
        text = clean_text(value)
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_identifier(str(k), 'map key')}: {cypher_literal(v)}"
                               for k, v in value.items()) + "}"
    raise KgError(f"Neo4j export: {type(value).__name__} values have no Cypher literal")


def load_cypher(graph: nx.MultiDiGraph, batch_size: int = BATCH_SIZE) -> str:
    """The text of ``load.cypher``: constraints, then ``:param rows => [...]`` + statement pairs."""
    files = _templates()["files"]
    schema = list(schema_statements(graph, "neo4j"))
    data = list(data_statements(graph, batch_size))
    lines = [files["load_cypher_header"].format(batch_size=batch_size,
                                                statements=len(schema) + len(data)).rstrip("\n")]
    lines += [f"{cypher};" for cypher, _ in schema]
    for cypher, params in data:
        lines.append(f":param rows => {cypher_literal(params['rows'])}")
        lines.append(f"{cypher};")
    return "\n".join(lines) + "\n"


def _constraints_cypher(graph: nx.MultiDiGraph) -> str:
    lines = [_templates()["files"]["constraints_header"].rstrip("\n")]
    lines += [f"{cypher};" for cypher, _ in schema_statements(graph, "neo4j")]
    return "\n".join(lines) + "\n"


def _import_sh(tables: list[Table]) -> str:
    options = [f"    --nodes={t.filename}" for t in tables if not t.start]
    options += [f"    --relationships={t.filename}" for t in tables if t.start]
    return _templates()["files"]["import_sh"].format(file_options=" \\\n".join(options))


def write_neo4j(graph: nx.MultiDiGraph, path: str | Path, *, batch_size: int = BATCH_SIZE) -> None:
    """Write the ``neo4j/`` folder (CSV files, ``import.sh``, ``constraints.cypher``, ``load.cypher``).

    The folder is replaced as a whole: a reader sees the previous folder or the new one.
    """
    tables = node_tables(graph) + relationship_tables(graph)
    files = {t.filename: _csv(t) for t in tables}
    files["import.sh"] = _import_sh(tables)
    files["constraints.cypher"] = _constraints_cypher(graph)
    files["load.cypher"] = load_cypher(graph, batch_size)
    with atomic_dir(path) as tmp:
        for name, text in files.items():
            with open(tmp / name, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        os.chmod(tmp / "import.sh", 0o777 & ~_umask())  # executable, as far as the umask allows


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
