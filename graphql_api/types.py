"""GraphQL output types of the facts the stores answer (``graphql_api/builders.py`` builds them
from the read model, ``schema/rows.py``).

Every fact type here carries the article it comes from (number, text, document title) and its
evidence span, the exact characters ``source[start:end]`` of the original file. The enums repeat
the read model's literals as strawberry needs an ``Enum`` class; ``_same_values`` refuses to load
when the two differ, so the literals stay the one definition.
"""

from __future__ import annotations

from enum import Enum
from typing import get_args

import strawberry

from schema import rows


def _same_values(enum: type[Enum], literal: object) -> None:
    values, expected = {m.value for m in enum}, set(get_args(literal))
    if values != expected:
        raise TypeError(f"{enum.__name__} has {sorted(values)}, the read model {sorted(expected)} (schema/rows.py)")


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


_same_values(SigningAction, rows.StepAction)
_same_values(Modality, rows.Modality)
_same_values(Period, rows.Period)


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


@strawberry.type(description="A fact a provision supports: a relationship whose evidence lies in the article.")
class ProvisionFact:
    type: str = strawberry.field(description="Relationship type: SIGNS, CHAIRS, REPORTS_TO, BEARS …")
    from_: Entity = strawberry.field(name="from")
    to: Entity
    condition: str | None
    matter: str | None
    evidence: Evidence


@strawberry.type(description="One article with every fact it supports.")
class Provision:
    article: Article
    facts: list[ProvisionFact]


@strawberry.type(description="An instrument a rules document is based on (根据《…》, 参照《…》).")
class BasisCitation:
    instrument_key: str
    title: str = strawberry.field(description="Normalized title, shared by every document citing it")
    written: str | None = strawberry.field(description="The title as written in this document")
    verb: str | None = strawberry.field(description="根据, 参照, 依据 …")
    article: Article
    evidence: Evidence
