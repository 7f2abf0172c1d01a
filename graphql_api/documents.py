"""GraphQL types of jurisdictions and their rules documents, and their builders from the read
model (``JurisdictionRow``, ``DocumentRow``, ``PlaceRow`` of ``schema/rows.py``)."""

from __future__ import annotations

import strawberry

from schema import rows

from . import builders
from . import types as t


@strawberry.type
class RuleDocument:
    key: str
    title: str
    doc_number: str | None
    issued: str | None
    adopted: str | None
    published: str | None = strawberry.field(description="Release date of the web page the text was copied from")
    source_url: str | None = strawberry.field(description="Where the text came from (ingest --source-url, sources.yaml)")
    status: str = strawberry.field(description="effective, draft or superseded (a newer version exists)")
    published_status: str | None = strawberry.field(description="The status the document states of itself")
    current: bool | None
    jurisdiction: str | None
    supersedes: list[str] = strawberry.field(description="Keys of the versions this one replaces")
    superseded_by: list[str]
    file: str | None
    article_count: int | None
    chapter_count: int | None
    warnings: list[str]
    supersedes_numbers: list[str]

    @strawberry.field(description="The instruments the rules are based on (根据/参照《…》), in the order named.")
    def basis(self, info: strawberry.Info) -> list[t.BasisCitation]:
        return [builders.basis_citation(row) for row in info.context["store"].basis(self.key)]


@strawberry.type
class Jurisdiction:
    key: str
    name: str
    full_name: str
    name_en: str | None
    level: str | None
    parent: str | None
    documents: list[RuleDocument]


def rule_document(row: rows.DocumentRow) -> RuleDocument:
    return RuleDocument(
        key=row.key, title=row.title, doc_number=row.doc_number, issued=row.issued, adopted=row.adopted,
        published=row.published, source_url=row.source_url, status=row.status, published_status=row.published_status,
        current=row.current, jurisdiction=row.jurisdiction, supersedes=list(row.supersedes),
        superseded_by=list(row.superseded_by), file=row.file, article_count=row.article_count,
        chapter_count=row.chapter_count, warnings=list(row.warnings), supersedes_numbers=list(row.supersedes_numbers),
    )


def place(row: rows.PlaceRow, documents: tuple[rows.DocumentRow, ...] = ()) -> Jurisdiction:
    return Jurisdiction(key=row.key, name=row.name, full_name=row.full_name, name_en=row.name_en, level=row.level,
                        parent=row.parent, documents=[rule_document(d) for d in documents])


def jurisdiction(row: rows.JurisdictionRow) -> Jurisdiction:
    return place(row.place, row.documents)
