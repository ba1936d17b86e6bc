"""The kind of a name found by shape: Model, Method, Dataset or Benchmark (or a metric, which is no
entity), from its context ("the X benchmark", "X, a dataset of ..."), its long form and its shape.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.names import BENCHMARK, DATASET, METHOD, MODEL
from kg.nlp.lexicon import METRIC, QUOTES, Lexicon, head_kind, kind_word, word_list
from kg.nlp.mentions import Candidate
from kg.nlp.tokens import TokenView, view_of

__all__ = ["infer_kind", "long_form_kind"]

_NAMING_WORDS = word_list("naming_words")
_CLAUSE_STOP = word_list("clause_stops")

_MODEL_SHAPE = re.compile(
    r"(?:^|[-\s])\d+(?:\.\d+)?[BM]\b|[A-Za-z]\d+(?:\.\d+)?B$|instruct|chat|llava|gpt|-vl\b|vlm$|llms?$|-lm$|(?<!de)(?<!en)coder|bert$|clip|\bvit\b|whisper|diffusion|omni|tts$"
    r"|(?:^|[-\s])(?:llama|bloom|qwen|mistral|gemma|phi|t5|sam|opt)(?:$|[-\s\d])|(?:llama|bloom)$"
    r"|-[a-z]/\d\d?$",  # a size and a patch size: "Proteus-L/14"
    re.IGNORECASE,
)
_YEAR_END = re.compile(r"(?:^|\D)(?:19[89]\d|20[0-3]\d)$")
_DATASET_SHAPE = re.compile(r"\d+(?:\.\d+)?[kK]$")  # a count of examples: "LLaVA-Video-178K", "MathV360K"
_BENCHMARK_SHAPE = re.compile(r"bench|-?eval$|arena$|-qa$|qa$|-test$|-hard$|challenge$", re.IGNORECASE)
_VERB_BEFORE = word_list("verb_markers")  # after these a kind word is a verb: "we test X"
_NOUN_INGS = word_list("noun_ings")  # -ing words that name things ("the X training data"), not verbs
_CONTEXT_STOP = word_list("context_stops")  # prepositions: "GLOV on 16 datasets" is no dataset


def _clause_start(v: TokenView, i: int) -> int:
    """The first token of token ``i``'s clause: after the last comma before it in its sentence."""
    start = i
    while start > v.sent_start[i] and v.words[start - 1] != ",":
        start -= 1
    return start


def _opens_phrase(word: str) -> bool:
    """Whether ``word`` opens a prepositional phrase ("On the X, ..."); "of" only continues one."""
    return word in _CONTEXT_STOP and word != "of"


def _context_kind(doc: Doc, c: Candidate) -> str | None:
    """The kind a nearby noun gives a name: "X benchmark", "X, a novel framework", "a dataset, X"."""
    v = view_of(doc)
    words, lower = v.words, v.lower
    sent_start, sent_end = v.sent_start[c.start], v.sent_end[c.start]
    # Right after: "MVBench benchmark", "UI-JEPA, a novel framework that ..."; not into an
    # expansion: "Llama-3-SynE (Synthetic data Enhanced Llama-3)".
    # Not past the comma that ends an opening phrase: "On the Occ3D-nuScenes, the proposed method ...".
    opening = _opens_phrase(lower[_clause_start(v, c.start)])
    for i in range(c.end, min(sent_end, c.end + 6)):
        if words[i] == "(" and i + 1 < sent_end and words[i + 1][:1].isupper():
            break
        if opening and words[i] == ",":
            break
        kind = kind_word(lower[i])
        if kind is not None:
            return kind
        if words[i].islower() and (lower[i].endswith("s") and not lower[i].endswith("ss")
                                   or lower[i].endswith("ing") and lower[i] not in _NOUN_INGS
                                   or lower[i].endswith("ed") and i > c.end and words[i - 1] == ","):
            # a verb: "Crystal exhibits better data", "GLOV enabling Large Language Models", "X, tailored for MLLMs"
            break
        if (v.is_punct[i] and words[i] not in (",", "(", ")", '"', "“", "”")
                or lower[i] in _CLAUSE_STOP or lower[i] in _CONTEXT_STOP
                or lower[i] in ("and", "or") and words[i - 1] == "," and i + 1 < sent_end
                and lower[i + 1] in ("a", "an", "the", "our")):  # "X, and a model named Y": Y's
            break
    # Before: "a new benchmark, EntityGrid-QA", "two new datasets, "Intent in the Wild" (IIW)", "a
    # method (GLOV)", "our adapted models, ChocoLlama-2": the nearest word, past punctuation and
    # "named"; not "these new data types, BitMoD", nor a phrase before the subject ("On public
    # Mandarin benchmarks, FireRedASR-AED achieves").
    anchor = c.long_start if c.long_start is not None else c.start
    for k in range(anchor - 1, max(sent_start, anchor - 4) - 1, -1):
        if lower[k] in _NAMING_WORDS:
            return _named_head(v, k)
        kind = head_kind(lower[k - 1] if k else "", lower[k])
        if kind is not None and k > 0 and lower[k - 1] in _VERB_BEFORE:  # "we test X", "to benchmark X"
            return None
        if kind is not None:
            # "On public Mandarin benchmarks, X", "Notably, on the Adv-nuScenes dataset, X": a phrase
            # opened by a preposition, or with one just before the noun, is no appositive.
            opener = {lower[_clause_start(v, k)], *lower[max(sent_start, k - 4) : k]}
            if words[k + 1] == "," and any(_opens_phrase(w) for w in opener):
                return None
            return kind
        if not (v.is_punct[k] or lower[k] in _NAMING_WORDS):
            break
    return None


def _named_head(v: TokenView, k: int, strict: bool = False) -> str | None:
    """The kind of the noun phrase that the naming word at ``k`` names: its head noun, the last one
    before any prepositional phrase ("a high-quality dataset for instruction tuning named X").
    ``strict``: a head that names models and methods alike ("a framework called X") says no kind."""
    head = None
    for j in range(k - 1, max(v.sent_start[k], k - 12) - 1, -1):
        if v.lower[j] in ("a", "an", "the", "our", "this", "these") and not (
                j > 1 and v.lower[j - 1] in _CONTEXT_STOP and kind_word(v.lower[j - 2])):
            break  # (but "a unified MLLM with the MoE architecture, named X": read past the modifier's "the")
        if v.is_punct[j] and v.words[j] not in ("-", ","):
            break
        if v.lower[j] in _CONTEXT_STOP and not (v.lower[j] == "of" and v.lower[j - 1] in _GROUP_NOUNS):
            head = None  # what follows a preposition is its object, not the head; "a series of models" is models
        elif head is None and v.lower[j] not in _GROUP_NOUNS:  # "a new family of SMoEs named X" says no kind
            head = head_kind(v.lower[j - 1] if j else "", v.lower[j])
            if strict and v.lower[j] in _EITHER_KIND_HEADS:
                return None
    return head


_EITHER_KIND_HEADS = word_list("either_kind_heads")
_PART_VERBS = word_list("part_verbs")  # "a dataset containing ...", "a benchmark comprises ..."
_GROUP_NOUNS = word_list("group_nouns")
_APPOSITIVE_END = _CLAUSE_STOP | word_list("appositive_ends")


_APPOSITIVE_OPENERS = {",", "\u2014", "\u2013", "--"}  # a comma or a dash: "Kraken \u2014 a real-time ... model"


_SYSTEM = "system"  # an appositive headed by "framework", "system": a model or a method, either


def _opens_superlative(word: str) -> bool:
    """Whether ``word`` after "the" opens an appositive: "the first", "the largest" (not "the test set")."""
    return word in ("first", "most", "best") or (word.endswith("est") and len(word) > 4)


def _appositive_kind(v: TokenView, c: Candidate) -> str | None:
    """The kind the head noun of an appositive gives a name: "LLM2LLM, a targeted and iterative
    data augmentation strategy that ..." is a method (the head is the last noun, "strategy", not
    the first kind word met, "data")."""
    words, lower = v.words, v.lower
    i = c.end
    # "``CodeT5+'', a family of ...", "Fine-Grained CLIPScore (F-CLIPScore), an evaluation metric"
    while i < len(words) and (words[i].strip(QUOTES) == "" or words[i] == ")" and c.long_form):
        i += 1
    # past the long form in brackets: "ECHO (Evaluating Communication over long HOps), a novel benchmark"
    close = v.closing_bracket(i, i + 12)
    if close is not None:
        i = close + 1
    # A title's head has its appositive after the colon: "VideoPoet: A Large Language Model for ...".
    opener = words[i] if i < len(words) else ""
    if i + 1 >= len(words) or not (opener in _APPOSITIVE_OPENERS or opener == ":" and c.start == 0):
        return None
    if lower[i + 1] in ("a", "an"):
        start = i + 2
    elif lower[i + 1] == "the" and i + 2 < len(words) and _opens_superlative(lower[i + 2]):
        start = i + 3  # "Mind2Web, the first dataset for ...", "MotionMillion, the largest human motion dataset"
    else:
        return None
    head = group = None
    either = False
    for j in range(start, min(v.sent_end[c.start], start + 12)):
        if lower[j] == "of" and j > 0 and lower[j - 1] in _GROUP_NOUNS:
            # "a collection of vision models": the members say the kind, else the group does
            group, head = head, None
            continue
        compound = words[j - 1] == "-" or lower[j] == "based" and j + 1 < len(words) and lower[j + 1] not in ("on", "upon")
        # a comma between adjectives, before any kind noun: "a model-agnostic, training-free method"
        listed = (words[j] == "," and head is None and j + 1 < len(words) and words[j + 1].islower()
                  and lower[j + 1] not in _APPOSITIVE_END and lower[j + 1] not in ("and", "or", "which", "who"))
        if listed:
            continue
        if lower[j] in _APPOSITIVE_END and not compound or (v.is_punct[j] and words[j] != "-") or words[j].isspace():
            break  # (not inside a compound: "a 4D Gaussian-based Transformer model", "a QA based evaluation suite";
            # the title's end: "LAiW: A Chinese Legal Large Language Models Benchmark")
        # A participle or a verb ends the noun phrase: "a ... language model fine-tuned with ...", "...
        # model trained", "a dataset containing 25 categories", "an engine supporting many LLMs" (but
        # an -ing word before a kind noun is part of the phrase: "an LLM serving system").
        participle = lower[j].endswith("ed") or j + 2 < len(words) and words[j + 1] == "-" and lower[j + 2].endswith("ed")
        verb = lower[j] in _PART_VERBS or (lower[j].endswith("ing") and lower[j] not in _NOUN_INGS
                                           and j + 1 < len(words) and kind_word(lower[j + 1]) is None)
        # (or an adverb before one: "a novel benchmark specifically designed to ...")
        adverb = lower[j].endswith("ly") and j + 1 < len(words) and lower[j + 1].endswith(("ed", "ing"))
        if head is not None and (participle or verb or adverb) and words[j - 1] != "-":
            break
        head = head_kind(lower[j - 1], lower[j]) or (head if lower[j] == "-" else None)
        # "framework", "system", "architecture" head models and methods alike (HiRes-LLaVA, "a
        # novel framework", ships weights): they leave the kind to the name's shape.
        if lower[j] in _EITHER_KIND_HEADS:
            head, either = None, True
        elif head is not None:
            either = False
    return head or group or (_SYSTEM if either else None)


def long_form_kind(c: Candidate) -> str | None:
    """The kind the head noun of an acronym's long form gives: "a new medical evaluation benchmark
    (MIBE)"; not the object in "Decoding-time Alignment of LLMs (DeAL)"."""
    if not c.long_form:
        return None
    words = re.split(r"\s(?:of|for|with|in|on|via|from|to|by)\s", c.long_form.lower())[0].split()
    return kind_word(words[-1]) if words else None


def _named_kind(v: TokenView, c: Candidate) -> str | None:
    """The kind of what a naming word right before the name names: "a quantization scheme for LLMs,
    namely SliM-LLM", "a multimodal training scheme called 4M" (not "a framework called X")."""
    anchor = c.long_start if c.long_start is not None else c.start
    for k in range(anchor - 1, max(v.sent_start[c.start], anchor - 4) - 1, -1):
        if v.lower[k] in _NAMING_WORDS:
            return _named_head(v, k, strict=True)
        if not v.is_punct[k]:
            return None
    return None


def infer_kind(doc: Doc, c: Candidate, lexicon: Lexicon) -> tuple[str, int]:
    """Type of a name the knowledge base does not know, from its shape and the words around it,
    with how sure that is (3: an appositive's head noun, or the noun a naming word names; 2: shape
    or context; 0: the default), so that the surest of a name's mentions in a paper decides."""
    v = view_of(doc)
    appositive = _appositive_kind(v, c) or _named_kind(v, c)
    if appositive is not None and appositive != _SYSTEM:
        return appositive, 3
    # "FinArena: A ... Framework for ...": a model or a method, whatever its shape says of data
    system = appositive == _SYSTEM
    long_head = long_form_kind(c)
    if long_head is not None:
        return long_head, 3
    context = _context_kind(doc, c)
    if context in (BENCHMARK, DATASET, METRIC) and not system:  # "a dataset, LongQA" before the shape of its name
        return context, 2
    if _BENCHMARK_SHAPE.search(c.surface.rstrip("+")) and not system:
        # the noun the text gives outranks a benchmark-like shape: "a novel framework, Flipped-VQA"
        return (context, 2) if context in (METHOD, MODEL) else (BENCHMARK, 2)
    if _DATASET_SHAPE.search(c.surface) and not system:
        return DATASET, 2
    if _MODEL_SHAPE.search(c.surface) or c.rule == "shape-version":
        return MODEL, 2
    if context is None and _YEAR_END.search(c.surface):
        return DATASET, 1  # an edition of data: "APTOS2019", "CROHME 2014", "ICDAR2015" (no model ends so)
    if context is None and re.search(r"[A-Za-z][-\s]?[vVG]?\d+(?:\.\d+)?$", c.surface):
        return MODEL, 1  # a versioned new name ("ChocoLlama-2", "X-Codec2", "LLaSE-G1") ships weights
    return (context, 1) if context else (METHOD, 0)
