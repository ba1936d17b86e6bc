"""What the harvest scripts share: opening a downloaded wheel and printing its records as JSON Lines.

The harvest scripts read package wheels (``pip download --no-deps NAME -d DIR``) as zip files,
never importing or installing them.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
import zipfile
from collections.abc import Callable, Iterable

__all__ = ["open_wheel", "wheel_version", "print_harvest"]


def open_wheel(wheel_dir: str, prefix: str) -> zipfile.ZipFile | None:
    """The newest ``PREFIX-*.whl`` in ``wheel_dir``, or ``None``."""
    hits = sorted(glob.glob(os.path.join(wheel_dir, prefix + "-*.whl")))
    return zipfile.ZipFile(hits[-1]) if hits else None


def wheel_version(zf: zipfile.ZipFile) -> str:
    for n in zf.namelist():
        if n.endswith(".dist-info/METADATA"):
            m = re.search(r"^Version: (.+)$", zf.read(n).decode("utf-8", "replace"), re.M)
            if m:
                return m.group(1).strip()
    return "?"


def print_harvest(wheel_dir: str, harvesters: Iterable[tuple[str, Callable[[zipfile.ZipFile], Iterable[dict]]]]) -> int:
    """Run each ``(wheel prefix, harvester)`` on its wheel; records to stdout, notes to stderr."""
    for prefix, harvest in harvesters:
        zf = open_wheel(wheel_dir, prefix)
        if zf is None:
            print(f"# no {prefix} wheel in {wheel_dir}", file=sys.stderr)
            continue
        print(f"# {prefix} {wheel_version(zf)}", file=sys.stderr)
        for record in harvest(zf):
            print(json.dumps(record, ensure_ascii=False))
    return 0
