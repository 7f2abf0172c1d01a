"""The embedded store's own duties: it persists and restores every version, refuses a bad
graph without changing what it holds, and refuses the pages Cypher would misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.model import Graph, Relationship
from stores.memory import MemoryStore

from .documents import JURISDICTION, rules_document

OLD, NEW, DRAFT = rules_document(2030), rules_document(2032, revised=True), rules_document(2033, draft=True)


def _answers(store: MemoryStore) -> tuple:
    return (store.counts(), store.jurisdictions(), store.documents(None),
            store.obligations(JURISDICTION, None, None, None, None, 0, 50),
            store.meetings(JURISDICTION, None, OLD.document), store.search("区长", None, 0, 20))


def test_a_store_file_restores_every_version(tmp_path: Path) -> None:
    path = tmp_path / "graphs.db"
    store = MemoryStore.from_file(path)
    for graph in (NEW, DRAFT, OLD):
        store.load(graph)
    store.close()
    restored = MemoryStore.from_file(path)
    assert _answers(restored) == _answers(store)
    assert {g.document for g in restored.graphs()} == {OLD.document, NEW.document, DRAFT.document}
    restored.close()


def test_a_refused_graph_changes_nothing() -> None:
    store = MemoryStore()
    store.load(OLD)
    before = _answers(store)
    dangling = Relationship("HAS_ITEM", f"{NEW.document}:art:1", "no-such-item", "k", {})
    with pytest.raises(ValueError, match="not in the graph"):
        store.load(Graph(NEW.document, NEW.nodes, [*NEW.relationships, dangling]))
    assert _answers(store) == before


@pytest.mark.parametrize("skip, limit", [(-1, 10), (0, -5)])
def test_negative_pages_are_refused(skip: int, limit: int) -> None:
    store = MemoryStore()
    store.load(OLD)
    with pytest.raises(ValueError, match="skip and limit"):
        store.obligations(JURISDICTION, None, None, None, None, skip, limit)
    with pytest.raises(ValueError, match="skip and limit"):
        store.search("区长", None, skip, limit)


def test_the_places_read_once_per_version_follow_every_write() -> None:
    """jurisdictions() is kept per store version: a load or a delete is seen by the next read."""
    store = MemoryStore()
    store.load(OLD)
    first = store.jurisdictions()
    assert [d.key for d in first[0].documents] == [OLD.document]
    assert store.jurisdictions() == first and store.jurisdictions() is not first  # a copy of the kept list
    store.load(NEW)
    assert [d.key for d in store.jurisdictions()[0].documents] == [NEW.document, OLD.document]
    store.delete(NEW.document)
    assert store.jurisdictions() == first
    store.delete(OLD.document)
    assert store.jurisdictions() == []


def test_rows_kept_per_version_follow_every_write() -> None:
    """An article's row is built once per store version and shared by every answer that cites
    it; a load makes the next read build them again (the cited document's status moves on)."""
    store = MemoryStore()
    store.load(OLD)
    before = store.meetings(JURISDICTION, None, OLD.document)
    again = store.meetings(JURISDICTION, None, OLD.document)
    assert again == before and before[0].articles
    assert all(a is b for a, b in zip(again[0].articles, before[0].articles, strict=True))
    store.load(NEW)
    after = store.meetings(JURISDICTION, None, OLD.document)
    fresh = MemoryStore()
    fresh.load(OLD)
    fresh.load(NEW)
    assert after == fresh.meetings(JURISDICTION, None, OLD.document)
    assert after != before  # the old document is no longer the current one
    store.delete(NEW.document)
    assert store.meetings(JURISDICTION, None, OLD.document) == before
