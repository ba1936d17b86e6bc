"""The one exception family of kg. The library raises these; the CLI prints them as one line."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError):
    """An input file, or one record in it, cannot be read.

    ``source`` names the file and ``record`` the line or record number (1-based) where known,
    so the message always says where the problem is.
    """

    def __init__(self, message: str, source: str | Path | None = None, record: int | None = None):
        self.source = str(source) if source is not None else None
        self.record = record
        self.reason = message
        where = self.source or ""
        if record is not None:
            where = f"{where}:{record}" if where else f"record {record}"
        super().__init__(f"{where}: {message}" if where else message)


class KnowledgeBaseError(KgError):
    """A knowledge-base data file is malformed."""


class QueryError(KgError):
    """A SPARQL query or its parameters are invalid."""


class EntityNotFound(KgError):
    """No entity in the graph matches the name asked for."""
