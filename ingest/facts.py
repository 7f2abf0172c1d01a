"""Stage 4 models: facts extracted from a DocumentTree, each with its provision and evidence.

Every fact carries an ``Evidence`` (``ingest/fact_values.py``): the printed number of the
article it comes from and the exact original span of the sentence (or clause) that states it,
so that ``raw.text[evidence.start:evidence.end] == evidence.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from schema.rows import Modality, Period, StepAction

from .fact_values import EntityRef, Evidence
from .government_facts import Government

#: what a signing step does: the read model's step actions (schema/rows.py), stated there once,
#: as are an obligation's Modality and a frequency's Period
SigningAction = StepAction
__all__ = ["Modality", "Period", "SigningAction"]  # re-exported: extractors name them from here


@dataclass(frozen=True, slots=True)
class SigningStep:
    action: SigningAction
    actor: EntityRef
    verb: str  # the verb as written: 签发, 签署, 审核, 核转 …
    condition: str | None  # None = the default rule
    delegated: bool = False  # 区长委托常务副区长签发


@dataclass(frozen=True, slots=True)
class SigningRule:
    """Who signs (approves, reviews, countersigns) documents of one kind."""

    issuer: EntityRef  # the name the document goes out under (body) or the meeting of a 纪要
    genres: tuple[str, ...]  # genre keys; () = any kind
    recipient: EntityRef | None
    direction: Literal["upward", "downward", "any"]
    steps: tuple[SigningStep, ...]
    evidence: Evidence
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Frequency:
    text: str  # as written: 一般每周召开1次
    period: Period | None
    times: int | None  # None when a range or unspecified (每月1-2次)
    times_max: int | None = None  # the upper bound of a range (每月1-2次 -> times None, times_max 2)
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Quorum:
    text: str  # as written: 须有半数以上组成人员出席
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    entity: EntityRef
    mandatory: bool = True  # 列席/参加 = True; 可以邀请/根据需要 = False
    delegated: bool = False  # chairs: 区长委托常务副区长主持
    condition: str | None = None
    evidence: Evidence | None = None  # the clause that names this participant


@dataclass(frozen=True, slots=True)
class Meeting:
    entity: EntityRef  # kind == "meeting"
    members: tuple[Participant, ...] = ()
    conveners: tuple[Participant, ...] = ()
    chairs: tuple[Participant, ...] = ()
    attendees: tuple[Participant, ...] = ()
    frequency: Frequency | None = None
    quorum: Quorum | None = None
    minutes_signers: tuple[Participant, ...] = ()  # filled from the signing rules of the meeting's 纪要
    evidence: tuple[Evidence, ...] = ()  # every clause the meeting's facts come from

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({e.article for e in self.evidence}))


#: What a reporting line is: a report, a request for instructions, a request for approval,
#: a submission for deliberation, a filing, a leave request, or answering to (对X负责).
ReportingKind = Literal["report", "request", "approval", "submission", "filing", "leave", "responsibility"]


@dataclass(frozen=True, slots=True)
class ReportingStep:
    """One step of the chain a line runs through (经A审核后报B审批: A reviews, then B approves);
    ``order`` counts from 1 in the order the text states them."""

    order: int
    actor: EntityRef
    action: str  # the verb as written: 审核, 审批, 报告


@dataclass(frozen=True, slots=True)
class ReportingLine:
    source: EntityRef
    target: EntityRef
    matter: str
    evidence: Evidence
    kind: ReportingKind = "report"
    steps: tuple[ReportingStep, ...] = ()  # every step to the target, the target's own last


@dataclass(frozen=True, slots=True)
class Deadline:
    amount: float
    unit: Literal["minute", "hour", "day", "workday", "week", "month", "year", "person", "word", "page", "item",
                  "times", "fraction"]
    text: str  # as written: 7个工作日内
    kind: Literal["within", "before", "at_most", "at_least", "exactly"] = "within"
    maximum: float | None = None  # the upper end of a range (1至2个 -> amount 1, maximum 2)
    per: Literal["day", "week", "month", "quarter", "year", "occasion", "person"] | None = None  # 每年2次 -> per year


@dataclass(frozen=True, slots=True)
class Obligation:
    modality: Modality
    bearer: EntityRef | None
    action: str
    counterparty: EntityRef | None
    condition: str | None
    deadline: Deadline | None
    trigger: str  # the deontic word: 应当, 须, 不得 …
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    signing: tuple[SigningRule, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    reporting: tuple[ReportingLine, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    entities: tuple[EntityRef, ...] = field(default=())  # every role/body the facts name
    government: Government | None = None  # what the government is made of (ingest/government_facts.py)
