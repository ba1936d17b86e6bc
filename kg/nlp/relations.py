"""Paper-level relations from cue phrases on spaCy tokens within a sentence.

The cue patterns live in ``ontology/cues.json``: each says which relation it signals and where the
entity stands (after the cue, right before it, or anywhere in the sentence). An edge's confidence is
its rule's measured precision (``ontology/confidence.json``). The subject is always the paper
itself, so cues that could describe other work ("X builds on Y") count only in sentences that speak
of the paper's own work. The relation model (:mod:`kg.nlp.relation_model`) then has the last word
on these edges, with the rules' findings among what it weighs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.linking.normalize import is_sized, key, word_runs
from kg.names import BENCHMARK, DATASET, INTRODUCES, METHOD, MODEL, RELATION_TARGETS
from kg.nlp.confidence import confidence_of
from kg.nlp.cues import CueMatcher
from kg.nlp.lexicon import is_survey_title, word_list
from kg.nlp.tokens import TokenView, view_of
from kg.nlp.records import LocalEntity, RelationHit

__all__ = ["MentionSpan", "SCORE", "find_relations", "is_survey", "list_continuation", "opens_on_study",
           "studies_its_names", "subject_after_comma"]

_SELF = word_list("self_words")
_TRAINING_WORDS = word_list("training_words")
_SELF_PHRASES = word_list("self_phrases")
_SELF_OPENERS = word_list("self_openers")
_OTHERS_PHRASES = word_list("others_phrases")
_BACKGROUND_PHRASES = word_list("background_phrases")
# Others' data: "existing benchmarks", "existing offline benchmarks such as WebShop"
_OTHERS_DATA = re.compile(r"\b(?:%s)(?: [\w-]+){0,2} (?:benchmarks|datasets)\b"
                          % "|".join(sorted(word_list("background_adjectives"))))
_BUILDING_BLOCKS = word_list("building_blocks")  # knowledge-base ids
_PRETRAINING_CORPORA = word_list("pretraining_corpora")  # knowledge-base ids: data to train on, not to test on
_STUDY_OPENERS = word_list("study_openers")  # "Evaluating ... of ChatGPT": a title that studies its names
_SOURCE_VERBS = word_list("source_verbs")  # "extracted from X": X is where data came from
_AGENT_VERBS = word_list("agent_verbs")  # "X outperforms ...": X does the work
_SET_ASIDE = word_list("set_aside_words")  # "we replace LoRA with", "unlike CLIP"
_TESTING_VERBS = word_list("testing_verbs")  # "we benchmarked X using ...": the models X tests
_USAGE_HEADS = word_list("usage_heads")  # "in the CLIP embedding space": CLIP is a tool there, not a rival
_WINDOW = 20
_BEFORE = 3
_CLOSERS = frozenset({'"', "”", "’", "'", ")"})
_LIST_GLUE = word_list("list_joiners")
_BY_SHAPE = "shape"  # the rule of a name found by its shape alone (kg.nlp.mentions)
_NEW_VERSION = re.compile(r"^(.*?[A-Za-z])[\s\-]?(?:[vV]?\d+(?:\.\d+)?)$")


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """Where one entity is mentioned: token offsets and the entity's key."""

    start: int
    end: int
    entity: str


def _speaks_of_self(v: TokenView, i: int, introduced: set[str], mentions: list[MentionSpan], title_end: int,
                    first_self: int | None) -> bool:
    """Whether token ``i``'s sentence is about the paper's own work: it says so, or it comes after
    the first abstract sentence that does (``first_self``) and names no one else's work ("This
    model is then merged with ...")."""
    if _says_self(v, i, introduced, mentions, title_end):
        return True
    if first_self is None or v.sent_start[i] <= first_self:
        return False
    lowered = v.sentence_text(i).lower()
    return not any(p in lowered for p in _OTHERS_PHRASES)


def _first_self_sentence(v: TokenView, introduced: set[str], mentions: list[MentionSpan], title_end: int) -> int | None:
    """Where the abstract's first sentence about the paper's own work starts."""
    k = title_end
    while k < len(v):
        if v.sent_start[k] >= title_end and _says_self(v, k, introduced, mentions, title_end):
            return v.sent_start[k]
        k = v.sent_end[k]
    return None


def _says_self(v: TokenView, i: int, introduced: set[str], mentions: list[MentionSpan], title_end: int) -> bool:
    sent_start, sent_end = v.sent_start[i], v.sent_end[i]
    if sent_start < title_end:
        return True
    if any(w in _SELF for w in v.lower[sent_start:sent_end]):
        return True
    # "By leveraging foundation models such as X, ...": a sentence opening on what is done, with no
    # one named to do it, tells of the paper's own work.
    opener = sent_start + 1 if v.lower[sent_start] == "by" and sent_start + 1 < sent_end else sent_start
    if v.lower[opener] in _SELF_OPENERS:
        return True
    lowered = v.sentence_text(i).lower()
    if any(p in lowered for p in _SELF_PHRASES):
        return True
    return any(m.entity in introduced and sent_start <= m.start < sent_end for m in mentions)


def _before_list(v: TokenView, i: int, starts_by_last: dict[int, int], past: frozenset[str] = frozenset()) -> int:
    """The token before the list that the name at token ``i`` is one of (or before the name alone),
    going back over list glue, earlier names and the words in ``past``. ``starts_by_last`` maps the
    last token of each mention to its first."""
    k = i - 1
    while k >= 0 and (v.words[k] in _LIST_GLUE or k in starts_by_last or v.lower[k] in past):
        k = starts_by_last[k] - 1 if k in starts_by_last else k - 1
    return k


def _testbed(v: TokenView, i: int, starts_by_last: dict[int, int], cue_end: int) -> bool:
    """Whether the name at token ``i`` follows "on (the)", or a "with" that is not the comparison's
    own ("compared with X"), itself or as one of a list ("gains on LLaMA-7B, Vicuna-7B, and
    LLaMA-13B", "outperforms X with LLaVA-7B/13B models"): the models a comparison ran on, not
    rivals."""
    k = _before_list(v, i, starts_by_last)
    if k > 0 and v.lower[k] in ("the", "a", "an"):
        k -= 1
    return k >= 0 and (v.lower[k] == "on" or v.lower[k] == "with" and k >= cue_end)


def subject_after_comma(v: TokenView, start: int, end: int) -> bool:
    """Whether the name at tokens ``start:end`` follows a comma and is the subject of a new clause,
    not the next item of a list: "On ToolBench and AgentBoard, ZetaNet improves ..."."""
    return (start > 0 and v.words[start - 1] == "," and end < v.sent_end[start]
            and v.words[end] not in _LIST_GLUE and not v.is_punct[end])


def _likeness(v: TokenView, end: int) -> bool:
    """Whether a name ending before token ``end`` is an adjective of likeness: "AIME-level", "MMLU-style"."""
    return end + 1 < len(v) and v.words[end] == "-" and v.lower[end + 1] in ("level", "style", "like", "type")


def _sourced_from(v: TokenView, i: int, starts_by_last: dict[int, int]) -> bool:
    """Whether the name at ``i``, itself or as one of a list, is where data came from: "corpora
    extracted from CommonCrawl", "derived from the Waymo Open Dataset and nuScenes", "we constructed
    the ZetaSet dataset based on HM3D"."""
    k = _before_list(v, i, starts_by_last, past=frozenset({"the"}))
    if k < 1:
        return False
    if v.lower[k] == "from":
        return v.lower[k - 1] in _SOURCE_VERBS
    return (v.lower[k] == "on" and v.lower[k - 1] in ("based", "built")
            and any(v.lower[j] in _SOURCE_VERBS for j in range(max(v.sent_start[k], k - 8), k - 1)))


def _contrasted(v: TokenView, i: int, starts_by_last: dict[int, int]) -> bool:
    """Whether the name at ``i``, itself or as one of a list, is set against the paper's own: "In
    contrast to PGPS9k and Geometry3K, which ...", "unlike ZetaQA"."""
    k = _before_list(v, i, starts_by_last, past=frozenset({"the"}))
    return k >= 0 and (v.lower[k] == "unlike"
                       or k >= 1 and v.lower[k] == "to" and v.lower[k - 1] in ("contrast", "contrary", "opposed"))


def _acts(v: TokenView, start: int, end: int) -> bool:
    """Whether the name from ``start`` to ``end`` is the subject of a verb of doing well ("ZetaSet
    consistently boosts ...", "ZetaMix achieves 45%"), so data we made or a misread system, not a
    testbed ("results on GSM8K achieve" stay)."""
    while end < len(v) and v.words[end] == "(":  # past an acronym or a size: "ZetaSet (ZS) achieves"
        end = next((k + 1 for k in range(end, min(len(v), end + 12)) if v.words[k] == ")"), len(v))
    return end < len(v) and v.lower[end] in _AGENT_VERBS and not (start > 0 and v.lower[start - 1] in ("on", "in", "of"))


def _modifies(v: TokenView, end: int, ends_by_start: dict[int, int]) -> bool:
    """Whether a name ending before token ``end``, itself or as one of a list, qualifies a noun of
    use: "in the CLIP embedding space", "in GPT-4 evaluations", "by CLIP and BLIP similarity"."""
    k = end
    while k < len(v) and (v.words[k] in _LIST_GLUE or k in ends_by_start):
        k = ends_by_start[k] if k in ends_by_start else k + 1
    if k < len(v) and v.words[k] == "'s":
        k += 1
    return k < len(v) and v.lower[k] in _USAGE_HEADS


def _score_for(v: TokenView, i: int) -> bool:
    """Whether token ``i`` is the "for" of a score: "83.3% for Med-Gemini" names whose score it is."""
    return v.lower[i] == "for" and i > 0 and (v.words[i - 1] == "%" or v.words[i - 1][:1].isdigit())


_DATASET_TITLE_WORDS = frozenset({"dataset", "benchmark", "corpus"})
SCORE = re.compile(r"[+-]?\d+(?:\.\d+)?%?")  # a score as a token: "80.2", "+3.1", "45%"


def _past_bracket(v: TokenView, i: int, sent_end: int) -> int:
    """The token after a bracketed score or gloss that starts at ``i`` ("(80.2%)", "(+3.1)",
    "(virtual screening)"), else ``i``."""
    close = v.closing_bracket(i, min(sent_end, i + 5))
    inside = v.words[i + 1 : close] if close is not None else []
    if inside and (SCORE.fullmatch("".join(inside)) or all(w.isalpha() and w.islower() for w in inside)):
        return close + 1
    return i


def list_continuation(v: TokenView, mentions: list[MentionSpan], end: int, sent_end: int) -> list[MentionSpan]:
    """Mentions listed right after token ``end`` ("..., B, and C"), in order."""
    by_start = {m.start: m for m in mentions}
    found = []
    i = end
    while i < sent_end:
        j = i
        if j < sent_end and v.words[j].isdigit() and len(v.words[j]) <= 2:  # a footnote mark: "Mistral-7B1,"
            j += 1
        j = _past_bracket(v, j, sent_end)  # "AndroidWorld (80.2%) and AndroidLab (53.6%)"
        while j < sent_end and v.words[j] in _LIST_GLUE:
            j += 1
        if j == i or j not in by_start:
            break
        found.append(by_start[j])
        i = by_start[j].end
    return found


def _example_after(v: TokenView, mentions: list[MentionSpan], end: int, stop: int, sent_end: int) -> list[MentionSpan]:
    """The first mention right after an "e.g." between ``end`` and ``stop``, however far it runs on."""
    marker = next((i for i in range(end, stop) if v.lower[i] == "e.g."), None)
    if marker is None:
        return []
    k = marker + 1
    while k < sent_end and v.words[k] == ",":
        k += 1
    return [m for m in mentions if m.start == k]


def _tells_of_others(sentence: str) -> bool:
    """Whether a sentence tells of others' recent work or data."""
    text = sentence.lower()
    return any(p in text for p in _BACKGROUND_PHRASES) or _OTHERS_DATA.search(text) is not None


def _per_sentence(v: TokenView, test: Callable[[int], bool]) -> Callable[[int], bool]:
    """``test`` of a token's sentence, computed once per sentence."""
    answers: dict[int, bool] = {}  # sentence start -> answer

    def check(i: int) -> bool:
        start = v.sent_start[i]
        if start not in answers:
            answers[start] = test(i)
        return answers[start]

    return check


def is_survey(v: TokenView, title_end: int) -> bool:
    """Whether the title names a survey, which builds on, compares to, trains and tests on nothing of
    its own: the names it reviews are its topic (the data of a benchmark it brings are its own)."""
    return title_end > 0 and is_survey_title(v.span_text(0, title_end))


def opens_on_study(v: TokenView, title_end: int) -> bool:
    """Whether the title opens on a study: "Evaluating ... of ChatGPT"."""
    return title_end > 0 and v.lower[0] in _STUDY_OPENERS


def studies_its_names(v: TokenView, title_end: int) -> bool:
    """Whether the title asks or studies ("Is DPO Superior to PPO ...?", "Evaluating ... of
    ChatGPT"): the models its experiments ran on are what it studies, not what it builds on."""
    return title_end > 0 and "?" in v.span_text(0, title_end) or opens_on_study(v, title_end)


def find_relations(
    doc: Doc,
    mentions: list[MentionSpan],
    entities: dict[str, LocalEntity],
    introduced: dict[str, tuple[str, int]],
    cues: CueMatcher,
    title_end: int,
) -> list[RelationHit]:
    """Relations of the paper to its entities, one hit per (relation, entity): the first rule to find it
    gives its evidence and rule (not the most confident one, so the measured precision of a rule
    does not change which edges it is credited with)."""
    v = view_of(doc)
    hits: dict[tuple[str, str], RelationHit] = {}
    said: dict[tuple[str, str], set[str]] = {}  # every sentence a cue found each hit in

    survey = is_survey(v, title_end)
    study = studies_its_names(v, title_end)
    title = v.span_text(0, title_end).strip() if title_end else ""
    # A paper that makes only a benchmark tests the models it "benchmarked X using" (though its
    # "experiments with Llama 3" may still build on Llama 3).
    own_kinds = {entities[k].kind for k in introduced}
    benchmark_paper = BENCHMARK in own_kinds and not own_kinds & {MODEL, METHOD}

    def add(relation: str, entity: str, evidence: str, rule: str) -> None:
        if survey and relation != INTRODUCES and entity not in introduced:
            return
        if study and rule in ("experiments_with", "sized_model"):
            return
        if (relation, entity) not in hits:
            hits[(relation, entity)] = RelationHit(relation, entity, evidence, rule, confidence_of(relation, rule))
        said.setdefault((relation, entity), set()).add(evidence)

    for entity_key, (rule, token_index) in introduced.items():
        add(INTRODUCES, entity_key, v.sentence_text(token_index), rule)

    intro_keys = set(introduced)
    first_self = _first_self_sentence(v, intro_keys, mentions, title_end)
    # whether token i's sentence speaks of the paper's work; whether it tells of others' recent work
    ours = _per_sentence(v, lambda i: _speaks_of_self(v, i, intro_keys, mentions, title_end, first_self))
    background = _per_sentence(v, lambda i: _tells_of_others(v.sentence_text(i)))

    ends_by_start = {m.start: m.end for m in mentions}
    mention_starts = set(ends_by_start)
    starts_by_last = {m.end - 1: m.start for m in mentions}
    matches = cues(doc)
    # Where each relation's cues start: a builds_on window ends where a comparison begins
    # ("builds on Llama 3.1, surpassing Qwen 2.5" does not build on Qwen 2.5).
    cue_starts = sorted((start, cues.rules[rule_name]["relation"]) for rule_name, start, _ in matches)
    for rule_name, start, end in matches:
        cue = cues.rules[rule_name]
        relation = cue["relation"]
        if start > 0 and v.lower[start - 1] in cue.get("not_after", ()):  # "no more than", "large-scale"
            continue
        if end < len(v) and v.lower[end] in cue.get("not_before", ()):  # "a GPT-4-based metric"
            continue
        sent_start, sent_end = v.sent_start[start], v.sent_end[start]
        if cue.get("needs_self") and not ours(start):
            known_subject = any(sent_start <= m.start < start and entities[m.entity].kb_id for m in mentions)
            if cue["needs_self"] != "or_unknown_subject" or known_subject:
                continue
        # "Recently, benchmarks such as CoderEval have emerged": others' benchmarks, not ours to test on.
        if relation == "evaluated_on" and not ours(start) and background(start):
            continue
        if (relation == "builds_on" and benchmark_paper and v.lower[start] == "using"
                and set(v.lower[max(sent_start, start - 6) : start]) & _TESTING_VERBS):
            continue
        if cue.get("after_introduced"):
            name_end = start  # right after the name, or its closing quote: '"FaceScanGPT", which is a'
            while name_end > 0 and v.words[name_end - 1] in _CLOSERS:
                name_end -= 1
            if not any(name_end <= m.end <= start and m.entity in intro_keys for m in mentions):
                continue
        if cue["side"] == "after":
            limit = min(sent_end, end + cue.get("window", _WINDOW))
            stop_words = cue.get("stop_words", ())
            if (any(v.lower[i] in stop_words for i in range(start + 1, end))
                    and any(start < m.start and m.end < end for m in mentions)):
                continue  # the cue's gap spans its own object and a stop: "trained on X and evaluated on Y"
            stop = next((i for i in range(end, limit) if v.words[i] == ";" or v.lower[i] in stop_words
                         and not _score_for(v, i)), limit)
            if relation == "builds_on":
                if any(start < s < end and other == "compares_to" for s, other in cue_starts):
                    continue  # the phrase is a comparison: "results on par with GPT-4"
                stop = min([stop] + [s for s, other in cue_starts if end <= s < stop and other == "compares_to"])
            if start == sent_start:  # "Compared to MLA, standard LLMs with GQA ...": the phrase ends at its comma
                stop = next((i for i in range(end, stop) if v.words[i] == "," and i + 1 < stop
                             and (i + 1 not in mention_starts or subject_after_comma(v, i + 1, ends_by_start[i + 1]))
                             and v.lower[i + 1] not in ("and", "or")), stop)
            targets = [m for m in mentions if end <= m.start < stop]
            if stop == limit and not targets:  # the window ends inside "a generation model, e.g., Stable Diffusion"
                targets = _example_after(v, mentions, end, stop, sent_end)
            if targets and stop == limit:  # a list the window cuts goes on: "including LLaMA, Vicuna, and ChatGLM"
                targets += list_continuation(v, mentions, max(m.end for m in targets), sent_end)
        elif cue["side"] == "before":
            before = cue.get("before_window", _BEFORE)
            targets = [m for m in mentions if sent_start <= m.start and start - before <= m.end <= start]
            if relation == "builds_on":  # "outperforms NeRF-based methods": rivals, not a base
                targets = [m for m in targets if not any(sent_start <= s < m.start and other == "compares_to"
                                                         and "," not in v.words[s : m.start] for s, other in cue_starts)]
        else:
            targets = [m for m in mentions if sent_start <= m.start < sent_end]
        for m in targets:
            entity = entities[m.entity]
            if entity.kind not in cue.get("targets", RELATION_TARGETS[relation]):
                continue
            if relation in ("builds_on", "compares_to") and m.entity in intro_keys:
                continue
            if cue.get("known_targets") and entity.rule == _BY_SHAPE:
                continue
            if relation == "compares_to" and _testbed(v, m.start, starts_by_last, end):  # "outperforms X by 9% on Llama 2"
                continue
            if relation == "compares_to" and _modifies(v, m.end, ends_by_start):
                continue
            if relation == "evaluated_on" and _likeness(v, m.end):  # "AIME-level problems" are not AIME's
                continue
            if relation == "evaluated_on" and _sourced_from(v, m.start, starts_by_last):  # "corpora extracted from CommonCrawl"
                continue
            if relation == "evaluated_on" and _acts(v, m.start, m.end):
                continue
            if relation == "evaluated_on" and _contrasted(v, m.start, starts_by_last):
                continue
            if relation == "evaluated_on" and entity.kb_id in _PRETRAINING_CORPORA:  # "experiments on C4": trained on
                continue
            add(relation, m.entity, v.sentence_text(start), rule_name)
    # A name the paper mentions that is part of a name it introduces (or of its long form), or an
    # older version of it: "VL-Mamba" and Mamba, "Audio Mamba (AuM)" and Mamba, "EAGLE3" and EAGLE.
    by_key = {key(e.name): k for k, e in entities.items() if k not in intro_keys}
    glued = {k: e for k, e in entities.items() if k not in intro_keys and e.kind in (MODEL, METHOD)
             and len(e.name) >= 4 and e.name[0].isupper() and " " not in e.name}  # (not "GPT": "FaceScanGPT")
    for entity_key, (_, token_index) in introduced.items():
        name = entities[entity_key].name
        version = _NEW_VERSION.match(name)
        # (a part may have a hyphen of its own: "RT-K-Net" and K-Net; a run inside says less: "Reflective
        # Chain-of-Thoughts")
        parts = [p for surface in dict.fromkeys((name, *entities[entity_key].surfaces))
                 for p in word_runs(surface, ends_only=True)]
        for part in parts + ([version.group(1)] if version else []):
            base = by_key.get(key(part))
            if base is not None and entities[base].kind in (MODEL, METHOD):
                add("builds_on", base, v.sentence_text(token_index), "name_part")
        # ... or glued to it in camel case: "TensLoRA" and LoRA, "LoRAPrune" and LoRA.
        for base, entity in glued.items():
            if entity.name != name and (name.endswith(entity.name) and name[-len(entity.name) - 1].isalpha()
                                        or name.startswith(entity.name) and name[len(entity.name)].isupper()):
                add("builds_on", base, v.sentence_text(token_index), "name_part")
    # Models and methods the title names (and the paper does not introduce) are what it builds on:
    # "Domain Adaptation of Llama3-70B-Instruct", "Load Balancing in Mixture-of-Experts" (a method
    # there is builds_on in 16 of 27 such cases of the gold files; the rest are topics), but not a
    # likeness: "SGD-like Memory".
    # Nor a name found by its shape alone: "... in Text2Motion", "... with Sparse Zeta Attention" are
    # topics or parts; nor what a title asks about or studies.
    for m in mentions if not study else ():
        if (m.start < title_end and m.entity not in intro_keys and entities[m.entity].kind in (MODEL, METHOD)
                and entities[m.entity].rule != _BY_SHAPE and not _likeness(v, m.end)):
            add("builds_on", m.entity, title, "title_mention")
    # A model named with its size and given no other role, where the paper speaks of its own work, is
    # one its experiments ran on: "the KV cache size of Llama2-7B is reduced by 92%" (its base model,
    # main or optional, in 41 of the 49 such cases of the gold files).
    related = {entity for _, entity in hits}
    for m in mentions if not benchmark_paper else ():
        entity = entities[m.entity]
        if entity.kind == MODEL and m.entity not in related and is_sized(entity.name) and ours(m.start):
            add("builds_on", m.entity, v.sentence_text(m.start), "sized_model")
            related.add(m.entity)
    # A building block named with no cue at all is one the paper uses: "only the projectors and
    # LoRA modules are trained" (builds_on in 16 of 20 such mentions of these in the gold files);
    # not a likeness ("LoRA-like") nor what is set aside ("we replace LoRA with ...").
    for m in mentions:
        entity = entities[m.entity]
        if (entity.kb_id in _BUILDING_BLOCKS and m.entity not in related and m.entity not in intro_keys
                and not _likeness(v, m.end) and not set(v.lower[max(0, m.start - 2) : m.start]) & _SET_ASIDE):
            add("builds_on", m.entity, v.sentence_text(m.start), "building_block")
            related.add(m.entity)
    # A known model or method named after "a", perhaps with one lowercase word between, and given
    # no other role is one the paper takes up: "a ViT encoder", "a pre-trained Whisper model"
    # (builds_on in 50 of the 60 such mentions of the gold files it was written on).
    for m in mentions:
        entity = entities[m.entity]
        before = v.lower[max(0, m.start - 2) : m.start]
        after_a = bool(before) and (before[-1] in ("a", "an") or len(before) == 2 and before[0] in ("a", "an")
                                    and v.words[m.start - 1].islower())
        if (after_a and entity.kind in (MODEL, METHOD) and (entity.kb_id or entity.family_kb_id)
                and m.entity not in related and m.entity not in intro_keys and m.start > title_end
                and not _likeness(v, m.end) and not set(before) & _SET_ASIDE and not background(m.start)):
            add("builds_on", m.entity, v.sentence_text(m.start), "indefinite")
            related.add(m.entity)
    # A dataset the paper makes and does not evaluate on is what it trains on, when it speaks of
    # training at all: "we construct X-178K, a synthetic dataset ... models trained on it".
    training = next((start for name, start, _ in matches if cues.rules[name]["relation"] == "trained_on"), None)
    if training is None:  # "... a synthetic dataset for video instruction-following. We fine-tune ..."
        training = next((i for i in range(title_end, len(v)) if v.lower[i] in _TRAINING_WORDS), None)
    # (or when it makes a model too: "we curate the X dataset ... we develop G-LLaVA")
    own_model = any(entities[k].kind == MODEL for k in introduced)
    if training is not None or own_model:
        for entity_key, (_, token_index) in introduced.items():
            if entities[entity_key].kind == DATASET and ("evaluated_on", entity_key) not in hits:
                evidence = v.sentence_text(training if training is not None else token_index)
                add("trained_on", entity_key, evidence, "own_data")
    # A dataset the paper makes, "evaluated on" only by sentences that speak of training with it,
    # is what it trains on: "improvements achieved by SFT with OpenCodeInstruct" (but not when
    # another sentence tests on it: "split into a training set and test sets X ... Experiments on X").
    for (relation, entity), hit in list(hits.items()):
        if (relation == "evaluated_on" and entity in introduced and entities[entity].kind == DATASET
                and hit.rule == "evaluated_on"
                and all(any(w in _TRAINING_WORDS for w in s.lower().split()) for s in said[(relation, entity)])):
            del hits[(relation, entity)]
            add("trained_on", entity, hit.evidence, "own_data")
    # A dataset a dataset paper's title makes, which no sentence trains or evaluates on, is what the
    # paper tests models on: "MagicBrush: A Manually Annotated Dataset for Instruction-Guided Image Editing".
    dataset_title = any(w in _DATASET_TITLE_WORDS for w in v.lower[:title_end])
    for entity_key, (_, token_index) in introduced.items():
        if (dataset_title and entities[entity_key].kind == DATASET and token_index < title_end
                and ("trained_on", entity_key) not in hits and ("evaluated_on", entity_key) not in hits):
            add("evaluated_on", entity_key, title, "own_dataset")
    # An entity a sentence says the paper trained on is not also "evaluated on" by that sentence.
    for (relation, entity), hit in list(hits.items()):
        if relation == "evaluated_on" and ("trained_on", entity) in hits and hits[("trained_on", entity)].evidence == hit.evidence:
            del hits[(relation, entity)]
    return sorted(hits.values(), key=lambda h: (h.relation, h.entity))
