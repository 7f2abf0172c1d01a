"""Closed-loop load, bounded in time: ``clients`` threads each send a request, wait for the
answer, and send the next, until the time is up. Every request is timed; an error stops
the run (a benchmark of failing requests measures nothing)."""

from __future__ import annotations

import math
import os
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

Call = Callable[[], None]


@dataclass(frozen=True, slots=True)
class Stats:
    clients: int
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    mean_ms: float
    rps: float
    #: CPU this process spent per request while timed: the load generator's over HTTP, the raw
    #: driver's own work for the raw driver (its client is the driver)
    client_cpu_ms: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        # four significant digits, not three decimals: an in-process p50 under 0.5 µs (the embedded
        # store's compare) is a time, not 0.0
        return {k: float(f"{v:.4g}") if isinstance(v, float) else v for k, v in asdict(self).items()}


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (q in 0..100)."""
    if not sorted_values:
        raise ValueError("no samples")
    rank = max(1, min(len(sorted_values), math.ceil(q / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


#: Clients of the timed warm-up: the most a measurement uses, so every pool and JIT path is warm.
WARMUP_CLIENTS = 16


def closed_loop(make_call: Callable[[], Call], clients: int, seconds: float, warmup: int = 1,
                warmup_seconds: float = 0.0) -> Stats:
    """Run ``clients`` loops for ``seconds``; ``make_call`` gives each thread its own caller.
    ``warmup``: untimed calls each caller makes first (its connection opened), all callers at
    once, and the clock starts when every one is done. ``warmup_seconds``: before that, the same
    load, untimed, at WARMUP_CLIENTS clients for that long (Node's JIT and the server's caches
    warm up over seconds, not over one call)."""
    if warmup_seconds > 0:
        closed_loop(make_call, WARMUP_CLIENTS, warmup_seconds, warmup)
    callers = [make_call() for _ in range(clients)]
    samples: list[list[float]] = [[] for _ in range(clients)]
    errors: list[BaseException] = []
    window: list[float] = []  # start and deadline, set once every caller is warm

    def start_clock() -> None:
        window[:] = [time.perf_counter(), time.perf_counter() + seconds, _process_cpu()]

    warm = threading.Barrier(clients, action=start_clock)

    def loop(index: int) -> None:
        call, mine = callers[index], samples[index]
        try:
            for _ in range(warmup):
                call()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread below
            errors.append(exc)
        warm.wait()  # every caller, failed or not: no one waits for ever
        if errors:
            return
        deadline = window[1]
        try:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                call()
                mine.append(time.perf_counter() - t0)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread below
            errors.append(exc)

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 300)
    if errors:
        raise errors[0]
    elapsed, cpu = time.perf_counter() - window[0], _process_cpu() - window[2]
    flat = sorted(s for mine in samples for s in mine)
    return Stats(
        clients=clients, requests=len(flat), seconds=elapsed, p50_ms=percentile(flat, 50) * 1000,
        p99_ms=percentile(flat, 99) * 1000, mean_ms=statistics.fmean(flat) * 1000, rps=len(flat) / elapsed,
        client_cpu_ms=cpu / len(flat) * 1000,
    )


def _process_cpu() -> float:
    """User and system CPU seconds of this process, every thread."""
    times = os.times()
    return times.user + times.system


def timed_in_process(call: Call, seconds: float, warmup: int = 20) -> Stats:
    """One caller in this thread: the embedded store's own latency, no network."""
    return closed_loop(lambda: call, 1, seconds, warmup)
