"""Records of one read, freed as soon as their rows are built.

The driver hydrates a result's nodes and relationships into one ``neo4j.graph.Graph``: the graph
holds every entity and every entity holds the graph. That is a reference cycle, so when the
records go, nothing of them is freed until the garbage collector finds the cycle. For compare
(about 1,200 signing steps) that is some 8,700 objects a request, and in process the collections
took 7–16 ms of each request's ~100 ms. ``release`` empties the graph's tables once the rows are
built: the cycle is broken and reference counting frees the records when the last one goes.
Measured on ``govgraph serve`` over the N = 500 database, two servers side by side in alternating
runs of 4–5 s, compare at 1 client: p50 99.7 → 92.5 and 93.0 → 85.9 ms in two runs of 10 rounds,
103.4 → 113.2 in one of 6 (these shared cores vary by more than that within a minute). Over 20 s
of compare (5 s of warm-up, then 15 s timed) its server ran no collection, where before it ran
55 young ones of ~30 ms each. ask at 16 clients: unchanged (918 and 933 req/s).

The tables are the driver's own attributes (``_nodes``, ``_relationships``); a driver without
them leaves the cycle to the collector, as before (``tests/stores/test_neo4j_records.py`` says
when that happens).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from neo4j import Record
from neo4j.graph import Entity, Graph, Path

#: the graph's tables of hydrated entities (neo4j 5 and 6)
GRAPH_TABLES = ("_nodes", "_relationships")


def release(records: Sequence[Record]) -> None:
    """Break the cycle between the records' graph and its entities (see the module's doc).
    The records stay readable; only the graph forgets them."""
    graph = next(_graphs(records), None)
    if graph is None:  # no node, relationship or path: nothing holds a graph
        return
    for name in GRAPH_TABLES:
        table = getattr(graph, name, None)
        if isinstance(table, dict):
            table.clear()


def _graphs(records: Sequence[Record]) -> Iterator[Graph]:
    """The graph of each entity in the records, searched in order (one result has one graph:
    the first found is the one)."""
    for record in records:
        yield from _graphs_in(record.values())


def _graphs_in(values: Iterable[Any]) -> Iterator[Graph]:
    for value in values:
        if isinstance(value, (Entity, Path)):
            yield value.graph
        elif isinstance(value, (list, tuple)):
            yield from _graphs_in(value)
        elif isinstance(value, dict):
            yield from _graphs_in(value.values())
