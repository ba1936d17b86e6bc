"""Reader for Hugging Face Papers listing dumps: a title line, then its abstract line.

The dumps (see ``kg/data/seeds``) are the text of a listing page: page chrome ("Get trending
papers in your email inbox!", "Subscribe", "byAK and the research community", a date such as
"Apr 23"), then papers as a title line followed by an abstract line, blank lines between.
Chrome can be glued to the first title ("SubscribeTS-LLaVA: ..."). A title with no abstract
after it is reported and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.errors import InputError

__all__ = ["read_listing", "looks_like_abstract"]

_CHROME_LINE = re.compile(
    r"^(?:new|subscribe|get trending papers in your email inbox[^\n]*|by\s*ak and the research community"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:, \d{4})?|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"|daily papers|trending papers|submitted by .*|upvote|\d+ upvotes?)$",
    re.IGNORECASE,
)
_CHROME_PREFIX = re.compile(r"^(?:Subscribe)(?=[A-Z0-9])")


def looks_like_abstract(line: str) -> bool:
    """An abstract is long prose: several sentences or well over a title's length."""
    if len(line) >= 300:
        return True
    sentences = len(re.findall(r"[.!?](?:\s|$)", line))
    return len(line) >= 120 and sentences >= 1 and line.rstrip().endswith((".", "!", "?", ")"))


def read_listing(lines: Iterable[tuple[int, str] | InputError], source: str) -> Iterator[dict | InputError]:
    """Yield ``{"title", "abstract"}`` dicts (and :class:`InputError` for titles with no abstract).

    ``lines`` are ``(number, text)`` pairs as :func:`kg.sources.files.lines` yields them.
    """
    title: str | None = None
    title_line = 0
    for item in lines:
        if isinstance(item, InputError):
            yield item
            continue
        number, raw = item
        line = raw.strip().lstrip("\ufeff")
        if not line or _CHROME_LINE.match(line):
            continue
        line = _CHROME_PREFIX.sub("", line)
        if title is not None and looks_like_abstract(line):
            yield {"title": title, "abstract": line, "_record": title_line}
            title = None
            continue
        if title is not None:
            yield InputError(f"title with no abstract: {title[:60]!r}", source, title_line)
        if looks_like_abstract(line):
            yield InputError("abstract with no title before it", source, number)
            continue
        title, title_line = line, number
    if title is not None:
        yield InputError(f"title with no abstract: {title[:60]!r}", source, title_line)
