"""The embedded store's answers about what a government is made of (mirrors
cypher/queries/government.cypher, basis.cypher and instrument.cypher; the contract test holds
both stores to the same answers; ``stores/base.py`` documents order and meaning). Rows are built
only through ``schema/row_mapping.py``. Mixed into ``MemoryStore``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schema import row_mapping as rm
from schema.rows import CitationRow, CitedByRow, GovernmentRow, InstrumentRow, last_if_none

if TYPE_CHECKING:
    from .memory_index import MemoryIndex

GOVERNMENT_TYPES = ("IN_GOVERNMENT", "HEADS", "DEPUTIZES_FOR", "ASSISTS", "LEADS", "ACCOUNTABLE_TO")


class GovernmentQueries:
    if TYPE_CHECKING:
        # the store that mixes these queries in keeps the index (MemoryStore._index, rebuilt on read)
        @property
        def _index(self) -> MemoryIndex: ...

    def government(self, jurisdiction: str, document: str | None) -> GovernmentRow | None:
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
                article = ix.article(rel.props.get("articleKey"))
                if article is None:
                    continue
                start, end = ix.nodes[rel.start], ix.nodes[rel.end]
                row = rm.link(rel.type, rel.props, (start.label, start.props), (end.label, end.props),
                              rm.article(article.props, doc))
                keyed.append(((article.props["ordinal"], last_if_none(rel.props.get("start")),
                               last_if_none(rel.props.get("order")), rel.key), row))
        principles = ix.article(body.props.get("principlesArticleKey"))
        return rm.government(body.label, body.props, [row for _, row in sorted(keyed, key=lambda kr: kr[0])],
                             rm.article(principles.props, doc) if principles else None)

    def basis(self, document: str) -> list[CitationRow]:
        ix = self._index
        doc = ix.documents.get(document)
        if doc is None:
            return []
        rows = []
        for rel in ix.outgoing.get(document, []):
            article = ix.article(rel.props.get("articleKey"))
            if rel.type != "BASED_ON" or article is None:
                continue
            row = rm.citation(rel.props, ix.nodes[rel.end].props, rm.article(article.props, doc))
            rows.append(((last_if_none(rel.props.get("order")), rel.key), row))
        return [row for _, row in sorted(rows, key=lambda kr: kr[0])]

    def instrument(self, key: str) -> InstrumentRow | None:
        ix = self._index
        node = ix.nodes.get(key)
        if node is None or node.label != "Instrument":
            return None
        cited: list[tuple[tuple[str, str, tuple[bool, int]], CitedByRow]] = []
        for rel in ix.incoming.get(key, []):
            doc = ix.documents.get(rel.start)
            article = ix.article(rel.props.get("articleKey")) if doc else None
            if rel.type != "BASED_ON" or doc is None or article is None:
                continue
            jur = ix.jurisdictions[ix.jurisdiction_of[rel.start]]
            row = rm.cited_by(rel.props, jur.props, doc, rm.article(article.props, doc))
            cited.append(((jur.props["fullName"], doc["key"], last_if_none(rel.props.get("order"))), row))
        if not cited:
            return None
        return rm.instrument(node.props, [r for _, r in sorted(cited, key=lambda kr: kr[0])])
