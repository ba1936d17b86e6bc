"""The ``kg`` command: a thin layer that parses arguments and calls the library.

Exit codes: 0 success; 1 an error kg reports (bad input under ``--strict``, a missing entity, a
bad query); 2 a usage error (typer's own).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
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


def _fail(error: KgError, debug: bool = False) -> typer.Exit:
    if debug:
        raise error
    err.print(f"[bold red]error:[/] {error}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code=1)


@app.command()
def build(
    inputs: Annotated[list[Path] | None, typer.Argument(help="Input files (any supported format). Default: the sample corpus.", exists=True, dir_okay=False)] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("exports"),
    formats: Annotated[str, typer.Option("--formats", help=f"Comma-separated formats: {','.join(EXPORTERS)}.")] = ",".join(DEFAULT_FORMATS),
    strict: Annotated[bool, typer.Option("--strict", help="Any bad input record is an error (exit 1), nothing is written.")] = False,
    no_layout: Annotated[bool, typer.Option("--no-layout", help="Skip the precomputed layout (very large graphs).")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Read papers, extract and link entities, and write the graph in every format."""
    from kg.pipeline import build as build_graph, export
    from kg.sources import ReadReport

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in EXPORTERS]
    if unknown:
        raise typer.BadParameter(f"unknown format(s): {', '.join(unknown)}", param_hint="--formats")

    def warn(error: InputError) -> None:
        err.print(f"[yellow]skipped[/] {error}", highlight=False, soft_wrap=True)

    report = ReadReport(on_error=warn)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("extracting", total=None)
        try:
            graph = build_graph(inputs, report=report, on_paper=lambda _p: progress.advance(task))
        except KgError as error:
            raise _fail(error, debug) from None
        if strict and report.errors:
            raise _fail(InputError(f"{len(report.errors)} bad record(s); nothing written (--strict)"), debug) from None
        progress.update(task, description="exporting", total=len(chosen), completed=0)
        written = export(graph, out_dir, chosen, layout=not no_layout,
                         on_done=lambda _f, _p: progress.advance(task))
    _print_summary(graph, report, written)


def _print_summary(graph, report, written: dict[str, Path]) -> None:
    kinds = Counter(attrs["kind"] for _, attrs in graph.nodes(data=True))
    relations = Counter(attrs["relation"] for _, _, attrs in graph.edges(data=True))
    table = Table(title="kg build", show_header=False, box=None)
    table.add_row("papers", str(kinds.get("Paper", 0)))
    table.add_row("entities", ", ".join(f"{k} {kinds.get(k, 0)}" for k in ENTITY_KINDS))
    table.add_row("edges", ", ".join(f"{r} {relations[r]}" for r in RELATIONS if relations.get(r)))
    table.add_row("skipped records", str(len(report.errors)))
    table.add_row("duplicates merged", str(report.duplicates))
    table.add_row("written", ", ".join(str(p) for p in written.values()))
    out.print(table)


@app.command("eval")
def evaluate_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (see the annotation guideline).", exists=True, dir_okay=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives per paper.")] = False,
) -> None:
    """Score extraction and linking against a gold file: precision, recall, F1."""
    from kg.eval import evaluate, format_errors, format_table

    try:
        result = evaluate(gold)
    except KgError as error:
        raise _fail(error) from None
    if as_json:
        out.print_json(json.dumps(result.as_dict()))
    else:
        out.print(format_table(result), highlight=False)
    if errors:
        out.print(format_errors(result), highlight=False, markup=False)


def main() -> None:
    """Console entry point."""
    app(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
