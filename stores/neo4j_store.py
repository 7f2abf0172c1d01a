"""The Neo4j store: the system of record, through the official ``neo4j`` driver.

Writes: one transaction per document (delete its old nodes, then ``UNWIND $rows``
batches per label and per relationship type), so a failure leaves nothing behind.
Reads: one named query per question, run as a read transaction (so a cluster can
route it to a follower), one round trip each.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

import cypher
from schema.model import NODE_LABELS, Graph

from .base import Row, StoreUnavailable

BATCH = 2000
_UNAVAILABLE = (ServiceUnavailable, SessionExpired, OSError)


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: str = "govgraph-dev"
    database: str = "neo4j"

    @classmethod
    def from_env(cls, uri: str | None = None) -> Neo4jSettings:
        default = cls()
        return cls(
            uri=uri or os.environ.get("NEO4J_URI", default.uri),
            user=os.environ.get("NEO4J_USER", default.user),
            password=os.environ.get("NEO4J_PASSWORD", default.password),
            database=os.environ.get("NEO4J_DATABASE", default.database),
        )


class Neo4jStore:
    name = "neo4j"

    def __init__(self, settings: Neo4jSettings, *, connect_attempts: int = 5, backoff: float = 0.5) -> None:
        self.settings = settings
        try:
            self._driver = GraphDatabase.driver(
                settings.uri,
                auth=(settings.user, settings.password),
                connection_timeout=5.0,
                connection_acquisition_timeout=10.0,
                max_transaction_retry_time=5.0,
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise StoreUnavailable(f"bad Neo4j URI {settings.uri!r}: {exc}") from exc
        self._connect(connect_attempts, backoff)
        self.apply_schema()

    # -- connection -----------------------------------------------------------------------
    def _connect(self, attempts: int, backoff: float) -> None:
        """Bounded retry with exponential backoff; a clear one-line error at the end."""
        delay = backoff
        for attempt in range(1, attempts + 1):
            try:
                self._driver.verify_connectivity()
                return
            except AuthError as exc:
                self._driver.close()
                raise StoreUnavailable(
                    f"Neo4j at {self.settings.uri} refused the credentials of user {self.settings.user!r} "
                    "(check NEO4J_USER / NEO4J_PASSWORD)"
                ) from exc
            except _UNAVAILABLE as exc:
                if attempt == attempts:
                    self._driver.close()
                    raise StoreUnavailable(
                        f"Neo4j is not reachable at {self.settings.uri} after {attempts} attempts "
                        f"({type(exc).__name__}); start it with `neo4j/neo4jctl start`"
                    ) from exc
                time.sleep(delay)
                delay *= 2

    def ready(self) -> bool:
        try:
            self._driver.verify_connectivity()
            return True
        except (*_UNAVAILABLE, Neo4jError):
            return False

    def close(self) -> None:
        self._driver.close()

    def apply_schema(self) -> None:
        for stmt in cypher.statements("schema"):
            self._write(lambda tx, s=stmt: tx.run(s).consume())

    # -- writes ---------------------------------------------------------------------------
    def _write(self, work: Any) -> Any:
        try:
            with self._driver.session(database=self.settings.database) as session:
                return session.execute_write(work)
        except _UNAVAILABLE as exc:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri} is unavailable: {exc}") from exc

    def load(self, graph: Graph) -> None:
        labels = {n.key: n.label for n in graph.nodes}
        nodes_by_label: dict[str, list[dict]] = defaultdict(list)
        for node in graph.nodes:
            nodes_by_label[node.label].append(node.props)
        rels_by_shape: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for rel in graph.relationships:
            shape = (rel.type, labels[rel.start], labels[rel.end])
            rels_by_shape[shape].append({"start": rel.start, "end": rel.end, "key": rel.key, "props": rel.props})
        jurisdictions = [n.key for n in graph.nodes if n.label == "Jurisdiction"]

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(cypher.statement("load/delete_document"), doc=graph.document).consume()
            for label in NODE_LABELS:
                rows = nodes_by_label.get(label, [])
                for i in range(0, len(rows), BATCH):
                    tx.run(cypher.node_load(label), rows=rows[i : i + BATCH]).consume()
            for (type_, start, end), rows in sorted(rels_by_shape.items()):
                stmt = cypher.relationship_load(type_, start, end)
                for i in range(0, len(rows), BATCH):
                    tx.run(stmt, rows=rows[i : i + BATCH]).consume()
            for jur in jurisdictions:
                tx.run(cypher.statement("load/mark_current"), jurisdiction=jur).consume()

        self._write(work)

    def delete(self, document: str) -> bool:
        def work(tx: neo4j.ManagedTransaction) -> bool:
            found = tx.run("MATCH (d:RuleDocument {key: $doc}) RETURN d.jurisdiction AS j", doc=document).single()
            if found is None:
                return False
            tx.run(cypher.statement("load/delete_document"), doc=document).consume()
            tx.run(cypher.statement("load/mark_current"), jurisdiction=f"jur:{found['j']}").consume()
            return True

        return bool(self._write(work))

    # -- reads ----------------------------------------------------------------------------
    def _read(self, name: str, **params: Any) -> list[Any]:
        try:
            records, _, _ = self._driver.execute_query(
                cypher.statement(f"queries/{name}"),
                params,
                routing_=RoutingControl.READ,
                database_=self.settings.database,
            )
        except _UNAVAILABLE as exc:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri} is unavailable: {exc}") from exc
        return [record[0] for record in records]

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        return tuple(
            {r["name"]: r["count"] for r in self._read(name)} for name in ("count_nodes", "count_relationships")
        )  # type: ignore[return-value]

    def jurisdictions(self) -> list[Row]:
        return self._read("jurisdictions")

    def signatories(
        self, jurisdiction: str, issuer: str, genre: str | None, recipient: str | None, document: str | None
    ) -> list[Row]:
        return self._read(
            "signatories", jurisdiction=jurisdiction, issuer=issuer, genre=genre, recipient=recipient, document=document
        )
