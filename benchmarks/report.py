"""Results -> ``latest.md`` (markdown tables) and ``latest.png`` (cost against N, and query p50)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        # Sub-unit values (an in-process p50 of 0.012 ms) keep three significant digits.
        return f"{value:.3g}" if abs(value) < 1 else f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(_fmt(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return [*out, ""]


def _span(series: dict[str, Any]) -> str:
    """The range of a series' round p50s, ``low–high`` (a series of one round: —)."""
    low, high = series.get("p50_ms_range") or (None, None)
    return "—" if low is None else f"{_fmt(low)}–{_fmt(high)}"


def run_summary(results: dict[str, Any]) -> str:
    """One line: when the run started, how loaded the machine was, how long it took."""
    m = results["machine"]
    return (f"{results['mode'].capitalize()} run started {results['started']} on {m['cores']} cores; load average "
            f"{m['load_average_at_start']} at the start, {results['load_average_at_end']} at the end; "
            f"{results['wall_seconds']:,.0f} s in all.")


def targets_table(results: dict[str, Any]) -> list[str]:
    """Every target of the run: what was measured, whether it is met, and the note that says how."""
    return _table(["target", "measured", "met", "note"],
                  [[t["name"], _fmt(t["measured"], 2), "✅" if t["met"] else "❌", t.get("note", "")]
                   for t in results["targets"]])


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"# Benchmark results ({results['mode']} run, {results['started']})", "",
        f"Machine: {m['cpu_model']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; Python {m['python']}, "
        f"driver {m['neo4j_python_driver']}; {m['neo4j_server']}; Node {m['node']}. "
        f"Load average at start {m['load_average_at_start']}, at end {results['load_average_at_end']}. "
        f"Wall time of the whole run: {results['wall_seconds']:.0f} s.", "",
        "## Targets", "",
    ]
    lines += targets_table(results)
    ingest = results["ingest"]
    lines += ["## Parse + extract", ""]
    lines += _table(["N", "chars", "seconds", "chars/s", "docs/s", "facts"],
                    [[r["n"], r["chars"], r["parse_extract_seconds"], r["chars_per_second"], r["documents_per_second"],
                      r["facts"]] for r in ingest["runs"]])
    g = ingest["growth"]
    again = [r for r in ingest["runs"] if "chars_per_second_after" in r]
    lines += [f"Cumulative cost over N = {g['n'][0]}…{g['n'][-1]}: {g['seconds_per_document'] * 1000:.1f} ms per "
              f"document (linear fit, r² = {g['r2']})."
              + "".join(f" N = {r['n']} timed again after the largest N: {r['chars_per_second_after']} chars/s."
                        for r in again), ""]
    store = results["embedded_store"]
    lines += ["## Embedded store", "",
              f"Memory the embedded store holds at N = {store['n']}: **{store.get('store_rss_mib', '—')} MiB** "
              f"(resident size a fresh process gains loading the saved store, from "
              f"{store.get('store_rss_before_mib', '—')} MiB after its imports). "
              f"Peak RSS of reading back the graphs parse + extract made and loading them one by one "
              f"in one process: {store['peak_rss_mib']} MiB (process baseline {store['baseline_rss_mib']} MiB; "
              f"{store['nodes']:,} nodes, {store['relationships']:,} relationships). Cumulative cost of the loads "
              "(`MemoryStore.load`; parse + extract is above):", ""]
    lines += _table(["N", "load seconds"], [[c["n"], c["load_seconds"]] for c in store["checkpoints"]])
    lines += ["## Neo4j load (nodes + relationships per second)", ""]
    lines += _table(["loader", "N", "nodes", "relationships", "seconds", "facts/s"],
                    [[r["loader"], r["n"], r["nodes"], r["relationships"], r["seconds"], r["facts_per_second"]]
                     for r in results["load"]["runs"]])
    repeated = [r for r in results["load"]["runs"] if len(r.get("runs", [])) > 1]
    if repeated:
        lines += [f"Our loader below the largest N: the median of {len(repeated[0]['runs'])} loads (all in the JSON).", ""]
    if any(r.get("complete") is False for r in results["load"]["runs"]):
        lines += ["A naive run marked with fewer nodes than the others stopped at its time budget; its rate is "
                  "per statement and holds for any N.", ""]
    q = results["queries"]
    lines += ["## Queries", "", f"About {q['place']['name']} ({q['place']['key']}), on the N = {q['n']} database; "
              f"closed loop on loopback. Each field's GraphQL and raw-driver series ran in interleaved rounds "
              f"(signatories: rounds of {q['seconds']} s; the others: rounds sharing {q['seconds']} s); each figure "
              "is the median of its rounds.", ""]
    rows = []
    for field in q["round_trips"]:
        for clients in ("1", "16"):
            h, r = q["http_graphql"][field][clients], q["raw_driver"][field][clients]
            rows.append([field, clients, h.get("rounds", 1), h["p50_ms"], _span(h), h["p99_ms"], h["rps"], r["p50_ms"],
                         _span(r), r["p99_ms"], r["rps"], h["p50_ms"] / r["p50_ms"]])
    lines += _table(["field", "clients", "rounds", "GraphQL p50 ms", "p50 range", "p99 ms", "req/s", "raw driver p50 ms",
                     "p50 range", "p99 ms", "req/s", "p50 ratio"], rows)
    lines += [f"Round trips counted in process through the real app: a request repeated at once (caches filled), "
              f"and the first request to a fresh app. The embedded store at N = {q['embedded_n']}, asked in process "
              "(ask through its answerer).", ""]
    lines += _table(["field", "Cypher round trips", "statements", "first request", "embedded p50 ms",
                     "embedded p99 ms"],
                    [[f, t["count"], ", ".join(t["statements"]), t["cold_count"], q["embedded"][f]["p50_ms"],
                      q["embedded"][f]["p99_ms"]] for f, t in q["round_trips"].items()])
    floor = q.get("floor")
    if floor is not None:
        raw = q["raw_driver"]["signatories"]
        lines += [f"Floor of our stack, `{{ __typename }}` over HTTP (no store work): p50 {floor['1']['p50_ms']:.2f} ms "
                  f"at 1 client ({floor['1']['p50_ms'] / raw['1']['p50_ms']:.2f}× the raw driver's signatories p50 of "
                  f"{raw['1']['p50_ms']:.2f} ms), {floor['16']['rps']:.0f} req/s at 16 clients (raw driver "
                  f"{raw['16']['rps']:.0f}). A GraphQL p50 below 1.5× the raw driver's needs this floor well below "
                  "half the raw p50.", ""]
    cpus = q.get("cpus")
    if cpus is not None:
        from .pinning import describe

        lines += [f"CPUs during the query measurements: {describe(cpus)}.", ""]
    lines += _sanity_lines(q.get("sanity"))
    peer = q["peer"]
    if "skipped" in peer:
        lines += [f"Peer (@neo4j/graphql): skipped — {peer['skipped']}.", ""]
    else:
        versions = ", ".join(f"{k} {v}" for k, v in (peer.get("versions") or {}).items())
        size = peer.get("response_bytes") or {}
        lines += [f"Peer: {versions}, Apollo Server with NODE_ENV=production. Before timing, both answers "
                  f"flattened to the same {peer.get('answer_rows', '?')} rows; response bytes: ours "
                  f"{size.get('ours', '?')}, peer {size.get('peer', '?')}. signatories ran in interleaved rounds "
                  "(median, with the range of the rounds; each target's timed warm-up before the first round):", ""]
        targets = (("govgraph", q["http_graphql"]["signatories"]), ("raw driver", q["raw_driver"]["signatories"]),
                   ("@neo4j/graphql", peer["signatories"]),
                   ("raw driver, peer's Cypher", peer.get("raw_driver_signatories", {})))
        lines += _table(["signatories", "clients", "rounds", "p50 ms", "p50 range", "p99 ms", "req/s", "req/s range",
                         "client CPU ms/req"],
                        [[name, c, s.get("rounds", 1), s["p50_ms"], s.get("p50_ms_range", "—"), s["p99_ms"], s["rps"],
                          s.get("rps_range", "—"), s.get("client_cpu_ms", "—")] for name, by in targets for c, s in by.items()])
        lines += ["Client CPU is what the measuring process spent per request: for the two GraphQL servers, the "
                  "load generator's (`benchmarks/graphql_client.py`); for the raw driver, the driver's own work, "
                  "which is what that baseline measures.", ""]
        trips = peer.get("round_trips") or {}
        lines += [f"Cypher round trips per signatories request: ours {q['round_trips']['signatories']['count']}, "
                  f"the peer {trips.get('count', '?')} (first request to a fresh peer: {trips.get('cold_count', '?')}; "
                  f"statement sizes {trips.get('statement_chars', '?')} characters). \"raw driver, peer's Cypher\" "
                  "replays the peer's statements and parameters through the Python driver, as \"raw driver\" "
                  "replays ours.", ""]
        ratio = q.get("peer_ratio") or {}
        lines += [f"Ours ÷ peer, {c} client(s): p50 ×{r['p50_ours_over_peer']}, req/s ×{r['rps_ours_over_peer']}."
                  for c, r in ratio.items()] + [""]
        lines += [f"Each server ÷ the raw driver running its own Cypher, {c} client(s): ours p50 ×{r['p50_ours_over_raw']}, "
                  f"req/s ×{r['rps_ours_over_raw']}; the peer p50 ×{r['p50_peer_over_its_raw']}, "
                  f"req/s ×{r['rps_peer_over_its_raw']}." for c, r in ratio.items() if "p50_peer_over_its_raw" in r] + [""]
    s = results["startup"]
    lines += ["## Start-up", "", f"`govgraph serve` with the five documents on the embedded store, to /readyz 200: "
              f"first start (empty graph cache) **{s.get('first_start_seconds', s['runs'][0]):.2f} s**, restarts (median) "
              f"**{s.get('restart_median_seconds', s['median_seconds']):.2f} s** "
              f"(runs: {', '.join(f'{x:.2f}' for x in s['runs'])}; measured first in the run, load average "
              f"{s.get('load_average_before', '—')}).", ""]
    return "\n".join(lines)


def _sanity_lines(sanity: dict[str, Any] | None) -> list[str]:
    if sanity is None:
        return []
    flagged = [c for c in sanity["checks"] if c["flagged"]]
    if not flagged:
        return [f"Sanity: no 16-client rate above the 1-client rate × {sanity['cores']} cores × {sanity['slack']} "
                f"({len(sanity['checks'])} series checked).", ""]
    rows = [[c["path"], c["field"], c["rps_1"], c["rps_16"], c["bound"]] for c in flagged]
    return ["**Sanity check failed** (16-client req/s far above 1-client req/s × cores: a cache or a broken "
            "measurement):", "", *_table(["path", "field", "req/s 1 client", "req/s 16 clients", "bound"], rows)]


def chart(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    fig, (cost, latency) = plt.subplots(1, 2, figsize=(12, 4.8))
    by_loader: dict[str, list[tuple[int, float]]] = {}
    for run in results["load"]["runs"]:
        if run.get("complete", True):  # a naive run cut at its time budget has no cost for its N
            by_loader.setdefault(f"load: {run['loader']}", []).append((run["n"], run["seconds"]))
    by_loader["parse + extract"] = [(r["n"], r["parse_extract_seconds"]) for r in results["ingest"]["runs"]]
    by_loader["load: embedded store"] = [(c["n"], c["load_seconds"]) for c in results["embedded_store"]["checkpoints"]]
    for label, points in sorted(by_loader.items()):
        points.sort()
        cost.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
    cost.set(xscale="log", yscale="log", xlabel="documents (N)", ylabel="seconds", title="Cost against N")
    sizes = sorted({n for points in by_loader.values() for n, _ in points})
    cost.set_xticks(sizes, [str(n) for n in sizes])
    cost.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    cost.grid(True, which="both", alpha=0.3)
    cost.legend(fontsize="small")

    q = results["queries"]
    fields = list(q["round_trips"])
    series = [("GraphQL (HTTP)", [q["http_graphql"][f]["1"]["p50_ms"] for f in fields]),
              ("raw driver", [q["raw_driver"][f]["1"]["p50_ms"] for f in fields]),
              ("embedded, in process", [q["embedded"][f]["p50_ms"] for f in fields])]
    if "skipped" not in q["peer"]:
        series.append(("@neo4j/graphql", [q["peer"]["signatories"]["1"]["p50_ms"] if f == "signatories" else 0.0
                                          for f in fields]))
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series):
        latency.bar([x + i * width for x in range(len(fields))], values, width, label=label)
    latency.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(fields))], fields)
    latency.set(yscale="log", ylabel="p50 ms (1 client)", title=f"Query p50 at N = {q['n']}")
    latency.grid(True, axis="y", which="both", alpha=0.3)
    latency.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(series))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
