"""Reader for arXiv API responses (Atom XML): ``<entry>`` with ``<title>``, ``<summary>``, ``<id>``.

Parsed with ``xml.etree.ElementTree.iterparse`` so a large feed streams; each entry is cleared
once read. Python's expat parser does not fetch external entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree import ElementTree

from kg.errors import InputError

__all__ = ["read_atom"]

_ATOM = "{http://www.w3.org/2005/Atom}"


def _text(entry: ElementTree.Element, tag: str) -> str | None:
    node = entry.find(_ATOM + tag)
    return node.text if node is not None and node.text else None


def read_atom(handle: BinaryIO, source: str) -> Iterator[dict | InputError]:
    """Yield one dict per ``<entry>``, numbered from 1; a parse error ends the file with an error."""
    number = 0
    try:
        for _event, element in ElementTree.iterparse(handle, events=("end",)):
            if element.tag != _ATOM + "entry":
                continue
            number += 1
            authors = [_text(a, "name") for a in element.findall(_ATOM + "author")]
            categories = [c.get("term") for c in element.findall(_ATOM + "category") if c.get("term")]
            link = next((ln.get("href") for ln in element.findall(_ATOM + "link") if ln.get("rel") == "alternate"), None)
            yield {
                "id": _text(element, "id"),
                "title": _text(element, "title"),
                "summary": _text(element, "summary"),
                "published": _text(element, "published"),
                "authors": [a for a in authors if a],
                "categories": categories,
                "url": link,
                "_record": number,
            }
            element.clear()
    except ElementTree.ParseError as err:
        yield InputError(f"broken XML ({err}); the rest of the file is skipped", source, number + 1)
