"""The embedded store's file: an SQLite database with one row per document graph.

Why SQLite (stdlib ``sqlite3``) rather than one JSON file rewritten whole:

* every load or delete is its own transaction on its own row, so two commands that write
  at the same time never lose each other's documents (the second waits on the busy
  timeout instead of overwriting the first), and a command writes only what it changes;
* a command killed mid-write leaves the last committed state: the file never holds half a
  document (a row is one graph, written in one transaction);
* WAL journaling lets a command read while another one writes.

The rows are what the store loads; everything derived (versions, the index) is rebuilt in
memory from them. A file of the old JSON format (a list of graphs) is migrated in place
the first time it is opened (``migrated_documents`` says how many documents it held).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from schema.model import Graph, Node, Relationship

#: the row format this module writes (``PRAGMA user_version``); a newer file is refused
FORMAT_VERSION = 1
#: how long a write waits for another command's transaction to finish before failing
BUSY_TIMEOUT_SECONDS = 60.0
SQLITE_HEADER = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,  -- load order: the last load's Jurisdiction wins
    document TEXT NOT NULL UNIQUE,               -- the RuleDocument key
    graph    TEXT NOT NULL                       -- {"nodes": [...], "relationships": [...]} as JSON
)
"""


class StoreFileError(ValueError):
    """The file is not an embedded store this version can read; the message says which file and why."""


def encode(graph: Graph) -> str:
    return json.dumps(
        {"nodes": [[n.label, n.key, n.props] for n in graph.nodes],
         "relationships": [[r.type, r.start, r.end, r.key, r.props] for r in graph.relationships]},
        ensure_ascii=False,
    )


def decode(document: str, data: Any) -> Graph:
    return Graph(document, [Node(*n) for n in data["nodes"]], [Relationship(*r) for r in data["relationships"]])


class DocumentFile:
    """One SQLite file of document graphs; open it with :meth:`open`."""

    def __init__(self, path: Path, connection: sqlite3.Connection, migrated_documents: int | None) -> None:
        self.path = path
        self._db = connection
        self.migrated_documents = migrated_documents

    @classmethod
    def open(cls, path: Path) -> DocumentFile:
        """Open (creating it if needed) the store file at ``path``; an old JSON file is migrated first."""
        path.parent.mkdir(parents=True, exist_ok=True)
        migrated = _migrate_json(path) if _looks_like_json(path) else None
        try:
            db = _connect(path)
        except sqlite3.DatabaseError as exc:
            raise StoreFileError(f"{path}: not a govgraph store ({exc}); point GOVGRAPH_DATA at another file") \
                from exc
        return cls(path, db, migrated)

    def graphs(self) -> list[Graph]:
        """Every document's graph, in the order they were (last) loaded, from one consistent read."""
        with _transaction(self._db, "BEGIN DEFERRED"):
            rows = self._db.execute("SELECT document, graph FROM documents ORDER BY seq").fetchall()
        return [decode(document, json.loads(graph)) for document, graph in rows]

    def put(self, graph: Graph) -> None:
        """Write one document's graph, replacing an earlier one of the same key, in one transaction."""
        text = encode(graph)
        with _transaction(self._db, "BEGIN IMMEDIATE"):
            # DELETE + INSERT (not UPDATE): the row takes a new seq, as a reload is the latest load
            self._db.execute("DELETE FROM documents WHERE document = ?", (graph.document,))
            self._db.execute("INSERT INTO documents (document, graph) VALUES (?, ?)", (graph.document, text))

    def upgrade(self, old: Graph, new: Graph) -> None:
        """Rewrite a stored document's graph ``old`` as ``new`` in its row, keeping its load order
        (an upgrade of the stored format is not a new load), in one transaction; nothing if the
        row no longer holds ``old`` (another command loaded or upgraded it meanwhile)."""
        with _transaction(self._db, "BEGIN IMMEDIATE"):
            self._db.execute("UPDATE documents SET graph = ? WHERE document = ? AND graph = ?",
                             (encode(new), new.document, encode(old)))

    def remove(self, document: str) -> bool:
        """Delete one document's row; False when the file does not hold it."""
        with _transaction(self._db, "BEGIN IMMEDIATE"):
            return self._db.execute("DELETE FROM documents WHERE document = ?", (document,)).rowcount > 0

    def close(self) -> None:
        self._db.close()


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE for writes takes the
    # write lock up front, so two writers queue on the busy timeout instead of failing on upgrade)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        db.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a commit survives the process being killed (the WAL is in the OS's hands);
        # only a power cut may lose the last commits, never half of one. FULL would fsync per document.
        db.execute("PRAGMA synchronous = NORMAL")
        with _transaction(db, "BEGIN IMMEDIATE"):
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > FORMAT_VERSION:
                raise StoreFileError(f"{path}: written by a newer govgraph (format {version}, this one reads "
                                     f"{FORMAT_VERSION}); upgrade govgraph or point GOVGRAPH_DATA elsewhere")
            db.execute(_SCHEMA)
            if version < FORMAT_VERSION:
                db.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
    except BaseException:
        db.close()
        raise
    return db


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection, begin: str) -> Iterator[None]:
    db.execute(begin)
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _looks_like_json(path: Path) -> bool:
    """True for a file of the old format (JSON text); False for SQLite, an empty or a missing file."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_HEADER and head.lstrip()[:1] == b"["


def _migrate_json(path: Path) -> int | None:
    """Convert an old JSON store file into SQLite in place: written beside it, then renamed over it,
    under a lock so that two commands opening it at once migrate it once. None if another did."""
    with (path.parent / f".{path.name}.migrate-lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _looks_like_json(path):
            return None  # another command migrated it while this one waited
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
            graphs = [decode(g["document"], g) for g in old]
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreFileError(f"{path}: neither a govgraph store nor its old JSON format ({exc})") from exc
        tmp = path.with_name(f".{path.name}.migrating-{os.getpid()}")
        tmp.unlink(missing_ok=True)
        db = _connect(tmp)
        try:
            with _transaction(db, "BEGIN IMMEDIATE"):
                db.executemany("INSERT INTO documents (document, graph) VALUES (?, ?)",
                               [(g.document, encode(g)) for g in graphs])
        finally:
            db.close()  # the last connection checkpoints the WAL into the file and removes it
        tmp.replace(path)
        return len(graphs)
