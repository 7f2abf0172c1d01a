"""Writing one document's graph to Neo4j: the statements, their grouping into transactions of
bounded size, the document's claim, and the deletes (see ``Neo4jStore.load`` and ``delete``).

Module-level limits are read at call time, so a test may lower them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import neo4j
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

import cypher
from schema.model import NODE_LABELS, SHARED_LABELS, Graph, Node, Relationship

#: Rows of one ``UNWIND $rows`` statement.
BATCH = 2000
#: Most nodes + relationships one write transaction of a load holds. On the default heap (1 GB,
#: so 717 MB for all transactions together) one transaction cannot hold a 10 MB document
#: (191,000 rows), nor even delete it; a transaction of 20,000 rows peaks near 180 MB.
TRANSACTION_ROWS = 20_000
#: Content nodes (each with its relationships) one transaction of a delete or sweep removes.
DELETE_NODES = 5_000
#: A document's top: written by the transaction that publishes it; every read starts there.
TOP_LABELS = frozenset({"Jurisdiction", "RuleDocument"})

Tx = neo4j.Transaction | neo4j.ManagedTransaction


def jurisdiction_of(tx: Tx, document: str) -> str | None:
    record = tx.run(cypher.statement("load/document_jurisdiction"), doc=document).single()
    return record["jurisdiction"] if record else None


def rederive(tx: Tx, jurisdiction: str) -> None:
    """After a load or delete: versions of the jurisdiction again, and drop it if it has no document left."""
    rederive_all(tx, [jurisdiction])


def rederive_all(tx: Tx, jurisdictions: Iterable[str]) -> None:
    """``rederive`` for every jurisdiction a transaction touched, one statement each for all of
    them: their versions, their orphans, and the orphan instruments (which belong to no one
    jurisdiction)."""
    touched = list(jurisdictions)
    if not touched:
        return
    tx.run(cypher.statement("load/versions"), jurisdictions=touched).consume()
    tx.run(cypher.statement("load/drop_orphan_jurisdiction"), jurisdictions=touched).consume()
    tx.run(cypher.statement("load/drop_orphan_instruments")).consume()


Writes = list[tuple[str, list[dict[str, Any]]]]


class WritePlan:
    """The statements that write one graph (built, and allow-list checked, before any
    transaction opens) and its parts: the *top* (its Jurisdiction, RuleDocument and their
    relationships), written by the publish transaction, and the *content* (all the rest)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.labels = {n.key: n.label for n in graph.nodes}
        self.node_statements = {label: cypher.node_load(label) for label in set(self.labels.values())}
        self.relationship_statements = {
            shape: cypher.relationship_load(*shape) for shape in {self.shape(r) for r in graph.relationships}}
        self.nodes = [n for n in graph.nodes if n.label != "Jurisdiction"]  # locked (upserted) first
        self.relationships = graph.relationships
        self.top_nodes = [n for n in self.nodes if n.label in TOP_LABELS]
        self.content_nodes = [n for n in self.nodes if n.label not in TOP_LABELS]
        self.top_relationships = [r for r in graph.relationships if self._is_top(r)]
        self.content_relationships = [r for r in graph.relationships if not self._is_top(r)]

    def shape(self, rel: Relationship) -> tuple[str, str, str]:
        return rel.type, self.labels[rel.start], self.labels[rel.end]

    def _is_top(self, rel: Relationship) -> bool:
        return self.labels[rel.start] in TOP_LABELS or self.labels[rel.end] in TOP_LABELS

    def writes(self, nodes: list[Node], relationships: list[Relationship], *, new: bool = False) -> Writes:
        """UNWIND batches: the nodes per label (in model order), then the relationships per shape."""
        node_writes, relationship_writes = self.split_writes(nodes, relationships, new=new)
        return node_writes + relationship_writes

    def split_writes(self, nodes: list[Node], relationships: list[Relationship], *,
                     new: bool = False) -> tuple[Writes, Writes]:
        """``writes`` as (node batches, relationship batches).

        ``new``: a first load, in the transaction that claimed the document (or, staged, while
        that transaction holds the claim) after checking that none of its content is stored.
        Then the document's own nodes cannot exist yet and are created without a MERGE lookup,
        and so are the relationships that touch one of them (the claim created the RuleDocument,
        so only the shared Jurisdiction and Instrument nodes are merged, as is any relationship
        between two of them). Reloads merge and set, as before.
        """
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node in nodes:
            by_label[node.label].append(node.props)
        by_shape: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        created: dict[tuple[str, str, str], bool] = {}
        for rel in relationships:
            shape = self.shape(rel)
            create = created.get(shape)
            if create is None:
                create = created[shape] = new and not (shape[1] in SHARED_LABELS and shape[2] in SHARED_LABELS)
            # a created relationship's key is in its props; a merged one is matched on it
            by_shape[shape].append({"start": rel.start, "end": rel.end, "props": rel.props} if create else
                                   {"start": rel.start, "end": rel.end, "key": rel.key, "props": rel.props})
        node_writes = [(self._node_statement(label, new), rows[i : i + BATCH])
                       for label in NODE_LABELS if (rows := by_label.get(label)) for i in range(0, len(rows), BATCH)]
        relationship_writes = [
            (cypher.relationship_create(*shape) if created[shape] else self.relationship_statements[shape],
             rows[i : i + BATCH])
            for shape, rows in sorted(by_shape.items()) for i in range(0, len(rows), BATCH)]
        return node_writes, relationship_writes

    def _node_statement(self, label: str, new: bool) -> str:
        # the RuleDocument exists once claimed; shared nodes may be another document's
        if new and label not in SHARED_LABELS and label != "RuleDocument":
            return cypher.node_create(label)
        return self.node_statements[label]

    def lock_jurisdictions(self, tx: Tx) -> list[str]:
        """Write-lock every jurisdiction the load touches (the graph's, upserted, and the one the
        document is stored under), in one order; returns them."""
        mine = {n.key: n.props for n in self.graph.nodes if n.label == "Jurisdiction"}
        before = jurisdiction_of(tx, self.graph.document)
        touched = sorted(mine.keys() | ({before} if before else set()))
        for jur in touched:
            if jur in mine:
                tx.run(self.node_statements["Jurisdiction"], rows=[mine[jur]]).consume()
            else:
                tx.run(cypher.statement("load/lock_jurisdiction"), jurisdiction=jur).consume()
        return touched

    def changes(self, tx: Tx) -> Writes:
        """Delete what the stored document has and the graph does not; return the writes of the
        nodes and relationships that are new or differ (the RuleDocument always: its stored
        status is derived)."""
        nodes = {n.key: n for n in self.nodes}
        rels = {r.key: r for r in self.relationships}
        stale_nodes: list[str] = []
        stale_keys: set[str] = set()
        same_nodes: set[str] = set()
        for record in tx.run(cypher.statement("load/document_nodes"), doc=self.graph.document):
            key, props = record["props"].get("key"), record["props"]
            node = nodes.get(key)
            if node is None or node.label != record["label"]:
                stale_nodes.append(record["id"])
                stale_keys.add(key)
            elif node.label != "RuleDocument" and _same(props, node.props):
                same_nodes.add(key)
        stale_rels: list[str] = []
        same_rels: set[str] = set()
        for record in tx.run(cypher.statement("load/document_relationships"), doc=self.graph.document):
            rel = rels.get(record["props"].get("key"))
            if rel is None or (rel.type, rel.start, rel.end) != (record["type"], record["start"], record["end"]):
                stale_rels.append(record["id"])
            elif rel.start not in stale_keys and rel.end not in stale_keys and _same(record["props"], rel.props):
                same_rels.add(rel.key)
        tx.run(cypher.statement("load/delete_relationships"), ids=stale_rels).consume()
        tx.run(cypher.statement("load/delete_nodes"), ids=stale_nodes).consume()
        return self.writes([n for n in self.nodes if n.key not in same_nodes],
                           [r for r in self.relationships if r.key not in same_rels])


def _same(stored: Any, new: Any) -> bool:
    """Equal as Neo4j stores the new value: no null properties, lists for tuples, and a bool is not 1."""
    if isinstance(new, dict):
        new = {k: v for k, v in new.items() if v is not None}
        return isinstance(stored, dict) and stored.keys() == new.keys() and all(_same(stored[k], new[k]) for k in new)
    if isinstance(new, (list, tuple)):
        return isinstance(stored, list) and len(stored) == len(new) and all(map(_same, stored, new))
    return type(stored) is type(new) and stored == new


def transactions(writes: Writes) -> Iterator[Writes]:
    """Consecutive batches grouped into transactions of at most TRANSACTION_ROWS rows."""
    group: Writes = []
    rows = 0
    for stmt, batch in writes:
        if group and rows + len(batch) > TRANSACTION_ROWS:
            yield group
            group, rows = [], 0
        group.append((stmt, batch))
        rows += len(batch)
    if group:
        yield group


def run_all(tx: Tx, writes: Writes) -> None:
    for stmt, rows in writes:
        tx.run(stmt, rows=rows).consume()


@contextmanager
def uncommitted(session: neo4j.Session, timeout: float | None = None) -> Iterator[neo4j.Transaction]:
    """A transaction that is always rolled back (the driver's own context manager commits):
    it only holds a claim while it is open."""
    tx = session.begin_transaction(timeout=timeout)
    try:
        yield tx
    finally:
        with suppress(Neo4jError, DriverError, ServiceUnavailable, SessionExpired, ConnectionError, TimeoutError):
            tx.close()


def claim(tx: Tx, document: str) -> bool:
    """Claim the document for this transaction (cypher/load/claim_document); True if it is stored."""
    return bool(tx.run(cypher.statement("load/claim_document"), doc=document).single(strict=True)["published"])


def delete_content_batch(tx: Tx, document: str) -> int:
    return int(tx.run(cypher.statement("load/delete_content"), doc=document, limit=DELETE_NODES).single(strict=True)[0])


def delete_content(session: neo4j.Session, document: str) -> None:
    """All content nodes of a document, DELETE_NODES per transaction; the caller holds its claim."""
    while session.execute_write(delete_content_batch, document) == DELETE_NODES:
        pass
