"""Benchmark the canned SPARQL queries on rdflib and Oxigraph over a large synthetic graph.

    python scripts/bench_sparql.py                      # 100,000 papers, both engines
    python scripts/bench_sparql.py --papers 10000 --runs 5 --rdflib-timeout 600

The graph is made from the sample corpus's graph (``kg.build()``), not by extraction: the 503
papers are copied until there are ``--papers`` of them, each copy with new paper ids and titles.
Entities that two or more sample papers mention (Llama 2, MMLU: the popular ones) stay shared by
every copy, so their usage grows with the corpus as it would; the long tail, mentioned by one
paper, is copied with its name varied (``StreamingLLM v17``), so the number of entities grows too.
Families follow their variants. Edge provenance (evidence, rule, confidence) is kept.

For each engine, in a child process that is killed after ``--rdflib-timeout`` /
``--oxigraph-timeout`` seconds and limited to ``--rdflib-memory`` / ``--oxigraph-memory`` GiB of
address space (a graph too big fails instead of exhausting the machine): the load time
(``rdflib``: N-Triples into rdflib's memory store; ``oxigraph``: into a new on-disk store,
compacted, as ``kg build --formats oxigraph`` writes it, then opened read-only as ``kg query``
opens it; ``oxigraph-memory``: into an in-memory store, as ``kg query --engine oxigraph`` does
with a graph file), then each canned query: one warm-up run, then
``--runs`` timed runs, reporting the median and a 95% bootstrap interval of the median. A query
over ``--query-timeout`` seconds is reported as a timeout. Timing covers what ``kg query`` does:
binding the parameters, running the query and converting the rows.

A child that fails is reported by cause: a timeout (with how far it got: the child reports its
phase and memory every few seconds on stderr), the memory limit (``MemoryError``, or an allocation
failure in Oxigraph), or a crash (exit status or signal), each with the tail of its stderr.

``--work DIR`` keeps the N-Triples file and the Oxigraph store; ``--reuse`` then skips writing the
graph and loading the store again when ``DIR`` holds them for the same ``--papers`` (see
``DIR/manifest.json``), to time changed queries in seconds instead of minutes:

    python scripts/bench_sparql.py --papers 100000 --engines oxigraph --work /tmp/bench100k
    python scripts/bench_sparql.py --papers 100000 --engines oxigraph --work /tmp/bench100k --reuse
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.names import BUILDS_ON, COMPARES_TO, MENTIONS, PAPER, VARIANT_OF  # noqa: E402


# --- the synthetic graph ---------------------------------------------------------------------------


def synthesize(base: nx.MultiDiGraph, n_papers: int) -> nx.MultiDiGraph:
    """A graph of ``n_papers`` papers made by copying ``base`` (see the module docstring)."""
    papers = sorted(n for n, a in base.nodes(data=True) if a["kind"] == PAPER)
    families = {u: v for u, v, k in base.edges(keys=True) if k == VARIANT_OF}
    shared = {n for n, a in base.nodes(data=True) if a["kind"] != PAPER and a.get("papers", 0) >= 2}
    changed = True
    while changed:  # a variant of a copied family is copied too, so each copy has one family
        changed = False
        for variant, family in families.items():
            if variant in shared and family not in shared:
                shared.discard(variant)
                changed = True

    graph = nx.MultiDiGraph()

    def entity(node: str, copy: int) -> str:
        if node in shared or copy == 0:
            new = node
        else:
            new = f"{node}-v{copy}"
        if new not in graph:
            attrs = dict(base.nodes[node])
            if new != node:
                attrs["label"] = f"{attrs['label']} v{copy}"
                attrs["aliases"] = [f"{a} v{copy}" for a in attrs.get("aliases", [])]
            attrs["papers"] = 0
            graph.add_node(new, **attrs)
            if node in families:
                family = entity(families[node], copy)
                graph.nodes[new]["family"] = graph.nodes[family]["label"]
                graph.add_edge(new, family, key=VARIANT_OF, **base.edges[node, families[node], VARIANT_OF])
        return new

    count = 0
    copy = 0
    while count < n_papers:
        for paper in papers:
            if count >= n_papers:
                break
            if copy == 0:
                new_paper = paper
            else:
                key = hashlib.sha1(f"{paper}/{copy}".encode()).hexdigest()[:10]
                new_paper = f"paper:{key}"
            attrs = dict(base.nodes[paper])
            if copy:
                attrs["label"] = attrs["title"] = f"{attrs['title']} ({copy})"
            graph.add_node(new_paper, **attrs)
            for _, target, key, edge in base.out_edges(paper, keys=True, data=True):
                graph.add_edge(new_paper, entity(target, copy), key=key, **edge)
            count += 1
        copy += 1
    mentions = Counter(v for _, v, k in graph.edges(keys=True) if k == MENTIONS)
    for node, attrs in graph.nodes(data=True):
        if attrs["kind"] != PAPER:
            attrs["papers"] = mentions.get(node, 0)
    return graph


def query_params(base: nx.MultiDiGraph, which: str = "heaviest") -> dict[str, dict[str, str]]:
    """Parameters for the canned queries, chosen on the sample graph.

    ``heaviest``: the most built-on entity, the most compared one, the largest family, the two
    entities evaluated on the most benchmarks in common (the biggest answers). ``typical``: the
    entity at the first quartile of each such ranking, among those with at least one answer.
    """
    def pick(ranked: list):
        return ranked[0] if which == "heaviest" else ranked[len(ranked) // 4]

    def ranking(relation: str, kinds=("Model", "Method")) -> list[str]:
        counts = Counter(v for _, v, k in base.edges(keys=True)
                         if k == relation and base.nodes[v]["kind"] in kinds)
        return [n for n, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]

    def label(node: str) -> str:
        return base.nodes[node]["label"]

    evaluated: dict[str, set[str]] = {}
    for paper, entity, key in base.edges(keys=True):
        if key in ("introduces", COMPARES_TO) and base.nodes[entity]["kind"] in ("Model", "Method"):
            benchmarks = {b for _, b, k in base.out_edges(paper, keys=True) if k == "evaluated_on"}
            if benchmarks:
                evaluated.setdefault(entity, set()).update(benchmarks)
    ranked = sorted(evaluated, key=lambda e: (-len(evaluated[e]), e))
    top = ranked[:30]
    pairs = sorted(((a, b) for i, a in enumerate(top) for b in top[i + 1:] if evaluated[a] & evaluated[b]),
                   key=lambda pair: (-len(evaluated[pair[0]] & evaluated[pair[1]]), pair))
    tree = _builds_on_entities(base)
    ancestry = {n: len(nx.descendants(tree, n)) for n in tree if base.nodes[n]["kind"] in ("Model", "Method")}
    deep = sorted((n for n, size in ancestry.items() if size), key=lambda n: (-ancestry[n], n))
    families = Counter(v for _, v, k in base.edges(keys=True) if k == VARIANT_OF)
    family_ranking = [n for n, _ in sorted(families.items(), key=lambda item: (-item[1], item[0]))]
    built, compared, (first, second) = pick(ranking(BUILDS_ON)), pick(ranking(COMPARES_TO)), pick(pairs)
    return {
        "lineage": {"name": label(built)},
        "builds_on": {"name": label(pick(deep))},
        "evaluated_on": {"name": label(pick(ranked))},
        "compares_to": {"name": label(compared)},
        "shared_benchmarks": {"first": label(first), "second": label(second)},
        "family": {"name": label(pick(family_ranking))},
        "edge_evidence": {"name": label(built), "relation": "kg:buildsOn"},
    }


def _builds_on_entities(base: nx.MultiDiGraph) -> nx.DiGraph:
    """child -> parent for every paper that introduces child and builds on parent."""
    tree = nx.DiGraph()
    for paper in (n for n, a in base.nodes(data=True) if a["kind"] == PAPER):
        parents = [v for _, v, k in base.out_edges(paper, keys=True) if k == BUILDS_ON]
        children = [v for _, v, k in base.out_edges(paper, keys=True) if k == "introduces"]
        tree.add_edges_from((c, p) for c in children for p in parents if c != p)
    tree.add_nodes_from(base.nodes)
    return tree


# --- timing (in a child process per engine) ---------------------------------------------------------


class _Timeout(BaseException):  # not an Exception: the engines wrap those in QueryError
    pass


def _alarm(_signum, _frame):
    raise _Timeout


def _median_ci(times: list[float], rounds: int = 2000) -> tuple[float, float]:
    rng = random.Random(0)
    medians = sorted(statistics.median(rng.choices(times, k=len(times))) for _ in range(rounds))
    return medians[int(rounds * 0.025)], medians[int(rounds * 0.975) - 1]


def _rss_gib() -> float:
    """This process's resident memory, GiB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / (1 << 20)
    except OSError:
        pass
    return 0.0


class _Progress:
    """Writes ``progress: <phase> <seconds> s, RSS <GiB> GiB`` to stderr every few seconds, so that
    the parent can say how far a child got when it has to kill it."""

    def __init__(self, every: float = 5.0):
        self.phase, self.start, self.every = "starting", time.perf_counter(), every
        self._stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def set(self, phase: str) -> None:
        self.phase = phase
        self.report()

    def report(self) -> None:
        print(f"progress: {self.phase}, {time.perf_counter() - self.start:.0f} s, RSS {_rss_gib():.1f} GiB",
              file=sys.stderr, flush=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.report()

    def stop(self) -> None:
        self._stop.set()


def child(engine_name: str, nt_path: str, store_path: str, params: dict, runs: int, query_timeout: float,
          reuse_store: bool = False) -> dict:
    from rdflib import Literal

    from kg.query.engine import OxigraphEngine, RdflibEngine, canned_queries, parse_term

    progress = _Progress()
    report: dict = {"engine": engine_name, "queries": {}}
    start = time.perf_counter()
    progress.set("loading")
    if engine_name == "rdflib":
        engine = RdflibEngine.from_file(nt_path)
    elif engine_name == "oxigraph-memory":
        engine = OxigraphEngine.from_path(nt_path)  # a file: loaded into an in-memory store
    else:
        if not reuse_store:
            import pyoxigraph

            store = pyoxigraph.Store(store_path)
            store.bulk_load(path=nt_path, format=pyoxigraph.RdfFormat.N_TRIPLES)
            store.optimize()  # as kg.export.rdf.write_oxigraph does
            store.flush()
            del store
        engine = OxigraphEngine.from_path(store_path)
    report["load_seconds"] = time.perf_counter() - start
    report["reused_store"] = reuse_store
    report["triples"] = len(engine)
    report["store_bytes"] = sum(f.stat().st_size for f in Path(store_path).iterdir()) if engine_name == "oxigraph" else 0
    progress.set("querying")
    signal.signal(signal.SIGALRM, _alarm)
    for name, canned in canned_queries().items():
        bound = {k: parse_term(v) if k == "relation" else Literal(v)  # names are plain strings
                 for k, v in params.get(name, {}).items()}
        entry: dict = {"params": params.get(name, {})}
        times: list[float] = []
        try:
            for run in range(runs + 1):
                signal.setitimer(signal.ITIMER_REAL, query_timeout)
                t0 = time.perf_counter()
                result = engine.query(canned.text, bound, [p.name for p in canned.params])
                elapsed = time.perf_counter() - t0
                signal.setitimer(signal.ITIMER_REAL, 0)
                entry["rows"] = len(result.rows)
                if run:  # run 0 is the warm-up
                    times.append(elapsed)
                elif elapsed > query_timeout / 2:
                    times.append(elapsed)  # too slow to repeat within the limit: one timing
                    break
        except _Timeout:
            entry["timeout"] = query_timeout
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if times:
            entry["median"] = statistics.median(times)
            entry["ci95"] = _median_ci(times) if len(times) > 1 else (times[0], times[0])
            entry["runs"] = len(times)
        entry["worst"] = max(times) if times else None
        report["queries"][name] = entry
        progress.set(f"querying (done: {name})")
    progress.stop()
    report["peak_rss_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1 << 20)
    return report


def run_child(engine_name: str, nt_path: Path, store_path: Path, params: dict, args,
              reuse_store: bool = False) -> dict:
    timeout = args.rdflib_timeout if engine_name == "rdflib" else args.oxigraph_timeout
    memory = args.rdflib_memory if engine_name == "rdflib" else args.oxigraph_memory

    def limit() -> None:
        if memory:
            gib = int(memory * (1 << 30))
            resource.setrlimit(resource.RLIMIT_AS, (gib, gib))

    command = [sys.executable, __file__, "--child", engine_name, str(nt_path), str(store_path),
               json.dumps(params), str(args.runs), str(args.query_timeout), "reuse" if reuse_store else "load"]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, preexec_fn=limit)
    except subprocess.TimeoutExpired as expired:
        stderr = expired.stderr.decode(errors="replace") if isinstance(expired.stderr, bytes) else expired.stderr or ""
        phase, when = _last_progress(stderr)
        return {"engine": engine_name, "failure": "timeout", "seconds": time.perf_counter() - start,
                "error": f"timeout: killed after {timeout:.0f} s, still {phase} (last report {when})",
                "stderr_tail": _tail(stderr)}
    if done.returncode != 0:
        failure, error = _failure(done.returncode, done.stderr, memory)
        return {"engine": engine_name, "failure": failure, "seconds": time.perf_counter() - start,
                "error": error, "stderr_tail": _tail(done.stderr)}
    return json.loads(done.stdout)


def _tail(stderr: str, lines: int = 8) -> list[str]:
    """The last ``lines`` distinct lines of ``stderr`` (a chained traceback repeats itself), progress left out."""
    kept: list[str] = []
    for line in reversed(stderr.strip().splitlines()):
        if line.strip() and not line.startswith("progress: ") and line not in kept:
            kept.append(line)
            if len(kept) == lines:
                break
    return kept[::-1]


def _last_progress(stderr: str) -> tuple[str, str]:
    """(phase, ``at N s, RSS X GiB``) from the child's last progress line."""
    reports = [line[len("progress: "):] for line in stderr.splitlines() if line.startswith("progress: ")]
    if not reports:
        return "starting", "before its first report"
    phase, _, rest = reports[-1].partition(", ")
    return phase, f"at {rest}"


def _failure(returncode: int, stderr: str, memory: float) -> tuple[str, str]:
    """(``memory`` | ``crash``, a one-line reason) for a child that exited with ``returncode``."""
    errors = _tail(stderr, 1)
    last = errors[-1].strip() if errors else "no error message"
    phase, when = _last_progress(stderr)
    if "MemoryError" in stderr or "memory allocation of" in stderr or "std::bad_alloc" in stderr:
        return "memory", f"out of memory: hit its {memory:g} GiB address-space limit while {phase} ({when}): {last}"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        hint = " (the kernel's OOM killer, or someone else)" if returncode == -signal.SIGKILL else ""
        return "crash", f"crashed: killed by {name}{hint} while {phase} ({when}): {last}"
    return "crash", f"crashed: exit status {returncode} while {phase} ({when}): {last}"


def _fmt(entry: dict) -> str:
    if "timeout" in entry:
        return f"timeout (> {entry['timeout']:.0f} s)"
    if "median" not in entry:
        return "-"
    low, high = entry["ci95"]
    return (f"{entry['median']:.3f} s [{low:.3f}, {high:.3f}], worst {entry.get('worst') or entry['median']:.3f} s "
            f"({entry.get('rows', 0):,} rows)")


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the canned SPARQL queries on a synthetic graph.")
    parser.add_argument("--papers", type=int, default=100_000, help="papers in the synthetic graph")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per query, after one warm-up")
    parser.add_argument("--engines", default="oxigraph,oxigraph-memory,rdflib",
                        help="oxigraph (on-disk store), oxigraph-memory (in-memory store), rdflib")
    parser.add_argument("--query-timeout", type=float, default=60.0, help="seconds before a query is a timeout")
    parser.add_argument("--rdflib-timeout", type=float, default=1800.0, help="seconds for rdflib's load and queries")
    parser.add_argument("--oxigraph-timeout", type=float, default=1800.0)
    parser.add_argument("--rdflib-memory", type=float, default=14.0, help="GiB of address space rdflib may use")
    parser.add_argument("--oxigraph-memory", type=float, default=14.0, help="GiB of address space Oxigraph may use")
    parser.add_argument("--work", type=Path,
                        help="folder for the N-Triples file and the Oxigraph store, kept (default: a temporary "
                             "folder, removed at the end)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --work: reuse its N-Triples file and store from a run with the same --papers")
    parser.add_argument("--params", choices=("heaviest", "typical"), default="heaviest",
                        help="query parameters: the biggest answers, or first-quartile ones")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    if args.reuse and not args.work:
        parser.error("--reuse needs --work DIR")

    import kg
    from kg.export.rdf import ntriples_lines
    from kg.atomic import atomic_open

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-sparql-"))
    work.mkdir(parents=True, exist_ok=True)
    manifest_path, nt_path, store_path = work / "manifest.json", work / "graph.nt", work / "graph.oxigraph"
    try:
        manifest = json.loads(manifest_path.read_text()) if args.reuse and manifest_path.exists() else {}
    except ValueError:
        manifest = {}
    print(f"load average: {_loadavg()}", flush=True)
    t0 = time.perf_counter()
    base = kg.build()
    sample = {"nodes": base.number_of_nodes(), "edges": base.number_of_edges()}
    print(f"sample graph: {sample['nodes']:,} nodes, {sample['edges']:,} edges "
          f"({time.perf_counter() - t0:.1f} s)", flush=True)
    reuse_graph = (manifest.get("papers") == args.papers and nt_path.exists()
                   and manifest.get("nt_bytes") == nt_path.stat().st_size)
    if args.reuse and not reuse_graph:
        print(f"--reuse: {work} holds no graph of {args.papers:,} papers; writing one", flush=True)
    if reuse_graph:
        if manifest.get("sample") != sample:
            print(f"warning: the kept graph was made from another sample graph ({manifest.get('sample')}); "
                  "rerun without --reuse to measure the current one", flush=True)
        print(f"N-Triples: {nt_path.stat().st_size / 1e6:,.0f} MB, reused from {work}", flush=True)
    else:
        manifest = {}
        t0 = time.perf_counter()
        graph = synthesize(base, args.papers)
        kinds = Counter(a["kind"] for _, a in graph.nodes(data=True))
        print(f"synthetic graph: {kinds[PAPER]:,} papers, {graph.number_of_nodes() - kinds[PAPER]:,} entities, "
              f"{graph.number_of_edges():,} edges ({time.perf_counter() - t0:.1f} s)", flush=True)
        t0 = time.perf_counter()
        with atomic_open(nt_path, "w") as handle:
            handle.writelines(ntriples_lines(graph))
        print(f"N-Triples: {nt_path.stat().st_size / 1e6:,.0f} MB ({time.perf_counter() - t0:.1f} s)", flush=True)
        del graph
        manifest = {"papers": args.papers, "nt_bytes": nt_path.stat().st_size, "sample": sample}
        manifest_path.write_text(json.dumps(manifest, indent=1))
    params = query_params(base, args.params)
    print(f"parameters ({args.params}): {json.dumps(params)}", flush=True)
    results = {}
    for name in [e.strip() for e in args.engines.split(",") if e.strip()]:
        reuse_store = name == "oxigraph" and reuse_graph and bool(manifest.get("store")) and store_path.is_dir()
        if name == "oxigraph" and not reuse_store:
            shutil.rmtree(store_path, ignore_errors=True)
            manifest.pop("store", None)
            manifest_path.write_text(json.dumps(manifest, indent=1))
        print(f"{name}: {'opening the kept store' if reuse_store else 'loading'} and querying ...", flush=True)
        results[name] = report = run_child(name, nt_path, store_path, params, args, reuse_store)
        if "error" in report:
            print(f"  {name}: {report['error']}", flush=True)
            for line in report.get("stderr_tail", []):
                print(f"    | {line}", flush=True)
            continue
        if name == "oxigraph":
            if not reuse_store:
                manifest["store"] = {"load_seconds": report["load_seconds"], "triples": report["triples"]}
                manifest_path.write_text(json.dumps(manifest, indent=1))
            else:
                report["load_seconds_when_built"] = manifest["store"]["load_seconds"]
        load = (f"store reused (loaded in {manifest['store']['load_seconds']:.1f} s when built; opened in "
                f"{report['load_seconds']:.2f} s)" if reuse_store else f"load {report['load_seconds']:.1f} s")
        size = f", store {report['store_bytes'] / 1e9:.2f} GB" if report.get("store_bytes") else ""
        print(f"  {load}, {report['triples']:,} triples{size}, peak RSS {report['peak_rss_gib']:.1f} GiB", flush=True)
        for query, entry in report["queries"].items():
            print(f"  {query:<28} {_fmt(entry)}", flush=True)
    print(f"load average: {_loadavg()}", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"papers": args.papers, "params": params, "load_average_end": _loadavg(),
                                         "results": results}, indent=1))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, engine_name, nt, store, params, runs, timeout, mode = sys.argv
        print(json.dumps(child(engine_name, nt, store, json.loads(params), int(runs), float(timeout), mode == "reuse")))
        sys.exit(0)
    sys.exit(main())
