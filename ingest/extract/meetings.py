"""Meetings: who makes them up, who convenes and chairs, who attends, how often, quorum.

An article about a meeting names it as the subject of its first clause and then
speaks of 会议 or of nothing at all; the meeting a clause is about carries over
until another meeting becomes the subject:

    区政府常务会议由区长、副区长组成，由区长或由其委托常务副区长主持。   -> executive
    会议的主要任务是：（一）……                                          -> (task items)
    一般每周召开1次。有关部门主要负责人列席会议。                        -> executive

A meeting can also be the object of the verb that names its convener
(区长召集和主持区政府全体会议、区政府常务会议) or follow the chair in a relative
clause (区长主持召开的专题会议一般每两周一次).
"""

from __future__ import annotations

import re

from ..fact_values import EntityRef, Evidence
from ..facts import Meeting, Participant, Quorum
from ..models import Article
from .common import Clause, Context, any_later
from .frequency import FREQUENCY, IRREGULAR, QUORUM, parse_frequency, statements
from .meeting_drafts import MeetingDraft
from .meeting_topics import (
    CLAUSE_OPENING,
    CONVENING,
    CONVENING_VERBS,
    SUBJECT_LEAD,
    Segment,
    TopicReader,
    opens_clause,
    segment_at,
)
from .participants import Named, participants

# -- patterns -------------------------------------------------------------------------------

_MEMBERS_BY = re.compile(r"由(?!其)(?P<who>[^由，；。]+?)(?:共同)?组成(?!部门|人员|单位|员)")
_MEMBERS_ARE = re.compile(r"组成人员(?:为|包括|是|[：:])[：:]?(?P<who>[^，；。]+)")
_ATTENDEES_ARE = re.compile(r"(?:列席|参加|参会)人员(?:为|包括|是|[：:])[：:]?(?P<who>[^，；。]+)")
_ATTENDING = re.compile(r"列席|参加|参会")
#: what follows an attending verb whose meeting is the topic: 列席会议 / 参加。 (else a meeting's name)
_ATTENDING_END = re.compile(r"会议|$|[，。；]")
_NOT_ATTENDING = re.compile(r"不能|不得|未能|无法|因故|请假")
#: words after which an attendee list starts (所列人员 follow the word)
_INTRO = re.compile(r"可以邀请|可邀请|邀请|可以安排|可安排|安排|指定|通知|由")
_AFTER_LIST = re.compile(r"(?:可以|可|应邀|均|全程|也|须|应当|应|要)+$")
#: an attendee who comes only when asked
_OPTIONAL = re.compile(r"可以|可|邀请|应邀|根据[^，；。]{0,10}需要|视[^，；。]{0,6}(?:需要|情况)|视情|必要时|酌情|如有需要")
_INVITING = re.compile(r"邀请|安排|指定")
_PREDICATE = re.compile(r"召开|组成(?!部门|员)|主持|召集")
_BARE_MARKER = re.compile(r"^(?:根据[^，；。]{0,10}需要|视[^，；。]{0,6}(?:需要|情况)|视情|必要时|如有需要)$")
#: a segment with any of these is a predicate, not part of a list of participants
_NOT_A_LIST = re.compile(r"召开|组成(?!部门|员)|主持|召集|审定|提出|研究|讨论|决定|确定|需要|一般|原则上|每|实行|形成|签发|任务")
_MODAL_GAP = re.compile(r"^(?:负责|可以|可|应当|应|须|要|一般|原则上|不定期|定期|随时|每(?:两?周|月|季度?|半年|年)"
                        r"|根据[^，；。]{0,10}需要|视[^，；。]{0,6}需要|[，、])*$")
#: between roles that convene together: 区长或区长委托常务副区长
_AGENT_JOINER = re.compile(r"[、和及或]|或者|(?:或|可以?|也可以?)?(?:由其)?委托|或[^，]{0,4}委托")
#: right before a chair who acts for another: 受区长委托，/ 区长因故不能主持时，可委托
_DELEGATING = re.compile(r"(?:受[^，；。]{1,12}委托[，]?|(?:可以?|也可以?|或)?委托)$")
#: 上述人员: the people the article listed last
_LISTED_PEOPLE = re.compile(r"^(?:上述|以上)人员$")


def extract_meetings(ctx: Context) -> list[Meeting]:
    drafts: dict[str, MeetingDraft] = {}
    for article in ctx.tree.articles:
        _Article(ctx, article, drafts).run()
    return [d.meeting() for d in drafts.values() if d.slots or d.frequency or d.quorum]


#: what the slot readers (_members, _convening, _attending, _how_often) start from; a clause
#: without any of them fills no slot
_SLOT_CUES = (_MEMBERS_BY, _MEMBERS_ARE, CONVENING, _ATTENDEES_ARE, _ATTENDING)


def _may_fill_a_slot(text: str) -> bool:
    return any(cue.search(text) for cue in _SLOT_CUES) or any(
        next(statements(pattern, text), None) is not None for pattern in (FREQUENCY, IRREGULAR, QUORUM))


class _Article(TopicReader):
    """One article, clause by clause: who makes up, convenes, chairs and attends the meeting
    it is talking about, and how often it meets."""

    def __init__(self, ctx: Context, article: Article, drafts: dict[str, MeetingDraft]) -> None:
        super().__init__(ctx)
        self.article, self.drafts = article, drafts
        self.last_people: list[Named] = []  # what 上述人员 points back to

    def run(self) -> None:
        clauses = self.ctx.clauses(self.article)
        fills = [_may_fill_a_slot(clause.text) for clause in clauses]
        for clause, fills_here, fills_later in zip(clauses, fills, any_later(fills), strict=True):
            if not (fills_here or fills_later):
                # the topics of the clauses after the last that may fill a slot are read by none
                break
            segments = self.segments(clause)
            self._members(clause, segments)
            self._convening(clause, segments)
            self._attending(clause, segments)
            self._how_often(clause, segments)


    def _members(self, clause: Clause, segments: list[Segment]) -> None:
        for pattern in (_MEMBERS_BY, _MEMBERS_ARE):
            for m in pattern.finditer(clause.text):
                seg = segment_at(segments, m.start())
                end = m.end("who") if pattern is _MEMBERS_BY else self._list_end(clause, segments, m.end("who"))
                people = self._people(clause, m.start("who"), end)
                self.last_people = people or self.last_people
                self._assign(clause, seg, seg.start, m.end(), "members", people)

    def _list_end(self, clause: Clause, segments: list[Segment], end: int) -> int:
        """组成人员为：区长、副区长，各部门主要负责人。 The list runs on over list-like segments."""
        for seg in segments:
            chunk = clause.text[seg.start : seg.end]
            if seg.start < end:
                continue
            if _NOT_A_LIST.search(chunk) or _PREDICATE.search(chunk) or re.search("会议|列席|参加|出席", chunk):
                break
            end = seg.end
        return end

    def _convening(self, clause: Clause, segments: list[Segment]) -> None:
        text = clause.text
        for verb in CONVENING.finditer(text):
            seg = segment_at(segments, verb.start())
            by = list(re.finditer(r"由(?!其)", text[seg.start : verb.start()]))
            if by:
                start = seg.start + by[-1].end()
                before = text[seg.start : start - 1]
                if self._objects(text[verb.start() : seg.end]) and not CLAUSE_OPENING.fullmatch(before):
                    continue  # 具体事项由分管领导召开专题会议研究: how a matter is handled
                people = self._people(clause, start, verb.start())
                topic = seg.topic
            else:
                people = self._agents(clause, verb.start())
                # 区长召集和主持全体会议: the objects; 区长可委托常务副区长主持: the current meeting
                topic = self._objects(text[verb.start() : seg.end]) or seg.topic
            people = [p for p in people if p.entity.kind == "role"]
            if not people or not topic:
                continue
            for slot in CONVENING_VERBS[verb.group()]:
                self._assign(clause, Segment(seg.start, seg.end, topic), seg.start, verb.end(), slot, people)

    def _agents(self, clause: Clause, verb_at: int) -> list[Named]:
        """区长可不定期召开…: the roles the clause opens with, right before the verb."""
        text = clause.text
        mentions = self.ctx.mentions(text[:verb_at], ("role", "body", "meeting"))
        if not mentions or mentions[-1].term.kind != "role" or not _MODAL_GAP.match(text[mentions[-1].end : verb_at]):
            return []
        first = mentions[-1]
        for m in reversed(mentions[:-1]):
            if m.term.kind != "role" or not _AGENT_JOINER.fullmatch(text[m.end : first.start]):
                break
            first = m
        start = first.start
        delegating = _DELEGATING.search(text[:start])
        opening = text[: delegating.start() if delegating else start]
        if not opens_clause(opening):
            return []
        people = self._people(clause, start, mentions[-1].end)
        if delegating:
            people = [Named(p.entity, True) for p in people]
        return people

    def _attending(self, clause: Clause, segments: list[Segment]) -> None:
        text = clause.text
        for m in _ATTENDEES_ARE.finditer(text):  # 列席人员：区政府办公室副主任、各有关部门负责人
            seg = segment_at(segments, m.start())
            end = self._list_end(clause, segments, m.end("who"))
            for person in self._people(clause, m.start("who"), end):
                self._assign_one(clause, seg, seg.start, end, "attendees", person, True, None)
        floor = 0
        for verb in _ATTENDING.finditer(text):
            seg = segment_at(segments, verb.start())
            # 县长助理列席县政府常务会议: the meeting is the verb's object
            objects = self._meeting_run(text[: seg.end], verb.end())
            if not objects and not _ATTENDING_END.match(text, verb.end()):
                continue
            if objects and _NOT_ATTENDING.search(text, seg.start, verb.start()):
                continue  # 副区长因故不能参加常务会议: a case of absence, not who attends
            about = Segment(seg.start, seg.end, objects) if objects else seg
            # 区政协有关负责同志应邀列席 / 可以列席: the word before the verb, after the list
            after_list = _AFTER_LIST.search(text[max(seg.start, floor) : verb.start()])
            list_end = verb.start() - (len(after_list.group()) if after_list else 0)
            start, optional, condition = self._list_start(clause, segments, seg, list_end, floor)
            floor = verb.end()
            if start is None:
                continue
            if after_list and _OPTIONAL.search(after_list.group()):
                optional, condition = True, condition or after_list.group()
            people = [p for p in self._people(clause, start, list_end) if p.entity.kind != "meeting"]
            for person in people:
                self._assign_one(clause, about, start, seg.end if objects else verb.end(), "attendees", person,
                                 not optional, condition)

    def _list_start(self, clause: Clause, segments: list[Segment], seg: Segment, verb_at: int,
                    floor: int) -> tuple[int | None, bool, str | None]:
        text = clause.text
        index = segments.index(seg)
        start = max(seg.start, floor)
        while True:
            chunk = text[start:verb_at]
            intros = list(_INTRO.finditer(chunk))
            intro = intros[-1] if intros else None  # the last one before the verb
            if intro is not None:
                # 根据需要，可邀请…: the condition is the marker before the invitation
                previous = text[segments[index - 1].start : segments[index - 1].end].strip() if index else ""
                marker = _OPTIONAL.search(chunk[: intro.end()])
                if marker and _BARE_MARKER.match(previous):
                    return start + intro.end(), True, previous
                return start + intro.end(), marker is not None, marker.group() if marker else None
            named = self.meetings(chunk)
            subject = self._subject(chunk, named)
            if subject:
                return start + named[len(subject) - 1].end, False, None
            if _NOT_A_LIST.search(chunk) or named:
                return None, False, None
            if index == 0 or segments[index - 1].end <= floor:
                return start, False, None
            before = segments[index - 1]
            previous = text[before.start : before.end].strip()
            if _BARE_MARKER.match(previous):
                return start, True, previous
            if self.meetings(previous) or _PREDICATE.search(previous):
                return start, False, None
            if _NOT_A_LIST.search(previous) and not _INVITING.search(previous):
                return start, False, None
            index -= 1
            start = before.start

    def _how_often(self, clause: Clause, segments: list[Segment]) -> None:
        for pattern in (FREQUENCY, IRREGULAR):
            for m in statements(pattern, clause.text):
                seg = segment_at(segments, m.start())
                evidence = self._evidence(clause, m.start(), m.end())
                frequency = parse_frequency(m.group(), evidence)
                for meeting in seg.topic:
                    draft = self._draft(meeting)
                    if draft.frequency is None and frequency is not None:
                        draft.frequency = frequency
                        draft.cite(evidence)
        for m in statements(QUORUM, clause.text):
            seg = segment_at(segments, m.start())
            evidence = self._evidence(clause, m.start(), m.end())
            for meeting in seg.topic:
                draft = self._draft(meeting)
                if draft.quorum is None:
                    draft.quorum = Quorum(m.group(), evidence)
                    draft.cite(evidence)

    # -- helpers ---------------------------------------------------------------------------

    def _assign(self, clause: Clause, seg: Segment, start: int, end: int, slot: str, people: list[Named]) -> None:
        for person in people:
            self._assign_one(clause, seg, start, end, slot, person, True, None)

    def _assign_one(self, clause: Clause, seg: Segment, start: int, end: int, slot: str, person: Named,
                    mandatory: bool, condition: str | None) -> None:
        evidence = self._evidence(clause, start, end)
        delegated = person.delegated and slot in ("chairs", "conveners")
        for meeting in seg.topic:
            participant = Participant(person.entity, mandatory, delegated, condition, evidence)
            self._draft(meeting).add(slot, participant)

    def _draft(self, meeting: EntityRef) -> MeetingDraft:
        return self.drafts.setdefault(meeting.key, MeetingDraft(meeting))

    def _evidence(self, clause: Clause, start: int, end: int) -> Evidence:
        lead = SUBJECT_LEAD.match(clause.text, start, end)
        start = lead.end() if lead else start
        return self.ctx.evidence(self.article, clause.nstart + start, clause.nstart + end)

    def _people(self, clause: Clause, start: int, end: int) -> list[Named]:
        base = clause.nstart + start
        people = participants(self.ctx, clause.text[start:end], lambda a, b: self.ctx.norm.display(base + a, base + b))
        expanded: list[Named] = []
        for person in people:
            if _LISTED_PEOPLE.match(person.entity.name):
                expanded.extend(self.last_people)
            else:
                expanded.append(person)
        return expanded
