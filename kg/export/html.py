"""HTML view (``graph.html``). Minimal first version; the HTML view issue replaces it."""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx

from kg.atomic import write_text


def write_html(graph: nx.MultiDiGraph, path: str | Path) -> None:
    nodes = [{"id": n, "label": a["label"], "kind": a["kind"]} for n, a in graph.nodes(data=True)]
    data = json.dumps(nodes).replace("<", "\\u003c")
    write_text(path, f"<!doctype html><meta charset=utf-8><title>kg</title><script type=application/json id=data>{data}</script><p>{html.escape(str(len(nodes)))} nodes</p>\n")
