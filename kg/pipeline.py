"""The whole job: read -> extract -> link -> assemble, and export; streamed, parallel and cached.

>>> import kg
>>> graph = kg.build()            # the sample corpus  # doctest: +SKIP
>>> kg.export(graph, "exports")   # doctest: +SKIP

How a build flows (DESIGN.md, "What flows where"):

- Readers yield :class:`~kg.sources.record.Paper` records one at a time; they are cut into
  batches of ``batch_size`` papers.
- Each batch's texts are looked up in the extraction cache (:mod:`kg.cache`), and only the
  misses go to the *extraction engine*: in this process, a pool of ``n_process`` worker
  processes, or a Dask cluster (:mod:`kg.distributed`). A worker returns each paper's result as
  compact JSON text (:func:`kg.cache.encode_result`): it is what the cache stores, it pickles
  cheaply, and every engine goes through the same decoder, so all engines give the same graph.
- A bounded number of batches is in flight at once, and results come back in input order, so
  memory holds the growing graph data, never the whole input text or any spaCy ``Doc``.
- Linking across papers and graph assembly run once, at the end, in this process.

Why a pool of our own rather than ``nlp.pipe(n_process=N)`` (which works too): spaCy's
multiprocessing sends every ``Doc`` back through ``Doc.to_bytes``; measured on the sample corpus
that is 2.3 ms and 33 KB per paper, against 0.06 ms and 0.9 KB for kg's encoded result.

Not supported: the ``fork`` start method (workers are *spawned*, which is safe beside threads and
works on every OS, so a script that calls :func:`build` with more than one process on
:data:`MIN_PARALLEL` papers or more needs the usual ``if __name__ == "__main__":`` guard), and
faster builds from concurrent writers to one cache (SQLite's locking keeps them correct, in turn).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from kg.cache import ExtractionCache, decode_result, encode_result, pipeline_version, text_hash
from kg.collector import gc_paused
from kg.export import DEFAULT_FORMATS, write_all
from kg.graph.build import assemble
from kg.linking.kb import KnowledgeBase, load_kb
from kg.linking.link import link
from kg.nlp.pipeline import make_pipeline, paper_text, records_of
from kg.nlp.records import Extraction
from kg.resources import sample_corpus
from kg.sources import ReadReport, read_papers
from kg.sources.record import Paper

__all__ = [
    "build", "build_from_papers", "export", "extract", "extract_texts", "default_jobs", "open_cache", "gc_paused",
    "BuildStats", "Engine", "InProcessEngine", "ProcessEngine", "OrderedWindow", "make_engine",
    "ENGINES", "DEFAULT_BATCH", "MIN_PARALLEL",
]

#: Papers per batch sent to a worker. 128 abstracts are ~0.1-1 s of work: long enough that the
#: pickling round trip (~1 ms) is noise, short enough that an interrupted build loses little.
DEFAULT_BATCH = 128
#: Below this many papers to extract, a worker pool costs more than it saves: spawning a worker
#: imports spaCy and builds the pipeline (~2 s), about what one process needs for 1,000 papers.
MIN_PARALLEL = 1000
#: spaCy's own ``nlp.pipe`` batch inside one worker.
_PIPE_BATCH = 64
ENGINES = ("local", "dask")


@dataclass
class BuildStats:
    """What a build did, filled in while it runs: papers seen, extracted, and found in the cache."""

    papers: int = 0
    extracted: int = 0
    cached: int = 0
    jobs: int = 1


def default_jobs() -> int:
    """The number of CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


# --- the map step: texts -> encoded results, the same code in every engine ---------------------

# One pipeline per thread: a Dask worker may run several threads, and a spaCy pipeline's caches
# (tokenizer, matchers) are not documented as safe to share between them.
_LOCAL = threading.local()


def pipeline_for(kb: KnowledgeBase):
    """This thread's spaCy pipeline for ``kb``, built once (a worker serves many batches)."""
    pipelines = getattr(_LOCAL, "pipelines", None)
    if pipelines is None:
        pipelines = _LOCAL.pipelines = {}
    nlp = pipelines.get(kb.version)
    if nlp is None:
        nlp = pipelines[kb.version] = make_pipeline(kb)
    return nlp


def extract_texts(kb: KnowledgeBase, texts: list[str]) -> list[str]:
    """Extract each text (``title + "\\n" + abstract``); return one encoded result per text."""
    nlp = pipeline_for(kb)
    return [encode_result(*records_of(doc)) for doc in nlp.pipe(texts, batch_size=_PIPE_BATCH)]


_WORKER_KB: KnowledgeBase | None = None


def _pool_init(kb: KnowledgeBase) -> None:
    global _WORKER_KB
    # Ctrl-C reaches the whole process group; only the parent acts on it (it stops the pool in
    # order and keeps the finished batches), so a worker never dies mid-batch and breaks the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_KB = kb
    pipeline_for(kb)  # build now, in parallel with the other workers, not on the first batch


def _pool_extract(texts: list[str]) -> list[str]:
    assert _WORKER_KB is not None, "worker not initialised"
    return extract_texts(_WORKER_KB, texts)


# --- engines -------------------------------------------------------------------------------------

Job = tuple[Any, list[str]]  # (payload kept in this process, texts to extract)


class Engine(Protocol):
    """Runs the map step over jobs, yielding ``(payload, results)`` in input order."""

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Any, list[str]]]: ...

    def close(self) -> list[tuple[Any, list[str]]]:
        """Stop; return the finished but not yet yielded jobs (so a cache can keep them)."""
        ...


class InProcessEngine:
    """Extraction in this process: ``n_process=1``, and small inputs."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Any, list[str]]]:
        for payload, texts in jobs:
            yield payload, extract_texts(self.kb, texts) if texts else []

    def close(self) -> list[tuple[Any, list[str]]]:
        return []


class OrderedWindow:
    """Submit jobs ahead, at most ``window`` in flight, and hand results back in input order.

    ``submit(texts)`` returns a future (``concurrent.futures`` or ``dask.distributed``; both have
    ``done``, ``result`` and ``cancel``). A slow batch holds back later results, not later work.
    """

    def __init__(self, submit: Callable[[list[str]], Any], window: int):
        self.submit = submit
        self.window = max(1, window)
        self.pending: deque[tuple[Any, Any]] = deque()

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Any, list[str]]]:
        for payload, texts in jobs:
            self.pending.append((payload, self.submit(texts) if texts else None))
            # Hand back finished heads at once (cached batches, progress), and wait when full.
            while self.pending and (len(self.pending) >= self.window or self._ready(self.pending[0][1])):
                yield self._pop()
        while self.pending:
            yield self._pop()

    @staticmethod
    def _ready(future: Any) -> bool:
        return future is None or future.done()

    def _pop(self) -> tuple[Any, list[str]]:
        payload, future = self.pending.popleft()
        return payload, future.result() if future is not None else []

    def cancel_waiting(self) -> None:
        """Cancel the jobs no worker has started (running ones finish; :meth:`close` keeps them)."""
        for _payload, future in self.pending:
            if future is not None:
                future.cancel()

    def close(self) -> list[tuple[Any, list[str]]]:
        done = []
        for payload, future in self.pending:
            if future is None:
                continue
            if future.done() and not future.cancelled() and future.exception() is None:
                done.append((payload, future.result()))
            else:
                future.cancel()
        self.pending.clear()
        return done


class ProcessEngine:
    """Extraction in ``jobs`` spawned worker processes, each holding one pipeline.

    The pool starts only once :data:`MIN_PARALLEL` papers wait to be extracted; a smaller input
    (or a rebuild the cache already covers) runs in this process and never pays for the spawn.
    """

    def __init__(self, kb: KnowledgeBase, jobs: int, min_parallel: int = MIN_PARALLEL):
        self.kb = kb
        self.jobs = jobs
        self.min_parallel = min_parallel
        self._pool: ProcessPoolExecutor | None = None
        self._window: OrderedWindow | None = None

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Any, list[str]]]:
        stream = iter(jobs)
        head: list[Job] = []
        waiting = 0
        # Look ahead for enough work; a fully cached stretch (no texts) is not held for long.
        for job in stream:
            head.append(job)
            waiting += len(job[1])
            if waiting >= self.min_parallel or len(head) >= 64:
                break
        if waiting < self.min_parallel and len(head) < 64:
            yield from InProcessEngine(self.kb).map(head)
            return
        self._window = OrderedWindow(self._submit, window=2 * self.jobs + 1)
        yield from self._window.map(chain(head, stream))

    def _submit(self, texts: list[str]):
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                initializer=_pool_init, initargs=(self.kb,),
            )
        return self._pool.submit(_pool_extract, texts)

    def close(self) -> list[tuple[Any, list[str]]]:
        # Stop what has not started, let the running batches finish, then keep every finished one.
        if self._window is not None:
            self._window.cancel_waiting()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        return self._window.close() if self._window is not None else []


def make_engine(kb: KnowledgeBase, *, n_process: int | None = None, engine: str | Engine = "local",
                scheduler: Any = None) -> Engine:
    """The engine for ``engine`` (``local`` or ``dask``) with ``n_process`` workers (default: all cores).

    An :class:`Engine` object is returned as it is (tests and long-lived clusters pass their own).
    """
    if not isinstance(engine, str):
        return engine
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    jobs = n_process if n_process and n_process > 0 else default_jobs()
    if engine == "dask":
        from kg.distributed import DaskEngine

        return DaskEngine(kb, scheduler=scheduler, n_workers=jobs)
    if scheduler is not None:
        raise ValueError("a scheduler address needs engine='dask'")
    return InProcessEngine(kb) if jobs == 1 else ProcessEngine(kb, jobs)


# --- extraction with the cache -------------------------------------------------------------------


def _batches(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    stream = iter(papers)
    while batch := list(islice(stream, size)):
        yield batch


@dataclass
class _Batch:
    papers: list[Paper]
    hashes: list[str]
    results: list[str | None]  # cached results; None where extraction must run
    todo: list[int]            # indexes into papers that go to the engine


def open_cache(cache: str | Path | ExtractionCache | None, kb: KnowledgeBase) -> tuple[ExtractionCache | None, bool]:
    """An open cache for ``kb``'s pipeline version, and whether the caller owns (must close) it."""
    if cache is None or isinstance(cache, ExtractionCache):
        return cache, False
    return ExtractionCache(cache, pipeline_version(kb)), True


def extract(papers: Iterable[Paper], kb: KnowledgeBase, *, n_process: int | None = None, engine: str | Engine = "local",
            scheduler: Any = None, cache: ExtractionCache | None = None, batch_size: int = DEFAULT_BATCH,
            on_paper: Callable[[Paper], None] | None = None, stats: BuildStats | None = None) -> Iterator[Extraction]:
    """Yield one :class:`~kg.nlp.records.Extraction` per paper, in input order.

    Papers whose text the cache knows are not extracted again; each finished batch is written to
    the cache at once, so an interrupted run keeps what it did.
    """
    stats = stats if stats is not None else BuildStats()
    runner = make_engine(kb, n_process=n_process, engine=engine, scheduler=scheduler)
    stats.jobs = getattr(runner, "jobs", 1)

    def jobs() -> Iterator[Job]:
        for papers_ in _batches(papers, batch_size):
            texts = [paper_text(p) for p in papers_]
            if cache is None:
                yield _Batch(papers_, [], [None] * len(texts), list(range(len(texts)))), texts
                continue
            hashes = [text_hash(t) for t in texts]
            found = cache.get_many(hashes)
            results = [found.get(h) for h in hashes]
            todo = [i for i, r in enumerate(results) if r is None]
            yield _Batch(papers_, hashes, results, todo), [texts[i] for i in todo]

    def store(batch: _Batch, results: list[str]) -> None:
        if cache is not None:
            cache.put_many((batch.hashes[i], r) for i, r in zip(batch.todo, results, strict=True))

    try:
        for batch, results in runner.map(jobs()):
            store(batch, results)
            for i, result in zip(batch.todo, results, strict=True):
                batch.results[i] = result
            stats.extracted += len(batch.todo)
            stats.cached += len(batch.papers) - len(batch.todo)
            for paper, result in zip(batch.papers, batch.results, strict=True):
                entities, relations = decode_result(result)
                stats.papers += 1
                if on_paper is not None:
                    on_paper(paper)
                yield Extraction(paper, entities, relations)
    finally:
        for batch, results in runner.close():
            store(batch, results)
        if isinstance(engine, str):  # made here, so stopped here (a cluster we started, say)
            getattr(runner, "shutdown", lambda: None)()


# --- the public API ------------------------------------------------------------------------------


def build_from_papers(papers: Iterable[Paper], *, kb: KnowledgeBase | None = None, n_process: int | None = None,
                      on_paper: Callable[[Paper], None] | None = None, cache: str | Path | ExtractionCache | None = None,
                      engine: str | Engine = "local", scheduler: Any = None, batch_size: int = DEFAULT_BATCH,
                      stats: BuildStats | None = None) -> nx.MultiDiGraph:
    """Extract, link and assemble the graph of ``papers``.

    Parameters
    ----------
    papers
        Any iterable of papers; it is consumed once, lazily.
    kb
        The knowledge base (default: the shipped one).
    n_process
        Worker processes (or Dask workers for a local cluster); ``None`` or ``0``: all cores.
    on_paper
        Called with each paper once its extraction is in, in input order (progress bars).
    cache
        A folder (or an open :class:`~kg.cache.ExtractionCache`) for per-paper results; ``None``: no cache.
    engine, scheduler
        ``"local"``, or ``"dask"`` with a scheduler address, ``"local"`` / ``None`` for a
        ``LocalCluster``, or a ``dask.distributed.Client`` (see :mod:`kg.distributed`); or an
        engine object (:class:`ProcessEngine`, :class:`~kg.distributed.DaskEngine`) to reuse.
    batch_size
        Papers per batch sent to a worker.
    stats
        Filled in with the number of papers seen, extracted, and served from the cache.
    """
    kb = kb if kb is not None else load_kb()
    store, owned = open_cache(cache, kb)
    try:
        # Collected with the collector paused as well: the records pile up acyclic, and each
        # collection would rescan all of them (about 15% of this process's time at 30,000 papers).
        with gc_paused():
            extractions = list(extract(papers, kb, n_process=n_process, engine=engine, scheduler=scheduler,
                                       cache=store, batch_size=batch_size, on_paper=on_paper, stats=stats))
    finally:
        if owned and store is not None:
            store.close()
    with gc_paused():
        linked = link(extractions, kb)
        del extractions  # the per-paper records are in ``linked`` now; free them before assembly
        return assemble(linked)


def build(inputs: Iterable[str | Path] | None = None, *, kb: KnowledgeBase | None = None,
          report: ReadReport | None = None, n_process: int | None = None,
          on_paper: Callable[[Paper], None] | None = None, cache: str | Path | ExtractionCache | None = None,
          engine: str | Engine = "local", scheduler: Any = None, batch_size: int = DEFAULT_BATCH,
          stats: BuildStats | None = None) -> nx.MultiDiGraph:
    """Build the graph of the papers in ``inputs`` (default: the sample corpus).

    Bad records are skipped and listed in ``report`` (a :class:`~kg.sources.ReadReport`). The
    other options are those of :func:`build_from_papers`.
    """
    paths = list(inputs) if inputs else sample_corpus()
    report = report if report is not None else ReadReport()
    return build_from_papers(read_papers(paths, report), kb=kb, n_process=n_process, on_paper=on_paper, cache=cache,
                             engine=engine, scheduler=scheduler, batch_size=batch_size, stats=stats)


#: From this many nodes on (about 8,000 papers), ``export(..., jobs=N)`` writes in N processes.
PARALLEL_EXPORT_MIN_NODES = 20_000


def export(graph: nx.MultiDiGraph, out_dir: str | Path = "exports", formats: Iterable[str] = DEFAULT_FORMATS,
           *, jobs: int = 1, **options) -> dict[str, Path]:
    """Write ``graph`` into ``out_dir`` in each format; return format -> path.

    Each writer runs with the cyclic garbage collector paused (see :func:`gc_paused`); it runs
    between two formats, so what one writer leaves behind is gone before the next starts.
    A graph of :data:`PARALLEL_EXPORT_MIN_NODES` nodes or more is written in ``jobs`` processes
    (0: every core); smaller ones take a few seconds in one.
    """
    formats = list(formats)
    jobs = default_jobs() if jobs == 0 else jobs
    if jobs > 1 and graph.number_of_nodes() >= PARALLEL_EXPORT_MIN_NODES:
        with gc_paused():
            return write_all(graph, out_dir, formats, jobs=jobs, **options)
    written: dict[str, Path] = {}
    for fmt in formats:
        with gc_paused():
            written.update(write_all(graph, out_dir, [fmt], **options))
    return written
