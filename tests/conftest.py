"""Shared fixtures. Neo4j tests use the project's own server (neo4j/neo4jctl start).

Under CI=true a missing server fails the test loudly; on a developer machine it skips
with the command to run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
#: the shared data beside the clone (../shared: the real development set); see shared()
SHARED = ROOT.parent / "shared"


def shared(*parts: str) -> Path:
    """A path under ../shared; under CI=true its absence fails the test, elsewhere it skips."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing: the shared data must sit beside the clone (../shared)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def _neo4j_or_fail():  # type: ignore[no-untyped-def]
    from stores.base import StoreUnavailable
    from stores.neo4j_store import Neo4jSettings, Neo4jStore

    settings = Neo4jSettings.from_env(os.environ.get("NEO4J_TEST_URI"))
    try:
        return Neo4jStore(settings, connect_attempts=3, backoff=0.5)
    except StoreUnavailable as exc:
        message = f"Neo4j test server unavailable: {exc}. Start it with `neo4j/neo4jctl start`."
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def neo4j_store():  # type: ignore[no-untyped-def]
    """A Neo4jStore on an emptied test database (the tests own this database)."""
    store = _neo4j_or_fail()
    wipe(store)
    yield store
    store.close()


def wipe(store) -> None:  # type: ignore[no-untyped-def]
    store._write(lambda tx: tx.run("MATCH (n) DETACH DELETE n").consume())


@pytest.fixture(scope="session")
def corpus_graphs():  # type: ignore[no-untyped-def]
    from ingest.pipeline import document_paths, ingest_path

    return [ingest_path(p).graph for p in document_paths([CORPUS])]


@pytest.fixture(scope="session")
def memory_store(corpus_graphs):  # type: ignore[no-untyped-def]
    from stores.memory import MemoryStore

    store = MemoryStore()
    for graph in corpus_graphs:
        store.load(graph)
    return store


@pytest.fixture(scope="session")
def loaded_neo4j(neo4j_store, corpus_graphs):  # type: ignore[no-untyped-def]
    for graph in corpus_graphs:
        neo4j_store.load(graph)
    return neo4j_store


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, memory_store):  # type: ignore[no-untyped-def]
    """Every API test runs against both stores. The Neo4j run is marked `neo4j`, so that
    `-m "not neo4j"` never reaches (and wipes) whatever server NEO4J_TEST_URI defaults to."""
    if request.param == "memory":
        return memory_store
    return request.getfixturevalue("loaded_neo4j")
