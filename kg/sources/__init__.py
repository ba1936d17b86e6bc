"""Readers: every input format of DESIGN.md, chosen by content, streamed as :class:`Paper` records.

Robustness contract (docs/robustness.md): a reader given any bytes yields papers and
:class:`~kg.errors.InputError` values and never raises. A bad record is an ``InputError`` naming
the file and the line or record number, and is skipped; a record kept but changed (cut, an id
or URL dropped) is a :class:`~kg.sources.record.RecordWarning`. :class:`ReadReport` counts both.

>>> from kg.sources import read_papers
>>> report = ReadReport()
>>> papers = list(read_papers(["papers.jsonl"], report))  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.sources.arxiv_atom import read_atom
from kg.sources.bibtex import read_bibtex
from kg.sources.files import READ_ERRORS, head, lines, open_binary, read_error, read_text
from kg.sources.hf_listing import read_listing
from kg.sources.jsonl import read_json_array, read_jsonl
from kg.sources.record import Paper, RecordWarning, paper_from_fields, title_key
from kg.sources.tabular import guess_delimiter, read_table

__all__ = ["Paper", "ReadReport", "RecordWarning", "sniff_format", "read_file", "read_papers", "FORMATS"]

#: Format names, as ``--format`` accepts them and ``sniff_format`` returns them.
FORMATS = ("hf-listing", "jsonl", "json", "csv", "tsv", "bibtex", "arxiv-atom")


@dataclass
class ReadReport:
    """What reading skipped, changed and merged: filled in while :func:`read_papers` runs.

    ``errors`` are records (or whole files) skipped, ``warnings`` records kept but changed,
    ``duplicates`` later copies of a paper already read, ``papers`` distinct papers yielded.
    """

    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    duplicates: int = 0
    papers: int = 0
    files: int = 0
    on_error: Callable[[InputError], None] | None = None
    on_warning: Callable[[InputError], None] | None = None

    def add(self, error: InputError) -> None:
        """Record ``error`` (a :class:`RecordWarning` counts as a warning)."""
        if isinstance(error, RecordWarning):
            self.warnings.append(error)
            if self.on_warning is not None:
                self.on_warning(error)
            return
        self.errors.append(error)
        if self.on_error is not None:
            self.on_error(error)


def sniff_format(path: str | Path) -> str:
    """Name the format of ``path`` from its first bytes (the extension only breaks ties).

    Raises ``OSError`` (and ``EOFError``/``zlib.error`` for a damaged gzip file) if it cannot be read.
    """
    text = head(path).lstrip("\ufeff \t\r\n")
    name = str(path).lower().removesuffix(".gz")
    if not text:
        return "jsonl" if name.endswith((".jsonl", ".ndjson")) else "hf-listing"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first = text.split("\n", 1)[0].strip()
        if name.endswith(".json") and not first.endswith("}"):
            return "json"
        return "jsonl"
    if text.startswith("<"):
        return "arxiv-atom"
    if re.match(r"(?:%[^\n]*\n\s*)*@\w+\s*[{(]", text):
        return "bibtex"
    header = text.split("\n", 1)[0].lower()
    if "title" in header and ("abstract" in header or "summary" in header):
        delimiter = guess_delimiter(header)
        if header.count(delimiter):
            return "tsv" if delimiter == "\t" else "csv"
    return "hf-listing"


def _raw_records(path: Path, fmt: str) -> Iterator[dict | InputError]:
    source = str(path)
    with open_binary(path) as handle:
        if fmt == "jsonl":
            yield from read_jsonl(handle, source)
        elif fmt == "json":
            yield from read_json_array(handle, source)
        elif fmt in ("csv", "tsv"):
            yield from read_table(handle, source, "\t" if fmt == "tsv" else None)
        elif fmt == "bibtex":
            text, problem = read_text(handle, source)
            yield from read_bibtex(text, source)
            if problem is not None:
                yield problem
        elif fmt == "arxiv-atom":
            yield from read_atom(handle, source)
        else:
            yield from read_listing(lines(handle, source), source)


def _one_line(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    return text.splitlines()[0] if text.strip() else type(err).__name__


def read_file(path: str | Path, fmt: str | None = None) -> Iterator[Paper | InputError]:
    """Yield the papers of one file, and an :class:`InputError` in place of each bad record.

    Never raises on the content of the file: an unreadable or damaged file (a truncated gzip
    stream, say) is one ``InputError`` after the papers read before the damage; a file with no
    paper at all is reported too. A :class:`RecordWarning` follows each paper that was changed.
    """
    path = Path(path)
    source = str(path)
    found = 0
    try:
        fmt = fmt or sniff_format(path)
        for raw in _raw_records(path, fmt):
            if isinstance(raw, InputError):
                found += 1
                yield raw
                continue
            found += 1
            number = raw.pop("_record", 0)
            latex = bool(raw.pop("_latex", False))
            notes: list[str] = []
            try:
                paper = paper_from_fields(raw, source, number, notes, latex=latex)
            except InputError as err:
                yield err
                continue
            yield paper
            for note in notes:
                yield RecordWarning(note, source, number)
    except READ_ERRORS as err:
        yield read_error(err, source)
        return
    except Exception as err:  # noqa: BLE001 - last line of defence: input must never crash a build
        error = InputError(f"unreadable input ({type(err).__name__}: {_one_line(err)}); rest of file skipped", source)
        error.__cause__ = err  # `kg build --debug` prints its traceback
        yield error
        return
    if not found:
        yield InputError("no papers found (empty file, or only page chrome)", source)


def read_papers(paths: Iterable[str | Path], report: ReadReport | None = None, fmt: str | None = None) -> Iterator[Paper]:
    """Yield each distinct paper of ``paths`` once, in input order (lazily: files are streamed).

    Two records are one paper when they share an id or a normalised title; the first is kept
    and later copies are counted in ``report.duplicates``. A later record that reuses an id with
    a different title is a different paper claiming the same id: it is skipped and reported.
    Bad records go to ``report``.
    """
    report = report if report is not None else ReadReport()
    seen_ids: set[str] = set()
    seen_titles: set[str] = set()
    for path in paths:
        report.files += 1
        for item in read_file(path, fmt):
            if isinstance(item, InputError):
                report.add(item)
                continue
            tkey = title_key(item.title)
            if item.id in seen_ids or tkey in seen_titles:
                if tkey not in seen_titles:
                    source, _, record = item.source.rpartition(":")
                    report.add(InputError(f"id {item.id!r} was read before with another title; "
                                          f"skipped {item.title[:60]!r}", source, int(record) if record.isdigit() else None))
                else:
                    report.duplicates += 1
                continue
            seen_ids.add(item.id)
            seen_titles.add(tkey)
            report.papers += 1
            yield item
