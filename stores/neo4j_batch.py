"""Loading many documents into Neo4j: several per transaction, up to a row budget.

``Neo4jStore.load`` pays a dozen statements of fixed cost per document (locks, claim, one
``UNWIND`` per label and per relationship shape, the version re-derivation); for the small
documents of a first load that overhead dominates. Here consecutive documents share one
transaction until it holds ``writes.TRANSACTION_ROWS`` rows: their rows are merged into one
``UNWIND`` per label and shape, their jurisdictions are locked once (in one order, as ``load``
does, so concurrent writers cannot deadlock on them) and re-derived once.

Still all-or-nothing per document: when a shared transaction fails, it is rolled back whole
and each of its documents is loaded again on its own with ``Neo4jStore.load``, so the others
are stored and the failing one leaves nothing (its error is returned, not raised). A document
whose content must be swept first, or one too large for a shared transaction, takes
``Neo4jStore.load`` (and its staged path) directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, suppress
from typing import Any

import neo4j

import cypher
from schema.model import Graph

from . import neo4j_writes as writes
from .base import StoreUnavailable, check_graph
from .neo4j_connection import UNAVAILABLE

#: ``Neo4jStore.load``: one document in its own transaction(s)
Load = Callable[[Graph], None]
#: a session on the store's prepared database
Session = Callable[[], AbstractContextManager[neo4j.Session]]


def load_documents(graphs: Iterable[Graph], *, load: Load, session: Session) -> dict[str, Exception]:
    """Load every graph (each all-or-nothing); returns the documents that failed, with why.
    Raises only when Neo4j itself is unavailable (nothing more can be loaded then)."""
    failed: dict[str, Exception] = {}
    for group in _groups(graphs):
        try:
            if len(group) == 1:
                load(group[0])
            else:
                _load_together(session, group)
        except Exception as exc:
            if _unavailable(exc):
                raise
            if len(group) == 1:
                failed[group[0].document] = exc
                continue
            for graph in group:  # one of them failed: each on its own, so only that one is refused
                try:
                    load(graph)
                except Exception as single:
                    if _unavailable(single):
                        raise
                    failed[graph.document] = single
    return failed


def _groups(graphs: Iterable[Graph]) -> Iterator[list[Graph]]:
    """Consecutive documents up to TRANSACTION_ROWS rows; a document is never split, and the
    same document never twice in a group (the later load must win)."""
    group: list[Graph] = []
    rows = 0
    for graph in graphs:
        size = len(graph.nodes) + len(graph.relationships)
        if group and (rows + size > writes.TRANSACTION_ROWS or any(g.document == graph.document for g in group)):
            yield group
            group, rows = [], 0
        group.append(graph)
        rows += size
    if group:
        yield group


def _load_together(session: Session, graphs: list[Graph]) -> None:
    """One transaction for several documents (see the module's doc). Its fixed statements are
    sent once for all of them (where they are stored, the locks, the claims, the content
    check, the orphans), not once per document."""
    for graph in graphs:
        check_graph(graph)
    plans = [writes.WritePlan(graph.deduplicated()) for graph in graphs]  # in load order: the last one's shared nodes win
    documents = sorted(plan.graph.document for plan in plans)  # claims in one order, too
    with session() as opened:
        tx = opened.begin_transaction()
        try:
            touched = _lock_jurisdictions(tx, plans)
            claimed = tx.run(cypher.statement("load/claim_documents"), docs=documents)
            published = {record["doc"] for record in claimed if record["published"]}
            first = [doc for doc in documents if doc not in published]
            with_content = tx.run(cypher.statement("load/documents_with_content"), docs=first).value()
            if with_content:
                raise _NeedsSweep(with_content[0])  # load() sweeps it; this batch goes one by one
            node_writes: writes.Writes = []
            relationship_writes: writes.Writes = []
            for plan in plans:
                if plan.graph.document in published:
                    nodes, relationships = _split(plan, plan.changes(tx))
                else:
                    nodes, relationships = plan.split_writes(plan.nodes, plan.relationships, new=True)
                node_writes += nodes
                relationship_writes += relationships
            # every node before any relationship: a relationship may join nodes of two documents' batches
            writes.run_all(tx, _merged(node_writes) + _merged(relationship_writes))
            writes.rederive_all(tx, touched)
            tx.commit()
        except BaseException:
            with suppress(Exception):
                tx.close()
            raise


def _split(plan: writes.WritePlan, changed: writes.Writes) -> tuple[writes.Writes, writes.Writes]:
    """A reload's writes (``WritePlan.changes``) as (node batches, relationship batches)."""
    node_statements = set(plan.node_statements.values())
    return ([(s, rows) for s, rows in changed if s in node_statements],
            [(s, rows) for s, rows in changed if s not in node_statements])


def _lock_jurisdictions(tx: writes.Tx, plans: list[writes.WritePlan]) -> list[str]:
    """``WritePlan.lock_jurisdictions`` for several documents, in one statement: every
    jurisdiction they write (upserted) or are stored under (locked), in one (sorted) order;
    returns them."""
    mine: dict[str, dict[str, Any]] = {}
    for plan in plans:
        for node in plan.graph.nodes:
            if node.label == "Jurisdiction":
                mine[node.key] = node.props  # the last load's properties win, as one load after another
    stored = tx.run(cypher.statement("load/documents_jurisdiction"), docs=[p.graph.document for p in plans])
    touched = sorted(mine.keys() | {record["jurisdiction"] for record in stored})
    tx.run(cypher.statement("load/lock_jurisdictions"),
           rows=[{"key": jur, "props": mine.get(jur)} for jur in touched]).consume()
    return touched


def _merged(batches: writes.Writes) -> writes.Writes:
    """The batches of one statement joined (first-seen order), re-cut to writes.BATCH rows."""
    by_statement: dict[str, list[dict[str, Any]]] = {}
    for statement, rows in batches:
        by_statement.setdefault(statement, []).extend(rows)
    return [(statement, rows[i : i + writes.BATCH])
            for statement, rows in by_statement.items() for i in range(0, len(rows), writes.BATCH)]


class _NeedsSweep(RuntimeError):
    """A document of the batch has content left by an interrupted load: it is loaded on its own."""


def _unavailable(exc: BaseException) -> bool:
    return isinstance(exc, (StoreUnavailable, *UNAVAILABLE))

