"""The read model: what the stores answer, as frozen dataclasses.

Both stores build these rows with the one mapping in ``schema/row_mapping.py``: the embedded
store from the nodes and relationships it holds, the Neo4j store from the nodes and
relationships its queries return (queries select, order and page; they do not shape rows).
The GraphQL types, ``ask``, review and evaluation read these rows and nothing else.

Adding a field to an answer: the dataclass here, its mapping, the GraphQL type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

#: properties of one stored node or relationship, as the store holds them
Props = Mapping[str, Any]

StepAction = Literal["SIGN", "APPROVE", "REVIEW", "COUNTERSIGN"]
Slot = Literal["members", "conveners", "chairs", "attendees"]
#: deontic force of an obligation (the API's Modality)
Modality = Literal["MUST", "MUST_NOT", "MAY"]
#: how often a meeting is held (the API's Period)
Period = Literal["week", "two_weeks", "month", "quarter", "half_year", "year", "irregular"]

#: relationship type of a signing step -> the step's action (the API's SigningAction)
STEP_ACTIONS: dict[str, StepAction] = {"SIGNS": "SIGN", "APPROVES": "APPROVE", "REVIEWS": "REVIEW",
                                       "COUNTERSIGNS": "COUNTERSIGN"}
#: relationship type of a meeting participant -> the meeting's slot
PARTICIPANT_SLOTS: dict[str, Slot] = {"MEMBER_OF": "members", "CONVENES": "conveners", "CHAIRS": "chairs",
                                      "ATTENDS": "attendees"}


def last_if_none(value: Any) -> tuple[bool, Any]:
    """Sort key part that puts None last, as Cypher's ORDER BY does (ascending)."""
    return (value is None, value if value is not None else 0)


# -- shared parts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A Role, Body or Meeting as a fact names it; ``key`` is its vocabulary key
    (``district_mayor``) or ``x:`` + its name for a name outside the vocabulary."""

    key: str
    name: str
    name_en: str | None
    label: str


@dataclass(frozen=True, slots=True)
class NodeRow:
    """Any node: ``key`` is the node key, ``kind`` its vocabulary key (None for document types,
    obligations and articles)."""

    key: str
    kind: str | None
    name: str | None
    name_en: str | None
    label: str


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """The document an article belongs to; ``status`` is the derived one (effective, draft,
    superseded), ``jurisdiction`` the full name."""

    key: str
    title: str
    status: str
    jurisdiction: str
    source_url: str | None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    key: str
    number: int  # as printed
    ordinal: int | None  # position in the document, unique
    label: str
    text: str  # clean text in the source script
    raw_text: str  # source file[start:end]
    start: int
    end: int
    document: DocumentRef
    declared: int | None = None  # the number as written, None when unreadable (articles of one document only)
    chapter: int | None = None  # chapter ordinal, 0 = none (articles of one document only)


@dataclass(frozen=True, slots=True)
class Span:
    """The clause that states a fact: source file[start:end] == text, end exclusive."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure (a frequency, a quorum, principles) is stated."""

    article: ArticleRow | None
    evidence: Span | None


@dataclass(frozen=True, slots=True)
class DocumentTypeRow:
    key: str
    name: str
    issuer: str  # issuing name as written
    genres: tuple[str, ...]
    recipient: str | None
    direction: str | None
    issuer_key: str | None  # vocabulary keys: what a diff of versions and a peer check match on
    genre_keys: tuple[str, ...]
    recipient_key: str | None


# -- answers ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepRow:
    """One step of a signing rule."""

    role: EntityRow
    action: StepAction
    condition: str | None
    verb: str | None
    delegated: bool | None
    order: int
    document_type: DocumentTypeRow
    article: ArticleRow
    evidence: Span


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    entity: EntityRow
    mandatory: bool | None
    delegated: bool | None
    condition: str | None
    article: ArticleRow | None
    evidence: Span | None


@dataclass(frozen=True, slots=True)
class FrequencyRow:
    text: str
    period: Period | None
    times: int | None
    times_max: int | None
    source: Source


@dataclass(frozen=True, slots=True)
class MeetingRow:
    key: str
    kind: str
    name: str
    name_en: str | None
    frequency: FrequencyRow | None
    quorum: str | None
    quorum_source: Source | None
    members: tuple[ParticipantRow, ...]
    conveners: tuple[ParticipantRow, ...]
    chairs: tuple[ParticipantRow, ...]
    attendees: tuple[ParticipantRow, ...]
    minutes_signers: tuple[StepRow, ...]
    articles: tuple[ArticleRow, ...]

    def slot(self, slot: Slot) -> tuple[ParticipantRow, ...]:
        people: tuple[ParticipantRow, ...] = getattr(self, slot)
        return people


@dataclass(frozen=True, slots=True)
class ReportingStepRow:
    order: int
    actor: EntityRow
    action: str


@dataclass(frozen=True, slots=True)
class ReportingLineRow:
    source: EntityRow  # who reports ("from")
    target: EntityRow  # to whom ("to")
    matter: str | None
    kind: str | None
    steps: tuple[ReportingStepRow, ...]
    article: ArticleRow
    evidence: Span


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    amount: float
    unit: str
    text: str
    kind: str | None
    max: float | None
    per: str | None


@dataclass(frozen=True, slots=True)
class ObligationRow:
    key: str
    modality: Modality
    trigger: str
    action: str
    condition: str | None
    bearer: EntityRow | None
    counterparty: EntityRow | None
    deadline: DeadlineRow | None
    article: ArticleRow
    evidence: Span


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: ArticleRow
    score: int


@dataclass(frozen=True, slots=True)
class FactRow:
    """A relationship an article supports."""

    type: str
    source: NodeRow
    target: NodeRow
    condition: str | None
    verb: str | None
    delegated: bool | None
    mandatory: bool | None
    order: int | None
    matter: str | None
    evidence: Span | None


@dataclass(frozen=True, slots=True)
class ProvisionRow:
    """One article with every fact it supports."""

    article: ArticleRow
    facts: tuple[FactRow, ...]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One version of a rules document."""

    key: str
    title: str
    status: str
    published_status: str | None
    current: bool | None
    doc_number: str | None
    issued: str | None
    adopted: str | None
    published: str | None
    source_url: str | None
    jurisdiction: str | None
    file: str | None
    article_count: int | None
    chapter_count: int | None
    warnings: tuple[str, ...]
    supersedes_numbers: tuple[str, ...]
    supersedes: tuple[str, ...]  # keys of the versions this one replaces
    superseded_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A jurisdiction without its documents."""

    key: str
    name: str
    full_name: str
    name_en: str | None
    level: str | None
    parent: str | None


@dataclass(frozen=True, slots=True)
class JurisdictionRow:
    place: PlaceRow
    documents: tuple[DocumentRow, ...]  # newest first


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One jurisdiction's answer to compare: its current document's steps."""

    place: PlaceRow
    document: DocumentRef
    steps: tuple[StepRow, ...]


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a longer answer, and how long the whole answer is."""

    total: int
    rows: tuple[T, ...]


# -- what a government is made of -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkRow:
    """``who`` is a member of / heads / acts for / assists / leads / is answered to by ``of``."""

    relation: str
    who: EntityRow
    of: EntityRow
    cue: str | None
    condition: str | None
    article: ArticleRow
    evidence: Span


@dataclass(frozen=True, slots=True)
class GovernmentRow:
    body: EntityRow
    links: tuple[LinkRow, ...]
    principles: Source | None


@dataclass(frozen=True, slots=True)
class InstrumentRef:
    key: str
    title: str


@dataclass(frozen=True, slots=True)
class CitationRow:
    """A rules document citing an instrument (根据/参照《…》)."""

    instrument: InstrumentRef
    verb: str | None
    written: str | None
    order: int | None
    article: ArticleRow
    evidence: Span


@dataclass(frozen=True, slots=True)
class CitedByRow:
    place: PlaceRow
    document: DocumentRef
    verb: str | None
    written: str | None
    article: ArticleRow
    evidence: Span


@dataclass(frozen=True, slots=True)
class InstrumentRow:
    key: str
    title: str
    cited_by: tuple[CitedByRow, ...]
