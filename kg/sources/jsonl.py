"""Reader for JSON Lines and JSON arrays (including arXiv metadata snapshot records).

Both are streamed: JSON Lines a line at a time, a JSON array one element at a time with
``json.JSONDecoder.raw_decode`` over a sliding buffer, so a 3 GB file is never loaded whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import InputError
from kg.sources.files import decode

__all__ = ["read_jsonl", "read_json_array"]

_DECODER = json.JSONDecoder()
_CHUNK = 1 << 16


def _record(value: object, source: str, number: int) -> dict | InputError:
    if not isinstance(value, dict):
        return InputError(f"expected a JSON object, got {type(value).__name__}", source, number)
    return {**value, "_record": number}


def read_jsonl(handle: BinaryIO, source: str) -> Iterator[dict | InputError]:
    """Yield one dict per non-blank line; a line that is not a JSON object becomes an error."""
    for number, raw in enumerate(handle, start=1):
        line = decode(raw).strip()
        if not line:
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"broken JSON ({err.msg} at column {err.colno})", source, number)
            continue
        yield _record(value, source, number)


def read_json_array(handle: BinaryIO, source: str) -> Iterator[dict | InputError]:
    """Yield the objects of a top-level JSON array (or a single object), one at a time.

    Records are numbered by position in the array (1-based). A syntax error ends the file:
    JSON offers no safe point to resume from, so what follows is reported as lost.
    """
    buffer = decode(handle.read(_CHUNK)).lstrip()
    if buffer.startswith("{"):  # a single object, not an array
        buffer += decode(handle.read())
        try:
            yield _record(json.loads(buffer), source, 1)
        except json.JSONDecodeError as err:
            yield InputError(f"broken JSON ({err.msg} at line {err.lineno})", source, 1)
        return
    if not buffer.startswith("["):
        yield InputError("expected a JSON array", source, 1)
        return
    pos, number, eof = 1, 0, False
    while True:
        while pos < len(buffer) and buffer[pos] in " \t\r\n,":
            pos += 1
        if pos < len(buffer) and buffer[pos] == "]":
            return
        try:
            value, end = _DECODER.raw_decode(buffer, pos)
        except json.JSONDecodeError as err:
            if not eof:
                more = handle.read(_CHUNK)
                eof = not more
                buffer = buffer[pos:] + decode(more)
                pos = 0
                continue
            if pos >= len(buffer.rstrip()):
                yield InputError("JSON array is not closed (truncated file?)", source, number + 1)
            else:
                yield InputError(f"broken JSON ({err.msg}); the rest of the file is skipped", source, number + 1)
            return
        number += 1
        yield _record(value, source, number)
        pos = end
        if len(buffer) - pos < _CHUNK and not eof:
            more = handle.read(_CHUNK)
            eof = not more
            buffer = buffer[pos:] + decode(more)
            pos = 0
