"""A tokenizer that keeps model names whole.

spaCy's English rules split some hyphens and not others (``Qwen2-VL`` -> ``Qwen2 - VL`` but
``Llama-2`` stays), so one name comes out in several token shapes. kg keeps hyphenated words
whole (``Mixture-of-Experts``, ``Llama-2-7B``) and splits an opening parenthesis glued to a word
(``GPT-4V(ision)``), so a name is always a run of whole tokens.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

__all__ = ["customize_tokenizer"]

_HYPHEN_INFIXES = ("(?:-|–|—|--|---|——|~)", r"[+\-\*^](?=[0-9-])")
# Adjectives glued to a name ("LLaMA-based", "MLA-specific") are split off, so the name stands alone.
ADJECTIVE_SUFFIXES = (
    "based", "specific", "style", "like", "grounded", "aware", "guided", "driven", "free", "centric", "only", "level",
    "type", "oriented", "powered", "enhanced", "augmented", "compatible", "generated", "derived", "initialized",
    "initialised", "tuned", "finetuned", "scale", "sized", "size", "inspired", "friendly", "native", "related",
    "empowered", "embedded", "assisted", "integrated", "conditioned", "specialized", "specialised", "focused",
    "aligned", "series", "family", "centred", "centered", "agnostic", "dependent", "independent",
)


def customize_tokenizer(nlp: Language) -> None:
    infixes = [p for p in nlp.Defaults.infixes if not any(h in p for h in _HYPHEN_INFIXES)]
    infixes.append(r"(?<=[A-Za-z0-9])[(~\"“”](?=[A-Za-z0-9])|(?<=[A-Za-z0-9])[\"“”]")
    infixes.append(r"(?<=[A-Za-z0-9])-(?=\()|(?<=-)\((?=\d)")  # sizes in brackets: "Qwen2.5-Coder-(0.5B/1.5B)"
    adjectives = "|".join(ADJECTIVE_SUFFIXES)
    # Capitalised only after a name's capital or digit: "LLaMA2-7B-Based", not "Pruning-Aware Tuning".
    # (An en dash too: "SMPL-X–based".)
    infixes.append(rf"(?<=[A-Za-z0-9)])[-–](?=(?:{adjectives})\b)|(?<=[A-Z0-9)])[-–](?=(?i:{adjectives})\b)")
    # Sizes and versions listed with slashes ("InternVL2-4B/8B", "LLaMA2/3") are split so each is a
    # name; fractions and years ("1/2", "2023/24") stay whole.
    # (but not a patch size after a one-letter size: "DINOv2-g/14", "Proteus-L/14")
    infixes += [r"(?<=[A-Za-z])(?<!-[A-Za-z])/(?=\d)", r"(?<=[A-Za-z]\d)/(?=\d)", r"(?<=[A-Za-z]\d\d)/(?=\d)"]  # (and "AIME24/25")
    # So are names listed with slashes ("RefCOCO+/RefCOCOg", "GSM8K/MATH") and dotted versions ("GPT-3.5/4").
    infixes += [r"(?<=[A-Za-z0-9+])/(?=[A-Z])", r"(?:(?<=[A-Za-z-]\d\.\d)|(?<=[A-Za-z-]\d\.\d\d))/(?=\d)"]
    # An em dash is punctuation, never part of a name: "four levels—GUI Content Understanding"; a
    # bracket closes before a dash: "(DiT)—the", "(DiT)-based".
    infixes += [r"—", r"(?<=[A-Za-z0-9])\)(?=[—-])"]
    # A citation glued to a name is split off too: "OpenSora[1]".
    infixes.append(r"(?<=[A-Za-z0-9])\[(?=\d)")
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "Llama-2-13B." ends a sentence: split the period after a capital or digit too.
    # Units after digits ("360K", "7B") and "+" after digits ("CodeT5+") belong to names here.
    suffixes = [p for p in nlp.Defaults.suffixes if not p.startswith(("(?<=[0-9])(?:km", "(?<=[0-9])\\+"))]
    suffixes.append(r"(?<=[A-Z0-9])\.")
    # A footnote mark glued to a size ("Mistral-7B1, Llama-2-7B2") is not part of the name.
    suffixes.append(r"(?<=[0-9][BM])[1-9]$")
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # spaCy keeps emoticons whole, and papers write "(MIPO):" and "(Section 8)": no emoticons here.
    nlp.tokenizer.rules = {text: tokens for text, tokens in nlp.tokenizer.rules.items()
                           if text.isspace() or text in ("'", "''") or any(c.isalpha() for c in text)}
