"""Attribute normalisation for formats that hold only scalars (GraphML, GEXF, CSV).

Lists become one string joined with ``" | "``; ``None`` never appears; characters XML 1.0
forbids are removed from strings.
"""

from __future__ import annotations

import re
from typing import Any

from kg.names import LIST_SEPARATOR

__all__ = ["xml_safe", "flat_value", "flat_attrs"]

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _XML_FORBIDDEN.sub("", text)


def flat_value(value: Any) -> str | int | float | bool:
    if isinstance(value, (list, tuple, set)):
        return xml_safe(LIST_SEPARATOR.join(str(v) for v in value))
    if isinstance(value, str):
        return xml_safe(value)
    return value


def flat_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: flat_value(v) for k, v in attrs.items() if v is not None}
