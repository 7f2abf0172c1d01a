"""Stage 3: NormalizedText -> chapters, articles, items and sentences.

The genre numbers articles as 第X条, or as X、 with Chinese or Arabic numerals —
sometimes mixed in one document (十、 then 11、). Lists inside articles reuse the
same X、 marker, so an X、 line counts as an article only when its number fits the
running sequence. Numbering faults become warnings, never errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import (
    ARTICLE_DUN,
    ARTICLE_TIAO,
    CHAPTER,
    ITEM,
    SENTENCE_END,
    TERMINAL_CHARS,
    UNNUMBERED_HEADING,
)
from .models import Article, Chapter, Item, NormalizedText, ParseWarning, Sentence
from .numerals import parse_number

# How far an X、 number may run ahead of the expected one and still be an article
# (a skipped number), and how far behind (a duplicate or a swap).
_MAX_AHEAD = 3
_MAX_BEHIND = 2
# 第X条 lines needed before 第X条 is taken as the article marker of the document.
_MIN_TIAO_ARTICLES = 3


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


def parse_structure(norm: NormalizedText) -> Structure:
    """Find chapters, articles, items and sentences in the body of a document."""
    lines = _body_lines(norm)
    warnings: list[ParseWarning] = []
    use_tiao = sum(1 for ln in lines if ARTICLE_TIAO.match(ln.text)) >= _MIN_TIAO_ARTICLES
    marks: list[_Heading | _ArticleStart] = []
    previous = 0  # declared number of the last accepted article
    seen: set[int] = set()  # declared numbers accepted so far
    for index, line in enumerate(lines):
        # An article the numbering accepts wins over an unnumbered heading: a short
        # unpunctuated article (第二十条 删除) is not a chapter title.
        start = _article_start(line, use_tiao, previous)
        if start is None:
            heading = _heading(line, lines, index, marks)
            if heading is not None:
                marks.append(heading)
            continue
        if start.declared is not None:
            warnings.extend(_numbering_warnings(norm, start, previous, seen))
            previous = start.declared
            seen.add(start.declared)
        marks.append(start)

    chapters, articles = _build(norm, marks, lines)
    if not articles:
        articles = [_whole_body_article(norm, lines)]
        warnings.append(ParseWarning("no-structure", "no articles found; the text is kept as one provision"))
    warnings.extend(_chapter_warnings(norm, chapters))
    warnings.extend(_truncation_warnings(norm, chapters, articles))
    return Structure(tuple(chapters), tuple(articles), tuple(warnings))


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


def _heading(line: _Line, lines: list[_Line], index: int, marks: list) -> _Heading | None:
    m = CHAPTER.match(line.text)
    if m:
        return _Heading(line, parse_number(m.group("num")), _squash(m.group("title")))
    if not UNNUMBERED_HEADING.match(line.text):
        return None
    # An unnumbered heading stands between a finished paragraph and an article.
    prev_ok = index == 0 or lines[index - 1].text[-1] in TERMINAL_CHARS or isinstance(
        marks[-1] if marks else None, _Heading
    )
    nxt = lines[index + 1].text if index + 1 < len(lines) else ""
    next_ok = bool(ARTICLE_TIAO.match(nxt) or ARTICLE_DUN.match(nxt) or CHAPTER.match(nxt))
    if prev_ok and next_ok:
        return _Heading(line, None, _squash(line.text))
    return None


def _squash(title: str) -> str:
    """'总  则' -> '总则': headings are spaced out for layout only."""
    return re.sub(r"\s+", "", title)


def _article_start(line: _Line, use_tiao: bool, previous: int) -> _ArticleStart | None:
    m = ARTICLE_TIAO.match(line.text)
    if m:
        if not use_tiao:
            return None
        return _ArticleStart(line, parse_number(m.group("num")), m.group("label"))
    if use_tiao:
        return None
    m = ARTICLE_DUN.match(line.text)
    if not m:
        return None
    number = parse_number(m.group("num"))
    if number is None:
        return None
    expected = previous + 1
    if expected - _MAX_BEHIND <= number <= expected + _MAX_AHEAD and (number > 1 or previous == 0):
        return _ArticleStart(line, number, m.group("label"))
    return None


def _numbering_warnings(norm: NormalizedText, start: _ArticleStart, previous: int, seen: set[int]):
    declared = start.declared
    if declared is None:
        return
    where = norm.to_original(start.line.start, start.line.start + 1)[0]
    if declared == previous:
        yield ParseWarning("article-duplicate", f"article number {declared} appears twice", where)
    elif declared < previous:
        yield ParseWarning("article-out-of-order", f"article {declared} follows article {previous}", where)
    elif declared > previous + 1:
        # after a swap (1, 3, 2, 4) the numbers in between were seen already: no gap
        missing = ", ".join(str(n) for n in range(previous + 1, declared) if n not in seen)
        if missing:
            yield ParseWarning("article-gap", f"article number(s) {missing} missing before {declared}", where)


def _build(norm: NormalizedText, marks: list, lines: list[_Line]) -> tuple[list[Chapter], list[Article]]:
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


def _article(norm: NormalizedText, mark: _ArticleStart, nend: int, number: int, chapter: int) -> Article:
    nstart = mark.line.start
    nend = nstart + len(norm.text[nstart:nend].rstrip())
    start, end = norm.to_original(nstart, nend)
    body_from = nstart + len(mark.label)
    return Article(
        number=number,
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


def parse_items(norm: NormalizedText, nstart: int, nend: int) -> list[Item]:
    """Items of a list inside an article: （一）, （1）, 1. — each up to the next marker."""
    text = norm.text[nstart:nend]
    found = [m for m in ITEM.finditer(text)]
    items = []
    for i, m in enumerate(found):
        istart = nstart + m.start("label")
        iend = nstart + (found[i + 1].start() if i + 1 < len(found) else len(text))
        iend = istart + len(norm.text[istart:iend].rstrip())
        number = parse_number(m.group("cn") or m.group("ar") or m.group("dot") or "")
        start, end = norm.to_original(istart, iend)
        items.append(Item(m.group("label"), number or 0, start, end, istart, iend, norm.raw.text[start:end]))
    return items


def split_sentences(norm: NormalizedText, nstart: int, nend: int) -> list[Sentence]:
    """Sentences end at 。！？ or at a paragraph break; spans exclude surrounding blanks."""
    text = norm.text[nstart:nend]
    cuts = sorted({m.end() for m in SENTENCE_END.finditer(text)} | {m.start() for m in re.finditer(r"\n", text)})
    sentences = []
    pos = 0
    for cut in [*cuts, len(text)]:
        chunk = text[pos:cut]
        stripped = chunk.strip()
        if stripped:
            s = nstart + pos + (len(chunk) - len(chunk.lstrip()))
            e = s + len(stripped)
            start, end = norm.to_original(s, e)
            sentences.append(Sentence(len(sentences) + 1, start, end, s, e, norm.raw.text[start:end]))
        pos = cut
    return sentences


def _chapter_warnings(norm: NormalizedText, chapters: list[Chapter]):
    for chapter in chapters:
        if chapter.declared is not None and chapter.declared != chapter.number:
            yield ParseWarning(
                "chapter-number-mismatch",
                f"chapter {chapter.number} is numbered {chapter.declared} in the text",
                chapter.start,
            )


def _truncation_warnings(norm: NormalizedText, chapters: list[Chapter], articles: list[Article]):
    if chapters and articles and articles[-1].chapter < chapters[-1].number:
        yield ParseWarning(
            "truncated",
            f"the last chapter ({chapters[-1].title}) has no articles: the text looks cut off",
            chapters[-1].start,
        )
    elif articles and articles[-1].text.rstrip()[-1:] not in TERMINAL_CHARS + ".":
        yield ParseWarning("truncated", "the last article stops mid-sentence: the text looks cut off", articles[-1].end)
