"""The bulk path for a first load of thousands of documents: the graph written as CSV for
``neo4j-admin database import full``, and the import run (``neo4j/neo4jctl admin``).

    python3 -m stores.neo4j_bulk corpus/ more-rules/ --database neo4j    # with Neo4j stopped

The CSV holds the graph exactly as ``Neo4jStore.load`` leaves it: the documents' versions are
derived first (status, publishedStatus, current and the SUPERSEDES edges, as
``cypher/load/versions.cypher`` derives them; ``stores/memory_index.py`` does the same in
process). The import tool writes a whole new database: ``--database neo4j`` replaces the one a
stopped server serves (``neo4j/neo4jctl stop`` first; ``start`` after, which also applies the
constraints and indexes when the API or the CLI first connects); any other name is written
beside a running server (Community edition serves only ``neo4j``). Later documents are loaded
as usual (``govgraph ingest``), in transactions.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schema.model import NODE_LABELS, RELATIONSHIP_TYPES, Graph, Node, Relationship

from .base import check_graph
from .memory_index import MemoryIndex

ROOT = Path(__file__).resolve().parent.parent
#: separates array elements in the import CSV; no text in the corpus contains it
ARRAY_DELIMITER = "\u001f"


@dataclass(frozen=True, slots=True)
class BulkGraph:
    """Many documents' graphs as one, as Neo4j holds them after loading them one by one."""

    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]

    def label_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for node in self.nodes:
            out[node.label] = out.get(node.label, 0) + 1
        return out

    def type_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for rel in self.relationships:
            out[rel.type] = out.get(rel.type, 0) + 1
        return out


def bulk_graph(graphs: Iterable[Graph]) -> BulkGraph:
    """The graphs (each checked as a load checks it; a later one of the same document wins) with
    their versions derived."""
    by_document: dict[str, Graph] = {}
    jurisdictions: dict[str, Node] = {}
    for graph in graphs:
        check_graph(graph)
        graph = graph.deduplicated()
        by_document[graph.document] = graph
        for node in graph.nodes:
            if node.label == "Jurisdiction":
                jurisdictions[node.key] = node  # the last load's properties win, as MERGE + SET
    index = MemoryIndex(by_document, jurisdictions)
    nodes = [Node("RuleDocument", key, index.documents[key]) if node.label == "RuleDocument" else node
             for key, node in index.nodes.items()]
    relationships = {rel.key: rel for rel in index.relationships}
    return BulkGraph(tuple(nodes), tuple(relationships.values()))



def _csv_type(values: list[Any]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return "string"
    if kinds == {bool}:
        return "boolean"
    if kinds <= {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    if kinds == {list}:
        inner = _csv_type([x for v in values if v for x in v])
        return f"{inner}[]"
    return "string"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_cell(v) for v in value)
    return str(value)


def _write_table(path: Path, fixed: list[str], rows: list[tuple[list[str], dict[str, Any]]]) -> None:
    columns = sorted({k for _, props in rows for k in props})
    types = {c: _csv_type([props.get(c) for _, props in rows]) for c in columns}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(fixed + [f"{c}:{types[c]}" for c in columns])
        for head, props in rows:
            writer.writerow(head + [_cell(props.get(c)) for c in columns])


def write_import_csv(combined: Any, folder: Path) -> list[str]:
    """One CSV per label and per relationship type; returns the import tool's file arguments."""
    folder.mkdir(parents=True, exist_ok=True)
    args = []
    for label in NODE_LABELS:
        rows = [([n.key], {k: v for k, v in n.props.items() if k != "key"}) for n in combined.nodes if n.label == label]
        if rows:
            path = folder / f"nodes_{label}.csv"
            _write_table(path, ["key:ID"], rows)
            args.append(f"--nodes={label}={path}")
    for type_ in RELATIONSHIP_TYPES:
        rows = [([r.start, r.end], r.props) for r in combined.relationships if r.type == type_]
        if rows:
            path = folder / f"rels_{type_}.csv"
            _write_table(path, [":START_ID", ":END_ID"], rows)
            args.append(f"--relationships={type_}={path}")
    return args


@dataclass(frozen=True, slots=True)
class ImportRun:
    wall_seconds: float  # the whole command, JVM start-up included
    tool_seconds: float  # the import as the tool reports it ("IMPORT DONE in ...")
    nodes: int
    relationships: int


_DONE = re.compile(r"IMPORT DONE in (?:(?P<m>\d+)m )?(?:(?P<s>\d+)s )?(?P<ms>\d+)ms")
_IMPORTED = re.compile(r"Imported:\s+(?P<nodes>\d+) nodes\s+(?P<rels>\d+) relationships")


def admin_import(csv_args: list[str], database: str, env: dict[str, str] | None = None) -> ImportRun:
    """Run ``neo4jctl admin database import full`` into ``database`` (a name the server does not serve)."""
    command = [str(ROOT / "neo4j" / "neo4jctl"), "admin", "database", "import", "full", database,
               "--overwrite-destination=true", "--multiline-fields=true",
               f"--array-delimiter={ARRAY_DELIMITER}", *csv_args]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=ROOT)
    wall = time.perf_counter() - started
    output = done.stdout + done.stderr
    finished, imported = _DONE.search(output), _IMPORTED.search(output)
    if done.returncode != 0 or not finished or not imported:
        raise RuntimeError(f"neo4j-admin import failed (exit {done.returncode}):\n{output[-3000:]}")
    tool = int(finished["m"] or 0) * 60 + int(finished["s"] or 0) + int(finished["ms"]) / 1000
    return ImportRun(wall, tool, int(imported["nodes"]), int(imported["rels"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m stores.neo4j_bulk",
                                     description="Write rules documents' graph as CSV and run neo4j-admin import.")
    parser.add_argument("paths", nargs="+", type=Path, help="documents or folders")
    parser.add_argument("--database", required=True, help="database to (re)create: neo4j with the server stopped, "
                        "or another name beside a running one")
    parser.add_argument("--csv", type=Path, help="keep the CSV in this folder (default: a temporary one)")
    args = parser.parse_args(argv)
    from ingest.errors import IngestError
    from ingest.pipeline import document_paths, ingest_path

    graphs = []
    for path in document_paths(args.paths):
        try:
            graphs.append(ingest_path(path).graph)
        except IngestError as exc:
            print(f"refused {exc}", file=sys.stderr)
    bulk = bulk_graph(graphs)
    with tempfile.TemporaryDirectory(prefix="govgraph-bulk-") as tmp:
        folder = args.csv or Path(tmp)
        try:
            done = admin_import(write_import_csv(bulk, folder), args.database)
        except RuntimeError as exc:
            print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
            return 1
    print(f"imported {len(graphs)} documents into {args.database!r}: {done.nodes} nodes, "
          f"{done.relationships} relationships in {done.tool_seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
