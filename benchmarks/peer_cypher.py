"""The peer's own Cypher: counted per request and captured for replay through the Python driver.

A peer started with ``record=True`` (never the one that is timed) keeps every statement its
driver runs, with the parameters typed for replay (``server.mjs``: ``{"$int": "5"}`` for a Neo4j
Integer, ``{"$float": 5}`` for a JS number, which the JS driver sends as a Float). One request
cold and one warm, as ``query_bench.trace_fields`` does for ours; the warm one is what the raw
driver replays, so the second baseline runs exactly what the peer sends, the way the first
runs ours.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, RoutingControl

from .counting import Sent

PEER_STATEMENT = "@neo4j/graphql statement"


def decode(value: Any) -> Any:
    """A recorded parameter as the Python driver must send it to send what the JS driver sent."""
    if isinstance(value, dict):
        if value.keys() == {"$int"}:
            return int(value["$int"])
        if value.keys() == {"$float"}:
            return float(value["$float"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def sent_since(port: int) -> tuple[Sent, ...]:
    """The statements the recording peer sent since the last call."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/sent", timeout=10) as response:
        recorded = json.loads(response.read())["sent"]
    return tuple(Sent(f"{PEER_STATEMENT} {i}", r["text"], decode(r["params"])) for i, r in enumerate(recorded, 1))


@dataclass(frozen=True, slots=True)
class PeerTrace:
    cold: tuple[Sent, ...]  # the first request to a fresh peer
    warm: tuple[Sent, ...]  # the same request right after

    def as_dict(self) -> dict[str, Any]:
        return {"count": len(self.warm), "cold_count": len(self.cold),
                "statements": [opening(s.text) for s in self.warm], "cold_statements": [opening(s.text) for s in self.cold],
                "statement_chars": [len(s.text) for s in self.warm],
                "parameters": [sorted(s.params) for s in self.warm]}


def opening(text: str) -> str:
    """A statement's first line that says what it does (after the ``CYPHER 5`` version prefix)."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("CYPHER ")]
    return lines[0][:80] if lines else "(empty)"


def trace(port: int, ask: Any) -> PeerTrace:
    """``ask()`` posts the benchmarked request to the recording peer on ``port``; twice."""
    sent_since(port)  # nothing before the first request counts (start-up checks)
    ask()
    cold = sent_since(port)
    ask()
    warm = sent_since(port)
    if not warm:
        raise RuntimeError("the recording peer sent no statement for its answer: its driver is not the one recorded")
    return PeerTrace(cold, warm)


def replay_rows(driver: Driver, database: str, statements: tuple[Sent, ...]) -> int:
    """Records the statements return through the Python driver; the replay must find the answer."""
    rows = 0
    for sent in statements:
        records, _, _ = driver.execute_query(sent.text, sent.params, routing_=RoutingControl.READ, database_=database)
        rows += len(records)
    if rows == 0:
        raise RuntimeError("the peer's Cypher, replayed through the Python driver, returned nothing")
    return rows
