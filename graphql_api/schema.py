"""The GraphQL schema (strawberry). Resolvers resolve names, ask the store one named
question, and wrap its rows; they hold no logic of their own beyond that."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from .names import resolve_jurisdiction, resolve_term


@strawberry.enum
class SigningAction(Enum):
    SIGN = "SIGN"
    APPROVE = "APPROVE"
    REVIEW = "REVIEW"
    COUNTERSIGN = "COUNTERSIGN"


@strawberry.type(description="A role or body that acts in a rule (区政府办公室主任).")
class RoleRef:
    key: str = strawberry.field(description="Level-independent vocabulary key, e.g. office_director")
    name: str
    name_en: str | None
    label: str = strawberry.field(description="Role or Body")


@strawberry.type
class DocumentRef:
    key: str
    title: str
    status: str
    jurisdiction: str


@strawberry.type(description="The article a fact comes from: cite it.")
class ArticleRef:
    key: str
    number: int = strawberry.field(description="Ordinal number of the article in its document (1..N)")
    label: str = strawberry.field(description="The article's number as written: 第五十五条, 五十五、")
    text: str = strawberry.field(description="Article text in the source script, without page markers")
    raw_text: str = strawberry.field(description="The exact characters of the source file[start:end]")
    start: int
    end: int
    document: DocumentRef


@strawberry.type(description="The sentence or clause that states a fact, as a span of the source file.")
class Evidence:
    start: int
    end: int
    text: str


@strawberry.type
class DocumentTypeRef:
    key: str
    name: str
    issuer: str
    genres: list[str]
    recipient: str | None
    direction: str | None


@strawberry.type(description="One step of a signing rule: who signs/approves/reviews/countersigns, and when.")
class SigningStep:
    role: RoleRef
    action: SigningAction
    condition: str | None = strawberry.field(description="The case this step applies to; null = the default rule")
    verb: str | None
    delegated: bool | None
    order: int
    document_type: DocumentTypeRef
    article: ArticleRef
    evidence: Evidence


@strawberry.type
class RuleDocumentInfo:
    key: str
    title: str
    doc_number: str | None
    issued: str | None
    adopted: str | None
    status: str
    current: bool | None
    file: str | None
    article_count: int | None
    chapter_count: int | None
    warnings: list[str]
    supersedes_numbers: list[str]


@strawberry.type
class Jurisdiction:
    key: str
    name: str
    full_name: str
    name_en: str | None
    level: str | None
    parent: str | None
    documents: list[RuleDocumentInfo]


def _jurisdiction(row: dict[str, Any]) -> Jurisdiction:
    docs = [
        RuleDocumentInfo(**{_snake(k): (v if v is not None or k not in ("warnings", "supersedesNumbers") else [])
                            for k, v in d.items()})
        for d in row.get("documents", [])
    ]
    return Jurisdiction(
        key=row["key"], name=row["name"], full_name=row["fullName"], name_en=row.get("nameEn"),
        level=row.get("level"), parent=row.get("parent"), documents=docs,
    )


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def _signing_step(row: dict[str, Any]) -> SigningStep:
    article = row["article"]
    return SigningStep(
        role=RoleRef(key=row["role"]["key"], name=row["role"]["name"], name_en=row["role"].get("nameEn"),
                     label=row["role"]["label"]),
        action=SigningAction(row["action"]),
        condition=row.get("condition"),
        verb=row.get("verb"),
        delegated=row.get("delegated"),
        order=row["order"],
        document_type=DocumentTypeRef(**row["documentType"]),
        article=ArticleRef(
            key=article["key"], number=article["number"], label=article["label"], text=article["text"],
            raw_text=article["rawText"], start=article["start"], end=article["end"],
            document=DocumentRef(**article["document"]),
        ),
        evidence=Evidence(**row["evidence"]),
    )


def _store(info: Info) -> Any:
    return info.context["store"]


@strawberry.type
class Query:
    @strawberry.field(description="Every jurisdiction with its rules documents.")
    def jurisdictions(self, info: Info) -> list[Jurisdiction]:
        return [_jurisdiction(row) for row in _store(info).jurisdictions()]

    @strawberry.field(description="One jurisdiction by name: 朝阳区, 朝阳, 北京市朝阳区 or Chaoyang.")
    def jurisdiction(self, info: Info, name: str) -> Jurisdiction | None:
        return _jurisdiction(resolve_jurisdiction(name, _store(info).jurisdictions()))

    @strawberry.field(
        description="Who signs documents issued under a name (issuer), optionally of a genre and to a recipient. "
        "Names accept Chinese, English and aliases: issuer 'office' = 区政府办公室."
    )
    def signatories(
        self,
        info: Info,
        jurisdiction: str,
        issuer: str,
        genre: str | None = None,
        recipient: str | None = None,
        document: str | None = None,
    ) -> list[SigningStep]:
        store = _store(info)
        jur = resolve_jurisdiction(jurisdiction, store.jurisdictions())
        issuer_key = resolve_term("issuer", issuer, ("body", "meeting")).key
        genre_key = resolve_term("genre", genre, ("genre",)).key if genre else None
        recipient_key = resolve_term("recipient", recipient, ("body",)).key if recipient else None
        rows = store.signatories(jur["key"], issuer_key, genre_key, recipient_key, document)
        return [_signing_step(row) for row in rows]


schema = strawberry.Schema(query=Query)
