"""Finding a node by name and cutting out its neighbourhood, for ``kg view NAME``.

A name is looked up case-insensitively, in order of how sure the match is: an entity's label,
one of its aliases, a node id (``model:llama-2`` or just ``llama-2``), then the linking key of
the name (``LLaMA-2`` finds ``Llama 2``). Papers are found by title or by arXiv id the same way.
The first of these levels that matches anything wins; when it matches several nodes (two
entities share an alias), all of them are centres of the view.

>>> from kg.view import neighbourhood
>>> sub = neighbourhood(graph, "llama 2", depth=2)   # doctest: +SKIP
>>> sub.graph["focus"]                               # doctest: +SKIP
['model:llama-2']
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import EntityNotFound, InputError
from kg.linking.normalize import key, slug
from kg.names import PAPER

__all__ = ["find_nodes", "neighbourhood", "load_graph", "write_view", "default_view_path", "ViewResult", "DEFAULT_DEPTH"]

#: Depth 2 around an entity shows the papers that use it and what else those papers use;
#: depth 1 is only a star of papers around it.
DEFAULT_DEPTH = 2

_SUGGESTIONS = 5


def _names(node: str, attrs: dict) -> list[str]:
    """Every name a node answers to, best first: label, aliases (entities) or title (papers)."""
    names = [str(attrs.get("label", ""))]
    if attrs.get("kind") == PAPER:
        names.append(str(attrs.get("title", "")))
    else:
        names.extend(str(a) for a in attrs.get("aliases", ()))
    return [n for n in names if n]


def _ids(node: str) -> list[str]:
    """A node's id and the part after its ``kind:`` prefix (``llama-2``, ``2401.00001``)."""
    return [node, node.partition(":")[2]] if ":" in node else [node]


def _rank(graph: nx.MultiDiGraph, nodes) -> list[str]:
    """Entities before papers, most supported first, then by id: a stable order for centres."""
    def order(n: str) -> tuple:
        attrs = graph.nodes[n]
        return (attrs.get("kind") == PAPER, -int(attrs.get("papers", 0) or 0), n)
    return sorted(set(nodes), key=order)


def find_nodes(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """The ids of the nodes ``name`` refers to (see the module docstring for the order of tries).

    Raises
    ------
    EntityNotFound
        When nothing matches; the message suggests up to five close names.
    """
    wanted = name.strip().casefold()
    if not wanted:
        raise EntityNotFound("an empty name matches no entity")
    levels: list[list[str]] = [[], [], [], []]
    wanted_key = key(name)
    for node, attrs in graph.nodes(data=True):
        names = _names(node, attrs)
        if names and names[0].casefold() == wanted:
            levels[0].append(node)
        elif any(n.casefold() == wanted for n in names[1:]):
            levels[1].append(node)
        elif any(i.casefold() == wanted for i in _ids(node)):
            levels[2].append(node)
        elif wanted_key and any(key(n) == wanted_key for n in names):
            levels[3].append(node)
    for level in levels:
        if level:
            return _rank(graph, level)
    raise EntityNotFound(_not_found_message(graph, name))


def _not_found_message(graph: nx.MultiDiGraph, name: str) -> str:
    wanted = name.strip().casefold()
    # Labels containing the name come first ("llama" -> "Llama 2"), then spelling neighbours.
    by_name: dict[str, str] = {}
    containing: list[str] = []
    for node in _rank(graph, graph.nodes):
        for n in _names(node, graph.nodes[node]):
            by_name.setdefault(n.casefold(), graph.nodes[node].get("label", n))
        label = str(graph.nodes[node].get("label", ""))
        if wanted in label.casefold() and label not in containing:
            containing.append(label)
    close = [by_name[m] for m in difflib.get_close_matches(wanted, list(by_name), n=_SUGGESTIONS, cutoff=0.6)]
    suggestions: list[str] = []
    for label in containing + close:
        if label not in suggestions:
            suggestions.append(label)
    message = f"no entity or paper named {name!r} in the graph"
    if suggestions:
        message += "; did you mean: " + ", ".join(repr(s) for s in suggestions[:_SUGGESTIONS]) + "?"
    return message


def neighbourhood(graph: nx.MultiDiGraph, name: str, depth: int = DEFAULT_DEPTH) -> nx.MultiDiGraph:
    """The subgraph of every node at most ``depth`` edges (either direction) from ``name``.

    Parameters
    ----------
    graph
        A kg graph (DESIGN.md, "The graph").
    name
        A label, alias, id or paper title; see :func:`find_nodes`.
    depth
        Hops from the centre, following edges in both directions; 0 is the centre alone.

    Returns
    -------
    networkx.MultiDiGraph
        A copy holding the nodes and every edge among them, in the graph's order. Its
        ``graph.graph["focus"]`` lists the centre ids and ``graph.graph["depth"]`` the depth.

    Raises
    ------
    EntityNotFound
        When ``name`` matches no node (with close names suggested).
    ValueError
        When ``depth`` is negative.
    """
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    centres = find_nodes(graph, name)
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set(centres)
    frontier = list(centres)
    for _ in range(depth):
        following: list[str] = []
        for node in frontier:
            for neighbour in undirected.neighbors(node):
                if neighbour not in keep:
                    keep.add(neighbour)
                    following.append(neighbour)
        frontier = following
    # Built by hand rather than with graph.subgraph(): a subgraph view may iterate its node set,
    # whose order changes from run to run, and the view's output must not.
    sub = nx.MultiDiGraph()
    sub.graph.update(graph.graph)
    sub.add_nodes_from((n, dict(a)) for n, a in graph.nodes(data=True) if n in keep)
    sub.add_edges_from((u, v, k, dict(a)) for u, v, k, a in graph.edges(keys=True, data=True)
                       if u in keep and v in keep)
    sub.graph["focus"] = centres
    sub.graph["depth"] = depth
    return sub


def load_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read a ``graph.json`` (networkx node-link data, as ``kg build`` writes it)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        graph = nx.node_link_graph(data, edges="edges")
    except FileNotFoundError:
        raise InputError("not found; run `kg build` first or pass --graph", source=path) from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, nx.NetworkXError) as error:
        raise InputError(f"not a kg graph.json (node-link JSON): {error}", source=path) from error
    if not isinstance(graph, nx.MultiDiGraph):
        graph = nx.MultiDiGraph(graph)
    return graph


@dataclass(frozen=True)
class ViewResult:
    """What :func:`write_view` wrote."""

    path: Path
    nodes: int
    edges: int
    focus: list[str]
    shown: int


def write_view(graph: nx.MultiDiGraph, out: str | Path, name: str | None = None, *,
               depth: int = DEFAULT_DEPTH, **options) -> ViewResult:
    """Write the HTML view of ``name``'s neighbourhood (or of the whole graph) to ``out``.

    ``options`` go to :func:`kg.export.html.write_html` (``max_nodes``, ``layout``, ...).
    """
    from kg.export.html import DEFAULT_MAX_NODES, write_html

    focus: list[str] = []
    if name is not None:
        graph = neighbourhood(graph, name, depth)
        focus = graph.graph["focus"]
    write_html(graph, out, focus=focus or None, depth=depth if focus else None, **options)
    shown = min(graph.number_of_nodes(), options.get("max_nodes", DEFAULT_MAX_NODES))
    return ViewResult(Path(out), graph.number_of_nodes(), graph.number_of_edges(), focus, shown)


def default_view_path(graph_path: str | Path, name: str | None) -> Path:
    """``exports/view-llama-2.html`` beside the graph file (``view.html`` for the whole graph)."""
    stem = f"view-{slug(name)}" if name else "view"
    return Path(graph_path).parent / f"{stem}.html"
