"""``kg bench``: papers per second for every stage of a build, peak memory, and the tokenizer bound.

In the spirit of ``spacy benchmark speed`` (``spacy/cli/benchmark_speed.py``): a warm-up pass, then
the one-process rates measured over several batches and reported as a mean with a bootstrap 95%
confidence interval. The stages:

========================  =============================================================================
``read``                  the readers over the corpus file (parse, clean, deduplicate)
``tokenizer (1 proc)``    ``spacy.blank("en")`` over the batches: the upper bound for any spaCy pipeline
``extract (1 proc)``      kg's pipeline (tokenizer, sentences, extractor, result encoding), same batches
``extract (N jobs)``      the whole corpus through :func:`kg.pipeline.extract` with ``--jobs N`` and a
                          fresh cache, as ``kg build`` runs it (worker start-up included)
``extract (cached)``      the same again, every paper now a cache hit (a rebuild)
``link``, ``assemble``    cross-paper linking and graph assembly, once
``export <fmt>``          each exporter (all but HTML unless asked for)
``total``                 read + extract (N jobs) + link + assemble + exports: a cold ``kg build``
========================  =============================================================================

Each row gives papers per second of wall time, papers per CPU second (this process plus its
worker processes: ``cpu``, the steadier figure when other work shares the machine), and the cores
the stage kept busy; the 1-minute load average before and after is printed too. Peak memory per
stage is the process's high-water mark (``VmHWM``, reset before each stage where
Linux allows); the whole-run peak adds the worker processes' resident memory, sampled every 50 ms
(with ``psutil``, which ``kg[dask]`` brings; without it, ``getrusage`` of finished children).

Without ``--corpus``, a corpus of N papers is generated from the shipped sample corpus: copy ``k``
of each paper prefixes about half of its name-like words with a tag of ``k`` (``LoRA`` ->
``QbLoRA``), so later copies name new entities, as a growing literature does, while the other half
keep the shared names (benchmarks, base models) that link papers together.

Not supported: timing the HTML export by default (its layout is a separate, quadratic problem;
``--formats html`` adds it), and GPU pipelines.
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

import numpy

from kg.atomic import atomic_open
from kg.export import EXPORTERS, write_all
from kg.graph.build import assemble
from kg.linking.kb import load_kb
from kg.linking.link import link
from kg.nlp.pipeline import paper_text
from kg.pipeline import BuildStats, default_jobs, extract, extract_texts, gc_paused, open_cache
from kg.resources import sample_corpus
from kg.sources import ReadReport, read_papers

__all__ = ["bench", "generate_corpus", "bootstrap_ci", "parse_sizes", "format_table", "BenchResult", "Stage", "BENCH_FORMATS"]

#: Every export but HTML (see the module notes).
BENCH_FORMATS: tuple[str, ...] = tuple(f for f in EXPORTERS if f != "html")

_NAME_LIKE = re.compile(r"\b[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b")


@dataclass
class Stage:
    """One measured stage: papers processed, seconds, rate (with a 95% CI for batched stages)."""

    name: str
    papers: int
    seconds: float
    rate: float
    ci: tuple[float, float] | None = None
    peak_mb: float | None = None
    cpu_rate: float | None = None  # papers per CPU second (this process and its workers): steadier on a busy machine
    cores: float | None = None     # CPU seconds per wall second: below the jobs asked for, the machine was busy


@dataclass
class BenchResult:
    papers: int
    jobs: int
    corpus: str
    stages: list[Stage] = field(default_factory=list)
    peak_total_mb: float = 0.0
    ratio_to_tokenizer: float = 0.0
    ratio_to_tokenizer_cpu: float = 0.0
    graph: dict[str, int] = field(default_factory=dict)
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after: other work on the machine

    def as_dict(self) -> dict:
        return asdict(self)


# --- corpus ---------------------------------------------------------------------------------------


def _tag(k: int) -> str:
    letters = ""
    while True:
        k, r = divmod(k, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[r] + letters
        if not k:
            break
    return "Q" + letters


def _vary(text: str, k: int) -> str:
    if k == 0:
        return text
    tag = _tag(k)

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return tag + word if zlib.crc32(f"{k}:{word}".encode()) % 2 == 0 else word

    return _NAME_LIKE.sub(swap, text)


def generate_corpus(n: int, path: str | Path) -> Path:
    """Write ``n`` papers as JSON Lines to ``path``: copies of the sample corpus, names varied.

    The same ``n`` always gives the same file. Copy ``k`` > 0 of a paper gets the id
    ``bench-k-j`` and ``(copy k)`` after its title, so no two records are one paper.
    """
    base = [(p.title, p.abstract) for p in read_papers(sample_corpus())]
    path = Path(path)
    with atomic_open(path, "w") as handle:
        for i in range(n):
            k, j = divmod(i, len(base))
            title, abstract = base[j]
            record = {
                "id": f"bench-{k}-{j}",
                "title": _vary(title, k) + (f" (copy {k})" if k else ""),
                "abstract": _vary(abstract, k),
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


# --- measuring --------------------------------------------------------------------------------------


def bootstrap_ci(values: list[float], iterations: int = 10_000, seed: int = 0) -> tuple[float, float]:
    """A 95% bootstrap confidence interval of the mean of ``values`` (as ``spacy benchmark speed``)."""
    data = numpy.asarray(values, dtype=float)
    if len(data) < 2:
        return float(data.mean()), float(data.mean())
    rng = numpy.random.default_rng(seed)
    means = rng.choice(data, size=(iterations, len(data)), replace=True).mean(axis=1)
    low, high = numpy.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def _reset_peak() -> bool:
    # Linux >= 4.0: writing 5 resets VmHWM, so each stage gets its own high-water mark.
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


class _TreeSampler:
    """Peak resident memory of this process plus its children, sampled in a thread."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        try:
            import psutil

            self._proc = psutil.Process()
        except ImportError:
            self._proc = None

    def _total_mb(self) -> float:
        total = self._proc.memory_info().rss
        for child in self._proc.children(recursive=True):
            try:
                total += child.memory_info().rss
            except Exception:  # a child that just ended
                pass
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, self._total_mb())

    def __enter__(self) -> _TreeSampler:
        if self._proc is not None:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        self.peak = max(self.peak, _peak_mb() + (0 if self._proc is not None else children))


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pool workers are joined at the end)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(name: str, papers: int, fn: Callable[[], object], stages: list[Stage], progress: Callable[[str], None]):
    progress(name)
    measured = _reset_peak()
    cpu = _cpu_seconds()
    start = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu
    stages.append(Stage(name, papers, seconds, papers / seconds if seconds else float("inf"),
                        peak_mb=_peak_mb() if measured else None,
                        cpu_rate=papers / cpu if cpu > 0 else None, cores=cpu / seconds if seconds else None))
    return value


def _batched_rate(name: str, batches: list[list[str]], run: Callable[[list[str]], object],
                  stages: list[Stage], progress: Callable[[str], None]) -> list[float]:
    progress(name)
    rates, total_s, cpu_s = [], 0.0, 0.0
    for batch in batches:
        cpu = time.process_time()
        start = time.perf_counter()
        run(batch)
        seconds = time.perf_counter() - start
        cpu_s += time.process_time() - cpu
        total_s += seconds
        rates.append(len(batch) / seconds)
    n = sum(len(b) for b in batches)
    stages.append(Stage(name, n, total_s, statistics.fmean(rates), ci=bootstrap_ci(rates),
                        cpu_rate=n / cpu_s if cpu_s else None, cores=cpu_s / total_s if total_s else None))
    return rates


def _sample_batches(texts: list[str], n_batches: int, batch_size: int) -> list[list[str]]:
    """``n_batches`` batches spread evenly over the corpus (not just its first papers)."""
    if len(texts) <= n_batches * batch_size:
        return [texts[i:i + batch_size] for i in range(0, len(texts), batch_size)]
    step = len(texts) // n_batches
    return [texts[i * step:i * step + batch_size] for i in range(n_batches)]


def bench(n_papers: int, work_dir: str | Path, *, corpus: str | Path | None = None, n_process: int | None = None,
          n_batches: int = 10, batch_size: int = 100, warmup: int = 1, formats: tuple[str, ...] = BENCH_FORMATS,
          progress: Callable[[str], None] = lambda _s: None) -> BenchResult:
    """Measure a build of ``n_papers`` papers (from ``corpus``, else generated) in ``work_dir``."""
    import spacy

    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    jobs = n_process if n_process and n_process > 0 else default_jobs()
    if corpus is None:
        path = work_dir / f"corpus-{n_papers}.jsonl"
        if not path.exists():
            progress("generating corpus")
            generate_corpus(n_papers, path)
    else:
        path = Path(corpus)
    kb = load_kb()
    result = BenchResult(papers=0, jobs=jobs, corpus=str(path))
    stages = result.stages

    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    with _TreeSampler() as sampler:
        papers = _timed("read", 0, lambda: list(islice(read_papers([path], ReadReport()), n_papers)), stages, progress)
        n = result.papers = stages[-1].papers = len(papers)
        stages[-1].rate = n / stages[-1].seconds
        if stages[-1].cores:
            stages[-1].cpu_rate = n / (stages[-1].cores * stages[-1].seconds)

        texts = [paper_text(p) for p in papers]
        batches = _sample_batches(texts, n_batches, batch_size)
        blank = spacy.blank("en")
        progress("warm-up")
        for _ in range(warmup):
            for batch in batches:
                list(blank.pipe(batch))
                extract_texts(kb, batch)
        tok = _batched_rate("tokenizer (1 proc)", batches, lambda b: list(blank.pipe(b)), stages, progress)
        ext = _batched_rate("extract (1 proc)", batches, lambda b: extract_texts(kb, b), stages, progress)
        result.ratio_to_tokenizer = statistics.fmean(ext) / statistics.fmean(tok)
        result.ratio_to_tokenizer_cpu = (stages[-1].cpu_rate or 0) / (stages[-2].cpu_rate or 1)
        texts = batches = None

        cache_dir = work_dir / f"cache-{n}"
        if cache_dir.exists():
            import shutil

            shutil.rmtree(cache_dir)
        store, _ = open_cache(cache_dir, kb)
        try:
            stats = BuildStats()
            extractions = _timed(f"extract ({jobs} jobs)", n,
                                 lambda: list(extract(papers, kb, n_process=jobs, cache=store, stats=stats)), stages, progress)
            # A rebuild: every paper a cache hit (the list is dropped at once; linking uses the first).
            _timed("extract (cached)", n, lambda: list(extract(papers, kb, n_process=jobs, cache=store)), stages, progress)
        finally:
            store.close()
        # Each stage's input is dropped once the next holds what it needs, as a build does.
        # As kg.pipeline does: the cyclic collector paused while building the graph and writing it.
        with gc_paused():
            linked = _timed("link", n, lambda: link(extractions, kb), stages, progress)
            extractions = papers = None
            graph = _timed("assemble", n, lambda: assemble(linked), stages, progress)
            linked = None
        out = work_dir / f"out-{n}"
        for fmt in formats:
            with gc_paused():
                _timed(f"export {fmt}", n, lambda fmt=fmt: write_all(graph, out, [fmt], layout=False), stages, progress)
        result.graph = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}

    total = sum(s.seconds for s in stages if s.name in ("read", "link", "assemble", f"extract ({jobs} jobs)")
                or s.name.startswith("export "))
    stages.append(Stage("total", n, total, n / total if total else float("inf")))
    result.peak_total_mb = sampler.peak
    result.load = (load_before, os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0)
    return result


def format_table(results: list[BenchResult]) -> str:
    """A Markdown table: one row per stage, one column per corpus size."""
    names: list[str] = []
    for r in results:
        names += [s.name for s in r.stages if s.name not in names]
    header = "| stage | " + " | ".join(f"{r.papers:,} papers: papers/s (s)" for r in results) + " |"
    lines = [header, "|---|" + "---|" * len(results)]
    for name in names:
        cells = []
        for r in results:
            stage = next((s for s in r.stages if s.name == name), None)
            if stage is None:
                cells.append("")
                continue
            cell = f"{stage.rate:,.0f}"
            if stage.ci is not None:
                cell += f" [{stage.ci[0]:,.0f}-{stage.ci[1]:,.0f}]"
            if stage.cpu_rate is not None:
                cell += f", cpu {stage.cpu_rate:,.0f}"
            cell += f" ({stage.seconds:.2f} s"
            if stage.cores is not None:
                cell += f", {stage.cores:.2f} cores"
            cell += f", {stage.peak_mb:,.0f} MB)" if stage.peak_mb is not None else ")"
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| extract / tokenizer (wall, cpu) | " + " | ".join(f"{r.ratio_to_tokenizer:.1%}, {r.ratio_to_tokenizer_cpu:.1%}"
                                                               for r in results) + " |")
    lines.append("| peak memory, all processes | " + " | ".join(f"{r.peak_total_mb:,.0f} MB" for r in results) + " |")
    lines.append("| graph | " + " | ".join(f"{r.graph.get('nodes', 0):,} nodes, {r.graph.get('edges', 0):,} edges"
                                         for r in results) + " |")
    lines.append("| load average before, after | " + " | ".join(f"{r.load[0]:.1f}, {r.load[1]:.1f}" for r in results) + " |")
    return "\n".join(lines)


def _iter_sizes(text: str) -> Iterator[int]:
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        if part:
            scale = 1000 if part.endswith("k") else 1
            yield int(float(part.rstrip("k")) * scale)


def parse_sizes(text: str) -> list[int]:
    """``"1k,10k,100000"`` -> ``[1000, 10000, 100000]``.

    >>> parse_sizes("1k, 10k,2500")
    [1000, 10000, 2500]
    """
    return list(_iter_sizes(text))

