"""Readers: every input format of DESIGN.md, chosen by content, streamed as :class:`Paper` records.

>>> from kg.sources import read_papers
>>> report = ReadReport()
>>> papers = list(read_papers(["papers.jsonl"], report))  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import InputError
from kg.sources.arxiv_atom import read_atom
from kg.sources.bibtex import read_bibtex
from kg.sources.files import head, open_binary, read_text, text_lines
from kg.sources.hf_listing import read_listing
from kg.sources.jsonl import read_json_array, read_jsonl
from kg.sources.record import Paper, paper_from_fields, title_key
from kg.sources.tabular import read_table

__all__ = ["Paper", "ReadReport", "sniff_format", "read_file", "read_papers", "FORMATS"]

#: Format names, as ``--format`` accepts them and ``sniff_format`` returns them.
FORMATS = ("hf-listing", "jsonl", "json", "csv", "tsv", "bibtex", "arxiv-atom")


@dataclass
class ReadReport:
    """What reading skipped and merged: filled in while :func:`read_papers` runs."""

    errors: list[InputError] = field(default_factory=list)
    duplicates: int = 0
    papers: int = 0
    on_error: Callable[[InputError], None] | None = None

    def add(self, error: InputError) -> None:
        self.errors.append(error)
        if self.on_error is not None:
            self.on_error(error)


def sniff_format(path: str | Path) -> str:
    """Name the format of ``path`` from its first bytes (the extension only breaks ties)."""
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
        if "\t" in header:
            return "tsv"
        if "," in header or ";" in header:
            return "csv"
    return "hf-listing"


def _raw_records(path: Path, fmt: str) -> Iterator[dict | InputError]:
    source = str(path)
    with open_binary(path) as handle:
        if fmt == "jsonl":
            yield from read_jsonl(handle, source)
        elif fmt == "json":
            yield from read_json_array(handle, source)
        elif fmt in ("csv", "tsv"):
            yield from read_table(handle, source, "\t" if fmt == "tsv" else ",")
        elif fmt == "bibtex":
            yield from read_bibtex(read_text(handle), source)
        elif fmt == "arxiv-atom":
            yield from read_atom(handle, source)
        else:
            yield from read_listing(text_lines(handle), source)


def read_file(path: str | Path, fmt: str | None = None) -> Iterator[Paper | InputError]:
    """Yield the papers of one file, and an :class:`InputError` in place of each bad record."""
    path = Path(path)
    try:
        fmt = fmt or sniff_format(path)
        records = _raw_records(path, fmt)
        for raw in records:
            if isinstance(raw, InputError):
                yield raw
                continue
            number = raw.pop("_record", 0)
            try:
                yield paper_from_fields(raw, str(path), number)
            except InputError as err:
                yield err
    except OSError as err:
        yield InputError(f"cannot read file: {err.strerror or err}", path)
    except (ValueError, EOFError) as err:  # e.g. a truncated gzip stream
        yield InputError(f"cannot read file: {err}", path)


def _merge(kept: Paper, other: Paper) -> Paper:
    """Fill what ``kept`` lacks from a second copy of the same paper."""
    return replace(
        kept,
        year=kept.year or other.year,
        url=kept.url or other.url,
        authors=kept.authors or other.authors,
        categories=kept.categories or other.categories,
    )


def read_papers(paths: Iterable[str | Path], report: ReadReport | None = None, fmt: str | None = None) -> Iterator[Paper]:
    """Yield each distinct paper of ``paths`` once, in input order.

    Two records are one paper when they share an id or a normalised title; the first is kept
    and completed from later copies *before* it is yielded only if they come in the same file
    order, so the stream stays lazy: later copies only count as duplicates. Bad records go to
    ``report``.
    """
    report = report if report is not None else ReadReport()
    seen_ids: dict[str, str] = {}
    seen_titles: dict[str, str] = {}
    for path in paths:
        for item in read_file(path, fmt):
            if isinstance(item, InputError):
                report.add(item)
                continue
            tkey = title_key(item.title)
            first = seen_ids.get(item.id) or seen_titles.get(tkey)
            if first is not None:
                report.duplicates += 1
                if seen_ids.get(item.id) and tkey not in seen_titles:
                    report.add(InputError(f"id {item.id!r} seen before with another title; kept the first", path,
                                          int(item.source.rsplit(":", 1)[1] or 0)))
                continue
            seen_ids[item.id] = item.id
            seen_titles[tkey] = item.id
            report.papers += 1
            yield item
