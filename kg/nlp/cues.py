"""Finding the relation cue phrases of ``ontology/cues.json`` in a doc.

The patterns are spaCy ``Matcher`` patterns and a spaCy ``Matcher`` matches them. Run over a
whole doc, though, a ``Matcher`` starts every pattern at every token and evaluates each ``IN``
set there: on abstracts that cost as much as tokenizing them. Every cue pattern starts with a
fixed word (or a set of words), so :class:`CueMatcher` looks up which patterns can start at each
token by its lowercase form and runs just those, on a short span from that token.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.nlp.tokens import view_of

__all__ = ["CueMatcher"]

#: How many tokens a "+" or "*" in a cue pattern may stand for.
MAX_REPEAT = 8


def _first_words(pattern: list[dict]) -> tuple[str, set[str]] | None:
    """The attribute and the words that can start ``pattern``, or ``None`` if it is not anchored."""
    first = pattern[0]
    if first.get("OP", "1") not in ("1", "+") or len(first.keys() - {"OP"}) != 1:
        return None
    attr = next(iter(first.keys() - {"OP"}))
    value = first[attr]
    if attr not in ("LOWER", "ORTH"):
        return None
    if isinstance(value, str):
        return attr, {value}
    if isinstance(value, dict) and value.keys() == {"IN"}:
        return attr, set(value["IN"])
    return None


def _max_length(pattern: list[dict]) -> int:
    """The most tokens ``pattern`` can match."""
    total = 0
    for token in pattern:
        op = token.get("OP", "1")
        if op in ("+", "*"):
            total += MAX_REPEAT
        elif op.startswith("{"):  # {n}, {n,m}, {n,}, {,m}
            bounds = op.strip("{}").split(",")
            total += int(bounds[-1]) if bounds[-1] else MAX_REPEAT
        else:  # "1", "?", "!"
            total += 1
    return total


class CueMatcher:
    """Cue matches in a doc as ``(rule, start, end)``, ordered by position, then by cue order."""

    def __init__(self, vocab: Vocab, cues: Iterable[dict]):
        self.rules: dict[str, dict] = {}
        self._order: dict[str, int] = {}
        self._unanchored = Matcher(vocab)
        starts: dict[tuple[str, str], list[tuple[str, list[dict]]]] = {}  # (attribute, word) -> patterns
        for cue in cues:
            rule = cue["rule"]
            self.rules[rule] = cue
            self._order.setdefault(rule, len(self._order))
            for pattern in cue["patterns"]:
                pattern = [dict(token) for token in pattern]
                anchor = _first_words(pattern)
                if anchor is None:
                    self._unanchored.add(rule, [pattern])
                    continue
                attr, words = anchor
                for word in words:
                    starts.setdefault((attr, word), []).append((rule, pattern))
        # One Matcher per distinct set of patterns, shared by the words that start them.
        # Each with the span length its longest pattern needs.
        matchers: dict[str, tuple[Matcher, int]] = {}
        self._anchored: dict[tuple[str, str], tuple[Matcher, int]] = {}
        for anchor, patterns in starts.items():
            signature = repr(patterns)
            if signature not in matchers:
                matcher = Matcher(vocab)
                for rule, pattern in patterns:
                    matcher.add(rule, [pattern])
                matchers[signature] = (matcher, max(_max_length(pattern) for _, pattern in patterns))
            self._anchored[anchor] = matchers[signature]

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        strings = doc.vocab.strings
        found: set[tuple[str, int, int]] = set()
        if len(self._unanchored):
            found.update((strings[mid], start, end) for mid, start, end in self._unanchored(doc))
        view = view_of(doc)
        n = len(view)
        anchored = self._anchored
        for i, (lower, orth) in enumerate(zip(view.lower, view.words)):
            for entry in (anchored.get(("LOWER", lower)), anchored.get(("ORTH", orth))):
                if entry is None:
                    continue
                matcher, length = entry
                # Only matches starting at the anchor: later ones have anchors of their own.
                span = doc[i : min(n, i + length)]
                found.update((strings[mid], i, i + end) for mid, start, end in matcher(span) if start == 0)
        return sorted(found, key=lambda m: (m[1], m[2], self._order[m[0]]))
