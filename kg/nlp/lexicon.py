"""Word lists the extractor consults, loaded from ``ontology/`` data files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.resources import ontology_dir

__all__ = ["Lexicon", "load_lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """Generic vocabulary (``generic_words.txt``) and relation cue patterns (``cues.json``)."""

    generic_words: frozenset[str]
    cues: tuple[dict, ...]


def _words(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


@cache
def load_lexicon(folder: Path | None = None) -> Lexicon:
    folder = folder or ontology_dir()
    cues = json.loads((folder / "cues.json").read_text(encoding="utf-8"))["cues"]
    return Lexicon(_words(folder / "generic_words.txt"), tuple(cues))
