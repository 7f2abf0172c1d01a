"""Reporting lines: who must report to, ask leave of, or file with whom.

A line is a report verb with its target, and the source the clause (or, when the
clause names no one, its article) is about:

    区政府各部门主要负责人离县外出，须事前向分管副县长请示，报县长审批
    source (clause subject)            target + 请示     报 target + 审批 (a leave context)

Targets and sources are noun phrases of vocabulary terms, split at coordinators
(向县委、县人大常委会报告 → two lines); a role word after coordinated bodies is
shared by all of them (县政府各部门和各乡镇的行政正职). ``由X`` names the source of
what follows it (由县政府办公室汇总后向县长报告). Noun phrases and subjects are read
by ``parties``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..facts import EntityRef, ReportingLine
from ..models import Article
from .common import Clause, Context
from .parties import (
    COORDINATOR,
    ENTITY_KINDS,
    PARENTHETICAL,
    SubjectTracker,
    by_source,
    label_end,
    parse_parties,
    read_np,
)

# ------------------------------------------------------------------ pattern tables

#: Verbs that state a report line after 向X: 向县委请示报告, 向县长请假.
TO_VERBS = ("请示报告", "请示", "报告", "汇报", "请假", "销假", "备案", "报备", "报批", "述职")
#: Words that may stand between 向X and the verb: 向县委全面报告, 向县政府书面请假.
VERB_ADVERBS = ("全面", "书面", "及时", "电话", "口头", "专题", "如实", "提前", "事先", "事前", "主动", "定期")
#: 报X + suffix: what the suffix means. ``always`` lines hold in any context; the
#: others (approval, a bare 报X) only where the sentence is about leave or absence,
#: because elsewhere 报X审批 routes a document, not a person.
BAO_SUFFIXES: dict[str, str] = {"备案": "always", "报备": "always", "审批": "leave", "批准": "leave", "同意": "leave"}
#: 报 as part of another word is not 报X: 汇报, 上报, 报送, 报告 …
BAO_NOT_AFTER = "汇上呈补迟谎瞒漏通情简周月年快举申预电填续首"
BAO_NOT_BEFORE = "告送请批备道销名表纸刊到考账警件文至"
#: A sentence about leave or absence (where 报X, 经X批准, 告知X are report lines).
LEAVE_CONTEXT = re.compile(r"请假|销假|离京|离岗|离津|离[区县市旗]|离开|外出|出差|休假|脱产学习|不能出席|不能参加")
#: The words a leave matter is named by, as written.
TRIP_WORDS = re.compile(r"离岗离津外出|离[区县市旗]外出|离京出访|离京出差|离京|离岗|离津|离[区县市旗]|外出|出差|出访|休假|不能出席会议|不能出席|不能参加")
#: Markers that make a report optional, not a must: 必要时向县人大报告.
OPTIONAL_MARKERS = re.compile(r"必要时|如有必要|如确有必要|可以|可根据|可视")

_ADV = "|".join(VERB_ADVERBS)
_TO = re.compile(
    rf"(?<![导方意倾走动指转去志偏风趋取])(?<![^书]面)(?<!^面)向(?P<to>[^，。；：,;向]{{1,40}}?)(?P<adv>(?:{_ADV})*)(?P<verb>{'|'.join(TO_VERBS)})"
)
_BAO = re.compile(rf"(?<![{BAO_NOT_AFTER}])报(?![{BAO_NOT_BEFORE}])")
_OBJECT_VERB = re.compile(r"(?<![汇上呈补迟])(?P<verb>报告|请示)")
_INFORM = re.compile(r"告知")
_BY_APPROVAL = re.compile(r"经")
_APPROVAL_VERB = re.compile(r"批准|同意|审批")
_RESPONSIBLE = re.compile(r"对(?P<to>[^，。；,;对]{1,20}?)负责(?![人同制])")
_WORK = re.compile(r"(?P<verb>报告|汇报)工作")
_REPRESENT = re.compile(r"代表$")
_BOUNDARY = re.compile(r"$|[，。；,;]")
#: A clause that lists a kind of matter a meeting deliberates (研究需向县委请示的重要事项):
#: the report verbs inside it describe the matter and state no line.
_AGENDA_ITEM = re.compile(r"(?:研究|讨论|审议|决定|听取)[^。；]*的[^，,；。]{0,6}事项[。；]?$")
#: A verb that modifies a noun: 向县委请示的事项, 向县政府报告及请示事项.
_RELATIVE = re.compile(r"(?:[及和或、](?:请示|报告|汇报))?(?:的|事项)")


# ------------------------------------------------------------------ report lines


@dataclass(frozen=True, slots=True)
class ReportMatch:
    """One report verb in a clause with its targets (offsets into the clause text)."""

    start: int
    end: int
    verb: str
    targets: tuple[EntityRef, ...]


def find_reports(ctx: Context, text: str, leave: bool) -> list[ReportMatch]:
    """Every report verb in ``text`` with the entities it reports to."""
    found: list[ReportMatch] = []
    for m in _TO.finditer(text):
        region = PARENTHETICAL.sub("", m.group("to")).strip()
        if _RELATIVE.match(text, m.end()):
            continue  # 向县委请示的重要事项: a kind of matter, not a line
        if region == "其":
            targets = _antecedent(ctx, text[: m.start()])
        else:
            targets = _target_region(ctx, region)
        if targets:
            found.append(ReportMatch(m.start(), m.end(), m.group("verb"), tuple(targets)))
    for m in _BAO.finditer(text):
        end = read_np(ctx, text, m.end())
        if end == m.end():
            continue
        suffix = next((s for s in BAO_SUFFIXES if text.startswith(s, end)), None)
        scope = BAO_SUFFIXES[suffix] if suffix else "leave"
        if suffix is None and not _BOUNDARY.match(text, end):
            continue
        if scope == "leave" and not leave:
            continue
        verb = suffix or "报"
        found.append(ReportMatch(m.start(), end + len(suffix or ""), verb, tuple(parse_parties(ctx, text[m.end() : end]))))
    for m in _OBJECT_VERB.finditer(text):
        end = read_np(ctx, text, m.end())
        if end > m.end() and _BOUNDARY.match(text, end):
            found.append(ReportMatch(m.start(), end, m.group("verb"), tuple(parse_parties(ctx, text[m.end() : end]))))
    for m in _RESPONSIBLE.finditer(text):
        region = m.group("to")
        if read_np(ctx, region) == len(region):
            found.append(ReportMatch(m.start(), m.end(), "负责", tuple(parse_parties(ctx, region))))
    if leave:
        for m in _INFORM.finditer(text):
            end = read_np(ctx, text, m.end())
            if end > m.end():
                found.append(ReportMatch(m.start(), end, "告知", tuple(parse_parties(ctx, text[m.end() : end]))))
        for m in _BY_APPROVAL.finditer(text):
            end = read_np(ctx, text, m.end())
            verb = _APPROVAL_VERB.match(text, end)
            if end > m.end() and verb:
                found.append(ReportMatch(m.start(), verb.end(), verb.group(), tuple(parse_parties(ctx, text[m.end() : end]))))
    covered = [(r.start, r.end) for r in found]
    for m in _WORK.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        targets = _antecedent(ctx, text[: m.start()], skip_subject=True)
        if targets:
            found.append(ReportMatch(m.start(), m.end(), m.group(), tuple(targets)))
    found.sort(key=lambda r: r.start)
    return [r for r in found if r.targets]


def _target_region(ctx: Context, region: str) -> list[EntityRef]:
    """Targets between 向 and the verb. Every coordinated part must be a noun phrase of
    the vocabulary; a part described by a clause (或主持工作的常务副县长) is an alternate
    recipient and left out; anything else means 向 did not open a target."""
    if read_np(ctx, region) == len(region):
        return parse_parties(ctx, region)
    kept: list[str] = []
    for part in COORDINATOR.split(region):
        if part and read_np(ctx, part) == len(part):
            kept.append(part)
        elif not _DESCRIBED.fullmatch(part) or not kept:
            return []
    return [ref for part in kept for ref in parse_parties(ctx, part)]


#: A role or organ described by a clause: 主持工作的常务副县长.
_DESCRIBED = re.compile(r"[^“”《》，,]{1,12}的[^的“”《》，,]{2,12}")


def _antecedent(ctx: Context, before: str, skip_subject: bool = False) -> list[EntityRef]:
    """The body a pronoun or an object-less 报告工作 points back to: the last one named
    before it, not the clause's own subject nor the one it acts for (代表县政府)."""
    mentions = list(ctx.mentions(before, ("body",)))
    if skip_subject:
        subject_end = read_np(ctx, before, label_end(before))
        mentions = [m for m in mentions if m.start >= subject_end and not _REPRESENT.search(before[: m.start])]
    return [ctx.entity(mentions[-1])] if mentions else []


def extract_reporting(ctx: Context) -> list[ReportingLine]:
    lines: list[ReportingLine] = []
    for article in ctx.tree.articles:
        lines.extend(_article_lines(ctx, article))
    return lines


def _article_lines(ctx: Context, article: Article) -> list[ReportingLine]:
    """Lines of one article; a pair stated twice in one passage (an item, or the article
    when it has none) is one line whose evidence covers both statements."""
    subjects = SubjectTracker(ctx)
    government = ctx.entity_by_key("body", "government")
    found: dict[tuple[int, str, str], list[tuple[Clause, EntityRef, EntityRef, str]]] = {}
    for clause in ctx.clauses(article):
        text = clause.text
        leave = bool(LEAVE_CONTEXT.search(ctx.sentence_text(clause.sentence)))
        agenda = _AGENDA_ITEM.match(text, label_end(text))
        reports = [] if agenda else find_reports(ctx, text, leave)
        passage = _passage(article, clause)
        for report in reports:
            if _optional(text, report.start):
                continue
            sources = by_source(ctx, text, report.start) or subjects.clause_subjects(text, report.start) or [government]
            matter = _matter(ctx, clause, report, leave)
            for source in sources:
                for target in report.targets:
                    if source.key != target.key:
                        found.setdefault((passage, source.key, target.key), []).append((clause, source, target, matter))
        subjects.observe(text)
    out = []
    for statements in found.values():
        first, source, target, _ = statements[0]
        last = statements[-1][0]
        matters = list(dict.fromkeys(m for _, _, _, m in statements))
        evidence = ctx.evidence(article, first.nstart, max(first.nend, last.nend))
        out.append(ReportingLine(source, target, "、".join(matters), evidence))
    out.sort(key=lambda line: line.evidence.start)
    return out


def _passage(article: Article, clause: Clause) -> int:
    """The item a clause sits in (its index), or -1 for the article's own text."""
    for index, item in enumerate(article.items):
        if item.nstart <= clause.nstart < item.nend:
            return index
    return -1


def _optional(text: str, at: int) -> bool:
    chunk_start = max(text.rfind(c, 0, at) for c in "，,；") + 1
    return bool(OPTIONAL_MARKERS.search(text, chunk_start, at))


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


def _matter(ctx: Context, clause: Clause, report: ReportMatch, leave: bool) -> str:
    """A short phrase of the clause saying what is reported: 离京请假, 重大事项报告."""
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
