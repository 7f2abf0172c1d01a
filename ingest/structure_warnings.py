"""Stage 3, numbering faults: what ``ingest/structure.py`` reports as warnings, never as errors.

A duplicate, out-of-order or missing article number; a text that starts in the middle of the
rules; a chapter numbered other than its position; a text that looks cut off.
"""

from __future__ import annotations

from collections.abc import Iterator

from .markers import TERMINAL_CHARS
from .models import Article, Chapter, NormalizedText, ParseWarning


def numbering_warnings(
    norm: NormalizedText, declared: int, line_start: int, previous: int, seen: set[int]
) -> Iterator[ParseWarning]:
    """An article numbered ``declared`` whose line starts at normalized ``line_start``, after
    article ``previous`` with the numbers ``seen`` since the numbering (re)started."""
    where = norm.to_original(line_start, line_start + 1)[0]
    if declared == previous:
        yield ParseWarning("article-duplicate", f"article number {declared} appears twice", where)
    elif declared < previous:
        yield ParseWarning("article-out-of-order", f"article {declared} follows article {previous}", where)
    elif previous == 0 and not seen and declared > 1:
        # the first article of the text: an excerpt that starts in the middle of the rules
        yield ParseWarning(
            "starts-mid-document", f"the text starts at article {declared}: the articles before it are not in it", where
        )
    elif declared > previous + 1:
        # after a swap (1, 3, 2, 4) the numbers in between were seen already: no gap
        missing = ", ".join(str(n) for n in range(previous + 1, declared) if n not in seen)
        if missing:
            yield ParseWarning("article-gap", f"article number(s) {missing} missing before {declared}", where)


def chapter_warnings(chapters: list[Chapter], articles: list[Article]) -> Iterator[ParseWarning]:
    # A text that starts in the middle of the rules starts at a later chapter too (第六章 / 第五十条).
    first = chapters[0].declared if chapters else None
    mid_document = articles[0].declared is not None and articles[0].declared > 1
    shift = first - 1 if first is not None and first > 1 and mid_document else 0
    for chapter in chapters:
        if chapter.declared is not None and chapter.declared != chapter.number + shift:
            yield ParseWarning(
                "chapter-number-mismatch",
                f"chapter {chapter.number} is numbered {chapter.declared} in the text",
                chapter.start,
            )


def truncation_warnings(chapters: list[Chapter], articles: list[Article]) -> Iterator[ParseWarning]:
    if chapters and articles and articles[-1].chapter < chapters[-1].number:
        yield ParseWarning(
            "truncated",
            f"the last chapter ({chapters[-1].title}) has no articles: the text looks cut off",
            chapters[-1].start,
        )
    elif articles and articles[-1].text.rstrip()[-1:] not in TERMINAL_CHARS + ".":
        yield ParseWarning("truncated", "the last article stops mid-sentence: the text looks cut off", articles[-1].end)
