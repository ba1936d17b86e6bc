"""HTML view (``graph.html``): one self-contained page to explore the graph in a browser.

The page is built with pyvis (node and edge records, network options) and rendered with kg's own
Jinja2 template, ``templates/graph.html.j2``, because pyvis's templates load Bootstrap,
vis-network and tom-select from CDNs even in its ``in_line`` mode. Everything the page needs is
inlined: vis-network's standalone build (shipped inside the pyvis wheel), ``graph.js`` and
``graph.css``. The page makes no request to any host, and its Content-Security-Policy forbids
any: only the inline scripts whose SHA-256 it lists may run.

Paper text is data, never markup: nodes, edges and their details travel as JSON inside a
``<script type="application/json">`` element with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped,
and ``graph.js`` builds the page with ``textContent``, never ``innerHTML``.

Large graphs: the page holds at most ``max_nodes`` nodes (default 2,000), the most connected
ones (or, for a neighbourhood view, the nearest to its centre), and says so. Node positions are
precomputed here (a force-directed layout, deterministic for a given graph), so the page draws
at once, with the browser's physics off: vis-network's forces differ from the layout's, and
with physics on even a 200-node page kept rearranging for 12-16 s (400 nodes: 24 s; measured
with scripts/bench_html.py). With ``layout=False`` the browser lays the graph out within a
fixed budget of physics iterations, then stops its physics.

vis-network: https://visjs.github.io/vis-network/docs/network/ ; pyvis: https://pyvis.readthedocs.io/

Not supported: editing the graph in the page, clustering, saving a layout from the page, paper
abstracts (only title, year, authors and link are shown, to keep the file small).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import numpy as np
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network

import kg
from kg.atomic import write_text
from kg.errors import KgError
from kg.names import KINDS, MENTIONS, PAPER, RELATIONS

__all__ = ["write_html", "render_html", "select_nodes", "layout_positions", "embed_json",
           "DEFAULT_MAX_NODES"]

#: At most this many nodes go into one page. A 2,000-node page of the sample corpus opens in
#: about a second in headless Chromium and stays smooth to pan; see docs/html-view.md for the
#: numbers behind it.
DEFAULT_MAX_NODES = 2000

#: Above this many nodes, edges are not drawn while the view pans or zooms: a full redraw then
#: costs over 30 ms in headless Chromium (47 ms at 800 nodes, 12-17 ms at 400), too slow for
#: smooth movement. Measured with scripts/bench_html.py (docs/html-view.md).
SMOOTH_DRAW_NODES = 500

#: Node-iterations of physics warm-up without a precomputed layout: about 3 s in headless
#: Chromium here, whatever the size; 1,000 iterations (vis's default) for up to 100 nodes.
_STABILIZE_BUDGET = 100_000

_TEMPLATE = "graph.html.j2"
_PAPER_LABEL_CHARS = 48
_MAX_AUTHORS = 8

#: Characters escaped in JSON embedded in HTML: ``<``/``>``/``&`` so no ``</script>`` or
#: ``<!--`` can end or change the script element; U+2028/2029, which older JS parsers treat as
#: line ends.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def embed_json(value: object) -> str:
    """``value`` as compact JSON that is safe inside an HTML ``<script>`` element.

    >>> embed_json({"title": "</script><img src=x onerror=alert(1)>"})
    '{"title":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


# --- which nodes ------------------------------------------------------------------------------

def select_nodes(graph: nx.MultiDiGraph, max_nodes: int, focus: list[str] | None = None) -> list[str]:
    """The nodes a page shows, in the graph's order: all of them, or ``max_nodes`` of them.

    Without ``focus``, the most connected (most distinct neighbours; ties by id). With ``focus``,
    the nearest to the focus nodes first (hops in either direction), then the most connected.
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    if graph.number_of_nodes() <= max_nodes:
        return list(graph.nodes)
    undirected = graph.to_undirected(as_view=True)
    distance: dict[str, int] = {}
    if focus:
        for source in focus:
            for node, hops in nx.single_source_shortest_path_length(undirected, source).items():
                distance[node] = min(hops, distance.get(node, hops))
    far = len(graph) + 1

    def rank(node: str) -> tuple:
        return (distance.get(node, far), -len(undirected.adj[node]), node)

    keep = set(sorted(graph.nodes, key=rank)[:max_nodes])
    return [n for n in graph.nodes if n in keep]


# --- where they go ------------------------------------------------------------------------------

#: Ideal edge length of the layout, in the page's pixels at zoom 1.
_EDGE_LENGTH = 90.0
_ITERATIONS = 300
#: Components above this size feel repulsion from a random sample of this many nodes per step
#: (scaled up), not from every node: O(n * sample) instead of O(n^2) per step, which keeps a
#: 2,000-node layout near a second (Gove, "Random vertex sampling", EuroVis 2019).
_REPULSION_SAMPLE = 300
#: Components up to this size are batched with others of similar size, in chunks of at most
#: this many pairwise elements (memory: 8 bytes each, a few arrays at once).
_BATCH_MAX = 256
_BATCH_ELEMENTS = 1 << 20


def layout_positions(n: int, pairs: list[tuple[int, int]], *, seed: int = 0) -> np.ndarray:
    """Positions (``n`` x 2, pixels) for nodes ``0..n-1`` joined by undirected ``pairs``.

    Each connected component gets a Fruchterman-Reingold layout (repulsion k^2/d, attraction
    d^2/k, weak gravity to its centre); components are then packed in rows, largest first.
    The same input and seed give the same positions.
    """
    if n == 0:
        return np.zeros((0, 2))
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[root(i)].append(i)
    edges_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b in pairs:
        edges_of[root(a)].append((a, b))
    components = sorted(members.items(), key=lambda item: (-len(item[1]), item[0]))

    rng = np.random.default_rng(seed)
    # Components of similar size are laid out together, as one batch of padded arrays: a
    # hundred tiny components then cost one simulation, not a hundred.
    batches: dict[int, list[int]] = defaultdict(list)
    for c, (_root, nodes) in enumerate(components):
        size = len(nodes)
        bucket = size if size > _BATCH_MAX else 1 << max(size - 1, 1).bit_length()
        batches[bucket].append(c)
    laid: dict[int, np.ndarray] = {}
    for bucket in sorted(batches, reverse=True):
        chosen = batches[bucket]
        per_chunk = max(1, _BATCH_ELEMENTS // (bucket * bucket))
        for start in range(0, len(chosen), per_chunk):
            chunk = chosen[start:start + per_chunk]
            local_edges = []
            for c in chunk:
                index = {node: i for i, node in enumerate(components[c][1])}
                local_edges.append([(index[a], index[b]) for a, b in edges_of[components[c][0]]])
            for c, pos in zip(chunk, _force_layout([len(components[c][1]) for c in chunk], local_edges, rng)):
                laid[c] = pos
    positions = np.zeros((n, 2))
    _pack([(nodes, laid[c]) for c, (_root, nodes) in enumerate(components)], positions)
    return positions


def _force_layout(sizes: list[int], edges: list[list[tuple[int, int]]],
                  rng: np.random.Generator) -> list[np.ndarray]:
    """Lay out a batch of components (``sizes[c]`` nodes, local ``edges[c]``) side by side.

    Arrays are ``(components, slots)``; slots past a component's size are padding, which
    neither moves nor repels.
    """
    k = _EDGE_LENGTH
    count, slots = len(sizes), max(sizes)
    size = np.array(sizes, dtype=float)[:, None]
    valid = np.arange(slots)[None, :] < size
    # A sunflower spiral start: even density, and no two nodes on one spot.
    x = np.zeros((count, slots))
    y = np.zeros((count, slots))
    radius = k * np.sqrt(size)
    for c, s in enumerate(sizes):
        i = rng.permutation(s) + 0.5
        angle = i * math.pi * (3 - math.sqrt(5))
        r = radius[c, 0] * np.sqrt(i / s) * 0.5
        x[c, :s], y[c, :s] = r * np.cos(angle), r * np.sin(angle)
    flat = [(c * slots + a, c * slots + b) for c, pairs in enumerate(edges) for a, b in pairs]
    src, dst = (np.array(v, dtype=np.int64) for v in zip(*flat)) if flat else (np.zeros(0, np.int64),) * 2
    temperature = radius / 4
    cooling = (k / 30 / temperature) ** (1 / _ITERATIONS)
    sampled = count == 1 and slots > _REPULSION_SAMPLE
    gravity = 0.02 * np.sqrt(size)
    for _ in range(_ITERATIONS):
        if sampled:
            pick = rng.choice(slots, _REPULSION_SAMPLE, replace=False)
            ox, oy, weight = x[:, pick], y[:, pick], slots / _REPULSION_SAMPLE
        else:
            ox, oy, weight = x, y, valid.astype(np.float32)
        # The pairwise arrays are the whole cost: float32 and in place halve it.
        dx = (x[:, :, None] - ox[:, None, :]).astype(np.float32)
        dy = (y[:, :, None] - oy[:, None, :]).astype(np.float32)
        push = dx * dx
        push += dy * dy
        np.maximum(push, 1e-2, out=push)
        np.divide(k * k, push, out=push)
        push *= weight if sampled else weight[:, None, :]
        mx = np.einsum("cij,cij->ci", dx, push).astype(float)
        my = np.einsum("cij,cij->ci", dy, push).astype(float)
        if len(src):
            fx, fy = x.ravel(), y.ravel()
            ex, ey = fx[src] - fx[dst], fy[src] - fy[dst]
            pull = np.sqrt(ex * ex + ey * ey) / k
            ex, ey = ex * pull, ey * pull
            total = count * slots
            mx -= (np.bincount(src, ex, total) - np.bincount(dst, ex, total)).reshape(count, slots)
            my -= (np.bincount(src, ey, total) - np.bincount(dst, ey, total)).reshape(count, slots)
        cx = (x * valid).sum(axis=1, keepdims=True) / size
        cy = (y * valid).sum(axis=1, keepdims=True) / size
        mx -= (x - cx) * gravity
        my -= (y - cy) * gravity
        length = np.maximum(np.sqrt(mx * mx + my * my), 1e-9)
        step = np.minimum(length, temperature) / length * valid
        x += mx * step
        y += my * step
        temperature = temperature * cooling
    out = []
    for c, s in enumerate(sizes):
        pos = np.column_stack((x[c, :s], y[c, :s]))
        out.append(pos - pos.mean(axis=0))
    return out


def _pack(placed: list[tuple[list[int], np.ndarray]], positions: np.ndarray) -> None:
    """Put the largest component at the origin and shelf-pack the others in rows to its right.

    The block of small components is about as tall as the largest one, so the whole drawing
    stays close to a screen's landscape shape and "fit" does not shrink it more than needed.
    """
    gap = _EDGE_LENGTH
    first_nodes, first = placed[0]
    positions[first_nodes] = first
    if len(placed) == 1:
        return
    boxes = [(nodes, pos, pos.max(axis=0) - pos.min(axis=0)) for nodes, pos in placed[1:]]
    area = sum((w + gap) * (h + gap) for _n, _p, (w, h) in boxes)
    top = float(first[:, 1].min())
    height = max(float(np.ptp(first[:, 1])), gap * 4)
    width = max(area / height * 1.1, max(w for _n, _p, (w, _h) in boxes))
    left = float(first[:, 0].max()) + 2 * gap
    x, y, row_height = left, top, 0.0
    for nodes, pos, (w, h) in boxes:
        if x > left and x + w > left + width:
            x, y, row_height = left, y + row_height + gap, 0.0
        positions[nodes] = pos - pos.min(axis=0) + (x, y)
        x += w + gap
        row_height = max(row_height, h)


# --- the page -------------------------------------------------------------------------------

@cache
def _style() -> dict:
    return json.loads(_template_file("style.json"))


def _template_file(name: str) -> str:
    return resources.files("kg.export").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def _vis_network_js() -> str:
    """vis-network's standalone build, from the pyvis wheel (newest 9.x it ships)."""
    lib = resources.files("pyvis").joinpath("templates", "lib")
    versions = sorted((entry.name for entry in lib.iterdir() if entry.name.startswith("vis-")),
                      key=lambda v: tuple(int(p) for p in re.findall(r"\d+", v)))
    for version in reversed(versions):
        script = lib.joinpath(version, "vis-network.min.js")
        if script.is_file():
            return script.read_text(encoding="utf-8")
    raise KgError("vis-network.min.js not found in the installed pyvis package; reinstall pyvis")


def _inline_script(code: str) -> str:
    """``code`` made safe to sit inside ``<script>``: only ``</script`` or ``<!--`` could end
    or change the element, and ``<\\/`` / ``<\\!--`` mean the same inside JS strings."""
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    # A source-map comment makes developer tools fetch a file the page does not ship.
    code = re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.MULTILINE)
    return code.replace("<!--", "<\\!--")


def _inline_style(css: str) -> str:
    """``css`` safe inside ``<style>``: ``\\/`` is ``/`` in CSS, so ``<\\/`` cannot end the element."""
    return css.replace("</", "<\\/")


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _node_details(node: str, attrs: dict) -> dict:
    kind = attrs.get("kind", "")
    if kind == PAPER:
        info = {"kind": kind, "id": node.partition(":")[2], "title": str(attrs.get("title", attrs.get("label", "")))}
        if "year" in attrs:
            info["year"] = attrs["year"]
        if attrs.get("url"):
            info["url"] = str(attrs["url"])
        authors = [str(a) for a in attrs.get("authors", ())]
        if authors:
            info["authors"] = authors[:_MAX_AUTHORS] + (["et al."] if len(authors) > _MAX_AUTHORS else [])
        return info
    label = str(attrs.get("label", node))
    info = {"kind": kind, "label": label, "papers": int(attrs.get("papers", 0) or 0),
            "aliases": [str(a) for a in attrs.get("aliases", ()) if str(a) != label]}
    if attrs.get("family"):
        info["family"] = str(attrs["family"])
    return info


def _note(graph: nx.MultiDiGraph, shown: int, focus: list[str] | None, depth: int | None) -> str:
    total = graph.number_of_nodes()
    if shown == total:
        return ""
    if focus:
        names = ", ".join(str(graph.nodes[f].get("label", f)) for f in focus[:3])
        around = f"depth-{depth} neighbourhood" if depth is not None else "neighbourhood"
        return (f"Showing the {shown:,} nodes nearest to {names} of the {total:,} in its {around}; "
                f"use a smaller --depth to see all of them.")
    return (f"Showing the {shown:,} most connected of {total:,} nodes; "
            f"use kg view NAME for a neighbourhood.")


def _network(graph: nx.MultiDiGraph, nodes: list[str], positions: np.ndarray | None,
             focus: set[str]) -> tuple[Network, list[dict], list[dict], list[str]]:
    """The pyvis network of ``nodes`` and the edges among them, plus each one's details."""
    style = _style()
    net = Network(directed=True)
    node_info: list[dict] = []
    for i, node in enumerate(nodes):
        attrs = graph.nodes[node]
        kind = attrs.get("kind", "")
        label = str(attrs.get("label", node))
        options = {"group": kind, "value": int(attrs.get("papers", 1) or 1) if kind != PAPER else 1}
        if kind == PAPER:
            label = _short(label, _PAPER_LABEL_CHARS)
        if positions is not None:
            options["x"], options["y"] = int(round(positions[i][0])), int(round(positions[i][1]))
        if node in focus:
            options["borderWidth"] = 4
        net.add_node(node, label=label or node, shape=style["kinds"].get(kind, {}).get("shape", "dot"), **options)
        node_info.append(_node_details(node, attrs))

    kept = set(nodes)
    edges = [(u, v, k, a) for u, v, k, a in graph.edges(keys=True, data=True) if u in kept and v in kept]
    # Parallel edges (a paper both mentions and builds on a model) would be drawn on top of
    # each other: the first of a pair stays straight, the others curve alternately left/right.
    order = {rel: i for i, rel in enumerate(RELATIONS)}
    by_pair: dict[frozenset, list[int]] = defaultdict(list)
    for i, (u, v, _k, a) in enumerate(edges):
        by_pair[frozenset((u, v))].append(i)
    bend: dict[int, dict] = {}
    for members in by_pair.values():
        members.sort(key=lambda i: (edges[i][3].get("relation") == MENTIONS, order.get(edges[i][3].get("relation"), 99), i))
        for rank, i in enumerate(members[1:], start=1):
            bend[i] = {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                       "roundness": 0.25 * ((rank + 1) // 2)}
    evidence_index: dict[str, int] = {}
    evidence: list[str] = []
    edge_info: list[dict] = []
    for i, (u, v, _k, attrs) in enumerate(edges):
        relation = str(attrs.get("relation", _k))
        look = style["relations"].get(relation, {"color": "#999999", "width": 1, "dashes": False})
        options = {"id": f"e{i}", "relation": relation, "color": look["color"], "width": look["width"]}
        if look.get("dashes"):
            options["dashes"] = look["dashes"]
        if i in bend:
            options["smooth"] = bend[i]
        # Straight to pyvis's Edge record: Network.add_edge checks each end against a list of
        # every node id, O(nodes) per edge, which costs seconds on a capped 2,000-node page.
        net.edges.append(_pyvis_edge(u, v, options))
        text = str(attrs.get("evidence", "") or "")
        if text not in evidence_index:
            evidence_index[text] = len(evidence)
            evidence.append(text)
        info = {"relation": relation, "confidence": attrs.get("confidence"), "evidence": evidence_index[text],
                "rule": str(attrs.get("rule", "") or "")}
        surface = [str(s) for s in attrs.get("surface", ())]
        if surface:
            info["surface"] = surface
        edge_info.append(info)
    return net, node_info, edge_info, evidence


def _pyvis_edge(source: str, target: str, options: dict) -> dict:
    return Edge(source, target, directed=True, **options).options


def _vis_options(physics: str, n: int) -> dict:
    style = _style()
    groups = {kind: {"shape": s["shape"], "color": {"background": s["color"], "border": _darker(s["color"]),
                                                     "highlight": {"background": s["color"], "border": "#111111"},
                                                     "hover": {"background": s["color"], "border": "#111111"}}}
              for kind, s in style["kinds"].items()}
    big = n > SMOOTH_DRAW_NODES
    return {
        "autoResize": True,
        "groups": groups,
        "nodes": {
            "borderWidth": 1,
            "scaling": {"min": 9, "max": 48,
                        "label": {"enabled": True, "min": 13, "max": 28, "maxVisible": 28, "drawThreshold": 6}},
            "font": {"face": "system-ui, -apple-system, Segoe UI, sans-serif", "color": "#1d2733",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": False,
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {"hover": True, "tooltipDelay": 3600000, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False, "keyboard": False},
        "physics": {
            "enabled": physics != "off",
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.005,
                                 "springLength": _EDGE_LENGTH, "springConstant": 0.08, "avoidOverlap": 0.2},
            # "on" starts from the precomputed layout, so it needs no hidden warm-up; "stabilize"
            # starts from nothing, and its hidden warm-up is bounded by an iteration budget
            # (one iteration costs about 30 us per node in headless Chromium), after which the
            # physics stops.
            "stabilization": {"enabled": physics == "stabilize",
                              "iterations": max(50, min(1000, _STABILIZE_BUDGET // max(n, 1))),
                              "updateInterval": 25, "fit": True},
            "minVelocity": 1.0,
        },
        "layout": {"randomSeed": 7, "improvedLayout": False},
    }


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def render_html(graph: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, layout: bool = True,
                physics: bool = False, focus: list[str] | None = None, depth: int | None = None,
                title: str | None = None) -> str:
    """The page as a string; see :func:`write_html`."""
    focus = [f for f in (focus or []) if f in graph]
    nodes = select_nodes(graph, max_nodes, focus)
    index = {node: i for i, node in enumerate(nodes)}
    positions = None
    if layout:
        pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in graph.edges()
                        if u in index and v in index and u != v})
        positions = layout_positions(len(nodes), pairs)
    mode = "stabilize" if positions is None else ("on" if physics else "off")
    net, node_info, edge_info, evidence = _network(graph, nodes, positions, set(focus))
    net.options = _vis_options(mode, len(nodes))
    vis_nodes, vis_edges, _heading, _h, _w, options = net.get_network_data()

    kinds = Counter(graph.nodes[n].get("kind") for n in nodes)
    relations = Counter(e["relation"] for e in edge_info)
    style = _style()
    if title is None:
        title = "kg: " + ", ".join(str(graph.nodes[f].get("label", f)) for f in focus) if focus else "kg graph"
    data = {
        "meta": {"title": title, "note": _note(graph, len(nodes), focus, depth), "physics": mode,
                 "shown": len(nodes), "total": graph.number_of_nodes(), "focus": focus,
                 "kg": kg.__version__},
        "legend": {
            "kinds": [{"kind": k, "label": style["kinds"][k]["legend"], "shape": style["kinds"][k]["shape"],
                       "color": style["kinds"][k]["color"], "count": kinds.get(k, 0)} for k in KINDS],
            "relations": [{"relation": r, "label": style["relations"][r]["legend"],
                           "color": style["relations"][r]["color"], "dashes": style["relations"][r]["dashes"],
                           "count": relations.get(r, 0)} for r in RELATIONS],
        },
        "options": json.loads(options),
        "nodes": vis_nodes,
        "edges": vis_edges,
        "nodeInfo": node_info,
        "edgeInfo": edge_info,
        "evidence": evidence,
    }
    scripts = [_inline_script(_vis_network_js()), _inline_script(_template_file("graph.js"))]
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
                             loader=jinja2.FunctionLoader(lambda name: _template_file(name)))
    page = env.get_template(_TEMPLATE).render(
        title=title,
        data=Markup(embed_json(data)),
        css=Markup(_inline_style(_template_file("graph.css"))),
        scripts=[Markup(s) for s in scripts],
        script_hashes=" ".join(_csp_hash(s) for s in scripts),
    )
    return page


def write_html(graph: nx.MultiDiGraph, path: str | Path, *, max_nodes: int = DEFAULT_MAX_NODES,
               layout: bool = True, physics: bool = False, focus: list[str] | None = None,
               depth: int | None = None, title: str | None = None) -> None:
    """Write the interactive view of ``graph`` to ``path``: one file, no network needed.

    Parameters
    ----------
    graph
        A kg graph (DESIGN.md, "The graph").
    path
        Where to write the page (atomically).
    max_nodes
        Most nodes one page holds; above it the page shows the most connected (or, with
        ``focus``, the nearest to it) and says how many it left out.
    layout
        Precompute node positions (default). ``False`` leaves the layout to the browser's
        physics, which is slower to settle, and stops the physics once stable;
        ``kg build --no-layout`` passes it.
    physics
        Keep the browser's physics running on the precomputed layout, so dragging a node pulls
        its neighbours; the drawing then rearranges itself for tens of seconds after opening
        (see the module docstring), so it is off by default.
    focus
        Centre nodes of a neighbourhood view: drawn with a thick border, kept first under the
        cap, and selected when the page opens.
    depth
        The neighbourhood's depth, for the page's note.
    title
        The page title (default: "kg graph", or the focus labels).

    Examples
    --------
    >>> from kg.export.html import write_html
    >>> write_html(graph, "exports/graph.html")        # doctest: +SKIP
    """
    write_text(path, render_html(graph, max_nodes=max_nodes, layout=layout, physics=physics, focus=focus,
                                 depth=depth, title=title))
