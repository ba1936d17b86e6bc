"""Finding the named entities of one paper: knowledge-base names, names by shape and context, acronyms.

The algorithm is a set of module-level functions over a tokenized, sentence-split ``Doc``:

1. :func:`kb_matches` — longest runs of tokens whose text is a knowledge-base name or alias in
   any of its spellings (``LLaMA2``, ``Llama-2``, ``LLaMA 2``), or such a name plus a size or
   variant suffix (``Llama-2-7B`` -> variant of Llama 2).
2. :func:`shape_matches` — names by shape: inner capitals (``TransMLA``), letters with digits
   (``Qwen2``), hyphenated capitals (``UI-JEPA``), capitalised words followed by a version
   (``Claude 3.5 Sonnet``) and runs of capitalised words inside a sentence (``Regressive
   Connection``), minus the stop list and generic vocabulary.
3. Names by context: "X: ..." title heads, "named/dubbed X", lists after "benchmarks such as".
4. Acronyms: "Multi-head Latent Attention (MLA)" joins both forms into one entity; an acronym
   with a lowercase, generic expansion ("key-value (KV)") is not an entity unless introduced.

Which of these names the paper introduces is :mod:`kg.nlp.introduced`'s job, and the kind of a
name found by shape is :mod:`kg.nlp.kinds`'s.

Why not spaCy's PhraseMatcher for step 1: spelling variants of one name tokenize differently
("LLaMA2" is one token, "LLaMA 2" two), so token-sequence matching would need every variant
spelled out; matching normalised keys of token runs covers them all with one index.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.linking.kb import KbEntity, KnowledgeBase
from kg.linking.normalize import NAMED_SIZES, key, split_glued_size, split_variant
from kg.names import BENCHMARK, DATASET, METHOD, MODEL
from kg.nlp.abbreviations import Abbreviation, best_long_form, find_abbreviations
from kg.nlp.lexicon import QUOTES, Lexicon, head_kind, kind_word, word_list
from kg.nlp.tokens import TokenView, view_of

__all__ = ["SIZE_ONLY", "Candidate", "find_candidates", "kb_matches", "shape_matches", "self_before", "title_frame"]

MAX_TOKENS = 8

_INNER_CAP = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]*[A-Z]?|[A-Z][a-z]+[A-Z]")
_LETTER_DIGIT = re.compile(r"[A-Za-z].*\d|\d.*[A-Za-z]")
SIZE_ONLY = re.compile(r"^\d+(?:\.\d+)?[BMKTbmkt]$|^\d+x\d+[BM]$")
_NOT_NAME = re.compile(
    r"^(?:\d+(?:st|nd|rd|th|D|d|K|k|x|X|%|M|B|T|s)|[A-Z]\d|\d+\.\d+[a-z]*|[a-z]+\d*|v\d+(?:\.\d+)*|\d+[-/]\w+|.*\d{3,}[-/]\d.*"
    r"|(?:[Rr]ank|[Tt]op|[Pp]ass|[Ss]tep|[Ss]tage|[Pp]hase|[Ll]ayer|[Rr]ound)-\d+"  # "Rank-1", "stage-2": a count
    r"|(?:[Ss]ub|[Oo]ver|[Uu]nder|[Nn]ear)-\d+(?:\.\d+)?[BMKTbmkt]"  # "the sub-10B category": a size range
    r"|(?:[Mm]id|[Ee]arly|[Ll]ate|[Pp]re|[Pp]ost)-(?:19|20)\d\d"  # "papers up to mid-2024": a date
    r"|\d+(?:\.\d+)?(?:dB|ms|fps|FPS|[kMG]?Hz|[KMGT]B|[mk]W|mm|cm|km|px)"  # a measure: "32.33dB", "24GB"
    rf"|W\d+A\d+(?:KV\d+)?|(?:{NAMED_SIZES})-v\d+)$"  # bit widths ("W4A8"); "large-v3" alone
)
# (a letter after the number, but not a duration or a factor: "Teller 0.92s", "Zeta 2.5x")
_VERSION = re.compile(r"^(?:[vV]?\d+(?:\.\d+)*[a-rt-wyz]?|V\d+|R\d+|[IVX]{1,4})$")
_INTRO_VERBS = word_list("intro_verbs")
_NAMING_WORDS = word_list("naming_words")
_CLAUSE_STOP = word_list("clause_stops")
_SELF_WORDS = word_list("self_words")
# Before "proposed", "introduced" ...: the verb is a participle describing a noun ("our proposed approach").
_PARTICIPLE_MARKERS = word_list("participle_markers")
_MONTHS = word_list("months")
_REPORT_WORDS = word_list("report_words")
_TITLE_DATA_WORDS = frozenset({"dataset", "datasets", "corpus", "corpora"})
_TITLE_BENCHMARK_WORDS = frozenset({"benchmark", "benchmarks"})
_DATA_NOUNS = {"dataset": DATASET, "corpus": DATASET, "benchmark": BENCHMARK}
_LANGUAGE_NAMES = word_list("language_names")
_COMPONENT_NOUNS = word_list("component_nouns")
_NAME_SUFFIXES = word_list("name_suffixes")
_ARCHITECTURE_TAILS = word_list("architecture_tails")
_GENERIC_HEADS = word_list("generic_heads")
_TASK_HEADS = word_list("task_heads")
_METRIC_HEADS = word_list("metric_heads")  # "Chamfer Distance (CD)", "Model FLOPs Utilization (MFU)"
_TUNING_SUFFIXES = frozenset({"instruct", "chat", "base"})
_TASK_NUMBER = re.compile(r"^\d{1,2}[A-Za-z]?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_PLURAL_GENERIC_HEADS = frozenset(w for w in _GENERIC_HEADS if w.endswith("s"))  # a class of models
_OWN_OPENERS = word_list("own_openers")  # "our method, X", "the resulting model, X", "the curated dataset, X"
_SLOGAN_WORDS = word_list("slogan_words")  # a title head with these is a clause, not a name
_SLOGAN_OPENERS = _SLOGAN_WORDS | word_list("slogan_openers")  # nor one that opens with these: "Beyond RAG: ..."


@dataclass
class Candidate:
    """A span that names an entity, with what is known about it so far."""

    start: int  # token index
    end: int  # token index, exclusive
    surface: str
    rule: str
    kb: list[KbEntity] = field(default_factory=list)
    family: KbEntity | None = None
    variant: str | None = None
    kind: str | None = None
    introduced: bool = False
    introduced_rule: str | None = None
    long_form: str | None = None
    long_start: int | None = None  # token where the long form of an acronym starts
    long_after: tuple[int, int] | None = None  # tokens of a long form in brackets after the name


# Thousands after a model's name count examples: "Video-R1-260K", "LLaVA-Video-178K" are datasets
# (but a context length is the model's: "GPT-4-128K", "Yi-200K").
_DATA_SIZE = re.compile(r"^(?!(?:4|8|16|32|64|128|200|256)[kK]$)\d+(?:\.\d+)?[kK]$")

# A token that may end a size/variant name ("7B", "Llama-2-7b-hf", "GPT-4 Turbo", "gpt-4-0613").
_VARIANT_HINT = re.compile(r"\d[BMKTbmkt]\b|\d+x\d|instruct|chat|base|mini|small|medium|large|turbo|pro|plus|max|lite|nano|flash|ultra|xl|hf|-it\b|\d{4}|v\d",
                           re.IGNORECASE)


@lru_cache(maxsize=65536)
def _variant_hint(word: str) -> bool:
    return bool(_VARIANT_HINT.search(word))


def _can_end_name(words: list[str], i: int, j: int) -> bool:
    last = words[j - 1]
    if last in ("'s", "\u2019s"):  # keys drop the apostrophe: "GLA’s" is no "GlaS"
        return False
    if last.rstrip("+")[-1:].isalnum() or last in ("+", "++"):  # ("Gaze+" in "EGTEA Gaze+")
        return True
    return last == ")" and "(" in words[i:j]


_CITATION_KEY = re.compile(r"[A-Z][A-Za-z]{0,5}\+?\d{2}[a-z]?$")  # "Zha+25", "AM23", "DYT24"
_BIBTEX_KEY = re.compile(r"[a-z]+(?:19|20)\d{2}[a-z]*")  # "liu2023visual"
_RUN_BREAKS = frozenset({":", ",", ";", "(", ")", "[", "]"})


def kb_matches(doc: Doc, kb: KnowledgeBase) -> list[Candidate]:
    """Longest knowledge-base names (or family + size variant) in ``doc``, left to right.

    The walk from each token extends a run while its linking key is the prefix of some
    knowledge-base key (or the last token looks like a size), so most tokens cost one lookup.
    """
    found: list[Candidate] = []
    v = view_of(doc)
    words = v.words
    keys = [key(w) for w in words]
    n = len(words)
    i = 0
    while i < n:
        if not words[i][:1].isalnum() or v.in_url[i]:  # a name only inside a URL is no mention (guideline 3b)
            i += 1
            continue
        limit = min(n, i + MAX_TOKENS, v.sent_end[i])
        match: Candidate | None = None
        run_key = ""
        for j in range(i + 1, limit + 1):
            if j - 1 > i and words[j - 1] in _RUN_BREAKS:  # "LLaVA: Large Language ..." is no "LLaVA-Large"
                break
            run_key += keys[j - 1]
            prefix = kb.has_prefix(run_key)
            hint = _variant_hint(words[j - 1])
            if not prefix and not hint and not (run_key.endswith("s") and kb.has_key(run_key[:-1])):
                break
            # The run's key is the key of its text: no name has it, no lookup can succeed.
            known = kb.has_key(run_key)
            plural = run_key.endswith("s") and kb.has_key(run_key[:-1])
            if not (known or plural or hint) or not _can_end_name(words, i, j):
                continue
            surface = v.span_text(i, j)
            if kb.is_stopword(surface):
                continue
            entities = kb.lookup(surface) if prefix and known else []
            if not entities and prefix and known and i == v.sent_start[i] and surface[1:2].islower():
                entities = kb.lookup(surface[0].lower() + surface[1:])  # "Flow matching has emerged ..."
            if entities and j - i > 1 and v.is_stop[i] and words[i].islower() and not any(
                    name.lower().startswith(lower_first) for e in entities for name in e.names
                    for lower_first in (words[i] + " ", words[i] + "-")):
                entities = []  # "challenges in AT" is no "iNat" (keys ignore spaces; "The Pile" starts so)
            if not entities and plural and surface.endswith("s") and len(surface) > 3 and (
                    surface[-2].isupper() or " " not in surface and any(c.isupper() for c in surface[1:-2])
                    or " " in surface and surface.islower()):
                # "ViTs", "MoEs", "UNets", "ResNets"; a lowercase alias in the plural: "deformable convolutions"
                entities = kb.lookup(surface[:-1])
            if entities:
                match = Candidate(i, j, surface, "kb", kb=entities)
                continue
            if hint:
                # The family is the longest known head: "LLaMA Pro-Instruct" is LLaMA's "Pro-Instruct".
                # (or a size glued to a known family: "Pythia70M")
                variant = split_variant(surface) or split_glued_size(surface)
                while variant is not None:
                    # A size makes a lowercase family a name too: "gemma-7B", "mistral-7b".
                    families = [e for e in kb.lookup_any_case(variant.family) if e.type == MODEL]
                    if families:
                        rest = surface[len(variant.family):].lstrip(" -")
                        if _DATA_SIZE.match(rest):
                            match = Candidate(i, j, surface, "shape", kind=DATASET)
                        else:
                            match = Candidate(i, j, surface, "kb-variant", family=families[0], variant=rest)
                        break
                    variant = split_variant(variant.family)
        if match is None:
            i += 1
            continue
        # "Defects4J v2": a version of a known benchmark, dataset or method is its own entity; one of
        # a known model is its variant, "TabPFN v2" (not "v1.51.51.5", a page's garbled maths).
        if match.kb and match.end < n and _LETTER_VERSION.match(words[match.end]):
            model = next((e for e in match.kb if e.type == MODEL), None)
            surface = v.span_text(i, match.end + 1)
            if model is None:
                match = Candidate(i, match.end + 1, surface, "shape-version", kind=match.kb[0].type)
            elif _MODEL_VERSION.match(words[match.end]) and not match.variant:
                match = Candidate(i, match.end + 1, surface, "kb-variant", family=model, variant=words[match.end])
        # "Llama-family models": a label for many artifacts, not a mention (but "DETR-like" builds on DETR).
        if not (match.end + 1 < n and words[match.end] == "-" and v.lower[match.end + 1] in ("family", "families")):
            found.append(match)
        i = match.end
    return found


_LIST_GLUE = {"(", ")", ",", "and", "or", "to", "/", "-", "&"}
_LETTER_VERSION = re.compile(r"^[vV]\d+(?:\.\d+)*$")
_MODEL_VERSION = re.compile(r"^[vV]\d+(?:\.\d+)?$")


_TRAILING_VERSION = re.compile(r"[-\s]?v?\d+(?:\.\d+)?$")
_BARE_VERSION = re.compile(r"^\d+(?:\.\d+)?$")
_SIZE_WORD = re.compile(rf"^(?:{NAMED_SIZES})(?:-v\d+)?$", re.IGNORECASE)


def size_list_matches(doc: Doc, found: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """Bare sizes after a model name are its variants: "Llama 2 (7B, 13B and 70B)" (guideline 3b);
    bare versions are the family's other versions: "LLaMA2/3", "Qwen 2, 2.5"."""
    v = view_of(doc)
    words = v.words
    sizes: list[Candidate] = []
    for c in found:
        family = c.family or (c.kb[0] if len(c.kb) == 1 and c.kb[0].type == MODEL else None)
        if family is None:  # other known names list versions only: "AIME24/25", "DOTA-v1.0/v1.5/v2.0"
            base, j = _TRAILING_VERSION.sub("", c.surface), c.end
            while (len(c.kb) == 1 and base != c.surface and j + 1 < len(words) and words[j] == "/"
                   and (_BARE_VERSION.match(words[j + 1]) or _LETTER_VERSION.match(words[j + 1]))):
                other = kb.lookup(f"{base} {words[j + 1]}")
                if len(other) == 1 and other[0].type == c.kb[0].type:
                    sizes.append(Candidate(j + 1, j + 2, words[j + 1], "kb", kb=other))
                j += 2
            continue
        base = _TRAILING_VERSION.sub("", c.surface) if c.family is None else ""
        j = c.end
        end = v.sent_end[c.start]
        # "LLaMA2 models from 7B/13B to 70B", "LLaMA models of sizes 7B, 13B, and 30B", "scaling
        # LLaVA up to 33B and 65B".
        if j + 1 < end and v.lower[j] in ("model", "models") and v.lower[j + 1] in ("from", "of", "with"):
            j += 2
            if j < end and v.lower[j] in ("size", "sizes", "scale", "scales"):
                j += 1
        elif j + 1 < end and v.lower[j] == "up" and v.lower[j + 1] == "to":
            j += 2
        elif c.family is not None and j + 2 < end and words[j] == "(" and v.lower[j + 2].startswith("param"):
            continue  # "Whisper Large v3 (1.5B parameters)": the size of that variant, not another one
        bracketed = j < end and words[j] == "("  # "Whisper (Small & Large-V2)", "BERT (base and large)"
        while j < end:
            word = words[j].rstrip(".")
            versions = kb.lookup(f"{base} {word}") if base and base != c.surface and _BARE_VERSION.match(word) else []
            named_size = bracketed and c.family is None and _SIZE_WORD.match(word)
            if named_size:
                versions = kb.lookup(f"{family.name} {word}")
            if family.type != MODEL:  # other editions of a benchmark: "YouTube-VIS 2019/2021/2022"
                if not _YEAR.match(word) and word not in _LIST_GLUE:
                    break
                if _YEAR.match(word):
                    sizes.append(Candidate(j, j + 1, word, "kb-variant", family=family, variant=word))
            elif SIZE_ONLY.match(word) and word[-1] not in "Kk":  # ("Mistral-7B to 128K tokens": a context length)
                if bracketed and j + 1 < end and v.lower[j + 1] in _TUNING_SUFFIXES:  # "LLaMA-3.2 (3B Instruct)"
                    sizes.append(Candidate(j, j + 2, v.span_text(j, j + 2), "kb-variant", family=family,
                                           variant=f"{word}-{words[j + 1]}"))
                    j += 2
                    continue
                sizes.append(Candidate(j, j + 1, word, "kb-variant", family=family, variant=word))
            elif len(versions) == 1 and versions[0].type == MODEL:
                sizes.append(Candidate(j, j + 1, word, "kb", kb=versions))
            elif named_size:
                sizes.append(Candidate(j, j + 1, word, "kb-variant", family=family, variant=word))
            elif words[j] not in _LIST_GLUE:
                break
            j += 1
    return sizes


_NOT_NAME_CHARS = re.compile(r"[_{}\\<>@,;|=%]|\^(?!\d)|^[A-Za-z]{1,2}\^|--|^arXiv:|\d+(?:\.\d+)?[KMGT]B$"
                             r"|^[a-z]{2,}[A-Z]+$|^a[A-Z]+$|^[a-z][A-Z]{1,2}$|-(?:to|then|vs)-|-[a-z]+ed$|[A-Za-z]\.[A-Z][a-z]|[a-z]{2}\.\d"
                             r"|(?:right|left)arrow|[a-z]x20[0-9a-f]{2}|^\d+x[A-Z]\d|-(?:with|or|and|which|the)$"
                             r"|^(?:sim|approx|gg|geq|leq|times)\d|^[a-z]{3,}[-\u2013][A-Z]{2,}s?$|^[A-Z]{2,}s?\u2013(?:[a-z]{3,}|an?|the)$"  # ("human-AI", "LLM–human")
                             r"|^[^(]*\)"  # a bracket that closes first: "M)LLM" of "(M)LLMs"
                             r"|^-|-$")  # a symbol lost before a hyphen, a name cut at one: "-DPO", "GAN- and"
# "Bailong-bench", "Zeta-instruct": a plain word made a name by a suffix that only names carry.
_NAME_SUFFIX = re.compile(r"^[A-Z][a-z]+(?:-[a-z]+)*-(?:{})$".format("|".join(sorted(_NAME_SUFFIXES))))
_LETTER_PREFIX = re.compile(r"^[A-Z]-[A-Z][a-z]+$")  # "G-Search", "P-Sigmoid", "U-Net"
_LANGUAGE_PAIR = re.compile(r"(?:{0})-(?:{0})".format("|".join(sorted(word_list("language_codes")))), re.IGNORECASE)


@lru_cache(maxsize=65536)
def _name_shaped(text: str) -> bool:
    # LaTeX (L_0, \rangle^{-1}, "EnglishrightarrowGerman" once the backslash is lost; but "GlobalCom^2"
    # is a name), citations (ASA+22,GTLV22), sizes (160GB), directions (PHP-to-Python, DE-EN), rates
    # (sim50%), a name made an adjective (SSA-equipped), two sentences or a footnote glued
    # (LLM.Through, available.5), an escaped dash (scratchx2013even), a GPU count (8xA800), a dash
    # written as a hyphen (LLMs-with), a LaTeX relation before a number (sim8B, gg4K), a word
    # before an acronym (image-QA, human-AI), a word glued to one (theLLM) or a unit (dB, mK); but
    # one lowercase letter before three capitals is a name (eSEN, xLSTM, mPLUG)
    if _NOT_NAME_CHARS.search(text) or _LANGUAGE_PAIR.fullmatch(text):
        return False
    if len(text) < 2 or not any(c.isalpha() for c in text) or SIZE_ONLY.match(text) or _NOT_NAME.match(text):
        return False
    # Hyphenated words count when a part is itself name-like: "UI-JEPA", "X-Codec2", not "Self-Mining".
    return bool(_INNER_CAP.search(text) or (_LETTER_DIGIT.search(text) and text[0].isalpha())
                or _NAME_SUFFIX.match(text) or _LETTER_PREFIX.match(text))


def _shouting(v: TokenView, title_end: int) -> bool:
    """Whether the title is written in capitals throughout."""
    letters = [ch for ch in v.span_text(0, title_end) if ch.isalpha()] if title_end else []
    return len(letters) > 20 and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and text[1:2].islower() and text.replace("-", "").isalpha()


def shape_matches(doc: Doc, kb: KnowledgeBase, lexicon: Lexicon, taken: set[int], title_end: int = 0) -> list[Candidate]:
    """Names found by their shape in tokens no knowledge-base match covers."""
    v = view_of(doc)
    words, lower = v.words, v.lower
    generic = lexicon.generic_words
    found: list[Candidate] = []
    n = len(words)
    # A title in capitals ("LANGUAGE BIAS IN SELF-SUPERVISED LEARNING ...") gives no shape.
    i = title_end if _shouting(v, title_end) else 0
    while i < n:
        if i in taken:
            i += 1
            continue
        text = words[i].rstrip(".")
        start, end = i, i + 1
        rule = kind = None
        if v.in_url[i] or _citation_key(words, i):
            i += 1
            continue
        sentence_start = v.sent_start[i] == i
        if _name_shaped(text) and not kb.is_stopword(text) and not kb.is_stopword(text.rstrip("s")):
            rule = "shape"
        elif (_capitalised(words[i]) and i + 1 < n and SIZE_ONLY.match(words[i + 1]) and (i + 1) not in taken
              and i >= title_end and not v.is_stop[i] and lower[i] not in generic
              and not (sentence_start and lower[i].endswith(("ing", "ed")))):
            # "Bailong 7B", first in a sentence too: a size follows a name (but a title capitalises
            # any word, "Common 7B Language Models", and so does a sentence, "Deriving 8B models")
            rule, end = "shape-version", i + 2
        elif (_capitalised(words[i]) and i + 1 < n and _VERSION.match(words[i + 1]) and (i + 1) not in taken
              and not (i + 2 < n and lower[i + 2] in ("°", "%", "degree", "degrees"))  # "Real-Time 360°": an angle
              and not sentence_start and not v.is_stop[i] and lower[i] not in _MONTHS
              and lower[i] not in generic and lower[i - 1] not in ("is", "are")):  # "An Image is Worth 2 Tokens"
            rule = "shape-version"
        elif (_capitalised(words[i]) and not sentence_start and i >= title_end and lower[i - 1] == "the"
              and i + 1 < n and lower[i + 1] in _DATA_NOUNS and (i + 1) not in taken and lower[i] not in generic
              and lower[i] not in _LANGUAGE_NAMES):
            # "the Fisher dataset", "the Switchboard corpus": one plain word, named by its kind (not "the English dataset")
            rule, kind = "shape", _DATA_NOUNS[lower[i + 1]]
        elif _capitalised(words[i]) and not sentence_start and (
                lower[i] not in generic or (i > 0 and (lower[i - 1] in ("a", "an", "the") or lower[i - 1] in _INTRO_VERBS))):
            # A run of two to five capitalised words inside a sentence ("Regressive Connection",
            # "an Attention Decoder"); a generic word starts one only after an article or our verb
            # ("we propose Image Conductor").
            j, capitals = i + 1, 1
            while j < n and j not in taken and capitals < 5:
                if _capitalised(words[j]) or _name_shaped(words[j]):
                    j, capitals = j + 1, capitals + 1
                elif (words[j] == "-" and j + 2 < n and words[j + 1].isalpha() and words[j + 1].islower()
                      and v.idx[j] == v.idx[j - 1] + len(words[j - 1]) and v.idx[j + 1] == v.idx[j] + 1
                      and _capitalised(words[j + 2]) and j + 2 not in taken):
                    j += 2  # "Semantic-aware Expert Modeling": a lowercase part after a hyphen
                else:
                    break
            # (after our verb, only a name its appositive follows: not a long form before its acronym)
            after_verb = lower[i] in generic and lower[i - 1] in _INTRO_VERBS
            # (nor a language before generic terms: "Hindi LLM evaluation datasets")
            plain = all(kb.is_stopword(w) or w.lower() in _LANGUAGE_NAMES for w in words[i:j])
            if (capitals >= 2 and not kb.is_stopword(v.span_text(i, j)) and not plain
                    and not (after_verb and (j >= n or words[j] != ","))):
                rule, end = "shape-title", j
        if rule is None:
            i += 1
            continue
        # Extend over a version, a size and name parts: "Claude 3.5 Sonnet", "Deepseek V2", "Qwen2 VL",
        # "openCabrita 3B".
        while end < n and end not in taken and end - start < 5:
            sized = re.search(r"\d[BMK]$", words[end - 1]) is not None  # "Mistral-7B" "1": a footnote, not a version
            if v.idx[end] == v.idx[end - 1] + len(words[end - 1]) and words[end].isdigit():
                break  # a footnote mark the tokenizer split off: "ComposerX111Demo"
            if (_VERSION.match(words[end]) and not sized or rule == "shape" and SIZE_ONLY.match(words[end])
                    or (_capitalised(words[end]) and rule != "shape-title" and lower[end] not in generic
                        and any(_VERSION.match(w) for w in words[start:end]))):
                end += 1
            else:
                break
        # "SliceRestore adapter", "HNeRV block": a new name with the component it names; but an
        # acronym the text defines ("Mixture-of-Depths (MoD)") names the thing itself: "MoD module".
        # In the abstract it may come in Title Case, after up to two capitalised words ("FTC Block",
        # "FusionLock-TSS Attention Module"); a title capitalises any head noun.
        if rule == "shape" and end < n and end not in taken and f"({text})" not in v.text:
            k = end
            while (k < end + 2 and k + 1 < n and k + 1 not in taken and _capitalised(words[k])
                   and lower[k] not in _COMPONENT_NOUNS):
                k += 1
            titled = _capitalised(words[k]) and start >= title_end
            if lower[k] in _COMPONENT_NOUNS and (k == end and words[k].islower() or titled):
                end = k + 1
            # "V-PEFT Bench", "WebGen-V Eval": a suffix that names kinds of models and benchmarks, as a word
            elif _capitalised(words[end]) and lower[end] in _NAME_SUFFIXES:
                end += 1
        surface = v.span_text(start, end)
        cited = end + 1 < n and lower[end] == "et" and lower[end + 1].startswith("al")  # "(DeepSeek-AI et al., 2025)"
        if not kb.is_stopword(surface) and not cited:
            found.append(Candidate(start, end, surface, rule, kind=kind))
        i = end
    return found


def title_frame(lower: list[str], k: int, colon: int) -> bool:
    """Whether title word ``k`` frames the name before the colon rather than being part of it: the
    article and the closing "Datasets" of "The FineWeb Datasets: ...", "The MASK Benchmark: ..."."""
    # ("The Journey Matters: ..." is a clause; "Precision Affinity Benchmark: ..." may be the name)
    closed = lower[colon - 1] in _TITLE_DATA_WORDS or lower[0] == "the" and lower[colon - 1] in _TITLE_BENCHMARK_WORDS
    return closed and (k == 0 and lower[k] == "the" or k == colon - 1)


def self_before(v: TokenView, i: int, window: int = 10) -> bool:
    """Whether "we", "our" or "this paper/work/study" stands in the ``window`` tokens of the sentence
    before token ``i``."""
    return any(w in _SELF_WORDS or w in ("paper", "work", "study") for w in v.lower[max(v.sent_start[i], i - window) : i])


def _without_bracketed_families(v: TokenView, candidates: list[Candidate]) -> list[Candidate]:
    """A known model named only with one size in brackets names that size, not the family too:
    "LLaMA-2 (70B)" is Llama-2-70B alone (a family named elsewhere, or with a list of sizes, stays;
    so does a known variant: "RT-2-X (55B)")."""
    words, n = v.words, len(v.words)
    single: dict[str, list[bool]] = {}
    for c in candidates:
        if len(c.kb) == 1 and c.kb[0].type == MODEL and c.kb[0].family is None and c.family is None:
            single.setdefault(c.kb[0].id, []).append(
                c.end + 2 < n and words[c.end] == "(" and bool(SIZE_ONLY.match(words[c.end + 1])) and words[c.end + 2] == ")")
    drop = {entity_id for entity_id, flags in single.items() if all(flags)}
    return [c for c in candidates if not (len(c.kb) == 1 and c.kb[0].id in drop and c.family is None)]


def _citation_key(words: list[str], i: int) -> bool:
    """Whether token ``i`` is an author-year citation key in square brackets, "[Zha+25; AM23]", or
    a BibTeX key left after LaTeX's tie, "LLaVA~liu2023visual", or with a word after its year
    anywhere: "MT-Bench (zheng2023judging, )"."""
    if _BIBTEX_KEY.fullmatch(words[i]) and (i > 0 and words[i - 1] == "~" or words[i][-1].isalpha()):
        return True
    if not _CITATION_KEY.match(words[i]):
        return False
    k = i - 1
    while k >= 0 and (words[k] in (";", ",") or _CITATION_KEY.match(words[k])):
        k -= 1
    return k >= 0 and words[k] == "["


def _with_architecture_tails(v: TokenView, candidates: list[Candidate]) -> list[Candidate]:
    """Capitalised words right before a known architecture make one new name with it: "Hop-level
    Relation Graph Transformer", "Scene-Specialized Vision MoE" (not a name and Transformer)."""
    tails = {c.start: c for c in candidates if c.kb and c.end == c.start + 1 and v.lower[c.start] in _ARCHITECTURE_TAILS}
    merged = set()
    for k, c in enumerate(candidates):
        tail = tails.get(c.end)
        if c.rule == "shape-title" and tail is not None:
            candidates[k] = Candidate(c.start, tail.end, v.span_text(c.start, tail.end), "shape-title")
            merged.add(tail.start)
    return [c for c in candidates if not (c.kb and c.start in merged)]


def find_candidates(doc: Doc, kb: KnowledgeBase, lexicon: Lexicon, title_end: int) -> list[Candidate]:
    """All entity mentions of a paper's doc (title then abstract), in text order."""
    v = view_of(doc)
    words, lower = v.words, v.lower
    n = len(words)
    candidates = kb_matches(doc, kb)
    # A title in capitals makes plain words look like acronyms ("HOW TO BEAT THE CLOCK: VIDEO FRAMES"):
    # there a known all-capital name counts only where the abstract writes it too.
    if _shouting(v, title_end):
        written = set(words[title_end:])
        candidates = [c for c in candidates if not (c.end <= title_end and c.kb and c.surface.isalpha()
                                                    and c.surface.isupper() and c.surface not in written)]
    # "the LLaVA-Interleave Bench": a known model's name with "Bench" after it names a new
    # benchmark ("the MMLU Benchmark" is MMLU).
    for k, c in enumerate(candidates):
        if (c.end < n and words[c.end] in ("Bench", "Benchmark") and (c.end + 1 >= n or words[c.end + 1] != "-")
                and not any(e.type in (BENCHMARK, DATASET) for e in c.kb)):
            candidates[k] = Candidate(c.start, c.end + 1, v.span_text(c.start, c.end + 1), "shape")
        # "Split CIFAR-100", "Permuted MNIST": a continual-learning protocol over a known dataset is
        # a dataset of its own.
        elif (c.start > 0 and words[c.start - 1] in ("Split", "Permuted", "Rotated")
              and any(e.type in (BENCHMARK, DATASET) for e in c.kb)):
            candidates[k] = Candidate(c.start - 1, c.end, v.span_text(c.start - 1, c.end), "shape", kind=DATASET)
        # "YouTube-VIS 2019": a year after a known benchmark or dataset names that edition of it.
        elif (len(c.kb) == 1 and c.kb[0].type in (BENCHMARK, DATASET) and c.end < n and _YEAR.match(words[c.end])
              and not (c.end + 1 < n and words[c.end + 1] == "Task")):
            candidates[k] = Candidate(c.start, c.end + 1, v.span_text(c.start, c.end + 1), "kb-variant",
                                      family=c.kb[0], variant=words[c.end])
    candidates += size_list_matches(doc, candidates, kb)
    taken = {i for c in candidates for i in range(c.start, c.end)}
    candidates = _with_architecture_tails(v, candidates + shape_matches(doc, kb, lexicon, taken, title_end))
    # "SemEval-2025 Task 8", "DCASE 2023 Task 6A", "the BabyLM challenge", "VOiCES Challenge 2019": a
    # shared task or challenge is a benchmark of its own.
    grown: list[Candidate] = []
    for k, c in enumerate(candidates):
        task = c.end + 1 if c.end < n and _YEAR.match(words[c.end]) else c.end
        if task + 1 < n and words[task] == "Task" and _TASK_NUMBER.match(words[task + 1]):
            candidates[k] = Candidate(c.start, task + 2, v.span_text(c.start, task + 2), "shape", kind=BENCHMARK)
            grown.append(candidates[k])
        elif c.end < n and lower[c.end] == "challenge" and (not any(e.type == BENCHMARK for e in c.kb)
                                                             or c.end + 1 < n and _YEAR.match(words[c.end + 1])):
            # (not a known benchmark, "the LongBench challenge", unless an edition follows: "DCASE Challenge 2023")
            end = c.end + 2 if c.end + 1 < n and _YEAR.match(words[c.end + 1]) else c.end + 1
            if end + 1 < n and words[end] == "Task" and _TASK_NUMBER.match(words[end + 1]):  # "... Challenge 2023 Task 7"
                end += 2
            candidates[k] = Candidate(c.start, end, v.span_text(c.start, end), "shape", kind=BENCHMARK)
            grown.append(candidates[k])
    # (what such a name swallowed is no name of its own: "Challenge 2024" in "TdSV Challenge 2024")
    candidates = [c for c in candidates if not any(g is not c and g.start <= c.start and c.end <= g.end for g in grown)]
    # Title prefix "Clover: ..." is a name even when it is a plain word.
    colon = next((i for i in range(min(title_end, 8)) if words[i] == ":"), None)
    head_end = colon
    while head_end and head_end > 1 and lower[head_end - 1] in _REPORT_WORDS:  # "1.5-Pints Technical Report: ..."
        head_end -= 1
    # "The FineWeb Datasets: ...": the name is FineWeb, a dataset.
    head_start, head_kind = 0, None
    if head_end and head_end > 1 and title_frame(lower, head_end - 1, head_end):
        head_start = 1 if lower[0] == "the" else 0
        head_kind = BENCHMARK if lower[head_end - 1] in _TITLE_BENCHMARK_WORDS else DATASET
        head_end -= 1
    if colon and colon - head_start <= 3 and not any(c.start == head_start and c.end == head_end for c in candidates):
        # (not a head that reads as a clause: "Aligned with LLM: ...", "Less is More: ...")
        head = lower[head_start:head_end]
        # (in a title in capitals, only a one-word head: "NON-REGISTRATION CHANGE DETECTION: A NOVEL TASK" names none)
        shaped = not _shouting(v, title_end) and any(_name_shaped(w) for w in words[head_start:head_end])
        # (or a known name with one plain word after it: "Gemma Scope: ..." names a new thing)
        shaped = shaped or (head_end - head_start == 2 and _capitalised(words[head_start + 1])
                            and any(c.start == head_start and c.end == head_start + 1 and c.kb for c in candidates))
        # (or one after capitalised words, when the abstract says the whole head again: "Dual-path Mamba:
        # ..." and "we propose dual-path Mamba")
        shaped = shaped or (all(_capitalised(w) for w in words[head_start:head_end]) and any(
            head_start < c.start and c.end == head_end and c.kb for c in candidates)
            and v.span_text(head_start, head_end).lower() in v.span_text(title_end, n).lower())
        name_like = (len(head) == 1 or shaped) and not (
            head[0].endswith("ing") and len(head) > 1) and not kb.is_stopword(words[head_start]) and not any(
            w in _SLOGAN_WORDS for w in head[1:]) and not (len(head) > 1 and head[0] in _SLOGAN_OPENERS)
        if (name_like and not all(w in lexicon.generic_words for w in head)
                and not kb.is_stopword(v.span_text(head_start, head_end))):
            spans = {(c.start, c.end): c for c in candidates}
            candidates = [c for c in candidates if c.end <= head_start or c.start >= colon]
            start = head_start
            for k in range(head_start, head_end + 1):  # "Point-Bind & Point-LLM: ..." names two things
                if k == head_end or words[k] in ("&", "and", ","):
                    known = spans.get((start, k))
                    if known is not None and (known.kb or known.family is not None):  # ("Jais and Jais-chat: ...")
                        candidates.append(known)
                    elif k > start:
                        candidates.append(Candidate(start, k, v.span_text(start, k), "title", kind=head_kind))
                    start = k + 1
    # Names after "named/dubbed" and quoted names after "we propose" may be plain words.
    title_name = v.span_text(0, colon) if colon else None
    starts = {c.start for c in candidates}
    covered = {i for c in candidates for i in range(c.start, c.end)}
    for i, word in enumerate(lower):
        # ("named X", and "we call X")
        if (word in _NAMING_WORDS or word in _NAMING_VERBS and i > 0 and lower[i - 1] in _SELF_WORDS) and i + 1 < n:
            j = i + 1
            if words[j] in QUOTES:
                j += 1
            if j < n and j not in covered and words[j][:1].isupper() and j not in starts:
                end = j + 1
                while end < n and (words[end][:1].isupper() or _VERSION.match(words[end])) and end - j < 4:
                    end += 1
                candidates.append(Candidate(j, end, v.span_text(j, end), "named"))
                covered.update(range(j, end))
        # "we develop Lamina, an LLM inference system": one plain capitalised word right after the
        # verb is a name when an appositive or a colon follows it.
        elif (word in _INTRO_VERBS and i + 3 < n and i + 1 not in covered and _capitalised(words[i + 1])
              and self_before(v, i) and (words[i + 2] == ":" or words[i + 2] == "," and lower[i + 3] in ("a", "an"))
              and lower[i + 1] not in lexicon.generic_words and lower[i + 1] not in _MONTHS
              and not kb.is_stopword(words[i + 1])):
            candidates.append(Candidate(i + 1, i + 2, words[i + 1], "named"))
            covered.add(i + 1)
        # "our proposed Bllossom model": one plain capitalised word between our opener and a kind word.
        elif (word in _OWN_OPENERS and i + 2 < n and i + 1 not in covered and _capitalised(words[i + 1])
              and kind_word(lower[i + 2]) and lower[i + 1] not in lexicon.generic_words
              and lower[i + 1] not in _LANGUAGE_NAMES and not kb.is_stopword(words[i + 1])):
            candidates.append(Candidate(i + 1, i + 2, words[i + 1], "named"))
            covered.add(i + 1)
        # "using Sahara - a comprehensive benchmark curated from ...": a plain capitalised word that
        # an appositive calls a benchmark or dataset is its name.
        elif (i > v.sent_start[i] and i + 3 < n and i not in covered and _capitalised(words[i])
              and words[i + 1] in (",", "-", "\u2013", "\u2014") and lower[i + 2] in ("a", "an")
              and word not in lexicon.generic_words and word not in _MONTHS and word not in _LANGUAGE_NAMES
              and not kb.is_stopword(words[i])):
            head = next((k for k in range(i + 3, min(n, i + 7)) if kind_word(lower[k]) in (BENCHMARK, DATASET)), None)
            if head is not None and not any(v.is_punct[k] for k in range(i + 3, head)):
                candidates.append(Candidate(i, i + 1, words[i], "named", kind=kind_word(lower[head])))
                covered.add(i)
        # Lowercase names of techniques: "termed in-context forecasting", "we propose perception
        # prior embedding to ...", "introduces modality pre-fusion to fuse ...".
        by_us = word in _INTRO_VERBS and not (i > 0 and lower[i - 1] in _PARTICIPLE_MARKERS) and (
            self_before(v, i) or title_name is not None and v.text[: v.idx[i]].rstrip().endswith(title_name))
        # (we, or the system the title names: "UGen is trained using a novel mechanism, namely ...")
        # (not the task "named entity recognition")
        named_by_us = (word in _NAMING_WORDS and not (i > 0 and words[i - 1] == "-")
                       and not (i + 1 < n and lower[i + 1] in ("entity", "entities"))) and (
            any(w in _SELF_WORDS for w in lower[v.sent_start[i] : i])
            or title_name is not None and title_name in v.text[v.idx[v.sent_start[i]] : v.idx[i]])
        if named_by_us or by_us:
            naming = word in _NAMING_WORDS or word in _NAMING_VERBS
            start = i + 2 if naming and i + 2 < n and lower[i + 1] == "the" else i + 1  # "we call the goldfish loss"
            end = _lowercase_name_end(v, start, covered, lexicon, named=word in _NAMING_WORDS)
            # After a verb, the name ends the sentence or is followed by its purpose, an acronym or an appositive.
            if end is not None and (naming or end < n and (
                    lower[end] == "to" or words[end] in ("(", ".")
                    or words[end] == "," and end + 1 < n and lower[end + 1] in ("a", "an"))):
                candidate = Candidate(start, end, v.span_text(start, end), "named")
                candidate.introduced, candidate.introduced_rule = True, "named" if naming else "propose"
                candidates.append(candidate)
                covered.update(range(start, end))
    candidates += list_matches(doc, candidates, covered)
    candidates += listed_before_kind(doc, candidates, covered, kb, lexicon)
    # Acronyms: join long and short forms; drop generic ones.
    abbreviations = find_abbreviations(doc)
    candidates.sort(key=lambda c: c.start)
    _apply_abbreviations(doc, abbreviations, candidates, kb, lexicon)
    candidates.sort(key=lambda c: c.start)
    _appositive_long_forms(doc, candidates)
    _mark_acronyms(candidates)
    candidates = _long_forms_again(doc, candidates)
    candidates = _title_names_again(doc, candidates)
    candidates += repeated_mentions(doc, candidates)
    candidates.sort(key=lambda c: c.start)
    # (last, so that no later rule finds the family's words again: "LLMs including LLaMA-2 (70B)")
    return _without_bracketed_families(v, candidates)


def _lowercase_name_end(v: TokenView, j: int, covered: set[int], lexicon: Lexicon, named: bool = False) -> int | None:
    """End of a lowercase name of two to four words starting at ``j`` ("modality pre-fusion"), or None;
    after a naming word, one hyphenated word will do ("dubbed pool-adapter")."""
    words, lower, n = v.words, v.lower, len(v.words)
    end, count = j, 0
    while end < n and end not in covered and count < 5:
        if words[end] == "-" and end > j and end + 1 < n and words[end + 1].isalpha():
            end += 1
            continue
        compound = end + 1 < n and words[end + 1] == "-"  # "in-context": a stop word inside a compound
        if not _LOWER_WORD.match(words[end]) or not compound and (
                lower[end] in _CLAUSE_STOP or lower[end] in _CONTEXT_STOP or lower[end] in _NAME_BREAKERS):
            break
        end, count = end + 1, count + 1
    # A description, not a name: generic words only, a kind word but for a method's head ("benchmark
    # settings", "instruction dataset"; "goldfish loss" is a name), a plural head.
    one_coined = named and count == 1 and "-" in words[j]
    if not (2 <= count <= 4 or one_coined) or all(w in lexicon.generic_words or w == "-" for w in lower[j:end]):
        return None
    head = lower[end - 1]
    if (any(kind_word(w) for w in lower[j : end - 1]) or kind_word(head) not in (None, METHOD)
            or head.endswith("s") and not head.endswith("ss")):
        return None
    return end


_LOWER_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*$")
_CONTEXT_STOP = word_list("context_stops")  # prepositions end a lowercase name
_NAMING_VERBS = word_list("naming_verbs")  # intro verbs that name what follows
_NAME_BREAKERS = word_list("name_breakers")  # determiners, conjunctions, pronouns, "new", "used": no part of a lowercase name


_LIST_OPENERS = {"(": 1, ":": 1, "including": 1, "like": 1, "namely": 1, "such": 2,  # "such as": 2 tokens
                 "i.e.": 1, "e.g.": 1}
_LIST_SEPARATORS = {",", "and", "or", "&", ";"}
_COUNT_WORDS = word_list("count_words")  # "on four datasets, A, B, C and D"
_NAME_GLUE = {"of", "in", "the", "on", "for", "-", "'s"}  # inside multi-word names: "Intent in the Wild"
_LIST_KINDS = {"benchmarks": BENCHMARK, "datasets": DATASET, "corpora": DATASET, "testbeds": BENCHMARK,
               "methods": METHOD, "approaches": METHOD, "techniques": METHOD,
               **{w: MODEL for w in ("models", "llms", "mllms", "lvlms", "vlms", "lmms")}}


def list_matches(doc: Doc, candidates: list[Candidate], covered: set[int]) -> list[Candidate]:
    """Names listed after plural "benchmarks"/"datasets"/"methods": "four benchmarks (Moving MNIST, Human3.6M,
    Weather, KITTI)", "datasets such as A, B and C". A listed item is a name even when it is a
    plain capitalised word; an item another rule found as a new name is kept, as a listed one.
    """
    spans = {(c.start, c.end): c for c in candidates}
    v = view_of(doc)
    words, lower = v.words, v.lower
    n = len(words)
    found: list[Candidate] = []
    for i, word in enumerate(lower):
        kind = _LIST_KINDS.get(word)
        if kind is None or i + 1 >= n:
            continue
        if i > 0 and kind == DATASET:  # "five evaluation datasets: A, B, ..." are benchmarks
            kind = head_kind(lower[i - 1], word)
        # "methods, including", "benchmarks, i.e., TAO, TAO-OW, ..."
        at = i + 2 if words[i + 1] == "," and i + 2 < n and lower[i + 2] in ("including", "i.e.", "e.g.") else i + 1
        counted = False
        if lower[at] not in _LIST_OPENERS:
            # past a short modifier: "datasets with more complex motions, such as A and B"
            k = i + 1
            while k < min(n, i + 8) and words[k].isalpha() and words[k].islower() and lower[k] not in _CLAUSE_STOP:
                k += 1
            if k > i + 1 and k + 1 < n and words[k] == "," and lower[k + 1] in ("such", "including", "like"):
                at = k + 1
            else:  # or a counted list after a comma: "on four change detection datasets, Levir-CD, WHU-CD, ..."
                counted = (words[i + 1] == "," and i + 2 < n and words[i + 2][:1].isupper()
                           and any(w.isdigit() or w in _COUNT_WORDS for w in lower[max(v.sent_start[i], i - 5) : i]))
        opener = 1 if counted else _LIST_OPENERS.get(lower[at])
        if opener is None or (opener == 2 and (at + 1 >= n or lower[at + 1] != "as")):
            continue
        if kind == MODEL and lower[at] not in ("including", "like", "such"):
            continue  # "Biases in LLMs: Ageism, Beauty, ..." lists no models
        closing = ")" if words[i + 1] == "(" else None
        j = at + opener
        end_of_list = min(v.sent_end[i], j + 40)
        while j < end_of_list:
            start = j
            while j < end_of_list and words[j] not in _LIST_SEPARATORS and words[j] not in (")", "(", ".") and j - start < 5:
                j += 1
            first = words[start] if j > start else ""
            # "Weather", "Human3.6M", "3DPW"; not "66.1% for X" (a score).
            name_like = first[:1].isupper() or (first[:1].isdigit() and any(c.isalpha() for c in first) and "%" not in first)
            name_like = name_like and all(w[:1].isupper() or any(c.isdigit() for c in w) or w in _NAME_GLUE
                                          for w in words[start + 1 : j])  # not "X shows strong results"
            name_like = name_like and not _NOT_NAME_CHARS.search(v.span_text(start, j))
            known = spans.get((start, j))
            if known is not None and not known.kb and known.family is None and known.rule != "title":
                known.rule, known.kind = "list", kind
            elif known is not None and known.kb:
                known.kind = kind  # what the text calls a known name: "benchmarks such as COCO"
            elif name_like and j - start <= 4 and not any(k in covered for k in range(start, j)):
                found.append(Candidate(start, j, v.span_text(start, j), "list", kind=kind))
                covered.update(range(start, j))
            # A gloss after an item: "Navhard (open-loop planning), ..."; not a score: "Coding (+4.4 points)".
            gloss_end = v.closing_bracket(j, end_of_list - 1) if closing is None and j > start else None
            if gloss_end is not None and words[j + 1][:1].isalpha() and words[gloss_end + 1] in _LIST_SEPARATORS:
                j = gloss_end + 1
            if j >= end_of_list or words[j] in (".", "(") or words[j] == closing or (closing is None and words[j] == ")"):
                break
            if words[j] not in _LIST_SEPARATORS:  # an item longer than a name: not a list of names
                break
            j += 1
    return found


_PLURAL_DATA_KINDS = {"benchmarks": BENCHMARK, "datasets": DATASET}


def listed_before_kind(doc: Doc, candidates: list[Candidate], covered: set[int], kb: KnowledgeBase,
                       lexicon: Lexicon) -> list[Candidate]:
    """Names listed before plural "benchmarks"/"datasets" with a name found otherwise among them:
    "across ManiSkill and Adroit benchmarks", "on AIME2024, AMC, MATH-500 and GSM8K benchmarks".
    A plain word in such a list is a name of that kind, and so is an undefined acronym."""
    v = view_of(doc)
    words, lower = v.words, v.lower
    by_end = {c.end: c for c in candidates}
    found: list[Candidate] = []
    for i, word in enumerate(lower):
        kind = _PLURAL_DATA_KINDS.get(word)
        if kind is None:
            continue
        sent_start = v.sent_start[i]
        k = i - 1
        while k > sent_start and k > i - 3 and _LOWER_WORD.match(words[k]) and lower[k] not in _LIST_SEPARATORS:
            k -= 1  # a modifier or two: "evaluation benchmarks", "video datasets"
        items: list[tuple[int, int, Candidate | None]] = []
        while k >= sent_start:
            c = by_end.get(k + 1)
            if c is not None:
                items.append((c.start, c.end, c))
                k = c.start - 1
            else:
                start = k + 1
                while start - 1 >= sent_start and start - 1 not in covered and k + 1 - start < 3 and (
                        _capitalised(words[start - 1]) or _name_shaped(words[start - 1])
                        or words[start - 1] == "-" and start - 2 >= sent_start and words[start - 2][:1].isalpha()):
                    start -= 1
                # (nor a word opening the sentence before a comma: "Additionally, X utilizes diverse datasets")
                if start > k or words[start] == "-" or start == sent_start and k == start and words[k + 1] == ",":
                    break
                items.append((start, k + 1, None))
                k = start - 1
            # the separator before the item: ",", "and", "or" or ", and"; none ends the list
            before = k
            if k >= sent_start and words[k] == ",":
                k -= 1
            if k >= sent_start and lower[k] in ("and", "or"):
                k -= 1
                if k >= sent_start and words[k] == ",":
                    k -= 1
            if k == before:
                break
        if len(items) < 2 or not any(c is not None for _, _, c in items):
            continue
        for start, end, c in items:
            if c is None:
                surface = v.span_text(start, end)
                if kb.is_stopword(surface) or all(w in lexicon.generic_words for w in lower[start:end]):
                    continue
                found.append(Candidate(start, end, surface, "list", kind=kind))
                covered.update(range(start, end))
            elif not c.kb and c.family is None and c.rule == "shape":  # (acronyms are still "shape" here)
                c.rule, c.kind = "list", kind
    return found


def _said_whole_again(v: TokenView, candidates: list[Candidate], words: list[str], skip: int,
                      make: Callable[[int, int], Candidate], known_inside: bool = False) -> list[Candidate]:
    """Where ``words`` occur again (anywhere but at token ``skip``), the candidates wholly inside
    that run give way to one candidate for the whole, ``make(start, end)``; with ``known_inside``,
    only where one of them is a known name."""
    for i in range(len(v.words) - len(words) + 1):
        end = i + len(words)
        if i == skip or v.words[i:end] != words:
            continue
        inside = [c for c in candidates if c.start < end and i < c.end]
        if (inside and all(i <= c.start and c.end <= end for c in inside)
                and (not known_inside or any(c.kb for c in inside))):
            candidates = [c for c in candidates if c not in inside]
            candidates.append(make(i, end))
    candidates.sort(key=lambda c: c.start)
    return candidates


def _long_forms_again(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """An acronym's long form said again (in the title too) names the acronym's entity there, not
    the known name other rules found in it: "via Zeta-Aware Direct Preference Optimization" then
    "Zeta-Aware Direct Preference Optimization (ZA-DPO)" (not DPO)."""
    v = view_of(doc)
    for c in [c for c in candidates if c.long_form and c.long_start is not None and not c.kb and c.rule != "abbrev-generic"]:
        words = v.words[c.long_start : c.start - 1]  # (up to the bracket)
        if len(words) >= 2 and v.words[c.start - 1] == "(":
            candidates = _said_whole_again(v, candidates, words, c.long_start,
                                           lambda i, end: Candidate(i, end, v.span_text(i, end), "long-form"),
                                           known_inside=True)
    return candidates


def _title_names_again(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """A title's name of several words said again in the abstract is that name, not the pieces
    other rules found in it: "Gemma Scope: ..." then "we release Gemma Scope" (not Gemma and Scope)."""
    v = view_of(doc)
    titled = [c for c in candidates if c.rule == "title" and not c.kb and c.family is None and c.end - c.start >= 2]
    for name in titled:
        candidates = _said_whole_again(v, candidates, v.words[name.start : name.end], name.start,
                                       lambda i, end, name=name: Candidate(i, end, name.surface, name.rule, kind=name.kind))
    return candidates


def repeated_mentions(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Later uses of a name found once by its context ("Clover: ..." then "Clover outperforms")."""
    covered = {i for c in candidates for i in range(c.start, c.end)}
    # (part of an acronym's long form is no mention: "Head Divergence" from the title is not said
    # again in "Vision-aware Head Divergence (VHD)"; the whole long form is)
    long_forms = [(c.long_start, c.start - 1) for c in candidates if c.long_start is not None]  # (up to the bracket)
    # (nor is part of one in brackets after its name: "Nougat (Neural Optical Understanding for ...)")
    long_forms += [c.long_after for c in candidates if c.long_after is not None]
    texts = view_of(doc).words
    names: dict[tuple[str, ...], Candidate] = {}
    for c in candidates:
        if not c.kb and c.family is None and c.rule in ("title", "named", "shape-title", "shape", "shape-version"):
            names.setdefault(tuple(texts[c.start : c.end]), c)
    found: list[Candidate] = []
    if not names:
        return found
    first_tokens = {name[0] for name in names}
    for i, text in enumerate(texts):
        if text not in first_tokens or i in covered:
            continue
        for name, c in names.items():
            end = i + len(name)
            if (name[0] == text and tuple(texts[i:end]) == name and not covered & set(range(i, end))
                    and not any(start <= i and end <= stop and (i, end) != (start, stop) for start, stop in long_forms)):
                found.append(Candidate(i, end, c.surface, c.rule, kind=c.kind))
                covered.update(range(i, end))
                break
    return found


_ACRONYM = re.compile(r"^[A-Z]{2,5}s?$")


def _acronym_key(surface: str) -> str:
    return key(surface[:-1] if surface.endswith("s") and surface[:-1].isupper() else surface)


def _mark_acronyms(candidates: list[Candidate]) -> None:
    """An acronym defined as generic once ("key-value (KV)") is generic everywhere in the paper;
    an all-capitals acronym never defined nor known is ``"acronym"``, kept only with support."""
    generic = {_acronym_key(c.surface) for c in candidates if c.rule == "abbrev-generic"}
    defined = {_acronym_key(c.surface) for c in candidates if c.long_form}
    for c in candidates:
        if c.kb or c.rule not in ("shape", "abbrev"):
            continue
        k = _acronym_key(c.surface)
        if k in generic:
            c.rule = "abbrev-generic"
        elif _ACRONYM.match(c.surface) and k not in defined:
            c.rule = "acronym"


def _appositive_long_forms(doc: Doc, candidates: list[Candidate]) -> None:
    """"CorDA, a Context-oriented Decomposition Adaptation method": a Title Case phrase right after
    a name, whose initials spell the name, is the name's long form, not a second name."""
    words = view_of(doc).words
    by_start = {c.start: c for c in candidates}
    for c in list(candidates):
        k = c.end
        if not (k + 2 < len(words) and words[k] == "," and words[k + 1].lower() in ("a", "an", "the")):
            continue
        phrase = by_start.get(k + 2)
        if (phrase is not None and phrase.rule == "shape-title" and c.long_form is None and not c.kb
                and best_long_form(c.surface, phrase.surface.replace("-", " ").split()) == 0):
            c.long_form = phrase.surface
            candidates.remove(phrase)


def _proposed_at(doc: Doc, char: int) -> bool:
    """Whether our intro verb stands right before the character offset ``char``: "we propose
    context-aware biases for length extrapolation (Cable)" coins a word as a name."""
    v = view_of(doc)
    i = bisect_left(v.idx, char) - 1
    if i > 0 and v.lower[i] in ("a", "an", "the"):
        i -= 1
    return i >= 0 and v.lower[i] in _INTRO_VERBS and self_before(v, i)


def _starts_sentence(doc: Doc, char: int) -> bool:
    """Whether the token at character offset ``char`` starts its sentence."""
    v = view_of(doc)
    i = bisect_left(v.idx, char)
    return i < len(v.idx) and v.idx[i] == char and v.sent_start[i] == i


def _spelled_out(short: str, long_words: list[str]) -> bool:
    """Whether the long form's initials spell the acronym: "large code models (LCMs)" (not "the
    continuous prompting method (CoOp)", a description the bracket names)."""
    letters = re.sub(r"[^a-z]", "", (short[:-1] if short.endswith("s") and short[:-1].isupper() else short).lower())
    return "".join(w[0] for w in long_words).lower() == letters


def _other_expansion(long_words: list[str], records: list[KbEntity]) -> bool:
    """Whether a lowercase long form shares no word but kind words ("models") with the expansions
    the knowledge base gives its acronym: the text spells out some other term."""
    aliases = [a for r in records for a in (r.name, *r.aliases) if " " in a.strip() or "-" in a]
    if not aliases:
        return False
    known = {w.lower().rstrip("s") for a in aliases for w in a.replace("-", " ").split()
             if len(w) > 3 and kind_word(w.lower()) is None}
    # (an alias of short parts only, "DP-SGD", gives no words to compare)
    return bool(known) and not any(w.lower().rstrip("s") in known for w in long_words)


def _apply_abbreviations(doc: Doc, abbreviations: list[Abbreviation], candidates: list[Candidate], kb: KnowledgeBase, lexicon: Lexicon) -> None:
    idx = view_of(doc).idx
    by_char = {idx[c.start]: c for c in candidates}
    for ab in abbreviations:
        short_c = by_char.get(ab.short_start)
        long_words = ab.long.replace("-", " ").split()
        # (in any case: an acronym's long form is a name however it is written, "squeeze-and-excitation (SE)")
        long_kb = kb.lookup_any_case(ab.long)
        if not long_kb and ab.short[-1:] == "s" and ab.long[-1:] == "s":  # "Audio Spectrogram Transformers (ASTs)"
            long_kb = kb.lookup(ab.long[:-1])
        # (a sentence's first word is capitalised anyway: "Machine unlearning (MU) has ...")
        cased = long_words[1:] if len(long_words) > 1 and _starts_sentence(doc, ab.long_start) else long_words
        titled = sum(w[:1].isupper() for w in cased) >= max(1, len([w for w in cased if len(w) > 3]) - 1)
        proposed = _proposed_at(doc, ab.long_start)
        # (a task, field or metric is a term too: "Speech Emotion Recognition (SER)", "Recommender
        # Systems (RS)", "Hausdorff Distance (HD)")
        generic_long = all(w.lower() in lexicon.generic_words for w in long_words) or kb.is_stopword(ab.long) or (
            long_words[-1].lower() in _TASK_HEADS | _METRIC_HEADS and not proposed)
        # Remove candidates inside the long form; it becomes a surface of the short form's entity.
        inside = [c for c in candidates if idx[c.start] >= ab.long_start and idx[c.end - 1] < ab.long_end]
        if short_c is None:
            short_surface = ab.short
            entities = kb.lookup(short_surface)
            if not entities and not long_kb and (not titled or generic_long) and not proposed:
                continue
            span = doc.char_span(ab.short_start, ab.short_end, alignment_mode="expand")
            if span is None:
                continue
            short_c = Candidate(span.start, span.end, ab.short, "abbrev", kb=entities)
            candidates.append(short_c)
        if (not long_kb and short_c.kb and (not titled or generic_long) and _spelled_out(ab.short, long_words)
                and _other_expansion(long_words, short_c.kb)):
            # "large code models (LCMs)" are not LCM, the Latent Consistency Model, nor is a metric in
            # capitals, "Mean Absolute Error (MAE)", the masked autoencoder
            short_c.kb, short_c.rule = [], "abbrev"
        if long_kb:
            # The expansion decides between same-named entities (GQA the method, not the benchmark).
            short_c.kb = long_kb
            short_c.rule = "kb"
        elif not short_c.kb and (not titled or generic_long or ab.short[-1:] == "s" and ab.short[:-1].isupper()) and (
                ab.short.isupper() or ab.short[:-1].isupper() or long_words[-1].lower() in _PLURAL_GENERIC_HEADS):
            # "key-value (KV)", "Gradient Descent (GD)" and "speech language models (SpeechLLMs)"
            # are terms; "tanh-gated weight normalization (TanhNorm)" is a coined name.
            short_c.rule = "abbrev-generic"
        short_c.long_form = ab.long
        long_span = doc.char_span(ab.long_start, ab.long_end, alignment_mode="expand")
        # (a long form after its short form has no words before it to read)
        short_c.long_start = long_span.start if long_span is not None and ab.long_start < ab.short_start else None
        if long_span is not None and ab.long_start > ab.short_start:
            short_c.long_after = (long_span.start, long_span.end)
        # Every later use of the acronym names the same entity ("GQA" stays the method).
        for c in candidates:
            if c is not short_c and c.start > short_c.start and _acronym_key(c.surface) == _acronym_key(short_c.surface):
                c.kb = list(short_c.kb)
                if short_c.rule == "abbrev-generic" and not c.kb:
                    c.rule = "abbrev-generic"
        for c in inside:
            if c is not short_c and c in candidates:
                candidates.remove(c)
