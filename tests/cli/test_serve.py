"""`govgraph serve` end to end: a real uvicorn process answering over HTTP, both stores."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

QUERY = '{ signatories(jurisdiction: "东城区", issuer: "区政府办公室") { role { name } action condition article { number } } }'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(args: list[str]):  # type: ignore[no-untyped-def]
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from govgraph.cli import main; main()", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited early: {proc.stdout.read().decode()}")  # type: ignore[union-attr]
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("serve did not become healthy within 90 s")


def _ask(port: int) -> dict:
    response = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": QUERY}, timeout=30)
    assert response.status_code == 200
    return response.json()


def _check_answer(body: dict) -> None:
    steps = body["data"]["signatories"]
    default = [s for s in steps if s["condition"] is None]
    assert default == [{"role": {"name": "区政府办公室主任"}, "action": "SIGN", "condition": None, "article": {"number": 55}}]


def test_serve_embedded_answers_the_dongcheng_question() -> None:
    proc, port = _serve([])
    try:
        _check_answer(_ask(port))
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json() == {"ready": True, "store": "memory"}
        page = httpx.get(f"http://127.0.0.1:{port}/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "graphiql" in page.text.lower()
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.neo4j
def test_serve_neo4j_answers_the_dongcheng_question(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    uri = neo4j_store.settings.uri
    proc, port = _serve(["--neo4j", uri])
    try:
        _check_answer(_ask(port))
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json() == {"ready": True, "store": "neo4j"}
    finally:
        proc.terminate()
        proc.wait(10)
