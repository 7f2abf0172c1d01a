"""GraphQL types for what a government is made of, and the builders from store rows
(stores/memory_government.py documents the rows). Every fact carries its article and evidence."""

from __future__ import annotations

import strawberry

from schema.model import instrument_key

from . import types as t

Row = t.Row


@strawberry.type(description="One fact about a government: `who` is a member of, heads, acts for, assists, "
                 "leads or is answered to by `of`, as the article states.")
class GovernmentLink:
    who: t.Entity
    of: t.Entity
    cue: str | None = strawberry.field(description="As written: 区长负责制, 受区长委托, 按分工负责")
    condition: str | None = strawberry.field(description="When it applies, as written: 区长外出期间, 县人大闭会期间")
    article: t.Article
    evidence: t.Evidence


@strawberry.type(description="A quotation of the rules: the clause as written, with its article.")
class Quotation:
    text: str
    article: t.Article | None
    evidence: t.Evidence | None


@strawberry.type(description="An instrument a rules document is based on (根据《…》, 参照《…》).")
class BasisCitation:
    instrument_key: str
    title: str = strawberry.field(description="Normalized title, shared by every document citing it")
    written: str | None = strawberry.field(description="The title as written in this document")
    verb: str | None = strawberry.field(description="根据, 参照, 依据 …")
    article: t.Article
    evidence: t.Evidence


@strawberry.type(description="A document that cites an instrument, and how.")
class InstrumentCitation:
    document: t.DocumentRef
    jurisdiction: str = strawberry.field(description="Full name of the citing document's jurisdiction")
    verb: str | None
    written: str | None
    article: t.Article
    evidence: t.Evidence


@strawberry.type(description="A law or higher rules (《国务院工作规则》) and the rules documents based on it.")
class Instrument:
    key: str
    title: str
    cited_by: list[InstrumentCitation]


@strawberry.type(description="What a government is made of, each fact with its article.")
class Government:
    body: t.Entity = strawberry.field(description="The government itself: 区政府, or 管委会 for a zone")
    members: list[GovernmentLink] = strawberry.field(description="Its composition (X由…组成)")
    head: list[GovernmentLink] = strawberry.field(description="Who heads it (实行区长负责制)")
    acting: list[GovernmentLink] = strawberry.field(description="Who acts for the head, and when (外出期间, 受委托)")
    assistants: list[GovernmentLink] = strawberry.field(description="Who assists whom (副区长协助区长工作)")
    leadership: list[GovernmentLink] = strawberry.field(description="Under whose leadership it works (在区委领导下)")
    accountability: list[GovernmentLink] = strawberry.field(description="To whom it answers (负责并报告工作)")
    principles: Quotation | None = strawberry.field(description="Its work principles (准则), quoted")
    basis: list[BasisCitation]


_SLOTS = {"member": "members", "head": "head", "acting": "acting", "assists": "assistants",
          "leadership": "leadership", "accountable": "accountability"}


def link(row: Row) -> GovernmentLink:
    return GovernmentLink(who=t.entity(row["who"]), of=t.entity(row["of"]), cue=row.get("cue"),
                          condition=row.get("condition"), article=t.article(row["article"]),
                          evidence=t.Evidence(**row["evidence"]))


def quotation(row: Row | None) -> Quotation | None:
    if row is None or not (row.get("evidence") or {}).get("text"):
        return None
    return Quotation(text=row["evidence"]["text"], article=t.article(row["article"]) if row.get("article") else None,
                     evidence=t.evidence(row["evidence"]))


def basis_citation(row: Row) -> BasisCitation:
    return BasisCitation(instrument_key=row["instrument"]["key"], title=row["instrument"]["title"],
                         written=row.get("written"), verb=row.get("verb"), article=t.article(row["article"]),
                         evidence=t.Evidence(**row["evidence"]))


def government(row: Row, basis: list[Row]) -> Government:
    slots: dict[str, list[GovernmentLink]] = {slot: [] for slot in _SLOTS.values()}
    for r in row["links"]:
        slots[_SLOTS[r["relation"]]].append(link(r))
    return Government(body=t.entity(row["body"]), **slots, principles=quotation(row.get("principles")),
                      basis=[basis_citation(b) for b in basis])


def instrument(row: Row) -> Instrument:
    return Instrument(key=row["key"], title=row["title"], cited_by=[
        InstrumentCitation(document=t.document_ref(c["document"]), jurisdiction=c["jurisdiction"]["fullName"],
                           verb=c.get("verb"), written=c.get("written"), article=t.article(c["article"]),
                           evidence=t.Evidence(**c["evidence"]))
        for c in row["citedBy"]])


def instrument_by_title(store: object, title: str) -> Instrument | None:
    row = store.instrument(instrument_key(title))  # type: ignore[attr-defined]
    return instrument(row) if row else None
