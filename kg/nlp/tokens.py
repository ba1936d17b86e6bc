"""A doc's token attributes and sentences as plain lists, computed once per doc.

Every ``doc[i]``, slice iteration and ``for token in doc`` makes new ``Token`` objects, and
``Doc.text``/``Span.text`` rebuild their strings on each access. The extractor reads each token a
dozen times, so it reads these lists instead: this is most of what makes extraction fast.
The view is cached in ``Doc.user_data`` and removed by the extractor when it is done (it must
not travel between processes with the doc; see :class:`kg.nlp.pipeline.KgExtractor`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LIKE_URL, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

__all__ = ["TokenView", "view_of", "drop_view"]

_KEY = "kg_view"


@dataclass(frozen=True, slots=True)
class TokenView:
    """Token ``i``'s attributes are ``words[i]``, ``lower[i]``, ...; sentences by token index."""

    text: str
    words: list[str]
    lower: list[str]
    idx: list[int]
    is_punct: list[bool]
    is_stop: list[bool]
    in_url: list[bool]  # like_url, or a piece of a URL the tokenizer split ("github.com/x")
    sent_start: list[int]  # first token of token i's sentence
    sent_end: list[int]  # end (exclusive) of token i's sentence
    sent_index: list[int]  # which sentence token i is in
    sent_texts: list[str]  # each sentence's text, stripped

    def __len__(self) -> int:
        return len(self.words)

    def span_text(self, start: int, end: int) -> str:
        """The text from token ``start`` to the end of token ``end - 1``."""
        return self.text[self.idx[start] : self.idx[end - 1] + len(self.words[end - 1])]

    def sentence_text(self, i: int) -> str:
        return self.sent_texts[self.sent_index[i]]

    def closing_bracket(self, i: int, limit: int) -> int | None:
        """The ")" that closes the "(" at token ``i`` before token ``limit``, with no bracket or
        full stop between ("Navhard (open-loop planning)"), else None."""
        if i >= len(self.words) or self.words[i] != "(":
            return None
        for k in range(i + 1, min(limit, len(self.words))):
            if self.words[k] in ("(", ")", "."):
                return k if self.words[k] == ")" else None
        return None


def view_of(doc: Doc) -> TokenView:
    """The doc's view, made on first use."""
    view = doc.user_data.get(_KEY)
    if view is None:
        view = doc.user_data[_KEY] = _make_view(doc)
    return view


def drop_view(doc: Doc) -> None:
    doc.user_data.pop(_KEY, None)


def _make_view(doc: Doc) -> TokenView:
    n = len(doc)
    strings = doc.vocab.strings
    if n:
        columns = doc.to_array([ORTH, LOWER, IDX, IS_PUNCT, IS_STOP, LIKE_URL, SPACY]).T.tolist()
    else:
        columns = [[] for _ in range(7)]
    words = [strings[o] for o in columns[0]]
    text = "".join([word + " " if space else word for word, space in zip(words, columns[6])])  # = doc.text
    idx = columns[2]
    # Sentence starts from the SENT_START column: iterating ``doc.sents`` makes a Token per token.
    # (``Doc.has_annotation`` would make them too.) A doc without boundaries is one sentence.
    starts = [0] + [i for i, value in enumerate(doc.to_array(SENT_START).tolist()) if value == 1 and i] if n else []
    sent_start, sent_end, sent_index, sent_texts = [0] * n, [0] * n, [0] * n, []
    for k, (start, end) in enumerate(zip(starts, starts[1:] + [n])):
        sent_start[start:end] = [start] * (end - start)
        sent_end[start:end] = [end] * (end - start)
        sent_index[start:end] = [k] * (end - start)
        sent_texts.append(text[idx[start] : idx[end - 1] + len(words[end - 1])].strip())
    return TokenView(
        text=text,
        words=words,
        lower=[strings[o] for o in columns[1]],
        idx=idx,
        is_punct=[bool(v) for v in columns[3]],
        is_stop=[bool(v) for v in columns[4]],
        in_url=_in_url(text, words, columns[5], columns[6]),
        sent_start=sent_start,
        sent_end=sent_end,
        sent_index=sent_index,
        sent_texts=sent_texts,
    )


_URL_MARKS = ("://", "www.", ".com/", ".io/")
_URL_ENDS = frozenset({")", "]", ",", ";", '"', "'"})


def _in_url(text: str, words: list[str], like_url: list[int], spaced: list[int]) -> list[bool]:
    if not any(mark in text for mark in _URL_MARKS):  # most abstracts: no need to look at each token
        return [bool(v) for v in like_url]
    flags = [bool(like) or "://" in w or w.startswith("www.") or ".com/" in w or ".io/" in w
             for w, like in zip(words, like_url)]
    # The path the tokenizer split off, up to a space or a closing mark: "https://github.com" "/" "ZetaOrg"
    for i in range(1, len(words)):
        if flags[i - 1] and not spaced[i - 1] and words[i] not in _URL_ENDS:
            flags[i] = True
    return flags

