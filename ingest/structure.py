"""Stage 3: NormalizedText -> chapters, articles, items and sentences.

The genre numbers articles as 第X条, as X、 with Chinese or Arabic numerals (sometimes mixed:
十、 then 11、), or as （X） under chapters numbered X、 (一、总则 / （一）…). Lists inside
articles reuse the X、 and （X） markers, so the document's style decides which marker opens an
article, and an X、 or （X） line counts as one only when its number fits the running sequence.
Numbering may restart in each chapter. An article's ``number`` is the number printed on it;
its ``ordinal`` (1..N) addresses it uniquely. Numbering faults become warnings, never errors
(``ingest/structure_warnings.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .markers import (
    ARTICLE_DUN,
    ARTICLE_PAREN,
    ARTICLE_TIAO,
    CHAPTER,
    TERMINAL_CHARS,
    UNNUMBERED_HEADING,
    is_structural_line,
)
from .models import Article, Chapter, NormalizedText, ParseWarning
from .numerals import parse_number
from .provisions import parse_items, split_sentences
from .structure_warnings import chapter_warnings, numbering_warnings, truncation_warnings

Style = Literal["tiao", "dun", "paren"]

# How far an X、 number may run ahead of the expected one and still be an article
# (a skipped number), and how far behind (a duplicate or a swap).
_MAX_AHEAD = 3
_MAX_BEHIND = 2
# 第X条 lines needed before 第X条 is taken as the article marker of a document that also has X、 lines.
_MIN_TIAO_ARTICLES = 3
#: A chapter heading numbered X、: a short title, no sentence punctuation (一、总则, 二、组成人员职责).
_DUN_HEADING = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff \u3000、]{0,14}")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # normalized offset of the first non-blank character
    end: int  # normalized offset of the end of the line (before the newline)
    text: str  # stripped line


@dataclass(frozen=True, slots=True)
class _Heading:
    line: _Line
    declared: int | None
    title: str


@dataclass(frozen=True, slots=True)
class _ArticleStart:
    line: _Line
    declared: int | None
    label: str


@dataclass(frozen=True, slots=True)
class Structure:
    chapters: tuple[Chapter, ...]
    articles: tuple[Article, ...]
    warnings: tuple[ParseWarning, ...]


class _Numbering:
    """The running article numbers: what comes next, what was seen, where a chapter restarts them."""

    def __init__(self) -> None:
        self.previous = 0  # declared number of the last accepted article
        self.seen: set[int] = set()
        self.chapter_opened = False  # a chapter heading came after the last article

    def restarts(self, number: int | None) -> bool:
        """An article numbered 1 right after a chapter heading: the chapter restarts the numbering."""
        return number == 1 and self.previous >= 1 and self.chapter_opened

    def fits(self, number: int) -> bool:
        """An X、 / （X） number in the running sequence (a list inside an article is not)."""
        expected = self.previous + 1
        in_window = expected - _MAX_BEHIND <= number <= expected + _MAX_AHEAD
        return (in_window and (number > 1 or self.previous == 0)) or self.restarts(number)


def parse_structure(norm: NormalizedText) -> Structure:
    """Find chapters, articles, items and sentences in the body of a document."""
    lines = _body_lines(norm)
    style = _style(lines)
    warnings: list[ParseWarning] = []
    marks: list[_Heading | _ArticleStart] = []
    numbering = _Numbering()
    consumed = -1  # index of a line read as the second line of a chapter heading
    for index, line in enumerate(lines):
        if index == consumed:
            continue
        # An article the numbering accepts wins over an unnumbered heading: a short
        # unpunctuated article (第二十条 删除) is not a chapter title.
        start = _article_start(line, style, numbering)
        if start is None:
            heading = _heading(line, lines, index, marks, style)
            if heading is not None:
                marks.append(heading)
                numbering.chapter_opened = True
                if heading.line.end > line.end:
                    consumed = index + 1
            continue
        if start.declared is not None:
            if numbering.restarts(start.declared):
                numbering.previous, numbering.seen = 0, set()
            warnings.extend(numbering_warnings(norm, start.declared, start.line.start, numbering.previous,
                                               numbering.seen))
            numbering.previous = start.declared
            numbering.seen.add(start.declared)
        numbering.chapter_opened = False
        marks.append(start)

    chapters, articles = _build(norm, marks, lines)
    if not articles:
        articles = [_whole_body_article(norm, lines)]
        warnings.append(ParseWarning("no-structure", "no articles found; the text is kept as one provision"))
    warnings.extend(chapter_warnings(chapters, articles))
    warnings.extend(truncation_warnings(chapters, articles))
    return Structure(tuple(chapters), tuple(articles), tuple(warnings))


def _style(lines: list[_Line]) -> Style:
    """How this document numbers its articles."""
    tiao = sum(1 for ln in lines if ARTICLE_TIAO.match(ln.text))
    dun = [m for ln in lines if (m := ARTICLE_DUN.match(ln.text))]
    if tiao >= _MIN_TIAO_ARTICLES or (tiao and not dun):
        return "tiao"
    headings = all(_DUN_HEADING.fullmatch(m.string[m.end() :].strip()) for m in dun)
    if dun and headings and any(ARTICLE_PAREN.match(ln.text) for ln in lines):
        return "paren"
    return "dun"


def _body_lines(norm: NormalizedText) -> list[_Line]:
    lines = []
    body = norm.text[norm.body_start : norm.body_end]
    for m in re.finditer(r"[^\n]+", body):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = norm.body_start + m.start() + lead
        lines.append(_Line(start, start + len(stripped), stripped))
    return lines


def _heading(
    line: _Line, lines: list[_Line], index: int, marks: list[_Heading | _ArticleStart], style: Style
) -> _Heading | None:
    nxt = lines[index + 1] if index + 1 < len(lines) else None
    m = CHAPTER.match(line.text)
    if m:
        title = _squash(m.group("title"))
        if not title and nxt is not None and _title_line(nxt.text):
            # 第一章 / 总则: the heading broken over two lines is one chapter
            return _Heading(_Line(line.start, nxt.end, line.text), parse_number(m.group("num")), _squash(nxt.text))
        return _Heading(line, parse_number(m.group("num")), title)
    if style == "paren" and (dun := ARTICLE_DUN.match(line.text)):
        return _Heading(line, parse_number(dun.group("num")), _squash(line.text[dun.end() :]))
    if not UNNUMBERED_HEADING.match(line.text):
        return None
    # An unnumbered heading stands between a finished paragraph and an article.
    prev_ok = index == 0 or lines[index - 1].text[-1] in TERMINAL_CHARS or isinstance(
        marks[-1] if marks else None, _Heading
    )
    following = nxt.text if nxt is not None else ""
    next_ok = bool(
        ARTICLE_TIAO.match(following)
        or ARTICLE_DUN.match(following)
        or CHAPTER.match(following)
        or (style == "paren" and ARTICLE_PAREN.match(following))
    )
    if prev_ok and next_ok:
        return _Heading(line, None, _squash(line.text))
    return None


def _title_line(text: str) -> bool:
    """The second line of a chapter heading: a short title, not a marker."""
    return bool(UNNUMBERED_HEADING.match(text)) and not is_structural_line(text)


def _squash(title: str) -> str:
    """'总  则' -> '总则': headings are spaced out for layout only."""
    return re.sub(r"\s+", "", title)


def _article_start(line: _Line, style: Style, numbering: _Numbering) -> _ArticleStart | None:
    if style == "tiao":
        m = ARTICLE_TIAO.match(line.text)
        return _ArticleStart(line, parse_number(m.group("num")), m.group("label")) if m else None
    if ARTICLE_TIAO.match(line.text):
        return None
    m = (ARTICLE_PAREN if style == "paren" else ARTICLE_DUN).match(line.text)
    if not m:
        return None
    number = parse_number(m.group("num"))
    if number is None or not numbering.fits(number):
        return None
    return _ArticleStart(line, number, m.group("label"))


def _build(
    norm: NormalizedText, marks: list[_Heading | _ArticleStart], lines: list[_Line]
) -> tuple[list[Chapter], list[Article]]:
    chapters: list[Chapter] = []
    articles: list[Article] = []
    body_end = lines[-1].end if lines else norm.body_start
    for i, mark in enumerate(marks):
        end = marks[i + 1].line.start if i + 1 < len(marks) else body_end
        if isinstance(mark, _Heading):
            start, stop = norm.to_original(mark.line.start, mark.line.end)
            chapters.append(
                Chapter(len(chapters) + 1, mark.declared, mark.title, start, stop, norm.raw.text[start:stop])
            )
        else:
            articles.append(_article(norm, mark, end, len(articles) + 1, len(chapters)))
    return chapters, articles


def _article(norm: NormalizedText, mark: _ArticleStart, nend: int, ordinal: int, chapter: int) -> Article:
    nstart = mark.line.start
    nend = nstart + len(norm.text[nstart:nend].rstrip())
    start, end = norm.to_original(nstart, nend)
    body_from = nstart + len(mark.label)
    return Article(
        number=mark.declared if mark.declared is not None else ordinal,
        ordinal=ordinal,
        declared=mark.declared,
        label=mark.label,
        chapter=chapter,
        start=start,
        end=end,
        nstart=nstart,
        nend=nend,
        text=norm.raw.text[start:end],
        clean_text=norm.display(nstart, nend),
        items=tuple(parse_items(norm, body_from, nend)),
        sentences=tuple(split_sentences(norm, body_from, nend)),
    )


def _whole_body_article(norm: NormalizedText, lines: list[_Line]) -> Article:
    # With no body lines (all of it is a closing block) the whole text is kept, trimmed.
    nend = lines[-1].end if lines else len(norm.text.rstrip())
    nstart = lines[0].start if lines else min(nend, len(norm.text) - len(norm.text.lstrip()))
    mark = _ArticleStart(_Line(nstart, nstart, ""), None, "")
    return _article(norm, mark, nend, 1, 0)
