"""The ``kg`` command: a thin layer that parses arguments and calls the library.

Exit codes: 0 success; 1 an error kg reports (bad input under ``--strict``, a missing entity, a
bad query, an unwritable output folder) or an unexpected one (its traceback only with
``--debug``); 2 a usage error (typer's own). See docs/robustness.md.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.errors import InputError, KgError
from kg.export import DEFAULT_FORMATS, EXPORTERS
from kg.names import ENTITY_KINDS, RELATIONS

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph of ML papers, export it, query it, and score it against gold files.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
err = Console(stderr=True)
out = Console()


def _one_line(text: object) -> str:
    """``text`` as one line with no rich markup: messages quote titles and file names (hostile data)."""
    return escape(" ".join(str(text).split()))


def _fail(error: KgError, debug: bool = False) -> typer.Exit:
    if debug:
        raise error
    err.print(f"[bold red]error:[/] {_one_line(error)}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code=1)


@app.command()
def build(
    inputs: Annotated[list[Path] | None, typer.Argument(help="Input files (any supported format). Default: the sample corpus.", exists=True, dir_okay=False)] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("exports"),
    formats: Annotated[str, typer.Option("--formats", help=f"Comma-separated formats: {','.join(EXPORTERS)}.")] = ",".join(DEFAULT_FORMATS),
    strict: Annotated[bool, typer.Option("--strict", help="Any bad input record is an error (exit 1), nothing is written.")] = False,
    no_layout: Annotated[bool, typer.Option("--no-layout", help="Skip the precomputed layout (very large graphs).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Extraction processes (Dask: LocalCluster workers), and export processes for large graphs. 0: all cores.")] = 0,
    engine: Annotated[str, typer.Option("--engine", help="Where extraction runs: local (processes here) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://HOST:8786), scheduler file (.json), or 'local' for a LocalCluster.")] = None,
    cache_dir: Annotated[Path | None, typer.Option("--cache", help="Extraction cache folder. Default: OUT/.kg-cache.", file_okay=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Extract every paper again; read and write no cache.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Read papers, extract and link entities, and write the graph in every format."""
    from kg.pipeline import ENGINES, BuildStats, build as build_graph, export
    from kg.resources import sample_corpus
    from kg.sources import ReadReport, RecordWarning, read_papers

    if engine not in ENGINES:
        raise typer.BadParameter(f"{engine!r} is not one of {', '.join(ENGINES)}", param_hint="--engine")
    if scheduler is not None and engine != "dask":
        raise typer.BadParameter("needs --engine dask", param_hint="--scheduler")
    cache = None if no_cache else (cache_dir or out_dir / ".kg-cache")
    stats = BuildStats()

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in EXPORTERS]
    if unknown:
        raise typer.BadParameter(f"unknown format(s): {', '.join(unknown)}", param_hint="--formats")

    def warn(error: InputError) -> None:
        label = "changed" if isinstance(error, RecordWarning) else "skipped"
        err.print(f"[yellow]{label}[/] {_one_line(error)}", highlight=False, soft_wrap=True)
        if debug and error.__cause__ is not None:
            traceback.print_exception(error.__cause__)

    report = ReadReport(on_error=warn, on_warning=warn)
    try:
        if strict:  # read everything first, so a bad record stops the build before anything is written
            check = ReadReport(on_error=warn, on_warning=warn)
            for _paper in read_papers(inputs or sample_corpus(), check):
                pass
            if check.errors or check.warnings:
                bad = len(check.errors) + len(check.warnings)
                raise _fail(InputError(f"{bad} bad record(s); nothing written (--strict)"), debug) from None
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, transient=True) as progress:
            task = progress.add_task("extracting", total=None)
            graph = build_graph(inputs, report=report, on_paper=lambda _p: progress.advance(task), n_process=jobs,
                                engine=engine, scheduler=scheduler, cache=cache, stats=stats)
            if strict and (report.errors or report.warnings):
                raise _fail(InputError(f"{len(report.errors) + len(report.warnings)} bad record(s); "
                                       "nothing written (--strict)"), debug) from None
            progress.update(task, description="exporting", total=len(chosen), completed=0)
            written = export(graph, out_dir, chosen, jobs=jobs, layout=not no_layout,
                             on_done=lambda _f, _p: progress.advance(task))
    except (typer.Exit, typer.TyperException):
        raise
    except KgError as error:
        raise _fail(error, debug) from None
    except OSError as error:  # e.g. the output folder is not writable
        if debug:
            raise
        raise _fail(KgError(f"{error.strerror or error}: {error.filename or out_dir}")) from None
    except Exception as error:
        if debug:
            raise
        err.print(f"[bold red]error:[/] internal error ({type(error).__name__}: {_one_line(error)}); "
                  "run with --debug for the traceback", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    _print_summary(graph, report, written)
    if cache is not None:
        err.print(f"extracted {stats.extracted} paper(s), {stats.cached} from the cache in {cache}", highlight=False)


def _print_summary(graph, report, written: dict[str, Path]) -> None:
    kinds = Counter(attrs["kind"] for _, attrs in graph.nodes(data=True))
    relations = Counter(attrs["relation"] for _, _, attrs in graph.edges(data=True))
    table = Table(title="kg build", show_header=False, box=None)
    table.add_row("papers", str(kinds.get("Paper", 0)))
    table.add_row("entities", ", ".join(f"{k} {kinds.get(k, 0)}" for k in ENTITY_KINDS))
    table.add_row("edges", ", ".join(f"{r} {relations[r]}" for r in RELATIONS if relations.get(r)))
    table.add_row("skipped records", str(len(report.errors)))
    table.add_row("changed records", str(len(report.warnings)))
    table.add_row("duplicates merged", str(report.duplicates))
    table.add_row("written", ", ".join(str(p) for p in written.values()))
    out.print(table)


@app.command("eval")
def evaluate_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (see the annotation guideline).", exists=True, dir_okay=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives per paper.")] = False,
    against: Annotated[Path | None, typer.Option("--against", help="Score this second annotation of the same papers instead of kg (annotator agreement).", exists=True, dir_okay=False)] = None,
) -> None:
    """Score extraction and linking against a gold file: precision, recall, F1."""
    from kg.eval import evaluate, format_errors, format_table

    try:
        result = evaluate(gold, against=against)
    except KgError as error:
        raise _fail(error) from None
    if as_json:
        out.print_json(json.dumps(result.as_dict()))
    else:
        out.print(format_table(result), highlight=False)
    if errors:
        out.print(format_errors(result), highlight=False, markup=False)


@app.command("bench")
def bench_cmd(
    papers: Annotated[str, typer.Option("--papers", "-n", help="Corpus sizes, comma-separated (1k = 1000).")] = "1k",
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Take the papers from this file (any input format) instead of generating them.", exists=True, dir_okay=False)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Processes for the parallel stages. 0: all cores.")] = 0,
    batches: Annotated[int, typer.Option("--batches", min=1, help="Batches for the one-process rates.")] = 10,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Papers per batch.")] = 100,
    warmup: Annotated[int, typer.Option("--warmup", min=0, help="Warm-up passes over the batches.")] = 1,
    formats: Annotated[str, typer.Option("--formats", help="Exports to time, comma-separated. Default: all but html.")] = "",
    work: Annotated[Path | None, typer.Option("--work", help="Folder for the corpus, cache and exports (kept). Default: a temporary folder.", file_okay=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Measure papers per second of every build stage, peak memory, and the ratio to spaCy's bare tokenizer."""
    import tempfile

    from kg.bench import BENCH_FORMATS, bench, format_table, parse_sizes

    try:
        sizes = parse_sizes(papers)
    except ValueError:
        raise typer.BadParameter(f"not a list of sizes: {papers!r}", param_hint="--papers") from None
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip()) or BENCH_FORMATS
    unknown = [f for f in chosen if f not in EXPORTERS]
    if unknown:
        raise typer.BadParameter(f"unknown format(s): {', '.join(unknown)}", param_hint="--formats")
    results = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp, \
            Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("bench", total=None)
        for n in sizes:
            def step(name: str, n: int = n) -> None:
                progress.update(task, description=f"{n:,} papers: {name}")
            try:
                results.append(bench(n, work or Path(tmp), corpus=corpus, n_process=jobs, n_batches=batches,
                                     batch_size=batch_size, warmup=warmup, formats=chosen, progress=step))
            except KgError as error:
                raise _fail(error) from None
    if as_json:
        out.print_json(json.dumps([r.as_dict() for r in results]))
    else:
        out.print(format_table(results), highlight=False, markup=False, soft_wrap=True)


@app.command()
def view(
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="Entity or paper to centre on: label, alias, id or title (any case). Default: the whole graph.")] = None,
    depth: Annotated[int, typer.Option("--depth", "-d", min=0, help="Hops around NAME, following edges either way.")] = 2,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Page to write. Default: view-NAME.html (or view.html) beside the graph file.", dir_okay=False)] = None,
    graph_file: Annotated[Path, typer.Option("--graph", "-g", help="graph.json written by kg build.", dir_okay=False)] = Path("exports/graph.json"),
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1, help="Most nodes in the page; the nearest (or most connected) are kept.")] = 2000,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Write the interactive HTML view of NAME's neighbourhood, or of the whole graph."""
    from kg.view import default_view_path, load_graph, write_view

    out_path = out_file or default_view_path(graph_file, name)
    try:
        result = write_view(load_graph(graph_file), out_path, name, depth=depth, max_nodes=max_nodes)
    except KgError as error:
        raise _fail(error, debug) from None
    shown = f"{result.shown:,} of {result.nodes:,} nodes" if result.shown < result.nodes else f"{result.nodes:,} nodes"
    message = f"wrote {result.path}: {shown}, {result.edges:,} edges"
    if name is not None:
        message += f", depth {depth} around {', '.join(result.focus)}"
    out.print(_one_line(message), highlight=False, soft_wrap=True)


_QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml")
_ENGINES = ("auto", "rdflib", "oxigraph")
_GRAPH_HELP = ("Graph file (.ttl, .nt, .jsonld) or Oxigraph store folder. "
               "Default: the newer of exports/graph.oxigraph and exports/graph.ttl.")


def _choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=option)
    return value


@app.command("query")
def query_cmd(
    query: Annotated[str, typer.Argument(help="A canned query name (see `kg queries`), a .rq file, or SPARQL text.")],
    graph_path: Annotated[Path | None, typer.Option("--graph", "-g", help=_GRAPH_HELP)] = None,
    params: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value, bound as an RDF term: <iri>, prefix:name, \"text\"@lang, a number, or plain text. Repeatable.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json (SPARQL results) or xml.")] = "table",
    engine: Annotated[str, typer.Option("--engine", "-e", help="auto (by size), rdflib or oxigraph.")] = "auto",
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Run a SPARQL query on the graph: a canned query by name, a .rq file or inline text.

    The kg:, rdf:, rdfs:, xsd:, skos:, schema: and prov: prefixes are declared.
    """
    from kg.query.engine import display_term, format_result, open_graph, run_query

    _choice(fmt, _QUERY_FORMATS, "--format")
    _choice(engine, _ENGINES, "--engine")
    try:
        result = run_query(open_graph(graph_path, engine), query, params or [])
        text = None if fmt == "table" and result.form in ("SELECT", "ASK") else format_result(result, fmt if fmt != "table" else "json")
    except KgError as error:
        raise _fail(error, debug) from None
    if text is not None:
        typer.echo(text, nl=False)
    elif result.form == "ASK":
        out.print(str(result.boolean).lower(), highlight=False)
    else:
        table = Table(*result.variables)
        for column in table.columns:
            column.overflow = "fold"  # an IRI cut short with "…" is no use
        for row in result.rows:
            table.add_row(*(escape(display_term(term)) for term in row))
        out.print(table)
        err.print(f"{len(result.rows):,} row{'s' if len(result.rows) != 1 else ''}", highlight=False)


@app.command("queries")
def queries_cmd() -> None:
    """List the canned queries `kg query NAME` runs, with their parameters."""
    from kg.query.engine import canned_queries

    table = Table("name", "parameters", "what it answers", box=None, show_header=True)
    for name, canned in canned_queries().items():
        table.add_row(name, " ".join(f"{p.name}=..." for p in canned.params), escape(canned.description))
    out.print(table)


@app.command("show")
def show_cmd(
    name: Annotated[str, typer.Argument(help="Entity name, alias or node id (exact, else any case).")],
    graph_path: Annotated[Path | None, typer.Option("--graph", "-g", help=_GRAPH_HELP)] = None,
    evidence: Annotated[bool, typer.Option("--evidence", help="Show the evidence sentence, paper, rule and confidence behind each item.")] = False,
    engine: Annotated[str, typer.Option("--engine", "-e", help="auto (by size), rdflib or oxigraph.")] = "auto",
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Print the card of a model, method, dataset or benchmark: kind, aliases, family, lineage, evaluations, comparisons."""
    from kg.query.engine import open_graph
    from kg.show import entity_cards, render_card

    _choice(engine, _ENGINES, "--engine")
    try:
        cards = entity_cards(open_graph(graph_path, engine), name)
    except KgError as error:
        raise _fail(error, debug) from None
    for card in cards:
        out.print(render_card(card, evidence=evidence))


@app.command("serve")
def serve_cmd(
    graph_path: Annotated[Path | None, typer.Option("--graph", "-g", help=_GRAPH_HELP)] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Keep the default unless you mean to share the graph.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (0: any free one).")] = 7878,
    engine: Annotated[str, typer.Option("--engine", "-e", help="auto (by size), rdflib or oxigraph.")] = "auto",
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint (GET and POST; JSON, XML, CSV, TSV)."""
    from kg.query.engine import open_graph
    from kg.query.serve import serve

    _choice(engine, _ENGINES, "--engine")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/] listening on {escape(host)}: anyone who can reach it can query the graph "
                  "(no authentication, no query time limit)", highlight=False)
    try:
        loaded = open_graph(graph_path, engine)
        serve(loaded, host, port, log=lambda line: err.print(_one_line(line), highlight=False),
              ready=lambda url: err.print(f"SPARQL endpoint: {url} ({loaded.name}, {len(loaded):,} triples); Ctrl-C stops",
                                          highlight=False))
    except KgError as error:
        raise _fail(error, debug) from None


def main() -> None:
    """Console entry point: usage errors are one line on stderr and exit 2, like every kg error."""
    try:
        code = app(prog_name="kg", standalone_mode=False)
    except typer.TyperException as error:  # click's exceptions, which typer vendors
        if type(error).__name__ == "NoArgsIsHelpError":  # plain `kg`: the help text
            error.show()
        else:
            ctx = getattr(error, "ctx", None)
            command = ctx.command_path if ctx else "kg"
            err.print(f"[bold red]error:[/] {_one_line(error.format_message())} (see {command} --help)",
                      highlight=False, markup=True, soft_wrap=True)
        code = error.exit_code
    except typer.Abort:
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
