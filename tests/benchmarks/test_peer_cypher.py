"""The peer's Cypher, counted and captured by a recording peer and replayed through the Python
driver, on the test Neo4j server with the corpus loaded (the peer is installed first if it is not)."""

from __future__ import annotations

import os
import shutil

import pytest
from neo4j import GraphDatabase

from benchmarks import peer_cypher, query_bench, rounds, servers
from benchmarks.run import _pick_place

pytestmark = pytest.mark.neo4j


def test_the_peers_statements_are_counted_and_replay_to_its_answer(loaded_neo4j, corpus_graphs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if not servers.peer_installed():
        if shutil.which("npm") is None and os.environ.get("CI") != "true":
            pytest.skip("the peer needs Node.js and npm (under CI this fails instead)")
        servers.install_peer()  # npm ci from the committed lock file, as the full run does
    settings = loaded_neo4j.settings
    place, _ = _pick_place(loaded_neo4j, corpus_graphs)
    query, variables = query_bench.graphql_document("peer_signatories"), query_bench.peer_variables(place)
    with servers.peer_serve(settings.uri, tmp_path / "peer.log", record=True) as peer:
        answers = []
        trace = peer_cypher.trace(peer.port, lambda: answers.append(rounds.post(peer.port, query, variables)[0]))
    assert trace.as_dict()["count"] == len(trace.warm) == 1  # one statement per request, as ours
    assert len(trace.cold) >= len(trace.warm)  # a fresh peer may first ask the server's version
    assert trace.warm[0].params and all(name.startswith("param") for name in trace.warm[0].params)
    driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password))
    try:
        replayed = peer_cypher.replay_rows(driver, settings.database, trace.warm)
    finally:
        driver.close()
    assert replayed == len(answers[-1]["jurisdictions"]) == 1  # the same one jurisdiction, through either driver
