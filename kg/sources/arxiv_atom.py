"""Reader for arXiv API responses (Atom XML): ``<entry>`` with ``<title>``, ``<summary>``, ``<id>``.

Format: RFC 4287 (Atom) as https://info.arxiv.org/help/api/user-manual.html describes the arXiv
feed. Parsed with ``defusedxml.ElementTree.iterparse`` so a large feed streams (each entry is
cleared once read) and hostile XML is refused: a document with a DTD (the carrier of "billion
laughs" and quadratic entity expansion, and of external entities that would read local files)
is rejected whole, since arXiv feeds never have one. Elements are matched by local name, so a
feed without the Atom namespace is read too.

Bytes are made well-formed where that loses nothing: the text is decoded as the XML declaration
says (default UTF-8, with kg's per-byte Windows-1252 fallback for stray Latin-1 bytes, see
:mod:`kg.sources.files`), raw control characters that XML 1.0 forbids are dropped, and expat is
given clean UTF-8 without the declaration. XML has no safe point to resume from, so a parse error
ends the file: entries before it are kept, the error names the entry where it happened.
Not supported: Atom ``type="xhtml"`` content (its markup is dropped, its text kept).
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from kg.errors import InputError
from kg.sources.files import Recoded, incremental_decoder

__all__ = ["read_atom"]

_DECLARATION = re.compile(rb"\s*<\?xml[^>]{0,300}?\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
# Characters XML 1.0 cannot hold even as references; scraped text carries them raw.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _drop_forbidden(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text)


def _clean_stream(handle: BinaryIO) -> BinaryIO:
    """``handle`` as UTF-8 with no XML declaration and no characters XML forbids."""
    start = handle.read(1024)
    decoder = incremental_decoder()
    declaration = _DECLARATION.match(start)
    if declaration is not None:
        named = _ENCODING.search(declaration.group(0))
        name = named.group(1).decode("ascii").lower() if named else "utf-8"
        # UTF-16 input is already UTF-8 here (kg.sources.files.open_binary recodes it by its BOM).
        if not name.replace("_", "-").startswith(("utf-8", "utf8", "utf-16", "utf16")):
            try:
                decoder = codecs.getincrementaldecoder(name)(errors="replace")
            except LookupError:
                pass
        start = start[declaration.end():]
    return io.BufferedReader(Recoded(handle, decoder, prefix=start, fix=_drop_forbidden))  # type: ignore[return-value]


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element, name: str) -> str | None:
    for child in _children(element, name):
        text = "".join(child.itertext())
        if text:
            return text
    return None


def _entry(element: Element, number: int) -> dict:
    authors = [_text(author, "name") for author in _children(element, "author")]
    categories = [c.get("term") for c in _children(element, "category") if c.get("term")]
    links = _children(element, "link")
    link = next((ln.get("href") for ln in links if ln.get("rel", "alternate") == "alternate"), None)
    return {
        "id": _text(element, "id"),
        "title": _text(element, "title"),
        "summary": _text(element, "summary") or _text(element, "content"),
        "published": _text(element, "published") or _text(element, "updated"),
        "authors": [a for a in authors if a],
        "categories": categories,
        "url": link,
        "_record": number,
    }


def read_atom(handle: BinaryIO, source: str) -> Iterator[dict | InputError]:
    """Yield one dict per ``<entry>``, numbered from 1; a parse error ends the file with an error."""
    number = 0
    try:
        for _event, element in iterparse(_clean_stream(handle), events=("end",), forbid_dtd=True):
            if _local(element.tag) != "entry":
                continue
            number += 1
            yield _entry(element, number)
            element.clear()
    except DefusedXmlException as err:
        yield InputError(f"refused XML: {type(err).__name__} (a DTD or entity declaration); file skipped",
                         source, number + 1 if number else None)
    except (ParseError, SyntaxError) as err:
        yield InputError(f"broken XML ({err}); the rest of the file is skipped", source, number + 1)
