"""Numbered limits: a number with its unit and the bound that makes it a limit.

    提前7个工作日 -> 7 workday before        不超过10页 -> 10 page at_most
    每年确定1至2个重点课题 -> 1 item (max 2) per year
    不少于50% -> 0.5 fraction at_least      三分之二以上 -> 0.667 fraction at_least

Units, bound words and periods are data (schema/wording/quantities.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.wording import load_wording

from ..facts import Deadline
from ..numerals import parse_number


@dataclass(frozen=True)
class QuantityWording:
    """The tables of schema/wording/quantities.yaml."""

    units: dict[str, str]
    time_units: tuple[str, ...]
    bound_only_units: tuple[str, ...]
    bounds_before: dict[str, str]
    bounds_after: dict[str, str]
    bound_verbs: tuple[str, ...]
    only_words: tuple[str, ...]
    range_joiners: tuple[str, ...]
    completion_verbs: tuple[str, ...]
    periods: dict[str, str]
    not_after_number: str


WORDING = load_wording("quantities", QuantityWording)


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_ARABIC = r"[0-9０-９]+(?:\.[0-9]+)?"  # 30, ３０, 1.5
_CHINESE = r"[一二三四五六七八九十百千两零〇]+"  # 三, 十五, 两
_HALF = r"半"  # 半天, 半小时
_DIGIT_CHARS = "0-9０-９一二三四五六七八九十百千两零〇"
_NUM = rf"(?:{_ARABIC}|{_CHINESE}|{_HALF})"
_BEFORE = rf"(?:(?P<pre>{_alternation(WORDING.bounds_before)})(?:{_alternation(WORDING.bound_verbs)})?)?"
_RANGE = rf"(?:(?:{_alternation(WORDING.range_joiners)})(?P<max>{_NUM}))?"
_UNIT = rf"(?P<unit>{_alternation(WORDING.units)})"
_AFTER = rf"(?P<post>{_alternation(WORDING.bounds_after)})?"
#: Not after 第 (an ordinal), 月 (a date), 上/下 (上半年) or another digit.
QUANTITY = re.compile(
    rf"{_BEFORE}(?<![{WORDING.not_after_number}{_DIGIT_CHARS}])(?P<num>{_NUM}){_RANGE}{_UNIT}{_AFTER}"
)
#: 50%, 三分之二: a proportion, with its bound after (以上) or before (不少于).
FRACTION = re.compile(
    rf"(?:(?P<pre>{_alternation(WORDING.bounds_before)}))?"
    rf"(?:(?P<pct>{_ARABIC})[%％]|(?P<den>{_CHINESE})分之(?P<numer>{_CHINESE}))(?P<post>以上|以下)?"
)
#: what every FRACTION contains: a text without it is not searched (the pattern's optional lead
#: would be tried at every position)
_FRACTION_MARK = re.compile(r"[%％]|分之")
_PERIOD = re.compile(_alternation(WORDING.periods))
_COMPLETION = re.compile(_alternation(WORDING.completion_verbs))
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
        maximum = parse_amount(m.group("max")) if m.group("max") else None
        if amount is None or amount == 0:
            continue
        written_unit = m.group("unit")
        unit = WORDING.units[written_unit]
        if unit in ("year", "day") and _DATE_LIKE.fullmatch(m.group("num")):
            continue
        kind = _kind(text, m, unit, maximum is not None)
        if kind is None:
            continue
        bound = m.group("pre") or m.group("post") or ""
        deadline = Deadline(amount, unit, m.group(), kind, maximum, _period(text, m.start()))  # type: ignore[arg-type]
        out.append(Quantity(m.start(), m.end(), deadline, bound))
    for m in FRACTION.finditer(text) if _FRACTION_MARK.search(text) else ():
        if m.group("pct"):
            amount = float(m.group("pct").translate(str.maketrans("０１２３４５６７８９", "0123456789"))) / 100
        else:
            den, numer = parse_number(m.group("den")), parse_number(m.group("numer"))
            if not den or numer is None:
                continue
            amount = round(numer / den, 3)
        pre, post = m.group("pre"), m.group("post")
        kind = WORDING.bounds_before[pre] if pre else ("at_least" if post == "以上" else "at_most" if post else "exactly")
        out.append(Quantity(m.start(), m.end(), Deadline(amount, "fraction", m.group(), kind), pre or post or ""))  # type: ignore[arg-type]
    out.sort(key=lambda q: q.start)
    return out


def _kind(text: str, m: re.Match[str], unit: str, is_range: bool) -> str | None:
    pre, post = m.group("pre"), m.group("post")
    counted = m.group("unit") in WORDING.bound_only_units
    if pre and (not counted or WORDING.bounds_before[pre] in ("at_most", "at_least")):
        return WORDING.bounds_before[pre]
    if is_range and unit != "times":
        return "exactly"  # 每年确定1至2个课题 (每月召开1-2次 is a meeting's frequency)
    if counted:
        # 两个以上部门 counts parties; 每周召开1次 is a frequency; 只安排1位 is a cap
        chunk = text[max(text.rfind(c, 0, m.start()) for c in "，,；") + 1 : m.start()]
        return "at_most" if any(w in chunk for w in WORDING.only_words) else None
    if post:
        kind = WORDING.bounds_after[post]
        if kind == "within" and unit not in WORDING.time_units:
            return "at_most"  # 2000字以内
        if kind == "within" and text.startswith("不", m.end()):
            return "within"  # 一周内不安排: the interval a duty keeps
        return kind
    if unit in WORDING.time_units and unit != "year":
        rest = re.split(r"[，。；,;]", text[m.end() :], maxsplit=1)[0]
        if _COMPLETION.search(rest):
            return "within"  # 14个工作日、…3个工作日完成审批
    return None


def _period(text: str, at: int) -> str | None:
    """The period a limit is per: the last 每年/每次 … of its comma chunk before it."""
    chunk_start = max(text.rfind(c, 0, at) for c in "，,；") + 1
    periods = list(_PERIOD.finditer(text, chunk_start, at))
    return WORDING.periods[periods[-1].group()] if periods else None
