"""The embedded store: graphs kept in process memory, indexed for the API's questions.

It answers exactly what the named Cypher queries answer (a contract test holds both
to the same results), so apps can start without a server and move to Neo4j later.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from pathlib import Path

from schema.model import Graph, Node, Relationship

from .base import Row, current_order_key

_STEP_TYPES = {"SIGNS": "SIGN", "APPROVES": "APPROVE", "REVIEWS": "REVIEW", "COUNTERSIGNS": "COUNTERSIGN"}


class MemoryStore:
    name = "memory"

    def __init__(self) -> None:
        self._graphs: dict[str, Graph] = {}
        self._jurisdictions: dict[str, Node] = {}
        self._lock = threading.Lock()
        self._reindex()

    # -- writes -------------------------------------------------------------------------
    def load(self, graph: Graph) -> None:
        with self._lock:
            self._graphs[graph.document] = graph
            for node in graph.nodes:
                if node.label == "Jurisdiction":
                    self._jurisdictions[node.key] = node
            self._reindex()

    def delete(self, document: str) -> bool:
        with self._lock:
            found = self._graphs.pop(document, None) is not None
            self._reindex()
            return found

    def ready(self) -> bool:
        return True

    def save(self, path: Path) -> None:
        """Persist every graph as JSON (written to a temporary file, then renamed: never half-written)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = [
            {"document": g.document,
             "nodes": [[n.label, n.key, n.props] for n in g.nodes],
             "relationships": [[r.type, r.start, r.end, r.key, r.props] for r in g.relationships]}
            for g in self._graphs.values()
        ]
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def from_file(cls, path: Path) -> MemoryStore:
        store = cls()
        if path.is_file():
            for g in json.loads(path.read_text(encoding="utf-8")):
                store.load(Graph(g["document"], [Node(*n) for n in g["nodes"]],
                                 [Relationship(*r) for r in g["relationships"]]))
        return store

    def close(self) -> None:
        pass

    def _reindex(self) -> None:
        # Rebuilt whole after each write: writes are rare, reads must be lock-free and fast.
        nodes: dict[str, Node] = dict(self._jurisdictions)
        rels: list[Relationship] = []
        for graph in self._graphs.values():
            for node in graph.nodes:
                if node.label != "Jurisdiction":
                    nodes[node.key] = node
            rels.extend(graph.relationships)
        incoming: dict[str, list[Relationship]] = defaultdict(list)
        outgoing: dict[str, list[Relationship]] = defaultdict(list)
        for rel in rels:
            incoming[rel.end].append(rel)
            outgoing[rel.start].append(rel)
        current: dict[str, str] = {}
        docs_by_jur: dict[str, list[Row]] = defaultdict(list)
        for rel in rels:
            if rel.type == "HAS_RULES":
                docs_by_jur[rel.start].append(nodes[rel.end].props)
        for jur, docs in docs_by_jur.items():
            current[jur] = max(docs, key=current_order_key)["key"]
        self._nodes, self._incoming, self._outgoing = nodes, incoming, outgoing
        doctypes: dict[tuple[str, str], list[Node]] = defaultdict(list)
        for node in nodes.values():
            if node.label == "DocumentType":
                doctypes[(node.props["doc"], node.props["issuerKey"])].append(node)
        self._docs_by_jur, self._current, self._doctypes = docs_by_jur, current, doctypes

    # -- reads ----------------------------------------------------------------------------
    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        labels: dict[str, int] = defaultdict(int)
        types: dict[str, int] = defaultdict(int)
        for node in self._nodes.values():
            labels[node.label] += 1
        for rels in self._outgoing.values():
            for rel in rels:
                types[rel.type] += 1
        return dict(labels), dict(types)

    def _document(self, jurisdiction: str, document: str | None) -> Row | None:
        docs = self._docs_by_jur.get(jurisdiction, [])
        wanted = document or self._current.get(jurisdiction)
        return next((d for d in docs if d["key"] == wanted), None)

    def _doc_props(self, doc_key: str) -> Row:
        props = dict(self._nodes[doc_key].props)
        props["current"] = any(cur == doc_key for cur in self._current.values())
        return props

    def jurisdictions(self) -> list[Row]:
        out = []
        for key, node in self._jurisdictions.items():
            docs = [self._doc_props(d["key"]) for d in self._docs_by_jur.get(key, [])]
            if not docs:
                continue
            docs.sort(key=lambda d: (d.get("issued") or "", d.get("adopted") or ""), reverse=True)
            fields = ("key", "title", "docNumber", "issued", "adopted", "status", "current", "file",
                      "articleCount", "chapterCount", "warnings", "supersedesNumbers")
            row = {k: node.props.get(k) for k in ("key", "name", "fullName", "nameEn", "level", "parent")}
            row["documents"] = [{k: d.get(k) for k in fields} for d in docs]
            out.append(row)
        return sorted(out, key=lambda r: r["fullName"])

    def signatories(
        self, jurisdiction: str, issuer: str, genre: str | None, recipient: str | None, document: str | None
    ) -> list[Row]:
        doc = self._document(jurisdiction, document)
        if doc is None:
            return []
        doc_props = self._doc_props(doc["key"])
        rows = []
        for node in self._doctypes.get((doc["key"], issuer), []):
            p = node.props
            if genre is not None and genre not in p["genres"] and p["genres"]:
                continue
            if recipient is not None and p["recipientKey"] != recipient:
                continue
            for rel in self._incoming.get(node.key, []):
                if rel.type not in _STEP_TYPES:
                    continue
                actor = self._nodes[rel.start]
                article = self._nodes[f"{doc['key']}:art:{rel.props['article']}"].props
                rows.append((p["key"], rel.props["article"], rel.props["order"], _step_row(actor, rel, p, article, doc_props)))
        rows.sort(key=lambda r: r[:3])
        return [r[3] for r in rows]


def _step_row(actor: Node, rel: Relationship, dtype: Row, article: Row, doc: Row) -> Row:
    s = rel.props
    return {
        "role": {"key": actor.props["kind"], "name": actor.props["name"], "nameEn": actor.props.get("nameEn"),
                 "label": actor.label},
        "action": _STEP_TYPES[rel.type],
        "condition": s.get("condition"),
        "verb": s.get("verb"),
        "delegated": s.get("delegated"),
        "order": s.get("order"),
        "documentType": {"key": dtype["key"], "name": dtype["name"], "issuer": dtype["issuerName"],
                         "genres": dtype["genreNames"], "recipient": dtype.get("recipientName"),
                         "direction": dtype.get("direction")},
        "article": {"key": article["key"], "number": article["number"], "label": article["label"],
                    "text": article["cleanText"], "rawText": article["text"], "start": article["start"],
                    "end": article["end"],
                    "document": {"key": doc["key"], "title": doc["title"], "status": doc["status"],
                                 "jurisdiction": doc["jurisdiction"]}},
        "evidence": {"start": s["start"], "end": s["end"], "text": s["evidence"]},
    }
