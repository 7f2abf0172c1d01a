"""What one document left in a store: nodes per label and relationships per type.

A document is *complete* when its footprint equals that of its graph, *absent*
when the footprint is empty; anything else is a partial document (the bug these
tests exist to catch). Every node but a Jurisdiction carries ``doc`` (schema.model),
so the footprint is exact. SUPERSEDES joins two documents and is derived by the
store when versions change, so it is left out of both sides.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from schema.model import Graph

Footprint = tuple[dict[str, int], dict[str, int]]
EMPTY: Footprint = ({}, {})
_CROSS_DOCUMENT = {"SUPERSEDES"}

# Test-side reads of the raw graph (parameters only): the stores have no question for
# "everything of one document", and the tests must not trust the code under test for it.
_NODES = """
MATCH (n) WHERE n.doc = $doc
RETURN labels(n)[0] AS name, count(*) AS count
"""
_RELATIONSHIPS = """
MATCH (n)-[r]-() WHERE n.doc = $doc
WITH DISTINCT r
RETURN type(r) AS name, count(*) AS count
"""
_TOTALS = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
"""


def graph_footprint(graph: Graph) -> Footprint:
    g = graph.deduplicated()
    nodes = Counter(n.label for n in g.nodes if n.label != "Jurisdiction")
    rels = Counter(r.type for r in g.relationships if r.type not in _CROSS_DOCUMENT)
    return dict(nodes), dict(rels)


def neo4j_footprint(driver: Any, doc: str, database: str = "neo4j") -> Footprint:
    nodes, _, _ = driver.execute_query(_NODES, doc=doc, database_=database)
    rels, _, _ = driver.execute_query(_RELATIONSHIPS, doc=doc, database_=database)
    return (
        {r["name"]: r["count"] for r in nodes},
        {r["name"]: r["count"] for r in rels if r["name"] not in _CROSS_DOCUMENT},
    )


def neo4j_totals(driver: Any, database: str = "neo4j") -> tuple[int, int]:
    records, _, _ = driver.execute_query(_TOTALS, database_=database)
    return records[0]["nodes"], records[0]["relationships"]


def describe(found: Footprint, expected: Footprint) -> str:
    return f"found {found}, a complete document is {expected}"
