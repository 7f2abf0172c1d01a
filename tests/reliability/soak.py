"""Sustained load: a fixed request rate over loopback for a bounded time, then a verdict.

    python3 -m tests.reliability.soak                        # 5 minutes at 25 req/s, embedded store
    python3 -m tests.reliability.soak --neo4j bolt://127.0.0.1:7687 --duration 300 --rate 25
    python3 -m tests.reliability.soak --json soak.json       # also write the numbers

It starts `govgraph serve` (the bundled corpus), warms up at the same rate, then
sends requests on a fixed schedule (open loop: a slow answer does not slow the
schedule, and latency counts from the scheduled send time), and stops by itself.
Pass: zero errors, and the server's resident memory at the end within 10% of its
value after warm-up. Exit code 0 pass, 1 fail. p50/p95/p99 are reported.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from .processes import cli_env, rss_kib, serve

MAX_RSS_GROWTH = 0.10
#: in-flight requests at most; past it a request waits, and its wait counts in its latency
MAX_IN_FLIGHT = 64


@dataclass
class SoakResult:
    rate: float
    duration: float
    requests: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    achieved_rate: float = 0.0
    rss_after_warmup_kib: int = 0
    rss_end_kib: int = 0
    rss_growth: float = 0.0
    p99_ms_by_field: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.requests > 0 and self.errors == 0 and self.rss_growth <= MAX_RSS_GROWTH

    def summary(self) -> str:
        return (
            f"{self.requests} requests in {self.duration:.0f} s at {self.achieved_rate:.1f}/s "
            f"(target {self.rate:g}/s): {self.errors} errors; latency p50 {self.p50_ms:.1f} ms, "
            f"p95 {self.p95_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, max {self.max_ms:.1f} ms; "
            f"RSS {self.rss_after_warmup_kib / 1024:.1f} MiB after warm-up -> {self.rss_end_kib / 1024:.1f} MiB "
            f"at the end ({self.rss_growth:+.1%}); {'PASS' if self.passed else 'FAIL'}\n"
            f"  p99 by field: " + ", ".join(f"{k} {v:.0f} ms" for k, v in sorted(self.p99_ms_by_field.items()))
        )


def query_mix(url: str) -> list[dict]:
    """The questions people ask, for every jurisdiction the server holds (names read from it)."""
    body = httpx.post(f"{url}/graphql", json={"query": "{ jurisdictions { name } }"}, timeout=30).json()
    places = [j["name"] for j in body["data"]["jurisdictions"]]
    if not places:
        raise RuntimeError("the server holds no jurisdiction to ask about")
    mix: list[dict] = [{"query": "{ jurisdictions { key name fullName nameEn documents { key title current } } }"}]
    for place in places:
        v = {"j": place}
        mix += [
            {"query": "query($j: String!) { jurisdiction(name: $j) { name level documents { title } } }",
             "variables": v},
            {"query": "query($j: String!) { signatories(jurisdiction: $j, issuer: \"区政府办公室\") "
                      "{ role { name nameEn } action condition article { number text document { title } } } }",
             "variables": v},
            {"query": "query($j: String!) { meetings(jurisdiction: $j) { name members { name } "
                      "frequency { text } articles { number } } }", "variables": v},
            {"query": "query($j: String!) { search(text: \"会议\", jurisdiction: $j, first: 5) "
                      "{ totalCount edges { node { number label } } } }", "variables": v},
        ]
    mix.append({"query": "{ compare(issuer: \"区政府办公室\") { jurisdiction { name } signers { name } } }"})
    return mix


def _percentile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return 0.0
    return sorted_ms[min(len(sorted_ms) - 1, int(q * len(sorted_ms)))]


def _field(request: dict) -> str:
    """The top-level field a request asks (for the per-field latency breakdown)."""
    query = request["query"]
    body = query[query.index("{") + 1 :].strip()
    return body.split("(")[0].split("{")[0].split()[0]


async def _drive(url: str, mix: list[dict], rate: float, seconds: float, record: bool, result: SoakResult,
                 latencies: list[tuple[str, float]]) -> None:
    interval = 1.0 / rate
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=MAX_IN_FLIGHT)
    gate = asyncio.Semaphore(MAX_IN_FLIGHT)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:

        async def one(i: int, scheduled: float) -> None:
            async with gate:
                try:
                    response = await client.post("/graphql", json=mix[i % len(mix)])
                    body = response.json()
                    failed = response.status_code != 200 or bool(body.get("errors"))
                    detail = f"{response.status_code} {response.text[:200]}"
                except (httpx.HTTPError, ValueError) as exc:
                    failed, detail = True, repr(exc)
            if record:
                latencies.append((_field(mix[i % len(mix)]), (time.monotonic() - scheduled) * 1000))
                result.requests += 1
                if failed:
                    result.errors += 1
                    if len(result.error_samples) < 5:
                        result.error_samples.append(detail)

        tasks = []
        start = time.monotonic()
        i = 0
        while (scheduled := start + i * interval) < start + seconds:
            delay = scheduled - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i, scheduled)))
            i += 1
        await asyncio.gather(*tasks)


def run_soak(url: str, pid: int, *, rate: float, duration: float, warmup: float) -> SoakResult:
    """Warm up, then load at ``rate`` for ``duration`` seconds; RSS of ``pid`` before and after."""
    mix = query_mix(url)
    result = SoakResult(rate=rate, duration=duration)
    latencies: list[tuple[str, float]] = []
    asyncio.run(_drive(url, mix, rate, warmup, False, result, latencies))
    result.rss_after_warmup_kib = rss_kib(pid)
    started = time.monotonic()
    asyncio.run(_drive(url, mix, rate, duration, True, result, latencies))
    elapsed = time.monotonic() - started
    result.rss_end_kib = rss_kib(pid)
    overall = sorted(ms for _, ms in latencies)
    result.p50_ms, result.p95_ms, result.p99_ms = (_percentile(overall, q) for q in (0.50, 0.95, 0.99))
    result.max_ms = overall[-1] if overall else 0.0
    for name in {name for name, _ in latencies}:
        result.p99_ms_by_field[name] = _percentile(sorted(ms for n, ms in latencies if n == name), 0.99)
    result.achieved_rate = result.requests / elapsed if elapsed else 0.0
    result.rss_growth = result.rss_end_kib / result.rss_after_warmup_kib - 1
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=300, help="measured seconds (default 300)")
    parser.add_argument("--rate", type=float, default=25, help="requests per second (default 25)")
    parser.add_argument("--warmup", type=float, default=30, help="warm-up seconds at the same rate (default 30)")
    parser.add_argument("--neo4j", help="serve from this Neo4j (the corpus is loaded into it) instead of the embedded store")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    serve_args = ["--neo4j", args.neo4j] if args.neo4j else []
    with tempfile.TemporaryDirectory() as tmp, serve(serve_args, env=cli_env(), log=Path(tmp) / "serve.log") as server:
        result = run_soak(server.url, server.proc.pid, rate=args.rate, duration=args.duration, warmup=args.warmup)
    print(result.summary())
    for sample in result.error_samples:
        print(f"  error: {sample}")
    if args.json:
        args.json.write_text(json.dumps({**asdict(result), "passed": result.passed}, indent=2), encoding="utf-8")
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
