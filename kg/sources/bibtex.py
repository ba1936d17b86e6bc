"""Reader for BibTeX files: entries with ``title`` and ``abstract`` fields (bibtexparser v2).

Format: http://www.bibtex.org/Format/ as bibtexparser v2 reads it (``@string`` macros resolved,
enclosing braces and quotes removed). Field values are LaTeX: accents and grouping braces are
undone by :func:`kg.sources.clean.clean_text` with ``latex=True``; ``author`` is split on ``and``
with "Last, First" turned round. An entry whose key repeats an earlier one is still read (the
paper's identity is its arXiv id or title, not the key). The id is ``eprint``/``arxiv`` where
given. Not supported: ``@preamble`` macros, cross-references (``crossref``), BibLaTeX data models.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from kg.errors import InputError

__all__ = ["read_bibtex"]

# bibtexparser logs a warning for every block it cannot parse; kg reports those itself, with file
# and line. Silenced at call time: logging.config.dictConfig (run by other libraries) can reset
# settings made once at import.
_LOGGERS = ("bibtexparser", "bibtexparser.splitter", "bibtexparser.entrypoint")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    saved = [logger.disabled for logger in loggers]
    for logger in loggers:
        logger.disabled = True
    try:
        yield
    finally:
        for logger, disabled in zip(loggers, saved, strict=True):
            logger.disabled = disabled


def read_bibtex(text: str, source: str) -> Iterator[dict | InputError]:
    """Yield one dict per entry, numbered by its first line; unparsable blocks become errors."""
    with _quiet():
        library = bibtexparser.parse_string(text)
    failed = {id(b) for b in library.failed_blocks}
    blocks = sorted([*library.entries, *library.failed_blocks],
                    key=lambda b: b.start_line if b.start_line is not None else 0)
    for block in blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
            block = block.ignore_error_block
        elif id(block) in failed:
            yield InputError("unparsable BibTeX entry (unbalanced braces or quotes?)", source, line)
            continue
        fields = {f.key.lower(): f.value for f in block.fields}
        if isinstance(fields.get("author"), str):  # "Last, First and Other, Name"; flattened later
            fields["author"] = [_turn(name) for name in _split_authors(fields["author"])]
        raw_id = fields.get("eprint") or fields.get("arxiv") or fields.get("id")
        if raw_id:
            fields["id"] = raw_id
        yield {**fields, "_record": line, "_latex": True}


def _split_authors(value: str) -> list[str]:
    """Split on `` and `` outside braces (``{Barnes and Noble}`` is one name)."""
    names, depth, start, i = [], 0, 0, 0
    lower = value.lower()
    while i < len(value):
        char = value[i]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and lower.startswith(" and ", i):
            names.append(value[start:i])
            start = i = i + 5
            continue
        i += 1
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _turn(name: str) -> str:
    """``"Lovelace, Ada"`` -> ``"Ada Lovelace"``; other forms unchanged."""
    if name.count(",") == 1 and "{" not in name:
        last, first = (p.strip() for p in name.split(","))
        return f"{first} {last}".strip()
    return name
