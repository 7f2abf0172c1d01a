"""Read back what a store holds, per document, for ``export`` and ``stats``.

The store interface answers the API's questions; these two commands need the graph
itself. The embedded store hands out each document's ``Graph``; from Neo4j the graph is
read with two whole-graph queries (``cypher/cli/``), regrouped by document, and what
the store derived after loading (versions) is taken back out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import cypher
from schema.model import Graph, Node, Relationship
from stores.base import StoreUnavailable

#: what Neo4j derives after each load (stores/versions.py) and a document's graph does not hold
DERIVED_TYPES = ("SUPERSEDES",)


def _neo4j_rows(store: Any, name: str) -> list[Any]:
    from neo4j import GraphDatabase, RoutingControl
    from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

    s = store.settings
    try:
        with GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as driver:
            records, _, _ = driver.execute_query(
                cypher.statement(f"cli/{name}"), routing_=RoutingControl.READ, database_=s.database
            )
    except (ServiceUnavailable, SessionExpired, OSError, Neo4jError) as exc:
        raise StoreUnavailable(f"Neo4j at {s.uri} could not answer {name}: {exc}") from exc
    return records


def _as_loaded(label: str, props: dict) -> dict:
    """A node's properties as its document's graph has them: versions derive `current` and
    overwrite `status`, keeping the document's own status in `publishedStatus`."""
    if label == "RuleDocument":
        props.pop("current", None)
        props.pop("status", None)
        published = props.pop("publishedStatus", None)
        if published is not None:
            props["status"] = published
    return props


def _neo4j_graphs(store: Any) -> list[Graph]:
    nodes: dict[str, Node] = {}
    for record in _neo4j_rows(store, "graph_nodes"):
        props = _as_loaded(record["label"], dict(record["props"]))
        nodes[props["key"]] = Node(record["label"], props["key"], props)
    graphs: dict[str, Graph] = {}
    for node in nodes.values():
        doc = node.props.get("doc")
        if doc is not None:
            graphs.setdefault(doc, Graph(doc)).nodes.append(node)
    for record in _neo4j_rows(store, "graph_relationships"):
        if record["type"] in DERIVED_TYPES:
            continue
        props = dict(record["props"])
        rel = Relationship(record["type"], record["start"], record["end"], props["key"], props)
        # HAS_RULES alone carries no `doc`: it belongs to the document it points at.
        doc = props.get("doc") or nodes[rel.end].props.get("doc")
        graph = graphs.get(doc)
        if graph is None:
            continue
        graph.relationships.append(rel)
        if rel.type == "HAS_RULES":
            graph.nodes.append(nodes[rel.start])
    return list(graphs.values())


def read_graphs(store: Any) -> list[Graph]:
    """Every document's graph (its Jurisdiction included), ordered by document key."""
    graphs = _neo4j_graphs(store) if store.name == "neo4j" else store.graphs()
    return sorted(graphs, key=lambda g: g.document)


def document_counts(store: Any) -> dict[str, tuple[dict[str, int], dict[str, int]]]:
    """Document key -> (nodes per label, relationships per type), Jurisdictions and HAS_RULES left out."""
    out: dict[str, tuple[dict[str, int], dict[str, int]]] = defaultdict(lambda: ({}, {}))
    if store.name == "neo4j":
        for r in _neo4j_rows(store, "document_counts"):
            out[r["doc"]][0 if r["kind"] == "label" else 1][r["name"]] = r["count"]
        return dict(out)
    for graph in store.graphs():
        labels, types = graph.counts()
        labels.pop("Jurisdiction", None)
        types.pop("HAS_RULES", None)
        out[graph.document] = (labels, types)
    return dict(out)
