"""Finding the relation cue phrases of ``ontology/cues.json`` in a doc.

The patterns are spaCy ``Matcher`` patterns. Run over a whole doc, though, a ``Matcher`` starts
every pattern at every token and evaluates each ``IN`` set there: on abstracts that cost as much
as tokenizing them. So :class:`CueMatcher` splits the work between spaCy's two matchers:

- a pattern that is a fixed sequence of words (each token one word or an ``IN`` set, no ``OP``)
  is spelled out into its phrases for one ``PhraseMatcher`` on ``LOWER`` (hash lookups);
- any other pattern starts with a fixed word or set of words too, so it runs in a ``Matcher``
  only from the tokens that can start it, on a short span from there.
"""

from __future__ import annotations

from collections.abc import Iterable

from itertools import product

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.nlp.tokens import view_of

__all__ = ["CueMatcher"]

#: How many tokens a "+" or "*" in a cue pattern may stand for.
MAX_REPEAT = 8
#: Most phrases one pattern may be spelled out into; a larger one stays a Matcher pattern.
MAX_PHRASES = 2000


def _token_words(token: dict) -> list[str] | None:
    """The lowercase words one token of a pattern stands for, if it is that simple."""
    if len(token) != 1:  # an OP, or several attributes
        return None
    attr, value = next(iter(token.items()))
    words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and value.keys() == {"IN"} else None
    if words is None or attr not in ("LOWER", "ORTH"):
        return None
    if attr == "ORTH" and any(w.lower() != w or w.upper() != w for w in words):
        return None  # ORTH with letters is case-sensitive: not a LOWER phrase
    return list(words)


def _phrases(pattern: list[dict]) -> list[list[str]] | None:
    """Every word sequence ``pattern`` matches, or ``None`` if it is not a fixed sequence."""
    choices = [_token_words(token) for token in pattern]
    if any(c is None for c in choices):
        return None
    count = 1
    for c in choices:
        count *= len(c)
    return [list(words) for words in product(*choices)] if count <= MAX_PHRASES else None


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
        self._phrases = PhraseMatcher(vocab, attr="LOWER")
        starts: dict[tuple[str, str], list[tuple[str, list[dict]]]] = {}  # (attribute, word) -> patterns
        for cue in cues:
            rule = cue["rule"]
            if rule in self.rules:  # a rule's window, targets and confidence are its own
                raise ValueError(f"cue rule {rule!r} is defined twice; give each cue its own rule name")
            self.rules[rule] = cue
            self._order.setdefault(rule, len(self._order))
            for pattern in cue["patterns"]:
                pattern = [dict(token) for token in pattern]
                phrases = _phrases(pattern)
                if phrases is not None:
                    self._phrases.add(rule, [Doc(vocab, words=words) for words in phrases])
                    continue
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
        if len(self._phrases):
            found.update((strings[mid], start, end) for mid, start, end in self._phrases(doc))
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
