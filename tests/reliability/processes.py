"""Real processes for the reliability tests: `govgraph` commands and a served API.

Commands run as ``python -c 'from govgraph.cli import main; main()'`` from the
repository root, so they use this working tree whatever the installed entry point
points at.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
GOVGRAPH = [sys.executable, "-c", "from govgraph.cli import main; main()"]
#: what a crash looks like in any output; a clear error is one line, never this
TRACEBACK = "Traceback (most recent call last)"


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a command: no inherited store choice, a wide terminal for tables."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "GOVGRAPH_DATA")}
    env.update({"COLUMNS": "200", "PYTHONPATH": str(ROOT), **extra})
    return env


def run_cli(args: list[str], *, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GOVGRAPH, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int) -> int:
    """Resident memory of a process (VmRSS in /proc), KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


@dataclass
class Server:
    proc: subprocess.Popen[str]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def serve(args: list[str], *, env: dict[str, str], log: Path, ready_within: float = 120) -> Iterator[Server]:
    """`govgraph serve ARGS` on a free port, once /healthz answers; stopped (SIGTERM) on exit."""
    port = free_port()
    with log.open("w", encoding="utf-8") as sink:
        proc = subprocess.Popen(
            [*GOVGRAPH, "serve", "--port", str(port), *args],
            cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, text=True,
        )
    server = Server(proc, port, log)
    try:
        deadline = time.monotonic() + ready_within
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"serve exited with {proc.returncode}:\n{server.output()}")
            try:
                if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"serve did not answer /healthz within {ready_within} s:\n{server.output()}")
            time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def post_graphql(url: str, query: str, *, timeout: float = 30, **kwargs: object) -> tuple[httpx.Response, float]:
    """POST a query; the response and how long it took (seconds)."""
    started = time.monotonic()
    response = httpx.post(f"{url}/graphql", json={"query": query}, timeout=timeout, **kwargs)  # type: ignore[arg-type]
    return response, time.monotonic() - started
