"""Neo4j as the system of record: what is loaded reads back identical, loads are
idempotent and all-or-nothing per document, and deleting removes exactly one document."""

from __future__ import annotations

import time
from typing import Any

import pytest
from neo4j.exceptions import Neo4jError

from schema.model import Graph, Relationship
from tests.conftest import CORPUS, wipe

from .documents import JURISDICTION, rules_document

pytestmark = pytest.mark.neo4j

# Derived by the store at load time (cypher/load/versions.cypher), not part of the extracted graph.
_VERSION_PROPS = ("status", "publishedStatus", "current")


def _expected_counts(graphs: list[Graph]) -> tuple[dict[str, int], dict[str, int]]:
    """Distinct nodes per label and relationships per type of several graphs (they share Jurisdictions)."""
    labels: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    for g in graphs:
        for n in g.nodes:
            labels.setdefault(n.label, set()).add(n.key)
        for r in g.relationships:
            types.setdefault(r.type, set()).add(r.key)
    return {k: len(v) for k, v in labels.items()}, {k: len(v) for k, v in types.items()}


def _query(store, statement: str, **params: Any) -> list[dict]:  # type: ignore[no-untyped-def]
    records, _, _ = store._driver.execute_query(statement, params, database_=store.settings.database)
    return [r.data() for r in records]


def _stored_graph(store) -> tuple[dict[str, tuple[str, dict]], dict[str, tuple[str, str, str, dict]]]:  # type: ignore[no-untyped-def]
    nodes = {r["key"]: (r["label"], r["props"]) for r in _query(
        store, "MATCH (n) RETURN n.key AS key, labels(n) AS label, properties(n) AS props")}
    rels = {r["key"]: (r["type"], r["start"], r["end"], r["props"]) for r in _query(
        store, "MATCH (a)-[r]->(b) RETURN r.key AS key, type(r) AS type, a.key AS start, b.key AS end, "
               "properties(r) AS props")}
    return nodes, rels


def _without_nulls(props: dict) -> dict:
    return {k: v for k, v in props.items() if v is not None}  # Neo4j stores no null property


def _document_leftovers(store, document: str) -> int:  # type: ignore[no-untyped-def]
    rows = _query(store, "MATCH (n) WHERE n.doc = $doc OR n.key = $doc "
                         "OPTIONAL MATCH (n)-[r]-() RETURN count(DISTINCT n) AS nodes, count(DISTINCT r) AS rels",
                  doc=document)
    return rows[0]["nodes"] + rows[0]["rels"]


@pytest.fixture(scope="module")
def fresh_corpus(neo4j_store, corpus_graphs):  # type: ignore[no-untyped-def]
    """The test database emptied, then the corpus loaded once more, timed per document."""
    wipe(neo4j_store)
    seconds = []
    for graph in corpus_graphs:
        started = time.perf_counter()
        neo4j_store.load(graph)
        seconds.append(time.perf_counter() - started)
    print(f"\nloaded {len(corpus_graphs)} documents in {sum(seconds):.2f} s "
          f"(slowest {max(seconds):.2f} s, {sum(len(g.nodes) + len(g.relationships) for g in corpus_graphs)} "
          "nodes and relationships)")
    return neo4j_store


def test_round_trip_counts_equal_the_extracted_graphs(fresh_corpus, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    assert len(corpus_graphs) == len(list(CORPUS.glob("*.txt")))
    assert fresh_corpus.counts() == _expected_counts(corpus_graphs)


def test_round_trip_every_node_and_relationship_reads_back_identical(fresh_corpus, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    nodes, rels = _stored_graph(fresh_corpus)
    for graph in corpus_graphs:
        for node in graph.nodes:
            label, props = nodes[node.key]
            expected = _without_nulls(node.props)
            if node.label == "RuleDocument":
                assert props["publishedStatus"] == node.props["status"]
                props = {k: v for k, v in props.items() if k not in _VERSION_PROPS}
                expected = {k: v for k, v in expected.items() if k not in _VERSION_PROPS}
            assert (label, props) == ([node.label], expected), node.key
        for rel in graph.relationships:
            assert rels[rel.key] == (rel.type, rel.start, rel.end, _without_nulls(rel.props)), rel.key
    assert len(nodes) == sum(_expected_counts(corpus_graphs)[0].values())


def test_round_trip_evidence_spans_and_article_links(fresh_corpus, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    """Every stored fact's evidence is the exact span of the source file, inside the article it cites."""
    files = {p.name: p.read_bytes() for p in CORPUS.glob("*.txt")}
    rows = _query(fresh_corpus, """
        MATCH (x)-[r]->(y) WHERE r.evidence IS NOT NULL
        MATCH (d:RuleDocument {key: r.doc})-[:HAS_ARTICLE]->(a:Article {number: r.article})
        RETURN d.file AS file, d.encoding AS encoding, type(r) AS type, r.start AS start, r.end AS end,
               r.evidence AS evidence, a.start AS articleStart, a.end AS articleEnd""")
    with_evidence = sum(1 for g in corpus_graphs for r in g.relationships if r.props.get("evidence") is not None)
    assert len(rows) == with_evidence > 0
    texts = {name: data.decode(next(r["encoding"] for r in rows if r["file"] == name)) for name, data in files.items()
             if any(r["file"] == name for r in rows)}
    for row in rows:
        assert texts[row["file"]][row["start"] : row["end"]] == row["evidence"], row
        assert row["articleStart"] <= row["start"] < row["end"] <= row["articleEnd"], row
    print(f"\n{len(rows)} evidence spans of {len({r['type'] for r in rows})} relationship types checked")


def test_loading_twice_changes_no_count_and_no_key(fresh_corpus, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    before = _stored_graph(fresh_corpus)
    counts = fresh_corpus.counts()
    for graph in corpus_graphs:
        fresh_corpus.load(graph)
    assert fresh_corpus.counts() == counts
    assert _stored_graph(fresh_corpus) == before


def test_delete_removes_exactly_one_document(fresh_corpus, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    victim, others = corpus_graphs[-1], corpus_graphs[:-1]
    try:
        assert fresh_corpus.delete(victim.document) is True
        assert fresh_corpus.counts() == _expected_counts(others)
        assert _document_leftovers(fresh_corpus, victim.document) == 0
        assert victim.document not in {d.key for d in fresh_corpus.documents(None)}
        assert fresh_corpus.delete(victim.document) is False
    finally:
        fresh_corpus.load(victim)
    assert fresh_corpus.counts() == _expected_counts(corpus_graphs)


def _poisoned(graph: Graph) -> Graph:
    """The graph with a property value Neo4j cannot store (a map) on the relationship loaded last:
    every node batch and most relationship batches run before the server refuses it."""
    labels = {n.key: n.label for n in graph.nodes}
    last = max(graph.relationships, key=lambda r: (r.type, labels[r.start], labels[r.end]))
    bad = Relationship(last.type, last.start, last.end, last.key, {**last.props, "detail": {"not": "storable"}})
    return Graph(graph.document, list(graph.nodes), [r if r is not last else bad for r in graph.relationships])


def test_a_load_failing_halfway_leaves_nothing_of_the_document(fresh_corpus) -> None:  # type: ignore[no-untyped-def]
    before = _stored_graph(fresh_corpus)
    graph = rules_document(2030)
    with pytest.raises(Neo4jError, match=r"(?i)property"):
        fresh_corpus.load(_poisoned(graph))
    assert _document_leftovers(fresh_corpus, graph.document) == 0
    assert JURISDICTION not in {j.place.key for j in fresh_corpus.jurisdictions()}
    assert _stored_graph(fresh_corpus) == before


def test_a_failing_reload_keeps_the_previous_load(fresh_corpus) -> None:  # type: ignore[no-untyped-def]
    old, new = rules_document(2030), rules_document(2032, revised=True)
    fresh_corpus.load(old)
    try:
        before = _stored_graph(fresh_corpus)
        # A failing first load of a newer version, then a failing reload of the loaded one.
        for graph in (new, old):
            with pytest.raises(Neo4jError):
                fresh_corpus.load(_poisoned(graph))
            assert _stored_graph(fresh_corpus) == before
        assert [(d.key, d.status, d.current) for d in fresh_corpus.documents(JURISDICTION)] == [
            (old.document, "effective", True)]
    finally:
        fresh_corpus.delete(old.document)


def test_a_graph_that_would_write_outside_its_document_is_refused(fresh_corpus, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    graph = rules_document(2030)
    foreign = next(n for n in corpus_graphs[0].nodes if n.label == "Article")
    before = _stored_graph(fresh_corpus)
    with pytest.raises(ValueError, match="belongs to"):
        fresh_corpus.load(Graph(graph.document, [*graph.nodes, foreign], graph.relationships))
    dangling = Relationship("HAS_ITEM", f"{graph.document}:art:1", "no-such-item", "k", {})
    with pytest.raises(ValueError, match="not in the graph"):
        fresh_corpus.load(Graph(graph.document, graph.nodes, [*graph.relationships, dangling]))
    assert _stored_graph(fresh_corpus) == before


def test_concurrent_writes_to_one_jurisdiction_derive_versions_in_turn(fresh_corpus, caplog) -> None:  # type: ignore[no-untyped-def]
    """Two API processes: one deletes the current version while the other loads an older one.
    The jurisdiction's write lock runs them in turn: the right versions, and no deadlock to retry."""
    import threading

    older, old, new = rules_document(2029), rules_document(2030), rules_document(2032, revised=True)
    try:
        for _ in range(5):
            for graph in (old, new):
                fresh_corpus.load(graph)
            workers = [threading.Thread(target=fresh_corpus.delete, args=(new.document,)),
                       threading.Thread(target=fresh_corpus.load, args=(older,))]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            assert [(d.key, d.status, d.current, list(d.supersedes))
                    for d in fresh_corpus.documents(JURISDICTION)] == [
                (old.document, "effective", True, [older.document]), (older.document, "superseded", False, [])]
            fresh_corpus.delete(older.document)
        assert "DeadlockDetected" not in caplog.text
    finally:
        for doc in fresh_corpus.documents(JURISDICTION):
            fresh_corpus.delete(doc.key)
