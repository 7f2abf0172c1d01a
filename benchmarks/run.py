"""Run every benchmark once and write the results.

    python3 -m benchmarks.run            # full run: benchmarks/results/latest.{json,md,png}
    python3 -m benchmarks.run --smoke    # tiny N, short loops: checks the benchmarks still work

The Neo4j parts use NEO4J_URI (else NEO4J_TEST_URI, else bolt://127.0.0.1:7687) and EMPTY
that database, as the tests do: point them at a server of your own. neo4j-admin import
writes a separate database (``benchimport``) in the home neo4jctl uses (GOVGRAPH_NEO4J_HOME).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase

from stores.base import StoreUnavailable
from stores.neo4j_store import Neo4jSettings, Neo4jStore

from . import embedded, ingest_bench, loaders, machine, query_bench, report, rounds, servers
from .generate import generate

RESULTS = Path(__file__).with_name("results")
ADMIN_DATABASE = "benchimport"
_STARTED = time.perf_counter()


def progress(message: str) -> None:
    """One line on stderr as each step starts, so a run of minutes is never silent."""
    print(f"[{time.perf_counter() - _STARTED:6.0f} s] {message}", file=sys.stderr, flush=True)


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
    rounds: int = 1  # interleaved rounds of the signatories comparison (median and range reported)


FULL = Plan("full", (5, 50, 500), (5, 50), (5, 50, 500), (5, 50, 500), 60.0, 3, 500, 10.0, 1.0, 3, True, 5.0, 3)
SMOKE = Plan("smoke", (1, 2), (1,), (1, 2), (), 30.0, 1, 2, 0.2, 0.1, 1, False, 0.2, 1)


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
    return {"runs": [r.as_dict() for r in runs], "growth": ingest_bench.growth(runs[-1])}, list(runs[-1].graphs)


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


def run_queries(plan: Plan, seed: int, settings: Neo4jSettings, driver: Any, graphs: list[Any],
                log_dir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The queries on Neo4j, the peer, and (in a child process) the embedded store, which also
    reports its load cost and peak memory: the second value."""
    tracing_store = Neo4jStore(settings)
    try:
        place, traces = _pick_place(tracing_store, graphs)
    finally:
        tracing_store.close()
    seconds, out = plan.query_seconds, {}
    uri = settings.uri
    warm = plan.warmup_seconds
    out["http_graphql"], out["raw_driver"] = {}, {}
    with servers.govgraph_serve(["--neo4j", uri, "--no-load"], log_dir / "serve-neo4j.log") as server:
        for f in query_bench.FIELDS:
            if f == "signatories":
                continue  # below, in interleaved rounds with the raw driver and the peer
            progress(f"GraphQL over HTTP: {f} ({warm:.0f} s warm-up at 16 clients, then 1 and 16 clients)")
            out["http_graphql"][f] = {str(c): query_bench.measure_http(server.port, f, place, c, seconds, warm).as_dict()
                                      for c in (1, 16)}
            progress(f"raw driver: {f}")
            out["raw_driver"][f] = {str(c): query_bench.measure_raw(driver, settings.database, traces[f], c, seconds,
                                                                    warm).as_dict() for c in (1, 16)}
        out["peer"] = run_signatories(plan, server.port, driver, settings, traces, place, log_dir, out)
    progress(f"embedded store: N = {plan.embedded_n}, in a fresh process")
    store_run = embedded.measure(plan.embedded_n, seed, place.key, plan.embedded_seconds)
    out["embedded"] = store_run.pop("queries")
    out["round_trips"] = {f: {"count": len(t.warm), "statements": [s.name for s in t.warm], "rows": t.rows,
                              "cold_count": len(t.cold), "cold_statements": [s.name for s in t.cold]}
                          for f, t in traces.items()}
    return {"place": {"key": place.key, "name": place.name, "nameEn": place.name_en}, "n": len(graphs),
            "embedded_n": plan.embedded_n, "seconds": seconds, **out}, store_run


def run_signatories(plan: Plan, port: int, driver: Any, settings: Neo4jSettings, traces: dict[str, Any],
                    place: query_bench.Place, log_dir: Path, out: dict[str, Any]) -> dict[str, Any]:
    """signatories three ways, in interleaved rounds: ours over HTTP, the raw driver running our
    statement, and the peer (when installed), after checking that both servers answer the same."""
    warm, seconds = plan.warmup_seconds, plan.query_seconds
    ours_query, ours_variables = query_bench.graphql_document("signatories"), query_bench.variables("signatories", place)
    targets = {
        "ours": lambda c: query_bench.measure_http(port, "signatories", place, c, seconds, warm),
        "raw driver": lambda c: query_bench.measure_raw(driver, settings.database, traces["signatories"], c, seconds,
                                                        warm),
    }
    peer_out: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        if not servers.peer_installed() and plan.peer:
            progress("installing the peer (npm ci in benchmarks/peer)")
            servers.install_peer()
        if servers.peer_installed():
            progress("the peer (@neo4j/graphql on Apollo Server): starting, then checking both answers agree")
            peer = stack.enter_context(servers.peer_serve(settings.uri, log_dir / "peer.log"))
            peer_query, peer_variables = query_bench.graphql_document("peer_signatories"), query_bench.peer_variables(place)
            ours_data, ours_bytes = rounds.post(port, ours_query, ours_variables)
            peer_data, peer_bytes = rounds.post(peer.port, peer_query, peer_variables)
            rounds.same_answer(ours_data, peer_data)
            peer_out = {"seconds_to_ready": round(peer.seconds_to_ready, 2), "versions": servers.peer_versions(),
                        "answer_rows": len(rounds.ours_rows(ours_data)),
                        "response_bytes": {"ours": ours_bytes, "peer": peer_bytes}}
            targets["peer"] = lambda c: query_bench.measure_peer(peer.port, place, c, seconds, warm)
        else:
            peer_out = {"skipped": "the peer is not installed (npm ci in benchmarks/peer); the full run installs it"}
        measured = rounds.interleaved(targets, (1, 16), plan.rounds, progress)
    out["http_graphql"]["signatories"], out["raw_driver"]["signatories"] = measured["ours"], measured["raw driver"]
    if "peer" in measured:
        peer_out["signatories"] = measured["peer"]
    return peer_out


def run_startup(plan: Plan, log_dir: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}  # the embedded store
    runs = []
    progress("govgraph serve start-up")
    for i in range(plan.startup_runs):
        with servers.govgraph_serve([], log_dir / f"serve-embedded-{i}.log", env=env) as server:
            runs.append(round(server.seconds_to_ready, 3))
    return {"runs": runs, "median_seconds": statistics.median(runs)}


def peer_ratios(queries: dict[str, Any]) -> dict[str, Any] | None:
    """Ours over the peer for signatories: p50 (below 1 = we answer faster) and req/s (above 1 = more)."""
    peer = queries["peer"].get("signatories")
    if peer is None:
        return None
    ours = queries["http_graphql"]["signatories"]
    return {c: {"p50_ours_over_peer": round(ours[c]["p50_ms"] / peer[c]["p50_ms"], 3),
                "rps_ours_over_peer": round(ours[c]["rps"] / peer[c]["rps"], 3)} for c in peer}


def _target(name: str, measured: float | None, met: bool, note: str) -> dict[str, Any]:
    return {"name": name, "measured": None if measured is None else round(measured, 3), "met": met, "note": note}


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    ingest = results["ingest"]
    first, last = ingest["runs"][-2], ingest["runs"][-1]
    ratio = last["chars_per_second"] / first["chars_per_second"]
    r2 = ingest["growth"]["r2"]
    out.append(_target("parse+extract linear in N (chars/s at largest N ÷ at next N ≥ 0.8, fit r² ≥ 0.99)", ratio,
                       ratio >= 0.8 and r2 >= 0.99, f"N={first['n']}→{last['n']}, r²={r2}"))
    loads = results["load"]["runs"]

    def rate(loader: str, n: int) -> float | None:
        return next((r["facts_per_second"] for r in loads if r["loader"] == loader and r["n"] == n), None)

    ours_n = [r["n"] for r in loads if r["loader"] == "ours"]
    naive_n = max((n for n in ours_n if rate("naive", n)), default=None)
    if naive_n is not None:
        x = rate("ours", naive_n) / rate("naive", naive_n)  # type: ignore[operator]
        out.append(_target("our loader ≥ 20× the naive loader", x, x >= 20, f"facts/s at N={naive_n}"))
    admin_n = max((n for n in ours_n if rate("neo4j-admin import", n)), default=None)
    if admin_n is not None:
        x = rate("neo4j-admin import", admin_n) / rate("ours", admin_n)  # type: ignore[operator]
        out.append(_target("our loader within 3× of neo4j-admin import", x, x <= 3,
                           f"admin facts/s ÷ ours at N={admin_n} (import tool's own time, JVM start excluded)"))
    q = results["queries"]
    for field, trips in q["round_trips"].items():
        p = q["http_graphql"][field]["1"]["p50_ms"] / q["raw_driver"][field]["1"]["p50_ms"]
        out.append(_target(f"{field}: GraphQL p50 ≤ 1.5× raw driver (1 client)", p, p <= 1.5, "HTTP loopback vs "
                           "the field's own statement(s) through the driver"))
        out.append(_target(f"{field}: exactly one Cypher round trip", trips["count"], trips["count"] == 1,
                           f"{', '.join(trips['statements'])} (first request to a fresh server: "
                           f"{trips['cold_count']})"))
        e = q["embedded"][field]["p50_ms"]
        out.append(_target(f"{field}: embedded store p50 < 1 ms in process", e, e < 1.0, f"ms, N={q['embedded_n']}"))
    cores = os.cpu_count() or 1
    for field in q["http_graphql"]:
        ours, raw = q["http_graphql"][field], q["raw_driver"][field]
        x = ours["16"]["rps"] / raw["16"]["rps"]
        out.append(_target(f"{field}: GraphQL req/s ≥ 0.7× raw driver (16 clients)", x, x >= 0.7,
                           f"{ours['16']['rps']:.0f} vs {raw['16']['rps']:.0f} req/s"))
        # Sanity: 16 closed-loop clients cannot do more than 1 client's rate times the cores doing the work.
        bound = ours["1"]["rps"] * cores * 1.5
        out.append(_target(f"{field}: sanity, GraphQL 16-client req/s ≤ 1-client req/s × {cores} cores × 1.5",
                           ours["16"]["rps"], ours["16"]["rps"] <= bound,
                           f"{ours['16']['rps']:.0f} vs bound {bound:.0f}: above it, the measurement is suspect"))
    peer = q["peer"].get("signatories")
    if peer is not None:
        ours = q["http_graphql"]["signatories"]
        x = ours["1"]["p50_ms"] / peer["1"]["p50_ms"]
        out.append(_target("signatories: p50 below the peer's (1 client)", x, x < 1.0,
                           f"{ours['1']['p50_ms']:.1f} vs {peer['1']['p50_ms']:.1f} ms (ours ÷ peer)"))
        x = ours["16"]["rps"] / peer["16"]["rps"]
        out.append(_target("signatories: req/s ≥ 1.3× the peer's (16 clients)", x, x >= 1.3,
                           f"{ours['16']['rps']:.0f} vs {peer['16']['rps']:.0f} req/s"))
    s = results["startup"]["median_seconds"]
    out.append(_target("govgraph serve ready < 3 s (embedded, five documents)", s, s < 3.0, "seconds, median"))
    if results["mode"] == "full":
        w = results["wall_seconds"]
        last = results["embedded_store"]["checkpoints"][-1]
        out.append(_target("full benchmark < 15 minutes", w, w < 900, f"seconds; {last['load_seconds']:.1f} s of them "
                           f"loading N={last['n']} documents into the embedded store"))
    return out


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

        results["ingest"], graphs = run_ingest(plan, seed)
        done("ingest")
        results["load"] = run_loads(plan, store, driver, settings.database, graphs)
        done("load")
        results["queries"], results["embedded_store"] = run_queries(
            plan, seed, settings, driver, graphs[: max(plan.ours_sizes)], log_dir)
        loaders.wipe(driver, settings.database)  # in batches: a single-transaction wipe of N=500 runs out of memory
        results["queries"]["peer_ratio"] = peer_ratios(results["queries"])
        done("queries")
        results["startup"] = run_startup(plan, log_dir)
        done("startup")
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
    parser.add_argument("--ingest-sizes", type=int, nargs="+", metavar="N",
                        help="parse+extract sizes, ascending (default 5 50 500; e.g. 5 50 500 2800)")
    args = parser.parse_args()
    plan = SMOKE if args.smoke else FULL
    if args.ingest_sizes:
        plan = replace(plan, ingest_sizes=tuple(sorted(args.ingest_sizes)))
    out = args.out or (RESULTS / "tmp" / "smoke" if args.smoke else RESULTS)
    try:
        results = run(plan, out, args.seed)
    except StoreUnavailable as exc:  # the one error a new user meets first: one line, not a traceback
        sys.exit(f"benchmarks: {exc} (set NEO4J_URI to a Neo4j of your own; the benchmark empties it)")
    print(report.markdown(results))
    print(f"\nwrote {out / 'latest.json'}, latest.md, latest.png")


if __name__ == "__main__":
    main()
