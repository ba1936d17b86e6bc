"""Text cleaning for titles and abstracts: LaTeX markup, HTML entities, Unicode, control characters.

Papers arrive with ``$\\textit{Refiner}$``, ``9\\%``, ``Schr\\"{o}dinger``, ``&amp;``, ligatures,
NUL bytes and hard line breaks; extraction and every export want plain, normalised text.

Every pattern here has a bounded window, so cleaning stays linear on hostile input (a 5 MB
abstract of ``**`` or ``\\textit{``). Not supported: LaTeX macros with arguments beyond the
wrappers listed, math beyond dropping ``$`` delimiters, HTML tags (kept as text: text is data).
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["clean_text", "normalize_title"]

# \textit{X}, \textbf{X}, \emph{X}, \mathrm{X} ... keep X.
_LATEX_WRAPPER = re.compile(
    r"\\(?:text(?:it|bf|tt|rm|sc|sf|up)?|emph|math(?:rm|bf|it|tt|sf|cal|bb)|mbox|texttt|bm|boldsymbol"
    r"|operatorname|underline|url)\s*\{([^{}]{0,500})\}"
)
# Accents: \"o, \"{o}, \'{\i}, \c{c}, \v s ... -> the letter with a combining mark, then NFC.
_ACCENT_MARKS = {
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328", "r": "\u030a",
}
# \href{URL}{text} keeps its text: arXiv writes "at this \href{this https URL}{link}".
_LATEX_HREF = re.compile(r"\\href\s*\{[^{}]{0,500}\}\s*\{([^{}]{0,500})\}")
_ACCENT_SYMBOL = re.compile(r"""\\(["'`^~=.])\s*(?:\{\s*\\?([A-Za-z])\s*\}|([A-Za-z]))""")
_ACCENT_LETTER = re.compile(r"\\([cvuHkr])(?:\s*\{\s*\\?([A-Za-z])\s*\}|\s+([A-Za-z]))")
_LATEX_ESCAPED = re.compile(r"\\([%&_#$])")
_LATEX_SPACING = re.compile(r"\\[,;:! ]|~")
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+)(?![A-Za-z])\s*")  # a subscript may follow: \pi_{0}
_INLINE_MATH = re.compile(r"(?<!\\)\$([^$]{0,200}?)(?<!\\)\$")
# A LaTeX tie left in plain text: "NEFTune~(64.69%)", "LLaVA~liu2023visualit" (a citation key the
# source dropped the \\cite of). Not "~50%", a range "5~10" or a URL's "/~user".
_TIE_CITATION = re.compile(r"(?<=[\w)\]])~[a-z]{2,30}(?:19|20)\d\d[a-z0-9]{0,30}\b")
_TIE = re.compile(r"(?<=[A-Za-z)\].])~(?=[\w(\[])|(?<=\d)~(?=[A-Za-z(\[])")
_MARKDOWN_BOLD = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,100}?)(?<=\S)\1")
# arXiv's HTML glues footnote n to the word before it as "nnn", before the footnote's text or
# address: "ComposerX111Demo", "recognition111Our code is ...", "(ESC)222Code", "LLM4Decompile111https",
# "Training111project.github.io".
_FOOTNOTE_MARK = re.compile(
    r"(?<=[A-Za-z.,)])(?:111|222|333)(?=[A-Z][a-z]|https?:|[a-z][\w-]*\.(?:github\.io|com|org)\b)")
# C0/C1 controls (tab, newline and carriage return become spaces too), lone surrogates (JSON can
# carry them, UTF-8 cannot encode them), the BOM / zero-width no-break space and non-characters.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]+")

# LaTeX symbol commands that papers use in running text.
_LATEX_SYMBOLS = {
    "times": "×", "sim": "~", "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "pm": "±", "cdot": "·", "rightarrow": "→", "to": "→", "infty": "∞", "alpha": "α", "beta": "β",
    "gamma": "γ", "delta": "δ", "epsilon": "ε", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ",
    "tau": "τ", "theta": "θ", "ldots": "...", "dots": "...", "LaTeX": "LaTeX", "TeX": "TeX",
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
    "l": "ł", "L": "Ł", "i": "ı", "&": "&",
}


# Letters written as commands sit inside words (Erd\H{o}s, Stra\ss e): the space after them is LaTeX's.
_LATEX_LETTERS = {"ss", "o", "O", "ae", "AE", "oe", "OE", "aa", "AA", "l", "L", "i"}


def _latex_command(match: re.Match[str]) -> str:
    name = match.group(1)
    symbol = _LATEX_SYMBOLS.get(name)
    if symbol is None:  # an unknown command is dropped, not the space after it: "URL\allowbreak this"
        return " " if match.group(0)[-1:].isspace() else ""
    spaced = match.group(0)[len(name) + 1:] != "" and name not in _LATEX_LETTERS
    return symbol + (" " if spaced else "")


def _accent(match: re.Match[str]) -> str:
    letter = match.group(2) or match.group(3)
    return unicodedata.normalize("NFC", letter + _ACCENT_MARKS[match.group(1)])


def _strip_latex(text: str, braces: bool) -> str:
    text = _LATEX_HREF.sub(r"\1", text)
    text = _ACCENT_SYMBOL.sub(_accent, text)
    text = _ACCENT_LETTER.sub(_accent, text)
    for _ in range(3):  # nested wrappers: \textbf{\textit{X}}
        text, n = _LATEX_WRAPPER.subn(r"\1", text)
        if not n:
            break
    text = _INLINE_MATH.sub(lambda m: m.group(1), text)
    text = _LATEX_ESCAPED.sub(r"\1", text)
    text = _LATEX_SPACING.sub(" ", text)
    text = _LATEX_COMMAND.sub(_latex_command, text)
    if braces or "\\" not in text:  # grouping braces ({BERT}) once no command needs them
        text = text.replace("{", "").replace("}", "")
    return text


def clean_text(text: str, *, latex: bool = False) -> str:
    """Return ``text`` as plain, NFKC-normalised, single-spaced Unicode with no control characters.

    LaTeX is undone where the text has a ``\\`` or ``$`` (or always, with ``latex=True``, which
    also drops grouping braces as BibTeX fields need).

    >>> clean_text("We propose $\\\\textit{Refiner}$, +9\\\\% on MMLU &amp; GSM8K.")
    'We propose Refiner, +9% on MMLU & GSM8K.'
    >>> clean_text('{BERT}: Schr\\\\"{o}dinger', latex=True)
    'BERT: Schrödinger'
    """
    if not text:
        return ""
    text = html.unescape(html.unescape(text)) if "&" in text else text
    text = unicodedata.normalize("NFKC", _CONTROL.sub(" ", text))
    text = _CONTROL.sub(" ", text)  # NFKC can map compatibility characters onto controls
    if "~" in text:  # before LaTeX, which reads every "~" as a space
        text = _TIE.sub(" ", _TIE_CITATION.sub("", text))
    if latex or "\\" in text or "$" in text:
        text = _strip_latex(text, latex)
    if "111" in text or "222" in text or "333" in text:
        text = _FOOTNOTE_MARK.sub(" ", text)
    if "**" in text or "__" in text:
        text = _MARKDOWN_BOLD.sub(r"\2", text)
    return _SPACE.sub(" ", text).strip()


def normalize_title(title: str) -> str:
    """The key two spellings of one title share: case-folded letters and digits, single-spaced.

    Letters and digits of every script count, so two titles in Chinese do not share the empty
    key; for ASCII titles this is lowercase ``[a-z0-9]`` words.

    >>> normalize_title("LoLCATs: On Low-Rank Linearizing of LLMs")
    'lolcats on low rank linearizing of llms'
    >>> normalize_title("深度学习 — Ärger_2")
    '深度学习 ärger 2'
    """
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFC", title).casefold()).strip()
