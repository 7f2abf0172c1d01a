"""A check on the measurements themselves: with closed-loop clients, 16 clients cannot do more
than one client's rate times the CPUs doing the work. Far above that (× SLACK), something
answers from a cache or the measurement is broken; such a series is flagged in the results
and printed, never silently reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: how far above 1-client req/s × cores a 16-client rate must be to be flagged
SLACK = 1.5


def series(queries: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, field, {"1": stats, "16": stats}) for every measurement at 1 and 16 clients."""
    for path in ("http_graphql", "raw_driver"):
        for field, by_clients in queries.get(path, {}).items():
            yield path, field, by_clients
    peer = queries.get("peer", {})
    for path, key in (("peer", "signatories"), ("raw_driver_peer_cypher", "raw_driver_signatories")):
        if key in peer:
            yield path, "signatories", peer[key]
    if "floor" in queries:
        yield "http_graphql", "floor", queries["floor"]


def check(queries: dict[str, Any], cores: int) -> dict[str, Any]:
    rows = []
    for path, field, by_clients in series(queries):
        if not {"1", "16"} <= by_clients.keys():
            continue
        one, many = by_clients["1"]["rps"], by_clients["16"]["rps"]
        bound = one * cores * SLACK
        rows.append({"path": path, "field": field, "rps_1": one, "rps_16": many, "bound": round(bound, 1),
                     "ratio_to_cores": round(many / (one * cores), 3), "flagged": many > bound})
    return {"cores": cores, "slack": SLACK, "checks": rows}


def flagged(result: dict[str, Any]) -> list[str]:
    """One line per flagged series, to print."""
    return [f"SANITY: {c['path']} {c['field']}: {c['rps_16']:.0f} req/s at 16 clients is above "
            f"{c['rps_1']:.0f} req/s at 1 client × {result['cores']} cores × {result['slack']} = {c['bound']:.0f}: "
            "a cache or a broken measurement" for c in result["checks"] if c["flagged"]]
