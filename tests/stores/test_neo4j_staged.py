"""Loads too large for one transaction: the content is staged in transactions of bounded size and
one transaction publishes the document, so readers see all of it or nothing of it; what a failure
or a crash leaves is swept. Small transaction sizes make the small test documents take the path
of a 10 MB one. A reload of a stored document writes only what changed."""

from __future__ import annotations

import pickle
import signal
import subprocess
import sys
import time
from typing import Any

import pytest
from neo4j.exceptions import Neo4jError

import cypher
import stores.neo4j_store as neo4j_store_module
import stores.neo4j_writes as neo4j_writes_module
from ingest.pipeline import ingest_bytes
from schema.model import Graph, Node, Relationship
from stores.neo4j_store import Neo4jStore
from tests.conftest import ROOT
from tests.reliability.documents import rules_document as synthetic_rules_text

from .documents import JURISDICTION, rules_document

pytestmark = pytest.mark.neo4j

# Derived by the store at load time (cypher/load/versions.cypher), not part of the extracted graph.
_VERSION_PROPS = ("status", "publishedStatus", "current")

Snapshot = tuple[dict[str, Any], dict[str, Any]]


def _query(store: Neo4jStore, statement: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = store._driver.execute_query(statement, params, database_=store.settings.database)
    return [r.data() for r in records]


def _whole_database(store: Neo4jStore) -> Snapshot:
    nodes = {r["id"]: (r["labels"], r["props"]) for r in _query(
        store, "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props")}
    rels = {r["id"]: (r["type"], r["props"]) for r in _query(
        store, "MATCH ()-[r]->() RETURN elementId(r) AS id, type(r) AS type, properties(r) AS props")}
    return nodes, rels


def _stored_document(store: Neo4jStore, document: str) -> Snapshot:
    """Nodes (by key) and relationships (by key) of one document as Neo4j holds them."""
    nodes = {r["key"]: (r["labels"], _without(r["props"], _VERSION_PROPS if r["key"] == document else ()))
             for r in _query(store, "MATCH (n) WHERE n.doc = $doc "
                                    "RETURN n.key AS key, labels(n) AS labels, properties(n) AS props", doc=document)}
    rels = {r["key"]: (r["type"], r["start"], r["end"], r["props"]) for r in _query(
        store, "MATCH (n)-[r]-() WHERE n.doc = $doc AND NOT r:SUPERSEDES WITH DISTINCT r "
               "RETURN r.key AS key, type(r) AS type, startNode(r).key AS start, endNode(r).key AS end, "
               "properties(r) AS props", doc=document)}
    return nodes, rels


def _expected_document(graph: Graph) -> Snapshot:
    nodes = {n.key: ([n.label], _without(n.props, _VERSION_PROPS if n.key == graph.document else ()))
             for n in graph.nodes if n.label != "Jurisdiction"}
    rels = {r.key: (r.type, r.start, r.end, _without(r.props, ())) for r in graph.relationships}
    return nodes, rels


def _without(props: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and k not in names}  # Neo4j stores no null


def _leftovers(store: Neo4jStore, document: str) -> int:
    rows = _query(store, "MATCH (n) WHERE n.doc = $doc OR n.key = $doc "
                         "OPTIONAL MATCH (n)-[r]-() RETURN count(DISTINCT n) + count(DISTINCT r) AS n", doc=document)
    return int(rows[0]["n"])


def _rows(graph: Graph) -> int:
    return len(graph.nodes) + len(graph.relationships)


@pytest.fixture
def small_transactions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neo4j_writes_module, "TRANSACTION_ROWS", 12)
    monkeypatch.setattr(neo4j_writes_module, "DELETE_NODES", 4)


def _poisoned(graph: Graph, *, top: bool) -> Graph:
    """The graph with a property value Neo4j cannot store (a map) on one relationship: of the
    document's content (refused while staging) or of its top (refused by the publishing transaction)."""
    labels = {n.key: n.label for n in graph.nodes}
    victim = next(r for r in graph.relationships
                  if ("RuleDocument" in (labels[r.start], labels[r.end])) == top)
    bad = Relationship(victim.type, victim.start, victim.end, victim.key, {**victim.props, "detail": {"not": "storable"}})
    return Graph(graph.document, list(graph.nodes), [bad if r is victim else r for r in graph.relationships])


def test_a_staged_load_stores_what_one_transaction_stores(neo4j_store: Neo4jStore, small_transactions: None) -> None:
    graph = rules_document(2030)
    assert _rows(graph) > 4 * neo4j_writes_module.TRANSACTION_ROWS  # staged in five transactions or more
    try:
        neo4j_store.load(graph)
        assert _stored_document(neo4j_store, graph.document) == _expected_document(graph)
        assert [(d.key, d.current) for d in neo4j_store.documents(JURISDICTION)] == [(graph.document, True)]
        before = _whole_database(neo4j_store)
        neo4j_store.load(graph)  # a reload: the stored graph is unchanged
        assert _whole_database(neo4j_store) == before
        assert neo4j_store.delete(graph.document) is True  # in several transactions of 4 nodes
        assert _leftovers(neo4j_store, graph.document) == 0
        assert JURISDICTION not in {j.place.key for j in neo4j_store.jurisdictions()}
    finally:
        neo4j_store.delete(graph.document)


@pytest.mark.parametrize("top", [False, True], ids=["refused-while-staging", "refused-when-publishing"])
def test_a_staged_load_that_fails_leaves_the_previous_state(
    neo4j_store: Neo4jStore, small_transactions: None, top: bool
) -> None:
    old, new = rules_document(2030), rules_document(2032, revised=True)
    neo4j_store.load(old)
    try:
        before = _whole_database(neo4j_store)
        for graph in (new, old):  # a first load of a newer version, then a reload of the stored one
            with pytest.raises(Neo4jError, match=r"(?i)property"):
                neo4j_store.load(_poisoned(graph, top=top))
            assert _whole_database(neo4j_store) == before
        assert [(d.key, d.status, d.current) for d in neo4j_store.documents(JURISDICTION)] == [
            (old.document, "effective", True)]
    finally:
        neo4j_store.delete(old.document)


def test_two_writers_staging_one_document_at_once_take_turns(
    neo4j_store: Neo4jStore, small_transactions: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Two API processes load the same new document: the second waits for the first's claim,
    then finds it stored (nothing to write); neither deadlocks nor sweeps the other's content."""
    import threading

    graph = rules_document(2030)
    errors: list[BaseException] = []

    def load() -> None:
        try:
            neo4j_store.load(graph)
        except BaseException as exc:  # noqa: BLE001 - reported below, with the test's own assertion
            errors.append(exc)

    try:
        for _ in range(3):
            workers = [threading.Thread(target=load) for _ in range(2)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            assert errors == []
            assert _stored_document(neo4j_store, graph.document) == _expected_document(graph)
            neo4j_store.delete(graph.document)
        assert "DeadlockDetected" not in caplog.text
    finally:
        neo4j_store.delete(graph.document)


def test_a_reload_writes_what_changed_and_removes_what_is_gone(neo4j_store: Neo4jStore) -> None:
    """The same document as a newer extractor might make it: an obligation fewer (with its
    relationships), an article changed, an item added."""
    old = rules_document(2030)
    dropped = next(n for n in old.nodes if n.label == "Obligation")
    article = next(n for n in old.nodes if n.label == "Article")
    item = f"{article.key}:item:9"
    nodes = [Node(n.label, n.key, {**n.props, "label": "第一条（修）"}) if n is article else n
             for n in old.nodes if n is not dropped]
    nodes.append(Node("Item", item, {"key": item, "doc": old.document, "number": 9, "label": "（九）", "text": "（九）"}))
    rels = [r for r in old.relationships if dropped.key not in (r.start, r.end)]
    rels.append(Relationship("HAS_ITEM", article.key, item, f"{article.key}-HAS_ITEM-{item}",
                             {"key": f"{article.key}-HAS_ITEM-{item}", "doc": old.document, "order": 9}))
    new = Graph(old.document, nodes, rels)
    neo4j_store.load(old)
    try:
        neo4j_store.load(new)
        assert _stored_document(neo4j_store, old.document) == _expected_document(new)
        neo4j_store.load(old)
        assert _stored_document(neo4j_store, old.document) == _expected_document(old)
    finally:
        neo4j_store.delete(old.document)


def _orphan_content(store: Neo4jStore, graph: Graph) -> None:
    """What a staged load interrupted after its first transaction leaves: content, no RuleDocument."""
    articles = [n.props for n in graph.nodes if n.label == "Article"]
    store._write(lambda tx: tx.run(cypher.node_load("Article"), rows=articles).consume())


def test_the_sweep_leaves_a_document_being_loaded_alone_and_a_start_sweeps_the_rest(neo4j_store: Neo4jStore) -> None:
    graph = rules_document(2030)
    _orphan_content(neo4j_store, graph)
    try:
        assert graph.document not in {d.key for d in neo4j_store.documents(None)}
        assert neo4j_store.article(graph.document, 1) is None
        # Another writer holds the document's claim, as a load that is staging it does.
        with neo4j_store._driver.session(database=neo4j_store.settings.database) as session:
            loader = session.begin_transaction()
            try:
                loader.run(cypher.statement("load/claim_document"), doc=graph.document).consume()
                started = time.monotonic()
                assert neo4j_store.sweep_orphans() == []
                assert time.monotonic() - started >= neo4j_store_module.CLAIM_PROBE_SECONDS * 0.9
                assert _leftovers(neo4j_store, graph.document) > 0
            finally:
                loader.rollback()
        restarted = Neo4jStore(neo4j_store.settings)  # a start sweeps what no writer holds
        restarted.close()
        assert _leftovers(neo4j_store, graph.document) == 0
    finally:
        neo4j_store.sweep_orphans()


_LOADER = """
import pickle, sys
import stores.neo4j_store as store_module
import stores.neo4j_writes as writes_module
writes_module.TRANSACTION_ROWS = 40
graph = pickle.load(sys.stdin.buffer)
store = store_module.Neo4jStore(store_module.Neo4jSettings.from_env(sys.argv[1]))
store.load(graph)
print("loaded", flush=True)
"""


def test_a_loader_killed_while_staging_leaves_nothing_a_reader_sees_and_the_sweep_removes_it(
    neo4j_store: Neo4jStore,
) -> None:
    text = synthetic_rules_text("平谷区", articles=240, per_chapter=30, items_per_article=3, rules_every=6)
    graph = ingest_bytes(text.encode("utf-8"), "pinggu.txt").graph
    jurisdiction = next(n.key for n in graph.nodes if n.label == "Jurisdiction")
    assert _rows(graph) > 50 * 40
    before = _whole_database(neo4j_store)
    proc = subprocess.Popen([sys.executable, "-c", _LOADER, neo4j_store.settings.uri], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert proc.stdin is not None
        proc.stdin.write(pickle.dumps(graph))
        proc.stdin.close()
        deadline = time.monotonic() + 120
        while _query(neo4j_store, "MATCH (n:Item {doc: $doc}) RETURN count(n) AS n", doc=graph.document)[0]["n"] == 0:
            assert proc.poll() is None, proc.communicate()[0]
            assert time.monotonic() < deadline, "the loader staged nothing in 120 s"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        # Staged content is stored, but no read reaches it.
        assert _leftovers(neo4j_store, graph.document) > 0
        assert graph.document not in {d.key for d in neo4j_store.documents(None)}
        assert jurisdiction not in {j.place.key for j in neo4j_store.jurisdictions()}
        assert neo4j_store.article(graph.document, 1) is None
        page = neo4j_store.search("交办事项", None, 0, 50)
        assert graph.document not in {r.article.document.key for r in page.rows}
        # The server rolls the killed loader's claim back when it sees the connection close.
        deadline = time.monotonic() + 30
        while graph.document not in neo4j_store.sweep_orphans():
            assert time.monotonic() < deadline, "the sweep left the killed load's content for 30 s"
        assert _whole_database(neo4j_store) == before
        neo4j_store.load(graph)
        assert _stored_document(neo4j_store, graph.document) == _expected_document(graph)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        neo4j_store.delete(graph.document)
        neo4j_store.sweep_orphans()
