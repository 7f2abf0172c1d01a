"""Data stored before facts cited their article by key keeps answering: both stores upgrade it once.

An *old* graph is a freshly built graph with every article key taken out (``articleKey``,
``frequencyArticleKey``, ``quorumArticleKey``, ``principlesArticleKey``, a meeting's
``articleKeys``), as an earlier version stored it. Written into a real store file (SQLite) or a
real Neo4j database, bypassing the check that refuses it, it must answer as a fresh load does.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ingest.pipeline import ingest_path
from schema.model import Graph
from stores import neo4j_writes as writes
from stores.article_keys import CITATIONS, needs_article_keys, with_article_keys
from stores.document_file import DocumentFile
from stores.memory import MemoryStore
from stores.neo4j_store import Neo4jStore

TESTS = Path(__file__).resolve().parents[1]
DOCS = TESTS / "data" / "docs"
CORPUS = TESTS.parent / "corpus"
#: a county whose chapters restart at 第一条, a government's make-up, a seed of the corpus
OLD_DOCS = [DOCS / "restart_county.txt", DOCS / "government_county.txt", sorted(CORPUS.glob("*.txt"))[0]]
#: for Neo4j: documents no other test of the session keeps loaded
NEO4J_DOCS = [DOCS / "restart_county.txt", DOCS / "meetings_county.txt", DOCS / "government_county.txt"]
KEYS = {key for _, key, _ in CITATIONS} | {"articleKeys"}


def _strip(graph: Graph) -> Graph:
    """The graph as an earlier version stored it: printed numbers, no article keys."""

    def old(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in KEYS}

    return Graph(graph.document, [replace(n, props=old(n.props)) for n in graph.nodes],
                 [replace(r, props=old(r.props)) for r in graph.relationships])


def _fresh(paths: list[Path]) -> list[Graph]:
    return [ingest_path(p).graph for p in paths]


def _jurisdiction(graph: Graph) -> str:
    return next(r.start for r in graph.relationships if r.type == "HAS_RULES")


def _answers(store: Any, graphs: list[Graph]) -> dict[str, Any]:
    """Every per-document answer that reads a fact's article, by call."""
    out: dict[str, Any] = {}
    for g in graphs:
        doc, jur = g.document, _jurisdiction(g)
        ordinals = sorted(n.props["ordinal"] for n in g.nodes if n.label == "Article")
        out[f"signing_rules {doc}"] = store.signing_rules(doc)
        out[f"meetings {doc}"] = store.meetings(jur, None, doc)
        out[f"reporting_lines {doc}"] = store.reporting_lines(jur, None, None, doc)
        out[f"obligations {doc}"] = store.obligations(jur, None, None, None, doc, 0, 10_000)
        out[f"government {doc}"] = store.government(jur, doc)
        for ordinal in ordinals:
            out[f"article {doc} {ordinal}"] = store.article(doc, None, ordinal)
    return out


def _facts(answers: dict[str, Any]) -> int:
    """How many facts the answers hold (so that a test shows that stripping loses some)."""
    return sum(len(a.facts) for k, a in answers.items() if k.startswith("article") and a is not None)


def test_the_rule_gives_back_the_keys_ingest_set() -> None:
    for fresh in _fresh(OLD_DOCS):
        old = _strip(fresh)
        assert needs_article_keys(old) and not needs_article_keys(fresh)
        upgrade = with_article_keys(old)
        assert upgrade.unresolved == 0 and upgrade.keyed > 0
        assert upgrade.graph == fresh, fresh.document


def test_a_number_no_article_carries_stays_unkeyed_and_is_counted() -> None:
    old = _strip(_fresh(OLD_DOCS[:1])[0])
    rel = next(r for r in old.relationships if r.props.get("article") is not None)
    broken = replace(rel, props={**rel.props, "article": 9999})
    old = Graph(old.document, old.nodes, [broken if r is rel else r for r in old.relationships])
    upgrade = with_article_keys(old)
    assert upgrade.unresolved == 1
    assert next(r for r in upgrade.graph.relationships if r.key == rel.key).props["articleKey"] is None


def test_an_old_store_file_answers_as_a_fresh_load_and_is_upgraded_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    graphs = _fresh(OLD_DOCS)
    fresh = MemoryStore()
    for g in graphs:
        fresh.load(g)
    expected = _answers(fresh, graphs)
    path = tmp_path / "graphs.db"
    file = DocumentFile.open(path)
    for g in graphs:
        file.put(_strip(g))  # as an earlier version wrote the file
    file.close()

    with caplog.at_level(logging.INFO, logger="stores.article_keys"):
        store = MemoryStore.from_file(path)
    assert _answers(store, graphs) == expected
    assert _facts(expected) > 0
    assert store.graphs() == fresh.graphs()
    store.close()
    assert [r.getMessage() for r in caplog.records if "upgraded 3 document(s)" in r.getMessage()]

    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT seq, document, graph FROM documents ORDER BY seq").fetchall()
    assert [d for _, d, _ in rows] == [g.document for g in graphs]  # the load order kept
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="stores.article_keys"):
        again = MemoryStore.from_file(path)  # the second open reads the upgraded rows: nothing to do
    assert _answers(again, graphs) == expected
    again.close()
    assert not caplog.records
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT seq, document, graph FROM documents ORDER BY seq").fetchall() == rows


def test_an_old_file_with_a_citation_no_article_names_says_so_in_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    old = _strip(_fresh(OLD_DOCS[:1])[0])
    rel = next(r for r in old.relationships if r.type == "STATED_IN")
    broken = replace(rel, props={**rel.props, "article": 9999})
    path = tmp_path / "graphs.db"
    file = DocumentFile.open(path)
    file.put(Graph(old.document, old.nodes, [broken if r is rel else r for r in old.relationships]))
    file.close()
    with caplog.at_level(logging.WARNING, logger="stores.article_keys"):
        MemoryStore.from_file(path).close()
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "1 document(s)" in caplog.records[0].getMessage() and ", 1 not:" in caplog.records[0].getMessage()


def test_without_the_upgrade_the_old_file_would_lose_facts(tmp_path: Path) -> None:
    """Why the upgrade exists: the stripped graph taken as it is answers with fewer facts."""
    graphs = _fresh(OLD_DOCS[:1])
    fresh, raw = MemoryStore(), MemoryStore()
    fresh.load(graphs[0])
    raw._take(_strip(graphs[0]))
    assert _facts(_answers(raw, graphs)) < _facts(_answers(fresh, graphs))


def _write_old(store: Neo4jStore, graph: Graph) -> None:
    """Write a graph as an earlier version did: the load's own statements, without the check
    that now refuses a fact without its article key."""
    plan = writes.WritePlan(graph.deduplicated())

    def work(tx: Any) -> None:
        touched = plan.lock_jurisdictions(tx)
        writes.claim(tx, graph.document)
        writes.run_all(tx, plan.writes(plan.nodes, plan.relationships))
        for jur in touched:
            writes.rederive(tx, jur)

    store._write(work)


@pytest.mark.neo4j
def test_an_old_neo4j_database_answers_as_a_fresh_load_and_is_upgraded_once(neo4j_store: Neo4jStore) -> None:
    graphs = _fresh(NEO4J_DOCS)
    for g in graphs:
        neo4j_store.load(g)
    expected = _answers(neo4j_store, graphs)
    fresh_graphs = [g for g in neo4j_store.graphs() if g.document in {x.document for x in graphs}]
    try:
        for g in graphs:
            neo4j_store.delete(g.document)
            _write_old(neo4j_store, _strip(g))
        assert _facts(_answers(neo4j_store, graphs)) < _facts(expected)  # what the upgrade saves

        reopened = Neo4jStore(neo4j_store.settings)  # prepares the schema: upgrades the old documents
        try:
            assert _answers(reopened, graphs) == expected
            assert [g for g in reopened.graphs() if g.document in {x.document for x in graphs}] == fresh_graphs
            assert reopened.upgrade_article_keys() == []  # the probe finds nothing old the second time
        finally:
            reopened.close()
    finally:
        for g in graphs:
            neo4j_store.delete(g.document)
