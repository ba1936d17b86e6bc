"""The gold files of eval/ are split once: what rules and models may learn from, and what only measures."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"


def _listed(name: str) -> set[str]:
    return {line.strip() for line in (EVAL / name).read_text(encoding="utf-8").splitlines() if line.strip()}


def test_eval_file_lists_split_every_gold_file_once_as_the_readme_says():
    analysis, measurement, never_read = (_listed(n) for n in ("analysis_files.txt", "measurement_files.txt",
                                                              "never_read_files.txt"))
    assert not analysis & measurement and not analysis & never_read and not measurement & never_read
    assert analysis | measurement | never_read == {f"eval/{p.name}" for p in EVAL.glob("*_gold.jsonl")}
    # the README's table: the files kept for measurement are exactly those not for analysis
    rows = re.findall(r"^\| `(\w+_gold\.jsonl)` \|.*\| ([^|]*) \|$", (EVAL / "README.md").read_text(encoding="utf-8"),
                      flags=re.MULTILINE)
    measured = {f"eval/{name}" for name, use in rows if use.startswith("measurement")}
    assert measured == measurement | never_read
    assert "eval/blind9_gold.jsonl" in measurement and "eval/outside_xci_gold.jsonl" in never_read
