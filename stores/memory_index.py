"""An immutable snapshot of every graph the embedded store holds, indexed for its questions.

Rebuilt whole after each write (writes are rare) and swapped in at once, so reads need
no lock and never see half a load. It also derives what Neo4j derives at load time:
each version's status and current flag, and the SUPERSEDES edges (``stores/versions.py``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from schema.model import Graph, Node, Relationship

from .base import FACT_SOURCE_LABELS
from .versions import resolve_versions


class MemoryIndex:
    def __init__(self, graphs: dict[str, Graph], jurisdictions: dict[str, Node]) -> None:
        self.nodes: dict[str, Node] = {}
        self.relationships: list[Relationship] = []
        for graph in graphs.values():
            for node in graph.nodes:
                if node.label != "Jurisdiction":
                    self.nodes[node.key] = node
            self.relationships.extend(graph.relationships)
        self.jurisdiction_of: dict[str, str] = {}
        docs_by_jur: dict[str, list[str]] = defaultdict(list)
        for rel in self.relationships:
            if rel.type == "HAS_RULES":
                docs_by_jur[rel.start].append(rel.end)
                self.jurisdiction_of[rel.end] = rel.start
        self.docs_by_jur = dict(docs_by_jur)
        # A jurisdiction exists while it has a document (Neo4j drops it with its last one).
        self.jurisdictions = {k: n for k, n in jurisdictions.items() if k in self.docs_by_jur}
        self.nodes.update(self.jurisdictions)
        #: rows built from this index's nodes, kept with it (rows are frozen, readers share them;
        #: a load makes a new index): an article's row under every fact that cites it, in every answer
        self.rows: dict[tuple[str, ...], Any] = {}
        self.documents: dict[str, dict[str, Any]] = {}  # doc key -> RuleDocument properties as Neo4j holds them
        self.current: dict[str, str] = {}  # jurisdiction key -> current doc key
        for jur, keys in self.docs_by_jur.items():
            published = [self.nodes[k].props for k in keys]
            for key, version in resolve_versions(published).items():
                props = dict(self.nodes[key].props)
                props.update(publishedStatus=props.get("status"), status=version.status, current=version.current)
                self.documents[key] = props
                if version.current:
                    self.current[jur] = key
                if version.superseded_by:
                    new = version.superseded_by
                    self.relationships.append(Relationship("SUPERSEDES", new, key, f"{new}-SUPERSEDES-{key}",
                                                           {"key": f"{new}-SUPERSEDES-{key}"}))

        self.incoming: dict[str, list[Relationship]] = defaultdict(list)
        self.outgoing: dict[str, list[Relationship]] = defaultdict(list)
        for rel in self.relationships:
            self.incoming[rel.end].append(rel)
            self.outgoing[rel.start].append(rel)
        self.by_doc_label: dict[tuple[str, str], list[Node]] = defaultdict(list)
        # a printed number may name several articles (numbering that restarts in each chapter)
        self.numbered: dict[tuple[str, int], list[Node]] = defaultdict(list)
        self.placed: dict[tuple[str, int], Node] = {}  # (doc, ordinal) -> Article
        self.doctypes: dict[tuple[str, str], list[Node]] = defaultdict(list)
        self.facts: dict[str, list[Relationship]] = defaultdict(list)  # article key -> its facts
        self.by_doc_type: dict[tuple[str, str], list[Relationship]] = defaultdict(list)
        for rel in self.relationships:
            if rel.props.get("doc") is not None:
                self.by_doc_type[(rel.props["doc"], rel.type)].append(rel)
        for node in self.nodes.values():
            doc = node.props.get("doc")
            if doc is None:
                continue
            self.by_doc_label[(doc, node.label)].append(node)
            if node.label == "Article":
                self.numbered[(doc, node.props["number"])].append(node)
                self.placed[(doc, node.props["ordinal"])] = node
            elif node.label == "DocumentType":
                self.doctypes[(doc, node.props["issuerKey"])].append(node)
            if node.label in FACT_SOURCE_LABELS:
                for rel in self.outgoing.get(node.key, []):
                    if rel.props.get("articleKey") is not None:
                        self.facts[rel.props["articleKey"]].append(rel)
        for nodes in self.numbered.values():
            nodes.sort(key=lambda a: a.props["ordinal"])

    def document(self, jurisdiction: str, document: str | None) -> dict[str, Any] | None:
        """The current document of a jurisdiction, or the given one if it belongs to it."""
        key = document if document is not None else self.current.get(jurisdiction)
        if key is None or self.jurisdiction_of.get(key) != jurisdiction:
            return None
        return self.documents[key]

    def article(self, key: str | None) -> Node | None:
        """The article a fact or figure cites by key (``articleKey``, ``frequencyArticleKey`` ...)."""
        node = self.nodes.get(key) if key is not None else None
        return node if node is not None and node.label == "Article" else None

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        labels: dict[str, int] = defaultdict(int)
        types: dict[str, int] = defaultdict(int)
        for node in self.nodes.values():
            labels[node.label] += 1
        for rel in self.relationships:
            types[rel.type] += 1
        return dict(labels), dict(types)
