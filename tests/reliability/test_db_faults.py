"""Database faults: the API and the loader against a Neo4j that is down, stopped, or killed.

These tests stop, kill and restart the instance named by NEO4J_FAULT_HOME (see
neo4j_instance.py); they never touch another server. Each test leaves it running.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from ingest.pipeline import ingest_bytes
from stores.neo4j_store import Neo4jSettings, Neo4jStore

from .documents import JURISDICTIONS, rules_document
from .footprint import EMPTY, describe, graph_footprint, neo4j_footprint
from .neo4j_instance import FaultInstance
from .processes import GOVGRAPH, ROOT, TRACEBACK, cli_env, post_graphql, run_cli, serve

pytestmark = [pytest.mark.neo4j, pytest.mark.faults]

#: a request to a dead database must answer within this: "the store is down" in a few
#: seconds, not after the driver's full connect-and-retry cycle (a hang is 30 s+)
FAIL_FAST = float(os.environ.get("GOVGRAPH_FAIL_FAST_SECONDS", "5"))
#: how long the API may take to see the database again once it is back
RECOVERY = 60.0
QUERY = "{ jurisdictions { key name documents { key title } } }"


def _unavailable(body: dict[str, Any]) -> bool:
    """A clear 'the store is down' error, not an internal error or a timeout."""
    errors = body.get("errors") or []
    return bool(errors) and all(
        (e.get("extensions") or {}).get("code") == "STORE_UNAVAILABLE" or "unavailable" in e["message"].lower()
        for e in errors
    )


@pytest.fixture
def running(fault_instance: FaultInstance) -> Iterator[FaultInstance]:
    """The fault instance, running before and after the test."""
    if not fault_instance.running():
        fault_instance.start()
    yield fault_instance
    if not fault_instance.running():
        fault_instance.start()


@pytest.fixture
def fault_store(running: FaultInstance) -> Iterator[Neo4jStore]:
    store = Neo4jStore(Neo4jSettings.from_env(running.uri), connect_attempts=5, backoff=1.0)
    yield store
    store.close()


def _wait_until_answers(url: str, within: float) -> float:
    """Seconds until a query succeeds again (polling); fails after ``within``."""
    started = time.monotonic()
    last = ""
    while time.monotonic() - started < within:
        try:
            response, _ = post_graphql(url, QUERY, timeout=FAIL_FAST + 2)
            body = response.json()
            if response.status_code == 200 and not body.get("errors"):
                return time.monotonic() - started
            last = response.text[:300]
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.5)
    raise AssertionError(f"the API did not answer within {within} s after the database came back: {last}")


# ------------------------------------------------------------------- down at start


def test_api_starts_with_neo4j_down_and_recovers(running: FaultInstance, tmp_path: Path) -> None:
    running.stop()
    started = time.monotonic()
    with serve(["--no-load", "--neo4j", running.uri], env=cli_env(), log=tmp_path / "serve.log",
               ready_within=90) as server:
        startup = time.monotonic() - started
        ready = httpx.get(f"{server.url}/readyz", timeout=FAIL_FAST + 2)
        assert ready.status_code == 503 and ready.json()["ready"] is False, ready.text
        for _ in range(3):
            response, elapsed = post_graphql(server.url, QUERY, timeout=60)
            assert elapsed < FAIL_FAST, f"a query took {elapsed:.2f} s with the database down (limit {FAIL_FAST} s)"
            assert response.status_code < 500 or response.status_code == 503, response.text[:300]
            assert _unavailable(response.json()), response.text[:300]
        running.start()
        recovered = _wait_until_answers(server.url, RECOVERY)
        assert httpx.get(f"{server.url}/readyz", timeout=10).status_code == 200
        assert server.proc.poll() is None  # the same process: no restart needed
    print(f"start-up with the database down: {startup:.1f} s; answered {recovered:.1f} s after it came back")


# ------------------------------------------------------------- outage while serving


@pytest.mark.parametrize("fault", ["stop", "kill"])
def test_outage_while_serving_fails_fast_then_recovers(
    running: FaultInstance, fault_store: Neo4jStore, tmp_path: Path, fault: str
) -> None:
    fault_store.load(ingest_bytes(rules_document("永和县", articles=12).encode(), "fault.txt").graph)
    with serve(["--no-load", "--neo4j", running.uri], env=cli_env(), log=tmp_path / "serve.log") as server:
        response, _ = post_graphql(server.url, QUERY)
        assert response.status_code == 200 and not response.json().get("errors"), response.text[:300]
        pid = server.proc.pid

        if fault == "stop":
            running.stop()
        else:
            running.kill()
        durations = []
        for _ in range(5):
            response, elapsed = post_graphql(server.url, QUERY, timeout=60)
            durations.append(elapsed)
            assert _unavailable(response.json()), response.text[:300]
        assert max(durations) < FAIL_FAST, (
            f"requests took {[round(d, 2) for d in durations]} s after `neo4jctl {fault}` (limit {FAIL_FAST} s)"
        )
        ready = httpx.get(f"{server.url}/readyz", timeout=FAIL_FAST + 2)
        assert ready.status_code == 503, ready.text

        running.start()
        recovered = _wait_until_answers(server.url, RECOVERY)
        assert server.proc.poll() is None and server.proc.pid == pid
        assert httpx.get(f"{server.url}/readyz", timeout=10).status_code == 200
    print(f"{fault}: failures took {max(durations):.2f} s at most; answered again {recovered:.1f} s after restart")


# ------------------------------------------------------------------ kill mid-ingest

DOCUMENT_SET = 24


def _document_set(folder: Path) -> dict[str, Any]:
    """Rules documents of distinct jurisdictions, long enough that each load takes a moment."""
    folder.mkdir(parents=True, exist_ok=True)
    graphs = {}
    for i, place in enumerate(JURISDICTIONS[:DOCUMENT_SET]):
        text = rules_document(place, articles=240, per_chapter=30, items_per_article=3, rules_every=6)
        path = folder / f"{i:02d}_{place}.txt"
        path.write_text(text, encoding="utf-8")
        graphs[path.name] = ingest_bytes(text.encode("utf-8"), path.name).graph
    return graphs


def _states(store: Neo4jStore, graphs: dict[str, Any]) -> dict[str, str]:
    """complete / absent / partial of each document, as the database holds it now."""
    out = {}
    for name, graph in graphs.items():
        found, expected = neo4j_footprint(store._driver, graph.document), graph_footprint(graph)
        out[name] = "complete" if found == expected else "absent" if found == EMPTY else describe(found, expected)
    return out


def _count_documents(store: Neo4jStore, graphs: dict[str, Any]) -> int:
    keys = [g.document for g in graphs.values()]
    records, _, _ = store._driver.execute_query(
        "MATCH (d:RuleDocument) WHERE d.key IN $keys RETURN count(d) AS n", keys=keys
    )
    return int(records[0]["n"])


def test_kill_during_ingest_leaves_whole_documents_and_a_rerun_completes(
    running: FaultInstance, fault_store: Neo4jStore, tmp_path: Path
) -> None:
    graphs = _document_set(tmp_path / "documents")
    for graph in graphs.values():  # a clean slate for these documents only
        fault_store.delete(graph.document)
    env = cli_env()
    with (tmp_path / "ingest.log").open("w") as log:
        proc = subprocess.Popen([*GOVGRAPH, "ingest", str(tmp_path / "documents"), "--neo4j", running.uri],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 300
        while _count_documents(fault_store, graphs) < 3:
            assert proc.poll() is None, f"ingest ended before the fault: {(tmp_path / 'ingest.log').read_text()}"
            assert time.monotonic() < deadline, "ingest loaded fewer than 3 documents in 300 s"
            time.sleep(0.2)
        running.kill()
        killed_at = time.monotonic()
        proc.wait(timeout=180)
        exited_after = time.monotonic() - killed_at
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    output = (tmp_path / "ingest.log").read_text()
    assert proc.returncode != 0, output
    assert TRACEBACK not in output, output
    assert "unavailable" in output.lower() or "not reachable" in output.lower(), output

    running.start()
    fault_store_after = Neo4jStore(Neo4jSettings.from_env(running.uri), connect_attempts=10, backoff=1.0)
    try:
        states = _states(fault_store_after, graphs)
        partial = {k: v for k, v in states.items() if v not in ("complete", "absent")}
        assert not partial, partial
        complete = sum(1 for v in states.values() if v == "complete")
        assert 3 <= complete < len(graphs), states  # the kill came in the middle of the set

        rerun = run_cli(["ingest", str(tmp_path / "documents"), "--neo4j", running.uri], env=env)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        assert set(_states(fault_store_after, graphs).values()) == {"complete"}
        for graph in graphs.values():
            fault_store_after.delete(graph.document)
    finally:
        fault_store_after.close()
    print(f"killed with {complete}/{len(graphs)} documents complete; the ingest exited {exited_after:.1f} s later")
