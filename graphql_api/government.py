"""GraphQL types for what a government is made of, and their builders from the read model
(``GovernmentRow``, ``InstrumentRow`` of ``schema/rows.py``). Every fact carries its article and evidence."""

from __future__ import annotations

import strawberry

from schema import rows
from schema.model import instrument_key
from stores.base import Store

from . import builders as b
from . import types as t


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
    basis: list[t.BasisCitation]


_SLOTS = {"member": "members", "head": "head", "acting": "acting", "assists": "assistants",
          "leadership": "leadership", "accountable": "accountability"}


def link(row: rows.LinkRow) -> GovernmentLink:
    return GovernmentLink(who=b.entity(row.who), of=b.entity(row.of), cue=row.cue, condition=row.condition,
                          article=b.article(row.article), evidence=b.evidence(row.evidence))


def quotation(row: rows.Source | None) -> Quotation | None:
    if row is None or row.evidence is None or not row.evidence.text:
        return None
    return Quotation(text=row.evidence.text, article=b.optional_article(row.article), evidence=b.evidence(row.evidence))


def government(row: rows.GovernmentRow, basis: list[rows.CitationRow]) -> Government:
    slots: dict[str, list[GovernmentLink]] = {slot: [] for slot in _SLOTS.values()}
    for r in row.links:
        slots[_SLOTS[r.relation]].append(link(r))
    return Government(body=b.entity(row.body), **slots, principles=quotation(row.principles),
                      basis=[b.basis_citation(c) for c in basis])


def instrument(row: rows.InstrumentRow) -> Instrument:
    return Instrument(key=row.key, title=row.title, cited_by=[
        InstrumentCitation(document=b.document_ref(c.document), jurisdiction=c.place.full_name, verb=c.verb,
                           written=c.written, article=b.article(c.article), evidence=b.evidence(c.evidence))
        for c in row.cited_by])


def instrument_by_title(store: Store, title: str) -> Instrument | None:
    row = store.instrument(instrument_key(title))
    return instrument(row) if row else None
