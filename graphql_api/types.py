"""GraphQL output types and the functions that build them from store rows.

Store rows are the plain dicts ``stores.base`` documents; every fact type here carries
the article it comes from (number, text, document title) and its evidence span, the
exact characters ``source[start:end]`` of the original file.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

Row = dict[str, Any]

if TYPE_CHECKING:
    from .government import BasisCitation


@strawberry.enum
class SigningAction(Enum):
    SIGN = "SIGN"
    APPROVE = "APPROVE"
    REVIEW = "REVIEW"
    COUNTERSIGN = "COUNTERSIGN"


@strawberry.enum(description="Deontic force of an obligation: 应当/须 (MUST), 不得 (MUST_NOT), 可以 (MAY).")
class Modality(Enum):
    MUST = "MUST"
    MUST_NOT = "MUST_NOT"
    MAY = "MAY"


@strawberry.enum(description="How often a meeting is held (IRREGULAR = as needed).")
class Period(Enum):
    WEEK = "week"
    TWO_WEEKS = "two_weeks"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    IRREGULAR = "irregular"


@strawberry.type(description="A role, body or meeting named in a rule (区政府办公室主任, 区政府各部门).")
class Entity:
    key: str = strawberry.field(description="Level-independent vocabulary key (office_director), or for a name "
                                "outside the vocabulary 'x:' + its simplified name with the level's words as "
                                "templates (x:{L}长助理 for 区长助理 and 县长助理 alike)")
    name: str
    name_en: str | None
    label: str = strawberry.field(description="Role, Body or Meeting")


@strawberry.type
class DocumentRef:
    key: str
    title: str
    status: str
    jurisdiction: str
    source_url: str | None = strawberry.field(default=None, description="Where the text came from, as the user gave it")


@strawberry.type(description="An article (provision) of a rules document: cite it.")
class Article:
    key: str
    number: int = strawberry.field(description="The number printed on the article (第五十五条 -> 55; （四） -> 4)")
    ordinal: int | None = strawberry.field(
        default=None, description="Position of the article in its document (1..N): unique even where the printed "
        "numbers restart in each chapter or repeat")
    label: str = strawberry.field(description="The article's number as written: 第五十五条, 五十五、")
    text: str = strawberry.field(description="Article text in the source script, without page markers")
    raw_text: str = strawberry.field(description="The exact characters of the source file[start:end]")
    start: int
    end: int
    document: DocumentRef


@strawberry.type(description="The sentence or clause that states a fact: source file[start:end] == text.")
class Evidence:
    start: int
    end: int
    text: str


@strawberry.type
class DocumentType:
    key: str
    name: str
    issuer: str
    genres: list[str]
    recipient: str | None
    direction: str | None


@strawberry.type(description="One step of a signing rule: who signs/approves/reviews/countersigns, and when.")
class SigningStep:
    role: Entity
    action: SigningAction
    condition: str | None = strawberry.field(description="The case this step applies to; null = the default rule")
    verb: str | None = strawberry.field(description="The verb as written: 签发, 签署, 审核 …")
    delegated: bool | None
    order: int
    document_type: DocumentType
    article: Article
    evidence: Evidence


@strawberry.type(description="Someone who takes part in a meeting (member, convener, chair or attendee).")
class Participant:
    key: str
    name: str
    name_en: str | None
    label: str
    role: Entity
    mandatory: bool | None = strawberry.field(description="Attendees: true = must attend (列席), false = may be invited")
    delegated: bool | None = strawberry.field(description="Chairs: true = chairs by delegation (受委托主持)")
    condition: str | None
    article: Article | None
    evidence: Evidence | None


@strawberry.type
class Frequency:
    text: str = strawberry.field(description="As written: 一般每周召开1次")
    period: Period | None
    times: int | None = strawberry.field(description="Times per period; null for a range or none stated")
    times_max: int | None = strawberry.field(description="Upper bound of a range (每月1-2次 -> 2)")
    article: Article | None = strawberry.field(description="The article that states how often")
    evidence: Evidence | None = strawberry.field(description="The clause that states how often")


@strawberry.type(description="Where a figure of a meeting is stated: its article and clause.")
class Source:
    article: Article | None
    evidence: Evidence | None


@strawberry.type(description="A kind of meeting the rules establish (区政府常务会议), with who and how often.")
class Meeting:
    key: str
    kind: str = strawberry.field(description="Vocabulary key of the meeting kind: executive, plenary …")
    name: str
    name_en: str | None
    members: list[Participant]
    conveners: list[Participant]
    chairs: list[Participant]
    attendees: list[Participant]
    frequency: Frequency | None
    quorum: str | None
    quorum_source: Source | None = strawberry.field(description="The article and clause that state the quorum")
    minutes_signers: list[SigningStep]
    articles: list[Article]
    evidence: list[Evidence] = strawberry.field(description="Every clause the meeting's participants come from")


@strawberry.type(description="One step of a reporting line's chain (经A审核后报B审批: A reviews, then B approves).")
class ReportingStep:
    order: int = strawberry.field(description="1 for the first step the text states")
    actor: Entity
    action: str = strawberry.field(description="The verb as written: 审核, 报审批, 请假")


@strawberry.type(description="A must-report-to line: `from` reports (请示/报告/请假/备案) to `to` about `matter`.")
class ReportingLine:
    from_: Entity = strawberry.field(name="from")
    to: Entity
    matter: str | None
    kind: str | None = strawberry.field(
        description="report, request, approval, submission, filing, leave or responsibility")
    steps: list[ReportingStep] = strawberry.field(description="The chain to `to`, `to`'s own step last")
    article: Article
    evidence: Evidence


@strawberry.type
class Deadline:
    amount: float
    unit: str = strawberry.field(
        description="minute, hour, day, workday, week, month, year, person, word, page, item, times, fraction")
    text: str = strawberry.field(description="As written: 7个工作日内")
    kind: str | None = strawberry.field(description="within, before, at_most, at_least, exactly")
    max: float | None = strawberry.field(description="The upper end of a range: 1至2个 -> amount 1, max 2")
    per: str | None = strawberry.field(description="The period a count is per: 每年2次 -> year (day … year, occasion, person)")


@strawberry.type(description="A deontic sentence: who must / must not / may do what, by when.")
class Obligation:
    key: str
    modality: Modality
    trigger: str = strawberry.field(description="The deontic word as written: 应当, 须, 不得 …")
    action: str
    condition: str | None
    bearer: Entity | None
    counterparty: Entity | None
    deadline: Deadline | None
    article: Article
    evidence: Evidence


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
    def basis(self, info: strawberry.Info) -> list[Annotated[BasisCitation, strawberry.lazy("graphql_api.government")]]:
        from .government import basis_citation

        return [basis_citation(row) for row in info.context["store"].basis(self.key)]


@strawberry.type
class Jurisdiction:
    key: str
    name: str
    full_name: str
    name_en: str | None
    level: str | None
    parent: str | None
    documents: list[RuleDocument]


# -- rows -> types ------------------------------------------------------------------------


def entity(row: Row) -> Entity:
    return Entity(key=row["key"], name=row["name"], name_en=row.get("nameEn"), label=row["label"])


def article(row: Row) -> Article:
    return Article(
        key=row["key"], number=row["number"], ordinal=row.get("ordinal"), label=row["label"], text=row["text"],
        raw_text=row["rawText"],
        start=row["start"], end=row["end"], document=document_ref(row["document"]),
    )


def evidence(row: Row | None) -> Evidence | None:
    if row is None or row.get("start") is None:
        return None
    return Evidence(start=row["start"], end=row["end"], text=row["text"])


def source(row: Row) -> dict[str, Any]:
    """article= and evidence= of a row that cites where a figure is stated."""
    return {"article": article(row["article"]) if row.get("article") else None,
            "evidence": evidence(row.get("evidence"))}


def signing_step(row: Row) -> SigningStep:
    return SigningStep(
        role=entity(row["role"]), action=SigningAction(row["action"]), condition=row.get("condition"),
        verb=row.get("verb"), delegated=row.get("delegated"), order=row["order"],
        document_type=DocumentType(**row["documentType"]), article=article(row["article"]),
        evidence=_required(evidence(row["evidence"]), "signing step"),
    )


def participant(row: Row) -> Participant:
    who = row["entity"]
    return Participant(
        key=who["key"], name=who["name"], name_en=who.get("nameEn"), label=who["label"], role=entity(who),
        mandatory=row.get("mandatory"), delegated=row.get("delegated"), condition=row.get("condition"),
        article=article(row["article"]) if row.get("article") else None, evidence=evidence(row.get("evidence")),
    )


def meeting(row: Row) -> Meeting:
    slots = {slot: [participant(p) for p in row.get(slot) or []] for slot in ("members", "conveners", "chairs", "attendees")}
    freq = row.get("frequency")
    spans = [p.evidence for people in slots.values() for p in people if p.evidence is not None]
    signers = [signing_step(s) for s in row.get("minutesSigners") or []]
    spans += [s.evidence for s in signers]
    unique = sorted({(e.start, e.end): e for e in spans}.values(), key=lambda e: (e.start, e.end))
    return Meeting(
        key=row["key"], kind=row["kind"], name=row["name"], name_en=row.get("nameEn"), **slots,
        frequency=Frequency(text=freq["text"], period=Period(freq["period"]) if freq.get("period") else None,
                            times=freq.get("times"), times_max=freq.get("timesMax"), **source(freq)) if freq else None,
        quorum=row.get("quorum"), quorum_source=Source(**source(row["quorumSource"])) if row.get("quorumSource") else None,
        minutes_signers=signers,
        articles=[article(a) for a in row.get("articles") or []], evidence=unique,
    )


def reporting_line(row: Row) -> ReportingLine:
    return ReportingLine(
        from_=entity(row["from"]), to=entity(row["to"]), matter=row.get("matter"), kind=row.get("kind"),
        steps=[ReportingStep(order=s["order"], actor=entity(s["actor"]), action=s["action"])
               for s in row.get("steps") or []],
        article=article(row["article"]),
        evidence=_required(evidence(row["evidence"]), "reporting line"),
    )


def obligation(row: Row) -> Obligation:
    dl = row.get("deadline")
    return Obligation(
        key=row["key"], modality=Modality(row["modality"]), trigger=row["trigger"], action=row["action"],
        condition=row.get("condition"),
        bearer=entity(row["bearer"]) if row.get("bearer") else None,
        counterparty=entity(row["counterparty"]) if row.get("counterparty") else None,
        deadline=Deadline(amount=dl["amount"], unit=dl["unit"], text=dl["text"], kind=dl.get("kind"), max=dl.get("max"),
                          per=dl.get("per")) if dl else None,
        article=article(row["article"]), evidence=_required(evidence(row["evidence"]), "obligation"),
    )


def document_ref(row: Row) -> DocumentRef:
    return DocumentRef(key=row["key"], title=row["title"], status=row["status"], jurisdiction=row["jurisdiction"],
                       source_url=row.get("sourceUrl"))


def rule_document(row: Row) -> RuleDocument:
    return RuleDocument(
        key=row["key"], title=row["title"], doc_number=row.get("docNumber"), issued=row.get("issued"),
        adopted=row.get("adopted"), published=row.get("published"), source_url=row.get("sourceUrl"), status=row["status"],
        published_status=row.get("publishedStatus"),
        current=row.get("current"), jurisdiction=row.get("jurisdiction"),
        supersedes=list(row.get("supersedes") or []), superseded_by=list(row.get("supersededBy") or []), file=row.get("file"),
        article_count=row.get("articleCount"),
        chapter_count=row.get("chapterCount"), warnings=list(row.get("warnings") or []),
        supersedes_numbers=list(row.get("supersedesNumbers") or []),
    )


def jurisdiction(row: Row) -> Jurisdiction:
    return Jurisdiction(
        key=row["key"], name=row["name"], full_name=row["fullName"], name_en=row.get("nameEn"),
        level=row.get("level"), parent=row.get("parent"),
        documents=[rule_document(d) for d in row.get("documents") or []],
    )


def _required(value: Evidence | None, what: str) -> Evidence:
    if value is None:
        raise ValueError(f"a {what} row without evidence: every fact must cite its source span")
    return value
