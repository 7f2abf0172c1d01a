"""Graphs read back from Neo4j's rows (stores/neo4j_snapshot.py) do not depend on the order the
database scans its nodes and relationships in (it changes when a document is deleted and written
again: an upgrade, a reload)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from stores.neo4j_snapshot import graphs
from tests.stores.documents import rules_document

GRAPH = rules_document(2032)
NODE_ROWS = [{"label": n.label, "props": dict(n.props)} for n in GRAPH.deduplicated().nodes]
RELATIONSHIP_ROWS = [{"type": r.type, "start": r.start, "end": r.end, "props": {**r.props, "key": r.key}}
                     for r in GRAPH.deduplicated().relationships]


def _read(nodes: list[dict[str, Any]], relationships: list[dict[str, Any]]) -> Any:
    return graphs(nodes, relationships)


@settings(max_examples=20, deadline=None)
@given(nodes=st.permutations(NODE_ROWS), relationships=st.permutations(RELATIONSHIP_ROWS))
def test_the_same_rows_in_any_order_read_back_as_the_same_graph(nodes, relationships) -> None:  # type: ignore[no-untyped-def]
    (graph,) = _read(list(nodes), list(relationships))
    assert graph == _read(NODE_ROWS, RELATIONSHIP_ROWS)[0]
    assert [n.key for n in graph.nodes] == sorted(n.key for n in graph.nodes)
    assert {n.key for n in graph.nodes} == {n.key for n in GRAPH.deduplicated().nodes}
    assert len(graph.relationships) == len(RELATIONSHIP_ROWS)
