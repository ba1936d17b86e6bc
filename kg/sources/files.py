"""Opening inputs: transparent gzip, a byte-order mark, and text in UTF-8 or else Latin-1."""

from __future__ import annotations

import codecs
import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"


def open_binary(path: str | Path) -> BinaryIO:
    """Open ``path`` for reading bytes, decompressing gzip (by content, not by name)."""
    handle = open(path, "rb")
    if handle.peek(2)[:2] == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=handle)  # type: ignore[return-value]
    return handle


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM dropped) where valid, else Windows-1252/Latin-1, never an error."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def text_lines(handle: BinaryIO) -> Iterator[str]:
    """Decoded lines of a binary stream, ``\\r\\n`` and ``\\r`` endings folded to none."""
    for raw in handle:
        yield decode(raw).rstrip("\r\n")


def head(path: str | Path, size: int = 8192) -> str:
    """The first ``size`` bytes of ``path`` (decompressed) as text, for format sniffing."""
    with open_binary(path) as handle:
        data = handle.read(size)
    return decode(data) if data else ""


def read_text(handle: BinaryIO) -> str:
    """The whole stream as text (for formats that cannot be streamed, such as BibTeX)."""
    return decode(handle.read())


def as_text_stream(handle: BinaryIO) -> io.TextIOBase:
    """A text stream over ``handle`` that never fails on bad bytes."""
    return io.TextIOWrapper(handle, encoding="utf-8", errors="replace", newline="")
