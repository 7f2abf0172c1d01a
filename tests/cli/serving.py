"""A real `govgraph serve` process on a free port, and the question the README asks of it.

The question comes from the gold file: a jurisdiction whose office documents the office
director signs (by default, with no condition), with the article that says so.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

import httpx
import yaml

from tests.conftest import ROOT

GOLD = ROOT / "tests" / "data" / "gold_seeds.yaml"
OFFICE = "区政府办公室"
DIRECTOR = "区政府办公室主任"


@dataclass(frozen=True)
class OfficeQuestion:
    place: str  # the jurisdiction's English name, as people type it
    article: int  # the article that says the director signs

    @property
    def query(self) -> str:
        return (f'{{ signatories(jurisdiction: "{self.place}", issuer: "{OFFICE}") '
                "{ role { name nameEn } action condition article { number } } }")


def office_question() -> OfficeQuestion:
    for doc in yaml.safe_load(GOLD.read_text(encoding="utf-8")):
        for rule in doc.get("signing") or []:
            if rule["issuer"] == OFFICE and not rule.get("genres") and rule.get("signers") == [DIRECTOR]:
                return OfficeQuestion(doc["jurisdiction"]["name_en"], rule["article"])
    raise AssertionError(f"no gold document where {DIRECTOR} signs {OFFICE} documents")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], env: dict[str, str] | None = None) -> tuple[subprocess.Popen, int]:
    """`govgraph serve --port P ARGS…` (with ``env`` added to the environment), once /healthz
    answers; the caller stops it with ``stop``."""
    port = _free_port()
    env = {**{k: v for k, v in os.environ.items() if k != "NEO4J_URI"}, **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "govgraph", "serve", "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            output = proc.stdout.read().decode()  # type: ignore[union-attr]
            stop(proc)
            raise AssertionError(f"serve exited early: {output}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.2)
    stop(proc)
    raise AssertionError("serve did not become healthy within 90 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        proc.wait(10)
    if proc.stdout is not None:
        proc.stdout.close()
