"""The targets a run is judged by: each with its measured value and ``met`` true or false.

Every target of issue #16's table and its no-regression list is always present by name (``REQUIRED``):
one the run could not measure (the peer not installed, neo4j-admin not run, a smaller N) is
listed with ``measured: None`` and ``met: false``, and the note says why.
"""

from __future__ import annotations

from typing import Any

#: the embedded store's targets hold at this N
EMBEDDED_TARGET_N = 500
#: GraphQL p50 ÷ raw driver p50 at 1 client, per field (ask is judged by its own time instead)
P50_OVER_RAW = {"signatories": 1.5, "meetings": 1.5, "compare": 2.0}
ASK_HTTP_P50_MS = 5.0
EMBEDDED_P50_MS = {"signatories": 1.0, "meetings": 1.0, "compare": 2.0, "ask": 2.0}
FIELDS = ("signatories", "meetings", "compare", "ask")

LINEAR = ("parse+extract linear in N (chars/s at largest N ÷ at next N, timed before and after it, ≥ 0.8; "
          "fit r² ≥ 0.99)")
NAIVE = "our loader ≥ 20× the naive loader"
ADMIN = "our loader within 3× of neo4j-admin import"
PEER_P50 = "signatories: p50 below the peer's (1 client)"
PEER_RPS = "signatories: req/s ≥ 1.3× the peer's (16 clients)"
ASK_P50 = f"ask: p50 over HTTP ≤ {ASK_HTTP_P50_MS:g} ms (1 client)"
SANITY = "sanity: no 16-client req/s above 1-client req/s × cores × 1.5"
STARTUP = "govgraph serve ready < 3 s (embedded, five documents; first start and restarts)"


def p50_over_raw(field: str) -> str:
    return f"{field}: GraphQL p50 ≤ {P50_OVER_RAW[field]:g}× raw driver (1 client)"


def rps_over_raw(field: str) -> str:
    return f"{field}: GraphQL req/s ≥ 0.7× raw driver (16 clients)"


def one_round_trip(field: str) -> str:
    return f"{field}: exactly one Cypher round trip"


def embedded_p50(field: str) -> str:
    return f"{field}: embedded store p50 ≤ {EMBEDDED_P50_MS[field]:g} ms in process (N = {EMBEDDED_TARGET_N})"


REQUIRED = (LINEAR, NAIVE, ADMIN, PEER_P50, PEER_RPS, rps_over_raw("signatories"), *map(p50_over_raw, P50_OVER_RAW),
            ASK_P50, embedded_p50("compare"), embedded_p50("ask"), *map(one_round_trip, FIELDS), STARTUP)


def target(name: str, measured: float | None, met: bool, note: str) -> dict[str, Any]:
    return {"name": name, "measured": None if measured is None else round(measured, 3), "met": met, "note": note}


def unmeasured(name: str, why: str) -> dict[str, Any]:
    return target(name, None, False, f"not measured: {why}")


def _loads(results: dict[str, Any]) -> list[dict[str, Any]]:
    loads = results["load"]["runs"]

    def rate(loader: str, n: int) -> float | None:
        return next((r["facts_per_second"] for r in loads if r["loader"] == loader and r["n"] == n), None)

    ours_n = [r["n"] for r in loads if r["loader"] == "ours"]
    out = []
    # the largest N the naive loader completed (the same graph loaded both ways), else one it was cut at
    complete = {r["n"] for r in loads if r["loader"] == "naive" and r.get("complete", True)}
    naive_n = max((n for n in ours_n if n in complete), default=None)
    cut = naive_n is None
    if cut:
        naive_n = max((n for n in ours_n if rate("naive", n)), default=None)
    if naive_n is None:
        out.append(unmeasured(NAIVE, "no N with both loaders"))
    else:
        x = rate("ours", naive_n) / rate("naive", naive_n)  # type: ignore[operator]
        out.append(target(NAIVE, x, x >= 20, f"facts/s at N={naive_n}" + (
            " (the naive loader stopped at its time budget)" if cut else ", both loads complete")))
    admin_n = max((n for n in ours_n if rate("neo4j-admin import", n)), default=None)
    if admin_n is None:
        out.append(unmeasured(ADMIN, "neo4j-admin import did not run (not in this plan)"))
    else:
        x = rate("neo4j-admin import", admin_n) / rate("ours", admin_n)  # type: ignore[operator]
        out.append(target(ADMIN, x, x <= 3, f"admin facts/s ÷ ours at N={admin_n} (import tool's own time, "
                          "JVM start excluded)"))
    return out


def _queries(q: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    http, raw, floor = q["http_graphql"], q["raw_driver"], q.get("floor")
    for field, bound in P50_OVER_RAW.items():
        p = http[field]["1"]["p50_ms"] / raw[field]["1"]["p50_ms"]
        reach = "" if floor is None else (f"; the floor ({{ __typename }}) alone is "
                                          f"{floor['1']['p50_ms'] / raw[field]['1']['p50_ms']:.2f}× this raw p50")
        out.append(target(p50_over_raw(field), p, p <= bound,
                          f"{http[field]['1']['p50_ms']:.2f} vs {raw[field]['1']['p50_ms']:.2f} ms{reach}"))
    ask = http["ask"]["1"]["p50_ms"]
    out.append(target(ASK_P50, ask, ask <= ASK_HTTP_P50_MS, f"ms; its Cypher alone {raw['ask']['1']['p50_ms']:.2f} ms"))
    for field in FIELDS:
        trips = q["round_trips"][field]
        out.append(target(one_round_trip(field), trips["count"], trips["count"] == 1,
                          f"{', '.join(trips['statements'])} (first request to a fresh server: {trips['cold_count']})"))
    for field in FIELDS:
        e, n = q["embedded"][field]["p50_ms"], q["embedded_n"]
        at = "" if n >= EMBEDDED_TARGET_N else f"; measured at N={n}, below the target's N"
        out.append(target(embedded_p50(field), e, e <= EMBEDDED_P50_MS[field] and n >= EMBEDDED_TARGET_N,
                          f"ms at N={n}{at}"))
    for field in FIELDS:
        x = http[field]["16"]["rps"] / raw[field]["16"]["rps"]
        out.append(target(rps_over_raw(field), x, x >= 0.7,
                          f"{http[field]['16']['rps']:.0f} vs {raw[field]['16']['rps']:.0f} req/s"))
    peer = q["peer"].get("signatories")
    if peer is None:
        why = q["peer"].get("skipped", "the peer did not run")
        out += [unmeasured(PEER_P50, why), unmeasured(PEER_RPS, why)]
    else:
        ours = http["signatories"]
        x = ours["1"]["p50_ms"] / peer["1"]["p50_ms"]
        out.append(target(PEER_P50, x, x < 1.0, f"{ours['1']['p50_ms']:.2f} vs {peer['1']['p50_ms']:.2f} ms "
                          "(ours ÷ peer)"))
        x = ours["16"]["rps"] / peer["16"]["rps"]
        out.append(target(PEER_RPS, x, x >= 1.3, f"{ours['16']['rps']:.0f} vs {peer['16']['rps']:.0f} req/s"))
    sanity = q["sanity"]
    worst = max(sanity["checks"], key=lambda c: c["ratio_to_cores"], default=None)
    flagged = [f"{c['path']} {c['field']}" for c in sanity["checks"] if c["flagged"]]
    out.append(target(SANITY, None if worst is None else worst["ratio_to_cores"], not flagged,
                      f"highest 16-client req/s ÷ (1-client req/s × {sanity['cores']} cores): "
                      f"{'—' if worst is None else worst['path'] + ' ' + worst['field']}"
                      + (f"; flagged: {', '.join(flagged)}" if flagged else "")))
    return out


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    ingest = results["ingest"]
    out = []
    if len(ingest["runs"]) < 2:
        out.append(unmeasured(LINEAR, "one ingest size"))
    else:
        first, last = ingest["runs"][-2], ingest["runs"][-1]
        before, after = first["chars_per_second"], first.get("chars_per_second_after")
        ratio, r2 = last["chars_per_second"] / (before if after is None else (before + after) / 2), ingest["growth"]["r2"]
        timed = ("" if after is None else  # a results file from before the repeat: the one timing
                 f"; N={first['n']} timed before and after N={last['n']}: {before:,.0f} and {after:,.0f} chars/s")
        out.append(target(LINEAR, ratio, ratio >= 0.8 and r2 >= 0.99, f"N={first['n']}→{last['n']}, r²={r2}{timed}"))
    out += _loads(results)
    out += _queries(results["queries"])
    start = results["startup"]
    first = start.get("first_start_seconds", start["median_seconds"])
    again = start.get("restart_median_seconds", start["median_seconds"])
    worst = max(first, again)
    out.append(target(STARTUP, worst, worst < 3.0, f"seconds, the slower of: first start (empty graph cache) "
                      f"{first:.2f}, restarts (median) {again:.2f}"))
    if results["mode"] == "full":
        w = results["wall_seconds"]
        last = results["embedded_store"]["checkpoints"][-1]
        out.append(target("full benchmark < 15 minutes", w, w < 900, f"seconds; {last['load_seconds']:.1f} s of them "
                          f"loading N={last['n']} documents into the embedded store"))
    return out


def peer_ratios(queries: dict[str, Any]) -> dict[str, Any] | None:
    """Ours over the peer for signatories: p50 (below 1 = we answer faster) and req/s (above 1 = more);
    and each GraphQL server over the raw driver running its own Cypher (what the server adds)."""
    peer = queries["peer"].get("signatories")
    if peer is None:
        return None
    ours, raw, peer_raw = (queries["http_graphql"]["signatories"], queries["raw_driver"]["signatories"],
                           queries["peer"].get("raw_driver_signatories", {}))
    out = {}
    for c in peer:
        out[c] = {"p50_ours_over_peer": round(ours[c]["p50_ms"] / peer[c]["p50_ms"], 3),
                  "rps_ours_over_peer": round(ours[c]["rps"] / peer[c]["rps"], 3),
                  "p50_ours_over_raw": round(ours[c]["p50_ms"] / raw[c]["p50_ms"], 3),
                  "rps_ours_over_raw": round(ours[c]["rps"] / raw[c]["rps"], 3)}
        if c in peer_raw:
            out[c] |= {"p50_peer_over_its_raw": round(peer[c]["p50_ms"] / peer_raw[c]["p50_ms"], 3),
                       "rps_peer_over_its_raw": round(peer[c]["rps"] / peer_raw[c]["rps"], 3)}
    return out
