"""The Dask engine: per-paper extraction as the map step on a ``dask.distributed`` cluster.

``kg build --engine dask --scheduler tcp://HOST:8786`` connects to a running scheduler;
``--scheduler local`` (or none) starts a ``LocalCluster`` of ``--jobs`` single-threaded worker
processes on this machine. The client (the ``kg build`` process) reads the inputs, looks papers up
in the extraction cache, sends the misses to the workers in batches, and then links across papers
and assembles the graph once, itself (DESIGN.md, "What flows where"). Workers run exactly the same
function as local worker processes (:func:`kg.pipeline.extract_texts`) and return the same encoded
results, so the same input gives the same graph on any engine.

The knowledge base is sent to every worker once (``Client.scatter(broadcast=True)``); each worker
process builds its spaCy pipeline on its first batch and keeps it for the later ones.

Requirements on the cluster: every worker has the same kg (and spaCy) installed as the client,
``pip install 'kg[dask]'``; one thread per worker process is best (extraction is pure Python and
holds the GIL, so threads only add contention). How to start workers on Kubernetes or SLURM:
``docs/scale.md``.

Not supported: reading inputs on the workers (the client streams them; 1 KB per paper is cheap
next to extraction), a cache shared by the workers (it lives beside the client), and adaptive
scaling beyond what the cluster object does by itself.

Docs: https://distributed.dask.org/en/stable/client.html
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kg.errors import KgError
from kg.linking.kb import KnowledgeBase
from kg.pipeline import Job, OrderedWindow, default_jobs, extract_texts

__all__ = ["DaskEngine", "connect"]


def _dask():
    try:
        from dask import distributed
    except ImportError as err:
        raise KgError("the dask engine needs dask.distributed: pip install 'kg[dask]'") from err
    return distributed


def connect(scheduler: Any = None, n_workers: int | None = None, timeout: float = 30.0) -> tuple[Any, Any, bool]:
    """A ``(client, cluster, owned)`` triple for ``scheduler``.

    ``scheduler`` is an address (``tcp://10.0.0.5:8786``), the path of a scheduler file
    (``dask scheduler --scheduler-file FILE.json``, the usual way on SLURM), ``"local"``/``None``
    for a new ``LocalCluster`` with ``n_workers`` single-threaded processes, or an existing
    ``Client`` (kept open afterwards). ``timeout``: seconds to wait for a remote scheduler.
    """
    distributed = _dask()
    if isinstance(scheduler, distributed.Client):
        return scheduler, None, False
    if scheduler in (None, "local"):
        cluster = distributed.LocalCluster(
            n_workers=n_workers or default_jobs(), threads_per_worker=1, processes=True,
            dashboard_address=None,  # no web server nobody asked for
        )
        return distributed.Client(cluster), cluster, True
    try:
        if str(scheduler).endswith(".json"):
            return distributed.Client(scheduler_file=str(scheduler), timeout=timeout), None, True
        return distributed.Client(str(scheduler), timeout=timeout), None, True
    except OSError as err:
        raise KgError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err


class DaskEngine:
    """Runs :func:`kg.pipeline.extract_texts` on a Dask cluster, results in input order.

    Reusable across builds (a test or a notebook keeps one cluster); :meth:`shutdown` closes the
    client and cluster it opened itself.
    """

    def __init__(self, kb: KnowledgeBase, scheduler: Any = None, n_workers: int | None = None, timeout: float = 30.0):
        self.kb = kb
        self.client, self._cluster, self._owned = connect(scheduler, n_workers, timeout)
        self._kb_future = None
        self._window: OrderedWindow | None = None

    @property
    def jobs(self) -> int:
        """Worker threads on the cluster now (at least 1, so a cluster still starting gets work)."""
        return max(1, sum(self.client.nthreads().values()))

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Any, list[str]]]:
        if self._kb_future is None:
            self._kb_future = self.client.scatter(self.kb, broadcast=True, hash=False)
        self._window = OrderedWindow(self._submit, window=2 * self.jobs + 1)
        yield from self._window.map(jobs)

    def _submit(self, texts: list[str]):
        # pure=False: two batches with equal texts are still two tasks (dask would merge them).
        return self.client.submit(extract_texts, self._kb_future, texts, pure=False)

    def close(self) -> list[tuple[Any, list[str]]]:
        done = self._window.close() if self._window is not None else []
        self._window = None
        return done

    def shutdown(self) -> None:
        self.close()
        if self._owned:
            self.client.close()
            if self._cluster is not None:
                self._cluster.close()
        self._kb_future = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
