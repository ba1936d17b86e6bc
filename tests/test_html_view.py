"""The HTML view (kg/export/html.py) and neighbourhoods (kg/view.py).

The first half checks the written file and the selection logic in Python; the second opens the
pages in headless Chromium (marked ``browser``; see tests/browser.py) with every request that
leaves the machine blocked and recorded.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from conftest import need_module, unavailable
from browser import MISSING, chromium_executable, launch, new_context, open_page, synthetic_graph
from kg.cli import app
from kg.errors import EntityNotFound
from kg.export.html import embed_json, layout_positions, render_html, select_nodes, write_html
from kg.export.json import write_json
from kg.view import find_nodes, neighbourhood

# Each runs script when it is parsed as HTML, or when it is put into the page with innerHTML.
PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">'
PAYLOAD_SCRIPT = "</script><script>window.__pwned=2</script>"
PAYLOAD_SVG = "<svg/onload=window.__pwned=3>"
PAYLOAD = f"{PAYLOAD_IMG} {PAYLOAD_SCRIPT} {PAYLOAD_SVG} \u2028&amp;"


def page_data(page: str) -> dict:
    """The JSON the page carries, parsed back as the browser would."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "no data element"
    return json.loads(match.group(1))


def start_tags(page: str) -> list[str]:
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.seen: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.seen.append(tag)

    parser = Tags()
    parser.feed(page)
    return parser.seen


def hostile_graph() -> nx.MultiDiGraph:
    """Paper text written to run script: in a title, an entity name, an alias, evidence, a URL."""
    graph = nx.MultiDiGraph()
    graph.add_node("paper:evil", kind="Paper", label=PAYLOAD, title=PAYLOAD, abstract=PAYLOAD, year=2024,
                   url="javascript:window.__pwned=4", authors=[PAYLOAD])
    graph.add_node("paper:fine", kind="Paper", label="A fine paper", title="A fine paper", abstract="",
                   url="https://arxiv.org/abs/2401.00001")
    graph.add_node("model:evil", kind="Model", label=f"Evil {PAYLOAD_IMG}", aliases=[PAYLOAD_SCRIPT, PAYLOAD_SVG],
                   family=PAYLOAD_SVG, papers=2)
    for paper in ("paper:evil", "paper:fine"):
        graph.add_edge(paper, "model:evil", key="mentions", relation="mentions", surface=[PAYLOAD_IMG],
                       evidence=PAYLOAD, rule=PAYLOAD_SVG, confidence=0.9)
    graph.add_edge("paper:evil", "model:evil", key="introduces", relation="introduces", surface=[PAYLOAD_IMG],
                   evidence=PAYLOAD, rule="title", confidence=0.8)
    return graph


# --- the file -----------------------------------------------------------------------------------

def test_html_view_inlines_everything(small_graph):
    page = render_html(small_graph)
    assert not re.search(r"<(script|img|iframe|link|source|embed|object)\b[^>]*\s(src|href)\s*=", page, re.I)
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "vis.Network" in page  # vis-network is inlined, not fetched
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("text,escaped", [
    ("</script>", "\\u003c/script\\u003e"), ("<!--", "\\u003c!--"), ("a&b", "a\\u0026b"),
    ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
])
def test_html_embed_json_escapes(text, escaped):
    assert embed_json(text) == f'"{escaped}"'
    assert json.loads(embed_json(text)) == text


def test_html_view_keeps_paper_text_out_of_markup():
    page = render_html(hostile_graph())
    for markup in ("<img src=x", "<script>window", "<svg/onload", "\u2028"):
        assert markup not in page
    # Parsed as a browser would: three script elements (data, vis-network, kg's), and not one
    # element made from paper text.
    tags = start_tags(page)
    assert tags.count("script") == 3
    assert not {"img", "svg", "iframe", "object"} & set(tags)
    data = page_data(page)
    infos = {node["id"]: info for node, info in zip(data["nodes"], data["nodeInfo"])}
    assert infos["paper:evil"]["title"] == PAYLOAD
    assert infos["model:evil"]["aliases"] == [PAYLOAD_SCRIPT, PAYLOAD_SVG]
    assert PAYLOAD in data["evidence"]


def test_html_view_holds_every_node_and_edge(small_graph):
    data = page_data(render_html(small_graph))
    assert [n["id"] for n in data["nodes"]] == list(small_graph.nodes)
    assert len(data["edges"]) == small_graph.number_of_edges()
    pairs = sorted((e["from"], e["to"], i["relation"]) for e, i in zip(data["edges"], data["edgeInfo"]))
    assert pairs == sorted((u, v, k) for u, v, k in small_graph.edges(keys=True))
    assert data["meta"]["note"] == ""


def test_html_view_is_deterministic_across_processes(tmp_path):
    """Same graph, same bytes, even with a different string-hash seed (set order)."""
    script = (
        "import sys, hashlib; sys.path.insert(0, sys.argv[1]);"
        "from browser import synthetic_graph; from kg.export.html import render_html;"
        "g = synthetic_graph(400, seed=3);"
        "print(hashlib.sha256((render_html(g) + render_html(g, max_nodes=150)).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)], env=env,
                                capture_output=True, text=True, check=True)
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_html_write_is_deterministic(small_graph, tmp_path):
    write_html(small_graph, tmp_path / "a.html")
    write_html(small_graph, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_html_cap_keeps_most_connected_and_says_so():
    graph = synthetic_graph(300, seed=1)
    shown = select_nodes(graph, 100)
    assert len(shown) == 100
    degree = {n: len(set(graph.successors(n)) | set(graph.predecessors(n))) for n in graph}
    assert min(degree[n] for n in shown) >= max(degree[n] for n in graph if n not in shown)
    data = page_data(render_html(graph, max_nodes=100))
    assert len(data["nodes"]) == 100
    kept = {n["id"] for n in data["nodes"]}
    assert len(data["edges"]) == sum(1 for u, v in graph.edges() if u in kept and v in kept)
    assert data["meta"]["note"] == "Showing the 100 most connected of 300 nodes; use kg view NAME for a neighbourhood."


def test_html_cap_with_focus_keeps_nearest(small_graph):
    shown = select_nodes(small_graph, 3, focus=["model:alphanet-7b"])
    # AlphaNet-7B, then its two neighbours (paper 1 and AlphaNet).
    assert set(shown) == {"model:alphanet-7b", "model:alphanet", "paper:2401.00001"}


def test_html_layout_is_deterministic_and_spreads_nodes():
    graph = synthetic_graph(300, seed=2)
    index = {n: i for i, n in enumerate(graph)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in graph.edges()})
    first = layout_positions(len(index), pairs)
    assert (first == layout_positions(len(index), pairs)).all()
    rounded = {tuple(p) for p in first.round().astype(int).tolist()}
    assert len(rounded) == len(index)  # no two nodes on one spot
    # Joined nodes end up nearer each other than nodes picked at random.
    import numpy as np
    a, b = np.array(pairs).T
    joined = np.linalg.norm(first[a] - first[b], axis=1).mean()
    rng = np.random.default_rng(0)
    ra, rb = rng.integers(0, len(index), (2, 2000))
    assert joined < 0.5 * np.linalg.norm(first[ra] - first[rb], axis=1).mean()


def test_html_layout_off_leaves_positions_to_the_browser(small_graph):
    data = page_data(render_html(small_graph, layout=False))
    assert data["meta"]["physics"] == "stabilize"
    assert all("x" not in n for n in data["nodes"])


@pytest.mark.parametrize("size", [0, 1])
def test_html_view_of_a_tiny_graph(size):
    graph = synthetic_graph(4).subgraph(list(synthetic_graph(4))[:size]).copy()
    data = page_data(render_html(graph))
    assert len(data["nodes"]) == size and data["edges"] == []


def test_html_exporter_registry_writes_the_page(small_graph, tmp_path):
    from kg.export import write_all

    written = write_all(small_graph, tmp_path, ["html"], layout=False)
    assert page_data(written["html"].read_text())["meta"]["physics"] == "stabilize"


# --- neighbourhoods --------------------------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("AlphaNet", ["model:alphanet"]),          # label
    ("alphanet-7b", ["model:alphanet-7b"]),    # label, any case
    ("low-rank adaptation", ["method:lora"]),  # alias
    ("benchmark:gqa", ["benchmark:gqa"]),      # id
    ("the-pile", ["dataset:the-pile"]),        # id without its prefix
    ("LLaMA-2", ["model:llama-2"]),            # linking key
    ("2401.00001", ["paper:2401.00001"]),      # arXiv id
    ("betatune: tuning alphanet", ["paper:2402.00002"]),  # title
])
def test_view_find_nodes(small_graph, name, expected):
    assert find_nodes(small_graph, name) == expected


def test_view_not_found_suggests_close_names(small_graph):
    with pytest.raises(EntityNotFound, match=r"did you mean: 'AlphaNet'.*'AlphaNet-7B'"):
        find_nodes(small_graph, "alphanett")
    with pytest.raises(EntityNotFound, match="'AlphaNet'"):
        find_nodes(small_graph, "alpha")


@pytest.mark.parametrize("depth,expected", [
    (0, {"method:lora"}),
    (1, {"method:lora", "paper:2402.00002"}),
    (2, {"method:lora", "paper:2402.00002", "model:alphanet", "benchmark:mmlu", "benchmark:gqa"}),
])
def test_view_neighbourhood_depth(small_graph, depth, expected):
    sub = neighbourhood(small_graph, "LoRA", depth)
    assert set(sub) == expected
    assert sub.graph["focus"] == ["method:lora"] and sub.graph["depth"] == depth
    assert sub.number_of_edges() == sum(1 for u, v in small_graph.edges() if u in expected and v in expected)
    assert list(sub) == [n for n in small_graph if n in expected]  # the graph's order


def test_view_neighbourhood_rejects_negative_depth(small_graph):
    with pytest.raises(ValueError):
        neighbourhood(small_graph, "LoRA", -1)


# --- kg view ------------------------------------------------------------------------------------

@pytest.fixture
def graph_json(small_graph, tmp_path) -> Path:
    path = tmp_path / "graph.json"
    write_json(small_graph, path)
    return path


def test_cli_view_writes_a_neighbourhood(graph_json, tmp_path):
    out = tmp_path / "lora.html"
    result = CliRunner().invoke(app, ["view", "lora", "--depth", "1", "--graph", str(graph_json), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text())
    assert {n["id"] for n in data["nodes"]} == {"method:lora", "paper:2402.00002"}
    assert data["meta"]["focus"] == ["method:lora"]
    assert "2 nodes" in result.output


def test_cli_view_without_name_writes_the_whole_graph(graph_json, small_graph):
    result = CliRunner().invoke(app, ["view", "--graph", str(graph_json)])
    assert result.exit_code == 0, result.output
    data = page_data((graph_json.parent / "view.html").read_text())
    assert len(data["nodes"]) == small_graph.number_of_nodes()
    assert len(data["edges"]) == small_graph.number_of_edges()


def test_cli_view_unknown_name_exits_1_with_suggestions(graph_json, tmp_path):
    result = CliRunner().invoke(app, ["view", "alphanett", "--graph", str(graph_json), "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert "did you mean" in result.output and "AlphaNet" in result.output
    assert not (tmp_path / "x.html").exists()


def test_cli_view_missing_graph_exits_1(tmp_path):
    result = CliRunner().invoke(app, ["view", "--graph", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert "kg build" in result.output


# --- in a real browser ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if chromium_executable() is None:
        unavailable(MISSING)
    need_module("playwright.sync_api", "playwright (the test extra) is not installed")
    with launch() as context:
        yield context


@pytest.fixture(scope="module")
def open_graph(browser, tmp_path_factory):
    """Write ``graph`` as a page, open it, and check it asked no host for anything."""
    visits = []

    def opener(graph, use_datasets: bool = False, **options):
        path = tmp_path_factory.mktemp("view") / "graph.html"
        write_html(graph, path, **options)
        # graph.js fades through vis internals when it can; this makes it take its fallback.
        init = "window.__kgUseDataSets = true;" if use_datasets else None
        visit = open_page(browser, path, init_script=init)
        visits.append(visit)
        return visit

    yield opener
    for visit in visits:
        assert visit.blocked == [], f"the page asked the network for {visit.blocked}"
        assert visit.errors == [], visit.errors
        assert not [m for m in visit.console if m.startswith("error")], visit.console
        visit.page.close()


def counts(page) -> dict:
    """What the page's vis network holds, and what it draws (not hidden)."""
    return page.evaluate("""() => {
        const body = kgView.network.body;
        return {nodes: body.data.nodes.length, edges: body.data.edges.length,
                shownNodes: body.nodeIndices.length, shownEdges: body.edgeIndices.length,
                hiddenNodes: body.data.nodes.get({filter: n => n.hidden}).map(n => n.id),
                hiddenEdges: body.data.edges.get({filter: e => e.hidden}).map(e => e.id)};
    }""")


def edge_ids(page, graph_edges_filter: str) -> list[str]:
    return page.evaluate(f"kgView.data.edges.filter((e, i) => {graph_edges_filter}).map(e => e.id)")


def hover(page, node_id: str) -> None:
    """Move the mouse onto a node, as a person would, so vis shows its hover card."""
    point = page.evaluate("id => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", node_id)
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + point["x"] + 30, box["y"] + point["y"] + 30)
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])


@pytest.mark.browser
def test_browser_hover_cards_describe_entities_papers_and_edges(open_graph, small_graph):
    page = open_graph(small_graph).page
    card = page.locator("#card")
    hover(page, "model:alphanet-7b")
    card.wait_for(state="visible")
    rows = card_rows(card)
    assert (rows["Type"], rows["Family"], rows["Papers"]) == ("Model", "AlphaNet", "1")
    hover(page, "model:llama-2")
    page.wait_for_function("document.getElementById('card').innerText.includes('LLaMA 2')")
    assert card_rows(card)["Aliases"] == "LLaMA 2"
    hover(page, "paper:2401.00001")
    page.wait_for_function("document.getElementById('card').innerText.includes('Year')")
    assert "AlphaNet: A Model" in card.inner_text()
    rows = card_rows(card)
    assert (rows["Year"], rows["Link"]) == ("2024", "https://arxiv.org/abs/2401.00001")

    # Halfway along p2 -> GQA lie its mentions and evaluated_on edges; the card must describe
    # whichever one vis finds under the pointer.
    middle = page.evaluate("""() => {
        const p = kgView.network.getPositions(["paper:2402.00002", "benchmark:gqa"]);
        return kgView.network.canvasToDOM({x: (p["paper:2402.00002"].x + p["benchmark:gqa"].x) / 2,
                                            y: (p["paper:2402.00002"].y + p["benchmark:gqa"].y) / 2});
    }""")
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.move(box["x"] + middle["x"], box["y"] + middle["y"])
    assert page.evaluate("p => kgView.network.getEdgeAt(p)", middle) is not None
    page.wait_for_function("document.getElementById('card').innerText.includes('Relation')")
    rows = card_rows(card)
    between = {d["relation"]: d for _, v, d in small_graph.out_edges("paper:2402.00002", data=True) if v == "benchmark:gqa"}
    assert rows["Relation"] in between
    assert rows["Confidence"] == f"{between[rows['Relation']]['confidence']:.2f}"
    assert "We fine-tune AlphaNet with LoRA." in card.inner_text()


def card_rows(card) -> dict[str, str]:
    return card.evaluate("""c => Object.fromEntries([...c.querySelectorAll("dt")].map(
        dt => [dt.textContent, dt.nextElementSibling.textContent]))""")


@pytest.mark.browser
@pytest.mark.parametrize("options", [{}, {"layout": False}, {"physics": True}], ids=["precomputed", "browser-layout", "physics"])
def test_browser_page_holds_the_whole_graph(open_graph, small_graph, options):
    page = open_graph(small_graph, **options).page
    got = counts(page)
    assert (got["nodes"], got["edges"]) == (small_graph.number_of_nodes(), small_graph.number_of_edges())
    assert (got["shownNodes"], got["shownEdges"]) == (got["nodes"], got["edges"])


@pytest.mark.browser
def test_browser_empty_graph_page(open_graph):
    page = open_graph(nx.MultiDiGraph()).page
    assert counts(page)["nodes"] == 0
    assert page.locator("#empty").is_visible()


@pytest.mark.browser
def test_browser_sample_corpus_page(open_graph, sample_graph):
    visit = open_graph(sample_graph)
    got = counts(visit.page)
    assert (got["nodes"], got["edges"]) == (sample_graph.number_of_nodes(), sample_graph.number_of_edges())
    assert visit.page.locator("#note").is_hidden()


@pytest.mark.browser
def test_browser_capped_page_says_what_it_left_out(open_graph):
    graph = synthetic_graph(300, seed=1)
    page = open_graph(graph, max_nodes=100).page
    got = counts(page)
    kept = set(page.evaluate("kgView.data.nodes.map(n => n.id)"))
    assert got["nodes"] == 100
    assert got["edges"] == sum(1 for u, v in graph.edges() if u in kept and v in kept)
    assert page.locator("#note").inner_text() == \
        "Showing the 100 most connected of 300 nodes; use kg view NAME for a neighbourhood."


@pytest.mark.browser
def test_browser_search_finds_a_node(open_graph, small_graph):
    page = open_graph(small_graph).page
    page.locator("#search").fill("low-rank")
    first = page.locator("#suggestions li").first
    assert "LoRA" in first.inner_text() and "Low-Rank Adaptation" in first.inner_text()
    page.locator("#search").fill("alphan")
    assert page.locator("#suggestions li .name").all_inner_texts()[:2] == ["AlphaNet", "AlphaNet-7B"]
    page.locator("#search").press("ArrowDown")
    page.locator("#search").press("ArrowDown")
    page.locator("#search").press("Enter")
    assert page.evaluate("kgView.network.getSelectedNodes()") == ["model:alphanet-7b"]
    assert "AlphaNet-7B" in page.locator("#details-body").inner_text()
    assert page.locator("#suggestions").is_hidden()


@pytest.mark.browser
def test_browser_kind_filter_hides_that_kind_and_its_edges(open_graph, small_graph):
    page = open_graph(small_graph).page
    page.locator("label[for='kind-Benchmark']").click()
    got = counts(page)
    benchmarks = {n for n, a in small_graph.nodes(data=True) if a["kind"] == "Benchmark"}
    assert set(got["hiddenNodes"]) == benchmarks
    touching = edge_ids(page, "e.to.startsWith('benchmark:') || e.from.startsWith('benchmark:')")
    assert set(got["hiddenEdges"]) == set(touching) and touching
    assert got["shownNodes"] == small_graph.number_of_nodes() - len(benchmarks)
    assert got["shownEdges"] == small_graph.number_of_edges() - len(touching)
    page.locator("label[for='kind-Benchmark']").click()
    assert counts(page)["hiddenNodes"] == []


@pytest.mark.browser
def test_browser_relation_filter_and_mentions_toggle(open_graph, small_graph):
    page = open_graph(small_graph).page
    page.locator("label[for='relation-evaluated_on']").click()
    evaluated = edge_ids(page, "e.relation === 'evaluated_on'")
    assert set(counts(page)["hiddenEdges"]) == set(evaluated) and len(evaluated) == 3
    page.locator("#hide-mentions").check()
    mentions = edge_ids(page, "e.relation === 'mentions'")
    got = counts(page)
    assert set(got["hiddenEdges"]) == set(evaluated) | set(mentions)
    assert got["hiddenNodes"] == [] and got["shownEdges"] == small_graph.number_of_edges() - len(evaluated) - len(mentions)
    assert not page.locator("#relation-mentions").is_checked()  # the two controls agree


@pytest.mark.browser
def test_browser_confidence_slider_hides_less_confident_edges(open_graph, small_graph):
    page = open_graph(small_graph).page
    slider = page.locator("#min-confidence")
    slider.fill("0.8")  # as a person drags it: the input event
    below = {i for i, (_, _, a) in enumerate(small_graph.edges(data=True)) if a["confidence"] < 0.8}
    got = counts(page)
    assert set(got["hiddenEdges"]) == set(edge_ids(page, "kgView.data.edgeInfo[i].confidence < 0.8")) and below
    assert len(got["hiddenEdges"]) == len(below) and got["hiddenNodes"] == []
    assert page.locator("#min-confidence-value").inner_text() == "0.80"
    page.locator("label[for='relation-builds_on']").click()  # with a relation filter, both apply
    builds_on = set(edge_ids(page, "e.relation === 'builds_on'"))
    assert set(counts(page)["hiddenEdges"]) == set(got["hiddenEdges"]) | builds_on
    slider.fill("0")
    assert set(counts(page)["hiddenEdges"]) == builds_on


@pytest.mark.browser
@pytest.mark.parametrize("path", ["vis-internals", "datasets"])
def test_browser_click_highlights_the_neighbourhood(open_graph, small_graph, path):
    page = open_graph(small_graph, use_datasets=path == "datasets").page
    hover(page, "model:alphanet-7b")
    page.mouse.down()
    page.mouse.up()
    opacity = page.evaluate("kgView.opacity()")
    lit = {n for n, o in opacity.items() if o == 1}
    assert lit == {"model:alphanet-7b", "model:alphanet", "paper:2401.00001"}
    assert set(opacity.values()) == {1, 0.15}
    edge_opacity = page.evaluate("kgView.edgeOpacity()")
    touching = set(edge_ids(page, "e.from === 'model:alphanet-7b' || e.to === 'model:alphanet-7b'"))
    assert {e for e, o in edge_opacity.items() if o == 1} == touching and len(touching) == 2
    page.locator("#clear").click()
    assert set(page.evaluate("Object.values(kgView.opacity())")) == {1}


@pytest.mark.browser
def test_browser_neighbourhood_view_selects_its_centre(open_graph, small_graph):
    sub = neighbourhood(small_graph, "LoRA", 2)
    page = open_graph(sub, focus=sub.graph["focus"], depth=2).page
    assert page.evaluate("kgView.network.getSelectedNodes()") == ["method:lora"]
    assert "LoRA" in page.locator("#details-body").inner_text()


@pytest.mark.browser
def test_browser_paper_text_never_runs(open_graph):
    check_paper_text_never_runs(open_graph(hostile_graph()).page)


@pytest.mark.browser
def test_browser_paper_text_never_runs_even_without_csp(browser, tmp_path):
    """The page's CSP would block inline handlers anyway: escaping alone must be enough."""
    write_html(hostile_graph(), tmp_path / "graph.html")
    context = new_context(browser.browser, bypass_csp=True)
    try:
        visit = open_page(context, tmp_path / "graph.html")
        check_paper_text_never_runs(visit.page)
        assert visit.blocked == [] and visit.errors == []
    finally:
        context.close()


def check_paper_text_never_runs(page) -> None:
    hover(page, "paper:evil")
    card = page.locator("#card")
    card.wait_for(state="visible")
    assert PAYLOAD_IMG in card.inner_text() and PAYLOAD_SCRIPT in card.inner_text()
    assert card.locator("img, script, svg").count() == 0
    hover(page, "model:evil")
    assert f"Evil {PAYLOAD_IMG}" in card.inner_text() and PAYLOAD_SVG in card.inner_text()
    page.evaluate("kgView.select('paper:evil', false)")
    details = page.locator("#details-body")
    assert PAYLOAD_SCRIPT in details.inner_text()
    assert details.locator("a").count() == 0  # a javascript: URL is shown, never linked
    page.evaluate("kgView.select('paper:fine', false)")
    assert details.locator("a").get_attribute("href") == "https://arxiv.org/abs/2401.00001"
    page.locator("#search").fill("evil")
    assert PAYLOAD_IMG in page.locator("#suggestions").inner_text()
    assert page.locator("#suggestions img, #suggestions svg:not([aria-hidden])").count() == 0
    page.wait_for_timeout(100)  # an onerror would fire on the next task
    assert page.evaluate("typeof window.__pwned") == "undefined"
