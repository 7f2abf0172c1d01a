"""A Neo4j server the fault tests may stop, kill and restart — never the shared one.

The instance is named by the environment, so CI can dedicate one:

    NEO4J_FAULT_HOME       its GOVGRAPH_NEO4J_HOME (required; not the repository's .neo4j/)
    NEO4J_FAULT_BOLT_PORT  its Bolt port (default 7692)
    NEO4J_FAULT_HTTP_PORT  its HTTP port (default 7479)

It is driven by ``neo4j/neo4jctl`` with exactly that environment (password from
NEO4J_PASSWORD as everywhere else), so a test can never touch another server.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .processes import ROOT

NEO4JCTL = ROOT / "neo4j" / "neo4jctl"
SHARED_HOME = ROOT / ".neo4j"


class FaultInstanceMissing(RuntimeError):
    """No instance named for fault tests (or it names the shared server)."""


@dataclass(frozen=True, slots=True)
class FaultInstance:
    home: Path
    bolt_port: int
    http_port: int

    @classmethod
    def from_env(cls) -> FaultInstance:
        home = os.environ.get("NEO4J_FAULT_HOME", "").strip()
        if not home:
            raise FaultInstanceMissing(
                "set NEO4J_FAULT_HOME (and NEO4J_FAULT_BOLT_PORT / NEO4J_FAULT_HTTP_PORT) to a Neo4j home "
                "the fault tests may stop and kill"
            )
        resolved = Path(home).resolve()
        if resolved == SHARED_HOME.resolve():
            raise FaultInstanceMissing(f"NEO4J_FAULT_HOME is the shared server's home {resolved}; use another one")
        return cls(
            resolved,
            int(os.environ.get("NEO4J_FAULT_BOLT_PORT", "7692")),
            int(os.environ.get("NEO4J_FAULT_HTTP_PORT", "7479")),
        )

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            GOVGRAPH_NEO4J_HOME=str(self.home),
            NEO4J_BOLT_PORT=str(self.bolt_port),
            NEO4J_HTTP_PORT=str(self.http_port),
        )
        return env

    def ctl(self, command: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(NEO4JCTL), command], env=self.env(), capture_output=True, text=True, timeout=timeout, check=False
        )
        if command != "status" and result.returncode != 0:
            raise RuntimeError(f"neo4jctl {command} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def running(self) -> bool:
        return self.ctl("status").returncode == 0

    def start(self) -> float:
        """Start and wait until Bolt answers; seconds it took."""
        started = time.monotonic()
        self.ctl("start")
        return time.monotonic() - started

    def stop(self) -> None:
        self.ctl("stop")

    def kill(self) -> None:
        """SIGKILL the server at once: a crash, not a shutdown."""
        self.ctl("kill")
