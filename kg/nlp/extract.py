"""From candidate mentions to a paper's :class:`~kg.nlp.records.Extraction`.

:func:`extract_doc` is the whole per-paper algorithm as one pure function of the doc, the
knowledge base and the lexicon; the spaCy component in :mod:`kg.nlp.pipeline` only calls it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc

from kg.linking.kb import KbEntity, KnowledgeBase
from kg.linking.normalize import NAMED_SIZES, canonical_variant, key, split_variant, word_runs
from kg.names import BENCHMARK, DATASET, MENTIONS, METHOD, MODEL
from kg.nlp.confidence import confidence_of
from kg.nlp.cues import CueMatcher
from kg.nlp.introduced import introduced_names
from kg.nlp.kind_model import KindModel, kind_features, paper_features
from kg.nlp.kinds import infer_kind
from kg.nlp.lexicon import METRIC, Lexicon, kind_word_lists, word_list
from kg.nlp.mentions import SIZE_ONLY, Candidate, find_candidates
from kg.nlp.records import LocalEntity, RelationHit
from kg.nlp.relation_model import judge_relations
from kg.nlp.relations import SCORE, MentionSpan, find_relations, list_continuation, subject_after_comma
from kg.nlp.tokens import TokenView, view_of

__all__ = ["extract_doc", "title_end_of"]

_NUMBER_SUFFIX = re.compile(r"[-\s]?\d+$")
_VERSION_TAIL = re.compile(r"[\s\-]+[vV]?\d+(?:\.\d+)*$")
_FIRST_VERSION = re.compile(r"^(.*[^\s\-])[\s\-]+[vV]?1\.0$")  # "NVLM 1.0", not "Medusa-1" (of Medusa-1 and -2)
_LANGUAGE_SUFFIX = re.compile(r"-(?:{})$".format("|".join(sorted(word_list("language_codes")))), re.IGNORECASE)
_SPLIT_WORDS = word_list("split_words")  # "MiniF2F-Test", "miniF2F-test": a split of a dataset
_SPLIT_SUFFIX = re.compile(r"[-\s](?:{})$".format("|".join(sorted(_SPLIT_WORDS))), re.IGNORECASE)
_TITLED_DATA = re.compile(r"\s(Benchmark|Dataset|Corpus)(?:\s\d+(?:\.\d+)?)?$")
_ONE_WORD_NAME = re.compile(r"[A-Z][a-z]+[A-Z]\w*")  # "NaturalCodeBench", "VideoMME"
_ACRONYM_PLURAL = re.compile(r"^([A-Z0-9][A-Z0-9-]*[A-Z0-9])s$")
_KIND_HINTS = kind_word_lists("kind_hints")
_SIZED_VARIANT = re.compile(rf"^(?:\d+(?:\.\d+)?[BM]|[SBLHT]|(?i:{NAMED_SIZES}))\b")  # "-7B", "-S", "-Medium"
_GENERIC_HEADS = word_list("generic_heads")
_LANGUAGE_NAMES = word_list("language_names")
_COMPONENT_HEADS = word_list("component_heads")
_HARDWARE_HEADS = word_list("hardware_heads")
_MODEL_PHRASE_HEADS = word_list("model_phrase_heads")
_HARDWARE_NAME = re.compile("|".join(sorted(word_list("hardware_names"))))


def title_end_of(doc: Doc) -> int:
    """Index of the first abstract token: the doc text is ``title + "\\n" + abstract``."""
    v = view_of(doc)
    newline = v.text.find("\n")
    if newline < 0:
        return len(v)
    return bisect_left(v.idx, newline)


def _choose(entities: list[KbEntity], doc: Doc, c: Candidate) -> KbEntity:
    if len(entities) == 1:
        return entities[0]
    # The kind word nearest the mention decides: "four model families (Llama-2, Alpaca)" against
    # "evaluation datasets" earlier in the same sentence.
    v = view_of(doc)
    start, end = v.sent_start[c.start], v.sent_end[c.start]
    best, best_distance = entities[0], None
    for entity in entities:
        hints = _KIND_HINTS.get(entity.type, set())
        # (a hint after the name counts within its phrase: "GPT-3.5 and Alpaca, on 31 datasets")
        after = next((k for k in range(c.end, end) if v.words[k] in (",", ";", "(")), end)
        for i in range(start, after):
            if v.lower[i] in hints:
                distance = c.start - i if i < c.start else i - c.end + 1
                if best_distance is None or distance < best_distance:
                    best, best_distance = entity, distance
    return best


def _strip_plural(surface: str) -> str:
    match = _ACRONYM_PLURAL.match(surface)
    return match.group(1) if match else surface


def _long_form_fits(long_form: str, known: list[KbEntity]) -> bool:
    """Whether a paper's long form shares a word with a known long form of the acronym's namesakes
    (or none of them has one to compare)."""
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in ("the", "and", "for", "with")}
    long_forms = [words(name) for e in known for name in e.names if len(re.findall(r"[a-z]{2,}", name)) >= 2]
    return not long_forms or any(words(long_form) & w for w in long_forms)


_BENCHMARK_WORDS = frozenset({"benchmark", "benchmarks"})


def _called_benchmark(v: TokenView, c: Candidate) -> bool:
    """Whether the text calls a name a benchmark: "the KITTI benchmark", "benchmarks such as COCO"."""
    return (c.kind == BENCHMARK or c.end < len(v) and v.lower[c.end] in _BENCHMARK_WORDS
            or c.start > 0 and v.lower[c.start - 1] in _BENCHMARK_WORDS)


def _name_parts(name: str) -> list[str]:
    """The runs of words inside a name ("A-B-C" -> A, A-B, B, B-C, C) and a camel-case tail glued on:
    "FaceScanPaliGemma" -> PaliGemma, Gemma."""
    return word_runs(name) + [name[i:] for i in range(1, len(name) - 3)
                              if name[i - 1].islower() and name[i].isupper() and name[i + 1].islower()]


def _part_kind(kb: KnowledgeBase, part: str) -> str | None:
    """The one kind the knowledge base gives a part of a name (not a part in capitals: may be a word)."""
    kinds = {e.type for e in kb.lookup(part)} if not (part.isalpha() and part.isupper()) else set()
    return kinds.pop() if len(kinds) == 1 else None


def _glued_phrase(surface: str, kb: KnowledgeBase, lexicon: Lexicon) -> bool:
    """Whether a hyphenated name is a word glued to a known name or term, not a name: "BEV-space",
    "plain-LoRA", "OpenWebMath-but", "CoT-distillation" (not a split or edition: "miniF2F-test",
    "COCO-stuff")."""
    parts = surface.split("-")
    # (the word may stand before a name with hyphens of its own, "models-GPT-4o", not after one)
    if len(parts) < 2 or len(parts) > 2 and not parts[0].islower():
        return False
    word, other = (parts[0], "-".join(parts[1:])) if parts[0].islower() else (parts[1], parts[0])
    return (word.isalpha() and word.islower() and len(word) >= 3 and word not in _NAME_SUFFIXES
            and bool(kb.lookup(other) or kb.is_stopword(other) or other.lower() in lexicon.generic_words))


def _emphasised_word(doc: Doc, surface: str) -> bool:
    """Whether a word in mixed case is a plain word of the text with letters raised to spell an
    acronym: "RestorAtion" in "RAP-SR: RestorAtion Prior Enhancement" where "restoration" is written
    too, "siMplification" beside "Simplification"."""
    if not (surface.isalpha() and any(ch.isupper() for ch in surface[1:]) and not surface.isupper()):
        return False
    v = view_of(doc)
    lowered = surface.lower()
    # (a name spelled two ways, "UniFork" and "Unifork", stays a name)
    return any(low == lowered and (word.islower() or word.istitle() and surface[0].islower())
               for word, low in zip(v.words, v.lower))


def _shouted_word(doc: Doc, c: Candidate) -> bool:
    """Whether a word in capitals stands in a sentence set in capitals, as some titles are: "CLOSING
    THE REALITY GAP FOR Dexterous ROTATION" (two function words in capitals tell; an acronym
    such a sentence names is known, or the paper's own)."""
    if not (c.surface.isalpha() and c.surface.isupper()):
        return False
    v = view_of(doc)
    sentence = range(v.sent_start[c.start], v.sent_end[c.start])
    return sum(v.is_stop[i] and v.words[i].isupper() and len(v.words[i]) > 1 for i in sentence) >= 2


_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?$")
_METRIC_AFTER = word_list("metric_change_words")  # "a 15% MAE reduction"


def _metric_reading(doc: Doc, c: Candidate) -> bool:
    """Whether a known method's acronym stands for a metric of the same letters by the number or
    change that follows it: "an MAE of 0.75", "a low MAE (0.106)", "15% MAE reduction"."""
    acronym = c.surface.isalpha() and c.surface.isupper() and c.long_form is None
    if not acronym or any(e.type != METHOD for e in c.kb):
        return False
    words = view_of(doc).words
    after = words[c.end] if c.end < len(words) else ""
    number_next = c.end + 1 < len(words) and _NUMBER.match(words[c.end + 1]) is not None
    return after.lower() in _METRIC_AFTER or after in ("(", "of") and number_next


def _entity_of(doc: Doc, c: Candidate, kb: KnowledgeBase, lexicon: Lexicon, title_end: int, own_prefixes: tuple[str, ...] = (),
               own_names: frozenset[str] = frozenset()) -> tuple[LocalEntity, int, bool] | None:
    """The entity a candidate names, how sure its kind is (3: the knowledge base says), and whether
    its kind is given outright, by the name itself ("ZetaDet-7B", "MiniF2F-Test") or by the words
    that introduce it ("a new benchmark, X"): the kind model overrules neither.
    ``own_names`` are the keys of names the paper introduces, ``own_prefixes`` those names plus "-"."""
    first_version = _FIRST_VERSION.match(c.surface)
    if not c.kb and c.family is None and first_version:  # "NVLM 1.0" is NVLM itself, not a version apart
        c = replace(c, kb=kb.lookup(first_version.group(1)))
    if c.kb:
        if _metric_reading(doc, c):
            return None
        chosen = _choose(c.kb, doc, c)
        # A model that names a metric or a problem is no mention of the model: "CLIP Score", "CLIP
        # similarity", "the Janus problem" of text-to-3D.
        if chosen.type == MODEL and c.end < len(doc) and view_of(doc).lower[c.end] in _MODEL_PHRASE_HEADS:
            return None
        family = kb.get(chosen.family) if chosen.family else None
        kind = chosen.type
        # A known dataset the text calls a benchmark is one (guideline); not the other way round:
        # "the GSM8K dataset" stays a benchmark.
        if kind == DATASET and _called_benchmark(view_of(doc), c):
            kind = BENCHMARK
        return LocalEntity(
            key=f"kb:{chosen.id}", name=chosen.name, kind=kind, surfaces=(c.surface,), kb_id=chosen.id,
            family=family.name if family else None, family_kb_id=family.id if family else None, rule="kb",
        ), 3, True
    if c.family is not None and c.variant is not None:
        # (a size of a model, "Llama-2-7B"; an edition of data, "YouTube-VIS 2019")
        model = c.family.type == MODEL
        name = canonical_variant(c.family.name, c.variant) if model else f"{c.family.name} {c.variant}"
        return LocalEntity(
            key=f"kb:{c.family.id}/{key(c.variant)}", name=name, kind=c.family.type, surfaces=(c.surface,),
            family=c.family.name, family_kb_id=c.family.id, rule="kb-variant",
        ), 3, True
    # A name by shape alone that is a plain word in disguise: glued to a known name, emphasised, shouted.
    if c.rule == "shape" and c.long_form is None and (
            _emphasised_word(doc, c.surface)
            or not c.introduced and (_glued_phrase(c.surface, kb, lexicon) or _shouted_word(doc, c))):
        return None
    if c.rule == "abbrev-generic" and not c.introduced:
        return None
    name = _strip_plural(c.surface.strip(" \"'“”‘’"))
    words = re.split(r"[\s\-]+", name.lower())
    generic = all(w in lexicon.generic_words or w in _LANGUAGE_NAMES or not w for w in words)  # ("Romanian Language")
    # Generic words name a component only with a component head: "an Attention Decoder", not
    # "the Attention Mechanism".
    named_component = c.introduced and c.rule == "shape-title" and words[-1] in _COMPONENT_HEADS
    shouted_title = "title" in (c.rule, c.introduced_rule) and len(name) >= 3 and name.isupper()  # "REAL: Benchmarking ..."
    # (nor a word in capitals the paper spells out: "CASE (Challenger Arm Sampling for Exemplar selection)")
    spelled_out = len(name) >= 3 and name.isupper() and c.long_form is not None
    # (a listed term with a version is that term still: "under the Apache 2.0 license")
    if (not name or kb.is_stopword(name) or kb.is_stopword(_VERSION_TAIL.sub("", name))
            or (generic and not named_component and not shouted_title and not spelled_out)):
        return None
    # Hardware is no entity: "a Unitree Go1 robot", "Jetson Orin devices", "the Xilinx Alveo U280 FPGA",
    # "an RTX 3080 Ti".
    lower = view_of(doc).lower
    if (c.end < len(lower) and lower[c.end] in _HARDWARE_HEADS or words[-1] in _HARDWARE_HEADS
            or _HARDWARE_NAME.fullmatch(name)):
        return None
    # "Program Synthesis Benchmark 2" in the abstract: a name by its head noun (a title capitalises
    # any phrase: "An Olympiad-Level Math Benchmark for ...")
    titled_data = _TITLED_DATA.search(name) if c.rule == "shape-title" and c.start >= title_end else None
    if c.rule == "shape-title" and not c.introduced and not titled_data:
        return None
    kind, strength = (c.kind, 2) if c.kind else infer_kind(doc, c, lexicon)
    given = c.kind is not None
    if titled_data and strength < 3:
        kind, strength, given = (BENCHMARK if titled_data.group(1) == "Benchmark" else DATASET), 2, True
    if kind == METRIC:
        return None
    # "PathX-256", "TREC-6", "Medusa-2": a numbered version of a known benchmark, dataset or method
    # is one too (a version of a known model is its variant already).
    base = _NUMBER_SUFFIX.sub("", name)
    if base == name:  # "BrowseComp-zh": a language edition of a known benchmark
        base = _LANGUAGE_SUFFIX.sub("", name)
    if base == name:  # "MiniF2F-Test": a split of one
        base = _SPLIT_SUFFIX.sub("", name)
    if strength < 3 and base != name:
        known = {e.type for e in kb.lookup(base)}
        if len(known) == 1 and known <= {BENCHMARK, DATASET, METHOD}:
            kind, strength, given = known.pop(), 2, True
    # "AfriMMLU", "KoXNLI", "IndicMMLU-Pro": a known benchmark's acronym with a prefix glued on is a
    # benchmark too (not "AniCrafter": a plain word after the prefix).
    if strength < 2 and " " not in name and any(
            name[i - 1].islower() and name[i:].split("-")[0].isupper() and any(e.type == BENCHMARK for e in kb.lookup(name[i:]))
            for i in range(1, len(name) - 2)):
        kind, strength, given = BENCHMARK, 2, True
    # "YOLOv9-C", "Tulu2-dpo", "HumanEval-Java": a name with a known name as a part is of its kind,
    # when nothing else says what it is (parts of two kinds say nothing).
    if strength == 0:
        part_kinds = {_part_kind(kb, part) for part in _name_parts(name)} - {None}
        if len(part_kinds) == 1:
            kind, given = part_kinds.pop(), True
    # An undefined acronym counts where the paper introduces it ("LIMA: ..." and "training LIMA, a ...").
    if c.rule == "acronym" and not c.introduced and kind not in (BENCHMARK, DATASET) and key(name) not in own_names:
        return None
    # "Video-MLLM", "Decoder-Only LLM", "English LLM": a generic head is not a name unless introduced,
    # itself or as a variant of an introduced name ("FireRedASR-LLM").
    head = re.split(r"[\s\-]+", name)[-1].lower()
    if (head in _GENERIC_HEADS and (not c.introduced or c.introduced_rule == "component")
            and not (own_prefixes and name.startswith(own_prefixes))):
        return None
    # A size of a new name is a checkpoint: "YOLOv10-S", "ZetaDet-7B" (436 of the 438 gold entities
    # with a family are Models).
    variant = split_variant(name)
    if kind in (METHOD, MODEL) and strength < 3 and variant is not None and _SIZED_VARIANT.match(variant.variant):
        kind, given = MODEL, True
    family = variant.family if variant and kind == MODEL else None
    return LocalEntity(
        key=key(name), name=name, kind=kind, surfaces=(c.surface,), family=family,
        rule=c.introduced_rule or c.rule,
    ), strength, given


_SIZE_NOUNS = {"parameter", "parameters", "params", "scale", "scales", "size", "sizes"}
_SIZE_GLUE = {",", "and", "&", "/", "or", "("}


def _own_sizes(v: TokenView, mentions: list[MentionSpan], entities: dict[str, LocalEntity],
               introduced: dict[str, tuple[str, int]]) -> list[tuple[str, int]]:
    """(introduced model, token) for each bare size right before a name the paper introduces, and
    for each in a list of two or more next to a size noun, in a sentence whose nearest model or
    method name is one the paper introduces."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    models = sorted((m.start, m.entity) for m in mentions if entities[m.entity].kind in (MODEL, METHOD))
    found = []
    i, n = 0, len(v)
    while i < n:
        if i in covered or not SIZE_ONLY.match(v.words[i]) or v.lower[i][-1] not in "bm":  # (not "4K")
            i += 1
            continue
        run, j = [i], i + 1
        while j < n and (v.lower[j] in _SIZE_GLUE or SIZE_ONLY.match(v.words[j]) and j not in covered):
            if SIZE_ONLY.match(v.words[j]):
                run.append(j)
            j += 1
        after = j + 1 if j < n and v.words[j] == ")" else j
        if len(run) == 1:  # "the 7B GenPRM outperforms ...": a size right before our name
            owner = next((m.entity for m in mentions if m.start == i + 1 and m.entity in introduced), None)
            if owner is not None and entities[owner].kind in (MODEL, METHOD) and entities[owner].family is None:
                found.append((owner, i))
        else:
            sent_start, sent_end = v.sent_start[i], v.sent_end[i]
            before = [e for s, e in models if sent_start <= s < i]
            following = next((e for s, e in models if j <= s < sent_end), None)
            if after < n and v.lower[after] in _SIZE_NOUNS:  # "Self-RAG (7B and 13B parameters)"
                owner = before[-1] if before else following
            elif any(w in _SIZE_NOUNS for w in v.lower[max(0, i - 3) : i]):
                # "models with different scales (1B, 3B, 8B) of GuardReasoner"; not "X models based
                # on LLMs of different sizes (4B, 9B, and 14B)", the sizes of the LLMs
                owner = following
            else:
                owner = None
            if owner in introduced and entities[owner].family is None:
                found += [(owner, k) for k in run]
        i = j
    return found


def _merge(a: LocalEntity, b: LocalEntity) -> LocalEntity:
    surfaces = a.surfaces + tuple(s for s in b.surfaces if s not in a.surfaces)
    return replace(a, surfaces=surfaces, evidence=a.evidence or b.evidence)


_LIST_JOINERS = word_list("list_joiners")
_EVALUATION_NOUNS = word_list("evaluation_nouns")
# "miniF2F-test", "COCO-stuff", "Bailong-bench": a part of a name, not a word glued to it
_NAME_SUFFIXES = word_list("name_suffixes") | _SPLIT_WORDS | word_list("part_suffixes")
_BASE_VERBS = word_list("base_verbs")  # "built on X": what a thing rests on, not where it is tested


def _listed_pairs(v: TokenView, mentions: list[MentionSpan]) -> list[tuple[MentionSpan, MentionSpan]]:
    """Mentions of two names next to each other in a list: only list glue between them ("A, B and C")."""
    ordered = sorted(mentions, key=lambda m: m.start)
    return [(a, b) for a, b in zip(ordered, ordered[1:])
            if a.entity != b.entity and all(w in _LIST_JOINERS for w in v.words[a.end : b.start])]


def _inherit_list_kinds(doc: Doc, listed: list[tuple[MentionSpan, MentionSpan]], kind_votes: dict[str, tuple[int, str]],
                        introduced: dict[str, tuple[str, int]]) -> None:
    """A name listed next to known benchmarks or datasets is one too: "... VideoVista and MLVU", and
    so is one that only its version made a model: "CORDEX and CMIP6" (not our own: "ZETA6 and COCO").
    ``listed`` are the pairs of :func:`_listed_pairs`."""
    v = view_of(doc)
    for a, b in listed:
        if subject_after_comma(v, b.start, b.end):
            continue
        for weak, strong in ((a, b), (b, a)):
            weak_vote, strong_vote = kind_votes[weak.entity], kind_votes[strong.entity]
            version_only = weak_vote[0] == 1 and weak_vote[1] in (MODEL, METHOD) and weak.entity not in introduced
            if (weak_vote[0] == 0 or version_only) and strong_vote[0] >= 2 and strong_vote[1] in (BENCHMARK, DATASET):
                kind_votes[weak.entity] = (1, strong_vote[1])


def _evaluation_kinds(doc: Doc, mentions: list[MentionSpan], kind_votes: dict[str, tuple[int, str]],
                      introduced: dict[str, tuple[str, int]]) -> None:
    """Names of unknown kind that results are reported on are data: "Experiments on CULane and
    TuSimple show ...", "evaluated on PHOENIX14T"."""
    v = view_of(doc)
    by_start = {m.start: m for m in mentions}
    for i in range(1, len(v) - 1):
        # (the evaluation noun may stand a few words back: "achieves 21.9 mAP with a ResNet-50 backbone on
        # LV-VIS", but not before what a thing is built on: "we evaluate ZetaNet, built on FooNet")
        # (or a score stands right before it: "3.64 on ETH-XGaze, 4.50 on MPIIFaceGaze")
        scored = SCORE.fullmatch(v.words[i - 1]) or v.words[i - 1] == "%" and SCORE.fullmatch(v.words[i - 2])
        if (v.lower[i] not in ("on", "across") or v.lower[i - 1] in _BASE_VERBS
                or not scored and not any(w in _EVALUATION_NOUNS for w in v.lower[max(v.sent_start[i], i - 6) : i])):
            continue
        first = by_start.get(i + 2 if v.lower[i + 1] in ("the", "both", "all") else i + 1)
        if first is None:
            continue
        for m in [first, *list_continuation(v, mentions, first.end, v.sent_end[i])]:
            strength, kind = kind_votes[m.entity]
            if (strength == 0 or strength == 1 and kind in (MODEL, METHOD)) and m.entity not in introduced:
                kind_votes[m.entity] = (1, DATASET)


def _own_data_parts(entities: dict[str, LocalEntity], kind_votes: dict[str, tuple[int, str]], kind_given: set[str],
                    introduced: dict[str, tuple[str, int]]) -> None:
    """A new name built on the paper's own benchmark or dataset is a part of it, of its kind, when
    nothing strong says otherwise: "TIME" and its "TIME-Wiki", "TIME-News" (not a size: "-7B")."""
    own_data = {entities[k].name + "-": kind for k, (strength, kind) in kind_votes.items()
                if k in introduced and strength >= 2 and kind in (BENCHMARK, DATASET) and len(entities[k].name) >= 3}
    for k, (strength, kind) in kind_votes.items():
        name = entities[k].name
        base = next((b for b in own_data if name.startswith(b)), None)
        if (base is None or strength >= 2 or entities[k].kb_id or k not in introduced
                or _SIZED_VARIANT.match(name[len(base):])):
            continue
        kind_votes[k] = (strength, own_data[base])
        kind_given.add(k)


def _learned_kinds(doc: Doc, mentions: list[MentionSpan], listed: list[tuple[MentionSpan, MentionSpan]],
                   entities: dict[str, LocalEntity], kind_votes: dict[str, tuple[int, str]], kind_given: set[str],
                   introduced: dict[str, tuple[str, int]], model: KindModel) -> None:
    """The kind model decides the kind of each new name whose kind no strong clue gave (see
    :mod:`kg.nlp.kind_model`). ``listed`` are the pairs of :func:`_listed_pairs`."""
    v = view_of(doc)
    paper = paper_features(v)
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        spans.setdefault(m.entity, []).append((m.start, m.end))
    # The kinds of sure names listed next to each name: "on ZetaQA, MMLU and GSM8K".
    neighbours: dict[str, set[str]] = {}
    for a, b in listed:
        for one, other in ((a, b), (b, a)):
            if kind_votes[other.entity][0] >= 2 or entities[other.entity].kb_id:
                neighbours.setdefault(one.entity, set()).add(kind_votes[other.entity][1])
    for k in sorted(spans):
        strength, kind = kind_votes[k]
        if strength >= 3 or entities[k].kb_id or k in kind_given:
            continue
        features = kind_features(v, spans[k], kind, strength, introduced.get(k, (None,))[0],
                                 frozenset(neighbours.get(k, ())), paper)
        kind_votes[k] = (strength, model.kind_of(k, features, kind))


def extract_doc(doc: Doc, kb: KnowledgeBase, lexicon: Lexicon, cues: CueMatcher) -> tuple[tuple[LocalEntity, ...], tuple[RelationHit, ...]]:
    """The entities and relations of one paper's doc."""
    view = view_of(doc)
    title_end = title_end_of(doc)
    candidates = find_candidates(doc, kb, lexicon, title_end)
    introduced_names(doc, title_end, candidates)
    # "deep instruction tuning (DIT)" is not DiT, the diffusion transformer: an acronym the paper
    # spells out otherwise than every known long form of its namesakes names something new, there
    # and wherever it stands again.
    redefined = {key(_strip_plural(c.surface)) for c in candidates
                 if c.kb and c.long_form and not _long_form_fits(c.long_form, c.kb)}
    candidates = [replace(c, kb=[]) if c.kb and key(_strip_plural(c.surface)) in redefined else c for c in candidates]
    # "We-Math: ..." then "we introduce WE-MATH": another casing of a known name the paper uses is that name.
    known_here = {key(c.surface): c.kb for c in candidates if c.kb}
    candidates = [replace(c, kb=known_here[key(c.surface)]) if not c.kb and c.family is None
                  and key(c.surface) in known_here else c for c in candidates]
    entities: dict[str, LocalEntity] = {}
    mentions: list[MentionSpan] = []
    introduced: dict[str, tuple[str, int]] = {}
    short_forms: dict[str, str] = {}  # acronym key -> entity key, so later uses of the acronym join it
    kind_votes: dict[str, tuple[int, str]] = {}
    kind_given: set[str] = set()  # (names whose winning vote is given outright; see _entity_of)
    own_prefixes = tuple(c.surface + "-" for c in candidates if c.introduced and not c.kb and len(c.surface) >= 3)
    own_names = frozenset(key(c.surface) for c in candidates if c.introduced)
    plain_keys = {key(c.surface) for c in candidates if not c.kb and c.family is None}
    found_all = [(c, _entity_of(doc, c, kb, lexicon, title_end, own_prefixes, own_names)) for c in candidates]
    # An acronym's long form said again elsewhere, whole or its head ("HNeRV: A Hybrid Neural
    # Representation for Videos"), is the acronym's entity, not a second one.
    long_forms = {key(c.long_form): found[0] for c, found in found_all if c.long_form and found is not None}
    singulars = {key(c.surface): found[0] for c, found in found_all if found is not None}  # for plurals of a name
    for c, found in found_all:
        if found is None:
            continue
        entity, strength, given = found
        if not c.long_form and not entity.kb_id and len(re.split(r"[\s\-]+", entity.name)) >= 2:
            short = next((e for long, e in long_forms.items() if long.startswith(entity.key)), None)
            if short is not None:
                entity = replace(entity, key=short.key, name=short.name, kind=short.kind)
        if c.long_form and not entity.kb_id and _ONE_WORD_NAME.fullmatch(c.long_form):
            # "NaturalCodeBench (NCB)": the acronym is another mention of a one-word name
            entity = replace(entity, key=key(c.long_form), name=c.long_form)
        k = short_forms.get(entity.key, entity.key)
        first_version = _FIRST_VERSION.match(entity.name)
        if first_version and not entity.kb_id and key(first_version.group(1)) in plain_keys:
            k = key(first_version.group(1))  # "NVLM 1.0" is the paper's NVLM, not a version apart
            entity = replace(entity, key=k)
        elif not entity.kb_id and entity.name.endswith("s") and key(entity.name[:-1]) in singulars:
            entity = replace(singulars[key(entity.name[:-1])], surfaces=entity.surfaces)  # "T2I-Adapters": T2I-Adapter
            k = entity.key
        if strength > kind_votes.get(k, (-1, ""))[0]:
            kind_votes[k] = (strength, entity.kind)
            if given:
                kind_given.add(k)
            else:
                kind_given.discard(k)
        entity = replace(entity, evidence=view.sentence_text(c.start))
        if c.long_form:
            entity = replace(entity, surfaces=(c.long_form, *entity.surfaces))
        if c.long_form:
            short_forms[key(_strip_plural(c.surface))] = entity.key
        entities[k] = _merge(entities[k], entity) if k in entities else entity
        # "via Direct Preference Optimization (DPO)": a cue's window reaches the long form first.
        mentions.append(MentionSpan(c.long_start if c.long_start is not None else c.start, c.end, k))
        if c.introduced and k not in introduced:
            introduced[k] = (c.introduced_rule or "propose", c.start)
    # Sizes of a model the paper introduces are its own too ("TinyLLaVA: ..." and "TinyLLaVA-3.1B").
    for m in mentions:
        entity = entities[m.entity]
        if entity.family and m.entity not in introduced:
            family = f"kb:{entity.family_kb_id}" if entity.family_kb_id else key(entity.family)
            if family in introduced or family + "s" in introduced:  # ("SeaLLMs - ..." and "SeaLLM-13b")
                introduced[m.entity] = ("variant", m.start)
    # So are new names built on an introduced one: "FireRedASR comprises two variants: FireRedASR-LLM
    # ...", "SliM-LLM+".
    own = {entities[k].name for k in introduced if len(entities[k].name) >= 3}
    prefixes = tuple(name + "-" for name in own)
    # ... or holding one after a hyphen: "Qwen-72B-MMIQC" trained on the paper's MMIQC, "Llama3-ChatQA-2-70B"
    inner = [key(name) for name in own if len(key(name)) >= 5]
    # A known name too, after the name the title introduces: "MovieChat: ..." and "the released
    # MovieChat-1K benchmark" (a famous paper's own benchmark is in the knowledge base).
    titled = tuple(entities[k].name + "-" for k, (rule, _) in introduced.items()
                   if rule == "title" and len(entities[k].name) >= 3)
    for m in mentions:
        entity = entities[m.entity]
        tail = key(entity.name.partition("-")[2])
        if titled and m.entity not in introduced and entity.kb_id and entity.name.startswith(titled):
            introduced[m.entity] = ("variant", m.start)
        elif m.entity not in introduced and not entity.kb_id and (
                prefixes and entity.name.startswith(prefixes) or entity.name.rstrip("+") in own
                or tail and any(k in tail for k in inner)):
            introduced[m.entity] = ("variant", m.start)
    # Bare sizes listed where the paper speaks of its own model are its sizes: "Self-RAG (7B and
    # 13B parameters)", "TituLLMs, ... available in 1b and 3b parameter sizes".
    for family_key, start in _own_sizes(view, mentions, entities, introduced):
        family, size = entities[family_key], view.words[start]
        name = canonical_variant(family.name, size)
        k = f"kb:{family.kb_id}/{key(size)}" if family.kb_id else key(name)
        entity = LocalEntity(key=k, name=name, kind=MODEL, surfaces=(size,), family=family.name, family_kb_id=family.kb_id,
                             rule="own_size", evidence=view.sentence_text(start))
        entities[k] = _merge(entities[k], entity) if k in entities else entity
        kind_votes.setdefault(k, (3, MODEL))
        mentions.append(MentionSpan(start, start + 1, k))
        introduced.setdefault(k, ("variant", start))
    # The surest mention decides a name's kind ("Video-CCAM: ..." in the title says nothing;
    # "a Video-MLLM, named Video-CCAM" does).
    listed = _listed_pairs(view, mentions)
    _inherit_list_kinds(doc, listed, kind_votes, introduced)
    _evaluation_kinds(doc, mentions, kind_votes, introduced)
    _own_data_parts(entities, kind_votes, kind_given, introduced)
    if lexicon.kind_model is not None:
        _learned_kinds(doc, mentions, listed, entities, kind_votes, kind_given, introduced, lexicon.kind_model)
    entities = {k: replace(e, kind=kind_votes[k][1], confidence=confidence_of(MENTIONS, e.rule)) for k, e in entities.items()}
    relations = find_relations(doc, mentions, entities, introduced, cues, title_end)
    if lexicon.relation_model is not None:
        entities, relations = judge_relations(view, mentions, entities, introduced, relations, title_end,
                                              lexicon.relation_model)
    return tuple(entities[k] for k in sorted(entities)), tuple(relations)
