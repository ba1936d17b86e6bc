"""Reader for CSV and TSV files with a header naming ``title`` and ``abstract`` columns."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import InputError
from kg.sources.files import decode

__all__ = ["read_table"]

# Abstracts can be megabytes; the csv module's default cell limit is 128 KiB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _lines(handle: BinaryIO) -> Iterator[str]:
    for raw in handle:
        yield decode(raw)


def read_table(handle: BinaryIO, source: str, delimiter: str = ",") -> Iterator[dict | InputError]:
    """Yield one dict per data row, keyed by the lower-cased header names."""
    reader = csv.reader(_lines(handle), delimiter=delimiter)
    try:
        header = [h.strip().lstrip("\ufeff").lower() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as err:
        yield InputError(f"unreadable header: {err}", source, 1)
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield InputError(f"unreadable row: {err}", source, reader.line_num)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield InputError(f"row has {len(row)} cells, header has {len(header)}", source, reader.line_num)
            continue
        yield {**dict(zip(header, row)), "_record": reader.line_num}
