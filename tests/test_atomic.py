"""Atomic outputs: a build killed at any moment leaves every previous output intact and readable.

Unit tests of :mod:`kg.atomic`, then SIGKILL tests: a real export (or a real ``kg build``) runs in
a subprocess over a folder holding the outputs of another graph, and is killed

- half-way through writing each of several files (its temporary file half written),
- just before each of several renames into place (the temporary file complete),
- just before and just after a folder (``neo4j/``) is swapped into place,
- during extraction (the CLI), and
- from outside, as soon as a temporary file shows up (no hook at all).

After each kill every output is byte for byte either the previous one or the complete new one,
and a later export leaves no temporary file behind. The kill points are chosen by counting the
real file operations of an export in a dry run, so they follow whatever exporters exist.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg import atomic
from kg.atomic import atomic_dir, atomic_open, recover, write_bytes, write_text
from kg.export import DEFAULT_FORMATS, EXPORTERS, write_all

# --- kg.atomic on its own ------------------------------------------------------------------------------


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_atomic_write_replaces_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "out" / "graph.json"
    write_text(target, "one\n")
    write_text(target, "two\r\n")
    assert target.read_bytes() == b"two\r\n"  # no newline translation either way
    write_bytes(target, b"\x00three")
    assert target.read_bytes() == b"\x00three"
    assert _hidden(target.parent) == []


def test_atomic_output_permissions_follow_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "f.txt", "x")
        with atomic_dir(tmp_path / "d") as folder:
            (folder / "a.csv").write_text("1")
    finally:
        os.umask(old)
    assert (tmp_path / "f.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "d").stat().st_mode & 0o777 == 0o755


def test_atomic_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "graph.json"
    write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("exporter failed")
    assert target.read_text() == "old"
    assert _hidden(tmp_path) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_atomic_dir_replaces_a_folder(tmp_path, monkeypatch, exchange):
    if not exchange:  # the path taken where renameat2(RENAME_EXCHANGE) is missing
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    target = tmp_path / "neo4j"
    with atomic_dir(target) as folder:
        (folder / "old.csv").write_text("old")
    with atomic_dir(target) as folder:
        (folder / "new.csv").write_text("new")
    assert sorted(p.name for p in target.iterdir()) == ["new.csv"]
    assert _hidden(tmp_path) == []


def test_atomic_dir_failure_keeps_the_old_folder(tmp_path):
    target = tmp_path / "neo4j"
    with atomic_dir(target) as folder:
        (folder / "old.csv").write_text("old")
    with pytest.raises(RuntimeError), atomic_dir(target) as folder:
        (folder / "new.csv").write_text("new")
        raise RuntimeError("exporter failed")
    assert sorted(p.name for p in target.iterdir()) == ["old.csv"]
    assert _hidden(tmp_path) == []


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_atomic_recover_restores_a_folder_moved_aside_by_a_dead_process(tmp_path):
    """A crash between the two renames of the fallback path: the next write puts the old folder back."""
    pid = _dead_pid()
    aside = tmp_path / f".neo4j.{pid}.old"
    aside.mkdir()
    (aside / "nodes.csv").write_text("previous")
    (tmp_path / f".neo4j.{pid}.abc123.tmp").mkdir()
    (tmp_path / f".graph.json.{pid}.xyz.tmp").write_text("half")
    recover(tmp_path / "neo4j")
    recover(tmp_path / "graph.json")
    assert (tmp_path / "neo4j" / "nodes.csv").read_text() == "previous"
    assert _hidden(tmp_path) == []


def test_atomic_recover_leaves_live_writers_alone(tmp_path):
    mine = tmp_path / f".graph.json.{os.getpid()}.abc.tmp"
    mine.write_text("being written")
    recover(tmp_path / "graph.json")
    assert mine.exists()


# --- SIGKILL ------------------------------------------------------------------------------------------

# Runs a real export of GRAPH (node-link JSON) into OUT and, in MODE, SIGKILLs itself at the N-th
# file operation of kg.atomic. MODE "count" prints how many there are instead.
DRIVER = r'''
import json, os, signal, sys
from pathlib import Path
import networkx as nx
import kg.atomic as atomic
from kg.export import DEFAULT_FORMATS, write_all

graph_file, out, mode, n = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
graph = nx.node_link_graph(json.loads(Path(graph_file).read_text(encoding="utf-8")), edges="edges")
counts = {"open": 0, "replace": 0, "exchange": 0}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def hit(kind):
    counts[kind] += 1
    return mode.startswith(kind) and counts[kind] - 1 == n

class HalfThenDie:
    """A file that writes half of what it is given, flushes it to disk, and dies."""
    def __init__(self, handle):
        self._handle = handle
    def __getattr__(self, name):
        return getattr(self._handle, name)
    def __enter__(self):
        self._handle.__enter__()
        return self
    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)
    def write(self, data):
        self._handle.write(data[: max(1, len(data) // 2)])
        self._handle.flush()
        os.fsync(self._handle.fileno())
        die()
    def writelines(self, lines):
        for line in lines:
            self.write(line)

real_fdopen, real_replace, real_exchange = atomic.os.fdopen, atomic.os.replace, atomic._exchange

def fdopen(*args, **kwargs):
    handle = real_fdopen(*args, **kwargs)
    return HalfThenDie(handle) if hit("open") else handle

def replace(a, b):
    if hit("replace"):
        die()
    return real_replace(a, b)

def exchange(a, b):
    fire = hit("exchange")
    if fire and mode == "exchange-before":
        die()
    done = real_exchange(a, b)
    if fire and mode == "exchange-after":
        die()
    return done

atomic.os.fdopen, atomic.os.replace, atomic._exchange = fdopen, replace, exchange
write_all(graph, out, DEFAULT_FORMATS)
if mode == "count":
    print(json.dumps(counts))
'''


def _tree(path: Path) -> dict[str, bytes] | bytes | None:
    """A file's bytes, a folder's {relative path: bytes}, or None if missing."""
    if path.is_dir():
        return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    return path.read_bytes() if path.exists() else None


def _snapshot(out: Path) -> dict[str, object]:
    return {EXPORTERS[f].filename: _tree(out / EXPORTERS[f].filename) for f in DEFAULT_FORMATS}


def _visible(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    """Two different small graphs (old, new), saved as node-link JSON, and the exports of each."""
    base = tmp_path_factory.mktemp("atomic")
    result = {}
    for name, titles in (("old", ["Old Paper One", "Old Paper Two"]), ("new", ["New Paper", "Another New One", "Third"])):
        source = base / f"{name}.jsonl"
        source.write_text("".join(json.dumps({"title": t, "abstract": f"We propose {t.split()[0]}Net, built on Llama 2 "
                                              "and evaluated on MMLU with LoRA."}) + "\n" for t in titles))
        graph = kg.build([source], n_process=1)
        data = nx.node_link_data(graph, edges="edges")
        (base / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
        write_all(graph, base / f"{name}-out", DEFAULT_FORMATS)
        result[name] = (source, base / f"{name}.json", _snapshot(base / f"{name}-out"))
    assert result["old"][2] != result["new"][2]
    return base, result


def _run_driver(base: Path, graph_file: Path, out: Path, mode: str, n: int = 0) -> subprocess.CompletedProcess:
    driver = base / "driver.py"
    driver.write_text(DRIVER)
    return subprocess.run([sys.executable, str(driver), str(graph_file), str(out), mode, str(n)],
                          capture_output=True, text=True, timeout=300)


def _fresh_out(tmp_path: Path, graphs) -> Path:
    """A folder holding the previous (old) outputs."""
    base, result = graphs
    out = tmp_path / "out"
    write_all(nx.node_link_graph(json.loads(result["old"][1].read_text()), edges="edges"), out, DEFAULT_FORMATS)
    assert _snapshot(out) == result["old"][2]
    return out


def _assert_each_output_old_or_new(out: Path, graphs) -> list[str]:
    _, result = graphs
    old, new = result["old"][2], result["new"][2]
    now = _snapshot(out)
    states = []
    for name, value in now.items():
        assert value is not None, f"{name} is missing"
        assert value in (old[name], new[name]), f"{name} is neither the previous output nor the new one"
        states.append("old" if value == old[name] else "new")
    assert _visible(out) == sorted(now)  # nothing half-written under a visible name
    return states


@pytest.fixture(scope="module")
def counts(graphs, tmp_path_factory):
    """How many files the export opens, renames and swaps, over a folder of previous outputs."""
    base, result = graphs
    out = _fresh_out(tmp_path_factory.mktemp("count"), graphs)
    done = _run_driver(base, result["new"][1], out, "count")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["open"] >= 4 and found["replace"] >= 4
    return found


def _moments(total: int) -> list[int]:
    return sorted({0, total // 2, total - 1})


def test_atomic_sigkill_mid_write(tmp_path, graphs, counts):
    """Killed with a temporary file half written: the first, a middle and the last file of the export."""
    base, result = graphs
    for n in _moments(counts["open"]):
        out = _fresh_out(tmp_path / f"open-{n}", graphs)
        done = _run_driver(base, result["new"][1], out, "open", n)
        assert done.returncode == -signal.SIGKILL, done.stderr
        states = _assert_each_output_old_or_new(out, graphs)
        assert "old" in states


def test_atomic_sigkill_before_rename(tmp_path, graphs, counts):
    """Killed with a temporary file complete but not yet renamed: some outputs new, the rest old."""
    base, result = graphs
    seen = set()
    for n in _moments(counts["replace"]):
        out = _fresh_out(tmp_path / f"replace-{n}", graphs)
        done = _run_driver(base, result["new"][1], out, "replace", n)
        assert done.returncode == -signal.SIGKILL, done.stderr
        seen.add(tuple(_assert_each_output_old_or_new(out, graphs)))
    assert len(seen) > 1  # the kill points fell at different places in the export


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2(RENAME_EXCHANGE) is Linux-only")
@pytest.mark.parametrize("mode", ["exchange-before", "exchange-after"])
def test_atomic_sigkill_around_a_folder_swap(tmp_path, graphs, counts, mode):
    base, result = graphs
    if not counts["exchange"]:
        pytest.skip("no exporter in DEFAULT_FORMATS writes a folder")
    out = _fresh_out(tmp_path, graphs)
    done = _run_driver(base, result["new"][1], out, mode, 0)
    assert done.returncode == -signal.SIGKILL, done.stderr
    _assert_each_output_old_or_new(out, graphs)
    # A later export cleans up what the killed one left (its temporary folder).
    write_all(nx.node_link_graph(json.loads(result["new"][1].read_text()), edges="edges"), out, DEFAULT_FORMATS)
    assert _snapshot(out) == result["new"][2]
    assert [p for p in out.iterdir() if p.name.startswith(".")] == []


def test_atomic_later_export_cleans_up_after_a_kill(tmp_path, graphs, counts):
    base, result = graphs
    out = _fresh_out(tmp_path, graphs)
    done = _run_driver(base, result["new"][1], out, "open", counts["open"] // 2)
    assert done.returncode == -signal.SIGKILL
    assert any(p.name.endswith(".tmp") for p in out.iterdir())  # the killed writer's temporary file
    write_all(nx.node_link_graph(json.loads(result["new"][1].read_text()), edges="edges"), out, DEFAULT_FORMATS)
    assert _snapshot(out) == result["new"][2]
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def _kg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def test_atomic_cli_killed_from_outside(tmp_path, graphs):
    """A real `kg build`, SIGKILLed from outside as soon as it has a temporary file in the output folder."""
    _, result = graphs
    out = _fresh_out(tmp_path, graphs)
    process = _kg(str(result["new"][0]), "--out", str(out), "--no-cache", "-j", "1")
    try:
        while process.poll() is None and not any(p.name.endswith(".tmp") for p in out.iterdir()):
            time.sleep(0.005)  # wait for the event (a temporary file), not for a time
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    _assert_each_output_old_or_new(out, graphs)


def test_atomic_cli_killed_during_extraction(tmp_path, graphs):
    """Killed before exporting (in extraction): the previous outputs are untouched."""
    _, result = graphs
    out = _fresh_out(tmp_path, graphs)
    stop = tmp_path / "stop.py"
    stop.write_text(
        "import os, signal, sys\n"
        "import kg.pipeline\n"
        "kg.pipeline.link = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from kg.cli import main\n"
        "sys.argv = ['kg', *sys.argv[1:]]\n"
        "main()\n")
    done = subprocess.run([sys.executable, str(stop), "build", str(result["new"][0]), "--out", str(out), "-j", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert _assert_each_output_old_or_new(out, graphs) == ["old"] * len(DEFAULT_FORMATS)
