"""Acronyms and their expansions: "Low-Rank Adaptation (LoRA)" -> ("Low-Rank Adaptation", "LoRA").

The Schwartz & Hearst (2003) algorithm: a short form in parentheses, and the shortest run of
words before it whose characters contain the short form's characters in order, each word
contributing from its start; and its reverse, a name followed by its long form in parentheses,
where the whole bracket must spell the name from its first word; an acronym that keeps the
long form's head noun ("Focal-Local-Agents Loss (FLA Loss)"); and a title "SHORT: Long Form ..."
whose first words spell the name by their initials. Pure functions over strings
and token offsets, as in scispacy's ``find_abbreviation``, so tests need no pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.nlp.tokens import TokenView, view_of

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
    text = " ".join(words).lower()
    found = _match_start(s, text)
    if found is None:
        # A letter with a count stands for that many words with the letter: "A3" for "Android
        # Agent Arena", "M2R2" for "Mixture of Multi-rate Residuals" (not a "2" read "to": "MHA2MLA").
        repeated = re.sub(r"(?:^|(?<=\d))([a-z])([2-5])(?!\d)", lambda m: m.group(1) * int(m.group(2)), s)
        if repeated != s:  # (each of its letters a word's start, or only the first: "G2ConS" for
            # "Graph-Guided Concept Selection")
            found = _match_start(repeated, text, initials=True)
            if found is None:
                found = _match_start(repeated, text)
    if found is None and "x" in s and "cross" in text:
        # An "X" may stand for "cross": "X-KDE" for "Cross-Lingual Knowledge Democracy Edit" (the
        # word keeps its length in spaces, so word indices stay the same)
        found = _match_start(s, re.sub(r"(?<![a-z])cross", "x", text))
    if found is None:
        found = _portmanteau_start(short, words)
    return found


def _spells(short: str, words: list[str]) -> bool:
    """Whether ``words`` are the long form of ``short`` from their first word on: its letters in
    order, the first opening the first word ("SETR" and "Semantic-enhanced Two-Stage Retrieval",
    where the shortest match would start at "Two-Stage")."""
    if best_long_form(short, words) == 0:
        return True
    letters = [c for c in short.lower() if c.isalnum()]
    text = " ".join(words).lower()
    if not letters or not text.startswith(letters[0]):
        return False
    rest = iter(text[1:])
    return all(c in rest for c in letters[1:])


def _portmanteau_start(short: str, words: list[str]) -> int | None:
    """A short form glued from the starts of the words before it: "AdaCache" for "Adaptive
    Caching", "MoReg" for "Motion Regularization" (each part the start of one word, up to four letters)."""
    parts = re.findall(r"[A-Z][a-z]+", short)
    if len(parts) < 2 or "".join(parts) != short or len(words) < len(parts):
        return None
    tail = words[len(words) - len(parts):]
    if all(word.lower().startswith(part.lower()[:4]) for part, word in zip(parts, tail)):
        return len(words) - len(parts)
    return None


def _match_start(s: str, text: str, initials: bool = False) -> int | None:
    """Schwartz-Hearst: match ``s``'s characters right to left, the first at a word's start (with
    ``initials``, every one)."""
    letters = [c for c in s if c.isalnum()]
    # (a digit may open one when a word of the long form opens with it: "4D View Synthesis Module
    # (4D-ViSM)"; the digit then starts that word like any first letter)
    if not letters or not (letters[0].isalpha() or len(letters) > 2 and letters[1].isalpha()):
        return None
    si, li = len(letters) - 1, len(text) - 1
    while si >= 0:
        c = letters[si]
        while li >= 0 and (text[li] != c or ((si == 0 or initials) and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    start = text.rfind(" ", 0, li + 1) + 1  # the word where the match began
    return text[:start].count(" ")


_JOINING_WORDS = frozenset({"and", "of", "for", "the", "in", "on", "to", "with", "via", "a", "an", "at", "by"})
_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]*)*")


def _title_run_start(v: TokenView, kept: list[int], start: int, sent_start: int) -> int:
    """A Title Case long form is the whole run of capitalised words it ends ("Spatial-Spectral
    Morphological Mamba (MorpMamba)"), up to three words more; not a sentence's first word."""
    k, added = start, 0
    while k > 0 and kept[k - 1] == kept[k] - 1 and added < 3:
        if v.words[kept[k - 1]] == "-" and k > 1 and kept[k - 2] == kept[k - 1] - 1:
            step = 2
        else:
            step = 1
        word = v.words[kept[k - step]]
        if kept[k - step] <= sent_start or not _TITLE_WORD.fullmatch(word):
            break
        k, added = k - step, added + 1
    return k


def _words_between(v: TokenView, start: int, end: int) -> list[int]:
    """Tokens ``start`` to ``end`` that are words or hyphens (a long form's letters come from these)."""
    return [k for k in range(start, end) if not v.is_punct[k] or v.words[k] == "-"]


def _glued(v: TokenView, k: int) -> bool:
    """Whether token ``k`` runs into the next one, with no space between them."""
    return v.idx[k] + len(v.words[k]) == v.idx[k + 1]


def _pair(v: TokenView, begin: int, end: int, short_start: int, short: str) -> Abbreviation:
    """The abbreviation whose long form is ``v.text[begin:end]`` and whose short form starts at ``short_start``."""
    return Abbreviation(begin, end, short_start, short_start + len(short), v.text[begin:end], short)


def _short_form(text: str) -> bool:
    return 2 <= len(text) <= 12 and any(c.isupper() for c in text) and " " not in text.strip()


def _initials_end(short: str, words: list[str]) -> int | None:
    """How many of ``words`` spell ``short`` by their initials alone, one letter a word or a
    hyphenated part, joining words aside ("RAPTOR" and "Recursive Abstractive Processing for
    Tree-Organized Retrieval"), or ``None``."""
    letters = [c for c in short.lower() if c.isalpha()]
    if len(letters) < 2:
        return None
    spelled = 0
    for k, word in enumerate(words):
        if word.lower() in _JOINING_WORDS and spelled:
            continue
        for part in filter(None, word.split("-")):
            if spelled == len(letters) or part[0].lower() != letters[spelled]:
                return None
            spelled += 1
        if spelled == len(letters):
            return k + 1
    return None


def _title_expansion(v: TokenView) -> Abbreviation | None:
    """A title "SHORT: Long Form ..." whose first words spell the name by their initials:
    "VGGT: Visual Geometry Grounded Transformer" (the long form in 50 of 71 such titles of the gold
    files, never a name of its own)."""
    if len(v) < 4 or v.words[1] != ":" or not _short_form(v.words[0]):
        return None
    kept = _words_between(v, 2, v.sent_end[0])
    end = _initials_end(v.words[0], [v.words[k] for k in kept])
    if end is None or kept[end - 1] - kept[0] != end - 1:  # (no punctuation inside the long form)
        return None
    last = kept[end - 1]
    return _pair(v, v.idx[kept[0]], v.idx[last] + len(v.words[last]), v.idx[0], v.words[0])


def find_abbreviations(doc: Doc) -> list[Abbreviation]:
    """Every "long form (SHORT)" pair in ``doc``, every "SHORT (long form)" one
    ("MInference (Milliontokens Inference)"), where the whole bracket is the long form, and a
    title's "SHORT: Long Form ..."."""
    v = view_of(doc)
    words, n = v.words, len(v.words)
    found: list[Abbreviation] = [ab for ab in (_title_expansion(v),) if ab is not None]
    for i, word in enumerate(words):
        if word != "(" or i + 2 >= n:
            continue
        close = next((j for j in range(i + 1, min(i + 12, n)) if words[j] == ")"), None)
        if close is None or close == i + 1:
            continue
        # "Focal-Local-Agents Loss (FLA Loss)": an acronym of the words before the long form's head noun,
        # with that noun after it.
        if (close == i + 3 and i > 0 and words[i + 1].isupper() and _short_form(words[i + 1])
                and words[i + 2].lower() == words[i - 1].lower()):
            kept = _words_between(v, max(v.sent_start[i], i - 12), i - 1)
            start = best_long_form(words[i + 1], [words[k] for k in kept]) if kept else None
            if start is not None:
                end = v.idx[i - 1] + len(words[i - 1])
                found.append(_pair(v, v.idx[kept[start]], end, v.idx[i + 1], v.span_text(i + 1, close)))
                continue
        if " " in v.span_text(i + 1, close).strip():  # a bracket of words: the long form of the name before it, if any
            inner = _words_between(v, i + 1, close)
            # (not a list of names: "LLMs (Llama2 and Mistral)")
            if (i > 0 and _short_form(words[i - 1]) and not re.fullmatch(r"[A-Z]+s", words[i - 1])
                    and not any(c.isdigit() for k in inner for c in words[k])
                    and inner and _spells(words[i - 1], [words[k] for k in inner])):
                last = inner[-1]
                found.append(_pair(v, v.idx[inner[0]], v.idx[last] + len(words[last]), v.idx[i - 1], words[i - 1]))
            continue
        short = v.span_text(i + 1, close)
        if not _short_form(short):
            continue
        max_words = min(len(short) + 5, len(short) * 2)
        # (a hyphen is no word of its own: "Tuning-free Inversion-enhanced Control (TIC)" is three)
        first, counted = i, 0
        while first > v.sent_start[i] and counted < max_words:
            first -= 1
            counted += v.words[first] != "-"
        kept = _words_between(v, first, i)
        if not kept:
            continue
        start = best_long_form(short, [words[k] for k in kept])
        if start is None:
            continue
        # (a long form starts at a word's start: "Action-aware Dynamic Pruning (ADP)", not "aware")
        while start >= 2 and words[kept[start - 1]] == "-" and _glued(v, kept[start - 2]) and _glued(v, kept[start - 1]):
            start -= 2
        # (nor at a joining word whose letter the word before it gives too: "Abstraction and
        # Reasoning Corpus (ARC)", where the shortest match starts at "and")
        if (start >= 1 and v.lower[kept[start]] in _JOINING_WORDS and kept[start - 1] == kept[start] - 1
                and v.lower[kept[start - 1]][:1] == v.lower[kept[start]][:1] and words[kept[start - 1]].isalpha()):
            start -= 1
        if words[kept[start]][:1].isupper():
            start = _title_run_start(v, kept, start, v.sent_start[i])
        last = kept[-1]
        found.append(_pair(v, v.idx[kept[start]], v.idx[last] + len(words[last]), v.idx[i + 1], short))
    return found
