"""Relay-style cursor pagination over the stores' (total, page) answers.

A cursor is opaque to clients: base64 of ``<list name>:<offset>``. It is bound to the
list it came from, so an obligations cursor handed to ``search`` is refused.

>>> decode_cursor(encode_cursor("search", 19), "search")
19
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

import strawberry

from .errors import BadArgument, BadCursor
from .types import Article, Obligation, Row, article, obligation

DEFAULT_PAGE = 20
MAX_PAGE = 100


def encode_cursor(kind: str, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{offset}".encode()).decode("ascii")


def decode_cursor(cursor: str, kind: str) -> int:
    """The offset of the item a cursor points at; BadCursor for anything we did not hand out."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        raise BadCursor(f"invalid cursor {cursor!r}: pass an endCursor this list returned") from None
    prefix, _, number = text.partition(":")
    if prefix != kind or not number.isdigit():
        raise BadCursor(f"invalid cursor {cursor!r}: not a cursor of {kind}")
    return int(number)


def page_window(kind: str, first: int | None, after: str | None) -> tuple[int, int]:
    """(skip, limit) for ``first`` items after the cursor ``after``."""
    limit = DEFAULT_PAGE if first is None else first
    if not 0 <= limit <= MAX_PAGE:
        raise BadArgument(f"first must be between 0 and {MAX_PAGE}, got {limit}")
    skip = 0 if after is None else decode_cursor(after, kind) + 1
    return skip, limit


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class ObligationEdge:
    cursor: str
    node: Obligation


@strawberry.type
class ObligationConnection:
    edges: list[ObligationEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type
class ArticleEdge:
    cursor: str
    node: Article
    score: float = strawberry.field(description="How often the text occurs in the article; higher first")


@strawberry.type
class ArticleConnection:
    edges: list[ArticleEdge]
    page_info: PageInfo
    total_count: int


def _edges(skip: int, rows: list[Row], make: Callable[[int, Row], Any]) -> list[Any]:
    return [make(skip + i, row) for i, row in enumerate(rows)]


def _page_info(kind: str, skip: int, count: int, total: int) -> PageInfo:
    return PageInfo(
        has_next_page=skip + count < total,
        has_previous_page=skip > 0,
        start_cursor=encode_cursor(kind, skip) if count else None,
        end_cursor=encode_cursor(kind, skip + count - 1) if count else None,
    )


def obligation_connection(skip: int, total: int, rows: list[Row]) -> ObligationConnection:
    edges = _edges(skip, rows,
                   lambda i, row: ObligationEdge(cursor=encode_cursor("obligations", i), node=obligation(row)))
    return ObligationConnection(edges=edges, page_info=_page_info("obligations", skip, len(rows), total),
                                total_count=total)


def article_connection(skip: int, total: int, rows: list[Row]) -> ArticleConnection:
    edges = _edges(skip, rows,
                   lambda i, row: ArticleEdge(cursor=encode_cursor("search", i), node=article(row["article"]),
                                              score=float(row["score"])))
    return ArticleConnection(edges=edges, page_info=_page_info("search", skip, len(rows), total), total_count=total)
