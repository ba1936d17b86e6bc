#!/usr/bin/env python3
"""Dev tool: print candidate Benchmark records harvested from package wheels.

Not used by `kg build`. It reads the wheels of `lm-eval` and `mteb` (downloaded with
`pip download --no-deps -d /tmp/wheels2 lm-eval mteb`) as zip files and prints one JSON
candidate per line:

    {"source": "lm-eval", "family": "gsm8k", "name": "GSM8k", "paper": "...",
     "tasks": [...], "dataset_paths": [...]}
    {"source": "mteb", "kind": "benchmark", "name": "MTEB(eng, v2)", "display_name": "English"}
    {"source": "mteb", "kind": "task", "category": "retrieval", "name": "SciFact", ...}

The candidates are raw: names are internal task ids or README headings. The curated
knowledge-base files (ontology/kb/benchmarks.jsonl and datasets.jsonl) were written by hand
on top of this output (canonical spelling, aliases, type, dropping internal names).

Usage: python scripts/harvest_benchmarks.py [WHEEL_DIR] > /tmp/candidates.jsonl
"""
from __future__ import annotations

import re
import sys
import zipfile

from wheels import print_harvest


def harvest_lm_eval(zf: zipfile.ZipFile):
    families: dict[str, dict] = {}
    for n in zf.namelist():
        parts = n.split("/")
        if len(parts) < 4 or parts[:2] != ["lm_eval", "tasks"]:
            continue
        fam = parts[2]
        rec = families.setdefault(
            fam, {"source": "lm-eval", "family": fam, "name": None, "paper": None,
                  "tasks": set(), "dataset_paths": set()})
        text = None
        if n.endswith(".yaml") or n.endswith(".yml"):
            text = zf.read(n).decode("utf-8", "replace")
            for m in re.finditer(r"^task:\s*['\"]?([\w\-.]+)", text, re.M):
                rec["tasks"].add(m.group(1))
            for m in re.finditer(r"^dataset_path:\s*['\"]?([^\s'\"#]+)", text, re.M):
                rec["dataset_paths"].add(m.group(1))
        elif parts[-1] == "README.md" and len(parts) == 4:
            text = zf.read(n).decode("utf-8", "replace")
            m = re.search(r"^#\s+(.+)$", text, re.M)
            if m:
                rec["name"] = m.group(1).strip()
            m = re.search(r"^Title:\s*`?(.+?)`?\s*$", text, re.M)
            if not m:  # "## Paper\n<title line>"
                m = re.search(r"^#+\s*Paper\s*\n+(?!Title)([^\n#]+)", text, re.M)
            if m:
                rec["paper"] = m.group(1).strip()
    for fam in sorted(families):
        rec = families[fam]
        rec["tasks"] = sorted(rec["tasks"])[:25]
        rec["dataset_paths"] = sorted(rec["dataset_paths"])
        yield rec


def harvest_mteb(zf: zipfile.ZipFile):
    for n in zf.namelist():
        if n.startswith("mteb/benchmarks/benchmarks/") and n.endswith(".py"):
            text = zf.read(n).decode("utf-8", "replace")
            for m in re.finditer(r"Benchmark\(\s*name=\"([^\"]+)\"(?:.*?display_name=\"([^\"]+)\")?",
                                 text, re.S):
                yield {"source": "mteb", "kind": "benchmark", "name": m.group(1),
                       "display_name": m.group(2)}
    for n in sorted(zf.namelist()):
        parts = n.split("/")
        if len(parts) < 4 or parts[:2] != ["mteb", "tasks"] or not n.endswith(".py"):
            continue
        text = zf.read(n).decode("utf-8", "replace")
        for m in re.finditer(r"TaskMetadata\(\s*name=\"([^\"]+)\"(.*?)\n\s*\)", text, re.S):
            body = m.group(2)
            path = re.search(r"\"path\":\s*\"([^\"]+)\"", body)
            ref = re.search(r"reference=\"([^\"]+)\"", body)
            yield {"source": "mteb", "kind": "task", "category": parts[2], "name": m.group(1),
                   "dataset_path": path.group(1) if path else None,
                   "reference": ref.group(1) if ref else None}


def main(argv: list[str]) -> int:
    return print_harvest(argv[1] if len(argv) > 1 else "/tmp/wheels2", (("lm_eval", harvest_lm_eval), ("mteb", harvest_mteb)))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
