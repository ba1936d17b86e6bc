"""Take the README's picture of the HTML view: ``exports/graph.png``.

Opens the sample corpus's ``graph.html`` in headless Chromium (the browser setup of the tests,
tests/browser.py: Debian's chromium, every request off the machine blocked), searches for an
entity the way a person would, which highlights its neighbourhood, and hovers over it so the
hover card shows.

    python scripts/screenshot.py                        # builds the sample corpus's page first
    python scripts/screenshot.py --html exports/graph.html --out exports/graph.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, open_page  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="page to photograph (default: build the sample corpus's)")
    parser.add_argument("--out", type=Path, default=ROOT / "exports" / "graph.png")
    parser.add_argument("--search", default="Llama 2", help="entity to search for and highlight")
    parser.add_argument("--size", default="1400x900", help="viewport, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))

    with tempfile.TemporaryDirectory() as tmp:
        page_path = args.html
        if page_path is None:
            import kg
            from kg.export.html import write_html

            page_path = Path(tmp) / "graph.html"
            write_html(kg.build(), page_path)
        with launch(viewport=(width, height)) as context:
            visit = open_page(context, page_path)
            page = visit.page
            search = page.locator("#search")
            search.click()
            search.type(args.search, delay=20)
            page.wait_for_selector("#suggestions li[role=option]")
            search.press("Enter")
            page.wait_for_timeout(800)  # the zoom to the found node is animated (400 ms)
            found = page.evaluate("kgView.network.getSelectedNodes()[0]")
            if found:
                point = page.evaluate("id => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", found)
                box = page.locator("#graph").bounding_box()
                page.mouse.move(box["x"] + point["x"] + 40, box["y"] + point["y"] + 40)
                page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
                page.locator("#card").wait_for(state="visible")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            if visit.blocked or visit.errors:
                raise SystemExit(f"the page asked the network for {visit.blocked} / errors {visit.errors}")
    print(f"wrote {args.out} ({found or 'nothing found for ' + repr(args.search)})")


if __name__ == "__main__":
    main()
