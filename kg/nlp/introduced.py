"""Which names a paper introduces: "X: ..." titles, "we propose/introduce/present X", "named/dubbed X",
and the Title-Case names of components in sentences about the paper's own system.

:func:`introduced_names` marks the candidates of :func:`kg.nlp.mentions.find_candidates` in place.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.linking.normalize import key
from kg.names import BENCHMARK, DATASET, METHOD, MODEL
from kg.nlp.kinds import long_form_kind
from kg.nlp.lexicon import METRIC, QUOTES, is_survey_title, kind_word, word_list
from kg.nlp.mentions import SIZE_ONLY, Candidate, self_before, title_frame
from kg.nlp.tokens import TokenView, view_of

__all__ = ["introduced_names"]

_TERM_HEADS = word_list("task_heads") | word_list("metric_heads")
_INTRO_VERBS = word_list("intro_verbs")
_NAMING_WORDS = word_list("naming_words")
_EXISTING_WORDS = word_list("existing_words")  # "a recent MLLM called LLaVA": known, not introduced
_CLAUSE_STOP = word_list("clause_stops")
_SELF_WORDS = word_list("self_words")
_PARTICIPLE_MARKERS = word_list("participle_markers")
_DESIGN_WORDS = word_list("design_words")
_TITLE_LIST_GLUE = {"&", "and", ","}
_REPORT_WORDS = word_list("report_words")
_TRAIN_VERBS = word_list("train_verbs")  # "we train X, a model ...": X is ours
_SEQUENCE_ADVERBS = word_list("sequence_adverbs")  # "we first curated", "we also released"
_TASK_NOUNS = word_list("task_nouns")  # what a paper may name that is no entity: "a task we term X"
_GENERIC_HEADS = word_list("generic_heads")
_PLURAL_GENERIC_HEADS = frozenset(w for w in _GENERIC_HEADS if w.endswith("s"))  # a class of models
_OWN_OPENERS = word_list("own_openers")  # "our method, X", "the resulting model, X", "the curated dataset, X"
_COMPONENT_OPENERS = frozenset({"a", "an", "the", "our", "its", "novel", "new"})
_PART_HEADS = word_list("part_heads")  # "module", "block", "mechanism", "algorithm", ...
_PART_NOUNS = _PART_HEADS | word_list("component_nouns")  # ... and "adapter", "head", "loss", "router", ...
# ... and what else ends the long form of an acronym naming a part: "a Gait Representation Extractor (GRE)"
_ACRONYM_PART_HEADS = _PART_NOUNS | word_list("acronym_part_heads")
_PART_LEADS = frozenset({"of", "through", "with", "via", "using", "and", ","})
_PUBLIC_WORDS = word_list("public_words")  # "on three public datasets (A, B)": not new
# between a noun and the naming word that names it: "a practical task, which we termed as X"
_NAMING_GLUE = frozenset({",", "which", "that", "we", "is", "are", "was", "as", "formally", "hereafter"})
_TITLE_CASE = re.compile(r"[A-Z0-9][\w-]*(?:\s+(?:of|for|and|the|with|in|on|to|via|[A-Z0-9][\w-]*))*")
_PART_VERBS = word_list("part_verbs")  # "ZetaBench contains A and B": parts of our own thing
_SYSTEM_NOUNS = word_list("system_nouns")  # "our framework comprises ...", "the proposed method consists of ..."
_ATTACHING = word_list("attaching_words")  # "than X", "on top of X": a name set against or used by the work
_LOWER_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*$")
_NAME_BREAKERS = word_list("name_breakers")  # determiners, conjunctions, "new": no part of a lowercase name
_GROUP_NOUNS = word_list("group_nouns")
_COUNT_WORDS = word_list("count_words")  # "three key modules: (1) ..."
_ITEM_NUMBER = re.compile(r"[1-9]|i{1,3}|iv|v")

def _leading_participle(v: TokenView, i: int) -> bool:
    """ "By introducing Audio Mamba (AuM), ..., we aim to ...": an -ing verb opening a sentence whose
    subject is us."""
    start = v.sent_start[i]
    return (v.lower[i].endswith("ing") and (i == start or i == start + 1 and v.lower[start] == "by")
            and any(w in _SELF_WORDS for w in v.lower[i + 1 : v.sent_end[i]]))


def _trailing_participle(v: TokenView, i: int) -> bool:
    """"We perform continued pretraining on ..., creating ZowerBase": an -ing verb after a comma
    shares the subject of its sentence, however far back it stands."""
    return v.lower[i].endswith("ing") and i > 0 and v.words[i - 1] == "," and self_before(v, i, 60)


def _right_after_we(lower: list[str], i: int) -> bool:
    """Whether "we" stands right before token ``i``, or before an adverb before it ("we first curated")."""
    if i > 1 and (lower[i - 1].endswith("ly") or lower[i - 1] in _SEQUENCE_ADVERBS):
        i -= 1
    return i > 0 and lower[i - 1] in _SELF_WORDS


def _new_kind_before(v: TokenView, start: int, name: int) -> bool:
    """Whether the words from ``start`` to the name at ``name`` are an indefinite kind phrase that
    the name stands for: "a 34B medical MLLM X", "a fine-grained instruction dataset, X"."""
    end = name - 1 if v.words[name - 1] == "," else name
    return (v.lower[start] in ("a", "an") and end - start >= 2 and kind_word(v.lower[end - 1]) is not None
            and not any(w in _EXISTING_WORDS for w in v.lower[start:end]))


def _determined(v: TokenView, i: int) -> bool:
    """Whether a determiner, perhaps with one lowercase adjective, stands before token ``i``: "a
    Recursive Refinement (RR) module", "a lightweight Visual Alignment Module (VAM)" (not "the
    traditional Policy Gradient (PG) mechanism")."""
    before = v.lower[i - 1]
    return before in ("a", "an", "the", "our") or (
        before.isalpha() and v.words[i - 1].islower() and before not in _EXISTING_WORDS
        and v.lower[i - 2] in ("a", "an", "the", "our"))


def _self_sentence(v: TokenView, i: int) -> bool:
    """Whether token ``i``'s sentence says "we" or "our"."""
    return any(w in _SELF_WORDS for w in v.lower[v.sent_start[i] : v.sent_end[i]])


def _counts_parts(lower: list[str], start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` count parts of a system: "three key modules", "two
    complementary paradigms to ...", "a three-stage training scheme" (not "two key areas")."""
    for k in range(start, end):
        if lower[k].split("-")[0] not in _COUNT_WORDS:
            continue
        for w in lower[k + 1 : min(end, k + 4)]:
            singular = w[:-1] if w.endswith("s") else w
            if w in _DESIGN_WORDS or w in _PART_HEADS or any(
                    kind_word(x) in (METHOD, MODEL, DATASET, BENCHMARK) for x in (w, singular)):
                return True
    return False


def _after_name(words: list[str], c: Candidate) -> int:
    """Index of the first token after a name and its closing brackets or quotes."""
    j = c.end
    while j < len(words) and words[j] in (")", '"', "”", "’", "'"):
        j += 1
    return j


def _joins_names(surface: str, names: set[str]) -> bool:
    """Whether a hyphenated name joins other names of the paper: "RepLLaMA-RankLLaMA"."""
    parts = surface.split("-")
    return len(parts) > 1 and all(key(part) in names for part in parts)


def introduced_names(doc: Doc, title_end: int, candidates: list[Candidate]) -> None:
    """Mark candidates the paper introduces: title "X: ...", "we propose X", "named X",
    and Title-Case component names in sentences about the paper's own system. A name the paper
    gives a task ("a task we term X") is removed from ``candidates``: tasks are no entities."""
    v = view_of(doc)
    words, lower = v.words, v.lower
    by_start = {c.start: c for c in candidates}
    by_long_start = {c.long_start: c for c in candidates if c.long_start is not None}
    n = len(words)

    def mark(c: Candidate, rule: str) -> None:
        if c.end < n and words[c.end] == "-":  # "UI-grounded": used as an adjective, not named
            return
        c.introduced, c.introduced_rule = True, rule

    def mark_listed(k: int, end: int) -> None:
        """Mark the new names listed from token ``k`` to the clause's end ("designs: A (TanhNorm) and B")."""
        while k < end and lower[k] not in _CLAUSE_STOP and words[k] not in (".", ";"):
            c = by_start.get(k)
            if c is not None and not c.kb and c.family is None and c.rule != "abbrev-generic":
                mark(c, "propose")
                k = _after_name(words, c)
            else:
                k += 1

    # Title "X: subtitle" (or "X & Y: subtitle").
    colon = next((i for i in range(min(title_end, 10)) if words[i] == ":"), None)
    if colon is not None:
        # The name is the whole head, or the head is a list of names: "Llama 3 Meets MoE: ..."
        # and "Train Small, Infer Large: ..." introduce nothing.
        head = [c for c in candidates if c.end <= colon]
        covered = {k for c in head for k in range(c.start, c.end)}
        # (a survey's head is its topic: "Gaussian Splatting: ..., a Review")
        survey = is_survey_title(v.span_text(colon + 1, title_end))
        if head and not survey and all(k in covered or words[k] in _TITLE_LIST_GLUE or lower[k] in _REPORT_WORDS
                                       or title_frame(lower, k, colon) for k in range(colon)):
            for c in head:
                mark(c, "title")
    # A title that is one name: "Self-Rewarding Language Models" is the paper that names it, and
    # so is "DNA 1.0 Technical Report".
    title_words = [k for k in range(title_end) if not words[k].isspace() and words[k] != "."]
    while title_words and lower[title_words[-1]] in _REPORT_WORDS:
        title_words.pop()
    for c in candidates:
        if title_words and c.start == title_words[0] and c.end == title_words[-1] + 1:
            mark(c, "title")
    for i, word in enumerate(lower):
        # "We refer to the model after CPT as Llama-3-SynE": "refer ... as" names what follows.
        if (word == "as" and i + 1 in by_start and self_before(v, i)
                and any(w in ("refer", "refers", "referred") for w in lower[max(v.sent_start[i], i - 8) : i])):
            mark(by_start[i + 1], "named")
        elif word in _NAMING_WORDS:
            # "a recent MLLM called LLaVA" names a known model, it does not introduce it.
            # ("namely" also lists known names: "two benchmarks, namely GSM8k and MATH")
            existing = word == "namely" or any(w in _EXISTING_WORDS for w in lower[max(0, i - 4) : i])
            # "a practical task, which we termed as AnyV4D": a task's name is no entity (but "a ...
            # problem and propose a baseline called MOTIP" names the baseline).
            k = i - 1
            while k > v.sent_start[i] and lower[k] in _NAMING_GLUE:
                k -= 1
            task = lower[k] in _TASK_NOUNS
            for j in range(i + 1, min(n, i + 4)):
                c = by_start.get(j) or by_long_start.get(j)  # (or its long form: "named Long-Horizon VLN (LH-VLN)")
                if c is not None and task and not (c.kb or c.family is not None):
                    candidates.remove(c)
                    by_start.pop(c.start, None)
                    break
                if c is not None:
                    if not (existing and (c.kb or c.family is not None)):
                        mark(c, "named")
                    break
        elif (word in _INTRO_VERBS
              and (self_before(v, i, 15) or _leading_participle(v, i) or _trailing_participle(v, i))
              and not (i > 0 and lower[i - 1] in _PARTICIPLE_MARKERS)
              and (not word.endswith("ed") or _right_after_we(lower, i))
              and not (i + 1 < n and lower[i + 1] in ("on", "upon"))):
            # ("our proposed approach on LRS3": an adjective, what follows is not being introduced; a past
            # form speaks of our work only right after "we": "a model designed for X" introduces no X;
            # "building upon X" builds on X)
            j = i + 1
            limit = min(n, i + 18)
            while j < limit:
                if (lower[j] in _CLAUSE_STOP and not (words[j - 1] == "-" and words[j - 2].islower())
                        or words[j] in (".", ";") or lower[j] in ("task", "tasks")
                        or kind_word(lower[j]) == METRIC or lower[j] in _PUBLIC_WORDS):
                    break  # ("we propose four evaluation tasks: Pattern Prediction, ...": tasks and metrics are no entities;
                    # "a benchmark ... on three public datasets (A, B)": what is public is not new; but "a
                    # graph-based framework, X" goes on: a lowercase "-based" compound describes the new thing)
                c = by_start.get(j)
                if c is None:
                    j += 1
                    continue
                if c.kb or c.family is not None:
                    # A known name right after the verb ("we present Medusa, ...") is introduced
                    # only where nothing stands between; otherwise it is used, not proposed.
                    if c.kb and j == i + 1 and c.end < n and words[c.end] in (",", ":", "("):
                        mark(c, "propose")
                    elif c.kb and _new_kind_before(v, i + 1, j):  # "we introduce a visual instruction dataset, LVIS-Instruct4V"
                        mark(c, "propose")
                    j = c.end
                    continue
                if c.end < n and words[c.end] == "-":  # "UI-grounded datasets": a modifier, read on
                    j = c.end
                    continue
                if j - 2 > i and lower[j - 1] == "of" and lower[j - 2] not in _GROUP_NOUNS:
                    break  # what the new thing is of: "a benchmark of PEs" (but "a family of X" may be new)
                first = c.long_start if c.long_start is not None else j
                if c.rule == "abbrev-generic" and lower[first - 1] in ("for", "in", "on", "of", "to", "with", "about"):
                    j = c.end  # a term the work is for: "our system developed for table question answering (TQA)"
                    continue
                # "a novel PFL method, Class-wise Federated Averaging (cwFedAVG)", "the first RS image-text
                # dataset, MGRS-200k": a modifier of the kind word before the name
                kind_at = next((k for k in range(c.end, min(n - 2, c.end + 4)) if kind_word(lower[k])
                                or not (words[k].islower() or words[k] == "-")), None)
                if (kind_at is not None and kind_word(lower[kind_at]) and words[kind_at + 1] == ","
                        and (kind_at + 2 in by_start or kind_at + 2 in by_long_start)):
                    j = kind_at + 2
                    continue
                # "a novel VLN task", "an RS multi-modal instruction dataset", "a sparse DSP chain": an
                # undefined acronym inside a noun phrase that a/an opens names a field, not the new thing
                modifier = (c.end < n and _LOWER_WORD.match(words[c.end])
                            and lower[c.end] not in _CLAUSE_STOP | _NAME_BREAKERS)
                bare_acronym = c.rule == "acronym" or c.rule == "abbrev-generic" and c.long_start is None
                if modifier and bare_acronym and any(w in ("a", "an") for w in lower[i + 1 : first]):
                    j = c.end
                    continue
                mark(c, "propose")
                after = _after_name(words, c)
                if after < n and words[after] == "(" and c.long_form is not None:  # "SWIE (Segment-Weighted ...) and"
                    after = next((k + 1 for k in range(after, min(n, after + 14)) if words[k] == ")"), after)
                elif after + 2 < n and words[after] == "(" and SIZE_ONLY.match(words[after + 1]) and words[after + 2] == ")":
                    after += 3  # "Zeta-A (7B) and Zeta-B (7B)"
                # Lists: "two datasets, Intent in the Wild (IIW) and Intent in the Tame (IIT)"; not an
                # appositive: "LASP-2, a new SP method".
                if after < n and (words[after] in ("and", "as", "&") or words[after] == "," and after + 1 < n
                                  and (after + 1 in by_start or lower[after + 1] in ("and", "&"))):
                    j = after + 1
                    limit = max(limit, min(n, j + 3))  # a list goes on past the window: "..., and BFCL-Hi"
                    continue
                break
    # A name the text calls new right after: "GS-RGBN, a new reconstruction model", "X, the first ...".
    for c in candidates:
        j = c.end + 1 if c.end < n and words[c.end] in QUOTES else c.end  # (not inside a bracket: "FASP (Fast ...), a")
        if c.kb or c.family is not None or j + 2 >= n or words[j] != ",":
            continue
        if lower[j + 1] in ("a", "an") and lower[j + 2] in ("new", "novel") or lower[j + 1] == "the" and lower[j + 2] == "first":
            mark(c, "propose")
        # "... trained on PangeaIns, a diverse 6M instruction dataset": a data name we describe
        elif lower[j + 1] in ("a", "an") and (_self_sentence(v, c.start) or self_before(v, c.start, 40)):
            head = next((k for k in range(j + 2, min(n, j + 8)) if kind_word(lower[k]) in (DATASET, BENCHMARK)), None)
            if head is not None and not any(v.is_punct[k] and words[k] != "-" for k in range(j + 2, head)):
                mark(c, "propose")
    # A name right after "a new" and its kind ("on a new benchmark OV-ScanNet-200"), or one this
    # paper says it introduces ("The StoryAgent framework, introduced in this paper, ...").
    for c in candidates:
        if c.kb or c.family is not None:
            continue
        k = c.start
        j = c.end + 1 if c.end < n and kind_word(lower[c.end]) else c.end  # past its kind word
        before = lower[max(v.sent_start[k], k - 4) : k - 1]  # ("the new algorithm CrossQ" is someone's)
        new_kind = (k >= 3 and kind_word(lower[k - 1]) is not None and any(w in ("new", "novel") for w in before)
                    and any(w in ("a", "an") for w in before))
        said_new = (j + 4 < n and words[j] == "," and lower[j + 1] in _INTRO_VERBS and lower[j + 2] == "in"
                    and lower[j + 3] in ("this", "our") and lower[j + 4] in ("paper", "work", "study"))
        if new_kind or said_new:
            mark(c, "propose")
    # What our work is, named: "our key contribution is ZetaGuard", "our model is ZetaLM", and a
    # group of our own: "we train a family of models, ZetaLM, ranging from ...".
    for c in candidates:
        k = c.start
        if c.kb or c.family is not None:
            continue
        ours_is = (k >= 3 and lower[k - 1] == "is" and (kind_word(lower[k - 2]) or lower[k - 2] in ("contribution", "solution"))
                   and "our" in lower[max(v.sent_start[k], k - 5) : k - 2])
        our_group = (k >= 4 and words[k - 1] == "," and kind_word(lower[k - 2]) and lower[k - 3] == "of"
                     and lower[k - 4] in _GROUP_NOUNS and _self_sentence(v, k))
        if ours_is or our_group:
            mark(c, "propose")
    # A new name we train, described right after: "we create a dataset to train InstructMove, a model
    # capable of ...", "we train a 34B medical MLLM HuatuoGPT-Vision, which ...".
    for i, word in enumerate(lower):
        if word not in _TRAIN_VERBS or i == 0 or lower[i - 1] not in ("we", "to"):
            continue
        j = i + 1
        while j < min(n, i + 8) and j not in by_start and not v.is_punct[j] and lower[j] not in _CLAUSE_STOP:
            j += 1
        c = by_start.get(j)
        after = _after_name(words, c) if c is not None else n
        if (c is not None and (not c.kb and c.family is None or _new_kind_before(v, i + 1, j)) and after < n
                and (words[after] == "," and after + 1 < n and lower[after + 1] in ("a", "an", "which") or lower[after] == "which")):
            mark(c, "propose")
    # An acronym defined right after "novel", "newly constructed", our intro verb or a naming word: "via the
    # novel mixture-of-resolution adapters (MR-Adapters)", "a method we call Reinforcement Learning with
    # Verifiable Rewards (RLVR)".
    for c in candidates:
        if c.long_start is None or c.long_start == 0:
            continue
        i = c.long_start - 1
        if lower[i] in ("the", "a", "an") and i > 0:  # "named the Visual Encoding Model (VEM)"
            i -= 1
        word = lower[i]
        unknown = not c.kb and c.family is None
        # ("a novel Auto Regressive (AR) decoder" says the decoder is new, not the term)
        new_name = (word in ("novel", "new", "newly") or word in _OWN_OPENERS) and unknown and (
            c.rule != "abbrev-generic" or long_form_kind(c) is not None)
        # "a solution termed Uncertainty-Aware Fusion (UAF)", "dubbed as image LLaMA (iLLaMA)"
        named = word in _NAMING_WORDS or word == "as" and i > 0 and lower[i - 1] in _NAMING_WORDS
        ours = any(w in _SELF_WORDS for w in lower[v.sent_start[i] : i])
        if new_name or word in _INTRO_VERBS and self_before(v, i) or named and (unknown or ours):
            mark(c, "propose")
    # A coined acronym, mixed case, defined in a sentence about our work: "a decoder-only MatFormer
    # language model (MatLM)", "Relation Distillation (RDist)". All-capital ones are as often
    # established terms the paper spells out ("Linear Temporal Logic (LTL)"), and a name set against
    # or used by the work ("than Tree-of-Thoughts (ToT)", "the existing ...") is not new.
    for c in candidates:
        if c.long_start is None or c.kb or c.family is not None or c.introduced:
            continue
        short = re.sub(r"(?<=[A-Z])s$", "", c.surface)  # "SMMs" is no mixed case
        # (not "large MLLM (l-MLLM)", nor a class of models: "speech language models (SpeechLLMs)")
        long_head = re.split(r"[\s\-]+", c.long_form.lower())[-1] if c.long_form else ""
        coined = bool(re.search(r"[a-z]", short) and re.search(r"[A-Z].*[A-Z]|[a-z].*[A-Z]", short)
                      and re.split(r"[\s\-]+", short.lower())[-1] not in _GENERIC_HEADS
                      and long_head not in _PLURAL_GENERIC_HEADS)
        before = lower[max(v.sent_start[c.start], c.long_start - 2) : c.long_start]
        attached = any(w in _EXISTING_WORDS or w in _ATTACHING for w in before)
        if coined and _self_sentence(v, c.start) and not attached:
            mark(c, "propose")
    # The passive: "where a visual critic (ViCR) is developed" in a sentence about our work, or any
    # present one, past a relative clause: "FreeNet, which is a ... network, is proposed" (a past
    # one may tell of earlier work: "X was proposed for ...").
    for c in candidates:
        j = _after_name(words, c)
        if j < n and kind_word(lower[j]):  # "The ZetaQA dataset will be released"
            j += 1
        if j < n and words[j] == "," and j + 1 < n and lower[j + 1] in ("which", "a", "an"):
            j = next((k + 1 for k in range(j + 2, min(v.sent_end[c.start], j + 30)) if words[k] == ","), j)
        present = j < n and lower[j] in ("is", "are") or j + 1 < n and lower[j] == "will" and lower[j + 1] == "be"
        verb = j + (2 if j < n and lower[j] == "will" else 1)
        if verb + 1 < n and lower[verb].endswith("ly"):  # "will be publicly released"
            verb += 1
        if (not c.kb and c.family is None and verb < n and (present or lower[j] in ("was", "were"))
                and lower[verb] in _INTRO_VERBS and lower[verb].endswith("ed")
                and (_self_sentence(v, c.start) or present)):
            mark(c, "propose")
    # Appositives: "Our method, GemFilter, ...", "The resulting model, X, ..."; lists: "two novel
    # designs: A (TanhNorm) and B (STRing)".
    names = {key(c.surface) for c in candidates}
    for i, word in enumerate(lower):
        if word not in _OWN_OPENERS and word not in ("novel", "new"):
            continue
        # the head noun within the noun phrase: "our proposed modularized decoder-only model mPLUG-video"
        head = None
        for j in range(i + 1, min(n, i + 7)):
            if kind_word(lower[j]) or lower[j] in _DESIGN_WORDS:
                head = j
                break
            if (v.is_punct[j] and words[j] != "-") or lower[j] in _CLAUSE_STOP:
                break
        named = by_start.get(i + 1)
        # (or after "our novel": "our novel BEVRestore mechanism")
        ours_named = word in _OWN_OPENERS or word in ("novel", "new") and i > 0 and lower[i - 1] == "our"
        if (named is not None and ours_named and not named.kb and named.family is None
                and named.rule != "abbrev-generic"  # ("our collected NetOps corpus": a field's acronym)
                and not _joins_names(named.surface, names)):  # ("our RepLLaMA-RankLLaMA pipeline")
            # the name before its kind word: "the resulting LlaVA-Rad (7B) model", "our GeoSet dataset",
            # "our proposed AutoCoA framework"
            k = named.end
            if k + 2 < n and words[k] == "(" and words[k + 2] == ")":
                k += 3
            if k < n and kind_word(lower[k]) and lower[named.end - 1] not in _TERM_HEADS:  # ("our Sign Language Translation model X")
                mark(named, "propose")
        if head is None:
            continue
        k = head + 1
        if k < n and words[k] in (",", ":"):
            k += 1
        if word in _OWN_OPENERS:  # the name must stand right after "our method,", "the curated dataset,"
            c = by_start.get(k) or by_long_start.get(k)  # or its long form: "the proposed method, Hybrid ... (HPO)"
            while c is not None and not c.kb and c.family is None:
                mark(c, "propose")
                if not lower[head].endswith("s"):  # a plural head lists several: "our resulting models, A and B"
                    break
                name_end = k = _after_name(words, c)
                while k < n and words[k] in _TITLE_LIST_GLUE:
                    k += 1
                c = by_start.get(k) if k > name_end else None
            continue
        if lower[head] in _DESIGN_WORDS:
            mark_listed(k, min(n, head + 16))
    # "The proposed strategy consists of two components: A and B."
    for i, word in enumerate(lower):
        if word not in _DESIGN_WORDS or i + 1 >= n or words[i + 1] != ":":
            continue
        sentence = lower[v.sent_start[i] : v.sent_end[i]]
        if not any(w in _SELF_WORDS or w == "proposed" for w in sentence):
            continue
        mark_listed(i + 2, v.sent_end[i])
    # New names our system comprises: what a sentence naming an introduced system says it comprises
    # ("we introduce EgoButler, an integrated system comprising EgoGPT and EgoRAG"); and every new
    # capitalised name after the verb of a sentence opening on our system ("Our framework comprises
    # three agents: a Question Analyzer that ..., a Selector that ...", "The proposed MFAF method
    # consists of Multi-Frequency Branch-wise Block (MFB) and ..."; the paper's own in 36 of 45 such
    # names of the analysis gold).
    own_keys = {key(c.surface) for c in candidates if c.introduced}
    for i, word in enumerate(lower):
        if word not in _PART_VERBS:
            continue
        start, end = v.sent_start[i], v.sent_end[i]
        if any(start <= c.start < i and key(c.surface) in own_keys for c in candidates):
            mark_listed(i + 1, end)
        opener = lower[start:i]
        if (0 < i - start <= 6 and set(opener) & _SYSTEM_NOUNS
                and (opener[0] == "our" or opener[0] in ("the", "this") and "proposed" in opener)):
            for c in candidates:
                if (i < c.start < end and not c.kb and c.family is None and c.rule != "abbrev-generic"
                        and words[c.start][:1].isupper()):
                    mark(c, "propose")
    # Numbered items after a colon that lists parts of our work: "Our approach introduces three key
    # innovations: (1) a Compositional Scene Parser (CSP) that ...", "we introduce two mechanisms to
    # ...: 1) Early-terminated Exploration, which ...; and 2) Progressive Reward Tracking" (not "three
    # insights: (1) Bilingual CPT improves ...").
    for i, word in enumerate(words):
        if word != ":" or not _counts_parts(lower, max(v.sent_start[i], i - 12), i):
            continue
        # (about our work: "we", "proposed", our name, or "It" after it: "It incorporates two key strategies: (1) ...")
        if not (any(w in _SELF_WORDS or w == "proposed" for w in lower[v.sent_start[i] : i])
                or any(v.sent_start[i] <= c.start < i and key(c.surface) in own_keys for c in candidates)
                or own_keys and lower[v.sent_start[i]] in ("it", "this")):
            continue
        for k in range(i + 1, v.sent_end[i] - 2):
            if words[k] == "(" and _ITEM_NUMBER.fullmatch(words[k + 1]) and words[k + 2] == ")":
                first = k + 3
            elif _ITEM_NUMBER.fullmatch(words[k]) and words[k + 1] == ")" and words[k - 1] in (":", ",", ";", "and"):
                first = k + 2
            else:
                continue
            if lower[first] in ("a", "an", "the"):
                first += 1
            item = by_start.get(first) or by_long_start.get(first)
            # (nor an undefined acronym: "ii) an MEG module" is the part for a modality)
            if (item is None or item.kb or item.family is not None or not words[first][:1].isupper()
                    or item.long_form is None and len(words[first]) > 1 and words[first].isupper()):
                continue
            header = next((words[j] for j in range(item.start, min(n, item.end + 6)) if v.is_punct[j] and words[j] != "-"), None)
            if header != ":":  # ("(1) Fine-grained Initial and Short-range Information: ..." heads a point)
                mark(item, "propose")

    # A part named by a coined acronym, in a paper that makes something: "a Recursive Refinement (RR)
    # module", "the Difficulty-ADAptive GRPO (AdaGRPO) algorithm" (the paper's own in 15 of 16 such
    # phrases of the gold files).
    if any(c.introduced for c in candidates):
        for c in candidates:
            if (c.long_start is None or not c.long_form or c.kb or c.introduced or c.rule == "abbrev-generic"
                    or c.long_start <= v.sent_start[c.start] + 1 or c.end + 1 >= n or words[c.end] != ")"):
                continue
            # (the part's head after the acronym, or ending its long form: "Motion Fusion Network (MFNet)")
            head = {lower[c.end + 1], c.long_form.split()[-1].lower()} & _ACRONYM_PART_HEADS
            # (or after a preposition or in a list: "through the introduction of Semantic Guidance Module (SGM)")
            opened = _determined(v, c.long_start) or lower[c.long_start - 1] in _PART_LEADS
            if head and opened and _TITLE_CASE.fullmatch(c.long_form):
                mark(c, "acronym_part")
        # ... and by an acronym of a plain-word part: "a boundary guided module (BGM)", "The context
        # attention module (CAM) identifies ..."
        for c in candidates:
            if (c.rule == "abbrev-generic" and not c.introduced and c.long_form and c.long_form.islower()
                    and c.long_form.split()[-1] in _PART_HEADS and c.end < n and words[c.end] == ")"
                    # (not a kind of thing: "(DNN)-based models", "X is a prior-data fitted network (PFN)")
                    and not (c.end + 1 < n and words[c.end + 1] == "-")
                    and lower[max(0, c.long_start - 2)] not in ("is", "are", "as")):
                mark(c, "acronym_part")
    # Components of the paper's own system named in Title Case: "Clover ... employs an Attention Decoder".
    introduced = {key(c.surface) for c in candidates if c.introduced}
    for c in candidates:
        if c.rule != "shape-title" or c.introduced or c.kb:
            continue
        sent_start, sent_end = v.sent_start[c.start], v.sent_end[c.start]
        if c.start < title_end:  # a title capitalises every word: "SpQR: A Sparse-Quantized Representation"
            continue
        own = _self_sentence(v, c.start) or any(
            sent_start <= o.start < sent_end and key(o.surface) in introduced for o in candidates)
        # Not a description of the name before it ("RED-VILLM, a Resource-Efficient Development
        # pipeline"), nor a property of something ("to assess the Temporal Compositionality of X").
        describes = c.start >= 3 and words[c.start - 2] == "," and any(o.end == c.start - 2 for o in candidates)
        property_of = c.end < n and lower[c.end] == "of"
        # (nor a task or a metric: "an Optical Character Recognition step", "the Hausdorff Distance")
        term = lower[c.end - 1] in _TERM_HEADS
        # (after a determiner, or after one adjective and a determiner: "a simple Greedy Mode Processing technique")
        determined = c.start > sent_start and lower[c.start - 1] in _COMPONENT_OPENERS or (
            c.start - 1 > sent_start and _LOWER_WORD.match(words[c.start - 1]) and lower[c.start - 2] in ("a", "an")
            and c.end < n and kind_word(lower[c.end]) == METHOD)
        # (a part by its head needs no sentence about us: "It also utilizes a Pose Adapter", "a
        # Manager Agent that decomposes ..."; the paper's own in 12 of 13 such names of the analysis gold)
        part = introduced and lower[c.start - 1] in _COMPONENT_OPENERS and lower[c.end - 1] in _PART_NOUNS
        if (own or part) and determined and not describes and not property_of and not term:
            mark(c, "component")
