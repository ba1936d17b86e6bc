"""Reader for JSON Lines and JSON arrays (including arXiv metadata snapshot records).

Spec: https://jsonlines.org/ and RFC 8259. Both are streamed: JSON Lines a line at a time, a JSON
array one element at a time with ``json.JSONDecoder.raw_decode`` over a growing buffer, so a 3 GB
file is never loaded whole. In JSON Lines, raw control characters inside strings (invalid JSON,
common in scraped data) are accepted and cleaned later; arrays are read strictly.

A broken element of an array is reported and the reader skips ahead to the next ``, {`` to
resume, so one bad record does not lose the rest of the file; an object nested in the broken
element can then be read as a record of its own (and is reported if it is not a paper). Text
after the closing ``]`` is reported and read on the same way.
Not supported: JSON5 / comments, ``NaN``/``Infinity``, top-level wrappers such as ``{"papers": [...]}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import InputError
from kg.sources.files import MAX_LINE, incremental_decoder, lines, read_error, read_upto

__all__ = ["read_jsonl", "read_json_array"]

def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


# strict=False: raw control characters inside strings are common in scraped data, and cleaned later.
# NaN and Infinity are Python's extension, not JSON: refused.
_DECODER = json.JSONDecoder(strict=False, parse_constant=_no_constant)
# In an array a raw line break inside a string would let one unclosed quote swallow the records
# after it, so arrays are read strictly (as JSON requires): such an element is reported instead.
_STRICT = json.JSONDecoder(parse_constant=_no_constant)
_CHUNK = 1 << 16
_NEXT_OBJECT = re.compile(r",\s*(?=\{)")
# What json can raise besides JSONDecodeError on hostile text: nesting deeper than the
# interpreter's recursion limit, and integers longer than int_max_str_digits.
_JSON_ERRORS = (json.JSONDecodeError, RecursionError, ValueError)


def _why(err: Exception, column: bool = True) -> str:
    if isinstance(err, json.JSONDecodeError):
        return f"{err.msg} (column {err.colno})" if column else err.msg
    if isinstance(err, RecursionError):
        return "nested too deeply"
    return str(err).split("\n", 1)[0]


def _record(value: object, source: str, number: int) -> dict | InputError:
    if not isinstance(value, dict):
        return InputError(f"expected a JSON object, got {type(value).__name__}", source, number)
    return {**value, "_record": number}


def read_jsonl(handle: BinaryIO, source: str) -> Iterator[dict | InputError]:
    """Yield one dict per non-blank line, numbered by line; a line that is not a JSON object is an error."""
    for item in lines(handle, source):
        if isinstance(item, InputError):
            yield item
            continue
        number, line = item
        line = line.strip()
        if not line:
            continue
        try:
            value = _DECODER.decode(line)
        except _JSON_ERRORS as err:
            yield InputError(f"broken JSON ({_why(err)})", source, number)
            continue
        yield _record(value, source, number)


def read_json_array(handle: BinaryIO, source: str) -> Iterator[dict | InputError]:
    """Yield the objects of a top-level JSON array (or a single object), one at a time.

    Records are numbered by position in the array (1-based). If the stream breaks off (a truncated
    gzip file), the elements read before are still yielded, then the read error.
    """
    failure: list[BaseException] = []
    yield from _array(handle, source, failure)
    if failure:
        yield read_error(failure[0], source)


def _array(handle: BinaryIO, source: str, failure: list[BaseException]) -> Iterator[dict | InputError]:
    decoder = incremental_decoder()
    eof = False

    def more(size: int) -> str:
        nonlocal eof
        data, err = read_upto(handle, size) if not failure else (b"", None)
        if err is not None:
            failure.append(err)
        eof = not data
        return decoder.decode(data, final=eof)

    def skip_space(buffer: str, pos: int) -> tuple[str, int]:
        """The buffer and position of the next non-space character, reading on if the buffer runs dry."""
        while True:
            while pos < len(buffer) and buffer[pos].isspace():
                pos += 1
            if pos < len(buffer) or eof:
                return buffer, pos
            buffer, pos = more(_CHUNK), 0

    buffer = more(_CHUNK).lstrip()
    if buffer.startswith("{"):  # a single object, not an array
        buffer += more(MAX_LINE)
        try:
            yield _record(_DECODER.decode(buffer), source, 1)
        except _JSON_ERRORS as err:
            yield InputError(f"broken JSON ({_why(err)})", source, 1)
        return
    if not buffer.startswith("["):
        yield InputError("expected a JSON array", source, 1)
        return
    pos, number, after_element = 1, 0, False
    while True:
        buffer, pos = skip_space(buffer, pos)
        if pos >= len(buffer):
            if not failure:  # else the read error says why
                yield InputError("JSON array is not closed (truncated file?)", source, number + 1)
            return
        char = buffer[pos]
        if char == "," and after_element:
            pos, after_element = pos + 1, False
            continue
        if char == "]":
            buffer, pos = skip_space(buffer, pos + 1)  # anything but white space after the end?
            if pos >= len(buffer):
                return
            problem = "text after the end of the JSON array"
        elif after_element:
            problem = f"no ',' after element {number}"
        else:
            try:
                value, end = _STRICT.raw_decode(buffer, pos)
            except _JSON_ERRORS as err:
                if not eof and len(buffer) - pos <= MAX_LINE:  # maybe only cut by the buffer: read on
                    buffer = buffer[pos:] + more(max(_CHUNK, len(buffer) - pos))
                    pos = 0
                    continue
                number += 1
                problem = f"broken JSON ({_why(err, False)})"
            else:
                number += 1
                yield _record(value, source, number)
                pos, after_element = end, True
                if len(buffer) - pos < _CHUNK and not eof:
                    buffer = buffer[pos:] + more(_CHUNK)
                    pos = 0
                continue
        # Resynchronise on the next ", {" (an element that is an object), reading on as needed.
        resume = _NEXT_OBJECT.search(buffer, pos)
        while resume is None and not eof:  # keep a tail so a ", {" cut in two is found
            buffer, pos = buffer[-64:] + more(_CHUNK), 0
            resume = _NEXT_OBJECT.search(buffer, 1)
        if resume is None:
            if not failure:  # else the read error says why
                closed = buffer.rstrip().endswith("]")
                yield InputError(problem if closed else f"JSON array is not closed (truncated file?): {problem}",
                                 source, number if not after_element else number + 1)
            return
        yield InputError(f"{problem}; skipped to the next object", source, number if not after_element else number + 1)
        pos, after_element = resume.end(), False
