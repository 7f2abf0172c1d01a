"""The three ways the load benchmark writes the same graph into Neo4j.

- ``ours``: ``Neo4jStore.load_many``, several documents per transaction of ``UNWIND $rows`` batches;
- ``naive``: one parameterized statement per node and per relationship, each autocommitted;
- ``admin``: ``neo4j-admin database import full`` of the graph written as CSV (the floor), by the
  product's bulk path (``stores/neo4j_bulk.py``).

Every loader is checked afterwards: the database holds exactly the graph's nodes and
relationships, or the measurement is refused.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from cypher import fill_node_template, fill_relationship_template
from schema.model import Graph, Node, Relationship
from stores.neo4j_bulk import ROOT, ImportRun, admin_import, write_import_csv
from stores.neo4j_store import Neo4jStore

_CYPHER = Path(__file__).with_name("cypher")
#: relationships a loader derives on its own (document versions), not facts of the graph
DERIVED_TYPES = frozenset({"SUPERSEDES"})


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


# -- admin: neo4j-admin database import of the graph as CSV (stores/neo4j_bulk.py) -------------

__all__ = ["ROOT", "Combined", "ImportRun", "admin_import", "combine", "write_import_csv"]
