"""Escaping for the hand-written XML of the GraphML and GEXF exporters.

Why hand-written: networkx's GraphML and GEXF writers build an ElementTree of the whole graph
before writing a byte (at 100,000 papers, 5 GB on top of the graph and about 50 CPU seconds
each). kg's writers print the same document element by element instead, so they must escape
exactly as ElementTree's serializer does (CPython 3.11 ``xml.etree.ElementTree._escape_cdata``
and ``_escape_attrib``), which keeps the files byte-identical to what networkx wrote:

* text content: ``&``, ``<`` and ``>`` become entities (``]]>`` thus becomes ``]]&gt;``);
* attribute values: the same plus ``"`` (``&quot;``) and tab, line feed and carriage return as
  character references (``&#09;``, ``&#10;``, ``&#13;``), so an XML parser's attribute-value
  normalisation gives them back instead of turning them into spaces.

Characters XML 1.0 cannot hold at all are removed before this (:func:`kg.export.attrs.clean_text`);
these functions assume text that is already clean. Spec: https://www.w3.org/TR/xml/#syntax and
https://www.w3.org/TR/xml/#AVNormalize.
"""

from __future__ import annotations

import re

__all__ = ["escape_text", "escape_attr"]

_ATTR_SPECIAL = re.compile('[&<>"\t\n\r]')
_ATTR_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#09;", "\n": "&#10;", "\r": "&#13;"}


def escape_text(text: str) -> str:
    """``text`` as XML character data.

    >>> escape_text("a < b && c ]]> d")
    'a &lt; b &amp;&amp; c ]]&gt; d'
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _entity(match: re.Match) -> str:
    return _ATTR_ENTITY[match.group()]


def escape_attr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value.

    >>> escape_attr('say "hi"\\n\\t& go')
    'say &quot;hi&quot;&#10;&#09;&amp; go'
    """
    if _ATTR_SPECIAL.search(text) is None:
        return text
    return _ATTR_SPECIAL.sub(_entity, text)
