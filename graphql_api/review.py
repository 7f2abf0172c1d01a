"""GraphQL of ``govgraph.review``: ``diff`` (what changed between two versions) and ``check``
(what a document contradicts or lacks). Resolvers resolve names and call the review package,
which reads the store's API, so both stores answer alike."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from govgraph.review import check as review_check
from govgraph.review import diff as review_diff
from govgraph.review.facts import Citation as CitationRow
from govgraph.review.html import check_html
from schema.rows import DocumentRow
from stores.base import Store

from .errors import BadArgument
from .names import resolve_document, resolve_jurisdiction


@strawberry.enum(description="How a fact differs between two versions.")
class ChangeKind(Enum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@strawberry.type(description="Where a fact is stated: the article and the exact span of the original file.")
class Citation:
    document: str
    title: str
    jurisdiction: str
    number: int = strawberry.field(description="Ordinal number of the article in its document (1..N)")
    label: str = strawberry.field(description="The article's number as written: 第五十五条, 五十五、")
    start: int | None
    end: int | None
    text: str = strawberry.field(description="The clause (or, without one, the article's beginning)")


@strawberry.type(description="One version of a rules document, as a diff or a check names it.")
class DocumentSummary:
    key: str
    title: str | None
    jurisdiction: str | None
    doc_number: str | None
    issued: str | None
    adopted: str | None
    status: str | None
    file: str | None


@strawberry.type(description="A fact added, removed or changed between two versions, matched by meaning.")
class FactChange:
    change: ChangeKind
    kind: str = strawberry.field(description="signing, meeting, meeting.frequency, meeting.chairs, reporting …")
    key: list[str] = strawberry.field(description="What the fact is about (vocabulary keys), the same in both versions")
    subject: str
    old: str | None = strawberry.field(description="What the old version says (null when added)")
    new: str | None = strawberry.field(description="What the new version says (null when removed)")
    old_citations: list[Citation]
    new_citations: list[Citation]


@strawberry.type(description="What changed between two versions of a government's rules.")
class VersionDiff:
    old: DocumentSummary
    new: DocumentSummary
    changes: list[FactChange]
    unchanged: int = strawberry.field(description="Facts that say the same in both versions")
    renumbered: int = strawberry.field(description="Of those, stated in articles of other numbers")
    summary: str


@strawberry.type(description="A contradiction or gap within a document, with a stable code.")
class Finding:
    code: str = strawberry.field(description="conflicting-default-signers, reporting-cycle, dangling-reference, "
                                 "meeting-no-chair, meeting-no-frequency, numbering-gap …")
    severity: str = strawberry.field(description="error (a contradiction) or warning (a gap)")
    message: str
    articles: list[int]
    citations: list[Citation]


@strawberry.type(description="A provision most peer rules in the store have that this document lacks.")
class PeerFinding:
    code: str
    severity: str
    message: str
    provision: list[str] = strawberry.field(description="The provision's key, the same for every government")
    count: int = strawberry.field(description="Peer documents that have it")
    peers: int = strawberry.field(description="Peer documents compared")
    examples: list[Citation]


@strawberry.type(description="A check of one document: findings within it and against its peers.")
class DocumentCheck:
    document: DocumentSummary
    findings: list[Finding]
    peer_findings: list[PeerFinding]
    peers: list[str] = strawberry.field(description="Keys of the peer documents compared")
    min_share: float
    summary: str
    report: strawberry.Private[review_check.CheckReport]

    @strawberry.field(description="The report as a self-contained HTML page")
    def html(self) -> str:
        return check_html(self.report)  # built only when asked for


def _citations(rows: tuple[CitationRow, ...]) -> list[Citation]:
    return [Citation(**{f: getattr(c, f) for f in CitationRow.__slots__}) for c in rows]


def _summary(doc: DocumentRow) -> DocumentSummary:
    return DocumentSummary(key=doc.key, title=doc.title, jurisdiction=doc.jurisdiction, doc_number=doc.doc_number,
                           issued=doc.issued, adopted=doc.adopted, status=doc.status, file=doc.file)


def _diff(report: review_diff.DiffReport) -> VersionDiff:
    changes = [FactChange(change=ChangeKind(c.change), kind=c.kind, key=list(c.key), subject=c.subject, old=c.old,
                          new=c.new, old_citations=_citations(c.old_citations),
                          new_citations=_citations(c.new_citations)) for c in report.changes]
    return VersionDiff(old=_summary(report.old), new=_summary(report.new), changes=changes,
                       unchanged=report.unchanged, renumbered=report.renumbered, summary=report.summary())


def _check(report: review_check.CheckReport) -> DocumentCheck:
    return DocumentCheck(
        document=_summary(report.document),
        findings=[Finding(code=f.code, severity=f.severity, message=f.message, articles=list(f.articles),
                          citations=_citations(f.citations)) for f in report.findings],
        peer_findings=[PeerFinding(code=p.code, severity=p.severity, message=p.message, provision=list(p.provision),
                                   count=p.count, peers=p.peers, examples=_citations(p.examples))
                       for p in report.peer_findings],
        peers=list(report.peers), min_share=report.min_share, summary=report.summary(), report=report)


@strawberry.type
class ReviewQuery:
    @strawberry.field(description="What changed between two versions of a jurisdiction's rules (key, 文号, title or "
                      "file): facts added, removed and changed, matched by meaning, with both citations. `to` "
                      "defaults to the current document, `from` to the version `to` supersedes.")
    def diff(self, info: Info, jurisdiction: str, from_: Annotated[str | None, strawberry.argument(name="from")] = None,
             to: str | None = None) -> VersionDiff:
        store: Store = info.context["store"]
        jur = resolve_jurisdiction(jurisdiction, store.jurisdictions())
        docs = jur.documents
        new = resolve_document(to, docs) if to is not None else next((d for d in docs if d.current), None)
        if new is None:
            raise BadArgument(f"{jur.place.full_name} has no current document; name one in `to`")
        if from_ is not None:
            old_key = resolve_document(from_, docs).key
        else:
            older = next((d.supersedes for d in store.documents(jur.place.key) if d.key == new.key), ())
            if not older:
                raise BadArgument(f"{new.title or new.key} supersedes no version; name one in `from`")
            old_key = older[0]
        return _diff(review_diff.diff_documents(store, old_key, store, new.key))

    @strawberry.field(description="Check a stored document (key, 文号, title or file): contradictions and gaps "
                      "within it, and provisions at least `minShare` of the other jurisdictions' current rules "
                      "have and it lacks (default: check_rules.yaml).")
    def check(self, info: Info, document: str, min_share: float | None = None) -> DocumentCheck:
        store: Store = info.context["store"]
        docs = [d for j in store.jurisdictions() for d in j.documents]
        key = resolve_document(document, docs).key
        if min_share is not None and not 0 < min_share <= 1:
            raise BadArgument(f"minShare must be in (0, 1] (got {min_share})")
        return _check(review_check.check_document(store, key, min_share))
