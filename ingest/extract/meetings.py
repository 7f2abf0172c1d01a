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
from dataclasses import dataclass, field

from ..facts import EntityRef, Evidence, Frequency, Meeting, Participant, Quorum
from ..models import Article
from .common import Clause, Context
from .frequency import FREQUENCY, IRREGULAR, QUORUM, parse_frequency
from .participants import Named, participants

# -- patterns -------------------------------------------------------------------------------

#: verb as written -> the slots its agents fill. Longest first in the alternation.
CONVENING_VERBS: dict[str, tuple[str, ...]] = {
    "召集和主持": ("conveners", "chairs"), "召集并主持": ("conveners", "chairs"),
    "召集、主持": ("conveners", "chairs"), "召集主持": ("conveners", "chairs"),
    "主持召开": ("conveners", "chairs"), "召集召开": ("conveners",),
    "召集": ("conveners",), "召开": ("conveners",), "主持": ("chairs",),
}
# 会议召集人 / 主持人 are nouns; 主持会议的区长 is a relative clause about someone else's minutes.
_CONVENING = re.compile(f"(?:{'|'.join(sorted(CONVENING_VERBS, key=len, reverse=True))})(?!人|会议的|工作)")
_MEMBERS_BY = re.compile(r"由(?!其)(?P<who>[^由，；。]+?)(?:共同)?组成(?!部门|人员|单位|员)")
_MEMBERS_ARE = re.compile(r"组成人员(?:为|包括|是|[：:])[：:]?(?P<who>[^，；。]+)")
_ATTENDEES_ARE = re.compile(r"(?:列席|参加|参会)人员(?:为|包括|是|[：:])[：:]?(?P<who>[^，；。]+)")
_ATTENDING = re.compile(r"(?:列席|参加|参会)(?=会议|$|[，。；])")
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
_MODAL_GAP = re.compile(r"^(?:负责|可以|可|应当|应|须|要|一般|原则上|不定期|定期|随时|根据[^，；。]{0,10}需要|视[^，；。]{0,6}需要|[，、])*$")
#: what may stand before the subject of a clause: item labels, 根据工作需要，
_CLAUSE_OPENING = re.compile(r"(?:（[一二三四五六七八九十]+）|[0-9]+[.．、]|\s)*(?:(?:根据|视)[^，；。]{0,10}需要[，]?|必要时[，]?)?")
_CASE_FRAME = re.compile(r"^(?:对|在|凡|如果?|若|除|为)|(?:前|后|的)$")
#: between roles that convene together: 区长或区长委托常务副区长
_AGENT_JOINER = re.compile(r"[、和及或]|或者|(?:或|可以?|也可以?)?(?:由其)?委托|或[^，]{0,4}委托")
#: right before a chair who acts for another: 受区长委托，/ 区长因故不能主持时，可委托
_DELEGATING = re.compile(r"(?:受[^，；。]{1,12}委托[，]?|(?:可以?|也可以?|或)?委托)$")
_SUBJECT_LEAD = re.compile(r"(?:（[一二三四五六七八九十]+）|[0-9]+[.．、]|[一二三四五六七八九十]+、|其中[，]?|\s)*")
#: 区长主持召开的专题会议…: the chair in a relative clause before the meeting
_RELATIVE_CHAIR = re.compile(r"^[^，；。]{1,16}?(?:主持召开|召集召开|主持|召开|召集)的")
#: a meeting followed by one of these is a modifier (会议的纪要), not the subject
_NOT_SUBJECT = re.compile(r"^的?(?:纪要|议题|文件|材料|方案|组织工作|会务|决定事项|精神|其他组成人员|(?:列席|参加|参会|与会)人员)")
#: 召开全县性工作会议: the object of a convening verb is some meeting
_NAMED_MEETING = re.compile(r"的?[^，；。、的]{1,12}?会议")
_MEETING_JOINER = re.compile(r"^(?:、|和|及|以及|与|或|或者)?$")
#: 上述会议: the meetings the article listed together
_PLURAL_ANAPHORA = re.compile(r"^\s*(?:上述|以上|这些)(?:各类?|两类|几类)?会议")
#: 上述人员: the people the article listed last
_LISTED_PEOPLE = re.compile(r"^(?:上述|以上)人员$")


@dataclass
class _Draft:
    entity: EntityRef
    slots: dict[str, list[Participant]] = field(default_factory=dict)
    frequency: Frequency | None = None
    quorum: Quorum | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, slot: str, participant: Participant) -> None:
        kept = self.slots.setdefault(slot, [])
        if all(p.entity.key != participant.entity.key for p in kept):
            kept.append(participant)
        self.cite(participant.evidence)

    def cite(self, evidence: Evidence | None) -> None:
        if evidence is not None and evidence not in self.evidence:
            self.evidence.append(evidence)


def extract_meetings(ctx: Context) -> list[Meeting]:
    drafts: dict[str, _Draft] = {}
    for article in ctx.tree.articles:
        _Article(ctx, article, drafts).run()
    return [_finish(d) for d in drafts.values() if d.slots or d.frequency or d.quorum]


def _finish(draft: _Draft) -> Meeting:
    def slot(name: str) -> tuple[Participant, ...]:
        return tuple(draft.slots.get(name, ()))

    return Meeting(
        entity=draft.entity, members=slot("members"), conveners=slot("conveners"), chairs=slot("chairs"),
        attendees=slot("attendees"), frequency=draft.frequency, quorum=draft.quorum,
        evidence=tuple(sorted(draft.evidence, key=lambda e: (e.start, e.end))),
    )


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int  # offsets inside the clause text
    end: int
    topic: tuple[EntityRef, ...]


class _Article:
    """One article, clause by clause, remembering which meeting it is talking about."""

    def __init__(self, ctx: Context, article: Article, drafts: dict[str, _Draft]) -> None:
        self.ctx, self.article, self.drafts = ctx, article, drafts
        self.topic: tuple[EntityRef, ...] = ()
        self.enumerated: tuple[EntityRef, ...] = ()  # the last list of several meetings (上述会议)
        self.last_people: list[Named] = []  # what 上述人员 points back to
        self.alternating: list[tuple[EntityRef, ...]] = []  # the subjects of the last sentence

    def run(self) -> None:
        for clause in self.ctx.clauses(self.article):
            segments = self._segments(clause)
            self._members(clause, segments)
            self._convening(clause, segments)
            self._attending(clause, segments)
            self._how_often(clause, segments)

    # -- topic ---------------------------------------------------------------------------

    def _segments(self, clause: Clause) -> list[_Segment]:
        out = []
        pos = 0
        if len(self.alternating) > 1:
            # 区长专题会议由区长召集，副区长专题会议由副区长召集。与议题有关的部门负责人参加会议。
            self.topic = tuple(dict.fromkeys(m for topic in self.alternating for m in topic))
        self.alternating = []
        for m in re.finditer("，", clause.text + "，"):
            seg = clause.text[pos : m.start()]
            subject = self._subject(seg)
            if subject:
                self.topic = subject
                if subject not in self.alternating:
                    self.alternating.append(subject)
                if len(subject) > 1:
                    self.enumerated = subject
            elif _PLURAL_ANAPHORA.match(seg) and self.enumerated:
                self.topic = self.enumerated
            else:
                self._remember_enumeration(seg)
            objects = self._objects(seg)
            if not objects and self._other_meeting(seg):
                self.topic = ()  # 县政府可以召开全县性工作会议: a meeting outside the vocabulary
            out.append(_Segment(pos, m.start(), objects or self.topic))
            if objects:
                self.topic = objects
            pos = m.end()
        return out

    def _remember_enumeration(self, seg: str) -> None:
        """区政府实行全体会议、常务会议制度 / 分为A和B: what a later 上述会议 means."""
        for m in self.ctx.mentions(seg, ("meeting",)):
            listed = self._meeting_run(seg, m.start)
            if len(listed) > 1:
                self.enumerated = listed
                return

    def _subject(self, seg: str) -> tuple[EntityRef, ...]:
        """The meetings a segment opens with: 区政府全体会议和常务会议由…"""
        lead = _SUBJECT_LEAD.match(seg)
        rest = seg[lead.end() if lead else 0 :]
        relative = _RELATIVE_CHAIR.match(rest)
        if relative and self.ctx.mentions(rest[relative.end() :][:12], ("meeting",)):
            rest_from = relative.end()
        else:
            rest_from = 0
        return self._meeting_run(rest, rest_from)

    def _objects(self, seg: str) -> tuple[EntityRef, ...]:
        for verb in _CONVENING.finditer(seg):
            after = seg[verb.end() :]
            skip = 1 if after.startswith("的") else 0
            found = self._meeting_run(after, skip)
            if found:
                return found
        return ()

    def _other_meeting(self, seg: str) -> bool:
        for verb in _CONVENING.finditer(seg):
            named = _NAMED_MEETING.match(seg, verb.end())
            if named and not self.ctx.mentions(named.group(), ("meeting",)):
                return True
        return False

    def _meeting_run(self, text: str, start: int) -> tuple[EntityRef, ...]:
        found: list[EntityRef] = []
        pos = start
        for m in self.ctx.mentions(text, ("meeting",)):
            if m.start < pos or not _MEETING_JOINER.match(text[pos : m.start]):
                break
            if _NOT_SUBJECT.match(text[m.end :]):
                return ()
            entity = self.ctx.entity(m)
            if entity not in found:
                found.append(entity)
            pos = m.end
            if text[pos : pos + 1] == "等":
                break
        return tuple(found)

    # -- slots -----------------------------------------------------------------------------

    def _members(self, clause: Clause, segments: list[_Segment]) -> None:
        for pattern in (_MEMBERS_BY, _MEMBERS_ARE):
            for m in pattern.finditer(clause.text):
                seg = _segment_at(segments, m.start())
                end = m.end("who") if pattern is _MEMBERS_BY else self._list_end(clause, segments, m.end("who"))
                people = self._people(clause, m.start("who"), end)
                self.last_people = people or self.last_people
                self._assign(clause, seg, seg.start, m.end(), "members", people)

    def _list_end(self, clause: Clause, segments: list[_Segment], end: int) -> int:
        """组成人员为：区长、副区长，各部门主要负责人。 The list runs on over list-like segments."""
        for seg in segments:
            chunk = clause.text[seg.start : seg.end]
            if seg.start < end:
                continue
            if _NOT_A_LIST.search(chunk) or _PREDICATE.search(chunk) or re.search("会议|列席|参加|出席", chunk):
                break
            end = seg.end
        return end

    def _convening(self, clause: Clause, segments: list[_Segment]) -> None:
        text = clause.text
        for verb in _CONVENING.finditer(text):
            seg = _segment_at(segments, verb.start())
            by = list(re.finditer(r"由(?!其)", text[seg.start : verb.start()]))
            if by:
                start = seg.start + by[-1].end()
                before = text[seg.start : start - 1]
                if self._objects(text[verb.start() : seg.end]) and not _CLAUSE_OPENING.fullmatch(before):
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
                self._assign(clause, _Segment(seg.start, seg.end, topic), seg.start, verb.end(), slot, people)

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
        if not _opens_clause(opening):
            return []
        people = self._people(clause, start, mentions[-1].end)
        if delegating:
            people = [Named(p.entity, True) for p in people]
        return people

    def _attending(self, clause: Clause, segments: list[_Segment]) -> None:
        text = clause.text
        for m in _ATTENDEES_ARE.finditer(text):  # 列席人员：区政府办公室副主任、各有关部门负责人
            seg = _segment_at(segments, m.start())
            end = self._list_end(clause, segments, m.end("who"))
            for person in self._people(clause, m.start("who"), end):
                self._assign_one(clause, seg, seg.start, end, "attendees", person, True, None)
        floor = 0
        for verb in _ATTENDING.finditer(text):
            seg = _segment_at(segments, verb.start())
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
                self._assign_one(clause, seg, start, verb.end(), "attendees", person, not optional, condition)

    def _list_start(self, clause: Clause, segments: list[_Segment], seg: _Segment, verb_at: int,
                    floor: int) -> tuple[int | None, bool, str | None]:
        text = clause.text
        index = segments.index(seg)
        start = max(seg.start, floor)
        while True:
            chunk = text[start:verb_at]
            intro = None
            for intro in _INTRO.finditer(chunk):
                pass
            if intro is not None:
                # 根据需要，可邀请…: the condition is the marker before the invitation
                previous = text[segments[index - 1].start : segments[index - 1].end].strip() if index else ""
                marker = _OPTIONAL.search(chunk[: intro.end()])
                if marker and _BARE_MARKER.match(previous):
                    return start + intro.end(), True, previous
                return start + intro.end(), marker is not None, marker.group() if marker else None
            subject = self._subject(chunk)
            if subject:
                head = self.ctx.mentions(chunk, ("meeting",))
                return start + head[len(subject) - 1].end, False, None
            if _NOT_A_LIST.search(chunk) or self.ctx.mentions(chunk, ("meeting",)):
                return None, False, None
            if index == 0 or segments[index - 1].end <= floor:
                return start, False, None
            before = segments[index - 1]
            previous = text[before.start : before.end].strip()
            if _BARE_MARKER.match(previous):
                return start, True, previous
            if self.ctx.mentions(previous, ("meeting",)) or _PREDICATE.search(previous):
                return start, False, None
            if _NOT_A_LIST.search(previous) and not _INVITING.search(previous):
                return start, False, None
            index -= 1
            start = before.start

    def _how_often(self, clause: Clause, segments: list[_Segment]) -> None:
        for pattern in (FREQUENCY, IRREGULAR):
            for m in pattern.finditer(clause.text):
                seg = _segment_at(segments, m.start())
                evidence = self._evidence(clause, m.start(), m.end())
                frequency = parse_frequency(m.group(), evidence)
                for meeting in seg.topic:
                    draft = self._draft(meeting)
                    if draft.frequency is None and frequency is not None:
                        draft.frequency = frequency
                        draft.cite(evidence)
        for m in QUORUM.finditer(clause.text):
            seg = _segment_at(segments, m.start())
            evidence = self._evidence(clause, m.start(), m.end())
            for meeting in seg.topic:
                draft = self._draft(meeting)
                if draft.quorum is None:
                    draft.quorum = Quorum(m.group(), evidence)
                    draft.cite(evidence)

    # -- helpers ---------------------------------------------------------------------------

    def _assign(self, clause: Clause, seg: _Segment, start: int, end: int, slot: str, people: list[Named]) -> None:
        for person in people:
            self._assign_one(clause, seg, start, end, slot, person, True, None)

    def _assign_one(self, clause: Clause, seg: _Segment, start: int, end: int, slot: str, person: Named,
                    mandatory: bool, condition: str | None) -> None:
        evidence = self._evidence(clause, start, end)
        delegated = person.delegated and slot in ("chairs", "conveners")
        for meeting in seg.topic:
            participant = Participant(person.entity, mandatory, delegated, condition, evidence)
            self._draft(meeting).add(slot, participant)

    def _draft(self, meeting: EntityRef) -> _Draft:
        return self.drafts.setdefault(meeting.key, _Draft(meeting))

    def _evidence(self, clause: Clause, start: int, end: int) -> Evidence:
        lead = _SUBJECT_LEAD.match(clause.text, start, end)
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


def _opens_clause(opening: str) -> bool:
    """Nothing but a lead (根据工作需要，) or earlier predicates stand before the agent.

    对…的议题，在提交…前，X应召开专题会议 states a case, not the standing rule.
    """
    *earlier, own = opening.split("，")
    return bool(_CLAUSE_OPENING.fullmatch(own)) and not any(_CASE_FRAME.search(p) for p in earlier)


def _segment_at(segments: list[_Segment], pos: int) -> _Segment:
    for seg in segments:
        if seg.start <= pos <= seg.end:
            return seg
    return segments[-1]
