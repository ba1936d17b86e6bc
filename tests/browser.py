"""Headless Chromium for the HTML view's tests and scripts (scripts/screenshot.py, bench_html.py).

Debian's ``chromium`` package driven by Playwright's Python package (never ``playwright
install``: that downloads a browser build, which this project does not use). Every request that
is not for a ``file:`` or ``data:`` URL is aborted and recorded, so a test can assert that the
page asked no host for anything.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: Flags for a quiet, offline headless Chromium: without the background-networking ones it tries
#: to reach Google's update and metrics hosts at every start.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    "--disable-default-apps", "--disable-extensions",
]


def chromium_executable() -> str | None:
    """The Chromium to use: ``$KG_CHROMIUM``, else ``chromium`` (Debian) on PATH, else None."""
    explicit = os.environ.get("KG_CHROMIUM")
    if explicit:
        return shutil.which(explicit)
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


MISSING = ("no Chromium executable found (install Debian's package: apt-get install chromium, "
           "or set KG_CHROMIUM); browser tests skipped")


@dataclass
class Visit:
    """An opened page and what it tried to fetch."""

    page: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


@contextlib.contextmanager
def launch(viewport: tuple[int, int] = (1400, 900)) -> Iterator[object]:
    """A Playwright browser context on the system Chromium (see :func:`open_page` for blocking).

    ``new_context(launched, bypass_csp=True)`` opens another context in the same browser.
    """
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    if executable is None:
        raise RuntimeError(MISSING)
    with sync_playwright() as playwright:
        # Playwright gives the browser a new, empty profile of its own (--user-data-dir).
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            context = new_context(browser, viewport)
            yield context
        finally:
            browser.close()


def new_context(browser, viewport: tuple[int, int] = (1400, 900), *, bypass_csp: bool = False):
    """A fresh context (no cookies, cache or storage). ``bypass_csp`` ignores the page's
    Content-Security-Policy, to show that escaping alone keeps paper text from running."""
    return browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                               service_workers="block", bypass_csp=bypass_csp)


def open_page(context, path: str | Path, *, wait_ready: bool = True, timeout_ms: int = 60_000,
              init_script: str | None = None) -> Visit:
    """Open ``path`` in a new page; block and record every request that leaves the machine.

    ``init_script`` runs in the page before its own scripts.
    """
    page = context.new_page()
    visit = Visit(page)
    if init_script:
        page.add_init_script(init_script)

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(("file:", "data:")):
            request_route.continue_()
        else:
            visit.blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("request", lambda request: None if request.url.startswith(("file:", "data:"))
            else visit.blocked.append(request.url) if request.url not in visit.blocked else None)
    page.on("websocket", lambda ws: visit.blocked.append(ws.url))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("console", lambda message: visit.console.append(f"{message.type}: {message.text}"))
    page.goto(Path(path).resolve().as_uri())
    if wait_ready:
        # A selector, not wait_for_function: that evaluates its predicate with eval(), which the
        # page's Content-Security-Policy rightly refuses.
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=timeout_ms)
    return visit


def synthetic_graph(n_nodes: int, *, seed: int = 0, payload: str | None = None):
    """A kg-shaped graph of about ``n_nodes`` nodes, for scale tests and benchmarks.

    A quarter of the nodes are papers; each names 2-9 entities picked with Zipf-like popularity
    (a few very popular ones, as in real corpora), with a ``mentions`` edge and, for most, one
    typed relation; every tenth model is a variant of another. ``payload`` is put into every
    paper title and entity label, to test escaping.
    """
    import random

    import networkx as nx

    from kg.names import RELATION_TARGETS

    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    n_papers = max(1, n_nodes // 4)
    kinds = ["Model"] * 4 + ["Method"] * 4 + ["Dataset"] + ["Benchmark"]
    entities = []
    for i in range(n_nodes - n_papers):
        kind = kinds[i % len(kinds)]
        label = f"{kind} {i}" + (f" {payload}" if payload else "")
        node = f"{kind.lower()}:e{i}"
        graph.add_node(node, kind=kind, label=label, aliases=[label, f"E{i}"], papers=0)
        entities.append(node)
    weights = [1 / (r + 1) ** 0.9 for r in range(len(entities))]
    typed = {kind: [r for r, targets in RELATION_TARGETS.items() if kind in targets and r not in ("mentions", "variant_of")]
             for kind in set(kinds)}
    for p in range(n_papers):
        node = f"paper:2401.{p:05d}"
        title = f"Paper {p}" + (f" {payload}" if payload else "")
        graph.add_node(node, kind="Paper", label=title, title=title, abstract="", year=2024,
                       url=f"https://arxiv.org/abs/2401.{p:05d}")
        # Entities past the popular head are each named once, so none is left without a paper.
        chosen = set(rng.choices(entities, weights, k=rng.randint(2, 9)))
        own = p * 3
        chosen.update(entities[own:own + 3] if own < len(entities) else [])
        for target in sorted(chosen):
            kind = graph.nodes[target]["kind"]
            sentence = f"Sentence {p} names {graph.nodes[target]['label']}."
            graph.add_edge(node, target, key="mentions", relation="mentions", surface=[graph.nodes[target]["label"]],
                           evidence=sentence, rule="kb", confidence=0.9)
            graph.nodes[target]["papers"] += 1
            if rng.random() < 0.6:
                relation = rng.choice(typed[kind])
                graph.add_edge(node, target, key=relation, relation=relation, surface=[graph.nodes[target]["label"]],
                               evidence=sentence, rule=relation, confidence=0.75)
    models = [e for e in entities if e.startswith("model:")]
    for i in range(10, len(models), 10):
        graph.add_edge(models[i], models[i - 10], key="variant_of", relation="variant_of", surface=[],
                       evidence="", rule="family", confidence=1.0)
    return graph
