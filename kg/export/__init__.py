"""Exporters: one module per output format, listed in one registry.

Every exporter is a plain function ``write(graph, path, **options)`` that writes one file (or
one folder) atomically. ``kg build`` writes every default format into its ``--out`` folder.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

__all__ = ["Exporter", "EXPORTERS", "DEFAULT_FORMATS", "get_writer", "write_all"]


@dataclass(frozen=True)
class Exporter:
    """Where a format's writer lives and the file name ``kg build`` gives it."""

    module: str
    function: str
    filename: str


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter("kg.export.json", "write_json", "graph.json"),
    "graphml": Exporter("kg.export.graphml", "write_graphml", "graph.graphml"),
    "gexf": Exporter("kg.export.gexf", "write_gexf", "graph.gexf"),
    "ttl": Exporter("kg.export.rdf", "write_turtle", "graph.ttl"),
    "html": Exporter("kg.export.html", "write_html", "graph.html"),
    "neo4j": Exporter("kg.export.neo4j", "write_neo4j", "neo4j"),
    "nt": Exporter("kg.export.rdf", "write_ntriples", "graph.nt"),
    "jsonld": Exporter("kg.export.rdf", "write_jsonld", "graph.jsonld"),
    "oxigraph": Exporter("kg.export.rdf", "write_oxigraph", "graph.oxigraph"),
}

#: What ``kg build`` writes unless told otherwise (DESIGN.md, "Outputs").
DEFAULT_FORMATS: tuple[str, ...] = ("json", "graphml", "gexf", "ttl", "html", "neo4j")


def get_writer(fmt: str) -> Callable[..., None]:
    exporter = EXPORTERS[fmt]
    return getattr(importlib.import_module(exporter.module), exporter.function)


def write_all(graph: nx.MultiDiGraph, out_dir: str | Path, formats: Iterable[str] = DEFAULT_FORMATS,
              on_done: Callable[[str, Path], None] | None = None, *, jobs: int = 1, **options) -> dict[str, Path]:
    """Write ``graph`` in each format into ``out_dir``; return format -> path written.

    ``options`` are passed to writers that accept them by name (for instance ``layout=False``).
    ``jobs`` > 1 writes the formats in that many processes (see :func:`_write_forked`); the files
    are the same, byte for byte.
    """
    out_dir = Path(out_dir)
    formats = list(formats)
    if jobs > 1 and len(formats) > 1 and hasattr(os, "fork"):
        return _write_forked(graph, out_dir, formats, on_done, jobs, options)
    written: dict[str, Path] = {}
    for fmt in formats:
        written[fmt] = _write_one(graph, out_dir, fmt, options)
        if on_done is not None:
            on_done(fmt, written[fmt])
    return written


def _write_one(graph: nx.MultiDiGraph, out_dir: Path, fmt: str, options: dict) -> Path:
    import inspect

    writer = get_writer(fmt)
    path = out_dir / EXPORTERS[fmt].filename
    accepted = inspect.signature(writer).parameters
    writer(graph, path, **{k: v for k, v in options.items() if k in accepted})
    return path


#: CPU seconds of each writer on 100,000 generated papers (``kg bench``), to share formats out evenly.
_COST = {"json": 7, "graphml": 8, "gexf": 9, "ttl": 16, "neo4j": 20, "nt": 20, "jsonld": 31, "oxigraph": 53,
         "html": 5}


def _share_out(formats: list[str], n: int) -> list[list[str]]:
    """``formats`` in ``n`` groups with the smallest largest cost, the costliest group first.

    Every assignment is tried where there are few (the usual five formats in two processes: 32),
    costliest-first to the least loaded group otherwise.
    """
    cost = [_COST.get(f, 10) for f in formats]
    if n ** len(formats) <= 4096:
        best = min(itertools.product(range(n), repeat=len(formats)),
                   key=lambda a: max(sum(c for c, g in zip(cost, a) if g == k) for k in range(n)))
    else:
        loads, best = [0] * n, [0] * len(formats)
        for i in sorted(range(len(formats)), key=lambda i: -cost[i]):
            best[i] = loads.index(min(loads))
            loads[best[i]] += cost[i]
    groups = [[f for f, g in zip(formats, best) if g == k] for k in range(n)]
    return sorted((g for g in groups if g), key=lambda g: -sum(_COST.get(f, 10) for f in g))


def _write_forked(graph: nx.MultiDiGraph, out_dir: Path, formats: list[str],
                  on_done: Callable[[str, Path], None] | None, jobs: int, options: dict) -> dict[str, Path]:
    """Write the formats in ``jobs`` processes: this one and forked children, which share the graph.

    Why fork: the writers only read the graph, and a forked child sees it without a copy or a
    pickle. Python's reference counting still writes to the objects it touches, so a child ends
    up with a private copy of much of the graph's memory (measured at 100,000 papers: the graph
    ~1.4 GB, the child ~0.85 GB of its own at the end); the collector is frozen first so that
    it does not touch the rest.
    """
    from kg.export.layout import export_positions

    out_dir.mkdir(parents=True, exist_ok=True)
    for fmt in formats:  # imported here: a child that imports while another thread holds a lock could hang
        get_writer(fmt)
    if options.get("layout", True) and {"graphml", "gexf"} & set(formats):
        export_positions(graph, True)  # computed (or its notice printed) once, before the processes part
    # This process takes the costliest group: a child pays for copying the pages it touches.
    groups = _share_out(formats, min(jobs, len(formats)))
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    children: list[tuple[int, int, list[str]]] = []
    written: dict[str, Path] = {}
    try:
        for group in groups[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: write its formats, report, and leave without running any cleanup
                os.close(read_end)
                status, message = 0, b""
                try:
                    gc.disable()
                    for fmt in group:
                        _write_one(graph, out_dir, fmt, options)
                except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
                    status = 1
                    try:
                        message = pickle.dumps(error)
                    except Exception:  # an exception that does not pickle: its text will do
                        message = pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(message)
                os._exit(status)
            os.close(write_end)
            children.append((pid, read_end, group))
        for fmt in groups[0]:
            written[fmt] = _write_one(graph, out_dir, fmt, options)
            if on_done is not None:
                on_done(fmt, written[fmt])
    finally:
        failure = _reap(children, on_done, out_dir, written)  # also when this process's own writing failed
        gc.unfreeze()
    if failure is not None:
        raise failure
    return {fmt: written[fmt] for fmt in formats}


def _reap(children: list[tuple[int, int, list[str]]], on_done, out_dir: Path, written: dict[str, Path]
          ) -> BaseException | None:
    """Wait for every child; record its formats as written, or return the first child's error."""
    failure: BaseException | None = None
    for pid, read_end, group in children:
        with os.fdopen(read_end, "rb") as pipe:
            message = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            for fmt in group:
                written[fmt] = out_dir / EXPORTERS[fmt].filename
                if on_done is not None:
                    on_done(fmt, written[fmt])
        elif failure is None:
            failure = pickle.loads(message) if message else RuntimeError(
                f"the process writing {', '.join(group)} ended with status {os.waitstatus_to_exitcode(status)}")
    return failure
