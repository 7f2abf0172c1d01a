"""The Neo4j store: the system of record, through the official ``neo4j`` driver.

Writes: one transaction per document (delete its old nodes, then ``UNWIND $rows``
batches per label and per relationship type, then re-derive its jurisdiction's
versions), so a failure leaves nothing of it behind and the previous state intact.
Reads: one named query per question (``cypher/queries/<name>.cypher``), run as a read
transaction (so a cluster or Aura routes it to a reader), one round trip each.
URIs: ``bolt://`` (one server), ``neo4j://`` (routing: a cluster or one server) and their
``+s`` / ``+ssc`` TLS forms (Aura is ``neo4j+s://``).
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import GraphDatabase, NotificationMinimumSeverity, RoutingControl
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

import cypher
from schema.model import NODE_LABELS, Graph

from .base import Row, StoreUnavailable, check_graph, check_page

BATCH = 2000
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# Socket-level failures only: a missing .cypher file (FileNotFoundError) is a bug, not an outage.
_UNAVAILABLE = (ServiceUnavailable, SessionExpired, ConnectionError, TimeoutError)


def one_line(exc: BaseException) -> str:
    """A driver message on one line (some span several, with the server's details)."""
    return " ".join(str(exc).split()) or type(exc).__name__


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

    @property
    def scheme(self) -> str:
        return self.uri.split("://", 1)[0].lower() if "://" in self.uri else ""


def make_driver(settings: Neo4jSettings) -> neo4j.Driver:
    """A driver for the URI; it connects lazily, so this checks the URI and options only."""
    if settings.scheme not in SCHEMES:
        raise StoreUnavailable(
            f"bad Neo4j URI {settings.uri!r}: the scheme must be one of {', '.join(s + '://' for s in SCHEMES)}"
        )
    try:
        return GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            connection_timeout=5.0,
            connection_acquisition_timeout=10.0,
            # A request to a dead server must fail fast (the API answers, /readyz says why).
            max_transaction_retry_time=1.0,
            # The named queries read properties that a corpus may not have yet (no document
            # has obligations): the server's "property key does not exist" notes are noise here.
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        raise StoreUnavailable(f"bad Neo4j URI {settings.uri!r}: {one_line(exc)}") from exc


class Neo4jStore:
    name = "neo4j"

    def __init__(
        self, settings: Neo4jSettings, *, connect_attempts: int = 5, backoff: float = 0.5, lazy: bool = False
    ) -> None:
        """Connect (bounded retries) and apply the schema.

        ``lazy``: when the server stays unreachable through the retries, start anyway (an API
        process must come up and report not-ready rather than exit); the connection and the
        schema are then tried again, once per call, until they succeed. Wrong credentials or a
        missing database still raise at once: waiting will not mend them.
        """
        self.settings = settings
        self._driver = make_driver(settings)
        self._prepared = False
        self._preparing = threading.Lock()
        try:
            self._connect(connect_attempts, backoff)
            self._prepare()
        except StoreUnavailable as exc:
            if lazy and isinstance(exc.__cause__, _UNAVAILABLE):
                return
            self._driver.close()
            raise

    # -- connection -----------------------------------------------------------------------
    def _connect(self, attempts: int, backoff: float) -> None:
        """Bounded retry with exponential backoff; a clear one-line error at the end."""
        delay = backoff
        for attempt in range(1, attempts + 1):
            try:
                self._driver.verify_connectivity()
                return
            except AuthError as exc:
                raise StoreUnavailable(
                    f"Neo4j at {self.settings.uri} refused the credentials of user {self.settings.user!r} "
                    "(check NEO4J_USER / NEO4J_PASSWORD)"
                ) from exc
            except _UNAVAILABLE as exc:
                if attempt == attempts:
                    raise StoreUnavailable(
                        f"Neo4j is not reachable at {self.settings.uri} after {attempts} attempt{'s' if attempts > 1 else ''} "
                        f"({type(exc).__name__}); start it with `neo4j/neo4jctl start`"
                    ) from exc
                time.sleep(delay)
                delay *= 2
            except Neo4jError as exc:  # e.g. the database does not exist
                raise StoreUnavailable(f"Neo4j at {self.settings.uri}: {one_line(exc)}") from exc

    def _prepare(self) -> None:
        try:
            self.apply_schema()
        except Neo4jError as exc:  # e.g. NEO4J_DATABASE names no database, or the user may not write
            raise StoreUnavailable(
                f"Neo4j at {self.settings.uri} cannot prepare database {self.settings.database!r}: {one_line(exc)}"
            ) from exc
        self._prepared = True

    def _ensure_prepared(self) -> None:
        """A store started while the server was down prepares it on first contact."""
        if self._prepared:
            return
        with self._preparing:
            if not self._prepared:
                self._connect(1, 0.0)
                self._prepare()

    def ready(self) -> bool:
        try:
            self._ensure_prepared()
            self._driver.verify_connectivity()
            return True
        except (*_UNAVAILABLE, Neo4jError, StoreUnavailable):
            return False

    def close(self) -> None:
        self._driver.close()

    def apply_schema(self) -> None:
        for stmt in cypher.statements("schema"):
            self._write(lambda tx, s=stmt: tx.run(s).consume(), prepare=False)

    # -- writes ---------------------------------------------------------------------------
    def _write(self, work: Any, *, prepare: bool = True) -> Any:
        if prepare:
            self._ensure_prepared()
        try:
            with self._driver.session(database=self.settings.database) as session:
                return session.execute_write(work)
        except _UNAVAILABLE as exc:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri} is unavailable: {one_line(exc)}") from exc

    def load(self, graph: Graph) -> None:
        check_graph(graph)
        labels = {n.key: n.label for n in graph.nodes}
        nodes_by_label: dict[str, list[dict]] = defaultdict(list)
        for node in graph.nodes:
            nodes_by_label[node.label].append(node.props)
        rels_by_shape: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for rel in graph.relationships:
            shape = (rel.type, labels[rel.start], labels[rel.end])
            rels_by_shape[shape].append({"start": rel.start, "end": rel.end, "key": rel.key, "props": rel.props})
        # Statements are built (and allow-list checked) before the transaction opens.
        node_batches = [(cypher.node_load(label), rows[i : i + BATCH])
                        for label in NODE_LABELS if (rows := nodes_by_label.get(label))
                        for i in range(0, len(rows), BATCH)]
        rel_batches = [(cypher.relationship_load(*shape), rows[i : i + BATCH])
                       for shape, rows in sorted(rels_by_shape.items())
                       for i in range(0, len(rows), BATCH)]
        jurisdictions = {n.key for n in graph.nodes if n.label == "Jurisdiction"}

        def work(tx: neo4j.ManagedTransaction) -> None:
            before = _jurisdiction_of(tx, graph.document)
            touched = sorted(jurisdictions | ({before} if before else set()))  # one lock order: no deadlock
            for jur in touched:
                tx.run(cypher.statement("load/lock_jurisdiction"), jurisdiction=jur).consume()
            tx.run(cypher.statement("load/delete_document"), doc=graph.document).consume()
            for stmt, rows in node_batches + rel_batches:
                tx.run(stmt, rows=rows).consume()
            for jur in touched:
                _rederive(tx, jur)

        self._write(work)

    def delete(self, document: str) -> bool:
        def work(tx: neo4j.ManagedTransaction) -> bool:
            jur = _jurisdiction_of(tx, document)
            if jur is None:
                return False
            tx.run(cypher.statement("load/lock_jurisdiction"), jurisdiction=jur).consume()
            tx.run(cypher.statement("load/delete_document"), doc=document).consume()
            _rederive(tx, jur)
            return True

        return bool(self._write(work))

    # -- reads ----------------------------------------------------------------------------
    def run_read(self, statement: str, params: dict[str, Any]) -> list[Any]:
        """Run one statement in a read transaction (routed to a reader in a cluster; refused
        by the server if it writes) and return the first column of every record."""
        self._ensure_prepared()
        try:
            records, _, _ = self._driver.execute_query(
                statement, params, routing_=RoutingControl.READ, database_=self.settings.database
            )
        except _UNAVAILABLE as exc:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri} is unavailable: {one_line(exc)}") from exc
        return [record[0] for record in records]

    def _read(self, name: str, **params: Any) -> list[Any]:
        return self.run_read(cypher.statement(f"queries/{name}"), params)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        nodes = {r["name"]: r["count"] for r in self._read("count_nodes")}
        rels = {r["name"]: r["count"] for r in self._read("count_relationships")}
        return nodes, rels

    def jurisdictions(self) -> list[Row]:
        return self._read("jurisdictions")

    def documents(self, jurisdiction: str | None) -> list[Row]:
        return self._read("documents", jurisdiction=jurisdiction)

    def signatories(
        self, jurisdiction: str, issuer: str, genre: str | None, recipient: str | None, document: str | None
    ) -> list[Row]:
        return self._read(
            "signatories", jurisdiction=jurisdiction, issuer=issuer, genre=genre, recipient=recipient, document=document
        )

    def compare(self, issuer: str, genre: str | None) -> list[Row]:
        return self._read("compare", issuer=issuer, genre=genre)

    def meetings(self, jurisdiction: str, meeting: str | None, document: str | None) -> list[Row]:
        return self._read("meetings", jurisdiction=jurisdiction, meeting=meeting, document=document)

    def reporting_lines(
        self, jurisdiction: str, source: str | None, target: str | None, document: str | None
    ) -> list[Row]:
        return self._read("reporting_lines", jurisdiction=jurisdiction, source=source, target=target, document=document)

    def obligations(
        self, jurisdiction: str, bearer: str | None, modality: str | None, with_deadline: bool | None,
        document: str | None, skip: int, limit: int,
    ) -> tuple[int, list[Row]]:
        check_page(skip, limit)
        pages = self._read("obligations", jurisdiction=jurisdiction, bearer=bearer, modality=modality,
                           withDeadline=with_deadline, document=document, skip=skip, limit=limit)
        return (pages[0]["total"], pages[0]["rows"]) if pages else (0, [])

    def search(
        self, text: str, jurisdiction: str | None, skip: int, limit: int, document: str | None = None
    ) -> tuple[int, list[Row]]:
        check_page(skip, limit)
        pages = self._read("search", text=text, jurisdiction=jurisdiction, skip=skip, limit=limit, document=document)
        return (pages[0]["total"], pages[0]["rows"]) if pages else (0, [])

    def article(self, document: str, number: int) -> Row | None:
        rows = self._read("article", document=document, number=number)
        return rows[0] if rows else None


def _jurisdiction_of(tx: neo4j.ManagedTransaction, document: str) -> str | None:
    record = tx.run(cypher.statement("load/document_jurisdiction"), doc=document).single()
    return record["jurisdiction"] if record else None


def _rederive(tx: neo4j.ManagedTransaction, jurisdiction: str) -> None:
    """After a load or delete: versions of the jurisdiction again, and drop it if it has no document left."""
    tx.run(cypher.statement("load/versions"), jurisdiction=jurisdiction).consume()
    tx.run(cypher.statement("load/drop_orphan_jurisdiction"), jurisdiction=jurisdiction).consume()
