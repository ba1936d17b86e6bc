"""Normalised keys that join spelling variants of one name, slugs for ids, and size variants.

``key("LLaMA 2-7B") == key("Llama-2-7B") == key("LLaMA2-7B") == "llama27b"``: case, spaces,
hyphens, underscores, slashes and a ``v`` before a version number do not tell names apart;
dots between digits do (``Llama 3.1`` is not ``Llama 31``), and so does ``+`` (``plus``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["key", "slug", "split_variant", "split_glued_size", "Variant", "is_flexible", "is_sized", "word_runs", "NAMED_SIZES"]

_VERSION_V = re.compile(r"(?:(?<=[\s\-_/(])|^)v(?=\d)", re.IGNORECASE)
_DROP = re.compile(r"[\s\-_/()\[\]'’`\u2010-\u2015,:]+|\.(?!\d)|(?<!\d)\.")
_SLUG_DROP = re.compile(r"[^a-z0-9.]+")
# Greek letters as papers spell them out: "LLaVA-φ" is LLaVA-Phi, "PanGu-π" is PanGu-Pi.
_GREEK = str.maketrans(dict(zip("αβγδεζηθικλμνξπρστυφχψω", (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi "
    "omega").split())))


@lru_cache(maxsize=65536)  # token texts repeat heavily across papers
def key(name: str) -> str:
    """The linking key of a name (see module docstring).

    >>> key("LLaVA-v1.5-7B"), key("GPT-4V"), key("CodeT5+"), key("LLaVA-φ")
    ('llava1.57b', 'gpt4v', 'codet5plus', 'llavaphi')
    """
    name = unicodedata.normalize("NFKC", name).lower().translate(_GREEK).replace("+", "plus")
    name = _VERSION_V.sub("", name)
    return _DROP.sub("", name)


def slug(name: str) -> str:
    """A lowercase id slug, as the annotation guideline writes ids.

    >>> slug("Llama-2-7B"), slug("Claude 3.5 Sonnet"), slug("FlashDecoding++")
    ('llama-2-7b', 'claude-3.5-sonnet', 'flashdecoding-plus-plus')
    """
    name = unicodedata.normalize("NFKC", name).lower().translate(_GREEK).replace("+", "-plus")
    name = _SLUG_DROP.sub("-", name)
    name = re.sub(r"-*\.-*", ".", name)  # "llama-3.-1" never happens, but "v1.5-" stays tidy
    return re.sub(r"-{2,}", "-", name).strip("-.") or "x"


def is_flexible(alias: str) -> bool:
    """Whether an alias is matched through :func:`key` (any case/spacing) or only as written.

    Names with a digit or inner capitals (``GPT-4``, ``LLaMA``) are distinctive in any spelling;
    plain words and acronyms (``Medusa``, ``OPT``, ``transformer``) are ordinary words or other
    things in another case, so they match only as written.
    """
    return bool(re.search(r"\d", alias) or re.search(r"[a-z][A-Z]", alias))


# A size (7B, 1.5B, 8x7B, 560M, a mixture's 30B-A3B) and/or a variant word, at the end of a name.
_SIZE = r"\d+(?:\.\d+)?\s?[BMKTbmkt](?:-A\d+(?:\.\d+)?[Bb])?|\d+x\d+(?:\.\d+)?[BMbm]"  # "30B-A3B": active of all
# Variant words: capitalised ones may follow a space ("GPT-4 Turbo"); lowercase ones must be
# hyphenated ("Llama-2-7b-hf"), or "Llama2 large language models" would name a variant.
#: Sizes written as words, which a version may follow: "Whisper large-v3", "BERT (base and large)".
NAMED_SIZES = r"tiny|small|base|medium|large|xl|xxl"
_SUFFIX_WORDS = r"Instruct|Chat|Base|Code|Turbo|Mini|Small|Medium|Large|XL|XXL|Nano|Pro|Max|Plus|Lite|Flash|Ultra"
# (a capital letter alone is a size too: "DeiT-S", "Swin-B", "YOLOv10-L")
_HYPHEN_WORDS = rf"{_SUFFIX_WORDS}|instruct|chat|base|hf|it|mini|small|large|nano|v\d+(?:\.\d+)*|\d{{4}}|[SBLHT]"
_VARIANT = re.compile(
    rf"^(?P<family>.+?)(?:[\s\-_]+(?P<variant>(?:{_SIZE})(?:[\-_](?:{_HYPHEN_WORDS})|\s(?:{_SUFFIX_WORDS}|v\d+(?:\.\d+)*))*"
    rf"|(?:{_SUFFIX_WORDS})(?:[\s\-_]+(?:{_SIZE}))?|(?:(?<=\d\s)|(?<=\d-))\d{{4}})|[\-_](?P<hvariant>(?:{_HYPHEN_WORDS})(?:[\-_](?:{_SIZE}))?)"
    rf"|\s(?P<wvariant>(?i:{NAMED_SIZES})[\s\-]v\d+))$"  # "Whisper large-v3": a versioned size word
)
_FAMILY_GLUED_SIZE = re.compile(rf"^(?P<family>.*[A-Za-z])(?P<variant>{_SIZE})$")


@dataclass(frozen=True, slots=True)
class Variant:
    """A name split into family and variant: ``Llama-2-7B`` -> ``Llama-2`` + ``7B``."""

    family: str
    variant: str


@lru_cache(maxsize=65536)
def split_variant(name: str) -> Variant | None:
    """Split a size or variant suffix off ``name``, or return ``None``.

    >>> split_variant("Llama-2-7B")
    Variant(family='Llama-2', variant='7B')
    >>> split_variant("Mistral-7B-Instruct")
    Variant(family='Mistral', variant='7B-Instruct')
    >>> split_variant("LLaVA-1.5") is None
    True
    """
    match = _VARIANT.match(name.strip())
    if match:
        return Variant(match.group("family").strip(" -_"),
                       match.group("variant") or match.group("hvariant") or match.group("wvariant"))
    return None


def split_glued_size(name: str) -> Variant | None:
    """Split a size glued to its family off ``name`` (worth trying only for a known family), or
    return ``None``.

    >>> split_glued_size("Pythia70M")
    Variant(family='Pythia', variant='70M')
    """
    match = _FAMILY_GLUED_SIZE.match(name.strip())
    return Variant(match.group("family"), match.group("variant")) if match else None


# Parameter counts: billions, or hundreds of millions; "1M", "128K" are context lengths ("Llama-3-1M").
_PARAMETERS = re.compile(r"^(?:\d+(?:\.\d+)?\s?[Bb]|\d{2,}\s?[Mm]|\d+x\d+(?:\.\d+)?[Bb])(?![A-Za-z])")


def is_sized(name: str) -> bool:
    """Whether ``name`` ends in a parameter count: ``Llama-2-7B``, ``Mistral-7B-Instruct``, not ``GPT-4 Turbo``.

    >>> is_sized("Mistral-7B-Instruct"), is_sized("GPT-4 Turbo")
    (True, False)
    """
    variant = split_variant(name)
    return variant is not None and bool(_PARAMETERS.match(variant.variant))


def word_runs(name: str, ends_only: bool = False) -> list[str]:
    """The runs of consecutive words of a name, short of the whole, words split at spaces and
    hyphens and joined by hyphens (keys ignore both); with ``ends_only``, only single words and runs
    that start or end the name.

    >>> word_runs("RT-K-Net")
    ['RT', 'RT-K', 'K', 'K-Net', 'Net']
    >>> word_runs("A B-C-D", ends_only=True)
    ['A', 'A-B', 'A-B-C', 'B', 'B-C-D', 'C', 'C-D', 'D']
    """
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    n = len(words)
    return ["-".join(words[i:j]) for i in range(n) for j in range(i + 1, n + 1)
            if (i, j) != (0, n) and not (ends_only and 0 < i and j < n and j - i > 1)]


def canonical_variant(family_name: str, variant: str) -> str:
    """The canonical spelling of a variant: ``("Llama 2", "7b") -> "Llama-2-7B"``."""
    parts = re.split(r"[\s\-_]+", variant)
    fixed = [re.sub(r"^(\d+(?:\.\d+)?|\d+x\d+)\s?([bmkt])$", lambda m: m.group(1) + m.group(2).upper(), p) for p in parts]
    return "-".join([family_name.replace(" ", "-"), *fixed])
