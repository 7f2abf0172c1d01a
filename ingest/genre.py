"""Is a text a government's rules? The verdict of the parsing front door.

A text is read as rules when its articles are numbered as rules number them: any 第N条 article
(at any level of government: 市, 县, 区, 旗, 管委会, 行政公署 — the verdict names none of them), or
enumerated articles (一、 / （一）) under a heading that is not another genre's. A heading that names
a rules genre (…工作规则, 印发《…办法》的通知) is enough, even when no article survived the copy.
Only a text with no rule articles is refused, and the refusal says what the text looks like instead:
a policy interpretation (解读), a notice (通知), a speech, a report — or prose.
"""

from __future__ import annotations

import re

from schema.script import to_simplified

from .models import Article, Chapter, NormalizedText

#: A heading line: one of the first few lines, short, not a sentence.
_HEADING_LINES = 6
_HEADING_MAX_CHARS = 48
#: A title that names another genre is longer than a menu label of web chrome (通知公告, 政策解读).
_MIN_TITLE_CHARS = 8
#: Enumerated articles needed to read a text without a heading as rules.
_MIN_ENUMERATED = 3
#: Words in a heading that name a rules genre.
_RULES = re.compile(r"规则|规定|办法|制度|细则|章程|规程|守则")
#: Other genres, each with what the refusal calls it; the first that a heading names wins.
_OTHER_GENRES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"解读|答记者问|起草说明|修订说明|的说明$|图解"), "a policy interpretation (解读)"),
    (re.compile(r"讲话|致辞|发言"), "a speech (讲话)"),
    (re.compile(r"工作报告|报告$|总结$"), "a report (报告)"),
    (re.compile(r"通报$"), "a circular (通报)"),
    (re.compile(r"公告$|通告$"), "an announcement (公告)"),
    (re.compile(r"决定$"), "a decision (决定)"),
    (re.compile(r"通知$|^关于.{2,40}的通知"), "a notice (通知)"),
)
#: A notice that issues rules carries them: 关于印发《某某工作规则》的通知.
_ISSUES_RULES = re.compile(r"(?:印发|转发|颁布|发布)[^。\n]{0,40}(?:规则|规定|办法|制度|细则|章程)")
_PROSE = "an essay or an article"


def not_rules(norm: NormalizedText, chapters: tuple[Chapter, ...], articles: tuple[Article, ...]) -> str | None:
    """None when the text is rules; otherwise a one-line reason that says what it looks like."""
    if any(a.label.startswith("第") for a in articles):
        return None
    # The front matter before the rules; for a text with no body found, the source's own lines
    # (normalization rejoins the lines of a body, and the whole text is the body then).
    front = norm.text[: norm.body_start] if norm.body_start else norm.raw.text
    genre = next((g for line in _heading_lines(front) if (g := _genre_of(line)) is not None), None)
    if genre == _RULES_GENRE:
        return None
    enumerated = [a for a in articles if a.label]
    if genre is None and (len(enumerated) >= _MIN_ENUMERATED or (chapters and enumerated)):
        return None
    return f"looks like {genre or _PROSE}, not rules: no articles"


_RULES_GENRE = "rules"


def _genre_of(line: str) -> str | None:
    """The genre a heading line names: rules, another genre's description, or None."""
    if len(line) >= _MIN_TITLE_CHARS:
        interpretation = _OTHER_GENRES[0]
        if interpretation[0].search(line):
            return interpretation[1]
        for pattern, what in _OTHER_GENRES[1:]:
            if pattern.search(line):
                return _RULES_GENRE if _ISSUES_RULES.search(line) else what
    return _RULES_GENRE if _RULES.search(line) else None


def _heading_lines(text: str) -> list[str]:
    """The first few short lines that are not sentences, web chrome or metadata cells."""
    lines = [to_simplified(line.strip()) for line in text.splitlines() if line.strip()][:_HEADING_LINES]
    return [
        line for line in lines if len(line) <= _HEADING_MAX_CHARS and not re.search(r"[。<>»|｜：:]", line)
    ]
