"""The embedded store's answers about a document's rules: each method mirrors the query file of
the same name in ``cypher/queries/`` (selection, order, page) and builds its rows only through
``schema/row_mapping.py``, as the Neo4j store does. Mixed into ``MemoryStore``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from schema import row_mapping as rm
from schema.model import Node, Relationship
from schema.rows import (
    PARTICIPANT_SLOTS,
    STEP_ACTIONS,
    ArticleRow,
    ComparisonRow,
    DocumentRow,
    JurisdictionRow,
    MeetingRow,
    ObligationRow,
    Page,
    ParticipantRow,
    ProvisionRow,
    ReportingLineRow,
    SearchHit,
    StepRow,
    last_if_none,
)

from .base import AmbiguousArticle, check_article_number, check_page, current_order_key

if TYPE_CHECKING:
    from .memory_index import MemoryIndex

#: a stored node's properties as the index holds them (a RuleDocument's with its derived version)
Doc = dict[str, Any]


_UNBUILT: Any = object()  # a row not built yet (None is an answer: no such article)


class DocumentQueries:
    if TYPE_CHECKING:
        # the store that mixes these queries in keeps the index (MemoryStore._index, rebuilt on read)
        @property
        def _index(self) -> MemoryIndex: ...

        #: compare's answers by (issuer, genre), for the index they were read from
        _compared: tuple[MemoryIndex | None, dict[tuple[str, str | None], list[ComparisonRow]]]
        _places: tuple[MemoryIndex | None, list[JurisdictionRow]]

    def _article(self, doc: Doc, key: str | None) -> ArticleRow | None:
        """The article a fact or figure cites by its key (printed numbers may repeat); its row is
        built once per index."""
        if key is None:
            return None
        rows, memo = self._index.rows, ("article", key, doc["key"])
        row: ArticleRow | None = rows.get(memo, _UNBUILT)
        if row is _UNBUILT:
            node = self._index.article(key)
            row = rows[memo] = rm.article(node.props, doc) if node is not None else None
        return row

    def _document(self, doc: Doc) -> DocumentRow:
        ix = self._index
        return rm.document(doc, tuple(r.end for r in ix.outgoing.get(doc["key"], []) if r.type == "SUPERSEDES"),
                           tuple(r.start for r in ix.incoming.get(doc["key"], []) if r.type == "SUPERSEDES"))

    def jurisdictions(self) -> list[JurisdictionRow]:
        """Built once per store version (rows are frozen: readers share them), so a question that
        reads every place, as ``ask`` does, costs a copy of the list, not a walk of the store."""
        ix = self._index
        memo = self._places
        if memo[0] is not ix:
            memo = self._places = (ix, self._jurisdictions_of(ix))
        return list(memo[1])

    def _jurisdictions_of(self, ix: MemoryIndex) -> list[JurisdictionRow]:
        out = []
        for key, node in ix.jurisdictions.items():
            docs = sorted((ix.documents[k] for k in ix.docs_by_jur[key]), key=current_order_key, reverse=True)
            out.append(rm.jurisdiction(node.props, [self._document(d) for d in docs]))
        return sorted(out, key=lambda r: r.place.full_name)

    def documents(self, jurisdiction: str | None) -> list[DocumentRow]:
        ix = self._index
        docs = [d for k, d in ix.documents.items() if jurisdiction is None or ix.jurisdiction_of[k] == jurisdiction]
        return [self._document(d) for d in sorted(docs, key=current_order_key, reverse=True)]

    def signatories(
        self, jurisdiction: str, issuer: str, genre: str | None, recipient: str | None, document: str | None
    ) -> list[StepRow]:
        doc = self._index.document(jurisdiction, document)
        if doc is None:
            return []
        return self._steps(doc, issuer, genre, recipient)

    def compare(self, issuer: str, genre: str | None) -> list[ComparisonRow]:
        """Built once per (issuer, genre) and store version: every place's answer is the same
        until the next write, so a read is a lookup, however many places the store holds."""
        ix = self._index
        memo = self._compared
        if memo[0] is not ix:
            memo = self._compared = (ix, {})
        if (issuer, genre) not in memo[1]:
            memo[1][(issuer, genre)] = self._compare(ix, issuer, genre)
        return list(memo[1][(issuer, genre)])  # rows are frozen: readers share them

    def _compare(self, ix: MemoryIndex, issuer: str, genre: str | None) -> list[ComparisonRow]:
        rows = []
        for jur, doc_key in ix.current.items():
            doc = ix.documents[doc_key]
            rows.append(ComparisonRow(place=rm.place(ix.jurisdictions[jur].props), document=rm.document_ref(doc),
                                      steps=tuple(self._steps(doc, issuer, genre, None))))
        return sorted(rows, key=lambda r: r.place.full_name)

    def _steps(self, doc: Doc, issuer: str, genre: str | None, recipient: str | None) -> list[StepRow]:
        dtypes = []
        for node in self._index.doctypes.get((doc["key"], issuer), []):
            genres = node.props.get("genres") or []
            if genre is not None and genre not in genres and genres:
                continue
            if recipient is not None and node.props.get("recipientKey") != recipient:
                continue
            dtypes.append(node)
        return self._step_rows(doc, dtypes)

    def _step_rows(self, doc: Doc, dtypes: list[Node]) -> list[StepRow]:
        ix = self._index
        keyed = []
        for dtype in dtypes:
            for rel in ix.incoming.get(dtype.key, []):
                article = self._article(doc, rel.props.get("articleKey"))
                if rel.type not in STEP_ACTIONS or article is None:
                    continue
                actor = ix.nodes[rel.start]
                row = rm.step(actor.label, actor.props, rel.type, rel.props, dtype.props, article)
                keyed.append(((dtype.key, last_if_none(article.ordinal), last_if_none(rel.props.get("order")),
                               rel.key), row))
        return [row for _, row in sorted(keyed, key=lambda kr: kr[0])]

    def signing_rules(self, document: str) -> list[StepRow]:
        ix = self._index
        doc = ix.documents.get(document)
        if doc is None:
            return []
        return self._step_rows(doc, ix.by_doc_label.get((document, "DocumentType"), []))

    def articles(self, document: str) -> list[ArticleRow]:
        ix = self._index
        doc = ix.documents.get(document)
        if doc is None:
            return []
        nodes = sorted(ix.by_doc_label.get((document, "Article"), []), key=lambda a: a.props["ordinal"])
        return [rm.article_in_document(a.props, doc) for a in nodes]

    def meetings(self, jurisdiction: str, meeting: str | None, document: str | None) -> list[MeetingRow]:
        ix = self._index
        doc = ix.document(jurisdiction, document)
        if doc is None:
            return []
        rows = []
        for m in ix.by_doc_label.get((doc["key"], "Meeting"), []):
            p = m.props
            if meeting is not None and p.get("kind") != meeting:
                continue
            rels = sorted((r for r in ix.incoming.get(m.key, []) if r.type in PARTICIPANT_SLOTS),
                          key=lambda r: (last_if_none(r.props.get("order")), r.start, r.key))
            participants = [(r.type, self._participant(doc, r)) for r in rels]
            minutes = [ix.nodes[r.start] for r in ix.incoming.get(m.key, [])
                       if r.type == "ISSUED_AS" and "minutes" in (ix.nodes[r.start].props.get("genres") or [])]
            articles = sorted((a for k in p.get("articleKeys") or [] if (a := self._article(doc, k))),
                              key=lambda a: last_if_none(a.ordinal))
            row = rm.meeting(p, participants, self._article(doc, p.get("frequencyArticleKey")),
                             self._article(doc, p.get("quorumArticleKey")), self._step_rows(doc, minutes), articles)
            rows.append(((last_if_none(articles[0].ordinal if articles else None), m.key), row))
        return [row for _, row in sorted(rows, key=lambda kr: kr[0])]

    def _participant(self, doc: Doc, rel: Relationship) -> ParticipantRow:
        rows, memo = self._index.rows, ("participant", rel.key, doc["key"])
        row: ParticipantRow | None = rows.get(memo)
        if row is None:
            actor = self._index.nodes[rel.start]
            row = rows[memo] = rm.participant(actor.label, actor.props, rel.props,
                                              self._article(doc, rel.props.get("articleKey")))
        return row

    def reporting_lines(
        self, jurisdiction: str, source: str | None, target: str | None, document: str | None
    ) -> list[ReportingLineRow]:
        ix = self._index
        doc = ix.document(jurisdiction, document)
        if doc is None:
            return []
        keyed = []
        for rel in ix.by_doc_type.get((doc["key"], "REPORTS_TO"), []):
            x, y = ix.nodes[rel.start], ix.nodes[rel.end]
            article = self._article(doc, rel.props.get("articleKey"))
            if (source is not None and x.props.get("kind") != source) or \
                    (target is not None and y.props.get("kind") != target) or article is None:
                continue
            row = rm.reporting_line(x.label, x.props, y.label, y.props, rel.props, article)
            keyed.append(((last_if_none(article.ordinal), last_if_none(rel.props.get("start")), rel.key), row))
        return [row for _, row in sorted(keyed, key=lambda kr: kr[0])]

    def obligations(
        self, jurisdiction: str, bearer: str | None, modality: str | None, with_deadline: bool | None,
        document: str | None, skip: int, limit: int,
    ) -> Page[ObligationRow]:
        check_page(skip, limit)
        ix = self._index
        doc = ix.document(jurisdiction, document)
        if doc is None:
            return Page(total=0, rows=())
        matched = [
            o for o in ix.by_doc_label.get((doc["key"], "Obligation"), [])
            if (bearer is None or o.props.get("bearerKey") == bearer)
            and (modality is None or o.props.get("modality") == modality)
            and (with_deadline is None or o.props.get("hasDeadline") == with_deadline)
        ]
        matched.sort(key=lambda o: (last_if_none(o.props.get("start")), o.key))
        return Page(total=len(matched), rows=tuple(self._obligation(doc, o) for o in matched[skip : skip + limit]))

    def _obligation(self, doc: Doc, o: Node) -> ObligationRow:
        ix = self._index
        bearers = [ix.nodes[r.start] for r in ix.incoming.get(o.key, []) if r.type == "BEARS"]
        owed = [ix.nodes[r.end] for r in ix.outgoing.get(o.key, []) if r.type == "OWED_TO"]
        stated = [ix.nodes[r.end] for r in ix.outgoing.get(o.key, [])
                  if r.type == "STATED_IN" and ix.nodes[r.end].label == "Article"]
        if not stated:
            raise ValueError(f"obligation {o.key!r} is stated in no article: the store is broken")
        return rm.obligation(o.props, (bearers[0].label, bearers[0].props) if bearers else None,
                             (owed[0].label, owed[0].props) if owed else None, rm.article(stated[0].props, doc))

    def search(
        self, text: str, jurisdiction: str | None, skip: int, limit: int, document: str | None = None
    ) -> Page[SearchHit]:
        check_page(skip, limit)
        ix = self._index
        if not text:
            return Page(total=0, rows=())
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
                    hits.append(((-score, full_name, doc_key, a.props["ordinal"]), (a, doc, score)))
        hits.sort(key=lambda kr: kr[0])
        return Page(total=len(hits), rows=tuple(SearchHit(article=rm.article(a.props, doc), score=score)
                                                for _, (a, doc, score) in hits[skip : skip + limit]))

    def article(self, document: str, number: int | None = None, ordinal: int | None = None) -> ProvisionRow | None:
        ix = self._index
        doc = ix.documents.get(document)
        if ordinal is not None:
            node = ix.placed.get((document, ordinal))
            found = [node] if node is not None and number in (None, node.props["number"]) else []
        else:
            found = ix.numbered.get((document, check_article_number(number)), [])
        if doc is None or not found:
            return None
        if len(found) > 1:
            raise AmbiguousArticle(document, number, [a.props["ordinal"] for a in found])
        node = found[0]
        facts = sorted(ix.facts.get(node.key, []),
                       key=lambda r: (last_if_none(r.props.get("start")), last_if_none(r.props.get("end")),
                                      r.type, r.key))
        return ProvisionRow(article=rm.article(node.props, doc), facts=tuple(
            rm.fact(r.type, r.props, (ix.nodes[r.start].label, ix.nodes[r.start].props),
                    (ix.nodes[r.end].label, ix.nodes[r.end].props)) for r in facts))
