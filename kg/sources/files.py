"""Opening inputs: transparent gzip, byte-order marks, mixed encodings and runaway lines.

Every reader goes through this module, so the rules for bytes are in one place:

- gzip is detected by its magic bytes, not by the ``.gz`` name, and decompressed as a stream;
- a UTF-8 byte-order mark is dropped; a UTF-16 file (LE or BE, with its BOM, as spreadsheet
  programs save "Unicode text") is recoded to UTF-8 before any reader sees it;
- text is UTF-8, and any byte that is not part of a valid UTF-8 sequence is read as
  Windows-1252 (Latin-1 where Windows-1252 leaves a byte undefined). The fallback is per byte,
  so a UTF-8 file with one Latin-1 line keeps its UTF-8 text, and decoding never fails;
- one line (one record) is at most :data:`MAX_LINE` bytes: a longer one is skipped and reported,
  so a gzip bomb or a file with no newline cannot exhaust memory.

Not supported: UTF-32, EBCDIC, other compressions (bz2, xz, zip).
"""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError

__all__ = [
    "GZIP_MAGIC", "MAX_LINE", "MAX_TEXT", "READ_ERRORS", "Recoded", "open_binary", "decode", "incremental_decoder",
    "lines", "head", "read_text", "read_error", "read_upto",
]

GZIP_MAGIC = b"\x1f\x8b"

#: Longest line (one JSON Lines record, one CSV row, one listing line) read, in bytes. An arXiv
#: abstract is at most 1,920 characters and the longest record of the arXiv metadata snapshot is
#: under 40 KB, so 64 MiB is far beyond any real record yet bounds memory on hostile input.
MAX_LINE = 64 * 1024 * 1024

#: Most text read at once by the formats that cannot be streamed (BibTeX), in bytes.
MAX_TEXT = 512 * 1024 * 1024

#: What reading a damaged file can raise (a truncated or corrupt gzip stream, an unreadable file).
READ_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile)

_FALLBACK = "kg-cp1252"


def read_upto(handle: BinaryIO, size: int) -> tuple[bytes, BaseException | None]:
    """Read up to ``size`` bytes, keeping what was read before a read error (a truncated gzip stream).

    Returns the bytes (``b""`` at the end of the stream) and the error that stopped the reading, if any.
    ``BufferedReader.read`` would drop the bytes of a read that fails half-way; ``read1`` does not.
    """
    read1 = getattr(handle, "read1", handle.read)
    chunks: list[bytes] = []
    got = 0
    try:
        while got < size:
            chunk = read1(size - got)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except READ_ERRORS as err:
        return b"".join(chunks), err
    return b"".join(chunks), None


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes that are not UTF-8 as Windows-1252, else Latin-1."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(_cp1252_byte(b) for b in bad), error.end


def _cp1252_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252
        return chr(byte)


codecs.register_error(_FALLBACK, _cp1252_fallback)


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8, with each byte that is not valid UTF-8 read as Windows-1252.

    >>> decode("café".encode("utf-8")), decode("café".encode("latin-1"))
    ('café', 'café')
    """
    return data.decode("utf-8", errors=_FALLBACK)


def incremental_decoder() -> codecs.IncrementalDecoder:
    """A :func:`decode` for a stream read in chunks: a UTF-8 sequence cut by a chunk boundary stays whole."""
    return codecs.getincrementaldecoder("utf-8")(errors=_FALLBACK)


class Recoded(io.RawIOBase):
    """A binary stream of UTF-8 over another binary stream, decoded by ``decoder``.

    ``prefix`` is bytes already read from ``raw`` that come first; ``fix`` may rewrite each decoded
    chunk (to drop characters a parser refuses, say).
    """

    def __init__(self, raw: BinaryIO, decoder: codecs.IncrementalDecoder, prefix: bytes = b"",
                 fix: Callable[[str], str] | None = None):
        self._raw = raw
        self._decoder = decoder
        self._prefix = prefix
        self._fix = fix
        self._pending = b""
        self._done = False
        self._error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._pending and not self._done:
            if self._error is not None:  # raised once the bytes read before it are passed on
                error, self._error = self._error, None
                raise error
            if self._prefix:
                data, self._prefix = self._prefix, b""
            else:
                data, self._error = read_upto(self._raw, 1 << 16)
                if not data and self._error is not None:
                    continue
            self._done = not data
            text = self._decoder.decode(data, final=self._done)
            if self._fix is not None:
                text = self._fix(text)
            self._pending = text.encode("utf-8", errors="replace")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_binary(path: str | Path) -> BinaryIO:
    """Open ``path`` for reading UTF-8 bytes: gzip decompressed and BOMs handled (by content, not by name).

    Raises ``OSError`` (or ``EOFError`` / ``zlib.error`` for a damaged gzip header) when the file
    cannot be opened; the handle is closed in that case.
    """
    handle: BinaryIO = open(path, "rb")
    try:
        if handle.peek(2)[:2] == GZIP_MAGIC:  # type: ignore[attr-defined]
            handle = io.BufferedReader(gzip.GzipFile(fileobj=handle), buffer_size=1 << 16)  # type: ignore[arg-type]
        start = handle.peek(4)[:4]  # type: ignore[attr-defined]
        if start.startswith(codecs.BOM_UTF8):
            handle.read(len(codecs.BOM_UTF8))
        elif start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            utf16 = codecs.getincrementaldecoder("utf-16")(errors="replace")  # reads the BOM, drops it
            handle = io.BufferedReader(Recoded(handle, utf16), buffer_size=1 << 16)  # type: ignore[assignment]
    except BaseException:
        handle.close()
        raise
    return handle


def lines(handle: BinaryIO, source: str) -> Iterator[tuple[int, str] | InputError]:
    """Number and decode the lines of ``handle`` (endings ``\\n``, ``\\r\\n`` removed).

    A line longer than :data:`MAX_LINE` bytes is skipped whole and reported; lines are numbered
    by ``\\n`` so numbers match what an editor shows.
    """
    number = 0
    while True:
        raw = handle.readline(MAX_LINE + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the runaway line
                raw = handle.readline(1 << 20)
            yield InputError(f"line longer than {MAX_LINE:,} bytes; skipped", source, number)
            continue
        yield number, decode(raw).rstrip("\r\n")


def head(path: str | Path, size: int = 8192) -> str:
    """The first ``size`` bytes of ``path`` (decompressed, BOM dropped) as text, for format sniffing."""
    with open_binary(path) as handle:
        data = handle.read(size)
    return decode(data) if data else ""


def read_error(err: BaseException, source: str) -> InputError:
    """The :class:`InputError` for a file that could not be read to its end (``err`` from :data:`READ_ERRORS`)."""
    reason = err.strerror if isinstance(err, OSError) and err.strerror else (str(err).splitlines() or [""])[0]
    error = InputError(f"cannot read file: {reason or type(err).__name__}", source)
    error.__cause__ = err
    return error


def read_text(handle: BinaryIO, source: str = "") -> tuple[str, InputError | None]:
    """The whole stream as text, for formats that cannot be streamed (BibTeX).

    Returns the text and ``None``, or, if the stream breaks off (a truncated gzip file) or passes
    :data:`MAX_TEXT` bytes, the text read until then and the error to report after its records.
    """
    data, err = read_upto(handle, MAX_TEXT + 1)
    problem = read_error(err, source) if err is not None else None
    if len(data) > MAX_TEXT:
        problem = InputError(f"file is larger than {MAX_TEXT // (1024 * 1024)} MiB once decompressed; "
                             "the rest is skipped", source)
    return decode(data[:MAX_TEXT]), problem
