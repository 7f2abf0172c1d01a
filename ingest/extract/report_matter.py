"""The matter of a reporting line: a short phrase of the clause saying what is reported.

    副县长离县外出，须事前向县长请假   -> 离县外出请假
    对监督中发现的问题，要及时整改并向县政府报告 -> 监督中发现的问题报告
"""

from __future__ import annotations

import re

from .common import Clause, Context
from .parties import ENTITY_KINDS, by_source, read_np
from .report_verbs import TRIP_WORDS, ReportMatch

#: What a report verb is followed by when it names the matter: 报告重大事项和专项工作.
_OBJECT = re.compile(r"[^，。；、,;并及的]{1,16}(?=$|[，。；,;并])")
#: Words around a matter that say how or when, not what: 要及时, 按规定, 认真负责地.
_FILLER = re.compile(
    r"^(?:本人|上述人员|要|应当|应|必须|须|需|需要|及时|立即|按规定|按要求|按程序|依法|认真负责地?|认真|如实|并|同时|事前|事先|"
    r"提前|本人|定期|主动|积极|书面|全面|以书面形式|在|于|均|也|将)+|(?:要|应当|应|必须|须|需|及时|立即|按规定|"
    r"按要求|按程序|依法|认真|如实|并|同时|事前|事先|提前|定期|主动|积极|书面|全面|以书面形式|均|也|将)+$"
)
#: A clause that opens with its matter: 对监督中发现的问题，…
_MATTER_OPENER = re.compile(r"^(?:对|关于)(?P<matter>[^，,；]{2,16})[，,]")
#: A time frame the report belongs to: …的重大决策前，及时向县委请示报告.
_BEFORE_AFTER = re.compile(r"(?:的|，|,|^)(?P<matter>[^的，,]{2,8}(?:前|后|期间))$")


def matter_of(ctx: Context, clause: Clause, report: ReportMatch, leave: bool) -> str:
    """A short phrase of the clause saying what is reported: 离县外出请假, 重大事项报告."""
    text = clause.text
    if report.verb == "负责":
        return text[report.start : report.end]  # 对县政府负责
    verb = "报告" if report.verb == "报" else report.verb
    if leave:
        trip = TRIP_WORDS.search(ctx.sentence_text(clause.sentence))
        if trip:
            return trip.group() + verb
    obj = _OBJECT.match(text, report.end)
    if obj and not ctx.mentions(obj.group(), ENTITY_KINDS):
        return verb + obj.group()
    opener = _MATTER_OPENER.match(text)
    if opener:
        return opener.group("matter") + verb
    chunk_start = max(text.rfind(c, 0, report.start) for c in "，,") + 1
    np_end = read_np(ctx, text, chunk_start)
    by = by_source(ctx, text[chunk_start : report.start], report.start - chunk_start)
    head = text[np_end : report.start] if not by else ""
    head = _FILLER.sub("", _FILLER.sub("", head))
    if 2 <= len(head) <= 12 and not ctx.mentions(head, ENTITY_KINDS):
        return head + verb
    frame = _BEFORE_AFTER.search(text[: max(chunk_start - 1, 0)])
    if frame and not head:
        return frame.group("matter") + verb
    return verb
