"""The record every reader produces: :class:`Paper`, and how raw fields become one.

Readers hand over raw fields of any JSON type (scraped data is untyped); :func:`paper_from_fields`
turns them into clean text or rejects the record with an :class:`~kg.errors.InputError` naming
the file and record. A record that is kept but changed (an abstract cut to :data:`MAX_ABSTRACT`,
an unusable id or URL dropped) yields a :class:`RecordWarning` as well.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from kg.errors import InputError
from kg.sources.clean import clean_text, normalize_title

__all__ = [
    "Paper", "RecordWarning", "paper_from_fields", "title_key", "arxiv_id", "is_arxiv_id",
    "MAX_TITLE", "MAX_ABSTRACT", "MAX_AUTHORS", "MAX_ID",
]

# New-style (2310.12345) and old-style (hep-th/9901001) arXiv identifiers, version dropped.
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?$")
_ARXIV_OLD = re.compile(r"([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)

#: Longest title kept, in characters. arXiv titles stay under 300; a longer field is not a title
#: (an abstract pasted into the wrong column, a scraping accident) and is cut.
MAX_TITLE = 1_000
#: Longest abstract kept, in characters: ten times arXiv's limit of 1,920. A 5 MB "abstract" is cut
#: here; spaCy's default ``max_length`` (1,000,000) would otherwise stop the whole build.
MAX_ABSTRACT = 20_000
#: Most authors kept (the largest physics collaborations list about 3,000).
MAX_AUTHORS = 5_000
#: Longest id kept, in characters (DOIs reach about 150); a longer one falls back to :func:`title_key`.
MAX_ID = 200
_MAX_NAME = 300
_MAX_URL = 2_000


class RecordWarning(InputError):
    """A record was kept, but changed to be usable (text cut, an id or URL dropped)."""


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


def is_arxiv_id(value: str) -> bool:
    """Whether ``value`` is a bare arXiv id (as :func:`arxiv_id` returns them)."""
    return arxiv_id(value) == value


def _first(fields: dict[str, Any], *names: str) -> Any:
    for name in names:
        value = fields.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _flatten(value: Any) -> str:
    """Any JSON value as one string: lists joined by spaces, dicts by their values."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_flatten(v) for v in value.values())
    return "" if value is None else str(value)


def _as_text(value: Any, limit: int, what: str, notes: list[str], latex: bool = False) -> str:
    raw = _flatten(value)
    # Cleaning is linear but not free: cut hostile megabytes before, then cut cleanly after.
    text = clean_text(raw[: limit * 4], latex=latex)
    if len(text) > limit or len(raw) > limit * 4:
        cut = text.rfind(" ", 0, limit + 1)
        text = text[: cut if cut > limit * 0.9 else limit].rstrip()
        notes.append(f"{what} of {len(raw):,} characters cut to {len(text):,}")
    return text


def _authors(value: Any, notes: list[str], latex: bool) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        names = [v.get("name", "") if isinstance(v, dict) else v for v in value]
        # arXiv snapshot "authors_parsed": [last, first, suffix] -> "first last suffix"
        names = [" ".join([*map(_flatten, v[1:2]), _flatten(v[0]), *map(_flatten, v[2:])]) if isinstance(v, list) and v
                 else _flatten(v) for v in names]
    else:
        names = re.split(r",\s*|\s+and\s+|;\s*", _flatten(value))
    if len(names) > MAX_AUTHORS:
        notes.append(f"{len(names):,} authors cut to {MAX_AUTHORS:,}")
        names = names[:MAX_AUTHORS]
    cleaned = (clean_text(n[: _MAX_NAME * 4], latex=latex) for n in names)
    return tuple(n for n in cleaned if n and len(n) <= _MAX_NAME)


def _year(value: Any, paper_id: str | None) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 2200:
        return value
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        match = _YEAR.search(str(value)[:100])
        if match:
            return int(match.group(1))
    if paper_id and re.fullmatch(r"\d{4}\.\d{4,5}", paper_id):
        return 2000 + int(paper_id[:2])
    return None


def _url(value: Any, notes: list[str]) -> str | None:
    if value is None:
        return None
    text = clean_text(_flatten(value)[: _MAX_URL * 2])
    if not text:
        return None
    if len(text) > _MAX_URL or not _HTTP_URL.fullmatch(text):
        notes.append(f"url {text[:60]!r} is not an http(s) URL; dropped")
        return None
    return text


def paper_from_fields(fields: dict[str, Any], source: str, record: int, warnings: list[str] | None = None,
                      *, latex: bool = False) -> Paper:
    """Build a :class:`Paper` from a reader's raw fields; raise :class:`InputError` if unusable.

    Accepted names: ``title``; ``abstract`` or ``summary``; ``id`` (or ``arxiv_id``, ``eprint``);
    ``authors``; ``year``, ``date``, ``published`` or ``update_date``; ``categories``; ``url``.
    Field values may be of any JSON type. What was changed to keep the record is appended to
    ``warnings``. ``latex=True`` reads every text field as LaTeX (BibTeX).

    >>> paper_from_fields({"title": "A <b>bold</b> title", "abstract": "Text."}, "in.jsonl", 3).source
    'in.jsonl:3'
    """
    notes = warnings if warnings is not None else []
    title = _as_text(_first(fields, "title", "Title"), MAX_TITLE, "title", notes, latex)
    if not normalize_title(title):
        raise InputError("record has no title" if not title else f"title {title[:60]!r} has no letter or digit",
                         source, record)
    abstract = _as_text(_first(fields, "abstract", "summary", "Abstract"), MAX_ABSTRACT, "abstract", notes, latex)
    if not abstract:
        raise InputError(f"no abstract for {title[:60]!r}", source, record)
    raw_id = _first(fields, "id", "arxiv_id", "arxiv", "eprint")
    raw_url = _first(fields, "url", "link")
    found = arxiv_id(_flatten(raw_id)[:MAX_ID]) if raw_id is not None else None
    if found is None and raw_url is not None and "arxiv.org" in _flatten(raw_url)[:_MAX_URL]:
        found = arxiv_id(_flatten(raw_url)[:_MAX_URL])
    paper_id = found
    if paper_id is None and raw_id is not None:
        other = clean_text(_flatten(raw_id)[: MAX_ID * 4])
        # "." or ".." would be a path step in an IRI; an id needs a letter or digit.
        if other and (len(other) > MAX_ID or re.search(r"\s", other) or not re.search(r"[^\W_]", other)):
            notes.append(f"id {other[:60]!r} is not usable (spaces, no letter or digit, or over {MAX_ID} characters); "
                         "the title hash is used")
        elif other:
            paper_id = other
    paper_id = paper_id or title_key(title)
    url = _url(raw_url, notes)
    if url is None and found:
        url = f"https://arxiv.org/abs/{found}"
    categories = _first(fields, "categories")
    if isinstance(categories, str):
        categories = categories.split()
    elif not isinstance(categories, (list, tuple)):
        categories = [categories] if categories is not None else []
    return Paper(
        id=paper_id,
        title=title,
        abstract=abstract,
        year=_year(_first(fields, "year", "date", "published", "update_date"), found),
        url=url,
        authors=_authors(_first(fields, "authors", "author", "authors_parsed"), notes, latex),
        categories=tuple(c for c in (clean_text(_flatten(c)[:100]) for c in categories[:100]) if c),
        source=f"{source}:{record}",
    )
