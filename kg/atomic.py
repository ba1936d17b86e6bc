"""Atomic file and folder writes: a build killed at any moment leaves the previous outputs intact.

Each file is written under a hidden temporary name in the same folder, flushed to disk, and
renamed over the target (``os.replace``: atomic on POSIX and Windows), so a reader sees the old
file or the new one, never half of one. A folder (``neo4j/``, the Oxigraph store) is built under
a temporary name and swapped with the old one in one step where the system can (Linux
``renameat2(RENAME_EXCHANGE)``); elsewhere the old folder is moved aside for the instant between
two renames, and :func:`recover` (run before every write) puts it back if a crash hit that instant.

Temporary names are ``.<name>.<pid>.<random>.tmp`` (``.<name>.<pid>.old`` for a folder moved
aside). Those left by a killed process (its pid no longer running) are removed by the next write
of the same target. Not supported: several processes writing the same output at once (each file
stays whole, but which build wins is undefined), file systems without atomic rename (some network
mounts).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["atomic_open", "write_text", "write_bytes", "atomic_dir", "recover"]

_NAME_ROOM = 200  # keep ".<name>.<pid>.<random>.tmp" under the 255-byte limit of a file name


def _stem(path: Path) -> str:
    return f".{path.name[:_NAME_ROOM]}."


def _pid_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's live process
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def recover(path: str | Path) -> None:
    """Clean up after a process killed while writing ``path``.

    A folder moved aside (``.<name>.<pid>.old``) by a process that is gone goes back to ``path``
    if ``path`` is missing, and is removed otherwise; temporary files and folders of dead
    processes are removed.
    """
    path = Path(path)
    parent = path.parent
    if not parent.is_dir():
        return
    pattern = re.compile(re.escape(_stem(path)) + r"(\d+)\.(?:[^.]+\.tmp|old)")
    for entry in sorted(parent.iterdir()):
        match = pattern.fullmatch(entry.name)
        if match is None or _pid_running(int(match.group(1))):
            continue
        if entry.name.endswith(".old") and not os.path.lexists(path):
            os.replace(entry, path)
        else:
            _remove(entry)


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open ``path`` for writing; the file appears under its name only when the block succeeds.

    Text mode writes ``\\n`` line endings on every platform. If the block raises, the temporary
    file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    recover(path)
    fd, tmp = tempfile.mkstemp(prefix=f"{_stem(path)}{os.getpid()}.", suffix=".tmp", dir=path.parent)
    binary = "b" in mode
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600 files; outputs are meant to be shared
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, with ``\\n`` line endings on every platform."""
    with atomic_open(path, "w") as handle:
        handle.write(text)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); ``False`` where the system cannot."""
    if sys.platform != "linux":
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # no such libc function (glibc < 2.28, musl)
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # not supported here: fall back
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync_tree(folder: Path) -> None:
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                fd = os.open(os.path.join(root, name), os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        _fsync_dir(Path(root))


@contextlib.contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """Yield a fresh temporary folder that replaces ``path`` when the block succeeds.

    Used for multi-file outputs (``neo4j/``, the Oxigraph store). If the block raises, the
    temporary folder is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    recover(path)
    tmp = Path(tempfile.mkdtemp(prefix=f"{_stem(path)}{os.getpid()}.", suffix=".tmp", dir=path.parent))
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700 folders; outputs are meant to be shared
        yield tmp
        _fsync_tree(tmp)
        if not os.path.lexists(path):
            os.replace(tmp, path)
        elif _exchange(tmp, path):
            _remove(tmp)  # now the old folder
        else:
            old = path.with_name(f"{_stem(path)}{os.getpid()}.old")
            os.replace(path, old)  # a crash from here to the next line is undone by recover()
            try:
                os.replace(tmp, path)
            except BaseException:
                os.replace(old, path)
                raise
            _remove(old)
    except BaseException:
        if tmp.exists():
            _remove(tmp)
        raise
    _fsync_dir(path.parent)
