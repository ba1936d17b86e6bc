"""Reader for CSV and TSV files with a header naming ``title`` and ``abstract`` columns.

Spec: RFC 4180 (CSV) as Python's :mod:`csv` reads it; the delimiter (``,``, ``;`` or tab) is
taken from the header line. Quoted cells may span lines; rows are numbered by the line they
start on. NUL bytes (which :mod:`csv` refuses) are dropped.

An unclosed quote makes :mod:`csv` swallow every following line into one cell. So a row that
spans several lines and still has the wrong number of cells (or spans more than
:data:`MAX_SPAN` lines) is reported, and reading starts again on the line after it began: the
good rows it swallowed are read, not lost. Not supported: files without a header, other
delimiters, multi-line header cells, lone ``\\r`` line endings.
"""

from __future__ import annotations

import csv
import sys
from collections import deque
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import InputError
from kg.sources.files import lines

__all__ = ["read_table", "guess_delimiter", "MAX_SPAN"]

# Abstracts can be megabytes; the csv module's default cell limit is 128 KiB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

#: Most lines one row may span: an abstract of 20,000 characters hard-wrapped at 40 columns.
MAX_SPAN = 500


def guess_delimiter(header: str) -> str:
    """The delimiter of a header line: the most frequent of tab, ``;`` and ``,`` (``,`` on a tie).

    >>> guess_delimiter("title;abstract;year"), guess_delimiter("title\\tabstract")
    (';', '\\t')
    """
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts.values())
    return "," if counts[","] == best else max(counts, key=counts.__getitem__)


class _Lines:
    """The numbered lines of a file, with the lines of the current row kept for a replay."""

    def __init__(self, handle: BinaryIO, source: str):
        self._stream = lines(handle, source)
        self.replay: deque[tuple[int, str]] = deque()
        self.row: list[tuple[int, str]] = []
        self.problems: list[InputError] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.replay:
            item = self.replay.popleft()
        else:
            while True:
                got = next(self._stream)  # StopIteration ends the csv reader
                if isinstance(got, InputError):
                    self.problems.append(got)
                    continue
                item = got
                break
        self.row.append(item)
        if len(self.row) > MAX_SPAN:
            raise csv.Error(f"row spans more than {MAX_SPAN} lines (unclosed quote?)")
        return item[1].replace("\x00", "") + "\n"

    def restart_after_first(self) -> None:
        """Read again every line of the current row but its first."""
        self.replay.extendleft(reversed(self.row[1:]))
        self.row = []


def read_table(handle: BinaryIO, source: str, delimiter: str | None = None) -> Iterator[dict | InputError]:
    """Yield one dict per data row, keyed by the lower-cased header names."""
    feed = _Lines(handle, source)
    try:
        first = next(feed)
    except StopIteration:
        yield from feed.problems
        return
    delimiter = delimiter or guess_delimiter(first)
    feed.replay.extendleft(reversed(feed.row))  # the csv reader reads the header line again
    header: list[str] | None = None
    while True:
        reader = csv.reader(feed, delimiter=delimiter)
        while True:
            feed.row = []
            try:
                row = next(reader)
            except StopIteration:
                yield from feed.problems
                return
            except csv.Error as err:
                yield from feed.problems
                feed.problems.clear()
                number = feed.row[0][0] if feed.row else 0
                yield InputError(f"unreadable {'header' if header is None else 'row'}: {err}", source, number)
                if header is None:
                    return
                feed.restart_after_first()
                break  # a fresh csv reader: the old one may be inside a quoted cell
            yield from feed.problems
            feed.problems.clear()
            if not feed.row:  # cannot happen: a row comes from at least one line
                continue
            number = feed.row[0][0]
            if header is None:
                header = [h.strip().lstrip("\ufeff").lower() for h in row]
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header) and len(feed.row) > 1:
                yield InputError(f"row has {len(row)} cells, header has {len(header)} (unclosed quote?); "
                                 "reading on from the next line", source, number)
                feed.restart_after_first()
                break
            if len(row) > len(header):
                yield InputError(f"row has {len(row)} cells, header has {len(header)}", source, number)
                continue
            yield {**dict(zip(header, row, strict=False)), "_record": number}
