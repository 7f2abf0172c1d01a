"""The Neo4j store's answers from the records of its named queries (``cypher/queries/<name>.cypher``):
``NamedQueries``, mixed into ``Neo4jStore``, answers each question of the ``Store`` protocol
with one query, one round trip.

The queries select, order and page, and return the nodes and relationships they found (a
record's columns, or ``[x, r, ...]`` lists collected per row); every row is built here through
``schema/row_mapping.py``, the mapping the embedded store uses: a node passes its single label
and its properties, a relationship its type and its properties. One reader per query file,
named after it (``READERS``), each taking the records of one round trip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from neo4j import Record
from neo4j.graph import Node, Relationship

import cypher
from schema import row_mapping as rm
from schema.rows import (
    ArticleRow,
    CitationRow,
    ComparisonRow,
    DocumentRef,
    DocumentRow,
    DocumentTypeRow,
    EntityRow,
    GovernmentRow,
    InstrumentRow,
    JurisdictionRow,
    MeetingRow,
    ObligationRow,
    Page,
    ProvisionRow,
    ReportingLineRow,
    SearchHit,
    StepRow,
)

from .base import AmbiguousArticle, check_article_number, check_page
from .neo4j_records import release

Records = Sequence[Record]
T = TypeVar("T")


def label(node: Node) -> str:
    """The node's label: every node of the model has exactly one."""
    (only,) = node.labels
    return only


def props(item: Node | Relationship) -> dict[str, Any]:
    return dict(item.items())


class SharedRows:
    """Rows of the nodes one result repeats, built once per result: a document under each of its
    steps, an article under each step it states, a document type under each of its signers
    (the rows are immutable, so the repeats share them; compare's 1,186 steps name 371 documents)."""

    __slots__ = ("_articles", "_documents", "_roles", "_types")

    def __init__(self) -> None:
        self._documents: dict[str, DocumentRef] = {}
        self._articles: dict[tuple[str, str], ArticleRow] = {}
        self._types: dict[str, DocumentTypeRow] = {}
        self._roles: dict[str, EntityRow] = {}

    def document(self, d: Node) -> DocumentRef:
        found = self._documents.get(d.element_id)
        if found is None:
            found = self._documents[d.element_id] = rm.document_ref(props(d))
        return found

    def article(self, a: Node, d: Node) -> ArticleRow:
        key = (a.element_id, d.element_id)
        found = self._articles.get(key)
        if found is None:
            found = self._articles[key] = rm.article_in(props(a), self.document(d))
        return found

    def step(self, actor: Node, s: Relationship, t: Node, a: Node, d: Node) -> StepRow:
        role = self._roles.get(actor.element_id)
        if role is None:
            role = self._roles[actor.element_id] = rm.entity(label(actor), props(actor))
        dtype = self._types.get(t.element_id)
        if dtype is None:
            dtype = self._types[t.element_id] = rm.document_type(props(t))
        return rm.step_of(role, s.type, props(s), dtype, self.article(a, d))


def labelled(node: Node) -> tuple[str, dict[str, Any]]:
    return label(node), props(node)


def article(a: Node, d: Node) -> ArticleRow:
    return rm.article(props(a), props(d))


def optional_article(a: Node | None, d: Node) -> ArticleRow | None:
    return article(a, d) if a is not None else None


def document(d: Node, supersedes: list[str], superseded_by: list[str]) -> DocumentRow:
    return rm.document(props(d), tuple(supersedes), tuple(superseded_by))


# -- one reader per query file ------------------------------------------------------------------


def counts(records: Records) -> dict[str, int]:
    return {r["name"]: r["count"] for r in records}


def jurisdictions(records: Records) -> list[JurisdictionRow]:
    return [rm.jurisdiction(props(r["j"]), [document(*entry) for entry in r["documents"]]) for r in records]


def documents(records: Records) -> list[DocumentRow]:
    return [document(r["d"], r["supersedes"], r["supersededBy"]) for r in records]


def steps(records: Records) -> list[StepRow]:
    """signatories and signing_rules: one step per record."""
    shared = SharedRows()
    return [shared.step(r["actor"], r["s"], r["t"], r["a"], r["d"]) for r in records]


def compare(records: Records) -> list[ComparisonRow]:
    shared = SharedRows()
    return [ComparisonRow(place=rm.place(props(r["j"])), document=shared.document(r["d"]),
                          steps=tuple(shared.step(actor, s, t, a, r["d"]) for actor, s, t, a in r["steps"]))
            for r in records]


def articles(records: Records) -> list[ArticleRow]:
    return [rm.article_in_document(props(r["a"]), props(r["d"])) for r in records]


def meetings(records: Records) -> list[MeetingRow]:
    out, shared = [], SharedRows()

    def cited(a: Node | None, d: Node) -> ArticleRow | None:
        return shared.article(a, d) if a is not None else None

    for r in records:
        d = r["d"]
        participants = [(rel.type, rm.participant(label(x), props(x), props(rel), cited(a, d)))
                        for x, rel, a in r["participants"]]
        out.append(rm.meeting(props(r["m"]), participants, cited(r["frequencyArticle"], d),
                              cited(r["quorumArticle"], d),
                              [shared.step(actor, s, t, a, d) for actor, s, t, a in r["minutesSigners"]],
                              [shared.article(a, d) for a in r["articles"]]))
    return out


def reporting_lines(records: Records) -> list[ReportingLineRow]:
    return [rm.reporting_line(label(r["x"]), props(r["x"]), label(r["y"]), props(r["y"]), props(r["r"]),
                              article(r["a"], r["d"])) for r in records]


def obligations(records: Records) -> Page[ObligationRow]:
    if not records:
        return Page(total=0, rows=())
    (r,) = records
    rows = []
    for o, bearer, counterparty, a in r["rows"]:
        if a is None:
            raise ValueError(f"obligation {o.get('key')!r} is stated in no article: the store is broken")
        rows.append(rm.obligation(props(o), labelled(bearer) if bearer is not None else None,
                                  labelled(counterparty) if counterparty is not None else None, article(a, r["d"])))
    return Page(total=r["total"], rows=tuple(rows))


def search(records: Records) -> Page[SearchHit]:
    if not records:
        return Page(total=0, rows=())
    (r,) = records
    return Page(total=r["total"], rows=tuple(SearchHit(article=article(a, d), score=score) for a, d, score in r["rows"]))


def provision(records: Records) -> ProvisionRow | None:
    """The article query: one provision with its facts (the first of those it matched)."""
    if not records:
        return None
    (r,) = records
    return ProvisionRow(article=article(r["a"], r["d"]),
                        facts=tuple(rm.fact(rel.type, props(rel), labelled(x), labelled(y)) for x, rel, y in r["facts"]))


def government(records: Records) -> GovernmentRow | None:
    if not records:
        return None
    (r,) = records
    d = r["d"]
    links = [rm.link(rel.type, props(rel), labelled(x), labelled(y), article(a, d)) for x, rel, y, a in r["links"]]
    return rm.government(label(r["g"]), props(r["g"]), links, optional_article(r["principlesArticle"], d))


def basis(records: Records) -> list[CitationRow]:
    return [rm.citation(props(r["r"]), props(r["i"]), article(r["a"], r["d"])) for r in records]


def instrument(records: Records) -> InstrumentRow | None:
    if not records:
        return None
    (r,) = records
    return rm.instrument(props(r["i"]), [rm.cited_by(props(rel), props(j), props(d), article(a, d))
                                         for j, d, rel, a in r["citedBy"]])


#: query file -> the reader of its records (tests/stores/test_queries.py runs each file through it)
READERS: dict[str, Callable[[Records], Any]] = {
    "count_nodes": counts, "count_relationships": counts, "jurisdictions": jurisdictions, "documents": documents,
    "signatories": steps, "signing_rules": steps, "compare": compare, "articles": articles, "meetings": meetings,
    "reporting_lines": reporting_lines, "obligations": obligations, "search": search, "article": provision,
    "government": government, "basis": basis, "instrument": instrument,
}


class NamedQueries:
    """The questions of the ``Store`` protocol, each one named query read by its reader."""

    if TYPE_CHECKING:
        # Neo4jStore.run_records: one statement in a read transaction, one round trip
        def run_records(self, statement: str, params: dict[str, Any]) -> list[Record]: ...

    def _records(self, name: str, **params: Any) -> list[Record]:
        """The records of the named query ``cypher/queries/<name>.cypher``."""
        return self.run_records(cypher.statement(f"queries/{name}"), params)

    def _read(self, reader: Callable[[Records], T], name: str, **params: Any) -> T:
        """The named query's records through ``reader``, then released (``release``)."""
        records = self._records(name, **params)
        try:
            return reader(records)
        finally:
            release(records)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        return self._read(counts, "count_nodes"), self._read(counts, "count_relationships")

    def jurisdictions(self) -> list[JurisdictionRow]:
        return self._read(jurisdictions, "jurisdictions")

    def documents(self, jurisdiction: str | None) -> list[DocumentRow]:
        return self._read(documents, "documents", jurisdiction=jurisdiction)

    def signatories(
        self, jurisdiction: str, issuer: str, genre: str | None, recipient: str | None, document: str | None
    ) -> list[StepRow]:
        return self._read(steps, "signatories", jurisdiction=jurisdiction, issuer=issuer, genre=genre,
                          recipient=recipient, document=document)

    def compare(self, issuer: str, genre: str | None) -> list[ComparisonRow]:
        return self._read(compare, "compare", issuer=issuer, genre=genre)

    def signing_rules(self, document: str) -> list[StepRow]:
        return self._read(steps, "signing_rules", document=document)

    def articles(self, document: str) -> list[ArticleRow]:
        return self._read(articles, "articles", document=document)

    def meetings(self, jurisdiction: str, meeting: str | None, document: str | None) -> list[MeetingRow]:
        return self._read(meetings, "meetings", jurisdiction=jurisdiction, meeting=meeting, document=document)

    def reporting_lines(
        self, jurisdiction: str, source: str | None, target: str | None, document: str | None
    ) -> list[ReportingLineRow]:
        return self._read(reporting_lines, "reporting_lines", jurisdiction=jurisdiction, source=source,
                          target=target, document=document)

    def obligations(
        self, jurisdiction: str, bearer: str | None, modality: str | None, with_deadline: bool | None,
        document: str | None, skip: int, limit: int,
    ) -> Page[ObligationRow]:
        check_page(skip, limit)
        return self._read(obligations, "obligations", jurisdiction=jurisdiction, bearer=bearer,
                          modality=modality, withDeadline=with_deadline, document=document, skip=skip, limit=limit)

    def search(
        self, text: str, jurisdiction: str | None, skip: int, limit: int, document: str | None = None
    ) -> Page[SearchHit]:
        check_page(skip, limit)
        return self._read(search, "search", text=text, jurisdiction=jurisdiction, skip=skip, limit=limit,
                          document=document)

    def article(self, document: str, number: int | None = None, ordinal: int | None = None) -> ProvisionRow | None:
        if ordinal is None:
            check_article_number(number)

        def read(records: Records) -> ProvisionRow | None:
            if records and len(records[0]["ordinals"]) > 1:  # refused as the embedded store refuses it
                raise AmbiguousArticle(document, number, list(records[0]["ordinals"]))
            return provision(records)

        return self._read(read, "article", document=document, number=number, ordinal=ordinal)

    def government(self, jurisdiction: str, document: str | None) -> GovernmentRow | None:
        return self._read(government, "government", jurisdiction=jurisdiction, document=document)

    def basis(self, document: str) -> list[CitationRow]:
        return self._read(basis, "basis", document=document)

    def instrument(self, key: str) -> InstrumentRow | None:
        return self._read(instrument, "instrument", key=key)
