"""The record every reader produces: :class:`Paper`, and how raw fields become one."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from kg.errors import InputError
from kg.sources.clean import clean_text, normalize_title

__all__ = ["Paper", "paper_from_fields", "title_key", "arxiv_id"]

# New-style (2310.12345) and old-style (hep-th/9901001) arXiv identifiers, version dropped.
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?$")
_ARXIV_OLD = re.compile(r"([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper as read: identity, cleaned text and the metadata an input carried.

    ``id`` is the arXiv id (version dropped) where known, else :func:`title_key` of the title.
    ``source`` is ``file:record`` for error messages and provenance.
    """

    id: str
    title: str
    abstract: str
    year: int | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    source: str = field(default="", compare=False)


def title_key(title: str) -> str:
    """A stable id from a title: the first 10 hex digits of SHA-1 of :func:`normalize_title`.

    >>> title_key("Generating Images with Multimodal Language Models")
    '499a628660'
    """
    return hashlib.sha1(normalize_title(title).encode("utf-8")).hexdigest()[:10]


def arxiv_id(value: str) -> str | None:
    """The bare arXiv id in ``value`` (an id, ``arXiv:`` id or abs/pdf URL), or ``None``.

    >>> arxiv_id("http://arxiv.org/abs/2310.06825v2")
    '2310.06825'
    """
    value = value.strip().removesuffix(".pdf").rstrip("/")
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        match = pattern.search(value)
        if match:
            return match.group(1)
    return None


def _first(fields: dict[str, Any], *names: str) -> Any:
    for name in names:
        value = fields.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return clean_text(str(value)) if value is not None else ""


def _authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        names = [a.get("name", "") if isinstance(a, dict) else " ".join(a) if isinstance(a, list) else str(a) for a in value]
    else:
        names = re.split(r",\s*|\s+and\s+|;\s*", str(value))
    return tuple(n for n in (clean_text(n) for n in names) if n)


def _year(value: Any, paper_id: str | None) -> int | None:
    if isinstance(value, int) and 1900 < value < 2200:
        return value
    if value is not None:
        match = _YEAR.search(str(value))
        if match:
            return int(match.group(1))
    if paper_id and re.fullmatch(r"\d{4}\.\d{4,5}", paper_id):
        return 2000 + int(paper_id[:2])
    return None


def paper_from_fields(fields: dict[str, Any], source: str, record: int) -> Paper:
    """Build a :class:`Paper` from a reader's raw fields; raise :class:`InputError` if unusable.

    Accepted names: ``title``; ``abstract`` or ``summary``; ``id`` (or ``arxiv_id``);
    ``authors``; ``year``, ``date``, ``published`` or ``update_date``; ``categories``; ``url``.
    """
    title = _as_text(_first(fields, "title", "Title"))
    abstract = _as_text(_first(fields, "abstract", "summary", "Abstract"))
    if not title or not re.search(r"\w", title):
        raise InputError("record has no title", source, record)
    if not abstract:
        raise InputError(f"no abstract for {title[:60]!r}", source, record)
    raw_id = _first(fields, "id", "arxiv_id", "arxiv", "eprint")
    url = _first(fields, "url", "link")
    found = arxiv_id(str(raw_id)) if raw_id is not None else None
    if found is None and url is not None and "arxiv.org" in str(url):
        found = arxiv_id(str(url))
    paper_id = found or (clean_text(str(raw_id)) if raw_id is not None else "") or title_key(title)
    if url is None and found:
        url = f"https://arxiv.org/abs/{found}"
    categories = _first(fields, "categories")
    if isinstance(categories, str):
        categories = categories.split()
    return Paper(
        id=paper_id,
        title=title,
        abstract=abstract,
        year=_year(_first(fields, "year", "date", "published", "update_date"), found),
        url=clean_text(str(url)) if url else None,
        authors=_authors(_first(fields, "authors", "author", "authors_parsed")),
        categories=tuple(str(c) for c in categories or ()),
        source=f"{source}:{record}",
    )
