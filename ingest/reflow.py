"""Line breaks restored in a text flattened onto one line (a PDF or web copy).

A flattened text runs its rules together: "…制定本规则。 第二条 区政府… 第二章 组成人员职责 第三条 …".
A marker in running text opens an article when it stands after a sentence end or a space, is not a
cross-reference (第三条规定, 第三条的, 第三条第二款, 第三条至第五条) and continues the numbering of the
articles before it; it opens a chapter when its number continues the chapters and a short title and
such an article follow it. The title line of the rules right before the first chapter or article gets
its own line too. Each break replaces the spaces in front of the marker, so the offset map stays exact.
"""

from __future__ import annotations

import re

from .markers import MARKER_IN_TEXT
from .numerals import parse_number

Edit = tuple[int, int, str]

#: A marker in running text opens a provision after one of these (spaces aside).
_OPENS_AFTER = "。；！？”’」』）】"
#: A marker followed by one of these is a cross-reference: 第三条规定 / 第三条的 / 第三条第二款.
_REFERENCE_AFTER = re.compile(r"规定|[的所之至、和或及第款项，,。；：”》）]")
#: How far a chapter title may run before its first article (第二章 组成人员及其职责 第四条).
_MAX_TITLE = 24
#: The rules' own title right before the first chapter or article: 某某市人民政府工作规则（修订）.
_TITLE = re.compile(r"[\u4e00-\u9fff]{2,40}(?:规则|规定|办法|制度|细则|章程)(?:（[^）]{1,8}）)?")
_SPACES = " \t\u3000\u00a0"


def flattened_line_breaks(text: str) -> list[Edit]:
    """Edits that put each article and chapter found in running text on a line of its own."""
    found = list(MARKER_IN_TEXT.finditer(text))
    edits: list[Edit] = []
    previous = 0  # the number of the last article (at a line start or accepted in running text)
    chapters = 0  # the number of the last chapter
    forced: int | None = None  # index of an article a chapter heading just introduced
    first_opened: int | None = None  # where the first rules marker found in running text stands
    for i, m in enumerate(found):
        number = parse_number(m.group("num"))
        if number is None:
            continue
        gap_start = _gap_start(text, m.start())
        before = text[gap_start - 1] if gap_start else "\n"
        if before == "\n":  # a marker at a line start is structure already
            if m.group("kind") == "条":
                previous = number
            else:  # though its first article may run on after the title (第一章总则第一条…)
                chapters, forced = number, _titled_article(text, found, i)
            continue
        if not _opens(text, m, before, gap_start) and forced != i:
            continue
        if m.group("kind") == "条":
            restart = forced == i and number == 1
            if number != previous + 1 and not restart and not (previous == 0 and _next_continues(found, i, number)):
                continue
            previous = number
        else:
            article = _titled_article(text, found, i)
            if article is None or not (number == chapters + 1 or chapters == 0):
                continue
            chapters, forced = number, article
        edits.append((gap_start, m.start(), "\n"))
        if first_opened is None and number == 1:
            first_opened = gap_start
    if first_opened is not None:
        edits.extend(_title_break(text, first_opened))
    return sorted(edits)


def _gap_start(text: str, pos: int) -> int:
    """Start of the run of spaces that ends at ``pos``."""
    start = pos
    while start > 0 and text[start - 1] in _SPACES:
        start -= 1
    return start


def _opens(text: str, m: re.Match[str], before: str, gap_start: int) -> bool:
    if _REFERENCE_AFTER.match(text, m.end()):
        return False
    return gap_start < m.start() or before in _OPENS_AFTER


def _next_continues(found: list[re.Match[str]], i: int, number: int) -> bool:
    """The next article marker carries the next number: a run of articles, not a stray reference."""
    for m in found[i + 1 :]:
        if m.group("kind") == "条":
            return parse_number(m.group("num")) == number + 1
    return False


def _titled_article(text: str, found: list[re.Match[str]], i: int) -> int | None:
    """Index of the article right after chapter marker ``i``, when only a short title stands between."""
    if i + 1 >= len(found) or found[i + 1].group("kind") != "条":
        return None
    title = text[found[i].end() : found[i + 1].start()]
    if len(title.strip()) > _MAX_TITLE or re.search(r"[。；，：\n]", title):
        return None
    return i + 1


def _title_break(text: str, opened: int) -> list[Edit]:
    """A break before the rules' title when it stands, after a space, right before the first marker."""
    line_start = text.rfind("\n", 0, opened) + 1
    head = text[max(line_start, opened - 60) : opened]
    m = re.search(f"(?:^|[{_SPACES}。])(?P<title>{_TITLE.pattern})$", head)
    if m is None:
        return []
    title_start = opened - len(head) + m.start("title")
    gap_start = _gap_start(text, title_start)
    if gap_start == title_start or gap_start <= line_start:
        return []
    return [(gap_start, title_start, "\n")]
