"""A precomputed 2-D layout, so the graph opens in Gephi already spread out.

Algorithm: networkx's ForceAtlas2 (Jacomy et al. 2014, the layout Gephi users run themselves)
on the graph's *core*, then every leaf -- a node with one neighbour, which has others -- is put
on a small ring around that neighbour, which is where ForceAtlas2 would leave it anyway.

Why not ForceAtlas2 on every node: networkx's implementation is O(n^2) per iteration. On the
sample corpus graph (1,720 nodes, 971 of them leaves) 100 iterations over all nodes took
12.2 s; over the 841-node core, leaves placed after, 3.5 s wall, 3.1 s CPU (2-core machine,
numpy 2.4, networkx 3.6). Fewer iterations were faster but left a hairball (30 iterations:
4.0 s on all nodes).

The layout is deterministic: a fixed seed for the initial positions, nodes in graph order,
leaves ordered by id, coordinates rounded to 0.01, so the same graph gives the same bytes with
the same numpy and networkx (another numpy build may round a last digit differently).
Positions are cached per graph object (checked against its nodes and edges), so the GraphML and
GEXF writers of one ``kg build`` compute them once.

Large graphs: ForceAtlas2 here is quadratic in time and memory. Measured on subgraphs of a
generated 10,000-paper corpus (first k papers and the entities they name; 2 cores, CPU seconds,
peak resident memory of the process): 2,831 nodes 14 s / 0.4 GB, 5,047 nodes 45 s / 0.7 GB,
9,558 nodes 208 s / 1.8 GB; 20,000 nodes would take about a quarter of an hour and ~7 GB. So
:func:`export_positions`, which the GraphML and GEXF writers call, skips the layout of a graph of
more than :data:`MAX_NODES` nodes (about 2,000 papers) and prints one line to stderr saying so;
``kg build --no-layout`` (``layout=False``) skips it for any graph, silently.

Not supported: 3-D layouts, weighted attraction (every edge pulls the same).
"""

from __future__ import annotations

import math
import sys
import weakref
from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["positions", "export_positions", "SEED", "ITERATIONS", "MAX_NODES"]

#: Seed of the initial random positions (any fixed number gives a reproducible layout).
SEED = 42
#: ForceAtlas2 iterations on the core; see the module docstring for the measurement.
ITERATIONS = 100
#: Leaf ring radius, as a fraction of the median core edge length (a few leaves) ...
LEAF_RADIUS = 0.6
#: ... growing with the square root of the number of leaves, so a hub's leaves do not overlap.
LEAF_RING_GROWTH = 0.5
#: The drawing is scaled so that the median core edge is this long. Gephi draws a node of size s
#: as a disc of radius s, and kg's sizes run from 6 (papers) to ~50 (the busiest entities), so at
#: 100 units neighbours touch only around the largest hubs (leaves sit 60 units from theirs).
#: The sample graph is then about 3,800 units across, its largest component about 1,600.
EDGE_LENGTH = 100.0

#: Above this many nodes the exporters leave the layout out (see the module docstring).
MAX_NODES = 5_000

_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))

_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_skipped: weakref.WeakSet = weakref.WeakSet()


def export_positions(graph: nx.Graph, layout: bool = True, *, max_nodes: int | None = None
                     ) -> dict[Hashable, tuple[float, float]]:
    """:func:`positions` for an exporter: ``{}`` without ``layout`` or above ``max_nodes`` nodes.

    ``max_nodes`` defaults to :data:`MAX_NODES`. A graph too large for the layout gets a one-line
    notice on stderr (once per graph object, so GraphML and GEXF of one build print it once).
    """
    if not layout:
        return {}
    if max_nodes is None:
        max_nodes = MAX_NODES
    if graph.number_of_nodes() > max_nodes:
        try:
            seen = graph in _skipped
            _skipped.add(graph)
        except TypeError:  # a graph class that cannot be weakly referenced
            seen = False
        if not seen:
            print(f"kg: layout skipped: {graph.number_of_nodes():,} nodes, more than {max_nodes:,} "
                  "(ForceAtlas2 is quadratic); --no-layout skips it silently", file=sys.stderr)
        return {}
    return positions(graph)


def positions(graph: nx.Graph, *, seed: int = SEED, iterations: int = ITERATIONS
              ) -> dict[Hashable, tuple[float, float]]:
    """Node -> (x, y) for every node of ``graph``, centred on (0, 0).

    Parameters
    ----------
    graph : networkx graph
        Any graph; edge direction, parallel edges and self-loops are ignored.
    seed : int
        Seed of ForceAtlas2's initial positions.
    iterations : int
        ForceAtlas2 iterations on the core.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = positions(nx.path_graph(4))
    >>> sorted(pos) == [0, 1, 2, 3] and pos == positions(nx.path_graph(4))
    True
    """
    fingerprint = (tuple(graph.nodes), tuple(graph.edges()), seed, iterations)
    try:
        cached = _cache.get(graph)
    except TypeError:  # a graph class that cannot be weakly referenced: just compute
        cached = None
    if cached is not None and cached[0] == fingerprint:
        return dict(cached[1])
    result = _compute(graph, seed=seed, iterations=iterations)
    try:
        _cache[graph] = (fingerprint, result)
    except TypeError:
        pass
    return dict(result)


def _compute(graph: nx.Graph, *, seed: int, iterations: int) -> dict[Hashable, tuple[float, float]]:
    skeleton = nx.Graph()
    skeleton.add_nodes_from(graph)
    skeleton.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    if len(skeleton) == 0:
        return {}

    leaves: dict[Hashable, list[Hashable]] = {}
    for node in skeleton:
        if skeleton.degree(node) == 1:
            (anchor,) = skeleton[node]
            if skeleton.degree(anchor) > 1:
                leaves.setdefault(anchor, []).append(node)
    leaf_set = {leaf for group in leaves.values() for leaf in group}
    core = nx.Graph()
    core.add_nodes_from(n for n in skeleton if n not in leaf_set)
    core.add_edges_from((u, v) for u, v in skeleton.edges() if u in core and v in core)

    if len(core) == 1:
        pos = {next(iter(core)): np.zeros(2)}
    else:
        pos = {n: np.asarray(p, dtype=float)
               for n, p in nx.forceatlas2_layout(core, seed=seed, max_iter=iterations).items()}

    lengths = [float(np.linalg.norm(pos[u] - pos[v])) for u, v in core.edges()]
    unit = float(np.median(lengths)) if lengths and np.median(lengths) > 0 else 1.0
    for index, anchor in enumerate(n for n in core if n in leaves):
        group = sorted(leaves[anchor], key=str)
        radius = unit * LEAF_RADIUS * max(1.0, LEAF_RING_GROWTH * math.sqrt(len(group)))
        start = index * _GOLDEN_ANGLE  # rings of neighbouring hubs start at different angles
        for i, leaf in enumerate(group):
            angle = start + 2.0 * math.pi * i / len(group)
            pos[leaf] = pos[anchor] + radius * np.array([math.cos(angle), math.sin(angle)])

    coords = np.array([pos[n] for n in skeleton])
    coords -= coords.mean(axis=0)
    coords *= EDGE_LENGTH / unit
    # round(x, 2) + 0.0 turns -0.0 into 0.0, so the text of a coordinate never depends on its sign bit
    return {n: (round(float(x), 2) + 0.0, round(float(y), 2) + 0.0) for n, (x, y) in zip(skeleton, coords)}
