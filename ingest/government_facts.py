"""Stage 4 models of what a government is made of (issue 15, part 3): its members, its head,
who acts for and assists the head, under whose leadership it works, to whom it answers, the
instruments it is based on and the principles it states. Every fact carries its ``Evidence``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .fact_values import EntityRef, Evidence

#: member: ``who`` is a member of ``of`` (the government); head: ``who`` heads ``of``;
#: acting: ``who`` acts for ``of`` (the head); assists: ``who`` assists ``of``;
#: leadership: ``who`` leads ``of`` (the government); accountable: ``of`` (the government)
#: answers to ``who``.
Relation = Literal["member", "head", "acting", "assists", "leadership", "accountable"]
RELATIONS: tuple[Relation, ...] = ("member", "head", "acting", "assists", "leadership", "accountable")


@dataclass(frozen=True, slots=True)
class GovernmentLink:
    relation: Relation
    who: EntityRef
    of: EntityRef
    cue: str | None  # as written: 县长负责制, 受县长委托, 按分工负责
    condition: str | None  # as written: 县长出差、学习期间, 县人大闭会期间
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class BasisCitation:
    """An instrument the rules are made from: 根据《中华人民共和国宪法》, 参照《国务院工作规则》."""

    title: str  # normalized (simplified, no spaces): the key shared by every document citing it
    written: str  # the title as written, between 《》
    verb: str  # 根据, 参照, 依据 …
    evidence: Evidence  # the title with its brackets


@dataclass(frozen=True, slots=True)
class Government:
    body: EntityRef  # the government itself: 区政府, or 管委会 for a development zone
    links: tuple[GovernmentLink, ...] = ()
    basis: tuple[BasisCitation, ...] = ()
    principles: Evidence | None = None  # the sentence that states the work principles (准则), to quote
