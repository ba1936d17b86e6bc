"""The fuzz corpus (tests/fuzz/make_corpus.py) through the readers, a build, and every exporter.

Three promises of the robustness issue, checked on 250 malformed or hostile files:

- no crash: every file is read without an exception, and the readers' last line of defence
  (an "unreadable input" error wrapping an unexpected exception) never fires;
- no lost good record: each file's good records (by their unique tokens) are kept, its bad ones
  reported with file and line or record number, in the numbers the manifest says;
- no unescaped output: a build of the whole corpus is written in every registered format, and
  each output parses and holds the hostile text as inert data (see ``_check_*`` below).

The counts are printed (``pytest -s tests/test_fuzz.py``); ``python tests/fuzz/make_corpus.py DIR
--report`` prints the same reading counts without pytest.
"""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
import rdflib

import kg
from kg.export import EXPORTERS, write_all
from kg.sources import ReadReport, read_papers

from fuzz.make_corpus import PAYLOADS, build_corpus, load_manifest, report as corpus_report


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fuzz-corpus")
    build_corpus(out, seed=0)
    return out


def test_fuzz_corpus_has_at_least_200_inputs(corpus):
    cases = load_manifest(corpus)
    assert len(cases) >= 200
    assert {c.fmt for c in cases} == {"jsonl", "json", "csv", "tsv", "bibtex", "arxiv-atom", "hf-listing"}


def test_fuzz_every_file_no_crash_no_lost_record(corpus):
    problems = []
    for case in load_manifest(corpus):
        path = corpus / case.name
        rep = ReadReport()
        papers = list(read_papers([path], rep))  # raises nothing, or the test fails here
        kept = {t for t in case.good for p in papers if t in p.title}
        if kept != set(case.good):
            problems.append(f"{case.name}: lost good records {sorted(set(case.good) - kept)}")
        if case.bad is not None and len(rep.errors) != case.bad:
            problems.append(f"{case.name}: {len(rep.errors)} bad records reported, expected {case.bad}: "
                            + "; ".join(str(e) for e in rep.errors))
        if len(rep.warnings) != case.changed:
            problems.append(f"{case.name}: {len(rep.warnings)} changed records reported, expected {case.changed}")
        if rep.duplicates != case.duplicates:
            problems.append(f"{case.name}: {rep.duplicates} duplicates, expected {case.duplicates}")
        for error in rep.errors + rep.warnings:
            if error.source != str(path):
                problems.append(f"{case.name}: error names {error.source!r}")
            if "unreadable input" in error.reason:
                problems.append(f"{case.name}: a reader raised: {error}")
            if "\n" in str(error):
                problems.append(f"{case.name}: error message spans lines: {error!r}")
    assert problems == []
    counts = corpus_report(corpus)
    print("\nfuzz corpus:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    assert counts["good_kept"] == counts["good_expected"] and counts["files_with_lost_good_records"] == 0


# Cases whose records carry hostile text (payloads, formulas, LaTeX, control characters, odd
# encodings and types): their papers and everything linked to them are what the exports must escape.
_HOSTILE_CASES = re.compile(r"hostile|formula|latex|control|odd-types|latin1|badutf8|utf16|clean")


@pytest.fixture(scope="module")
def fuzz_build(corpus, tmp_path_factory):
    """One build of the whole corpus; the papers of the hostile cases and their neighbourhood
    (entities, and the edges between them) written in every registered format.

    Exporting the hostile part rather than all 2,500 nodes keeps this test fast; every file of
    the corpus still goes through the build.
    """
    cases = load_manifest(corpus)
    report = ReadReport()
    graph = kg.build([corpus / c.name for c in cases], report=report, n_process=1)
    hostile_files = {str(corpus / c.name) for c in cases if _HOSTILE_CASES.search(c.name)}
    hostile_papers = {n for n, a in graph.nodes(data=True) if a["kind"] == "Paper"
                      and any(t in a["title"] for c in cases if str(corpus / c.name) in hostile_files for t in c.good)}
    keep = hostile_papers | {v for p in hostile_papers for v in graph.successors(p)}
    part = graph.subgraph(keep).copy()
    out = tmp_path_factory.mktemp("fuzz-out")
    # No precomputed layout: it is not text from papers, and the slowest step by far.
    write_all(part, out, list(EXPORTERS), layout=False)
    return cases, graph, report, part, out


def test_fuzz_build_keeps_every_good_record(fuzz_build):
    cases, graph, report, _, _ = fuzz_build
    titles = [a["title"] for _, a in graph.nodes(data=True) if a["kind"] == "Paper"]
    tokens = set(re.findall(r"Kgfuzz-good-\d{4}", " ".join(titles)))
    assert tokens == {t for c in cases for t in c.good}
    assert report.errors  # the corpus is mostly bad: reported, not silently dropped


def _hostile_titles(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Paper node id -> title, for the papers whose title carries a payload."""
    markers = ("KGFUZZ", "DROP", "calc", "7*7", "]]>", "evil", "INSERT")
    return {n: a["title"] for n, a in graph.nodes(data=True) if a["kind"] == "Paper" and any(m in a["title"] for m in markers)}


def test_fuzz_exports_read_back(fuzz_build):
    """JSON, GraphML, GEXF and RDF parse, and hold every hostile title exactly."""
    _, _, _, graph, out = fuzz_build
    hostile = _hostile_titles(graph)
    assert len(hostile) > 50
    checked = 0
    for path in sorted(out.iterdir()):
        if path.name == "graph.json":
            back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
        elif path.suffix in (".graphml", ".gexf"):
            back = nx.read_graphml(path) if path.suffix == ".graphml" else nx.read_gexf(path)
        elif path.suffix in (".ttl", ".nt", ".jsonld"):
            rdf = rdflib.Graph().parse(path, format={".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[path.suffix])
            literals = {str(o) for o in rdf.objects() if isinstance(o, rdflib.Literal)}
            assert set(hostile.values()) <= literals, path.name
            checked += 1
            continue
        else:
            continue
        assert {n: back.nodes[n]["title"] for n in hostile} == hostile, path.name
        checked += 1
    assert checked >= 4


class _Page(HTMLParser):
    """Collects start tags and script bodies of a page as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(self.get_starttag_text() or tag)
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data):
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def _check_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for payload in PAYLOADS:
        if "<" in payload:  # markup from a paper never appears as markup
            assert payload not in text, f"{path.name}: raw {payload!r}"
    page = _Page()
    page.feed(text)
    injected = [t for t in page.tags if "KGFUZZ" in t or "evil" in t]
    assert injected == [], f"{path.name}: elements from paper text: {injected[:3]}"
    for attrs, body in page.scripts:
        if attrs.get("type") in ("application/json", "application/ld+json"):
            json.loads(body)  # a breakout (</script>) would cut the JSON short
            assert "<" not in body, f"{path.name}: '<' in a JSON data block"
        else:
            assert "KGFUZZ" not in body, f"{path.name}: paper text inside executable script"


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _check_csv(path: Path) -> int:
    """No text cell a spreadsheet would run as a formula; returns the number of cells seen."""
    cells = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            for cell in row:
                cells += 1
                if cell.startswith(_FORMULA) and not _NUMBER.fullmatch(cell):
                    raise AssertionError(f"{path.name}: formula-like cell {cell[:60]!r}")
    return cells


_CYPHER_STRING = re.compile(r'"(?:[^"\\]|\\.)*"' + r"|'(?:[^'\\]|\\.)*'")


def _check_cypher(path: Path) -> None:
    """With string literals taken out, no payload is left: paper text cannot be Cypher."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith("//"):
            continue
        code = _CYPHER_STRING.sub('""', line)
        for marker in ("KGFUZZ", "DROP", "calc", "DETACH DELETE n //", "evil.example", "7*7"):
            assert marker not in code, f"{path.name}:{number}: {marker!r} outside a string literal"


def test_fuzz_exports_hold_no_live_payload(fuzz_build):
    """HTML: no script from a paper; Neo4j CSV: no formula; Cypher: no payload outside literals."""
    *_, out = fuzz_build
    seen = set()
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.suffix == ".html":
            _check_html(path)
            seen.add("html")
        elif path.suffix == ".csv":
            assert _check_csv(path) > 0
            seen.add("csv")
        elif path.suffix == ".cypher":
            _check_cypher(path)
            seen.add("cypher")
        elif path.suffix in (".sh",):
            assert "KGFUZZ" not in path.read_text(encoding="utf-8"), path.name
    expected = {"html"} | ({"csv", "cypher"} if "neo4j" in EXPORTERS else set())
    assert expected <= seen, f"no {expected - seen} output to check"


def test_fuzz_cli_strict_refuses_the_corpus(corpus, tmp_path):
    """Under --strict the corpus is refused before anything is written, with exit code 1."""
    from typer.testing import CliRunner

    from kg.cli import app

    cases = load_manifest(corpus)
    files = [str(corpus / c.name) for c in cases if not c.name.endswith(".html")]
    result = CliRunner().invoke(app, ["build", *files[:40], "--out", str(tmp_path / "out"), "--strict"])
    assert result.exit_code == 1
    assert "nothing written (--strict)" in result.output
    assert not (tmp_path / "out").exists()
