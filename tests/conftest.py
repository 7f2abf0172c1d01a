"""Shared fixtures. Neo4j tests use the project's own server (neo4j/neo4jctl start).

Under CI=true a missing server fails the test loudly; on a developer machine it skips
with the command to run.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
#: the shared data beside the clone (../shared: the real development set); see shared()
SHARED = ROOT.parent / "shared"

if os.environ.get("PYTEST_XDIST_WORKER"):
    # xdist starts its workers with COLUMNS=80 LINES=24, and rich fixes a console's width from them
    # when govgraph's consoles are made (at import); the CLI tests set COLUMNS per command instead
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)


def shared(*parts: str) -> Path:
    """A path under ../shared; under CI=true its absence fails the test, elsewhere it skips."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing: the shared data must sit beside the clone (../shared)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return path


#: where each xdist worker writes {test id: group}; set by the controller (pytest_configure)
_GROUPS_DIR = "GOVGRAPH_XDIST_GROUPS"


def _group(item: pytest.Item) -> str:
    """The worker group of a test under scripts/test's two pytest-xdist workers. Neo4j Community has
    one user database and these tests load and wipe it: every test marked `neo4j` is in one group,
    which one worker runs in collection order. The fault tests stop and kill their own instance
    (NEO4J_FAULT_HOME), never that database: a group of their own. Every other test stays with its
    module, so a module's fixtures are built once."""
    if item.get_closest_marker("faults"):
        return "neo4j-faults"
    if item.get_closest_marker("neo4j"):
        return "neo4j"
    return item.nodeid.split("::", 1)[0]


#: the graph cache `govgraph serve` keeps (govgraph/graph_cache.py): one folder per test process, never the user's
_CACHE_DIR = "GOVGRAPH_CACHE_DIR"


def pytest_configure(config: pytest.Config) -> None:
    os.environ[_CACHE_DIR] = tempfile.mkdtemp(prefix="govgraph-cache-")  # inherited by the servers tests start
    if getattr(config.option, "numprocesses", None) and not os.environ.get("PYTEST_XDIST_WORKER"):
        os.environ[_GROUPS_DIR] = tempfile.mkdtemp(prefix="govgraph-xdist-")  # inherited by the workers


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop(_CACHE_DIR, ""), ignore_errors=True)
    if not os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get(_GROUPS_DIR):
        shutil.rmtree(os.environ.pop(_GROUPS_DIR), ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    worker, folder = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get(_GROUPS_DIR)
    if worker and folder:
        path = Path(folder) / f"{worker}.json"
        path.with_suffix(".tmp").write_text(json.dumps({item.nodeid: _group(item) for item in items}))
        path.with_suffix(".tmp").replace(path)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Whole groups to a worker (xdist's own xdist_group marker cannot mark the test ids of pytest 9.2)."""
    from xdist.scheduler import LoadScopeScheduling

    groups: dict[str, str] = {}

    class GroupScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            if nodeid not in groups:  # read once every worker has collected (and written its file)
                for path in Path(os.environ[_GROUPS_DIR]).glob("*.json"):
                    groups.update(json.loads(path.read_text()))
            return groups[nodeid]

    return GroupScheduling(config, log)


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


#: restart_county.txt: a county's rules whose every chapter restarts its numbering at 第一条
RESTART_DOCUMENT = ROOT / "tests" / "data" / "docs" / "restart_county.txt"


@pytest.fixture(scope="session")
def restart_graph():  # type: ignore[no-untyped-def]
    from ingest.pipeline import ingest_path

    return ingest_path(RESTART_DOCUMENT).graph


@pytest.fixture(scope="module", params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def restart_store(request, restart_graph) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """restart_county.txt alone in the embedded store, or beside the corpus in Neo4j (removed after)."""
    if request.param == "memory":
        from stores.memory import MemoryStore

        store = MemoryStore()
        store.load(restart_graph)
        yield store
        return
    neo4j = request.getfixturevalue("loaded_neo4j")
    neo4j.load(restart_graph)
    yield neo4j
    neo4j.delete(restart_graph.document)
