#!/usr/bin/env python3
"""Dev tool: print candidate Dataset/Benchmark names harvested from package wheels.

Not used by `kg build`. It reads the wheels below (downloaded with
`pip download --no-deps -d /tmp/kbwheels PACKAGE ...`) as zip files, never importing them,
and prints one JSON candidate per line:

    {"source": "tensorflow-datasets", "name": "cnn_dailymail", "where": "summarization/cnn_dailymail.py",
     "title": "Get To The Point: Summarization with Pointer-Generator Networks"}
    {"source": "torchvision", "name": "Flowers102", "where": "torchvision/datasets/flowers102.py"}
    {"source": "crfm-helm", "name": "CaseHOLD", "where": "helm/benchmark/scenarios/casehold_scenario.py"}

| source | what is read |
|---|---|
| tensorflow-datasets | dataset directories `tensorflow_datasets/datasets/<name>/` and legacy builder classes in `tensorflow_datasets/<category>/<name>.py` (snake-cased as TFDS registers them), with the first `title = {...}` of the citation |
| torchvision, torchaudio | dataset classes in `<pkg>/datasets/*.py` |
| torchtext | dataset functions in `torchtext/datasets/*.py` |
| flair | corpus classes in `flair/datasets/*.py` |
| lhotse | recipe modules `lhotse/recipes/<corpus>.py` |
| ir_datasets | dataset modules `ir_datasets/datasets/<name>.py` and their `NAME = '...'` |
| mmdet, mmsegmentation | `@DATASETS.register_module()` classes in `mmdet/datasets/*.py`, `mmseg/datasets/*.py`, and the `data_root = 'data/<folder>'` folder names in the bundled configs |
| crfm-helm | `class <Name>Scenario` in `helm/benchmark/scenarios/*_scenario.py` |
| tasksource | `dataset_name=` values in `tasksource/*.py`, paper titles in `task_discovery/catalog_links.jsonl`, and the Hugging Face dataset names ranked in `metadata/popularity.py` |
| llamafactory | the dataset list (`- [Name (lang)](url)`) in the package README (METADATA) |

The candidates are raw (internal ids, class names). The knowledge-base records in
ontology/kb/datasets.jsonl and benchmarks.jsonl were written by hand on top of this output.

Usage: python scripts/harvest_datasets.py [WHEEL_DIR] > /tmp/dataset_candidates.jsonl
"""
from __future__ import annotations

import json
import re
import sys
import zipfile

from wheels import print_harvest

_CLASS = re.compile(r"^class\s+(\w+)\s*\(([^)]*)\)\s*:", re.M)
_TITLE = re.compile(r"title\s*=\s*[{\"]+(.+?)[}\"]+\s*,?\s*$", re.M | re.I)


def _text(zf: zipfile.ZipFile, name: str) -> str:
    return zf.read(name).decode("utf-8", "replace")


def _title(text: str) -> str | None:
    m = _TITLE.search(text)
    return re.sub(r"[{}]", "", m.group(1)).strip() if m else None


def _snake(name: str) -> str:
    """TFDS registers a builder class under its snake-cased name (``Cifar10Corrupted`` -> ``cifar10_corrupted``)."""
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", s).lower()


def harvest_tfds(zf: zipfile.ZipFile):
    seen: set[str] = set()
    for n in sorted(zf.namelist()):
        parts = n.split("/")
        if len(parts) == 4 and parts[1] == "datasets" and parts[3] == "CITATIONS.bib":
            seen.add(parts[2])
            yield {"source": "tensorflow-datasets", "name": parts[2], "where": f"datasets/{parts[2]}/",
                   "title": _title(_text(zf, n))}
        elif parts[1:2] == ["datasets"] and len(parts) == 4 and parts[3] == "__init__.py" and parts[2] not in seen:
            seen.add(parts[2])
            yield {"source": "tensorflow-datasets", "name": parts[2], "where": f"datasets/{parts[2]}/", "title": None}
    skip = {"core", "scripts", "testing", "proto", "url_checksums", "datasets", "dataset_collections", "rlds"}
    for n in sorted(zf.namelist()):
        parts = n.split("/")
        # legacy builders: <category>/<name>.py or <category>/<name>/<name>.py
        if len(parts) not in (3, 4) or parts[1] in skip or not n.endswith(".py") or n.endswith("_test.py"):
            continue
        text = _text(zf, n)
        title = _title(text)
        builders: set[str] = set()
        for m in _CLASS.finditer(text):
            bases = set(re.findall(r"\w+", m.group(2)))
            if ("Builder" in m.group(2) or bases & builders) and "Config" not in m.group(1):
                builders.add(m.group(1))
                name = _snake(m.group(1))
                if name not in seen:
                    seen.add(name)
                    yield {"source": "tensorflow-datasets", "name": name, "where": "/".join(parts[1:]), "title": title}


def _classes(zf: zipfile.ZipFile, folder: str, source: str, base: str | None = None, skip=()):
    for n in sorted(zf.namelist()):
        if not (n.startswith(folder) and n.endswith(".py")) or n.count("/") != folder.count("/"):
            continue
        text = _text(zf, n)
        for m in _CLASS.finditer(text):
            name = m.group(1)
            if name.startswith("_") or name in skip or (base and not re.search(base, m.group(2))):
                continue
            yield {"source": source, "name": name, "where": n}


def harvest_torchvision(zf):
    yield from _classes(zf, "torchvision/datasets/", "torchvision", base=r"Dataset|Folder|Kinetics|Caltech|MNIST|CIFAR|Flow|Stereo|Coco|VOC|_VOCBase|SBD|Omniglot",
                        skip={"VisionDataset", "DatasetFolder", "ImageFolder", "FakeData", "VideoClips"})


def harvest_torchaudio(zf):
    yield from _classes(zf, "torchaudio/datasets/", "torchaudio", base=r"Dataset")


def harvest_torchtext(zf):
    for n in sorted(zf.namelist()):
        if n.startswith("torchtext/datasets/") and n.endswith(".py") and not n.endswith("__init__.py"):
            text = _text(zf, n)
            for m in re.finditer(r"^def\s+([A-Z]\w+)\s*\(", text, re.M):
                yield {"source": "torchtext", "name": m.group(1), "where": n}


def harvest_flair(zf):
    yield from _classes(zf, "flair/datasets/", "flair", base=r"Corpus|Dataset",
                        skip={"Corpus", "MultiCorpus", "ColumnCorpus", "ColumnDataset", "JsonlCorpus", "JsonlDataset"})


def harvest_lhotse(zf):
    for n in sorted(zf.namelist()):
        parts = n.split("/")
        if len(parts) == 3 and parts[:2] == ["lhotse", "recipes"] and n.endswith(".py") and parts[2] != "__init__.py":
            yield {"source": "lhotse", "name": parts[2][:-3], "where": n}


def harvest_ir_datasets(zf):
    for n in sorted(zf.namelist()):
        parts = n.split("/")
        if len(parts) == 3 and parts[:2] == ["ir_datasets", "datasets"] and n.endswith(".py") and parts[2] not in ("__init__.py", "base.py"):
            m = re.search(r"^NAME\s*=\s*['\"]([^'\"]+)", _text(zf, n), re.M)
            yield {"source": "ir_datasets", "name": m.group(1) if m else parts[2][:-3], "where": n}


def _registered(zf, folder, source):
    for n in sorted(zf.namelist()):
        if n.startswith(folder) and n.endswith(".py"):
            text = _text(zf, n)
            for m in re.finditer(r"@DATASETS\.register_module\([^)]*\)\s*\nclass\s+(\w+)", text):
                yield {"source": source, "name": m.group(1), "where": n}
    # the bundled configs name the data folders they read (data_root = 'data/MOT17/')
    roots: dict[str, str] = {}
    for n in sorted(zf.namelist()):
        if "/configs/" in n and n.endswith(".py"):
            for m in re.finditer(r"data_root\s*=\s*['\"]data/([^'\"/]+)", _text(zf, n)):
                roots.setdefault(m.group(1), n)
    for name, n in sorted(roots.items()):
        yield {"source": source, "name": name, "where": n}


def harvest_mmdet(zf):
    yield from _registered(zf, "mmdet/datasets/", "mmdet")


def harvest_mmseg(zf):
    yield from _registered(zf, "mmseg/datasets/", "mmsegmentation")


def harvest_helm(zf):
    for n in sorted(zf.namelist()):
        if n.startswith("helm/benchmark/scenarios/") and n.endswith("_scenario.py"):
            for m in re.finditer(r"^class\s+(\w+?)Scenario\s*\(", _text(zf, n), re.M):
                yield {"source": "crfm-helm", "name": m.group(1), "where": n}


def harvest_tasksource(zf):
    seen: set[str] = set()
    titles: dict[str, list[str]] = {}
    for n in zf.namelist():
        if n.endswith("task_discovery/catalog_links.jsonl"):
            for line in _text(zf, n).splitlines():
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                titles[row.get("name", "")] = [p.get("title") for p in row.get("papers", []) if isinstance(p, dict) and p.get("title")]
    for n in sorted(zf.namelist()):
        if n.startswith("tasksource/") and n.endswith(".py"):
            for m in re.finditer(r"dataset_name\s*=\s*['\"]([^'\"]+)['\"]", _text(zf, n)):
                name = m.group(1)
                if name not in seen:
                    seen.add(name)
                    yield {"source": "tasksource", "name": name, "where": n, "titles": titles.get(name, [])[:2]}
    # tasksource/metadata/popularity.py ranks Hugging Face dataset names: a list of names that exist
    for n in zf.namelist():
        if n.endswith("metadata/popularity.py"):
            for m in re.finditer(r"^\s*\{?'([^']+)':\s*\d+", _text(zf, n), re.M):
                if m.group(1) not in seen:
                    seen.add(m.group(1))
                    yield {"source": "tasksource", "name": m.group(1), "where": n}


def harvest_llamafactory(zf):
    for n in zf.namelist():
        if n.endswith(".dist-info/METADATA"):
            for m in re.finditer(r"^\s*- \[([^\]]+?)(?: \((?:[a-z]{2}(?:&[a-z]{2})*|multi)\))?\]\((https://huggingface\.co/datasets/[^)]+)\)", _text(zf, n), re.M):
                yield {"source": "llamafactory", "name": m.group(1), "where": m.group(2)}


HARVESTERS = (
    ("tensorflow_datasets", harvest_tfds),
    ("torchvision", harvest_torchvision),
    ("torchaudio", harvest_torchaudio),
    ("torchtext", harvest_torchtext),
    ("flair", harvest_flair),
    ("lhotse", harvest_lhotse),
    ("ir_datasets", harvest_ir_datasets),
    ("mmdet", harvest_mmdet),
    ("mmsegmentation", harvest_mmseg),
    ("crfm_helm", harvest_helm),
    ("tasksource", harvest_tasksource),
    ("llamafactory", harvest_llamafactory),
)


def main(argv: list[str]) -> int:
    return print_harvest(argv[1] if len(argv) > 1 else "/tmp/kbwheels", HARVESTERS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
