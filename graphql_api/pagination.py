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
from typing import TypeVar

import strawberry

from schema.rows import ObligationRow, Page, SearchHit

from .builders import article, obligation
from .errors import BadArgument, BadCursor
from .types import Article, Obligation

R = TypeVar("R")
E = TypeVar("E")

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


def _edges(skip: int, rows: tuple[R, ...], make: Callable[[int, R], E]) -> list[E]:
    return [make(skip + i, row) for i, row in enumerate(rows)]


def _page_info(kind: str, skip: int, count: int, total: int) -> PageInfo:
    return PageInfo(
        has_next_page=skip + count < total,
        has_previous_page=skip > 0,
        start_cursor=encode_cursor(kind, skip) if count else None,
        end_cursor=encode_cursor(kind, skip + count - 1) if count else None,
    )


def obligation_connection(skip: int, page: Page[ObligationRow]) -> ObligationConnection:
    edges = _edges(skip, page.rows,
                   lambda i, row: ObligationEdge(cursor=encode_cursor("obligations", i), node=obligation(row)))
    return ObligationConnection(edges=edges, page_info=_page_info("obligations", skip, len(page.rows), page.total),
                                total_count=page.total)


def article_connection(skip: int, page: Page[SearchHit]) -> ArticleConnection:
    edges = _edges(skip, page.rows,
                   lambda i, hit: ArticleEdge(cursor=encode_cursor("search", i), node=article(hit.article),
                                              score=float(hit.score)))
    return ArticleConnection(edges=edges, page_info=_page_info("search", skip, len(page.rows), page.total),
                             total_count=page.total)
