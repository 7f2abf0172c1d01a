"""Typed, closed models exchanged between the parsing stages.

    bytes --decode--> RawText --normalize--> NormalizedText --parse_structure--> DocumentTree

Every span is half-open ``[start, end)`` in *original* text coordinates, so that
``raw.text[span.start:span.end]`` is the exact surface the citation shows.
Normalized coordinates (``nstart``/``nend``) are kept beside them for matching.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class RawText:
    """A decoded document: the original characters, untouched."""

    name: str
    text: str
    encoding: str


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Text prepared for matching, with a map back to the original.

    ``offsets[i]`` is the original index of normalized character ``i``;
    ``offsets[len(text)]`` is one past the last mapped original character.
    """

    raw: RawText
    text: str
    offsets: array[int]  # array('l'), len(text) + 1 entries
    body_start: int  # normalized index where the rules proper begin (0 if unknown)
    body_end: int  # normalized index where the closing block (抄送, 印发) begins
    shown: str  # parallel to text: what a citation shows for each character (see display)

    def to_original(self, nstart: int, nend: int) -> tuple[int, int]:
        """Map a normalized span to the original span that covers the same characters."""
        if nend <= nstart:
            pos = self.offsets[nstart]
            return pos, pos
        return self.offsets[nstart], self.offsets[nend - 1] + 1

    def display(self, nstart: int, nend: int) -> str:
        """The span as a reader should see it, artifacts left out.

        Keeps the source's characters (traditional stays traditional, full-width stays
        full-width) but drops what normalization removed (page markers, broken-line breaks,
        Word bookmarks, HTML tags) and shows a decoded HTML entity as its character.
        """
        return self.shown[nstart:nend]


WarningCode = Literal[
    "no-structure",
    "article-gap",
    "article-duplicate",
    "article-out-of-order",
    "chapter-number-mismatch",
    "truncated",
    "no-title",
    "no-jurisdiction",
    "converted-script",
    "not-rules-genre",
    "jurisdiction-named",
    "starts-mid-document",
]


@dataclass(frozen=True, slots=True)
class ParseWarning:
    code: WarningCode
    message: str
    start: int | None = None  # original offset the warning points at, if any


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int  # 1-based within its article
    start: int
    end: int
    nstart: int
    nend: int
    text: str  # == raw.text[start:end]


@dataclass(frozen=True, slots=True)
class Item:
    label: str  # the marker as written: "（一）", "1."
    number: int
    start: int
    end: int
    nstart: int
    nend: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    number: int  # the number printed on it (第五十条 -> 50, （四） -> 4); the ordinal when unreadable
    ordinal: int  # position in the document, 1..N: the article's unique address
    declared: int | None  # the number as written (None when unreadable)
    label: str  # marker as written: "第五十五条", "五十五、", "11、"
    chapter: int  # ordinal of its chapter (0 when the document has none)
    start: int
    end: int
    nstart: int
    nend: int
    text: str  # == raw.text[start:end]
    clean_text: str  # the same characters without page markers and broken lines
    items: tuple[Item, ...] = ()
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Chapter:
    number: int  # ordinal position, 1..N
    declared: int | None  # 第X章 as written, None for an unnumbered heading
    title: str
    start: int
    end: int
    text: str  # heading line as written


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    title: str | None
    jurisdiction: str | None  # 朝阳区
    jurisdiction_full: str | None  # 北京市朝阳区
    parent: str | None  # 北京市
    level: str | None  # district | county | city | banner | zone | new_area | prefecture
    doc_number: str | None
    issued: str | None  # ISO date
    adopted: str | None
    adopted_by: str | None  # 第84次区政府常务会议
    status: Literal["effective", "draft"]
    supersedes: tuple[str, ...] = ()
    government: str | None = None  # the organ after the place name: 人民政府, 管理委员会, 行政公署
    identified_by: str | None = None  # where the jurisdiction was read: title | notice | issuer | doc-number | body | named
    published: str | None = None  # ISO date the web page the text was copied from gives
    source_url: str | None = None  # where the text came from, as the user or a sources.yaml gives it


@dataclass(frozen=True, slots=True)
class DocumentTree:
    raw: RawText
    normalized: NormalizedText
    metadata: DocumentMetadata
    chapters: tuple[Chapter, ...]
    articles: tuple[Article, ...]
    warnings: tuple[ParseWarning, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.raw.name
