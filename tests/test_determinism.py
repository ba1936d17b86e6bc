"""Deterministic output: two builds of the same input give byte-identical files.

The two builds are separate ``kg build`` processes with different ``PYTHONHASHSEED`` values (so
any output that depends on set iteration order differs), the first with ``--jobs 1 --no-cache``,
the second with ``--jobs 2`` and a fresh extraction cache.
Every file in both output folders is compared byte for byte, for every format in the registry
except the Oxigraph store (a RocksDB database: its files carry the store's own ids and are not an
export to compare). The input mixes a seed listing, every other input format, duplicates and
hostile text; it is under the 1,000 papers from which kg starts worker processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.export import EXPORTERS
from kg.resources import sample_corpus

_FORMATS = [f for f in EXPORTERS if f != "oxigraph"]


def _inputs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    abstract = ("We propose {0}, a model built on Llama 2 and trained on The Pile. {0} is evaluated on MMLU and GQA "
                "and compared to Mistral 7B with LoRA adapters.")
    jsonl = folder / "papers.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"id": "2401.00001", "title": "AlphaNet: <script>alert(1)</script> & Friends", "abstract": abstract.format("AlphaNet"),
         "authors": ["Ada Lovelace", "=cmd|' /C calc'!A0"], "published": "2024-01-02"},
        {"id": "a b>c", "title": "BetaNet \"]]> '); DROP TABLE x; --", "abstract": abstract.format("BetaNet")},
        {"title": "Gamma {{7*7}} } ; DROP ALL", "abstract": abstract.format("GammaNet-7B")},
        {"id": "2401.00001v2", "title": "AlphaNet: <script>alert(1)</script> & Friends", "abstract": "A duplicate."},
    ]), encoding="utf-8")
    csv = folder / "papers.csv"
    csv.write_text('title,abstract\n"DeltaNet, a study",' + f'"{abstract.format("DeltaNet")}"\n', encoding="utf-8")
    bib = folder / "papers.bib"
    bib.write_text("@article{e, title={{EpsilonNet}: Schr\\\"{o}dinger}, abstract={" + abstract.format("EpsilonNet")
                   + "}, eprint={2402.00005}}\n", encoding="utf-8")
    atom = folder / "papers.xml"
    atom.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2403.00006v1</id>'
                    f"<title>ZetaNet</title><summary>{abstract.format('ZetaNet')}</summary></entry></feed>",
                    encoding="utf-8")
    return [sample_corpus()[0], jsonl, csv, bib, atom]


def _build(inputs: list[Path], out: Path, seed: str, *options: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run([sys.executable, "-m", "kg", "build", *map(str, inputs), "--out", str(out),
                           "--formats", ",".join(_FORMATS), *options],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("determinism")
    inputs = _inputs(base / "in")
    _build(inputs, base / "a", "1", "-j", "1", "--no-cache")
    _build(inputs, base / "b", "2", "-j", "2", "--cache", str(base / "cache"))
    return _files(base / "a"), _files(base / "b")


def test_determinism_same_files(two_builds):
    first, second = two_builds
    assert sorted(first) == sorted(second)
    for fmt in _FORMATS:  # every format wrote something
        name = EXPORTERS[fmt].filename
        assert any(f == name or f.startswith(name + os.sep) for f in first), name


def test_determinism_byte_identical(two_builds):
    first, second = two_builds
    differ = [name for name in first if first[name] != second.get(name)]
    assert differ == []


def test_determinism_no_timestamps(two_builds):
    """Nothing that looks like the build's date or time is written (a second build on another day must match)."""
    import datetime
    import re

    first, _ = two_builds
    today = datetime.date.today()
    stamp = re.compile(rf"{today:%Y-%m-%d}|{today:%Y%m%d}|{today:%d %b %Y}".encode())
    assert [name for name, data in first.items() if stamp.search(data)] == []
