"""CPU milliseconds per paper of each extraction step, one process, on the sample corpus.

    python scripts/profile_extraction.py [REPEAT]

Complements ``kg bench`` (whole stages, papers per second) when working on the extractor:
the spaCy tokenizer is the floor, everything above it is kg's own code. Steps are timed one
after the other on the same docs; "extract_doc" includes candidates and cue matching.
"""

from __future__ import annotations

import sys
import time

from kg.cache import encode_result
from kg.nlp.extract import extract_doc, title_end_of
from kg.nlp.introduced import introduced_names
from kg.nlp.mentions import find_candidates
from kg.nlp.pipeline import make_pipeline, paper_text, records_of
from kg.nlp.tokens import view_of
from kg.resources import sample_corpus
from kg.sources import read_papers


def clock(label: str, fn, items: list) -> list:
    start = time.process_time()
    out = [fn(x) for x in items]
    seconds = time.process_time() - start
    print(f"{label:40s} {1000 * seconds / len(items):6.3f} ms/paper")
    return out


def main(repeat: int) -> None:
    texts = [paper_text(p) for p in read_papers(sample_corpus())] * repeat
    nlp = make_pipeline()
    extractor = nlp.get_pipe("kg_extractor")
    list(nlp.pipe(texts[:100]))  # warm the tokenizer's and the linking key's caches
    docs = clock("tokenizer", nlp.make_doc, texts)
    clock("sentencizer", nlp.get_pipe("sentencizer"), docs)
    clock("title boundary", nlp.get_pipe("kg_title_boundary"), docs)
    clock("token view", view_of, docs)

    def candidates(doc):
        found = find_candidates(doc, extractor.kb, extractor.lexicon, title_end_of(doc))
        introduced_names(doc, title_end_of(doc), found)

    clock("candidates (mentions.py, introduced.py)", candidates, docs)
    clock("cue matching (cues.py)", extractor.cues, docs)
    clock("extract_doc (all of it)", lambda d: extract_doc(d, extractor.kb, extractor.lexicon, extractor.cues), docs)
    start = time.process_time()
    for doc in nlp.pipe(texts, batch_size=64):
        encode_result(*records_of(doc))
    seconds = time.process_time() - start
    print(f"{'pipeline + encode_result':40s} {1000 * seconds / len(texts):6.3f} ms/paper ({len(texts) / seconds:.0f} papers/s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
