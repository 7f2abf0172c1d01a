"""Run every benchmark once and write the results.

    python3 -m benchmarks.run            # full run: benchmarks/results/latest.{json,md,png}
    python3 -m benchmarks.run --smoke    # tiny N, short loops: checks the benchmarks still work
    python3 -m benchmarks.run --no-pin   # leave client, servers and Neo4j on every CPU

The Neo4j parts use NEO4J_URI (else NEO4J_TEST_URI, else bolt://127.0.0.1:7687) and EMPTY
that database, as the tests do: point them at a server of your own. neo4j-admin import
writes a separate database (``benchimport``) in the home neo4jctl uses (GOVGRAPH_NEO4J_HOME).
During the query measurements the client (this process), the servers and a local Neo4j are
pinned to CPUs where possible (benchmarks.pinning; the results say which CPUs each got), and
every 1- and 16-client series passes a sanity check (benchmarks.sanity) that is printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase

from stores.base import StoreUnavailable
from stores.neo4j_store import Neo4jSettings, Neo4jStore

from . import (
    comparison,
    embedded,
    ingest_bench,
    loaders,
    machine,
    pinning,
    query_bench,
    report,
    rounds,
    sanity,
    servers,
)
from .generate import generate
from .plan import FULL, SMOKE, Plan
from .targets import peer_ratios, targets

RESULTS = Path(__file__).with_name("results")
ADMIN_DATABASE = "benchimport"
_STARTED = time.perf_counter()


def progress(message: str) -> None:
    """One line on stderr as each step starts, so a run of minutes is never silent."""
    print(f"[{time.perf_counter() - _STARTED:6.0f} s] {message}", file=sys.stderr, flush=True)


def _settings() -> Neo4jSettings:
    return Neo4jSettings.from_env(os.environ.get("NEO4J_URI") or os.environ.get("NEO4J_TEST_URI"))


def run_ingest(plan: Plan, seed: int) -> tuple[dict[str, Any], list[Any]]:
    """Throughput at each size (smallest first, which also warms the caches); the largest
    run's graphs are what the load and query benchmarks use."""
    if max(plan.ingest_sizes) < max(plan.ours_sizes):
        raise ValueError("the largest ingest size must cover the largest load size")
    docs = list(generate(max(plan.ingest_sizes), seed))
    runs = []
    for n in plan.ingest_sizes:
        progress(f"parse + extract: N = {n}")
        runs.append(ingest_bench.ingest_documents(docs[:n]))
    result: dict[str, Any] = {"runs": [r.as_dict() for r in runs], "growth": ingest_bench.growth(runs[-1])}
    if len(runs) > 1:
        # The next size once more, after the largest: linearity compares the largest with the mean
        # of the two, so a machine whose speed drifts within minutes moves both sides of the ratio.
        n = plan.ingest_sizes[-2]
        progress(f"parse + extract: N = {n} again, after N = {plan.ingest_sizes[-1]}")
        result["runs"][-2]["chars_per_second_after"] = round(ingest_bench.ingest_documents(docs[:n]).chars_per_second)
    return result, list(runs[-1].graphs)


def _load_row(loader: str, n: int, combined: loaders.Combined, seconds: float, **extra: Any) -> dict[str, Any]:
    return {"loader": loader, "n": n, "nodes": len(combined.nodes), "relationships": len(combined.relationships),
            "seconds": round(seconds, 3), "facts_per_second": round(combined.size / seconds, 1), **extra}


def run_loads(plan: Plan, store: Neo4jStore, driver: Any, database: str, graphs: list[Any]) -> dict[str, Any]:
    # Untimed warm-up: the server compiles each loader's statements once, not inside a measurement.
    loaders.load_naive(driver, database, graphs[:1])
    loaders.wipe(driver, database)
    store.load(graphs[0])
    rows = []
    for n in sorted(set(plan.naive_sizes) | set(plan.ours_sizes)):
        combined = loaders.combine(graphs[:n])
        progress(f"Neo4j loads: N = {n}")
        if n in plan.naive_sizes:
            loaders.wipe(driver, database)
            started = time.perf_counter()
            naive = loaders.load_naive(driver, database, graphs[:n], plan.naive_budget_seconds)
            seconds = time.perf_counter() - started
            loaders.check_loaded(store, naive.labels, naive.types, "naive")
            rows.append({"loader": "naive", "n": n, "nodes": sum(naive.labels.values()),
                         "relationships": sum(naive.types.values()), "seconds": round(seconds, 3),
                         "facts_per_second": round(naive.size / seconds, 1), "complete": naive.complete})
        if n in plan.ours_sizes:
            # Short loads are repeated (median kept): one replan or a neighbour's burst is seconds.
            runs = []
            for _ in range(plan.load_repeats if n < max(plan.ours_sizes) else 1):
                loaders.wipe(driver, database)
                started = time.perf_counter()
                failed = store.load_many(graphs[:n])  # several documents per transaction
                if failed:
                    raise RuntimeError(f"the loader refused {len(failed)} generated documents: {next(iter(failed.values()))}")
                runs.append(time.perf_counter() - started)
                loaders.check_loaded(store, combined.label_counts(), combined.type_counts(), "ours")
            rows.append(_load_row("ours", n, combined, statistics.median(runs), runs=[round(r, 3) for r in runs]))
    with tempfile.TemporaryDirectory(prefix="govgraph-import-") as tmp:
        for n in plan.admin_sizes:
            progress(f"neo4j-admin import: N = {n}")
            combined = loaders.combine(graphs[:n])
            args = loaders.write_import_csv(combined, Path(tmp) / f"n{n}")
            done = loaders.admin_import(args, ADMIN_DATABASE)
            if (done.nodes, done.relationships) != (len(combined.nodes), len(combined.relationships)):
                raise RuntimeError(f"neo4j-admin imported {done} for a graph of {combined.size} facts")
            rows.append(_load_row("neo4j-admin import", n, combined, done.tool_seconds,
                                  wall_seconds=round(done.wall_seconds, 3)))
    return {"runs": rows}


def _pick_place(store: Neo4jStore, graphs: list[Any]) -> tuple[query_bench.Place, dict[str, query_bench.FieldTrace]]:
    """The first generated jurisdiction every field has an answer about."""
    held = {row.place.key: row.place for row in store.jurisdictions()}
    last_error: Exception | None = None
    for graph in graphs[:20]:
        key = next(n.key for n in graph.nodes if n.label == "Jurisdiction")
        row = held[key]
        place = query_bench.Place(key, row.name, row.name_en)
        try:
            return place, query_bench.trace_fields(store, place)
        except RuntimeError as exc:
            last_error = exc
    raise RuntimeError(f"no generated jurisdiction has an answer for every field: {last_error}")


def run_queries(plan: Plan, settings: Neo4jSettings, driver: Any, graphs: list[Any],
                log_dir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The queries on Neo4j, the peer, and (in a child process) the embedded store, which also
    reports its load cost and peak memory: the second value."""
    tracing_store = Neo4jStore(settings)
    try:
        place, traces = _pick_place(tracing_store, graphs)
    finally:
        tracing_store.close()
    seconds = plan.query_seconds
    out: dict[str, Any] = {}
    uri = settings.uri
    warm = plan.warmup_seconds
    out["http_graphql"], out["raw_driver"] = {}, {}
    cores = len(pinning.available_cpus())
    with pinning.pinned(uri, plan.pin) as pins, \
            servers.govgraph_serve(["--neo4j", uri, "--no-load"], log_dir / "serve-neo4j.log",
                                   cpus=pins.servers()) as server:
        pins.note_server("govgraph serve", server.process.pid)
        progress(f"CPUs: {pinning.describe(pins.record)}")
        # Each field against the raw driver in interleaved rounds that share its measurement time: on a
        # machine whose speed drifts within minutes, the two sides of a ratio are timed in the same minutes.
        each = seconds / plan.rounds
        for f in query_bench.FIELDS:
            if f == "signatories":
                continue  # below, in rounds of their own length with the raw driver and the peer
            progress(f"{f}: GraphQL over HTTP and the raw driver, {plan.rounds} rounds of {each:.3g} s "
                     f"({warm:g} s warm-up at 16 clients each)")
            measured = rounds.interleaved({
                "ours": lambda c, w, f=f: query_bench.measure_http(server.port, f, place, c, each, w),
                "raw driver": lambda c, w, t=traces[f]: query_bench.measure_raw(driver, settings.database, t, c, each, w),
            }, query_bench.CLIENTS, plan.rounds, progress, warm, label=f)
            out["http_graphql"][f], out["raw_driver"][f] = measured["ours"], measured["raw driver"]
        out["floor"] = comparison.floor(plan, server.port, progress)
        out["peer"] = comparison.run_signatories(plan, server.port, driver, settings, traces, place, log_dir, out, pins,
                                                 progress)
        out["cpus"] = pins.record
    progress(f"embedded store: N = {plan.embedded_n}, in a fresh process")
    if plan.embedded_n > len(graphs):
        raise ValueError("the embedded store's N must not exceed the largest load size")
    with tempfile.TemporaryDirectory(prefix="govgraph-embedded-") as tmp:
        # the graphs parse + extract made: the child loads them, it does not parse them again
        saved = embedded.save(graphs[: plan.embedded_n], Path(tmp) / "store.db")
        store_run = embedded.measure(saved, place.key, plan.embedded_seconds)
    out["embedded"] = store_run.pop("queries")
    out["round_trips"] = {f: {"count": len(t.warm), "statements": [s.name for s in t.warm], "rows": t.rows,
                              "cold_count": len(t.cold), "cold_statements": [s.name for s in t.cold]}
                          for f, t in traces.items()}
    out["sanity"] = sanity.check(out, cores)
    for line in sanity.flagged(out["sanity"]):
        progress(line)
    return {"place": {"key": place.key, "name": place.name, "nameEn": place.name_en}, "n": len(graphs),
            "embedded_n": plan.embedded_n, "seconds": seconds, **out}, store_run


def run_startup(plan: Plan, log_dir: Path) -> dict[str, Any]:
    """``govgraph serve`` to ready: a first start (an empty graph cache: every document parsed and
    extracted) and restarts (the cache that start filled), each what a user meets."""
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}  # the embedded store
    progress("govgraph serve start-up")
    load_before = machine.load_average()
    with tempfile.TemporaryDirectory(prefix="govgraph-cache-") as cache:
        env["GOVGRAPH_CACHE_DIR"] = cache
        env.pop("GOVGRAPH_CACHE", None)
        runs = []
        for i in range(plan.startup_runs):
            with servers.govgraph_serve([], log_dir / f"serve-embedded-{i}.log", env=env) as server:
                runs.append(round(server.seconds_to_ready, 3))
                served = server.log.read_text(encoding="utf-8", errors="replace").partition("\n")[0]
            if "memory store" not in served:  # a NEO4J_URI that reached the server times Neo4j instead
                raise RuntimeError(f"the start-up server did not serve the embedded store: {served!r}")
    first, restarts = runs[0], runs[1:] or runs
    return {"runs": runs, "load_average_before": load_before, "first_start_seconds": first,
            "restart_median_seconds": statistics.median(restarts),
            "median_seconds": statistics.median(runs)}


def run(plan: Plan, out_dir: Path, seed: int = 0) -> dict[str, Any]:
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    started = time.perf_counter()
    settings = _settings()
    progress(f"{plan.mode} run: Neo4j at {settings.uri} (this database is emptied)")
    # Server logs of a run that writes the committed results stay in the git-ignored tmp/.
    log_dir = RESULTS / "tmp" / "logs" if out_dir.resolve() == RESULTS.resolve() else out_dir / "logs"
    store = Neo4jStore(settings)  # applies the schema (constraints, indexes) both loaders use
    driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password))
    try:
        results: dict[str, Any] = {
            "mode": plan.mode, "started": datetime.now(UTC).isoformat(timespec="seconds"), "seed": seed,
            "plan": asdict(plan), "machine": machine.describe(driver, settings.database),
        }
        phases = results["phase_seconds"] = {}
        mark = time.perf_counter()

        def done(phase: str) -> None:
            nonlocal mark
            phases[phase] = round(time.perf_counter() - mark, 1)
            mark = time.perf_counter()

        # First, on a machine as quiet as the run found it: measured last, start-up shared the CPUs
        # with Neo4j still digesting the wipe of N = 500 (4.0 s for a first start that takes 2.0 s idle).
        results["startup"] = run_startup(plan, log_dir)
        done("startup")
        results["ingest"], graphs = run_ingest(plan, seed)
        done("ingest")
        results["load"] = run_loads(plan, store, driver, settings.database, graphs)
        done("load")
        results["queries"], results["embedded_store"] = run_queries(
            plan, settings, driver, graphs[: max(plan.ours_sizes)], log_dir)
        loaders.wipe(driver, settings.database)  # in batches: a single-transaction wipe of N=500 runs out of memory
        results["queries"]["peer_ratio"] = peer_ratios(results["queries"])
        done("queries")
    finally:
        store.close()
        driver.close()
    results["load_average_at_end"] = machine.load_average()
    results["wall_seconds"] = round(time.perf_counter() - started, 1)
    results["targets"] = targets(results)
    write(results, out_dir)
    return results


def write(results: dict[str, Any], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out_dir / "latest.md").write_text(report.markdown(results) + "\n", encoding="utf-8")
    report.chart(results, out_dir / "latest.png")


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the govgraph benchmarks (README: Performance).")
    parser.add_argument("--smoke", action="store_true", help="tiny N and short loops: seconds, not minutes")
    parser.add_argument("--out", type=Path, help="results folder (default: benchmarks/results, or a temp folder "
                        "for --smoke)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic corpus number")
    parser.add_argument("--no-pin", action="store_true", help="leave client, servers and Neo4j on every CPU")
    parser.add_argument("--ingest-sizes", type=int, nargs="+", metavar="N",
                        help="parse+extract sizes, ascending (default 5 50 500; e.g. 5 50 500 2800)")
    args = parser.parse_args()
    plan = SMOKE if args.smoke else FULL
    if args.ingest_sizes:
        plan = replace(plan, ingest_sizes=tuple(sorted(args.ingest_sizes)))
    if args.no_pin:
        plan = replace(plan, pin=False)
    out = args.out or (RESULTS / "tmp" / "smoke" if args.smoke else RESULTS)
    try:
        results = run(plan, out, args.seed)
    except StoreUnavailable as exc:  # the one error a new user meets first: one line, not a traceback
        sys.exit(f"benchmarks: {exc} (set NEO4J_URI to a Neo4j of your own; the benchmark empties it)")
    print(report.markdown(results))
    for line in sanity.flagged(results["queries"]["sanity"]):
        print(line)
    print(f"\nwrote {out / 'latest.json'}, latest.md, latest.png")


if __name__ == "__main__":
    main()
