"""The embedded store at N documents, in a fresh process: the cost of loading it as N grows,
the memory the store holds, the peak memory of loading N documents into it, and its own query latency.

    python3 -m benchmarks.embedded FILE JURISDICTION_KEY SECONDS     # prints one JSON line
    python3 -m benchmarks.embedded --resident FILE                   # what loading FILE adds

FILE is the store file ``govgraph ingest`` keeps (one row per document graph), written by the
runner from the graphs its parse + extract phase made, with a pickle of the same graphs beside it
(FILE.pickle, read in a second where the store file takes many): the child loads those graphs
instead of parsing the documents again (parse + extract is measured in its own phase). A process
of its own, so that nothing the runner holds counts towards the peak. The store's own memory is
measured in a second fresh process: its resident size before loading the saved store (after
every import) and after (the index built), so reading the file and its garbage do not count.
"""

from __future__ import annotations

import json
import pickle
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schema.model import Graph

ROOT = Path(__file__).resolve().parent.parent
#: N at which the cumulative cost of loading is reported (those not above the run's N)
CHECKPOINTS = (5, 50, 500, 1000, 2800)


def save(graphs: Sequence[Graph], path: Path) -> Path:
    """The graphs as the store file the resident-size child reads, and as the pickle the child
    loads one by one (in this order: the last load's Jurisdiction wins)."""
    from stores.document_file import DocumentFile

    kept = DocumentFile.open(path)
    try:
        for graph in graphs:
            kept.put(graph)
    finally:
        kept.close()
    _pickled(path).write_bytes(pickle.dumps(list(graphs), protocol=pickle.HIGHEST_PROTOCOL))
    return path


def _pickled(saved: Path) -> Path:
    return saved.with_name(saved.name + ".pickle")  # our own temporary file, written by save()


def measure(saved: Path, jurisdiction: str, seconds: float) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.embedded", str(saved), jurisdiction, str(seconds)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"the embedded-store child failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _child(saved: Path, jurisdiction: str, seconds: float) -> dict[str, Any]:
    from stores.memory import MemoryStore

    from .query_bench import Place, measure_embedded

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    graphs: list[Graph] = pickle.loads(_pickled(saved).read_bytes())
    n = len(graphs)
    store = MemoryStore()
    load_seconds = 0.0
    checkpoints = []
    for i, graph in enumerate(graphs, 1):
        started = time.perf_counter()
        store.load(graph)
        load_seconds += time.perf_counter() - started
        if i in CHECKPOINTS or i == n:
            checkpoints.append({"n": i, "load_seconds": round(load_seconds, 3)})
    nodes, rels = store.counts()  # builds the index the reads use, once after the loads
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    resident = _resident_added(saved)
    place = next(r.place for r in store.jurisdictions() if r.place.key == jurisdiction)
    stats = measure_embedded(store, Place(place.key, place.name, place.name_en), seconds)
    return {
        "n": n, "peak_rss_mib": round(peak / 1024, 1), "baseline_rss_mib": round(baseline / 1024, 1),
        "store_rss_mib": resident["added_mib"], "store_rss_before_mib": resident["before_mib"],
        "nodes": sum(nodes.values()), "relationships": sum(rels.values()), "checkpoints": checkpoints,
        "queries": {field: s.as_dict() for field, s in stats.items()},
    }


def _rss_mib() -> float:
    """This process's resident size now (not its peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status (Linux only)")


def _resident_added(saved: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.embedded", "--resident", str(saved)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"the resident-size child failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _resident(saved: Path) -> dict[str, float]:
    import gc

    from stores.memory import MemoryStore

    gc.collect()
    before = _rss_mib()
    store = MemoryStore.from_file(saved)
    store.counts()  # builds the index the reads use
    gc.collect()
    return {"before_mib": round(before, 1), "added_mib": round(_rss_mib() - before, 1)}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--resident":
        print(json.dumps(_resident(Path(sys.argv[2]))))
        sys.exit(0)
    if len(sys.argv) != 4:
        sys.exit("usage: python3 -m benchmarks.embedded FILE JURISDICTION_KEY SECONDS")
    print(json.dumps(_child(Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])), ensure_ascii=False))
