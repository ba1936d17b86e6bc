"""The spaCy pipeline: ``spacy.blank("en")``, kg's tokenizer, sentences, and the ``kg_extractor``.

``kg_extractor`` sets two extensions with plain values (tuples of strings and numbers), so
``nlp.pipe(n_process=N)`` can ship them between processes:

- ``Doc._.kg_entities``: the fields of each :class:`~kg.nlp.records.LocalEntity`, in order
- ``Doc._.kg_relations``: the fields of each :class:`~kg.nlp.records.RelationHit`, in order

:func:`extract_papers` turns them back into those records.

>>> from kg.nlp.pipeline import make_pipeline
>>> nlp = make_pipeline()
>>> doc = nlp("ZetaNet: Faster Adapters\\nWe propose ZetaNet, built on LoRA.")
>>> sorted(e[1] for e in doc._.kg_entities)
['LoRA', 'ZetaNet']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import astuple

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from kg.linking.kb import KnowledgeBase, load_kb
from kg.nlp.extract import extract_doc
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.records import Extraction, LocalEntity, RelationHit, entity_from_plain, relation_from_plain
from kg.nlp.cues import CueMatcher
from kg.nlp.tokens import drop_view
from kg.nlp.tokenizer import customize_tokenizer
from kg.sources.record import Paper

__all__ = ["make_pipeline", "KgExtractor", "extract_papers", "paper_text", "records_of"]

for _name in ("kg_entities", "kg_relations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=())


@Language.component("kg_title_boundary", assigns=["token.is_sent_start"])
def title_boundary(doc: Doc) -> Doc:
    """The title is its own sentence: the abstract starts after the first newline."""
    # Token texts from the ORTH column: ``Doc.text`` and iterating the doc make a Token per token.
    strings = doc.vocab.strings
    words = (strings[orth] for orth in doc.to_array(ORTH).tolist()) if len(doc) else ()
    after_newline = False
    for i, word in enumerate(words):
        if after_newline and not word.isspace():
            doc[i].is_sent_start = True
            break
        after_newline = after_newline or "\n" in word
    return doc


@Language.component("kg_name_bang", assigns=["token.is_sent_start"])
def name_bang(doc: Doc) -> Doc:
    """A "!" glued to a word and followed by a lowercase word ends a name, not a sentence: "WHAM! and"."""
    for token in doc[1:-1]:
        if token.text == "!" and not doc[token.i - 1].whitespace_ and doc[token.i + 1].is_lower:
            doc[token.i + 1].is_sent_start = False
    return doc


class KgExtractor:
    """Find entities and relations of a paper doc; see :func:`kg.nlp.extract.extract_doc`."""

    def __init__(self, nlp: Language, name: str, *, kb: KnowledgeBase | None = None, lexicon: Lexicon | None = None):
        self.name = name
        self.kb = kb if kb is not None else load_kb()
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.cues = CueMatcher(nlp.vocab, self.lexicon.cues)

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            entities, relations = extract_doc(doc, self.kb, self.lexicon, self.cues)
            doc._.kg_entities = tuple(astuple(e) for e in entities)
            doc._.kg_relations = tuple(astuple(r) for r in relations)
        except Exception as err:  # one bad paper must not sink a build
            error_handler(self.name, self, [doc], err)
        finally:
            # The per-doc view must not travel with the doc between processes (nlp.pipe(n_process=N)).
            drop_view(doc)
        return doc

    def get_error_handler(self):
        return getattr(self, "_error_handler", _raise)

    def set_error_handler(self, handler) -> None:
        self._error_handler = handler


def _raise(name, component, docs, err):
    raise err


@Language.factory("kg_extractor", assigns=["doc._.kg_entities", "doc._.kg_relations"], requires=["token.is_sent_start"])
def make_kg_extractor(nlp: Language, name: str) -> KgExtractor:
    return KgExtractor(nlp, name)


def make_pipeline(kb: KnowledgeBase | None = None, lexicon: Lexicon | None = None) -> Language:
    """A blank English pipeline with kg's tokenizer, sentence rules and extractor."""
    nlp = spacy.blank("en")
    customize_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_name_bang")
    nlp.add_pipe("kg_title_boundary")
    component = nlp.add_pipe("kg_extractor")
    if kb is not None:
        component.kb = kb
    if lexicon is not None:
        component.lexicon = lexicon
        component.cues = CueMatcher(nlp.vocab, lexicon.cues)
    return nlp


def records_of(doc: Doc) -> tuple[tuple[LocalEntity, ...], tuple[RelationHit, ...]]:
    """The extractor's results of a processed doc as records."""
    return (tuple(entity_from_plain(e) for e in doc._.kg_entities),
            tuple(relation_from_plain(r) for r in doc._.kg_relations))


def paper_text(paper: Paper) -> str:
    """The text a paper is analysed as: its title, a newline, its abstract."""
    return f"{paper.title}\n{paper.abstract}"


def extract_papers(papers: Iterable[Paper], nlp: Language, batch_size: int = 64, n_process: int = 1) -> Iterator[Extraction]:
    """Run the pipeline over papers, yielding one :class:`Extraction` each, in order."""
    stream = ((paper_text(p), p) for p in papers)
    for doc, paper in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield Extraction(paper, *records_of(doc))
