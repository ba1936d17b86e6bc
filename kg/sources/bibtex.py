"""Reader for BibTeX files: entries with ``title`` and ``abstract`` fields (bibtexparser v2)."""

from __future__ import annotations

from collections.abc import Iterator

import bibtexparser

from kg.errors import InputError

__all__ = ["read_bibtex"]


def read_bibtex(text: str, source: str) -> Iterator[dict | InputError]:
    """Yield one dict per entry; blocks bibtexparser cannot parse become errors with their line."""
    library = bibtexparser.parse_string(text)
    blocks = sorted(
        [*library.entries, *library.failed_blocks], key=lambda b: b.start_line if b.start_line is not None else 0
    )
    for block in blocks:
        line = (block.start_line or 0) + 1
        if block in library.failed_blocks:
            yield InputError(f"unparsable BibTeX block: {type(block).__name__}", source, line)
            continue
        fields = {f.key.lower(): f.value for f in block.fields}
        fields.setdefault("id", fields.get("eprint") or fields.get("arxiv") or "")
        if not fields["id"]:
            fields.pop("id")
        yield {**fields, "_record": line, "_key": block.key}
