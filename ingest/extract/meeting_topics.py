"""Which meeting a clause is about: the subject a segment opens with, the object of a
convening verb, or the meeting the article spoke of last.

    区政府常务会议由区长、副区长组成，…          -> subject
    区长召集和主持区政府全体会议、区政府常务会议  -> objects
    上述会议由…                                   -> the meetings listed together before

A meeting is one the vocabulary knows or one the text names in the genre's words
(工作协调会, 联席会议: see ``open_meetings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.vocabulary import Mention

from ..fact_values import EntityRef
from .common import Clause, Context
from .open_names import open_meetings

#: verb as written -> the slots its agents fill. Longest first in the alternation.
CONVENING_VERBS: dict[str, tuple[str, ...]] = {
    "召集和主持": ("conveners", "chairs"), "召集并主持": ("conveners", "chairs"),
    "召集、主持": ("conveners", "chairs"), "召集主持": ("conveners", "chairs"),
    "主持召开": ("conveners", "chairs"), "召集召开": ("conveners",),
    "召集": ("conveners",), "召开": ("conveners",), "主持": ("chairs",),
}
# 会议召集人 / 主持人 are nouns; 主持会议的区长 is a relative clause about someone else's minutes.
CONVENING = re.compile(f"(?:{'|'.join(sorted(CONVENING_VERBS, key=len, reverse=True))})(?!人|会议的|工作)")

#: what may stand before the subject of a clause: item labels, 根据工作需要，
CLAUSE_OPENING = re.compile(r"(?:（[一二三四五六七八九十]+）|[0-9]+[.．、]|\s)*(?:(?:根据|视)[^，；。]{0,10}需要[，]?|必要时[，]?)?")
_CASE_FRAME = re.compile(r"^(?:对|在|凡|如果?|若|除|为)|(?:前|后|的)$")
SUBJECT_LEAD = re.compile(r"(?:（[一二三四五六七八九十]+）|[0-9]+[.．、]|[一二三四五六七八九十]+、|其中[，]?|\s)*")
#: 区长主持召开的专题会议…: the chair in a relative clause before the meeting
_RELATIVE_CHAIR = re.compile(r"^[^，；。]{1,16}?(?:主持召开|召集召开|主持|召开|召集)的")
#: a meeting followed by one of these is a modifier (会议的纪要), not the subject
_NOT_SUBJECT = re.compile(r"^的?(?:纪要|议题|文件|材料|方案|组织工作|会务|决定事项|精神|其他组成人员|(?:列席|参加|参会|与会)人员)")
#: 召开全县性工作会议: the object of a convening verb is some meeting
_NAMED_MEETING = re.compile(r"的?[^，；。、的]{1,12}?会议")
_MEETING_JOINER = re.compile(r"^(?:、|和|及|以及|与|或|或者)?$")
#: 上述会议: the meetings the article listed together
_PLURAL_ANAPHORA = re.compile(r"^\s*(?:上述|以上|这些)(?:各类?|两类|几类)?会议")


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # offsets inside the clause text
    end: int
    topic: tuple[EntityRef, ...]


class TopicReader:
    """An article's clauses in order, remembering which meeting each is about."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.topic: tuple[EntityRef, ...] = ()
        self.enumerated: tuple[EntityRef, ...] = ()  # the last list of several meetings (上述会议)
        self.alternating: list[tuple[EntityRef, ...]] = []  # the subjects of the last sentence

    def meetings(self, text: str) -> list[Mention]:
        """Meetings named in ``text``: the vocabulary's and those named in the genre's words."""
        return open_meetings(self.ctx, text)

    def segments(self, clause: Clause) -> list[Segment]:
        out = []
        pos = 0
        if len(self.alternating) > 1:
            # 区长专题会议由区长召集，副区长专题会议由副区长召集。与议题有关的部门负责人参加会议。
            self.topic = tuple(dict.fromkeys(m for topic in self.alternating for m in topic))
        self.alternating = []
        for m in re.finditer("，", clause.text + "，"):
            seg = clause.text[pos : m.start()]
            named = self.meetings(seg)  # found once for the segment's subject and its enumeration
            subject = self._subject(seg, named)
            if subject:
                self.topic = subject
                if subject not in self.alternating:
                    self.alternating.append(subject)
                if len(subject) > 1:
                    self.enumerated = subject
            elif _PLURAL_ANAPHORA.match(seg) and self.enumerated:
                self.topic = self.enumerated
            else:
                self._remember_enumeration(seg, named)
            objects = self._objects(seg)
            if not objects and self._other_meeting(seg):
                self.topic = ()  # 县政府可以召开全县性工作会议: a meeting outside the vocabulary
            out.append(Segment(pos, m.start(), objects or self.topic))
            if objects:
                self.topic = objects
            pos = m.end()
        return out

    def _remember_enumeration(self, seg: str, named: list[Mention]) -> None:
        """区政府实行全体会议、常务会议制度 / 分为A和B: what a later 上述会议 means.
        ``named``: the meetings of ``seg``."""
        for m in named:
            listed = self._meeting_run(seg, m.start, named)
            if len(listed) > 1:
                self.enumerated = listed
                return

    def _subject(self, seg: str, named: list[Mention]) -> tuple[EntityRef, ...]:
        """The meetings a segment opens with: 区政府全体会议和常务会议由… ``named``: the meetings of ``seg``."""
        lead = SUBJECT_LEAD.match(seg)
        lead_end = lead.end() if lead else 0
        rest = seg[lead_end:]
        relative = _RELATIVE_CHAIR.match(rest)
        if relative and self.meetings(rest[relative.end() :][:12]):
            rest_from = relative.end()
        else:
            rest_from = 0
        return self._meeting_run(rest, rest_from, named if lead_end == 0 else None)

    def _objects(self, seg: str) -> tuple[EntityRef, ...]:
        for verb in CONVENING.finditer(seg):
            after = seg[verb.end() :]
            skip = 1 if after.startswith("的") else 0
            found = self._meeting_run(after, skip)
            if found:
                return found
        return ()

    def _other_meeting(self, seg: str) -> bool:
        for verb in CONVENING.finditer(seg):
            named = _NAMED_MEETING.match(seg, verb.end())
            if named and not self.meetings(named.group()):
                return True
        return False

    def _meeting_run(self, text: str, start: int, named: list[Mention] | None = None) -> tuple[EntityRef, ...]:
        """The meetings listed together from ``start`` (``named``: ``self.meetings(text)``, when known)."""
        found: list[EntityRef] = []
        pos = start
        for m in self.meetings(text) if named is None else named:
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


def segment_at(segments: list[Segment], pos: int) -> Segment:
    for seg in segments:
        if seg.start <= pos <= seg.end:
            return seg
    return segments[-1]


def opens_clause(opening: str) -> bool:
    """Nothing but a lead (根据工作需要，) or earlier predicates stand before the agent.

    对…的议题，在提交…前，X应召开专题会议 states a case, not the standing rule.
    """
    *earlier, own = opening.split("，")
    return bool(CLAUSE_OPENING.fullmatch(own)) and not any(_CASE_FRAME.search(p) for p in earlier)
