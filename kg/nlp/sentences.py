"""Per-doc lookups computed once: a token's sentence and a sentence's text.

``Token.sent`` rescans the doc and ``Span.text`` rebuilds the string on every access; the
extractor asks both for every mention, so they are cached in ``Doc.user_data`` (and removed by
the extractor when it is done, see :class:`kg.nlp.pipeline.KgExtractor`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["sentence_of", "sentence_text"]


def _cache(doc: Doc) -> tuple[list[Span], list[int], list[str]]:
    cache = doc.user_data.get("kg_sents")
    if cache is None:
        text = doc.user_data.get("kg_text") or doc.text
        sents = list(doc.sents)
        index = [0] * len(doc)
        for k, sent in enumerate(sents):
            index[sent.start : sent.end] = [k] * (sent.end - sent.start)
        texts = [text[sent.start_char : sent.end_char].strip() for sent in sents]
        cache = doc.user_data["kg_sents"] = (sents, index, texts)
    return cache


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence of token ``i``."""
    sents, index, _ = _cache(doc)
    return sents[index[i]]


def sentence_text(doc: Doc, i: int) -> str:
    """The text of the sentence of token ``i``, without surrounding white space."""
    _, index, texts = _cache(doc)
    return texts[index[i]]
