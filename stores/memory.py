"""The embedded store: graphs kept in process memory, indexed for the API's questions.

It answers exactly what the named Cypher queries answer (a contract test holds both
to the same results), so apps can start without a server and move to Neo4j later.
Each method mirrors the query file of the same name in ``cypher/queries/``.

Opened on a file (``MemoryStore.from_file``), every load and delete is written through to
that file's SQLite database (``stores/document_file.py``) before it shows in memory; the
in-memory index stays the query path.
"""

from __future__ import annotations

import threading
from pathlib import Path

from schema.model import Graph, Node

from .base import DocumentCounts, Row, check_graph, check_page, current_order_key
from .document_file import DocumentFile
from .memory_government import GovernmentQueries
from .memory_index import MemoryIndex
from .rows import (
    PARTICIPANT_SLOTS,
    STEP_ACTIONS,
    article_row,
    document_ref,
    entity_row,
    fact_row,
    last_if_none,
    obligation_row,
    participant_row,
    reporting_steps,
    step_row,
)

_JURISDICTION_FIELDS = ("key", "name", "fullName", "nameEn", "level", "parent")
_DOCUMENT_FIELDS = ("key", "title", "docNumber", "issued", "adopted", "published", "sourceUrl", "status", "current", "file",
                    "articleCount", "chapterCount", "warnings", "supersedesNumbers")


class MemoryStore(GovernmentQueries):
    name = "memory"

    def __init__(self, file: DocumentFile | None = None) -> None:
        self._file = file  # where loads and deletes are written through; None: memory only
        self._graphs: dict[str, Graph] = {}
        self._jurisdictions: dict[str, Node] = {}
        self._lock = threading.Lock()
        self._built: MemoryIndex | None = MemoryIndex({}, {})
        #: compare's answers by (issuer, genre), for the index they were read from
        self._compared: tuple[MemoryIndex | None, dict[tuple[str, str | None], list[Row]]] = (None, {})

    @property
    def _index(self) -> MemoryIndex:
        """The index of what is loaded, rebuilt on the first read after writes: loading N
        documents in a row costs one rebuild, not N (the rebuild is linear in the graph)."""
        index = self._built
        if index is None:
            with self._lock:
                if self._built is None:
                    self._built = MemoryIndex(self._graphs, self._jurisdictions)
                index = self._built
        return index

    # -- writes -------------------------------------------------------------------------
    def load(self, graph: Graph) -> None:
        check_graph(graph)
        with self._lock:
            if self._file is not None:
                self._file.put(graph)  # committed before it shows: a failed write changes nothing
            self._take(graph)

    def _take(self, graph: Graph) -> None:
        """Hold ``graph`` in memory (callers hold the lock, or own the store alone)."""
        graphs = {**self._graphs, graph.document: graph}
        jurisdictions = dict(self._jurisdictions)
        for node in graph.nodes:
            if node.label == "Jurisdiction":
                jurisdictions[node.key] = node  # the last load's properties win, as MERGE + SET
        # check_graph refused anything the index could not hold; the swap is one assignment
        self._graphs, self._jurisdictions, self._built = graphs, jurisdictions, None

    def delete(self, document: str) -> bool:
        with self._lock:
            if document not in self._graphs:
                return False
            if self._file is not None:
                self._file.remove(document)
            graphs = {k: g for k, g in self._graphs.items() if k != document}
            index = MemoryIndex(graphs, self._jurisdictions)
            self._graphs, self._jurisdictions, self._built = graphs, dict(index.jurisdictions), index
            return True

    def ready(self) -> bool:
        return True

    def graphs(self) -> list[Graph]:
        """Every loaded document's graph, as loaded (for export; versions are derived, not stored)."""
        return sorted(self._graphs.values(), key=lambda g: g.document)

    def document_counts(self) -> DocumentCounts:
        out: DocumentCounts = {}
        for graph in self._graphs.values():
            labels, types = graph.counts()
            labels.pop("Jurisdiction", None)
            types.pop("HAS_RULES", None)
            out[graph.document] = (labels, types)
        return out

    @classmethod
    def from_file(cls, path: Path) -> MemoryStore:
        """The store kept in the SQLite file at ``path`` (created if missing; an old JSON store file
        is migrated): what the file holds is read once, and loads and deletes write through."""
        file = DocumentFile.open(path)
        store = cls(file)
        try:
            graphs = file.graphs()
        except BaseException:
            file.close()
            raise
        for graph in graphs:
            store._take(graph)
        return store

    @property
    def file(self) -> DocumentFile | None:
        return self._file

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    # -- reads ----------------------------------------------------------------------------
    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        return self._index.counts()

    def jurisdictions(self) -> list[Row]:
        ix = self._index
        out = []
        for key, node in ix.jurisdictions.items():
            docs = sorted((ix.documents[k] for k in ix.docs_by_jur[key]), key=current_order_key, reverse=True)
            row = {k: node.props.get(k) for k in _JURISDICTION_FIELDS}
            row["documents"] = [{k: d.get(k) for k in _DOCUMENT_FIELDS} for d in docs]
            out.append(row)
        return sorted(out, key=lambda r: r["fullName"])

    def documents(self, jurisdiction: str | None) -> list[Row]:
        ix = self._index
        docs = [d for k, d in ix.documents.items() if jurisdiction is None or ix.jurisdiction_of[k] == jurisdiction]
        rows = []
        for d in sorted(docs, key=current_order_key, reverse=True):
            row = {k: d.get(k) for k in (*_DOCUMENT_FIELDS, "publishedStatus", "jurisdiction")}
            row["supersedes"] = sorted(r.end for r in ix.outgoing.get(d["key"], []) if r.type == "SUPERSEDES")
            row["supersededBy"] = sorted(r.start for r in ix.incoming.get(d["key"], []) if r.type == "SUPERSEDES")
            rows.append(row)
        return rows

    def signatories(
        self, jurisdiction: str, issuer: str, genre: str | None, recipient: str | None, document: str | None
    ) -> list[Row]:
        doc = self._index.document(jurisdiction, document)
        if doc is None:
            return []
        return self._steps(doc, issuer, genre, recipient)

    def compare(self, issuer: str, genre: str | None) -> list[Row]:
        """Built once per (issuer, genre) and store version: every place's answer is the same
        until the next write, so a read is a lookup, however many places the store holds."""
        ix = self._index
        memo = self._compared
        if memo[0] is not ix:
            memo = self._compared = (ix, {})
        if (issuer, genre) not in memo[1]:
            memo[1][(issuer, genre)] = self._compare(ix, issuer, genre)
        return list(memo[1][(issuer, genre)])  # rows are shared: readers do not change them

    def _compare(self, ix: MemoryIndex, issuer: str, genre: str | None) -> list[Row]:
        rows = []
        for jur, doc_key in ix.current.items():
            doc = ix.documents[doc_key]
            rows.append({"jurisdiction": {k: ix.jurisdictions[jur].props.get(k) for k in _JURISDICTION_FIELDS},
                         "document": document_ref(doc), "steps": self._steps(doc, issuer, genre, None)})
        return sorted(rows, key=lambda r: r["jurisdiction"]["fullName"])

    def _steps(self, doc: Row, issuer: str, genre: str | None, recipient: str | None) -> list[Row]:
        dtypes = []
        for node in self._index.doctypes.get((doc["key"], issuer), []):
            genres = node.props.get("genres") or []
            if genre is not None and genre not in genres and genres:
                continue
            if recipient is not None and node.props.get("recipientKey") != recipient:
                continue
            dtypes.append(node)
        return self._step_rows(doc, dtypes)

    def _step_rows(self, doc: Row, dtypes: list[Node]) -> list[Row]:
        ix = self._index
        keyed = []
        for dtype in dtypes:
            for rel in ix.incoming.get(dtype.key, []):
                article = ix.article(doc, rel.props.get("article"))
                if rel.type not in STEP_ACTIONS or article is None:
                    continue
                row = step_row(ix.nodes[rel.start], rel, dtype, article_row(article, doc))
                keyed.append(((dtype.key, rel.props["article"], last_if_none(rel.props.get("order")), rel.key), row))
        return [row for _, row in sorted(keyed, key=lambda kr: kr[0])]

    def signing_rules(self, document: str) -> list[Row]:
        ix = self._index
        doc = ix.documents.get(document)
        if doc is None:
            return []
        rows = self._step_rows(doc, ix.by_doc_label.get((document, "DocumentType"), []))
        for row in rows:
            dtype = ix.nodes[row["documentType"]["key"]].props
            row["documentType"].update(issuerKey=dtype.get("issuerKey"), genreKeys=dtype.get("genres"),
                                       recipientKey=dtype.get("recipientKey"))
        return rows

    def articles(self, document: str) -> list[Row]:
        ix = self._index
        doc = ix.documents.get(document)
        if doc is None:
            return []
        nodes = sorted(ix.by_doc_label.get((document, "Article"), []), key=lambda a: a.props["ordinal"])
        return [{**article_row(a, doc), "declared": a.props.get("declared"), "chapter": a.props.get("chapter")}
                for a in nodes]

    def meetings(self, jurisdiction: str, meeting: str | None, document: str | None) -> list[Row]:
        ix = self._index
        doc = ix.document(jurisdiction, document)
        if doc is None:
            return []
        rows = []
        for m in ix.by_doc_label.get((doc["key"], "Meeting"), []):
            p = m.props
            if meeting is not None and p.get("kind") != meeting:
                continue
            row: Row = {"key": m.key, "kind": p.get("kind"), "name": p.get("name"), "nameEn": p.get("nameEn")}
            row["frequency"] = None if p.get("frequencyText") is None else {
                "text": p["frequencyText"], "period": p.get("period"), "times": p.get("times"),
                "timesMax": p.get("timesMax"), **self._source(doc, p, "frequency")}
            row["quorum"] = p.get("quorum")
            row["quorumSource"] = self._source(doc, p, "quorum") if p.get("quorum") is not None else None
            participants = sorted(
                (r for r in ix.incoming.get(m.key, []) if r.type in PARTICIPANT_SLOTS),
                key=lambda r: (last_if_none(r.props.get("order")), r.start, r.key))
            for slot in PARTICIPANT_SLOTS.values():
                row[slot] = []
            for r in participants:
                article = ix.article(doc, r.props.get("article"))
                row[PARTICIPANT_SLOTS[r.type]].append(
                    participant_row(ix.nodes[r.start], r, article_row(article, doc) if article else None))
            minutes = [ix.nodes[r.start] for r in ix.incoming.get(m.key, [])
                       if r.type == "ISSUED_AS" and "minutes" in (ix.nodes[r.start].props.get("genres") or [])]
            row["minutesSigners"] = self._step_rows(doc, minutes)
            numbers = p.get("articles") or []
            row["articles"] = sorted((article_row(a, doc) for n in numbers if (a := ix.article(doc, n))),
                                     key=lambda a: a["number"])
            first = numbers[0] if numbers else None
            rows.append(((last_if_none(first), m.key), row))
        return [row for _, row in sorted(rows, key=lambda kr: kr[0])]

    def _source(self, doc: Row, props: Row, prefix: str) -> Row:
        """{article, evidence} of a figure stored on a node as ``<prefix>Article/Start/End/Evidence``."""
        article = self._index.article(doc, props.get(f"{prefix}Article"))
        span = props.get(f"{prefix}Start")
        return {"article": article_row(article, doc) if article else None,
                "evidence": None if span is None else {"start": span, "end": props.get(f"{prefix}End"),
                                                       "text": props.get(f"{prefix}Evidence")}}

    def reporting_lines(
        self, jurisdiction: str, source: str | None, target: str | None, document: str | None
    ) -> list[Row]:
        ix = self._index
        doc = ix.document(jurisdiction, document)
        if doc is None:
            return []
        keyed = []
        for rel in ix.by_doc_type.get((doc["key"], "REPORTS_TO"), []):
            x, y = ix.nodes[rel.start], ix.nodes[rel.end]
            article = ix.article(doc, rel.props.get("article"))
            if (source is not None and x.props.get("kind") != source) or \
                    (target is not None and y.props.get("kind") != target) or article is None:
                continue
            r = rel.props
            row = {"from": entity_row(x), "to": entity_row(y), "matter": r.get("matter"),
                   "kind": r.get("kind"), "steps": reporting_steps(r),
                   "article": article_row(article, doc),
                   "evidence": {"start": r.get("start"), "end": r.get("end"), "text": r.get("evidence")}}
            keyed.append(((r["article"], last_if_none(r.get("start")), rel.key), row))
        return [row for _, row in sorted(keyed, key=lambda kr: kr[0])]

    def obligations(
        self, jurisdiction: str, bearer: str | None, modality: str | None, with_deadline: bool | None,
        document: str | None, skip: int, limit: int,
    ) -> tuple[int, list[Row]]:
        check_page(skip, limit)
        ix = self._index
        doc = ix.document(jurisdiction, document)
        if doc is None:
            return 0, []
        matched = [
            o for o in ix.by_doc_label.get((doc["key"], "Obligation"), [])
            if (bearer is None or o.props.get("bearerKey") == bearer)
            and (modality is None or o.props.get("modality") == modality)
            and (with_deadline is None or o.props.get("hasDeadline") == with_deadline)
        ]
        matched.sort(key=lambda o: (last_if_none(o.props.get("start")), o.key))
        page = []
        for o in matched[skip : skip + limit]:
            bearers = [ix.nodes[r.start] for r in ix.incoming.get(o.key, []) if r.type == "BEARS"]
            owed = [ix.nodes[r.end] for r in ix.outgoing.get(o.key, []) if r.type == "OWED_TO"]
            stated = [ix.nodes[r.end] for r in ix.outgoing.get(o.key, [])
                      if r.type == "STATED_IN" and ix.nodes[r.end].label == "Article"]
            article = article_row(stated[0], doc) if stated else None
            page.append(obligation_row(o, bearers[0] if bearers else None, owed[0] if owed else None, article))
        return len(matched), page

    def search(
        self, text: str, jurisdiction: str | None, skip: int, limit: int, document: str | None = None
    ) -> tuple[int, list[Row]]:
        check_page(skip, limit)
        ix = self._index
        if not text:
            return 0, []
        hits = []
        searched = ix.current.items() if document is None else (
            [(ix.jurisdiction_of[document], document)] if document in ix.documents else [])
        for jur, doc_key in searched:
            if jurisdiction is not None and jur != jurisdiction:
                continue
            doc = ix.documents[doc_key]
            full_name = ix.jurisdictions[jur].props.get("fullName")
            for a in ix.by_doc_label.get((doc_key, "Article"), []):
                score = (a.props.get("cleanText") or "").count(text)
                if score:
                    hits.append(((-score, full_name, doc_key, a.props["ordinal"]),
                                 {"article": article_row(a, doc), "score": score}))
        hits.sort(key=lambda kr: kr[0])
        return len(hits), [row for _, row in hits[skip : skip + limit]]

    def article(self, document: str, number: int) -> Row | None:
        ix = self._index
        doc = ix.documents.get(document)
        node = ix.articles.get((document, number))
        if doc is None or node is None:
            return None
        facts = sorted(ix.facts.get((document, number), []),
                       key=lambda r: (last_if_none(r.props.get("start")), last_if_none(r.props.get("end")),
                                      r.type, r.key))
        return {"article": article_row(node, doc),
                "facts": [fact_row(r, ix.nodes[r.start], ix.nodes[r.end]) for r in facts]}
