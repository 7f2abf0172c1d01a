"""signatories four ways, in interleaved rounds: ours over HTTP, the raw driver running our
statement, the peer (@neo4j/graphql) when installed, and the raw driver running the peer's
statement(s); and the floor of our stack (a GraphQL request with no store work).

Before timing, both servers' answers must flatten to the same rows, and the peer's statements
are counted and captured by a recording peer of their own (``peer_cypher``); the peer that is
timed records nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import Driver

from stores.neo4j_store import Neo4jSettings

from . import peer_cypher, query_bench, rounds, servers
from .latency import Stats
from .pinning import Pinning
from .plan import Plan

Progress = Callable[[str], None]
RAW_PEER_CYPHER = "raw driver, peer's Cypher"


def floor(plan: Plan, port: int, progress: Progress) -> dict[str, Any]:
    """``{ __typename }`` over HTTP at 1 and 16 clients: what any answer of ours costs at least."""
    progress(f"floor: {query_bench.FLOOR_DOCUMENT} over HTTP ({plan.warmup_seconds:g} s warm-up, 1 and 16 clients)")
    return query_bench.one_then_sixteen(lambda c, w: query_bench.measure_floor(port, c, plan.query_seconds, w),
                                        plan.warmup_seconds)


def _trace_peer(settings: Neo4jSettings, driver: Driver, place: query_bench.Place, log_dir: Path,
                pinning: Pinning) -> peer_cypher.PeerTrace:
    query, variables = query_bench.graphql_document("peer_signatories"), query_bench.peer_variables(place)
    with servers.peer_serve(settings.uri, log_dir / "peer-recording.log", cpus=pinning.servers(),
                            record=True) as recording:
        trace = peer_cypher.trace(recording.port, lambda: rounds.post(recording.port, query, variables))
    peer_cypher.replay_rows(driver, settings.database, trace.warm)
    return trace


def run_signatories(plan: Plan, port: int, driver: Driver, settings: Neo4jSettings,
                    traces: dict[str, query_bench.FieldTrace], place: query_bench.Place, log_dir: Path,
                    out: dict[str, Any], pinning: Pinning, progress: Progress) -> dict[str, Any]:
    """The rounds; ours and the raw driver's go into ``out``, the peer's side is returned."""
    seconds, database = plan.query_seconds, settings.database
    ours_query, ours_variables = query_bench.graphql_document("signatories"), query_bench.variables("signatories", place)
    targets: dict[str, Callable[[int, float], Stats]] = {
        "ours": lambda c, w: query_bench.measure_http(port, "signatories", place, c, seconds, w),
        "raw driver": lambda c, w: query_bench.measure_raw(driver, database, traces["signatories"], c, seconds, w),
    }
    peer_out: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        if not servers.peer_installed() and plan.peer:
            progress("installing the peer (npm ci in benchmarks/peer)")
            servers.install_peer()
        if servers.peer_installed():
            progress("the peer's Cypher: counted and captured by a recording peer, replayed through the Python driver")
            trace = _trace_peer(settings, driver, place, log_dir, pinning)
            progress("the peer (@neo4j/graphql on Apollo Server): starting, then checking both answers agree")
            peer = stack.enter_context(servers.peer_serve(settings.uri, log_dir / "peer.log", cpus=pinning.servers()))
            pinning.note_server("peer", peer.process.pid)
            peer_query, peer_variables = query_bench.graphql_document("peer_signatories"), query_bench.peer_variables(place)
            ours_data, ours_bytes = rounds.post(port, ours_query, ours_variables)
            peer_data, peer_bytes = rounds.post(peer.port, peer_query, peer_variables)
            rounds.same_answer(ours_data, peer_data)
            peer_out = {"seconds_to_ready": round(peer.seconds_to_ready, 2), "versions": servers.peer_versions(),
                        "answer_rows": len(rounds.ours_rows(ours_data)),
                        "response_bytes": {"ours": ours_bytes, "peer": peer_bytes}, "round_trips": trace.as_dict()}
            targets["peer"] = lambda c, w: query_bench.measure_peer(peer.port, place, c, seconds, w)
            targets[RAW_PEER_CYPHER] = lambda c, w: query_bench.measure_statements(driver, database, trace.warm, c,
                                                                                  seconds, w)
        else:
            peer_out = {"skipped": "the peer is not installed (npm ci in benchmarks/peer); the full run installs it"}
        measured = rounds.interleaved(targets, query_bench.CLIENTS, plan.rounds, progress, plan.warmup_seconds,
                                      label="signatories")
    out["http_graphql"]["signatories"], out["raw_driver"]["signatories"] = measured["ours"], measured["raw driver"]
    if "peer" in measured:
        peer_out["signatories"] = measured["peer"]
        peer_out["raw_driver_signatories"] = measured[RAW_PEER_CYPHER]
    return peer_out
