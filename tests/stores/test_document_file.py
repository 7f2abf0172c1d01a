"""The embedded store's SQLite file: a row per document, each write its own transaction, only
what changes is written, and two stores on one file keep each other's documents."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stores.document_file import FORMAT_VERSION, DocumentFile, StoreFileError
from stores.memory import MemoryStore

from .documents import rules_document

OLD, NEW, DRAFT = rules_document(2030), rules_document(2032, revised=True), rules_document(2033, draft=True)


def _rows(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT seq, document FROM documents ORDER BY seq").fetchall()


def test_a_write_touches_only_its_own_row(tmp_path: Path) -> None:
    path = tmp_path / "graphs.db"
    store = MemoryStore.from_file(path)
    store.load(OLD)
    store.load(NEW)
    before = _rows(path)
    store.load(DRAFT)
    assert _rows(path)[:2] == before  # the other documents' rows are not rewritten
    store.load(OLD)  # a reload is the latest load: its row moves to the end
    assert [d for _, d in _rows(path)] == [NEW.document, DRAFT.document, OLD.document]
    assert store.delete(NEW.document)
    assert [d for _, d in _rows(path)] == [DRAFT.document, OLD.document]
    store.close()


def test_two_stores_on_one_file_keep_each_others_documents(tmp_path: Path) -> None:
    path = tmp_path / "graphs.db"
    first, second = MemoryStore.from_file(path), MemoryStore.from_file(path)
    first.load(OLD)
    second.load(NEW)  # `second` never saw OLD: a whole-file rewrite would have dropped it
    first.load(DRAFT)
    first.close()
    second.close()
    reopened = MemoryStore.from_file(path)
    assert {g.document for g in reopened.graphs()} == {OLD.document, NEW.document, DRAFT.document}
    reopened.close()


def test_a_refused_graph_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "graphs.db"
    store = MemoryStore.from_file(path)
    store.load(OLD)
    bad = type(NEW)(NEW.document, [n for n in NEW.nodes if n.label != "RuleDocument"], [])
    with pytest.raises(ValueError, match="no RuleDocument"):
        store.load(bad)
    assert [d for _, d in _rows(path)] == [OLD.document]
    store.close()


def test_a_file_of_a_newer_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "graphs.db"
    DocumentFile.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {FORMAT_VERSION + 1}")
    with pytest.raises(StoreFileError, match="newer govgraph"):
        DocumentFile.open(path)
