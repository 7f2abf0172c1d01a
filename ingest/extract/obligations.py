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

from ..facts import Deadline, EntityRef, Modality, Obligation
from ..models import Article
from ..numerals import parse_number
from .common import Clause, Context, leading_condition
from .parties import SubjectTracker, by_source
from .reporting import LEAVE_CONTEXT, find_reports

# ------------------------------------------------------------------ deontic words

#: trigger -> modality; longer words first where one contains another.
TRIGGERS: dict[str, Modality] = {
    "一律不得": "MUST_NOT", "一律不": "MUST_NOT", "不得": "MUST_NOT", "严禁": "MUST_NOT", "禁止": "MUST_NOT",
    "不准": "MUST_NOT", "不应": "MUST_NOT", "不许": "MUST_NOT", "不可以": "MUST_NOT",
    "必须": "MUST", "务必": "MUST", "应当": "MUST", "应": "MUST", "须": "MUST", "需": "MUST", "要": "MUST",
    "一律": "MUST",
    "可以": "MAY", "方可": "MAY", "可": "MAY",
}
#: Characters before / after a trigger that make it part of another word (重要, 回应, 许可 …).
TRIGGER_NOT_AFTER: dict[str, str] = {
    "要": "重主纪摘概提需必首险紧只扼简纲", "应": "回响适相对供反效答顺呼感照", "可": "认许不宁", "须": "必无毋",
    "需": "所急必", "一律": "", "不应": "",
}
TRIGGER_NOT_BEFORE: dict[str, str] = {
    "要": "求点件素闻案害务", "应": "急对诉用变付该", "可": "行能靠操追溯见控比观", "需": "求要",
    "须": "知", "一律": "不",
}
#: A bound word right after 不得 turns the pair into a limit: 不得超过5人 = at most 5.
_ABSORBED_BY_BOUND = re.compile(r"超过|多于|少于|低于|短于")
_TRIGGER = re.compile("|".join(sorted(TRIGGERS, key=len, reverse=True)))

# ------------------------------------------------------------------ numbers with units

#: unit as written -> Deadline unit. Longer forms first (个工作日 before 工作日 before 日).
UNITS: dict[str, str] = {
    "个工作日": "workday", "工作日": "workday", "个小时": "hour", "小时": "hour", "分钟": "minute",
    "个星期": "week", "星期": "week", "周": "week", "个月": "month", "天": "day", "日": "day", "年": "year",
    "人": "person", "名": "person", "字": "word", "项": "item", "件": "item",
}
#: Units that measure time (a bare 以内 after them is a time limit, after a count a cap).
TIME_UNITS = {"minute", "hour", "day", "workday", "week", "month", "year"}
#: Bound words before the number -> kind.
BOUNDS_BEFORE: dict[str, str] = {
    "不得超过": "at_most", "不超过": "at_most", "最多": "at_most", "至多": "at_most", "不多于": "at_most",
    "控制在": "at_most", "不少于": "at_least", "不低于": "at_least", "不短于": "at_least", "至少": "at_least",
    "最少": "at_least", "提前": "before", "前": "before",
}
#: Bound words after the unit -> kind.
BOUNDS_AFTER: dict[str, str] = {"以内": "within", "之内": "within", "内": "within", "之前": "before", "前": "before",
                                "以上": "at_least", "以下": "at_most"}
#: Verbs that close a time limit stated without 内: 14个工作日完成审批.
COMPLETION = re.compile(r"完成|办结|办毕|回复|答复|签批|印发")

_ARABIC = r"[0-9０-９]+(?:\.[0-9]+)?"  # 30, ３０, 1.5
_CHINESE = r"[一二三四五六七八九十百千两零〇]+"  # 三, 十五, 两
_HALF = r"半"  # 半天, 半小时
_NUMBER = rf"(?P<num>{_ARABIC}|{_CHINESE}|{_HALF})"
_UNIT = "(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + ")"
_BEFORE = "(?P<pre>" + "|".join(sorted(BOUNDS_BEFORE, key=len, reverse=True)) + ")?"
_AFTER = "(?P<post>" + "|".join(sorted(BOUNDS_AFTER, key=len, reverse=True)) + ")?"
#: Not after 第 (an ordinal), 月 (a date), 上/下 (上半年) or another digit.
QUANTITY = re.compile(rf"{_BEFORE}(?<![第月上下0-9０-９一二三四五六七八九十百千两零〇]){_NUMBER}{_UNIT}{_AFTER}")
#: A date or an ordinal is not a quantity: 2024年, 3月31日前.
_DATE_LIKE = re.compile(r"[0-9０-９]{4}")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A normalized limit found in text; ``text[start:end]`` is ``deadline.text``."""

    start: int
    end: int
    deadline: Deadline
    bound: str  # the bound word as written (提前, 内, 不超过), "" for 14个工作日完成


def parse_amount(number: str) -> float | None:
    """'7' -> 7.0, '三' -> 3.0, '两' -> 2.0, '半' -> 0.5, '１５' -> 15.0."""
    if number == "半":
        return 0.5
    ascii_number = number.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", ascii_number):
        return float(ascii_number)
    value = parse_number(number)
    return float(value) if value is not None else None


def find_quantities(text: str) -> list[Quantity]:
    """Every bounded number-with-unit in ``text``: limits, not dates, counts or frequencies.

    >>> [(q.deadline.amount, q.deadline.unit, q.deadline.kind) for q in find_quantities("提前7个工作日报送")]
    [(7.0, 'workday', 'before')]
    """
    out = []
    for m in QUANTITY.finditer(text):
        amount = parse_amount(m.group("num"))
        if amount is None or amount == 0:
            continue
        unit = UNITS[m.group("unit")]
        if unit in ("year", "day") and _DATE_LIKE.fullmatch(m.group("num")):
            continue
        kind = _kind(text, m, unit)
        if kind is None:
            continue
        if kind == "within" and text.startswith("不", m.end()):
            continue  # 一周内不安排: a period of abstention, not a time limit
        bound = m.group("pre") or m.group("post") or ""
        out.append(Quantity(m.start(), m.end(), Deadline(amount, unit, m.group(), kind), bound))  # type: ignore[arg-type]
    return out


def _kind(text: str, m: re.Match[str], unit: str) -> str | None:
    pre, post = m.group("pre"), m.group("post")
    if pre:
        return BOUNDS_BEFORE[pre]
    if post:
        kind = BOUNDS_AFTER[post]
        if kind == "within" and unit not in TIME_UNITS:
            return "at_most"  # 2000字以内
        return kind
    if unit in TIME_UNITS and unit not in ("year",):
        rest = re.split(r"[，。；,;]", text[m.end() :], maxsplit=1)[0]
        if COMPLETION.search(rest):
            return "within"  # 14个工作日、…3个工作日完成审批
    return None


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
    for clause in ctx.clauses(article):
        out.extend(_clause_obligations(ctx, clause, subjects))
        subjects.observe(clause.text)
    return out


def _clause_obligations(ctx: Context, clause: Clause, subjects: SubjectTracker) -> list[Obligation]:
    text = clause.text
    condition, _ = leading_condition(text)
    triggers = find_triggers(text)
    quantities = find_quantities(text)
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
        bearers = by_source(ctx, text, at) or subjects.clause_subjects(text, at)
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
    pieces = []
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
