"""How fast graph.html opens: time to a stable, interactive view in headless Chromium.

For each case the page is written once (write time and file size reported), opened once to warm
the browser up, then opened ``--runs`` times, each in a fresh tab. "ready" is the page's own
``performance.now()`` when the network has drawn its laid-out view and answers input
(``kgView.readyAt``: navigation start -> first draw after layout/stabilisation); "physics
settled" is when a page whose physics runs stops moving (``kgView.stabilizedAt``); "redraw" is
the mean time of one full redraw afterwards, which is what panning and zooming cost per frame;
"click" is the time to highlight the busiest node's neighbourhood and redraw.
Means come with a 95 % bootstrap confidence interval.

    python scripts/bench_html.py                 # sample corpus, 2,000 and 10,000 synthetic nodes
    python scripts/bench_html.py --physics-sweep # also: the browser's physics on vs off, by size

Needs Debian's chromium (see tests/browser.py). Numbers go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, open_page, synthetic_graph  # noqa: E402

from kg.export.html import write_html  # noqa: E402


def bootstrap_ci(values: list[float], rounds: int = 2000, seed: int = 0) -> tuple[float, float]:
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(values, k=len(values))) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def measure(context, path: Path, runs: int, timeout_ms: int, settle_s: float) -> dict:
    open_page(context, path, timeout_ms=timeout_ms).page.close()  # warm-up
    ready, wall, draw, blocked, still, click = [], [], [], [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        visit = open_page(context, path, timeout_ms=timeout_ms)
        wall.append((time.perf_counter() - start) * 1000)
        page = visit.page
        ready.append(page.evaluate("kgView.readyAt"))
        if page.evaluate("kgView.data.meta.physics") != "off":
            # Physics still running: also time when it has settled (nodes stop moving).
            deadline = time.perf_counter() + settle_s
            while page.evaluate("kgView.stabilizedAt") is None and time.perf_counter() < deadline:
                page.wait_for_timeout(100)
            still.append(page.evaluate("kgView.stabilizedAt"))
        # What a click costs: highlight the most connected node's neighbourhood, then draw.
        click.append(page.evaluate("""() => {
            const net = kgView.network, ids = kgView.data.nodes.map(n => n.id);
            if (!ids.length) return 0;
            const hub = ids.reduce((a, b) => net.getConnectedEdges(b).length > net.getConnectedEdges(a).length ? b : a);
            const t0 = performance.now();
            kgView.select(hub, false);
            net.redraw();
            const ms = performance.now() - t0;
            kgView.clearHighlight();
            return ms;
        }"""))
        draw.append(page.evaluate("""() => {
            const net = kgView.network, t0 = performance.now();
            for (let i = 0; i < 10; i++) net.redraw();
            return (performance.now() - t0) / 10;
        }"""))
        counts = page.evaluate("[kgView.nodes.length, kgView.edges.length, kgView.data.meta.physics]")
        blocked.extend(visit.blocked)
        page.close()
    low, high = bootstrap_ci(ready)
    return {"ready_ms": statistics.fmean(ready), "ready_ci": (low, high), "wall_ms": statistics.fmean(wall),
            "draw_ms": statistics.fmean(draw),
            "still_ms": statistics.fmean(still) if still and None not in still else None,
            "settling": bool(still), "click_ms": statistics.fmean(click), "nodes": counts[0], "edges": counts[1], "physics": counts[2],
            "blocked": blocked}


def settled(row: dict, limit: float) -> str:
    if not row["settling"]:
        return "-"
    return f"> {limit * 1000:.0f}" if row["still_ms"] is None else f"{row['still_ms']:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--graph", type=Path, help="graph.json of the sample corpus (default: build it)")
    parser.add_argument("--physics-sweep", action="store_true",
                        help="also time pages with the browser's physics on and off, by size")
    parser.add_argument("--skip-uncapped", action="store_true", help="skip the uncapped 10,000-node page")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--settle-timeout", type=float, default=30.0,
                        help="seconds to wait for running physics to settle (reported as '> N s')")
    parser.add_argument("--only-sweep", action="store_true", help="run only the physics sweep")
    args = parser.parse_args()

    import networkx as nx

    if args.only_sweep:
        sample = None
    elif args.graph:
        sample = nx.node_link_graph(json.loads(args.graph.read_text()), edges="edges")
    else:
        import kg

        sample = kg.build()
    cases = [] if args.only_sweep else [("sample corpus", sample, {}),
             ("synthetic 2,000", synthetic_graph(2000), {}),
             ("synthetic 10,000 (capped at 2,000)", synthetic_graph(10000), {})]
    if not args.skip_uncapped and not args.only_sweep:
        cases.append(("synthetic 10,000 (uncapped)", synthetic_graph(10000), {"max_nodes": 10000}))
    if not args.only_sweep:
        cases.append(("sample corpus, no precomputed layout", sample, {"layout": False}))
    if args.physics_sweep or args.only_sweep:
        for n in (200, 400, 800, 1200):
            for physics in (True, False):
                cases.append((f"synthetic {n:,}, physics {'on' if physics else 'off'}", synthetic_graph(n),
                              {"physics": physics}))

    rows = []
    with tempfile.TemporaryDirectory() as tmp, launch() as context:
        for i, (name, graph, options) in enumerate(cases):
            path = Path(tmp) / f"case{i}.html"
            start = time.perf_counter()
            write_html(graph, path, **options)
            write_s = time.perf_counter() - start
            result = measure(context, path, args.runs, timeout_ms=600_000, settle_s=args.settle_timeout)
            result.update(case=name, graph_nodes=graph.number_of_nodes(), write_s=write_s,
                          size_mb=path.stat().st_size / 1e6)
            rows.append(result)
            print(f"  {name}: ready {result['ready_ms']:.0f} ms", file=sys.stderr)

    print("| case | graph nodes | page nodes / edges | physics | write (s) | file (MB) | ready, mean [95% CI] (ms) | open wall (ms) | physics settled (ms) | redraw (ms) | click (ms) |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        low, high = r["ready_ci"]
        print(f"| {r['case']} | {r['graph_nodes']:,} | {r['nodes']:,} / {r['edges']:,} | {r['physics']} | "
              f"{r['write_s']:.2f} | {r['size_mb']:.2f} | {r['ready_ms']:.0f} [{low:.0f}, {high:.0f}] | "
              f"{r['wall_ms']:.0f} | {settled(r, args.settle_timeout)} | {r['draw_ms']:.1f} | {r['click_ms']:.0f} |")
    if any(r["blocked"] for r in rows):
        print("requests blocked:", sorted({u for r in rows for u in r["blocked"]}))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
