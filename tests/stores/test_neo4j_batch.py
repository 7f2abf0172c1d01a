"""Loading many documents several per transaction (stores/neo4j_batch.py): the same graph as one
document per transaction, and still all-or-nothing per document."""

from __future__ import annotations

import pytest

from stores import neo4j_writes as writes
from tests.conftest import wipe

from .documents import JURISDICTION, rules_document
from .test_neo4j_load import _document_leftovers, _expected_counts, _poisoned, _stored_graph

pytestmark = pytest.mark.neo4j


def test_several_documents_per_transaction_store_what_one_by_one_stores(neo4j_store, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    wipe(neo4j_store)
    for graph in corpus_graphs:
        neo4j_store.load(graph)
    one_by_one = _stored_graph(neo4j_store)
    wipe(neo4j_store)
    assert neo4j_store.load_many(corpus_graphs) == {}
    assert _stored_graph(neo4j_store) == one_by_one
    assert neo4j_store.counts() == _expected_counts(corpus_graphs)
    assert neo4j_store.load_many(corpus_graphs) == {}  # again: a reload changes nothing
    assert _stored_graph(neo4j_store) == one_by_one


def test_versions_loaded_in_one_transaction_are_derived(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    wipe(neo4j_store)
    old, new = rules_document(2030), rules_document(2032, revised=True)
    assert neo4j_store.load_many([old, new]) == {}
    assert [(d.key, d.status, d.current) for d in neo4j_store.documents(JURISDICTION)] == [
        (new.document, "effective", True), (old.document, "superseded", False)]


def test_a_failing_document_leaves_the_others_of_its_batch_loaded_and_nothing_of_itself(  # type: ignore[no-untyped-def]
    neo4j_store, corpus_graphs, monkeypatch
) -> None:
    wipe(neo4j_store)
    bad = _poisoned(rules_document(2030))
    batch = [*corpus_graphs[:2], bad, *corpus_graphs[2:]]
    monkeypatch.setattr(writes, "TRANSACTION_ROWS", 10 ** 6)  # all six in one shared transaction
    failed = neo4j_store.load_many(batch)
    assert list(failed) == [bad.document] and "property" in str(failed[bad.document]).lower()
    assert _document_leftovers(neo4j_store, bad.document) == 0
    assert JURISDICTION not in {j.place.key for j in neo4j_store.jurisdictions()}
    assert neo4j_store.counts() == _expected_counts(corpus_graphs)


def test_documents_are_grouped_up_to_the_row_budget(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from stores.neo4j_batch import _groups

    graphs = [rules_document(2030), rules_document(2032, revised=True), rules_document(2030)]
    sizes = [len(g.nodes) + len(g.relationships) for g in graphs]
    monkeypatch.setattr(writes, "TRANSACTION_ROWS", sizes[0] + sizes[1])
    groups = [[g.document for g in group] for group in _groups(graphs)]
    # the same document twice is never in one transaction (the later load must win)
    assert groups == [[graphs[0].document, graphs[1].document], [graphs[2].document]]
    monkeypatch.setattr(writes, "TRANSACTION_ROWS", sizes[0] + sizes[1] - 1)
    assert [len(group) for group in _groups(graphs[:2])] == [1, 1]
