"""Noun phrases of roles and organs, and who a clause is about.

    县政府各部门和各乡镇的行政正职离县外出，…
    └──────── read_np ────────┘ → parse_parties → 县政府各部门行政正职, 各乡镇的行政正职

A noun phrase is a run of vocabulary terms joined by coordinators, with the prefixes
and role words the genre puts around them; a role word after coordinated organs is
shared by all of them. The subject of a clause is the noun phrase a clause or comma
chunk opens with, else the one named last in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.levels import LEVELS
from schema.vocabulary import Kind, Mention

from ..fact_values import EntityRef
from .common import Clause, Context, descriptive_entity

ENTITY_KINDS: tuple[Kind, ...] = ("role", "body", "meeting")

#: Words that end a role named by an organ or another role: 各部门主要负责人, 各街道办事处主任, 区长助理.
ROLE_HEADS = ("行政主要负责同志", "有关负责同志", "有关负责人", "主要负责同志", "主要负责人", "负责同志", "负责人", "组成人员",
              "行政正职", "公职人员", "工作人员", "主任", "局长", "助理", "顾问")
#: Prefixes an organ may carry inside a noun phrase: 各乡镇, 有关部门.
NP_PREFIXES = ("各", "有关", "相关", "全体")
_PREFIX_INITIALS = frozenset(p[0] for p in NP_PREFIXES)
#: Coordinators between the parts of a noun phrase.
COORDINATOR = re.compile(r"、|以及|及|和|或者|或")
PARENTHETICAL = re.compile(r"（[^（）]*）|\([^()]*\)")
ITEM_LABEL = re.compile(r"^(?:（[一二三四五六七八九十]+）|（\d+）|\d+[.．、])\s*")
#: Pronouns that point back to the subject: 本人, 上述人员.
SUBJECT_PRONOUNS = ("本人", "上述人员", "其本人")
_BY = re.compile(r"由")
#: The characters a government's own name opens with (市政府, 县人大): after a place's name
#: (某某 + 市政府) they make another place's body, read whole where a region is read whole.
_LEVEL_CHARS = frozenset(
    c for level in LEVELS.values() for c in (level.char, *(u.char for u in level.uppers)) if len(c) == 1
)
#: A place's name is two to four characters, none of them a particle, coordinator or preposition.
_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_NOT_IN_A_PLACE = frozenset("的之和及或与同对向由在是为将把被各本该其并等有关相")


# ------------------------------------------------------------------ noun phrases


def mentions_by_start(ctx: Context, text: str) -> dict[int, Mention]:
    """The entity mentions ``read_np`` reads in ``text``, by where they start: found once by a
    caller that reads noun phrases at several starts of the same text."""
    return {m.start: m for m in ctx.mentions(text, ENTITY_KINDS)}


def read_np(ctx: Context, text: str, start: int = 0, places: bool = False,
            mentions: dict[int, Mention] | None = None) -> int:
    """End of the noun phrase of vocabulary terms that starts at ``start`` (== start if none).
    With ``places``, a part may be another place's body (某某市政府): for a region read whole.
    ``mentions``: ``mentions_by_start(ctx, text)``, when the caller has it already.

    县政府各部门和各乡镇的行政正职离县外出 -> the index of 离
    """
    if mentions is None:
        mentions = mentions_by_start(ctx, text)
    pos = start
    end = start
    got = False
    while pos < len(text):
        prefix = _prefix_length(text, pos, mentions)
        if pos + prefix in mentions:
            pos = end = mentions[pos + prefix].end
            got = True
            continue
        place = _place_before(text, pos, mentions) if places and (pos == start or not got) else 0
        if place:
            pos = end = mentions[pos + place].end
            got = True
            continue
        if not got:
            break
        paren = PARENTHETICAL.match(text, pos)
        if paren:
            pos = end = paren.end()
            continue
        head_at = pos + 1 if text.startswith("的", pos) else pos
        head = next((h for h in ROLE_HEADS if text.startswith(h, head_at)), None)
        if head is not None:
            pos = end = head_at + len(head)
            continue
        if head_at in mentions and mentions[head_at].term.kind == "role" and head_at != pos:
            pos = end = mentions[head_at].end
            continue
        coord = COORDINATOR.match(text, pos)
        if coord:
            after = coord.end()
            if after + _prefix_length(text, after, mentions) in mentions:
                pos = after
                continue
            place = _place_before(text, after, mentions) if places else 0
            if place:
                pos = end = mentions[after + place].end
                continue
        break
    return end if got else start


class NounPhrases:
    """Noun phrases read at several starts of one text, from one scan of its mentions (made
    at the first read)."""

    def __init__(self, ctx: Context, text: str) -> None:
        self.ctx = ctx
        self.text = text
        self._mentions: dict[int, Mention] | None = None

    def end(self, start: int) -> int:
        """``read_np(ctx, text, start)``."""
        if self._mentions is None:
            self._mentions = mentions_by_start(self.ctx, self.text)
        return read_np(self.ctx, self.text, start, mentions=self._mentions)


def _prefix_length(text: str, pos: int, mentions: dict[int, Mention]) -> int:
    """Length of the prefix at ``pos`` (各, 有关) that a mention follows; 0 if none."""
    if text[pos : pos + 1] not in _PREFIX_INITIALS:  # most positions: no prefix starts there
        return 0
    for prefix in NP_PREFIXES:
        if text.startswith(prefix, pos) and pos + len(prefix) in mentions:
            return len(prefix)
    return 0


def _place_before(text: str, pos: int, mentions: dict[int, Mention]) -> int:
    """Length of a place's name at ``pos`` that a body of the vocabulary follows with its
    level character (某某 of 某某市政府 or of 某某州人民政府); 0 if none."""
    for length in range(4, 1, -1):
        body = mentions.get(pos + length)
        name = text[pos : pos + length]
        if (body is not None and body.term.kind == "body" and body.surface[0] in _LEVEL_CHARS
                and _PLACE_NAME.fullmatch(name) and not _NOT_IN_A_PLACE.intersection(name)):
            return length
    return 0


@dataclass(frozen=True, slots=True)
class _Part:
    surface: str
    ref: EntityRef
    head: str | None  # the role word that ends an organ-qualified role


def parse_parties(ctx: Context, region: str) -> list[EntityRef]:
    """The entities a noun phrase names, split at coordinators, shared role words distributed.

    县政府各部门和各乡镇的行政正职 -> x:县政府各部门行政正职, x:各乡镇的行政正职
    县政府办公室（县政府总值班室）、县委 -> government_office, party_committee
    """
    region = PARENTHETICAL.sub("", region).strip()
    mentions = ctx.mentions(region, ENTITY_KINDS)
    inside = [(m.start, m.end) for m in mentions]
    cuts = [m for m in COORDINATOR.finditer(region) if not any(s <= m.start() < e for s, e in inside)]
    parts: list[_Part] = []
    pos = 0
    for piece_end, next_pos in [(c.start(), c.end()) for c in cuts] + [(len(region), len(region))]:
        part = _part(ctx, region[pos:piece_end].strip())
        if part is not None:
            parts.append(part)
        pos = next_pos
    last = parts[-1] if parts else None
    out = []
    for part in parts:
        if last is not None and last.head and part is not last and part.head is None and part.ref.kind == "body":
            surface = part.surface + last.head
            out.append(descriptive_entity("role", surface, ctx.level))
        else:
            out.append(part.ref)
    return _unique(out)


def _part(ctx: Context, surface: str) -> _Part | None:
    if not surface:
        return None
    term = ctx.vocab.resolve(surface, ctx.level)
    if term is not None and term.kind in ENTITY_KINDS:
        return _Part(surface, ctx.entity_by_key(term.kind, term.key), None)
    mentions = ctx.mentions(surface, ENTITY_KINDS)
    if not mentions:
        return None
    head = next((h for h in ROLE_HEADS if surface.endswith(h)), None)
    last = mentions[-1]
    if head is None and last.term.kind == "role" and last.end == len(surface):
        head = last.surface
    bodies_before = [m for m in mentions if m.term.kind == "body" and m.end <= len(surface) - len(head or "")]
    if head is not None:
        qualified = bool(bodies_before)
        return _Part(surface, descriptive_entity("role", surface, ctx.level), head if qualified else None)
    if last.end != len(surface):
        return None  # a mention inside a longer noun (县政府重要工作安排) names no party
    if len(mentions) == 1 and _place_before(surface, 0, {last.start: last}) == last.start:
        # 某某市人民政府 and 某某市政府 are one body: the place's name before the term's own name
        surface = surface[: last.start] + ctx.entity(last).name
    return _Part(surface, descriptive_entity(last.term.kind, surface, ctx.level), None)


def _unique(refs: list[EntityRef]) -> list[EntityRef]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        if ref.key not in seen:
            seen.add(ref.key)
            out.append(ref)
    return out


# ------------------------------------------------------------------ subjects


class ClauseSubjects:
    """The noun phrase each clause or comma chunk of one clause opens with, read once, in
    order, as far as a caller asks: every question about the clause shares the reading."""

    def __init__(self, ctx: Context, clause: Clause) -> None:
        self.ctx = ctx
        self.clause = clause
        self.text = clause.text
        self._starts: list[int] | None = None  # found at the first question
        self._read: list[list[EntityRef] | None] = []  # per chunk read so far: its parties, None for no subject

    def last_before(self, upto: int) -> list[EntityRef]:
        """The parties of the last chunk before ``upto`` that opens with a noun phrase ([] if none)."""
        found: list[EntityRef] = []
        if self._starts is None:
            self._starts = _chunk_starts(self.text)
        for i, start in enumerate(self._starts):
            if start >= upto:
                break
            if i == len(self._read):
                self._read.append(self._chunk_subject(start))
            read = self._read[i]
            if read is not None:
                found = read
        return found

    def _chunk_subject(self, start: int) -> list[EntityRef] | None:
        text = self.text
        if any(text.startswith(p, start) for p in SUBJECT_PRONOUNS):
            return None
        end = read_np(self.ctx, text, start, mentions=self.ctx.clause_mentions(self.clause, ENTITY_KINDS))
        if end > start and not text.startswith("的", end):
            return parse_parties(self.ctx, text[start:end])
        return None


class SubjectTracker:
    """Who an article's clauses are about: the noun phrase a clause or comma chunk opens
    with, else the last one named earlier in the article."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.current: list[EntityRef] = []

    def read(self, clause: Clause) -> ClauseSubjects:
        """The chunks of one clause, for ``clause_subjects`` and ``observe``."""
        return ClauseSubjects(self.ctx, clause)

    def clause_subjects(self, clause: ClauseSubjects, upto: int) -> list[EntityRef]:
        """The subject in force at ``upto`` in a clause; remembers it for later clauses."""
        found = clause.last_before(upto)
        if found:
            self.current = found
        return self.current

    def observe(self, clause: ClauseSubjects) -> None:
        self.clause_subjects(clause, len(clause.text))


def label_end(text: str) -> int:
    """Where a clause starts after its item label (（一）, 1.)."""
    label = ITEM_LABEL.match(text)
    return label.end() if label else 0


def _chunk_starts(text: str) -> list[int]:
    return [label_end(text)] + [m.end() for m in re.finditer(r"[，,：:]", text)]


def by_source(ctx: Context, text: str, upto: int, mentions: dict[int, Mention] | None = None) -> list[EntityRef]:
    """The source a ``由X`` before ``upto`` names: 由县政府办公室汇总后向县长报告.
    ``mentions``: ``mentions_by_start(ctx, text)``, when the caller has it already."""
    found: list[EntityRef] = []
    for m in _BY.finditer(text, 0, upto):
        mentions = mentions if mentions is not None else mentions_by_start(ctx, text)
        end = read_np(ctx, text, m.end(), mentions=mentions)
        if end > m.end():
            found = parse_parties(ctx, text[m.end() : end])
    return found
