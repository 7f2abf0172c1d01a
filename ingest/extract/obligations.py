"""Obligations: every deontic clause (须, 应当, 不得, 可以 …), with a normalized time or
count limit when the clause states one.

    县政府各部门邀请县领导出席活动的，均应提前7个工作日以书面形式报县政府办公室
    bearer                          trigger  deadline (7 workday, before)   counterparty

A clause with several limits gives one obligation per limit (20分钟内电话报告、45分钟内
书面报告). A limit stated without a deontic word still binds when it is a time limit
or a bound (一般事项14个工作日完成审批, 参加人员一般不超过200人): it becomes a MUST
obligation whose trigger is the bound word as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.wording import load_wording

from ..fact_values import EntityRef
from ..facts import Modality, Obligation
from ..models import Article
from .common import Clause, Context, any_later, leading_condition
from .parties import ENTITY_KINDS, ClauseSubjects, SubjectTracker, by_source
from .quantities import Quantity, find_quantities, parse_amount
from .report_verbs import LEAVE_CONTEXT, find_reports

__all__ = ["Quantity", "extract_obligations", "find_quantities", "find_triggers", "parse_amount"]

# ------------------------------------------------------------------ deontic words


@dataclass(frozen=True)
class ObligationWording:
    """The tables of schema/wording/obligations.yaml."""

    triggers: dict[str, Modality]  # trigger -> MUST, MUST_NOT or MAY (the loader checks)
    trigger_not_after: dict[str, str]
    trigger_not_before: dict[str, str]
    absorbed_by_bound: tuple[str, ...]


WORDING = load_wording("obligations", ObligationWording)
#: trigger -> modality (MUST, MUST_NOT, MAY).
TRIGGERS: dict[str, Modality] = WORDING.triggers
#: Characters before / after a trigger that make it part of another word (重要, 回应, 许可 …).
TRIGGER_NOT_AFTER = WORDING.trigger_not_after
TRIGGER_NOT_BEFORE = WORDING.trigger_not_before
#: A bound word right after 不得 turns the pair into a limit: 不得超过5人 = at most 5.
_ABSORBED_BY_BOUND = re.compile("|".join(WORDING.absorbed_by_bound))
_TRIGGER = re.compile("|".join(sorted(TRIGGERS, key=len, reverse=True)))

# ------------------------------------------------------------------ obligations


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    word: str
    modality: Modality


def find_triggers(text: str) -> list[_Trigger]:
    """Deontic words in ``text``, not those inside other words or inside a 的-condition."""
    out = []
    for m in _TRIGGER.finditer(text):
        word = m.group()
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if before and before in TRIGGER_NOT_AFTER.get(word, ""):
            continue
        if after and after in TRIGGER_NOT_BEFORE.get(word, ""):
            continue
        if _in_relative(text, m.start(), m.end()) or _quoted(text, m.start()):
            continue
        modality = TRIGGERS[word]
        if modality == "MUST_NOT" and _ABSORBED_BY_BOUND.match(text, m.end()):
            modality = "MUST"  # 不得超过5人: a cap, stated by its limit
        out.append(_Trigger(m.start(), m.end(), word, modality))
    return out


def _in_relative(text: str, start: int, end: int) -> bool:
    """依法应当公开的，…: a trigger inside a chunk that ends in 的 (or 除…外) states a case."""
    chunk_end = min([i for i in (text.find(c, end) for c in "，,；") if i >= 0] or [len(text)])
    chunk = text[max(text.rfind(c, 0, start) for c in "，,；") + 1 : chunk_end]
    return chunk.endswith("的") or (chunk.startswith("除") and chunk.endswith("外"))


_QUOTES = (("“", "”"), ("《", "》"))


def _quoted(text: str, at: int) -> bool:
    """Inside “…” or 《…》: a slogan or a title, not a rule of this document."""
    return any(text.count(open_, 0, at) > text.count(close, 0, at) for open_, close in _QUOTES)


def extract_obligations(ctx: Context) -> list[Obligation]:
    out: list[Obligation] = []
    for article in ctx.tree.articles:
        out.extend(_article_obligations(ctx, article))
    return out


def _article_obligations(ctx: Context, article: Article) -> list[Obligation]:
    subjects = SubjectTracker(ctx)
    out: list[Obligation] = []
    clauses = ctx.clauses(article)
    found = [(find_triggers(clause.text), find_quantities(clause.text)) for clause in clauses]
    # the subject a clause names is read on for later clauses only when one of them asks for a bearer
    bearers_follow = any_later([bool(triggers or quantities) for triggers, quantities in found])
    for index, clause in enumerate(clauses):
        reading = subjects.read(clause)
        out.extend(_clause_obligations(ctx, clause, subjects, reading, *found[index]))
        if bearers_follow[index]:
            subjects.observe(reading)
    return out


def _clause_obligations(ctx: Context, clause: Clause, subjects: SubjectTracker, reading: ClauseSubjects,
                        triggers: list[_Trigger], quantities: list[Quantity]) -> list[Obligation]:
    """``triggers`` and ``quantities``: ``find_triggers`` and ``find_quantities`` of the clause."""
    text = clause.text
    condition, _ = leading_condition(text)
    evidence = ctx.evidence(clause.article, clause.nstart, clause.nend)
    leave = bool(LEAVE_CONTEXT.search(ctx.sentence_text(clause.sentence)))
    out = []
    # Each trigger governs the text up to the next trigger; limits before any trigger
    # stand on their own.
    bounds = [t.start for t in triggers] + [len(text)]
    segments: list[tuple[_Trigger | None, int, int]] = [(None, 0, bounds[0])]
    segments += [(t, t.end, bounds[i + 1]) for i, t in enumerate(triggers)]
    for trigger, start, end in segments:
        # A limit belongs to the trigger it starts at (不得超过5人) or follows.
        inside = [q for q in quantities if (trigger.start if trigger else start) <= q.start < end]
        if trigger is None and not inside:
            continue
        at = trigger.start if trigger else inside[0].start
        # One obligation per limit: coordinated bearers (县政府各部门、各乡镇) share it, and
        # the first one named stands for them.
        bearers = by_source(ctx, text, at, ctx.clause_mentions(clause, ENTITY_KINDS)) or subjects.clause_subjects(reading, at)
        bearer = bearers[0] if bearers else None
        counterparty = _counterparty(ctx, text[start:end], leave)
        pieces = _split_at_quantities(text, start, end, inside) if inside else [(start, end, None)]
        for piece_start, piece_end, quantity in pieces:
            if trigger is None and quantity is not None:
                piece_start = max(piece_start, _chunk_start(text, quantity.start))
            action = _trim_action(text[piece_start:piece_end])
            if not action:
                continue
            word = trigger.word if trigger else (quantity.bound if quantity else "")
            modality: Modality = trigger.modality if trigger else "MUST"
            out.append(
                Obligation(
                    modality=modality,
                    bearer=bearer,
                    action=action,
                    counterparty=counterparty,
                    condition=condition,
                    deadline=quantity.deadline if quantity else None,
                    trigger=word,
                    evidence=evidence,
                )
            )
    return out


def _split_at_quantities(
    text: str, start: int, end: int, quantities: list[Quantity]
) -> list[tuple[int, int, Quantity | None]]:
    """One piece per limit: the first keeps the text before it (必须在20分钟内…报告、45分钟内…)."""
    pieces: list[tuple[int, int, Quantity | None]] = []
    for i, q in enumerate(quantities):
        piece_start = min(start, q.start) if i == 0 else _piece_start(text, quantities[i - 1].end, q.start)
        piece_end = end if i == len(quantities) - 1 else _piece_start(text, q.end, quantities[i + 1].start)
        pieces.append((piece_start, piece_end, q))
    return pieces


def _chunk_start(text: str, at: int) -> int:
    return max(text.rfind(c, 0, at) for c in "，,；") + 1


def _trim_action(action: str) -> str:
    """The action without the condition of what follows (…，没有法律依据的) or end punctuation."""
    action = action.strip(" ，,；。、")
    last = max(action.rfind(c) for c in "，,")
    if last >= 0 and action.endswith("的"):
        action = action[:last]
    return action.strip(" ，,；。、")


def _piece_start(text: str, after: int, before: int) -> int:
    """Where the piece holding the limit at ``before`` begins: after the last 、/， between."""
    cut = max(text.rfind(c, after, before) for c in "、，,")
    return cut + 1 if cut >= 0 else before


def _counterparty(ctx: Context, text: str, leave: bool) -> EntityRef | None:
    reports = find_reports(ctx, text, leave)
    return reports[0].targets[0] if reports else None
