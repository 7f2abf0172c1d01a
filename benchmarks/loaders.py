"""The three ways the load benchmark writes the same graph into Neo4j.

- ``ours``: ``Neo4jStore.load``, one transaction per document of ``UNWIND $rows`` batches;
- ``naive``: one parameterized statement per node and per relationship, each autocommitted;
- ``admin``: ``neo4j-admin database import full`` of the graph written as CSV (the floor).

Every loader is checked afterwards: the database holds exactly the graph's nodes and
relationships, or the measurement is refused.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import Driver

from cypher import fill_node_template, fill_relationship_template

from schema.model import NODE_LABELS, RELATIONSHIP_TYPES, Graph, Node, Relationship
from stores.neo4j_store import Neo4jStore

ROOT = Path(__file__).resolve().parent.parent
_CYPHER = Path(__file__).with_name("cypher")
#: relationships a loader derives on its own (document versions), not facts of the graph
DERIVED_TYPES = frozenset({"SUPERSEDES"})
#: separates array elements in the import CSV; no text in the corpus contains it
ARRAY_DELIMITER = "\u001f"


def cypher_file(name: str) -> str:
    return (_CYPHER / f"{name}.cypher").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Combined:
    """Graphs of many documents as one graph, deduplicated by key (as MERGE would)."""

    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]

    @property
    def size(self) -> int:
        return len(self.nodes) + len(self.relationships)

    def label_counts(self) -> dict[str, int]:
        return dict(Counter(n.label for n in self.nodes))

    def type_counts(self) -> dict[str, int]:
        return dict(Counter(r.type for r in self.relationships))


def combine(graphs: Iterable[Graph]) -> Combined:
    nodes: dict[str, Node] = {}
    rels: dict[str, Relationship] = {}
    for graph in graphs:
        nodes.update((n.key, n) for n in graph.nodes)
        rels.update((r.key, r) for r in graph.relationships)
    return Combined(tuple(nodes.values()), tuple(rels.values()))


# -- the database between loaders -----------------------------------------------------------

def wipe(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run(cypher_file("wipe")).consume()


def check_loaded(store: Neo4jStore, labels: dict[str, int], types: dict[str, int], loader: str) -> None:
    """The database holds exactly these nodes and relationships (derived ones aside)."""
    held_labels, held_types = store.counts()
    held_types = {t: c for t, c in held_types.items() if t not in DERIVED_TYPES}
    if held_labels != labels or held_types != types:
        raise RuntimeError(
            f"the {loader} loader left a different graph: nodes {held_labels} (expected {labels}), "
            f"relationships {held_types} (expected {types})"
        )


# -- naive: one autocommitted statement per fact ---------------------------------------------

def naive_node_statement(label: str) -> str:
    return fill_node_template(cypher_file("naive_node"), label)


def naive_relationship_statement(type_: str, start: str, end: str) -> str:
    return fill_relationship_template(cypher_file("naive_relationship"), type_, start, end)


@dataclass(frozen=True, slots=True)
class NaiveLoad:
    """What the naive loader wrote: distinct nodes per label and relationships per type."""

    labels: dict[str, int]
    types: dict[str, int]
    complete: bool  # False when the time budget ran out first

    @property
    def size(self) -> int:
        return sum(self.labels.values()) + sum(self.types.values())


def load_naive(driver: Driver, database: str, graphs: list[Graph], budget_seconds: float | None = None) -> NaiveLoad:
    """Each node, then each relationship, as its own autocommit transaction (session.run).

    With a budget it stops after that many seconds: its rate is the same per statement, and a
    loaded machine need not spend minutes to show it.
    """
    deadline = None if budget_seconds is None else time.perf_counter() + budget_seconds
    nodes: dict[str, str] = {}  # key -> label
    rels: dict[str, str] = {}  # key -> type
    with driver.session(database=database) as session:
        for graph in graphs:
            labels = {n.key: n.label for n in graph.nodes}
            for node in graph.nodes:
                if deadline is not None and time.perf_counter() > deadline:
                    return NaiveLoad(dict(Counter(nodes.values())), dict(Counter(rels.values())), False)
                session.run(naive_node_statement(node.label), key=node.key, props=node.props).consume()
                nodes[node.key] = node.label
            for rel in graph.relationships:
                if deadline is not None and time.perf_counter() > deadline:
                    return NaiveLoad(dict(Counter(nodes.values())), dict(Counter(rels.values())), False)
                stmt = naive_relationship_statement(rel.type, labels[rel.start], labels[rel.end])
                session.run(stmt, start=rel.start, end=rel.end, key=rel.key, props=rel.props).consume()
                rels[rel.key] = rel.type
    return NaiveLoad(dict(Counter(nodes.values())), dict(Counter(rels.values())), True)


# -- admin: neo4j-admin database import of the graph as CSV ----------------------------------

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


def write_import_csv(combined: Combined, folder: Path) -> list[str]:
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
