"""The Neo4j store: the system of record, through the official ``neo4j`` driver.

Writes: one *publish* transaction per document makes it visible: it locks the
jurisdictions, claims the document's key, writes what differs from the stored version in
``UNWIND $rows`` batches and re-derives the versions. A document too large for one
transaction has its content staged first, in transactions of bounded size, unseen because
every read starts at a RuleDocument. A failure or a crash leaves the previous state (the
document absent, or its previous version intact); what an interrupted load left is swept.
Reads: one named query per question (``cypher/queries/<name>.cypher``), run as a read
transaction (so a cluster or Aura routes it to a reader), one round trip each; its records
become rows in ``stores/neo4j_reads.py``; through the async driver on the API's event loop
(``stores/neo4j_loop_reads.py``). Connecting: ``stores/neo4j_connection.py``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError

import cypher
from schema.model import Graph

from . import neo4j_snapshot as snapshot
from . import neo4j_writes as writes
from .article_keys import KeyUpgrade, report, with_article_keys
from .base import DocumentCounts, StoreUnavailable, check_graph
from .neo4j_batch import load_documents
from .neo4j_connection import UNAVAILABLE, Neo4jSettings, make_driver, one_line
from .neo4j_loop_reads import LoopReads, ThreadSessions, off_loop
from .neo4j_reads import NamedQueries

__all__ = ["CLAIM_PROBE_SECONDS", "Neo4jSettings", "Neo4jStore", "make_driver"]

#: How long a sweep waits for a document's claim before leaving it to the writer that holds it.
CLAIM_PROBE_SECONDS = 2.0
#: old documents upgraded per start (stores/article_keys.py); any beyond are upgraded at the next start
UPGRADE_PROBE_LIMIT = 10_000


class Neo4jStore(NamedQueries, LoopReads):
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
        self._thread_sessions = ThreadSessions()
        self._prepared = False
        self._preparing = threading.Lock()
        try:
            self._connect(connect_attempts, backoff)
            self._prepare()
        except StoreUnavailable as exc:
            if lazy and isinstance(exc.__cause__, UNAVAILABLE):
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
            except UNAVAILABLE as exc:
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
            self._prepared = True
            self.sweep_orphans()  # what a load or delete that a crash interrupted left
            self.upgrade_article_keys()
        except Neo4jError as exc:  # e.g. NEO4J_DATABASE names no database, or the user may not write
            raise StoreUnavailable(
                f"Neo4j at {self.settings.uri} cannot prepare database {self.settings.database!r}: {one_line(exc)}"
            ) from exc

    def _ensure_prepared(self) -> None:
        """A store started while the server was down prepares it on first contact."""
        if self._prepared:
            return
        with self._preparing:
            if not self._prepared:
                self._connect(1, 0.0)
                self._prepare()

    def upgrade_article_keys(self) -> list[KeyUpgrade]:
        """Documents loaded before facts cited their article by key get their keys
        (stores/article_keys.py), each in one transaction; a probe finds none when none is old."""
        old = set(self.run_read(cypher.statement("migrations/old_article_keys"), {"limit": UPGRADE_PROBE_LIMIT}))
        if not old:
            return []
        upgrades = [with_article_keys(g) for g in self.graphs() if g.document in old]
        for upgrade in upgrades:
            plan = writes.WritePlan(upgrade.graph)

            def work(tx: neo4j.ManagedTransaction, plan: writes.WritePlan = plan) -> None:
                # as a reload writes: only what differs, then the versions derived again
                touched = plan.lock_jurisdictions(tx)
                writes.run_all(tx, plan.changes(tx))
                for jur in touched:
                    writes.rederive(tx, jur)

            self._write(work, prepare=False)
        report(f"Neo4j at {self.settings.uri}", upgrades)
        return upgrades

    def ready(self) -> bool:
        try:
            self._ensure_prepared()
            self._driver.verify_connectivity()
            return True
        except (*UNAVAILABLE, Neo4jError, StoreUnavailable):
            return False

    def close(self) -> None:
        self._thread_sessions.close()
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
        except UNAVAILABLE as exc:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri} is unavailable: {one_line(exc)}") from exc

    def load(self, graph: Graph) -> None:
        """Write one document's graph: readers see all of it or nothing of it, and a failure or a
        crash leaves the previous state (the document absent, or its previous version intact).

        One transaction, the *publish* transaction, locks the jurisdictions (one order: no
        deadlock), claims the document (cypher/load/claim_document) and makes it visible when it
        commits. A stored document is compared with the new graph and only what differs is
        written (an unchanged reload writes nothing but its RuleDocument). A new document is
        written whole; with more than TRANSACTION_ROWS rows (one transaction cannot hold a 10 MB
        document on the default heap) its content is *staged* first, in transactions of that size,
        unseen because every read starts at a RuleDocument, and is swept again if anything fails.
        """
        check_graph(graph)
        graph = graph.deduplicated()
        plan = writes.WritePlan(graph)
        staged = False
        self._ensure_prepared()
        with self._session() as session, self._session() as work:
            tx = session.begin_transaction()
            try:
                touched = plan.lock_jurisdictions(tx)
                if writes.claim(tx, graph.document):
                    statements = plan.changes(tx)
                else:
                    if tx.run(cypher.statement("load/document_has_content"), doc=graph.document).single(strict=True)[0]:
                        writes.delete_content(work, graph.document)  # what an interrupted load or delete left
                    # not stored and no content left: a first load (WritePlan.split_writes, new)
                    if len(plan.nodes) + len(plan.relationships) <= writes.TRANSACTION_ROWS:
                        statements = plan.writes(plan.nodes, plan.relationships, new=True)
                    else:
                        staged = True
                        content = plan.writes(plan.content_nodes, plan.content_relationships, new=True)
                        for group in writes.transactions(content):
                            work.execute_write(writes.run_all, group)
                        statements = plan.writes(plan.top_nodes, plan.top_relationships, new=True)
                writes.run_all(tx, statements)
                writes.rederive_all(tx, touched)
                tx.commit()
            except Exception as exc:
                with suppress(Neo4jError, DriverError, *UNAVAILABLE):
                    tx.close()  # rolled back: the claim is free for the sweep's own
                if staged and not isinstance(exc, UNAVAILABLE):
                    with suppress(Neo4jError, DriverError, StoreUnavailable):
                        self._sweep(graph.document, wait=True)
                raise

    def load_many(self, graphs: Iterable[Graph]) -> dict[str, Exception]:
        """Load many documents, several per transaction (``stores/neo4j_batch.py``), each still
        all-or-nothing; returns the documents refused, with why."""
        return load_documents(graphs, load=self.load, session=self._prepared_session)

    def delete(self, document: str) -> bool:
        """Remove one document: its RuleDocument and the first DELETE_NODES content nodes in one
        transaction (from then on no read reaches it), the rest of a large one in more."""

        def work(tx: neo4j.ManagedTransaction) -> int | None:
            jur = writes.jurisdiction_of(tx, document)
            if jur is None:
                return None
            tx.run(cypher.statement("load/lock_jurisdiction"), jurisdiction=jur).consume()
            deleted = writes.delete_content_batch(tx, document)
            tx.run(cypher.statement("load/delete_rule_document"), doc=document).consume()
            writes.rederive(tx, jur)
            return deleted

        deleted = self._write(work)
        if deleted is None:
            return False
        if deleted == writes.DELETE_NODES:
            self._sweep(document, wait=True)
        return True

    def sweep_orphans(self) -> list[str]:
        """Delete the content that interrupted loads and deletes left (no RuleDocument reaches it,
        so no read sees it), except a document that another writer is loading right now.
        Returns the documents swept."""
        orphans = self.run_read(cypher.statement("load/orphan_documents"), {})
        return [doc for doc in orphans if self._sweep(doc, wait=False)]

    def _sweep(self, document: str, *, wait: bool) -> bool:
        """Delete the content of a document that is not stored, holding the document's claim so
        that no load of it stages meanwhile. Without ``wait`` a document whose claim another
        writer holds for more than CLAIM_PROBE_SECONDS (it is being loaded) is left alone."""
        with self._session() as session, self._session() as work:
            if not wait:
                try:
                    with writes.uncommitted(session, CLAIM_PROBE_SECONDS) as probe:
                        writes.claim(probe, document)
                except Neo4jError:
                    return False
            with writes.uncommitted(session) as guard:
                if writes.claim(guard, document):
                    return False  # stored meanwhile: its load swept what was left
                writes.delete_content(work, document)
        return True

    @contextmanager
    def _prepared_session(self) -> Iterator[neo4j.Session]:
        """A session on a prepared database (the schema applied, what crashes left swept)."""
        self._ensure_prepared()
        with self._session() as session:
            yield session

    @contextmanager
    def _session(self) -> Iterator[neo4j.Session]:
        try:
            with self._driver.session(database=self.settings.database) as session:
                yield session
        except UNAVAILABLE as exc:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri} is unavailable: {one_line(exc)}") from exc

    # -- reads ----------------------------------------------------------------------------
    def run_read(self, statement: str, params: dict[str, Any]) -> list[Any]:
        """Run one statement in a read transaction (routed to a reader in a cluster; refused
        by the server if it writes) and return the first column of every record."""
        return [record[0] for record in self.run_records(statement, params)]

    def run_records(self, statement: str, params: dict[str, Any]) -> list[neo4j.Record]:
        """Run one statement in a read transaction, one round trip; every record (awaited on
        the API's event loop when it runs there: ``stores/neo4j_loop_reads.py``)."""
        self._ensure_prepared()
        return self.read_records(statement, params)

    def _read_whole(self, *names: str) -> list[list[neo4j.Record]]:
        """Every record of each named statement (``cypher/<name>.cypher``), in one read transaction
        (several statements: the blocking driver, in a worker thread when asked on the loop)."""
        return off_loop(self._read_whole_blocking, *names)

    def _read_whole_blocking(self, *names: str) -> list[list[neo4j.Record]]:
        self._ensure_prepared()

        def work(tx: neo4j.ManagedTransaction) -> list[list[neo4j.Record]]:
            return [list(tx.run(cypher.statement(name))) for name in names]

        try:
            with self._driver.session(database=self.settings.database, default_access_mode=neo4j.READ_ACCESS) as s:
                return s.execute_read(work)
        except (*UNAVAILABLE, Neo4jError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri} could not answer {', '.join(names)}: "
                                   f"{one_line(exc)}") from exc

    def graphs(self) -> list[Graph]:
        return snapshot.graphs(*self._read_whole(*snapshot.GRAPH_QUERIES))

    def document_counts(self) -> DocumentCounts:
        (records,) = self._read_whole(snapshot.COUNTS_QUERY)
        return snapshot.document_counts(records)
