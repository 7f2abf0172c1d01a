"""The benchmarks at tiny N, against the test Neo4j server, so that they never rot.

The full run is ``python3 -m benchmarks.run`` (README: Performance); this runs the same code
with ``--smoke`` sizes and checks that every number the full run reports is there.
"""

from __future__ import annotations

import json
import os

import pytest

from benchmarks.counting import count_statements
from benchmarks.generate import generate
from benchmarks.ingest_bench import ingest_documents
from benchmarks.loaders import ROOT, admin_import, combine, write_import_csv
from benchmarks.query_bench import FIELDS
from benchmarks.run import SMOKE, run
from benchmarks.targets import REQUIRED, SANITY
from tests.conftest import wipe

pytestmark = pytest.mark.neo4j


def test_smoke_run_reports_every_number(loaded_neo4j, corpus_graphs, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NEO4J_URI", loaded_neo4j.settings.uri)
    try:
        results = run(SMOKE, tmp_path)
    finally:  # the benchmark empties the database: leave the corpus loaded for the tests that follow
        wipe(loaded_neo4j)
        for graph in corpus_graphs:
            loaded_neo4j.load(graph)
    assert {p.name for p in tmp_path.iterdir()} >= {"latest.json", "latest.md", "latest.png"}
    assert json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))["mode"] == "smoke"

    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["memory_gib"] > 0 and "Neo4j" in machine["neo4j_server"]
    assert [r["n"] for r in results["ingest"]["runs"]] == list(SMOKE.ingest_sizes)
    assert all(r["chars_per_second"] > 0 for r in results["ingest"]["runs"])
    assert results["ingest"]["runs"][-2]["chars_per_second_after"] > 0  # the next size again, after the largest
    store = results["embedded_store"]
    assert store["peak_rss_mib"] > 0 and [c["n"] for c in store["checkpoints"]] == [SMOKE.embedded_n]
    assert 0 < store["store_rss_mib"] < store["peak_rss_mib"]  # what loading adds, in a fresh process
    loaders = {(r["loader"], r["n"]) for r in results["load"]["runs"]}
    assert loaders == {("naive", 1), ("ours", 1), ("ours", 2)}
    queries = results["queries"]
    for field in FIELDS:
        assert queries["round_trips"][field]["count"] >= 1 and queries["round_trips"][field]["rows"] > 0
        for path in ("http_graphql", "raw_driver"):
            assert {c: s["requests"] > 0 for c, s in queries[path][field].items()} == {"1": True, "16": True}
            assert queries[path][field]["1"]["rounds"] == SMOKE.rounds  # every field in interleaved rounds
        assert queries["embedded"][field]["p50_ms"] > 0
    assert {c: s["requests"] > 0 for c, s in queries["floor"].items()} == {"1": True, "16": True}
    assert {"client", "neo4j", "govgraph serve"} <= queries["cpus"].keys()
    assert all(isinstance(p["pinned"], bool) and (p["pinned"] or p["reason"]) for p in queries["cpus"].values())
    assert queries["sanity"]["checks"] and all(isinstance(c["flagged"], bool) for c in queries["sanity"]["checks"])
    assert ("skipped" in queries["peer"]) == (queries["peer_ratio"] is None)
    if "skipped" not in queries["peer"]:  # versions as installed from the lock file
        assert queries["peer"]["versions"]["neo4j-driver"].startswith("6.")
        assert queries["peer"]["round_trips"]["count"] >= 1 and "peer" in queries["cpus"]
        assert queries["peer"]["raw_driver_signatories"]["16"]["requests"] > 0
    assert results["startup"]["median_seconds"] > 0
    names = {t["name"] for t in results["targets"]}
    assert set(REQUIRED) <= names and SANITY in names
    assert all(isinstance(t["met"], bool) for t in results["targets"])


def test_counting_driver_sees_each_statement_of_a_store(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    from stores.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_store.settings)
    try:
        counter = count_statements(store)
        store.jurisdictions()
        store.counts()
        assert [s.name for s in counter.statements] == [
            "queries/jurisdictions", "queries/count_nodes", "queries/count_relationships"]
    finally:
        store.close()


def test_statements_are_counted_for_a_block_and_the_store_gets_its_drivers_back(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    import neo4j

    from benchmarks.counting import statements_counted
    from stores.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_store.settings)
    try:
        driver = store._driver
        with statements_counted(store) as counter:
            store.jurisdictions()
        assert [s.name for s in counter.statements] == ["queries/jurisdictions"]
        assert store._driver is driver and isinstance(driver, neo4j.Driver)
        assert "_new_loop_driver" not in vars(store)  # the store's own method again
        store.jurisdictions()
        assert len(counter.statements) == 1  # no longer counted
    finally:
        store.close()


def test_admin_import_of_a_tiny_graph(neo4j_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A database name the server does not serve: the import works beside the running server.
    graph = ingest_documents(list(generate(1, seed=3))).graphs[0]
    combined = combine([graph])
    done = admin_import(write_import_csv(combined, tmp_path), "benchsmoke")
    assert (done.nodes, done.relationships) == (len(combined.nodes), len(combined.relationships))
    assert 0 < done.tool_seconds <= done.wall_seconds
    home = os.environ.get("GOVGRAPH_NEO4J_HOME") or str(ROOT / ".neo4j")
    assert os.path.isdir(os.path.join(home, "data", "databases", "benchsmoke"))
