"""The embedded store: graphs kept in process memory, indexed for the API's questions.

It answers exactly what the named Cypher queries answer (a contract test holds both
to the same results), so apps can start without a server and move to Neo4j later.
Each question mirrors the query file of the same name in ``cypher/queries/``
(``stores/memory_queries.py``, ``stores/memory_government.py``).

Opened on a file (``MemoryStore.from_file``), every load and delete is written through to
that file's SQLite database (``stores/document_file.py``) before it shows in memory; the
in-memory index stays the query path.
"""

from __future__ import annotations

import threading
from pathlib import Path

from schema.model import Graph, Node
from schema.rows import ComparisonRow, JurisdictionRow

from .article_keys import needs_article_keys, report, with_article_keys
from .base import DocumentCounts, check_graph
from .document_file import DocumentFile
from .memory_government import GovernmentQueries
from .memory_index import MemoryIndex
from .memory_queries import DocumentQueries


class MemoryStore(DocumentQueries, GovernmentQueries):
    name = "memory"

    def __init__(self, file: DocumentFile | None = None) -> None:
        self._file = file  # where loads and deletes are written through; None: memory only
        self._graphs: dict[str, Graph] = {}
        self._jurisdictions: dict[str, Node] = {}
        self._lock = threading.Lock()
        self._built: MemoryIndex | None = MemoryIndex({}, {})
        #: compare's answers by (issuer, genre), for the index they were read from
        self._compared: tuple[MemoryIndex | None, dict[tuple[str, str | None], list[ComparisonRow]]] = (None, {})
        self._places: tuple[MemoryIndex | None, list[JurisdictionRow]] = (None, [])

    @property
    def _index(self) -> MemoryIndex:
        """The index of what is loaded, rebuilt on the first read after writes: loading N
        documents in a row costs one rebuild, not N (the rebuild is linear in the graph)."""
        index = self._built
        if index is None:
            with self._lock:
                if self._built is None:
                    self._built = MemoryIndex(self._graphs, self._jurisdictions)
                index = self._built
        return index

    # -- writes -------------------------------------------------------------------------
    def load(self, graph: Graph) -> None:
        check_graph(graph)
        with self._lock:
            if self._file is not None:
                self._file.put(graph)  # committed before it shows: a failed write changes nothing
            self._take(graph)

    def _take(self, graph: Graph) -> None:
        """Hold ``graph`` in memory (callers hold the lock, or own the store alone)."""
        graphs = {**self._graphs, graph.document: graph}
        jurisdictions = dict(self._jurisdictions)
        for node in graph.nodes:
            if node.label == "Jurisdiction":
                jurisdictions[node.key] = node  # the last load's properties win, as MERGE + SET
        # check_graph refused anything the index could not hold; the swap is one assignment
        self._graphs, self._jurisdictions, self._built = graphs, jurisdictions, None

    def delete(self, document: str) -> bool:
        with self._lock:
            if document not in self._graphs:
                return False
            if self._file is not None:
                self._file.remove(document)
            graphs = {k: g for k, g in self._graphs.items() if k != document}
            index = MemoryIndex(graphs, self._jurisdictions)
            self._graphs, self._jurisdictions, self._built = graphs, dict(index.jurisdictions), index
            return True

    def ready(self) -> bool:
        """Ready once the index of what is loaded is built (``govgraph serve`` asks before it
        listens, so its first question does not wait for the index)."""
        return self._index is not None

    def answers_without_waiting(self) -> bool:
        """True when a read now answers from the built index in memory, without the lock: the API
        runs it on its event loop rather than handing it to a thread (``graphql_api/execution.py``).
        False while a write holds the lock or before the index is rebuilt after one."""
        return self._built is not None and not self._lock.locked()

    def graphs(self) -> list[Graph]:
        """Every loaded document's graph, as loaded (for export; versions are derived, not stored)."""
        return sorted(self._graphs.values(), key=lambda g: g.document)

    def document_counts(self) -> DocumentCounts:
        out: DocumentCounts = {}
        for graph in self._graphs.values():
            labels, types = graph.counts()
            labels.pop("Jurisdiction", None)
            types.pop("HAS_RULES", None)
            out[graph.document] = (labels, types)
        return out

    @classmethod
    def from_file(cls, path: Path) -> MemoryStore:
        """The store kept in the SQLite file at ``path`` (created if missing; an old JSON store file
        is migrated): what the file holds is read once, and loads and deletes write through."""
        file = DocumentFile.open(path)
        store = cls(file)
        try:
            graphs = file.graphs()
        except BaseException:
            file.close()
            raise
        upgrades = []
        for graph in graphs:
            if needs_article_keys(graph):
                # stored before facts cited their article by key: upgraded and written back once
                upgrade = with_article_keys(graph)
                file.upgrade(graph, upgrade.graph)
                upgrades.append(upgrade)
                graph = upgrade.graph
            store._take(graph)
        report(str(path), upgrades)
        return store

    @property
    def file(self) -> DocumentFile | None:
        return self._file

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    # -- reads ----------------------------------------------------------------------------
    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        return self._index.counts()
