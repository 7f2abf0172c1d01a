"""The embedded store at N documents, in a fresh process: the cost of loading it as N grows,
the peak memory of ingesting N documents into it, and its own query latency.

    python3 -m benchmarks.embedded N SEED JURISDICTION_KEY SECONDS     # prints one JSON line

A process of its own, so that nothing the runner holds counts towards the peak.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: N at which the cumulative cost of loading is reported (those not above the run's N)
CHECKPOINTS = (5, 50, 500, 1000, 2800)


def measure(n: int, seed: int, jurisdiction: str, seconds: float) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.embedded", str(n), str(seed), jurisdiction, str(seconds)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"the embedded-store child failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _child(n: int, seed: int, jurisdiction: str, seconds: float) -> dict[str, Any]:
    from stores.memory import MemoryStore

    from .generate import generate
    from .ingest_bench import ingest_documents
    from .query_bench import Place, measure_embedded

    docs = list(generate(n, seed))
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    store = MemoryStore()
    ingest_seconds = load_seconds = 0.0
    checkpoints = []
    for i, doc in enumerate(docs, 1):
        started = time.perf_counter()
        graph = ingest_documents([doc]).graphs[0]
        loading = time.perf_counter()
        store.load(graph)
        ingest_seconds += loading - started
        load_seconds += time.perf_counter() - loading
        if i in CHECKPOINTS or i == n:
            checkpoints.append({"n": i, "load_seconds": round(load_seconds, 3), "ingest_seconds": round(ingest_seconds, 3)})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    nodes, rels = store.counts()
    row = next(r for r in store.jurisdictions() if r["key"] == jurisdiction)
    stats = measure_embedded(store, Place(row["key"], row["name"], row["nameEn"]), seconds)
    return {
        "n": n, "peak_rss_mib": round(peak / 1024, 1), "baseline_rss_mib": round(baseline / 1024, 1),
        "nodes": sum(nodes.values()), "relationships": sum(rels.values()), "checkpoints": checkpoints,
        "queries": {field: s.as_dict() for field, s in stats.items()},
    }


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: python3 -m benchmarks.embedded N SEED JURISDICTION_KEY SECONDS")
    print(json.dumps(_child(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])), ensure_ascii=False))
