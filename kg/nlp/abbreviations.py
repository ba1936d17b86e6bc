"""Acronyms and their expansions: "Low-Rank Adaptation (LoRA)" -> ("Low-Rank Adaptation", "LoRA").

The Schwartz & Hearst (2003) algorithm: a short form in parentheses, and the shortest run of
words before it whose characters contain the short form's characters in order, each word
contributing from its start. Pure functions over strings and token offsets, as in scispacy's
``find_abbreviation``, so tests need no pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.nlp.sentences import sentence_of

__all__ = ["Abbreviation", "find_abbreviations", "best_long_form"]


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """Character offsets of a long form and its short form in the doc text."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int
    long: str
    short: str


def best_long_form(short: str, words: list[str]) -> int | None:
    """Index in ``words`` where the long form of ``short`` starts, or ``None``.

    >>> best_long_form("LoRA", ["using", "Low-Rank", "Adaptation"])
    1
    >>> best_long_form("MLA", ["reduces", "Multi-head", "Latent", "Attention"])
    1
    """
    s = short.lower().rstrip("s") if short.endswith("s") and short[:-1].isupper() else short.lower()
    letters = [c for c in s if c.isalnum()]
    if not letters or not letters[0].isalpha():
        return None
    text = " ".join(words).lower()
    si, li = len(letters) - 1, len(text) - 1
    while si >= 0:
        c = letters[si]
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    start = text.rfind(" ", 0, li + 1) + 1  # the word where the match began
    return text[:start].count(" ")


def find_abbreviations(doc: Doc) -> list[Abbreviation]:
    """Every "long form (SHORT)" pair in ``doc``."""
    found: list[Abbreviation] = []
    for i, token in enumerate(doc):
        if token.text != "(" or i + 2 >= len(doc):
            continue
        close = next((j for j in range(i + 1, min(i + 4, len(doc))) if doc[j].text == ")"), None)
        if close is None or close == i + 1:
            continue
        short_span = doc[i + 1 : close]
        short = short_span.text
        if not (2 <= len(short) <= 12) or not any(c.isupper() for c in short) or " " in short.strip():
            continue
        sent_start = sentence_of(doc, i).start if doc.has_annotation("SENT_START") else 0
        max_words = min(len(short) + 5, len(short) * 2)
        first = max(sent_start, i - max_words)
        words = [t.text for t in doc[first:i] if not t.is_punct or t.text == "-"]
        tokens = [t for t in doc[first:i] if not t.is_punct or t.text == "-"]
        if not words:
            continue
        start = best_long_form(short, words)
        if start is None:
            continue
        long_tokens = tokens[start:]
        begin, end = long_tokens[0].idx, long_tokens[-1].idx + len(long_tokens[-1])
        found.append(Abbreviation(begin, end, short_span.start_char, short_span.end_char, doc.text[begin:end], short))
    return found
