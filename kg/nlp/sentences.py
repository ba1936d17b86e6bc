"""Sentence lookup by token, computed once per doc."""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["sentence_of"]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence of token ``i``; ``Token.sent`` rescans the doc on every call, this does not."""
    cache = doc.user_data.get("kg_sents")
    if cache is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for k, sent in enumerate(sents):
            index[sent.start : sent.end] = [k] * (sent.end - sent.start)
        cache = doc.user_data["kg_sents"] = (sents, index)
    sents, index = cache
    return sents[index[i]]
