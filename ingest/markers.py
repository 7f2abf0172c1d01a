"""Structural markers of the genre, as regexes built from named pieces.

All patterns run on *normalized* text (simplified script, full-width punctuation,
ASCII digits), so one spelling per marker suffices.
"""

from __future__ import annotations

import re

from .numerals import CN_NUMERAL_CHARS

_CN = f"[{CN_NUMERAL_CHARS}]+"  # 五十五
_AR = r"[0-9]{1,3}"  # 55
_NUM = f"(?:{_CN}|{_AR})"
_LEAD = r"[ \t\u00a0\u3000]*"  # indentation before a marker

#: 第五十五条 / 第55条 — the strong article marker.
ARTICLE_TIAO = re.compile(f"^{_LEAD}(?P<label>第(?P<num>{_NUM})条)[ \u3000]*", re.M)
#: 五十五、 / 55、 — the enumerated article marker (also used for sections of a list).
ARTICLE_DUN = re.compile(f"^{_LEAD}(?P<label>(?P<num>{_NUM})、)[ \u3000]*", re.M)
#: （一） / （1） — the article marker of documents whose chapters are numbered 一、二、 (the same
#: marker opens a list item inside a 第X条 or X、 article; the document's style decides).
ARTICLE_PAREN = re.compile(f"^{_LEAD}(?P<label>（(?P<num>{_CN}|{_AR})）)[ \u3000]*", re.M)
#: 第五章 / 第5章 followed by the chapter title on the same line.
CHAPTER = re.compile(f"^{_LEAD}(?P<label>第(?P<num>{_NUM})章)[ \u3000]*(?P<title>[^\n]*)$", re.M)
#: （一） / （1） / 1. / 1．— item markers at a line start or after a colon/semicolon.
ITEM = re.compile(
    f"(?:^{_LEAD}|(?<=[：；。]))(?P<label>（(?P<cn>{_CN})）|（(?P<ar>{_AR})）|(?P<dot>{_AR})[.．](?![0-9]))",
    re.M,
)
#: A short line with no sentence punctuation: an unnumbered chapter heading such
#: as 总则 / 附则 / 依法行政 once its number was lost in extraction.
UNNUMBERED_HEADING = re.compile(
    f"^{_LEAD}(?P<title>[\u4e00-\u9fff][\u4e00-\u9fff 、\u3000]{{0,14}})[ \u3000]*$", re.M
)
#: 第五条 / 第二章 anywhere in a line: article and chapter markers of a text flattened onto one line.
MARKER_IN_TEXT = re.compile(f"第(?P<num>{_NUM})(?P<kind>[条章])")
#: Sentence ends. A semicolon closes a clause, not a sentence.
SENTENCE_END = re.compile(r"[。！？](?:[”’」』）]*)")
#: A line ending in one of these closes a paragraph; any other may be a broken line.
TERMINAL_CHARS = "。；！？：”’」』）】"


def is_structural_line(line: str) -> bool:
    """True when a (normalized) line opens a chapter, an article or an item."""
    return bool(
        CHAPTER.match(line)
        or ARTICLE_TIAO.match(line)
        or ARTICLE_DUN.match(line)
        or ITEM.match(line)
    )
