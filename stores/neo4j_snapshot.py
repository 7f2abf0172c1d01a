"""What Neo4j holds, read back per document: the graphs ``export`` writes and the counts ``stats`` shows.

The named queries answer the API's questions; these two need the graph itself. It is read
with two whole-graph queries (``cypher/cli/``) in one read transaction, regrouped by document,
and what the store derived after loading (versions) is taken back out, so that both stores
hand out the same graphs (``Store.graphs``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from schema.model import SHARED_LABELS, Graph, Node, Relationship

from .base import DocumentCounts

#: what Neo4j derives after each load (stores/versions.py) and a document's graph does not hold
DERIVED_TYPES = ("SUPERSEDES",)
GRAPH_QUERIES = ("cli/graph_nodes", "cli/graph_relationships")
COUNTS_QUERY = "cli/document_counts"

Record = Mapping[str, Any]


def _as_loaded(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A node's properties as its document's graph has them: versions derive `current` and
    overwrite `status`, keeping the document's own status in `publishedStatus`."""
    if label == "RuleDocument":
        props.pop("current", None)
        props.pop("status", None)
        published = props.pop("publishedStatus", None)
        if published is not None:
            props["status"] = published
    return props


def graphs(node_records: Iterable[Record], relationship_records: Iterable[Record]) -> list[Graph]:
    """Each document's graph (the shared nodes it reaches included), by document key, from the rows of
    GRAPH_QUERIES."""
    nodes: dict[str, Node] = {}
    for record in node_records:
        props = _as_loaded(record["label"], dict(record["props"]))
        nodes[props["key"]] = Node(record["label"], props["key"], props)
    by_doc: dict[str, Graph] = {}
    for node in nodes.values():
        doc = node.props.get("doc")
        if doc is not None:
            by_doc.setdefault(doc, Graph(doc)).nodes.append(node)
    for record in relationship_records:
        if record["type"] in DERIVED_TYPES:
            continue
        props = dict(record["props"])
        rel = Relationship(record["type"], record["start"], record["end"], props["key"], props)
        # HAS_RULES alone carries no `doc`: it belongs to the document it points at.
        doc = props.get("doc") or nodes[rel.end].props.get("doc")
        graph = by_doc.get(doc) if doc is not None else None
        if graph is None:
            continue
        graph.relationships.append(rel)
        # shared nodes (SHARED_LABELS: a Jurisdiction, an Instrument) belong to no one document:
        # each document's graph holds those its relationships reach
        for end in (rel.start, rel.end):
            if nodes[end].label in SHARED_LABELS and nodes[end] not in graph.nodes:
                graph.nodes.append(nodes[end])
    for graph in by_doc.values():  # in key order, not the order the database happens to scan them in
        graph.nodes.sort(key=lambda n: n.key)
        graph.relationships.sort(key=lambda r: r.key)
    return sorted(by_doc.values(), key=lambda g: g.document)


def document_counts(records: Iterable[Record]) -> DocumentCounts:
    """Document key -> (nodes per label, relationships per type), from the rows of COUNTS_QUERY."""
    out: DocumentCounts = defaultdict(lambda: ({}, {}))
    for r in records:
        out[r["doc"]][0 if r["kind"] == "label" else 1][r["name"]] = r["count"]
    return dict(out)

