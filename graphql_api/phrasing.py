"""Answer sentences in English and Chinese, built from store rows. Words are tables.

Names stay in Chinese as the rules write them; English answers add the vocabulary's
English name in brackets: 区政府办公室主任 (Director of the District Government Office).
Conditions are quoted as written (涉及重大事项): they are the rules' own words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from schema.rows import (
    DocumentTypeRow,
    FrequencyRow,
    MeetingRow,
    ObligationRow,
    ParticipantRow,
    PlaceRow,
    ReportingLineRow,
    Slot,
    StepRow,
)
from schema.vocabulary import DEFAULT_LEVEL, load_vocabulary


class Named(Protocol):
    """A role, body or meeting as an answer names it (``EntityRow``, ``MeetingRow``)."""

    @property
    def name(self) -> str: ...
    @property
    def name_en(self) -> str | None: ...


ACTION_EN = {"SIGN": "signed by", "APPROVE": "approved by", "REVIEW": "reviewed by", "COUNTERSIGN": "countersigned by"}
ACTION_ZH = {"SIGN": "签发", "APPROVE": "审批", "REVIEW": "审核", "COUNTERSIGN": "会签"}
DIRECTION_EN = {"downward": " (sent down to lower bodies)", "upward": " (sent up to higher bodies)"}
DIRECTION_ZH = {"downward": "（下行文）", "upward": "（上行文）"}
PERIOD_EN = {
    "week": "a week", "two_weeks": "every two weeks", "month": "a month", "quarter": "a quarter",
    "half_year": "every six months", "year": "a year",
}
TIMES_EN = {1: "once", 2: "twice"}
SLOT_VERB_EN = {"chairs": "chaired by", "conveners": "convened by", "members": "composed of",
                "attendees": "attended by"}
SLOT_VERB_ZH = {"chairs": "主持", "conveners": "召集", "members": "组成", "attendees": "列席"}
SLOT_NOUN_EN = {"chairs": "chair", "conveners": "convener", "members": "member", "attendees": "attendee"}
SLOT_NOUN_ZH = {"chairs": "主持人", "conveners": "召集人", "members": "组成人员", "attendees": "列席人员"}
# A condition reads as a clause: 涉及重大事项 -> 涉及重大事项时; 如有必要 / 必要时 stay as written.
_ZH_CONDITION_AS_IS = ("如", "若", "当", "凡")


def name(row: Named, language: str) -> str:
    """区长 / 区长 (District Head)."""
    if language == "en" and row.name_en:
        return f"{row.name} ({row.name_en})"
    return row.name


def names(rows: Iterable[Named], language: str) -> str:
    unique = list({r.name: r for r in rows}.values())
    return (", " if language == "en" else "、").join(name(r, language) for r in unique)


def cite(numbers: Iterable[int], language: str) -> str:
    ordered = sorted(set(numbers))
    if not ordered:
        return ""
    if language == "en":
        return f"(Article{'s' if len(ordered) > 1 else ''} {', '.join(map(str, ordered))})"
    return "（" + "、".join(f"第{n}条" for n in ordered) + "）"


def place(jurisdiction: PlaceRow, language: str) -> str:
    if language == "en":
        return f"{jurisdiction.name_en or jurisdiction.name} ({jurisdiction.full_name})"
    return jurisdiction.full_name


def english_of(chinese: str, level: str | None) -> str | None:
    term = load_vocabulary().resolve(chinese)
    return term.en_for(level or DEFAULT_LEVEL) if term else None


def zh_condition(condition: str) -> str:
    if condition.endswith("时") or condition.startswith(_ZH_CONDITION_AS_IS):
        return condition
    return f"{condition}时"


def document_kind(dtype: DocumentTypeRow, language: str, level: str | None) -> str:
    """The documents a signing rule covers, as a noun phrase."""
    if language == "zh":
        return dtype.name + DIRECTION_ZH.get(dtype.direction or "", "")
    genres = [english_of(g, level) or g for g in dtype.genres]
    what = ", ".join(genres) if genres else "Documents of any kind"
    issuer = dtype.issuer
    issuer_en = english_of(issuer, level)
    text = f"{what} issued in the name of {issuer}" + (f" ({issuer_en})" if issuer_en else "")
    if dtype.recipient:
        recipient_en = english_of(dtype.recipient, level)
        text += f" to {dtype.recipient}" + (f" ({recipient_en})" if recipient_en else "")
    return text + DIRECTION_EN.get(dtype.direction or "", "")


def signing_rule(steps: Sequence[StepRow], language: str, level: str | None) -> str:
    """One document type's steps: the default rule, then each condition in the order written."""
    groups: dict[str | None, list[StepRow]] = {}
    for step in sorted(steps, key=lambda s: (s.condition is not None, s.order)):
        groups.setdefault(step.condition, []).append(step)
    clauses = []
    for condition, group in groups.items():
        clauses.append(_steps_clause(condition, group, language))
    head = document_kind(steps[0].document_type, language, level)
    numbers = [s.article.number for s in steps]
    if language == "en":
        return f"{head}: " + " ".join(clauses) + f" {cite(numbers, language)}"
    return f"{head}：" + "；".join(clauses) + f"。{cite(numbers, language)}"


def _steps_clause(condition: str | None, steps: list[StepRow], language: str) -> str:
    if language == "en":
        parts = [f"{ACTION_EN[s.action]} {name(s.role, language)}" + (" (by delegation)" if s.delegated else "")
                 for s in steps]
        body = "; ".join(parts)
        return f"{body[0].upper()}{body[1:]}." if condition is None else f"If {condition}: {body}."
    parts = [f"由{s.role.name}{'受委托' if s.delegated else ''}{s.verb or ACTION_ZH[s.action]}" for s in steps]
    body = "，".join(parts)
    return body if condition is None else f"{zh_condition(condition)}，{body}"


def participants(meeting: MeetingRow, slot: Slot, language: str) -> str:
    """Who chairs / convenes / sits on / attends a meeting, with delegation and conditions."""
    people = meeting.slot(slot)
    title = name(meeting, language)
    if not people:
        if language == "en":
            return f"The rules name no {SLOT_NOUN_EN[slot]} of {title}."
        return f"规则未写明{title}的{SLOT_NOUN_ZH[slot]}。"
    if slot == "attendees":
        return _attendees(title, people, language)
    direct = [p for p in people if not p.delegated and not p.condition]
    delegated = [p for p in people if p.delegated]
    conditional = [(p, p.condition) for p in people if p.condition and not p.delegated]
    if language == "en":
        text = f"{title} is {SLOT_VERB_EN[slot]} {names((p.entity for p in direct), language)}" if direct else title
        if delegated:
            text += f"; by delegation: {names((p.entity for p in delegated), language)}"
        for p, condition in conditional:
            text += f"; if {condition}: {name(p.entity, language)}"
        return text + "."
    verb = SLOT_VERB_ZH[slot]
    text = f"{title}由{names((p.entity for p in direct), language)}{verb}" if direct else title
    if delegated:
        text += f"；受委托时由{names((p.entity for p in delegated), language)}{verb}"
    for p, condition in conditional:
        text += f"；{zh_condition(condition)}，由{p.entity.name}{verb}"
    return text + "。"


def _attendees(title: str, people: Sequence[ParticipantRow], language: str) -> str:
    required = [p.entity for p in people if p.mandatory is not False]
    invited = [p.entity for p in people if p.mandatory is False]
    if language == "en":
        parts = []
        if required:
            parts.append(f"attended by {names(required, language)}")
        if invited:
            parts.append(f"may invite {names(invited, language)}")
        return f"{title}: " + "; ".join(parts) + "."
    parts = []
    if required:
        parts.append(f"列席人员：{names(required, language)}")
    if invited:
        parts.append(f"可以邀请：{names(invited, language)}")
    return f"{title}的" + "；".join(parts) + "。"


def frequency(meeting: MeetingRow, language: str) -> str:
    freq = meeting.frequency
    title = name(meeting, language)
    if not freq:
        return f"The rules state no schedule for {title}." if language == "en" else f"规则未写明{title}的召开频次。"
    if language == "zh":
        return f"{title}：{freq.text}。"
    return f"{title} is held {how_often_en(freq)} (as written: {freq.text})."


def how_often_en(freq: FrequencyRow) -> str:
    period = freq.period
    if period == "irregular" or period is None:
        return "as needed, with no fixed schedule"
    times, most = freq.times, freq.times_max
    if times is not None and most is not None and most != times:
        count = f"{times} to {most} times"
    elif times is not None:
        count = TIMES_EN.get(times, f"{times} times")
    elif most is not None:
        count = f"up to {most} times"
    else:
        count = "regularly"
    return f"{count} {PERIOD_EN[period]}"


def quorum(meeting: MeetingRow, language: str) -> str:
    title = name(meeting, language)
    if not meeting.quorum:
        return f"The rules state no quorum for {title}." if language == "en" else f"规则未写明{title}的法定人数。"
    return f"{title} quorum: {meeting.quorum}." if language == "en" else f"{title}：{meeting.quorum}。"


def reporting(line: ReportingLineRow, language: str) -> str:
    matter = line.matter
    number = cite([line.article.number], language)
    if language == "en":
        about = f" about {matter}" if matter else ""
        return f"{name(line.source, language)} reports to {name(line.target, language)}{about} {number}"
    about = f"（{matter}）" if matter else ""
    return f"{line.source.name}向{line.target.name}报告{about}{number}"


def deadline(row: ObligationRow, language: str) -> str:
    """An obligation with a deadline (``obligations(with_deadline=True)``)."""
    who = name(row.bearer, language) if row.bearer else ("(no bearer named)" if language == "en" else "（未写明主体）")
    if row.deadline is None:
        raise ValueError(f"obligation {row.key} has no deadline to phrase")
    number = cite([row.article.number], language)
    if language == "en":
        return f"{who}: {row.action} — {row.deadline.text} {number}"
    return f"{who}：{row.action}——{row.deadline.text}{number}"
