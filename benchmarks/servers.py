"""Servers the benchmarks start as subprocesses: ``govgraph serve`` and the Node peer.

Each is started on a free loopback port, waited for (GET /readyz answers 200), and
stopped by its own process id when the block ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .pinning import for_children

ROOT = Path(__file__).resolve().parent.parent
PEER = Path(__file__).with_name("peer")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    seconds_to_ready: float
    log: Path


def _wait_ready(process: subprocess.Popen[bytes], port: int, log: Path, timeout: float, started: float) -> float:
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        if ready(port):
            return time.perf_counter() - started
        time.sleep(0.02)
    raise RuntimeError(f"server not ready on port {port} after {timeout:.0f} s:\n{log.read_text(errors='replace')[-2000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def _running(command: list[str], env: dict[str, str], log: Path, port: int, timeout: float,
             cwd: Path, cpus: tuple[int, ...] | None) -> Iterator[Server]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        started = time.perf_counter()
        with for_children(cpus):  # the server inherits its CPUs at fork, before it starts a thread
            process = subprocess.Popen(command, env=env, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT)
        try:
            seconds = _wait_ready(process, port, log, timeout, started)
            yield Server(process, port, seconds, log)
        finally:
            _stop(process)


def govgraph_serve(args: list[str], log: Path, env: dict[str, str] | None = None, timeout: float = 120,
                   cpus: tuple[int, ...] | None = None) -> contextlib.AbstractContextManager[Server]:
    """``govgraph serve ARGS --port P`` (the installed CLI, run as ``python -m govgraph``), on ``cpus``
    when given. ``env``: the server's whole environment (default: this process's). Whole, not merged
    over ours: a variable the caller left out (NEO4J_URI, which picks the store) must stay out."""
    port = free_port()
    command = [sys.executable, "-m", "govgraph", "serve", *args, "--host", "127.0.0.1", "--port", str(port)]
    return _running(command, dict(os.environ) if env is None else env, log, port, timeout, ROOT, cpus)


def peer_installed() -> bool:
    return (PEER / "node_modules" / "@neo4j" / "graphql").is_dir()


def peer_versions() -> dict[str, str]:
    """The versions the peer runs, as installed from the lock file (not as package.json asks)."""
    lock = json.loads((PEER / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    names = ("@neo4j/graphql", "neo4j-driver", "@apollo/server", "graphql")
    return {name: lock[f"node_modules/{name}"]["version"] for name in names if f"node_modules/{name}" in lock}


def install_peer() -> None:
    """``npm ci`` from the committed lock file (node_modules is git-ignored)."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm not found: the peer benchmark needs Node.js and npm")
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=PEER, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"npm ci failed in {PEER}:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")


def peer_serve(neo4j_uri: str, log: Path, timeout: float = 120, cpus: tuple[int, ...] | None = None,
               record: bool = False) -> contextlib.AbstractContextManager[Server]:
    """The peer on ``cpus`` when given. ``record``: a peer that also keeps every statement it sends
    (GET /sent), for counting and capturing them; the peer that is timed never records."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node not found: the peer benchmark needs Node.js")
    port = free_port()
    # NODE_ENV=production: as the peer's users deploy it (Apollo and graphql-js skip dev-only checks).
    env = {**os.environ, "NEO4J_URI": neo4j_uri, "PEER_PORT": str(port), "NODE_ENV": "production",
           "PEER_RECORD": "1" if record else ""}
    return _running([node, "server.mjs"], env, log, port, timeout, PEER, cpus)
