"""The embedded store's answers about what a government is made of (mirrors
cypher/queries/government.cypher, basis.cypher and instrument.cypher; the contract test holds
both stores to the same answers). Mixed into ``MemoryStore``.

Row shapes (``stores.base`` documents the shared ones):

* ``government``: {body: EntityRow, links: [LinkRow], principles: {article, evidence} | None},
  LinkRow = {relation, who: EntityRow, of: EntityRow, cue, condition, article: ArticleRow,
  evidence} in document order (article, evidence start, order, key). ``relation`` is member,
  head, acting, assists, leadership or accountable (``ingest/government_facts.py``).
* ``basis``: [{instrument: {key, title}, verb, written, order, article, evidence}] by order.
* ``instrument``: {key, title, citedBy: [{jurisdiction: {key, name, fullName, nameEn, level,
  parent}, document: DocumentRef, verb, written, article, evidence}]} by jurisdiction full
  name, document key, order; None when no document cites it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schema.model import Relationship

from .base import Row
from .rows import article_row, document_ref, entity_row, last_if_none, span_row

if TYPE_CHECKING:
    from .memory_index import MemoryIndex

GOVERNMENT_TYPES = ("IN_GOVERNMENT", "HEADS", "DEPUTIZES_FOR", "ASSISTS", "LEADS", "ACCOUNTABLE_TO")
_JURISDICTION_FIELDS = ("key", "name", "fullName", "nameEn", "level", "parent")


class GovernmentQueries:
    if TYPE_CHECKING:
        # the store that mixes these queries in keeps the index (MemoryStore._index, rebuilt on read)
        @property
        def _index(self) -> MemoryIndex: ...

    def government(self, jurisdiction: str, document: str | None) -> Row | None:
        ix = self._index
        doc = ix.document(jurisdiction, document)
        if doc is None:
            return None
        bodies = [b for b in ix.by_doc_label.get((doc["key"], "Body"), []) if b.props.get("government")]
        if not bodies:
            return None
        body = min(bodies, key=lambda b: b.key)
        keyed = []
        for rel_type in GOVERNMENT_TYPES:
            for rel in ix.by_doc_type.get((doc["key"], rel_type), []):
                article = ix.article(doc, rel.props.get("article"))
                if article is None:
                    continue
                keyed.append(((rel.props["article"], last_if_none(rel.props.get("start")),
                               last_if_none(rel.props.get("order")), rel.key), self._link(rel, article_row(article, doc))))
        p = body.props
        principles = None
        if p.get("principlesArticle") is not None:
            article = ix.article(doc, p["principlesArticle"])
            principles = {"article": article_row(article, doc) if article else None,
                          "evidence": {"start": p.get("principlesStart"), "end": p.get("principlesEnd"),
                                       "text": p.get("principlesEvidence")}}
        return {"body": entity_row(body), "links": [row for _, row in sorted(keyed, key=lambda kr: kr[0])],
                "principles": principles}

    def _link(self, rel: Relationship, article: Row) -> Row:
        ix = self._index
        start, end = ix.nodes[rel.start], ix.nodes[rel.end]
        r = rel.props
        who, of = (end, start) if rel.type == "ACCOUNTABLE_TO" else (start, end)
        return {"relation": r.get("relation"), "who": entity_row(who), "of": entity_row(of), "cue": r.get("cue"),
                "condition": r.get("condition"), "article": article, "evidence": span_row(r)}

    def basis(self, document: str) -> list[Row]:
        ix = self._index
        doc = ix.documents.get(document)
        if doc is None:
            return []
        rows = []
        for rel in ix.outgoing.get(document, []):
            article = ix.article(doc, rel.props.get("article"))
            if rel.type != "BASED_ON" or article is None:
                continue
            rows.append(((last_if_none(rel.props.get("order")), rel.key), self._citation(rel, article_row(article, doc))))
        return [row for _, row in sorted(rows, key=lambda kr: kr[0])]

    def _citation(self, rel: Relationship, article: Row) -> Row:
        node = self._index.nodes[rel.end]
        r = rel.props
        return {"instrument": {"key": node.key, "title": node.props.get("title")}, "verb": r.get("verb"),
                "written": r.get("written"), "order": r.get("order"), "article": article, "evidence": span_row(r)}

    def instrument(self, key: str) -> Row | None:
        ix = self._index
        node = ix.nodes.get(key)
        if node is None or node.label != "Instrument":
            return None
        cited = []
        for rel in ix.incoming.get(key, []):
            doc = ix.documents.get(rel.start)
            article = ix.article(doc, rel.props.get("article")) if doc else None
            if rel.type != "BASED_ON" or doc is None or article is None:
                continue
            jur = ix.jurisdictions[ix.jurisdiction_of[rel.start]]
            row = self._citation(rel, article_row(article, doc))
            del row["instrument"], row["order"]
            row["jurisdiction"] = {k: jur.props.get(k) for k in _JURISDICTION_FIELDS}
            row["document"] = document_ref(doc)
            cited.append(((jur.props.get("fullName"), doc["key"], last_if_none(rel.props.get("order"))), row))
        if not cited:
            return None
        return {"key": key, "title": node.props.get("title"), "citedBy": [r for _, r in sorted(cited, key=lambda kr: kr[0])]}
