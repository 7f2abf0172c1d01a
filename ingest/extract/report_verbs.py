"""Report verbs with their recipients: every way the genre says "X brings a matter to Y".

    向县委请示报告    报县长审批    提交县委常委会讨论    按照县政府领导分工呈批
    └ to Y + verb ┘   └ 报 Y suffix ┘  └ submit Y suffix ┘    └ Y by division of work ┘

Each match is a span of the clause with its recipients and the line's kind (report,
request, approval, submission, filing, leave, responsibility). The words are data
(schema/wording/reporting.yaml); this module builds the patterns from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..fact_values import EntityRef
from ..facts import ReportingKind
from .common import Context
from .parties import COORDINATOR, PARENTHETICAL, NounPhrases, label_end, read_np
from .parties import parse_parties as _parse_parties
from .report_wording import LEAVE_CONTEXT, TRIP_WORDS, WORDING, alternation

__all__ = ["LEAVE_CONTEXT", "TRIP_WORDS", "ReportMatch", "find_reports", "optional", "parse_parties", "prohibited"]


#: 向X + adverbs + verb; 向 inside another word (导向, 方向, 面向 …) opens no target.
_TO = re.compile(
    rf"(?<![导方意倾走动指转去志偏风趋取])(?<![^书]面)(?<!^面)向(?P<to>[^，。；：,;向]{{1,40}}?)"
    rf"(?P<adv>(?:{alternation(WORDING.verb_adverbs)})*)(?P<verb>{alternation(WORDING.to_verbs)})"
)
#: 报 / 报送 / 呈报 … followed by its object; bare 报 not inside another word.
_OBJECT_VERB = re.compile(
    rf"(?P<verb>{alternation(v for v in WORDING.object_verbs if v != '报')}"
    rf"|(?<![{WORDING.bao_not_after}])报(?![{WORDING.bao_not_before}]))"
)
_SUBMIT = re.compile(alternation(WORDING.submit_verbs))
_SUBMIT_SUFFIX = re.compile(alternation(WORDING.submit_suffixes))
_OBJECT_SUFFIX = re.compile(alternation(WORDING.object_suffixes))
_PROCEDURE_SUFFIXES = [(re.compile(pattern), kind) for pattern, kind in WORDING.procedure_suffixes.items()]
_SIGNING_SUFFIX = re.compile(alternation(WORDING.signing_suffixes))
_DIVISION = re.compile(rf"按(?:照)?(?P<who>[^，。；,;按]{{2,16}}?)(?:职责)?{re.escape(WORDING.division_cue)}")
_PLAIN_REPORT = re.compile(r"(?<![汇上呈补迟])(?P<verb>报告|请示)")
_INFORM = re.compile(re.escape(WORDING.inform_verb))
_BY_APPROVAL = re.compile(r"经")
_APPROVAL_VERB = re.compile(alternation(WORDING.approval_verbs))
_RESPONSIBLE = re.compile(r"对(?P<to>[^，。；,;对]{1,20}?)负责(?![人同制])")
_WORK = re.compile(r"(?P<verb>报告|汇报)工作")
#: 对X负责并报告工作: one statement, whose 报告工作 goes to the same X
_AND_WORK = re.compile(r"并(?:报告|汇报)工作")
_BOUNDARY = re.compile(r"$|[，。；,;并]")
#: A verb that modifies a noun: 向县委请示的事项, 报送县政府审批的公文.
_RELATIVE = re.compile(r"(?:[及和或、](?:请示|报告|汇报))?(?:的|事项)")
#: A role or organ described by a clause: 主持工作的常务副县长.
_DESCRIBED = re.compile(r"[^“”《》，,]{1,12}的[^的“”《》，,]{2,12}")
_REPRESENT = re.compile(r"代表$")

_SUFFIX_KIND: dict[str, ReportingKind] = {"请示": "request", "报告": "report"}


@dataclass(frozen=True, slots=True)
class ReportMatch:
    """One report verb in a clause with its recipients (offsets into the clause text)."""

    start: int
    end: int
    verb: str
    kind: ReportingKind
    targets: tuple[EntityRef, ...]


def find_reports(ctx: Context, text: str, leave: bool) -> list[ReportMatch]:
    """Every report verb in ``text`` with the entities it reports to."""
    found: list[ReportMatch] = []
    found += _to_reports(ctx, text)
    phrases = NounPhrases(ctx, text)  # the noun phrases after the verbs, from one scan of the text
    found += _object_reports(ctx, text, leave, phrases)
    found += _submissions(ctx, text, phrases)
    found += _divisions(ctx, text)
    for m in _RESPONSIBLE.finditer(text):
        region = m.group("to")
        if read_np(ctx, region, places=True) == len(region):
            work = _AND_WORK.match(text, m.end())
            end = work.end() if work else m.end()
            found.append(ReportMatch(m.start(), end, "负责", "responsibility", tuple(parse_parties(ctx, region))))
    if leave:
        found += _leave_steps(ctx, text, phrases)
    covered = [(r.start, r.end) for r in found]
    for m in _WORK.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        targets = antecedent(ctx, text[: m.start()], skip_subject=True)
        if targets:
            found.append(ReportMatch(m.start(), m.end(), m.group(), "report", tuple(targets)))
    found.sort(key=lambda r: r.start)
    return [r for r in found if r.targets]


def _to_reports(ctx: Context, text: str) -> list[ReportMatch]:
    out = []
    for m in _TO.finditer(text):
        region = PARENTHETICAL.sub("", m.group("to")).strip()
        if _RELATIVE.match(text, m.end()):
            continue  # 向县委请示的重要事项: a kind of matter, not a line
        targets = antecedent(ctx, text[: m.start()]) if region == "其" else target_region(ctx, region)
        if targets:
            verb = m.group("verb")
            out.append(ReportMatch(m.start(), m.end(), verb, WORDING.to_verbs[verb], tuple(targets)))
    return out


def _object_reports(ctx: Context, text: str, leave: bool, phrases: NounPhrases) -> list[ReportMatch]:
    """报X…, 报送X…, 呈报X…: a line when a suffix or the clause's end closes the object."""
    out = []
    for m in _OBJECT_VERB.finditer(text):
        end = phrases.end(m.end())
        if end == m.end():
            continue
        verb = m.group("verb")
        region_end = end
        joined = phrases.end(end + 1) if text.startswith("并", end) else end
        if joined > end + 1 and _OBJECT_SUFFIX.match(text, joined):
            end = joined  # 报送常务副县长并县长审批: both approve
        if _SIGNING_SUFFIX.match(text, end) or text.endswith(WORDING.signing_routes, 0, m.start()):
            continue  # 报县长签发, 会签或联合报县政府审批: how a document is signed
        suffix, suffix_kind = _object_suffix(text, end)
        close = suffix.end() if suffix else end
        if not suffix and not _BOUNDARY.match(text, end):
            continue
        if text.startswith("的", close) or _is_time_clause(text, close):
            continue  # 报送县政府审批的公文: a noun phrase
        if text.startswith("、", close) and _SIGNING_SUFFIX.match(text, close + 1):
            continue  # 报县领导审批、签发: the signing route of a document
        kind = suffix_kind or WORDING.object_verbs[verb]
        region = text[m.end() : region_end] + ("、" + text[region_end + 1 : end] if end > region_end else "")
        targets = tuple(parse_parties(ctx, region))
        out.append(ReportMatch(m.start(), close, verb + (suffix.group() if suffix else ""), kind, targets))
    for m in _PLAIN_REPORT.finditer(text):
        end = phrases.end(m.end())
        if end > m.end() and _BOUNDARY.match(text, end):
            verb = m.group("verb")
            out.append(ReportMatch(m.start(), end, verb, _SUFFIX_KIND[verb], tuple(parse_parties(ctx, text[m.end() : end]))))
    return out


def _object_suffix(text: str, at: int) -> tuple[re.Match[str] | None, ReportingKind | None]:
    """The suffix at ``at`` that closes 报X (审批, 履行审议或审批程序) with the line's kind."""
    suffix = _OBJECT_SUFFIX.match(text, at)
    if suffix:
        return suffix, WORDING.object_suffixes[suffix.group()]
    for pattern, kind in _PROCEDURE_SUFFIXES:
        procedure = pattern.match(text, at)
        if procedure:
            return procedure, kind
    return None, None


def _submissions(ctx: Context, text: str, phrases: NounPhrases) -> list[ReportMatch]:
    """提交X讨论, 提请X协调: a matter put before a body as a required step (not an agenda item
    of the government's own meetings, not a time clause 在提交县政府审议时)."""
    out = []
    for m in _SUBMIT.finditer(text):
        end = phrases.end(m.end())
        suffix = _SUBMIT_SUFFIX.match(text, end)
        if end == m.end() or suffix is None:
            continue
        if text.startswith("的", suffix.end()) or _is_time_clause(text, suffix.end()):
            continue
        if not _a_step(text, m.start(), phrases):
            continue  # 县政府各部门提请县政府审议重大合同…，应当…: the topic, not the duty
        targets = tuple(t for t in parse_parties(ctx, text[m.end() : end]) if t.kind != "meeting")
        verb = m.group()
        out.append(ReportMatch(m.start(), suffix.end(), verb + suffix.group(), WORDING.submit_verbs[verb], targets))
    return out


#: What makes a submission a required step when something precedes it in its chunk.
_STEP_MARKS = re.compile(r"须|应|要|需|必|后|再|并|时|则|经")


def _a_step(text: str, at: int, phrases: NounPhrases) -> bool:
    """Whether the verb at ``at`` is stated as a step: its chunk begins with it, or a duty or
    sequence word stands between the chunk's subject and it."""
    chunk_start = max(text.rfind(c, 0, at) for c in "，,；") + 1
    chunk_start = max(chunk_start, label_end(text))
    rest = text[phrases.end(chunk_start) : at]
    return chunk_start == at or bool(_STEP_MARKS.search(rest))


def _divisions(ctx: Context, text: str) -> list[ReportMatch]:
    """按照县政府领导分工呈批: submitted to the leaders by their division of work."""
    out = []
    for m in _DIVISION.finditer(text):
        who = m.group("who")
        if read_np(ctx, who) == len(who):
            out.append(ReportMatch(m.start(), m.end(), "呈批", "approval", tuple(parse_parties(ctx, who))))
    return out


def _leave_steps(ctx: Context, text: str, phrases: NounPhrases) -> list[ReportMatch]:
    """In a leave sentence, 告知X (the filing step) and 经X批准 (the approval) are lines."""
    out = []
    for m in _INFORM.finditer(text):
        end = phrases.end(m.end())
        if end > m.end():
            out.append(ReportMatch(m.start(), end, "告知", "filing", tuple(parse_parties(ctx, text[m.end() : end]))))
    for m in _BY_APPROVAL.finditer(text):
        end = phrases.end(m.end())
        verb = _APPROVAL_VERB.match(text, end)
        if end > m.end() and verb:
            out.append(ReportMatch(m.start(), verb.end(), verb.group(), "approval", tuple(parse_parties(ctx, text[m.end() : end]))))
    return out


def parse_parties(ctx: Context, region: str) -> list[EntityRef]:
    """The recipients a noun phrase names; a body named with its standing committee
    (县人大及其常委会) is both bodies."""
    refs = _parse_parties(ctx, region)
    for joint in _JOINT.finditer(region):
        term = ctx.vocab.resolve(joint.group("first"))
        if term is not None and term.kind == "body":
            ref = ctx.entity_by_key("body", term.key)
            if ref.key not in {r.key for r in refs}:
                refs.insert(0, ref)
    return refs


#: 县人大及其常委会, 县人民代表大会及其常务委员会: the first body of a joint name.
_JOINT = re.compile(r"(?P<first>[^、，,及和或]{2,10})及其")


def _is_time_clause(text: str, at: int) -> bool:
    return any(text.startswith(mark, at) for mark in WORDING.time_clause_marks)


def target_region(ctx: Context, region: str) -> list[EntityRef]:
    """Targets between 向 and the verb. Every coordinated part must be a noun phrase of
    the vocabulary or a role described by a clause (或主持工作的常务副县长, read as its
    role); anything else means 向 did not open a target."""
    if read_np(ctx, region, places=True) == len(region):
        return parse_parties(ctx, region)
    kept: list[str] = []
    for part in COORDINATOR.split(region):
        if part and read_np(ctx, part, places=True) == len(part):
            kept.append(part)
        elif _DESCRIBED.fullmatch(part) and kept and _described_head(ctx, part):
            kept.append(_described_head(ctx, part))  # 或主持工作的常务副县长: that role too
        else:
            return []
    return [ref for part in kept for ref in parse_parties(ctx, part)]


def _described_head(ctx: Context, part: str) -> str:
    """The vocabulary role a clause-described recipient ends with (主持工作的常务副县长 -> 常务副县长)."""
    mentions = [m for m in ctx.mentions(part, ("role",)) if m.end == len(part)]
    return mentions[-1].surface if mentions else ""


def antecedent(ctx: Context, before: str, skip_subject: bool = False) -> list[EntityRef]:
    """The body a pronoun or an object-less 报告工作 points back to: the last one named
    before it, not the clause's own subject nor the one it acts for (代表县政府)."""
    mentions = list(ctx.mentions(before, ("body",)))
    if skip_subject:
        subject_end = read_np(ctx, before, label_end(before))
        mentions = [m for m in mentions if m.start >= subject_end and not _REPRESENT.search(before[: m.start])]
    if not mentions:
        return []
    last = mentions[-1]
    return parse_parties(ctx, last.surface) or [ctx.entity(last)]


def optional(text: str, at: int) -> bool:
    """可 in the comma chunk before ``at`` (not 方可): the report is allowed, not required."""
    chunk_start = max(text.rfind(c, 0, at) for c in "，,；") + 1
    chunk = text[chunk_start:at]
    marker = WORDING.optional_marker
    return any(
        chunk.startswith(marker, i)
        and (i == 0 or chunk[i - 1] not in WORDING.optional_not_after)
        and chunk[i + len(marker) : i + len(marker) + 1] not in tuple(WORDING.optional_not_before)
        for i in range(len(chunk))
    )


def prohibited(text: str, at: int) -> bool:
    """不得 … in the comma chunk before ``at``: a prohibition, not a line."""
    chunk_start = max(text.rfind(c, 0, at) for c in "，,；") + 1
    return any(marker in text[chunk_start:at] for marker in WORDING.prohibition_markers)


