"""Pausing Python's cyclic garbage collector around bulk building of acyclic data."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while bulk-building acyclic data.

    Linking, assembly, the exporters and large query results allocate millions of small objects
    and free almost none; each allocation burst triggers collections that rescan the whole heap,
    so their cost grows with the heap. Measured on 10,000 generated papers (CPU seconds, gc on ->
    paused): link 0.64 -> 0.35, assemble 0.72 -> 0.24, GraphML export 6.28 -> 4.32; a 7,000-row
    Oxigraph answer converts 50-100 ms faster. Reference counting still frees everything acyclic
    at once; cycles wait until the block ends. Process-wide: the collector is turned back on only
    if it was on, and two threads pausing it at once at worst let it run early.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
