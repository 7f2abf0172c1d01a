"""What a benchmark run measures and for how long: the full run and the smoke run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    mode: str
    ingest_sizes: tuple[int, ...]
    naive_sizes: tuple[int, ...]
    ours_sizes: tuple[int, ...]  # the largest is left loaded for the queries
    admin_sizes: tuple[int, ...]
    naive_budget_seconds: float  # the naive loader stops after this long (its rate is per statement)
    load_repeats: int  # our loader's runs below the largest N (median reported)
    embedded_n: int  # documents in the embedded store for its peak memory, load cost and queries
    query_seconds: float
    embedded_seconds: float
    startup_runs: int
    peer: bool  # install and run the peer (else only when already installed)
    warmup_seconds: float = 0.0  # every HTTP and driver target first runs this long at 16 clients, untimed
    #: interleaved rounds of each comparison with the raw driver (median and range reported): a signatories
    #: round (with the peer) lasts query_seconds; the rounds of meetings, compare and ask share it
    rounds: int = 1
    pin: bool = True  # client, servers and Neo4j on CPUs of their own where possible (benchmarks.pinning)


#: The naive loader runs at N = 5 only, where it completes (in ~40 s): "ours ≥ 20× naive" compares the
#: two on the same complete load (a naive run cut at its budget loads a different graph). neo4j-admin
#: import runs at N = 500 only, the N of its target: at N = 5 and 50 its time is its fixed cost.
FULL = Plan("full", (5, 50, 500), (5,), (5, 50, 500), (500,), 60.0, 3, 500, 10.0, 1.0, 3, True, 5.0, 3)
SMOKE = Plan("smoke", (1, 2), (1,), (1, 2), (), 30.0, 1, 2, 0.2, 0.1, 1, False, 0.2, 1)
