"""Scale machinery: streaming build, extraction cache and resume, worker processes, Dask, ``kg bench``."""

from __future__ import annotations

import importlib
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.bench import bench, bootstrap_ci, generate_corpus, parse_sizes
from kg.cache import CACHE_FILE, ExtractionCache, _extraction_sources, decode_result, encode_result, pipeline_version, text_hash
from kg.cli import app
from kg.graph.build import assemble
from kg.linking.kb import KnowledgeBase, load_kb
from kg.linking.link import link
from kg.nlp.pipeline import extract_papers, make_pipeline, paper_text
from kg.pipeline import BuildStats, InProcessEngine, ProcessEngine, build_from_papers, extract
from kg.resources import sample_corpus
from kg.sources import read_papers
from kg.sources.record import Paper
from conftest import need_module

N = 40  # papers: enough for several batches and shared entities, little enough to stay fast


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    return list(islice(read_papers(sample_corpus()), N))


@pytest.fixture(scope="module")
def reference(papers, kb) -> nx.MultiDiGraph:
    """The graph as the plain spaCy path builds it: ``nlp.pipe`` in this process, no cache."""
    return assemble(link(list(extract_papers(papers, make_pipeline(kb))), kb))


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    """Same nodes, edges, attributes, and order (exports write in graph order)."""
    return (list(a.nodes(data=True)) == list(b.nodes(data=True))
            and list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True)))


# --- codec and keys ---------------------------------------------------------------------------------


def test_cache_codec_roundtrips_real_extractions(papers, kb):
    for ex in extract_papers(papers, make_pipeline(kb)):
        assert decode_result(encode_result(ex.entities, ex.relations)) == (ex.entities, ex.relations)


def test_cache_codec_shares_evidence_sentences(papers, kb):
    ex = next(e for e in extract_papers(papers, make_pipeline(kb)) if len(e.entities) > 3)
    entities, relations = decode_result(encode_result(ex.entities, ex.relations))
    by_text = {}
    for record in (*entities, *relations):
        assert by_text.setdefault(record.evidence, record.evidence) is record.evidence


def test_cache_text_hash_separates_texts():
    assert text_hash("A\nb") == text_hash("A\nb")
    assert text_hash("A\nb") != text_hash("A\nc")
    assert text_hash("lone \ud800 surrogate")  # any str, even one UTF-8 cannot encode


def test_cache_version_follows_knowledge_base(kb, tiny_kb):
    assert pipeline_version(kb) == pipeline_version(load_kb())
    assert pipeline_version(kb) != pipeline_version(tiny_kb)


def test_cache_version_covers_extractor_code_and_data():
    names = {p.name for p in _extraction_sources()}
    assert {"extract.py", "mentions.py", "relations.py", "normalize.py", "cues.json"} <= names


def test_cache_keeps_versions_apart(tmp_path):
    with ExtractionCache(tmp_path, "v1") as one:
        one.put_many([("h", "old")])
    with ExtractionCache(tmp_path, "v2") as two:
        assert two.get_many(["h"]) == {}
        two.put_many([("h", "new")])
        assert len(two) == 1
    with ExtractionCache(tmp_path, "v1") as one:
        assert one.get_many(["h"]) == {"h": "old"}


def test_cache_rejects_a_file_that_is_not_sqlite(tmp_path):
    (tmp_path / CACHE_FILE).write_bytes(b"not a database" * 100)
    from kg.cache import CacheError

    with pytest.raises(CacheError, match=CACHE_FILE):
        ExtractionCache(tmp_path, "v1")


# --- streaming build ----------------------------------------------------------------------------------


@pytest.mark.parametrize("batch_size", [1, 7, 128])
def test_pipeline_build_equals_plain_spacy_path(papers, kb, reference, batch_size):
    graph = build_from_papers(papers, kb=kb, n_process=1, batch_size=batch_size)
    assert same_graph(graph, reference)


def test_pipeline_reads_input_lazily(papers, kb):
    """At most one batch is read ahead of extraction: input text is not all held at once."""
    read = 0
    ahead = []

    def stream():
        nonlocal read
        for paper in papers:
            read += 1
            yield paper

    done = 0

    def on_paper(_paper):
        nonlocal done
        done += 1
        ahead.append(read - done)

    build_from_papers(stream(), kb=kb, n_process=1, batch_size=5, on_paper=on_paper)
    assert done == len(papers)
    assert max(ahead) < 5


def test_pipeline_extracts_every_paper_once_in_order(papers, kb):
    stats = BuildStats()
    seen = [ex.paper.id for ex in extract(papers, kb, n_process=1, batch_size=6, stats=stats)]
    assert seen == [p.id for p in papers]
    assert (stats.papers, stats.extracted, stats.cached) == (len(papers), len(papers), 0)


# --- incremental cache and resume ------------------------------------------------------------------


def test_cache_rebuild_extracts_nothing(papers, kb, reference, tmp_path):
    first, second = BuildStats(), BuildStats()
    graph1 = build_from_papers(papers, kb=kb, n_process=1, cache=tmp_path, stats=first)
    graph2 = build_from_papers(papers, kb=kb, n_process=1, cache=tmp_path, stats=second)
    assert (first.extracted, first.cached) == (len(papers), 0)
    assert (second.extracted, second.cached) == (0, len(papers))
    assert same_graph(graph1, reference) and same_graph(graph2, reference)


def test_cache_adding_papers_extracts_only_the_new_ones(papers, kb, reference, tmp_path):
    build_from_papers(papers[:25], kb=kb, n_process=1, cache=tmp_path)
    stats = BuildStats()
    graph = build_from_papers(papers, kb=kb, n_process=1, cache=tmp_path, stats=stats)
    assert (stats.extracted, stats.cached) == (len(papers) - 25, 25)
    assert same_graph(graph, reference)


def test_cache_interrupted_build_resumes(papers, kb, reference, tmp_path):
    def interrupted():
        for i, paper in enumerate(papers):
            if i == 20:
                raise KeyboardInterrupt  # Ctrl-C while reading paper 21
            yield paper

    with pytest.raises(KeyboardInterrupt):
        build_from_papers(interrupted(), kb=kb, n_process=1, cache=tmp_path, batch_size=8)
    with ExtractionCache(tmp_path, pipeline_version(kb)) as store:
        assert len(store) == 16  # the two whole batches before the interruption
    stats = BuildStats()
    graph = build_from_papers(papers, kb=kb, n_process=1, cache=tmp_path, batch_size=8, stats=stats)
    assert (stats.extracted, stats.cached) == (len(papers) - 16, 16)
    assert same_graph(graph, reference)


def test_cache_misses_after_knowledge_base_change(papers, kb, tiny_kb, tmp_path):
    build_from_papers(papers[:10], kb=kb, n_process=1, cache=tmp_path)
    stats = BuildStats()
    build_from_papers(papers[:10], kb=tiny_kb, n_process=1, cache=tmp_path, stats=stats)
    assert (stats.extracted, stats.cached) == (10, 0)


def test_cache_stores_the_result_of_identical_texts_once(kb, tmp_path):
    twin = [Paper(id=f"p{i}", title="TwinNet: One Model", abstract="We propose TwinNet, built on LoRA.") for i in range(3)]
    stats = BuildStats()
    graph = build_from_papers(twin, kb=kb, n_process=1, cache=tmp_path, stats=stats)
    assert stats.extracted == 3
    assert sum(1 for n in graph if n.startswith("paper:")) == 3
    db = sqlite3.connect(tmp_path / CACHE_FILE)
    assert db.execute("SELECT count(*) FROM extractions").fetchone()[0] == 1


def _cached_rows(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM extractions").fetchone()[0]
    except sqlite3.OperationalError:  # the table is not created yet
        return 0


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_cache_ctrl_c_during_a_parallel_build_keeps_finished_batches(kb, tmp_path):
    """A real ``kg build --jobs 2`` gets Ctrl-C (SIGINT to its process group) mid-extraction."""
    corpus = generate_corpus(8_000, tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    db = out / ".kg-cache" / CACHE_FILE
    # (the build gets Ctrl-C's default handling, as in a terminal, even when these tests run as a
    # background job, which starts with SIGINT ignored and passes that on)
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--formats", "json",
                             "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 600  # a generous bound for a slow CI machine, not a timing assertion
        while _cached_rows(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if proc.poll() is not None:
            pytest.skip(f"the build ended before it could be interrupted (exit {proc.returncode})")
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode != 0, stderr
    assert not (out / "graph.json").exists()  # nothing half-built was written
    kept = _cached_rows(db)
    assert 0 < kept < 8_000
    # The rerun finds every finished batch: rebuild just those papers, and nothing is extracted.
    with sqlite3.connect(db) as conn:
        hashes = {h for (h,) in conn.execute("SELECT text_hash FROM extractions")}
    done = [p for p in read_papers([corpus]) if text_hash(paper_text(p)) in hashes]
    assert len(done) == kept
    stats = BuildStats()
    build_from_papers(done, kb=kb, n_process=1, cache=out / ".kg-cache", stats=stats)
    assert (stats.extracted, stats.cached) == (0, kept)


# --- worker processes ---------------------------------------------------------------------------------


def test_jobs_worker_pool_gives_the_same_graph(papers, kb, reference, tmp_path):
    engine = ProcessEngine(kb, 2, min_parallel=0)
    stats = BuildStats()
    graph = build_from_papers(papers, kb=kb, engine=engine, batch_size=6, cache=tmp_path, stats=stats)
    assert same_graph(graph, reference)
    assert stats.jobs == 2 and stats.extracted == len(papers)
    assert engine._pool is None  # shut down when the build ended


def test_jobs_small_input_stays_in_process(papers, kb, reference):
    engine = ProcessEngine(kb, 2)  # default threshold: far above N papers
    graph = build_from_papers(papers, kb=kb, engine=engine)
    assert same_graph(graph, reference)
    assert engine._window is None  # never went parallel


def test_jobs_unknown_engine_is_an_error(papers, kb):
    with pytest.raises(ValueError, match="engine"):
        build_from_papers(papers, kb=kb, engine="spark")


def test_in_process_engine_passes_empty_batches_through(kb):
    assert list(InProcessEngine(kb).map([("a", []), ("b", ["T\nWe use LoRA."])]))[0] == ("a", [])


# --- Dask ----------------------------------------------------------------------------------------------


def test_dask_local_cluster_gives_the_same_graph(papers, kb, reference, tmp_path):
    need_module("dask.distributed", "the dask extra is not installed: pip install 'kg[dask]'")
    from kg.distributed import DaskEngine

    with DaskEngine(kb, scheduler="local", n_workers=2) as engine:
        assert len(engine.client.nthreads()) == 2
        stats = BuildStats()
        graph = build_from_papers(papers, kb=kb, engine=engine, batch_size=6, cache=tmp_path, stats=stats)
        assert same_graph(graph, reference)
        assert stats.extracted == len(papers)
        # The cache lives on the client: a second build sends nothing to the cluster.
        again = BuildStats()
        build_from_papers(papers, kb=kb, engine=engine, batch_size=6, cache=tmp_path, stats=again)
        assert (again.extracted, again.cached) == (0, len(papers))


def test_dask_unreachable_scheduler_is_a_kg_error(kb):
    need_module("dask.distributed", "the dask extra is not installed: pip install 'kg[dask]'")
    from kg.distributed import DaskEngine
    from kg.errors import KgError

    with pytest.raises(KgError, match="127.0.0.1:9"):
        DaskEngine(kb, scheduler="tcp://127.0.0.1:9", timeout=1)


# --- CLI -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_file(papers, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "papers.jsonl"
    path.write_text("".join(json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract}) + "\n"
                            for p in papers[:20]), encoding="utf-8")
    return path


def test_cli_build_cache_gives_identical_exports(corpus_file, tmp_path):
    runner = CliRunner()
    args = ["build", str(corpus_file), "--formats", "json,graphml"]
    cold = runner.invoke(app, [*args, "--out", str(tmp_path / "a"), "--jobs", "1"])
    assert cold.exit_code == 0, cold.output
    assert (tmp_path / "a" / ".kg-cache" / CACHE_FILE).exists()
    warm = runner.invoke(app, [*args, "--out", str(tmp_path / "a"), "--jobs", "1"])
    assert warm.exit_code == 0, warm.output
    assert "extracted 0 paper(s), 20 from the cache" in warm.output
    plain = runner.invoke(app, [*args, "--out", str(tmp_path / "b"), "--no-cache"])
    assert plain.exit_code == 0, plain.output
    assert not (tmp_path / "b" / ".kg-cache").exists()
    for name in ("graph.json", "graph.graphml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_cli_build_cache_option_chooses_the_folder(corpus_file, tmp_path):
    result = CliRunner().invoke(app, ["build", str(corpus_file), "--out", str(tmp_path / "o"), "--formats", "json",
                                      "--cache", str(tmp_path / "c"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c" / CACHE_FILE).exists() and not (tmp_path / "o" / ".kg-cache").exists()


@pytest.mark.parametrize("args", [["--scheduler", "tcp://127.0.0.1:9"], ["--engine", "spark"]])
def test_cli_build_bad_engine_options_are_usage_errors(corpus_file, tmp_path, args):
    result = CliRunner().invoke(app, ["build", str(corpus_file), "--out", str(tmp_path), *args])
    assert result.exit_code == 2, result.output


# --- bench ---------------------------------------------------------------------------------------------


def test_bench_generated_corpus_is_distinct_and_varied(tmp_path):
    path = generate_corpus(1100, tmp_path / "c.jsonl")
    assert generate_corpus(1100, tmp_path / "again.jsonl").read_bytes() == path.read_bytes()
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    read = list(read_papers([path]))
    assert len(read) == len(records) == 1100  # no two records collapse into one paper
    base = read[0].abstract
    copy = next(p for p in read if p.id == "bench-1-0")
    assert copy.abstract != base and "Qb" in copy.abstract
    assert len(copy.abstract.split()) == len(base.split())


def test_bench_reports_every_stage(tmp_path):
    result = bench(60, tmp_path, n_process=1, n_batches=3, batch_size=10, warmup=0, formats=("json", "graphml"))
    names = [s.name for s in result.stages]
    assert names == ["read", "tokenizer (1 proc)", "extract (1 proc)", "extract (1 jobs)", "extract (cached)",
                     "link", "assemble", "export json", "export graphml", "total"]
    assert result.papers == 60 and all(s.rate > 0 and s.seconds > 0 for s in result.stages)
    batched = {s.name: s for s in result.stages if s.ci is not None}
    assert set(batched) == {"tokenizer (1 proc)", "extract (1 proc)"}
    assert all(s.ci[0] <= s.rate <= s.ci[1] for s in batched.values())
    assert 0 < result.ratio_to_tokenizer < 1  # the bare tokenizer is the upper bound
    assert result.peak_total_mb > 0 and result.graph["nodes"] > 60
    assert (tmp_path / "out-60" / "graph.json").exists()


def test_bench_cli_prints_the_table(tmp_path):
    result = CliRunner().invoke(app, ["bench", "--papers", "30", "--jobs", "1", "--batches", "2", "--batch-size", "10",
                                      "--warmup", "0", "--formats", "json", "--work", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "| extract (1 proc) |" in result.output and "| total |" in result.output


def test_bench_bootstrap_interval_holds_the_mean():
    low, high = bootstrap_ci([10.0, 12.0, 11.0, 13.0, 9.0])
    assert 9.0 <= low <= 11.0 <= high <= 13.0


def test_bench_parse_sizes():
    assert parse_sizes("1k,10k, 250") == [1000, 10000, 250]


# --- exports: streamed, not copied ----------------------------------------------------------------------


def synthetic_graph(n_papers: int) -> nx.MultiDiGraph:
    """A kg-shaped graph without extraction: papers with 1 KB abstracts, each naming ten of n/5 entities."""
    import random

    rng = random.Random(3)
    words = [f"w{i}" for i in range(500)]
    graph = nx.MultiDiGraph()
    entities = [f"model:m{j}" for j in range(max(10, n_papers // 5))]
    for j, entity in enumerate(entities):
        graph.add_node(entity, kind="Model", label=f"M{j}", aliases=[f"M{j}", f"m-{j}"], papers=0)
    relations = ["mentions", "builds_on", "compares_to", "introduces"]
    for i in range(n_papers):
        paper = f"paper:2401.{i:05d}"
        graph.add_node(paper, kind="Paper", label=f"Paper {i}", title=f"Paper {i}",
                       abstract=" ".join(rng.choices(words, k=250)), year=2024, authors=["A B", "C D"])
        for entity in rng.sample(entities, 10):
            graph.nodes[entity]["papers"] += 1
            graph.add_edge(paper, entity, key=rng.choice(relations), surface=[graph.nodes[entity]["label"]],
                           evidence=" ".join(rng.choices(words, k=30)), rule="kb", confidence=0.9)
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        attrs["relation"] = key
    return graph


def test_exports_stream_instead_of_copying_the_graph(tmp_path):
    """Each writer's extra memory is a small fraction of the graph's (a copy of it, or a whole
    element tree or document, would be more than all of it). Measured: 8-31% of this 9 MB graph,
    a fixed ~1-4 MB of buffers; at most ~11% of a 100,000-paper graph (docs/scale.md)."""
    import gc
    import tracemalloc

    import kg
    from kg.export import get_writer

    formats = ("json", "graphml", "gexf", "ttl", "nt", "jsonld", "neo4j")
    for fmt in formats:
        get_writer(fmt)  # imported before measuring: importing rdflib alone allocates several MB
    tracemalloc.start()
    try:
        graph = synthetic_graph(1000)
        gc.collect()
        size = tracemalloc.get_traced_memory()[0]
        extra = {}
        for fmt in formats:
            gc.collect()
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            kg.export(graph, tmp_path, [fmt], layout=False)
            extra[fmt] = (tracemalloc.get_traced_memory()[1] - before) / size
    finally:
        tracemalloc.stop()
    assert max(extra.values()) < 0.5, {fmt: f"{ratio:.0%}" for fmt, ratio in extra.items()}


@pytest.mark.parametrize("which", ["synthetic", "hostile", "sample"])
def test_json_export_is_node_link_data_as_json_dumps_writes_it(which, request, tmp_path):
    from conftest import make_small_graph
    from hostile import hostile_graph

    from kg.export.json import to_json, write_json

    graph = {"synthetic": lambda: synthetic_graph(50), "hostile": lambda: hostile_graph(make_small_graph()),
             "sample": lambda: request.getfixturevalue("sample_graph")}[which]()
    graph.graph["note"] = {"nested": [1, 2.5, None, True]}  # not a kg attribute: the json.dumps path
    expected = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    write_json(graph, tmp_path / "graph.json")
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == expected == to_json(graph)
    assert to_json(nx.MultiDiGraph()) == json.dumps(nx.node_link_data(nx.MultiDiGraph(), edges="edges"),
                                                    sort_keys=True, indent=1) + "\n"


# --- exports in several processes ------------------------------------------------------------------


def _tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_exports_in_processes_are_the_same_bytes(tmp_path, sample_graph):
    from kg.export import EXPORTERS, write_all

    formats = [f for f in EXPORTERS if f != "oxigraph"]  # a store's files are not byte-stable
    done: list[str] = []
    write_all(sample_graph, tmp_path / "one", formats)
    written = write_all(sample_graph, tmp_path / "three", formats, jobs=3, on_done=lambda fmt, _p: done.append(fmt))
    assert sorted(done) == sorted(formats) and list(written) == formats
    assert all(path.exists() and path.parent == tmp_path / "three" for path in written.values())
    one, three = _tree_bytes(tmp_path / "one"), _tree_bytes(tmp_path / "three")
    assert one.keys() == three.keys() and len(one) >= len(formats)
    assert [name for name in one if one[name] != three[name]] == []


def test_exports_in_processes_raise_what_a_child_raised(tmp_path, small_graph, monkeypatch):
    from kg.export import write_all

    def broken(*_args, **_kwargs):
        raise ValueError("disk on fire")

    monkeypatch.setattr(importlib.import_module("kg.export.json"), "write_json", broken)
    done: list[str] = []
    # neo4j is the costlier: it stays in this process, json goes to the child
    with pytest.raises(ValueError, match="disk on fire"):
        write_all(small_graph, tmp_path, ["json", "neo4j"], jobs=2, on_done=lambda fmt, _p: done.append(fmt))
    assert done == ["neo4j"] and (tmp_path / "neo4j").is_dir() and not (tmp_path / "graph.json").exists()


@pytest.mark.parametrize("min_nodes, forked", [(0, True), (10**9, False)])
def test_export_uses_processes_for_large_graphs_only(tmp_path, small_graph, monkeypatch, min_nodes, forked):
    import kg
    import kg.pipeline

    json_writer = importlib.import_module("kg.export.json")  # kg.export is also a function
    original = json_writer.write_json

    def recording(graph, path, **options):
        (tmp_path / "writer.pid").write_text(str(os.getpid()))
        return original(graph, path, **options)

    monkeypatch.setattr(json_writer, "write_json", recording)
    monkeypatch.setattr(kg.pipeline, "PARALLEL_EXPORT_MIN_NODES", min_nodes)
    written = kg.export(small_graph, tmp_path / "out", ["json", "neo4j"], jobs=2)
    assert set(written) == {"json", "neo4j"} and written["json"].exists()
    assert (int((tmp_path / "writer.pid").read_text()) != os.getpid()) is forked


def test_exports_are_shared_out_with_the_smallest_largest_cost():
    from kg.export import _COST, _share_out

    formats = ["json", "graphml", "gexf", "ttl", "neo4j"]
    groups = _share_out(formats, 2)
    assert sorted(f for g in groups for f in g) == sorted(formats)
    loads = [sum(_COST[f] for f in g) for g in groups]
    assert loads == sorted(loads, reverse=True)  # the costliest group first: it stays in this process
    # the best of every split into two (costliest-first greedy gives 32 here, the best is 31)
    best = min(max(sum(_COST[f] for f, s in zip(formats, sides) if s), sum(_COST[f] for f, s in zip(formats, sides) if not s))
               for sides in itertools.product((0, 1), repeat=len(formats)))
    assert max(loads) == best
    many = _share_out(list(_COST), 16)  # more processes than formats: one format each
    assert sorted(len(g) for g in many) == [1] * len(_COST)
