"""Text cleaning for titles and abstracts: LaTeX markup, HTML entities, Unicode, control characters.

Papers arrive with ``$\\textit{Refiner}$``, ``9\\%``, ``&amp;``, ligatures, NUL bytes and hard line
breaks; extraction and every export want plain, normalised text.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["clean_text", "normalize_title"]

# \textit{X}, \textbf{X}, \emph{X}, \mathrm{X} ... keep X.
_LATEX_WRAPPER = re.compile(r"\\(?:text(?:it|bf|tt|rm|sc|sf|up)?|emph|math(?:rm|bf|it|tt|sf|cal|bb)|mbox|texttt|bm|boldsymbol|operatorname|underline)\s*\{([^{}]*)\}")
# \"U, \'e, \`a, \^o, \~n and {\"u}: accents as combining marks, composed by NFC below.
_LATEX_ACCENT = re.compile(r"\{?\\([\"'`^~=.])\{?([A-Za-z])\}?\}?")
_ACCENT_MARK = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307"}
_LATEX_ESCAPED = re.compile(r"\\([%&_#$])")
_LATEX_SPACING = re.compile(r"\\[,;:! ]|~")
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+)\b\s*")
_INLINE_MATH = re.compile(r"(?<!\\)\$([^$]{0,200}?)(?<!\\)\$")
_MARKDOWN_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACE = re.compile(r"\s+")

# A few LaTeX symbol commands that papers use in running text.
_LATEX_SYMBOLS = {
    "times": "×", "sim": "~", "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "pm": "±", "cdot": "·", "rightarrow": "→", "to": "→", "infty": "∞", "alpha": "α", "beta": "β",
    "gamma": "γ", "delta": "δ", "epsilon": "ε", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ",
    "tau": "τ", "theta": "θ", "ldots": "...", "dots": "...", "LaTeX": "LaTeX", "TeX": "TeX",
}


def _latex_command(match: re.Match[str]) -> str:
    name = match.group(1)
    symbol = _LATEX_SYMBOLS.get(name)
    if symbol is None:
        return ""
    return symbol + (" " if match.group(0).endswith(" ") and symbol.isalpha() else "")


def clean_text(text: str) -> str:
    """Return ``text`` as plain, NFKC-normalised, single-spaced Unicode.

    >>> clean_text("We propose $\\\\textit{Refiner}$, +9\\\\% on MMLU &amp; GSM8K.")
    'We propose Refiner, +9% on MMLU & GSM8K.'
    """
    if not text:
        return ""
    text = html.unescape(html.unescape(text)) if "&" in text else text
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)
    if "\\" in text or "$" in text:
        for _ in range(3):  # nested wrappers: \textbf{\textit{X}}
            text, n = _LATEX_WRAPPER.subn(r"\1", text)
            if not n:
                break
        text = unicodedata.normalize("NFC", _LATEX_ACCENT.sub(lambda m: m.group(2) + _ACCENT_MARK[m.group(1)], text))
        text = _INLINE_MATH.sub(lambda m: m.group(1), text)
        text = _LATEX_ESCAPED.sub(r"\1", text)
        text = _LATEX_SPACING.sub(" ", text)
        text = _LATEX_COMMAND.sub(_latex_command, text)
        text = text.replace("{", "").replace("}", "") if "\\" not in text else text
    if "**" in text or "__" in text:
        text = _MARKDOWN_BOLD.sub(r"\2", text)
    return _SPACE.sub(" ", text).strip()


def normalize_title(title: str) -> str:
    """The key two spellings of one title share: lowercase ASCII letters and digits, single-spaced.

    >>> normalize_title("LoLCATs: On Low-Rank Linearizing of LLMs")
    'lolcats on low rank linearizing of llms'
    """
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()
