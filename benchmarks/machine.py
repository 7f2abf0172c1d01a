"""What the benchmark ran on: CPU, cores, memory, load, and the versions that matter."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from neo4j import Driver

PEER_PACKAGE = Path(__file__).with_name("peer") / "package.json"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(command: list[str]) -> str | None:
    if shutil.which(command[0]) is None:
        return None
    done = subprocess.run(command, capture_output=True, text=True)
    return (done.stdout.strip() or done.stderr.strip()) or None  # java prints its version on stderr


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def server_version(driver: Driver, database: str) -> str:
    from .loaders import cypher_file

    records, _, _ = driver.execute_query(cypher_file("server_version"), database_=database)
    return " ".join(f"{r['name']} {r['version']} {r['edition']}" for r in records)


def describe(driver: Driver | None, database: str) -> dict[str, Any]:
    peer = json.loads(PEER_PACKAGE.read_text(encoding="utf-8")).get("dependencies", {})
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "neo4j_python_driver": metadata.version("neo4j"),
        "neo4j_server": server_version(driver, database) if driver is not None else None,
        "java": (_version(["java", "-version"]) or "").splitlines()[0] if shutil.which("java") else None,
        "node": _version(["node", "--version"]),
        "peer_packages": peer,
        "load_average_at_start": load_average(),
    }
