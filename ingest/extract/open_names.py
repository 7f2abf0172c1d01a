"""Meetings a rule names that the vocabulary does not list: 区政府工作协调会, 安全生产联席会议.

A name ends in one of the genre's meeting words (words.yaml ``meeting_endings``) and starts
after the word before it in the clause (召开, 由, 的 … ``before_a_name``) or at a comma:

    分管副区长可以召开区政府工作协调会  -> 区政府工作协调会  (key x:{L}政府工作协调会)
    有关会议 / 上述会议                 -> not a name (``not_a_name``)

A name the vocabulary knows wins: 区长办公会议 stays ``head_office``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from schema.naming import open_term, words
from schema.vocabulary import Mention

from .common import Context

#: a name has at least this many characters before its ending (部门联席会议, not 工作会议)
_MIN_STEM = 2
_MAX_NAME = 16
_STOP = re.compile(r"[，。；：、,.;:（）()“”《》〈〉\s\d]")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    w = words()
    ending = re.compile("|".join(map(re.escape, w.meeting_endings)))
    before = re.compile("|".join(map(re.escape, w.before_a_name)))
    return ending, before


def open_meetings(ctx: Context, text: str) -> list[Mention]:
    """The vocabulary's meetings in ``text`` and the meetings named in the genre's words."""
    known = ctx.mentions(text, ("meeting",))
    out = list(known)
    ending, before = _patterns()
    for m in ending.finditer(text):
        if any(k.start < m.end() and m.start() < k.end for k in known):
            continue  # part of a name the vocabulary knows
        start = _name_start(text, m.start(), before)
        name = text[start : m.end()]
        if m.start() - start < _MIN_STEM or name.startswith(words().not_a_name):
            continue
        out.append(Mention(start, m.end(), name, open_term("meeting", name, ctx.level)))
    return sorted(out, key=lambda mention: mention.start)


def _name_start(text: str, ending_at: int, before: re.Pattern[str]) -> int:
    """Where the name whose ending starts at ``ending_at`` begins."""
    floor = max(0, ending_at - (_MAX_NAME - 2))
    window = text[floor:ending_at]
    stops = list(_STOP.finditer(window))
    start = floor + stops[-1].end() if stops else floor
    for m in before.finditer(text, start, ending_at):
        start = max(start, m.end())
    return start
