"""How often a meeting is held and how many must attend, as written and normalized.

    一般每周召开1次      -> week, 1
    每两周一次           -> two_weeks, 1
    每月召开1-2次        -> month, times None, times_max 2
    根据工作需要不定期召开 -> irregular
    须有半数以上组成人员出席 (quorum, kept as written)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fact_values import Evidence
from ..facts import Frequency, Period
from ..numerals import CN_NUMERAL_CHARS, parse_number

#: how often, as written -> period. Longest first in the alternation so 每两周 wins over 每周.
PERIODS: dict[str, Period] = {
    "每周": "week", "每星期": "week",
    "每两周": "two_weeks", "每双周": "two_weeks", "每半月": "two_weeks", "每半个月": "two_weeks",
    "每月": "month", "每个月": "month",
    "每季度": "quarter", "每季": "quarter",
    "每半年": "half_year",
    "每年": "year", "每一年": "year",
}
_NUM = f"[0-9{CN_NUMERAL_CHARS}]+"
_RANGE = r"[-－—～~至到]"
_LEAD = r"(?:一般|原则上|通常|通常情况下)?(?:于|在)?"
_PERIOD = f"(?P<period>{'|'.join(sorted(PERIODS, key=len, reverse=True))})"
#: 每年全区“两会”前召开: what may stand between the period and the count
_UNTIL_COUNT = r"(?:[^，；。]{0,10}?(?:召开|举行|开会))?"
FREQUENCY = re.compile(f"{_LEAD}{_PERIOD}{_UNTIL_COUNT}(?P<times>{_NUM})(?:{_RANGE}(?P<max>{_NUM}))?次")
IRREGULAR = re.compile(_LEAD + r"(?:(?:视|根据)(?:工作)?需要(?:不定期)?(?:召开|举行)|不定期(?:召开|举行)?)")

_MUST = r"(?:须|必须|应当|应|不得少于|不少于)"
_SHARE = r"(?:半数以上|过半数|超过半数|一半以上|三分之二以上|半数|一半|三分之二)"
_PRESENT = r"(?:出席|到会|参加|参会)"
QUORUM = re.compile(
    f"{_MUST}?有?{_SHARE}[^，；。]{{0,12}}?{_PRESENT}(?:方可召开|方能召开|会议)?"  # 须有半数以上组成人员出席
    f"|{_PRESENT}[^，；。]{{0,12}}?{_MUST}(?:达到|超过)?[^，；。]{{0,10}}?{_SHARE}"  # 出席人数须达到组成人员的半数以上
)

#: a word every match of each pattern contains: the patterns open with optional leads and are
#: tried at every position, so a clause without the word is not searched at all
_WITNESSES = {
    FREQUENCY: re.compile(_PERIOD),
    IRREGULAR: re.compile(r"需要|不定期"),
    QUORUM: re.compile(_SHARE),
}


def statements(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for FREQUENCY, IRREGULAR or QUORUM, skipping a text without
    the word every match contains."""
    return pattern.finditer(text) if _WITNESSES[pattern].search(text) else iter(())


def parse_frequency(text: str, evidence: Evidence | None = None) -> Frequency | None:
    """The first statement of how often in ``text``, normalized.

    >>> f = parse_frequency("一般每月召开1-2次")
    >>> f.period, f.times, f.times_max
    ('month', None, 2)
    >>> parse_frequency("根据工作需要不定期召开").period
    'irregular'
    """
    m = FREQUENCY.search(text)
    if m:
        period = PERIODS[m.group("period")]
        upper = parse_number(m.group("max")) if m.group("max") else None
        if upper is not None:
            return Frequency(m.group(), period, None, upper, evidence)
        return Frequency(m.group(), period, parse_number(m.group("times")), None, evidence)
    m = IRREGULAR.search(text)
    if m:
        return Frequency(m.group(), "irregular", None, None, evidence)
    return None
