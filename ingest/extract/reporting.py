"""Reporting lines: who must report to, ask leave of, submit to, or file with whom.

A line is a report verb with its recipient (``report_verbs``), and the party that
brings the matter:

    区政府各部门主要负责人离县外出，须事前向分管副县长请示，报县长审批
    reporter (the sentence's subject)  recipient + 请示   报 recipient + 审批

The reporter is, in order: the ``由X`` agent before the verb; the subject the sentence
opens a clause or comma chunk with (a described traveller, 县政府各部门…的正科级人员出访,
and the owner of a document, 以县政府名义制发的文件 / 县政府各部门的请示, count); the subject
of the preceding sentence of the same article; the reviewer of ``经X审核后报Y`` when none
of these names anyone; the government itself while the article has named no subject. A
sentence whose reporter none of these gives states no line (…须经审核后按程序报批).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..fact_values import EntityRef
from ..facts import ReportingKind, ReportingLine, ReportingStep
from ..models import Article, Sentence
from .common import Clause, Context, any_later, descriptive_entity
from .parties import ENTITY_KINDS, SUBJECT_PRONOUNS, label_end, read_np
from .report_matter import matter_of
from .report_subjects import described_subjects
from .report_verbs import LEAVE_CONTEXT, ReportMatch, find_reports, optional, parse_parties, prohibited
from .report_wording import WORDING

__all__ = ["LEAVE_CONTEXT", "extract_reporting", "find_reports"]

#: A clause that lists a kind of matter a meeting deliberates (研究需向县委请示的重要事项):
#: the report verbs inside it describe the matter and state no line.
_AGENDA_ITEM = re.compile(r"(?:研究|讨论|审议|决定|听取)[^。；]*的[^，,；。]{0,6}事项[。；]?$")
#: A clause that states a meeting's task (研究审议…, 讨论决定…).
_TASK = re.compile(r"(?:研究|讨论|审议|决定|听取)")
#: 经X审核(后): the reviewing step before a report.
_REVIEW = re.compile(r"经(?:过)?")
_REVIEW_VERB = re.compile("|".join(sorted(WORDING.review_verbs, key=len, reverse=True)))


_BY = re.compile(r"由")
#: X为Y的，: a case stated by what a party is (牵头起草部门为区政府部门的).
_CASE_IS = re.compile(r"为[^，,；;。为]{1,16}的[，,]")
#: 以X名义…: the document or matter is X's.
_OWNER = re.compile(r"以(?P<who>[^，,；。名]{2,20})名义[^，,；。]*的")
#: 由有关部门, 由各单位、各部门: agents the vocabulary names only by their kind.
_DESCRIBED_AGENT = re.compile(r"由(?P<who>(?:(?:各|有关|相关)?(?:部门|单位)[、和]?)+)")
#: X的请示/公文/文件…， opening a chunk: the matter is X's.
_OWNED = re.compile("的(?:" + "|".join(WORDING.owned_nouns) + ")[，,]")
#: Kinds that put a matter before a body for its decision: the government's own meetings
#: are its agenda, not a line (报请县政府常务会议讨论).
_BEFORE_A_BODY = ("approval", "submission")


@dataclass(frozen=True, slots=True)
class _Statement:
    clause: Clause
    source: EntityRef
    target: EntityRef
    matter: str
    kind: ReportingKind
    steps: tuple[ReportingStep, ...]


def extract_reporting(ctx: Context) -> list[ReportingLine]:
    lines: list[ReportingLine] = []
    for article in ctx.tree.articles:
        lines.extend(_article_lines(ctx, article))
    return lines


def _article_lines(ctx: Context, article: Article) -> list[ReportingLine]:
    """Lines of one article; a pair stated twice in one passage (an item, or the article
    when it has none) is one line whose evidence covers both statements."""
    government = ctx.entity_by_key("body", WORDING.government_key)
    clauses = ctx.clauses(article)
    named_before = False  # whether the article has named a subject before this clause
    found: dict[tuple[int, str, str], list[_Statement]] = {}
    previous: list[EntityRef] = []  # the subject of the preceding sentence
    current: list[EntityRef] = []  # the subject named so far in this sentence
    sentence: Sentence | None = None
    leaves = [bool(LEAVE_CONTEXT.search(ctx.sentence_text(clause.sentence))) for clause in clauses]
    reports_of = [find_reports(ctx, clause.text, leave) for clause, leave in zip(clauses, leaves, strict=True)]
    # the subject a clause names is read only for the reports of later clauses: not at all when none follows
    reports_follow = any_later([bool(reports) for reports in reports_of])
    for index, clause in enumerate(clauses):
        if clause.sentence is not sentence:
            if sentence is not None:
                # a meeting is not carried over as a reporter: its sentence was about its work
                previous = [s for s in current if s.kind != "meeting"]
            current, sentence = [], clause.sentence
        text = clause.text
        leave = leaves[index]
        agenda = _AGENDA_ITEM.match(text, label_end(text))
        task = bool(agenda or _TASK.match(text, label_end(text)))
        reports = reports_of[index]
        if agenda:
            # a meeting's task names kinds of matter; only a rule stated in its parenthesis is
            # a line (…的经费使用事项（2000万元以上的报县委常委会研究审议）), and the government's
            reports = [r for r in reports if _in_parenthesis(text, r.start)]
        passage = _passage(article, clause)
        for report in reports:
            if optional(text, report.start) or prohibited(text, report.start):
                continue
            here = _subjects_in(ctx, clause, report.start)
            agents = _agents(ctx, clause, report.start) or _described_agents(ctx, text, report.start)
            # a meeting of the government that decides to submit speaks for the government
            agents = list(dict.fromkeys(government if a.kind == "meeting" else a for a in agents))
            sources = [government] if task and _in_parenthesis(text, report.start) else (
                agents
                or here
                or _case_parties(ctx, text, report.start)
                or current
                or previous
                or _reviewer(ctx, text, report.start)
                or ([] if named_before else [government])
            )
            targets = [t for t in report.targets if t.kind != "meeting" or report.kind not in _BEFORE_A_BODY]
            matter = matter_of(ctx, clause, report, leave)
            chain = _chain(ctx, text, report.start, [r for r in reports if r.start < report.start])
            for source in sources:
                for target in targets:
                    if source.key != target.key:
                        steps = (*chain, ReportingStep(len(chain) + 1, target, report.verb))
                        statement = _Statement(clause, source, target, matter, report.kind, steps)
                        found.setdefault((passage, source.key, target.key), []).append(statement)
        subjects = _subjects_in(ctx, clause, len(text)) if reports_follow[index] else []
        if subjects:
            current = subjects
            named_before = True
    out = []
    for statements in found.values():
        first, last = statements[0], statements[-1]
        matters = list(dict.fromkeys(s.matter for s in statements))
        evidence = ctx.evidence(article, first.clause.nstart, max(first.clause.nend, last.clause.nend))
        out.append(ReportingLine(first.source, first.target, "、".join(matters), evidence, first.kind, first.steps))
    out.sort(key=lambda line: line.evidence.start)
    return out


def _subjects_in(ctx: Context, clause: Clause, upto: int) -> list[EntityRef]:
    """The last noun phrase a clause or comma chunk opens with before ``upto`` (not one
    followed by 的, which qualifies a noun: 县政府各部门报送的公文)."""
    text = clause.text
    found: list[EntityRef] = []
    starts = [label_end(text)] + [m.end() for m in re.finditer(r"[，,：:]", text)]
    for start, chunk_end in zip(starts, [*starts[1:], len(text) + 1], strict=True):
        if start >= upto:
            break
        described = described_subjects(ctx, text, start, min(chunk_end - 1, upto))
        if described:
            found = described
            continue
        if any(text.startswith(p, start) for p in SUBJECT_PRONOUNS):
            continue
        if text.startswith("由", start):
            start += 1  # 由牵头部门负责组织协调: the agent is who the sentence goes on about
        owner = _OWNER.match(text, start)
        if owner and read_np(ctx, owner.group("who")) == len(owner.group("who")):
            found = parse_parties(ctx, owner.group("who"))  # 以县政府名义制发的文件: its owner
            continue
        end = read_np(ctx, text, start, mentions=ctx.clause_mentions(clause, ENTITY_KINDS))
        if end > start and (not text.startswith("的", end) or _OWNED.match(text, end)):
            found = parse_parties(ctx, text[start:end])  # 县政府各部门的请示，报…: the owner brings it
    return found


def _agents(ctx: Context, clause: Clause, upto: int) -> list[EntityRef]:
    """The last ``由X`` agent before ``upto`` (由县政府办公室汇总后向县长报告), passing over one
    whose own comma chunk states a case and ends before ``upto``: 由办公室…呈批，根据需要由领导
    转请…核批，重大事项报市长审批 — the office, not the leaders, reports the major matters."""
    text = clause.text
    found: list[EntityRef] = []
    for m in _BY.finditer(text, 0, upto):
        end = read_np(ctx, text, m.end(), mentions=ctx.clause_mentions(clause, ENTITY_KINDS))
        if end == m.end():
            continue
        chunk_start = max(text.rfind(c, 0, m.start()) for c in "，,") + 1
        chunk_end = min((i for i in (text.find(c, m.start()) for c in "，,") if i >= 0), default=len(text))
        if chunk_end < upto and any(mark in text[chunk_start : m.start()] for mark in WORDING.case_marks):
            continue
        found = parse_parties(ctx, text[m.end() : end])
    return found


def _case_parties(ctx: Context, text: str, upto: int) -> list[EntityRef]:
    """The party a case names before ``upto`` (…且牵头起草部门为区政府部门的，先报区政府…): the
    rule is about that party when no clause opens with a subject."""
    found: list[EntityRef] = []
    for mention in ctx.mentions(text[:upto], ("role", "body")):
        if _CASE_IS.match(text, mention.end):
            found = [ctx.entity(mention)]
    return found


def _described_agents(ctx: Context, text: str, upto: int) -> list[EntityRef]:
    """The agents of the last 由有关部门 / 由各单位、各部门 before ``upto``."""
    found: list[EntityRef] = []
    for m in _DESCRIBED_AGENT.finditer(text, 0, upto):
        parts = [p for p in re.split(r"[、和]", m.group("who")) if p]
        found = [
            ctx.entity_by_key(t.kind, t.key) if (t := ctx.vocab.resolve(p)) is not None and t.kind in ("role", "body")
            else descriptive_entity("body", p)
            for p in parts
        ]
    return found


def _reviewer(ctx: Context, text: str, upto: int) -> list[EntityRef]:
    """The X of 经X审核(后) before ``upto``: the office that reviews and passes the matter on."""
    found: list[EntityRef] = []
    for m in _REVIEW.finditer(text, 0, upto):
        end = read_np(ctx, text, m.end())
        if end > m.end() and _REVIEW_VERB.match(text, end):
            found = parse_parties(ctx, text[m.end() : end])
    return found


def _chain(ctx: Context, text: str, upto: int, earlier: list[ReportMatch]) -> tuple[ReportingStep, ...]:
    """The steps before the recipient's own, in the order the clause states them: every
    经X审核/同意 and every earlier report verb of the clause (报县委书记同意，按程序报市政府审批)."""
    events: list[tuple[int, EntityRef, str]] = []
    for m in _REVIEW.finditer(text, 0, upto):
        end = read_np(ctx, text, m.end())
        action = re.match(r"[^，,；。后并]{1,6}", text[end:])
        if end > m.end() and action:
            events += [(m.start(), actor, action.group()) for actor in parse_parties(ctx, text[m.end() : end])]
    events += [(r.start, target, r.verb) for r in earlier for target in r.targets]
    events.sort(key=lambda e: e[0])
    return tuple(ReportingStep(i, actor, action) for i, (_, actor, action) in enumerate(events, 1))


def _in_parenthesis(text: str, at: int) -> bool:
    return text.count("（", 0, at) + text.count("(", 0, at) > text.count("）", 0, at) + text.count(")", 0, at)


def _passage(article: Article, clause: Clause) -> int:
    """The item a clause sits in (its index), or -1 for the article's own text."""
    for index, item in enumerate(article.items):
        if item.nstart <= clause.nstart < item.nend:
            return index
    return -1
