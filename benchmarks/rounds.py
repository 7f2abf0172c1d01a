"""The comparisons, in interleaved rounds: for signatories, ours over HTTP, the raw driver (running
our Cypher, and the peer's) and the peer; for meetings, compare and ask, ours and the raw driver.

Each round runs every target once per client count, one after the other, so that a neighbour's
burst on a shared machine, or its speed drifting over minutes, lands on all of them rather than
on one; the median of the rounds is reported, with the range. Before the peer is timed, both
GraphQL answers are flattened to the same rows (document type, signer, action, condition,
article, evidence span) and must be equal, and their response sizes are recorded.
"""

from __future__ import annotations

import json
import statistics
import urllib.request
from collections.abc import Callable
from typing import Any

from .latency import Stats

Row = tuple[Any, ...]
_ACTIONS = {"signedByConnection": "SIGN", "approvedByConnection": "APPROVE", "reviewedByConnection": "REVIEW",
            "countersignedByConnection": "COUNTERSIGN"}


def post(port: int, query: str, variables: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """One GraphQL request: (data, response bytes)."""
    body = json.dumps({"query": query, "variables": variables}).encode("utf-8")
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        payload = response.read()
    result = json.loads(payload)
    if result.get("errors"):
        raise RuntimeError(f"GraphQL errors: {result['errors']}")
    return dict(result["data"]), len(payload)


def _ordered(rows: Any) -> list[Row]:
    """Rows in one order (a null sorts with the text, not against it)."""
    return sorted(rows, key=lambda row: json.dumps(row, ensure_ascii=False))


def ours_rows(data: dict[str, Any]) -> list[Row]:
    return _ordered((s["documentType"]["key"], s["role"]["key"], s["action"], s["condition"], s["article"]["number"],
                   s["evidence"]["start"], s["evidence"]["end"]) for s in data["signatories"])


def peer_rows(data: dict[str, Any]) -> list[Row]:
    rows = []
    for jurisdiction in data["jurisdictions"]:
        for document in jurisdiction["documents"]:
            for dtype in document["documentTypes"]:
                for connection, action in _ACTIONS.items():
                    for edge in dtype[connection]["edges"]:
                        p = edge["properties"]
                        rows.append((dtype["key"], edge["node"]["kind"], action, p["condition"], p["article"],
                                     p["start"], p["end"]))
    return _ordered(rows)


def same_answer(ours: dict[str, Any], peer: dict[str, Any]) -> None:
    """Refuse to time two servers that do not give the same answer."""
    mine, theirs = ours_rows(ours), peer_rows(peer)
    if not mine or mine != theirs:
        raise RuntimeError(f"ours and the peer answer differently ({len(mine)} vs {len(theirs)} rows): "
                           f"{_ordered(set(mine) ^ set(theirs))[:3]}")


def interleaved(targets: dict[str, Callable[[int, float], Stats]], clients: tuple[int, ...], rounds: int,
                progress: Callable[[str], None], warmup_seconds: float = 0.0, *,
                label: str) -> dict[str, dict[str, dict[str, Any]]]:
    """``rounds`` rounds of every target at every client count, in turn; per target and count
    the medians of the rounds with their ranges. ``measure(clients, warmup_seconds)``: the timed
    warm-up (at 16 clients) runs once per target, before its first measurement: every later one
    finds the same server, asked the same document, warm (JIT and pools do not cool down between
    two measurements), and a full run stays within its time. ``label``: the comparison's name in
    the progress lines."""
    runs: dict[str, dict[int, list[Stats]]] = {name: {c: [] for c in clients} for name in targets}
    warmed: set[str] = set()
    for number in range(1, rounds + 1):
        for count in clients:
            for name, measure in targets.items():
                progress(f"{label} round {number}/{rounds}: {name}, {count} client{'s' if count > 1 else ''}")
                runs[name][count].append(measure(count, 0.0 if name in warmed else warmup_seconds))
                warmed.add(name)
    return {name: {str(c): summary(stats) for c, stats in by_count.items()} for name, by_count in runs.items()}


def summary(stats: list[Stats]) -> dict[str, Any]:
    p50s, rpss = [s.p50_ms for s in stats], [s.rps for s in stats]
    return {
        "clients": stats[0].clients, "requests": sum(s.requests for s in stats),
        "seconds": round(sum(s.seconds for s in stats), 3), "rounds": len(stats),
        "p50_ms": round(statistics.median(p50s), 3), "p50_ms_range": [round(min(p50s), 3), round(max(p50s), 3)],
        "p99_ms": round(statistics.median(s.p99_ms for s in stats), 3),
        "mean_ms": round(statistics.median(s.mean_ms for s in stats), 3),
        "rps": round(statistics.median(rpss), 3), "rps_range": [round(min(rpss), 3), round(max(rpss), 3)],
        "client_cpu_ms": round(statistics.median(s.client_cpu_ms for s in stats), 3),
    }
